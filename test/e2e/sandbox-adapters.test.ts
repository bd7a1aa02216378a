import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/sandbox.ts';
import { decisionMarker } from '../../src/core/tracker.ts';
import {
  asanaConnection,
  decision,
  drain,
  jiraConnection,
  type Receiver,
  startReceiver,
  trelloConnection,
} from './sandbox-kit.ts';

/**
 * The real adapters, built as the composition root builds them, against the sandbox: every read,
 * write and webhook registration goes through jira.js, trello.js and the asana SDK over HTTP.
 */

let sb: Sandbox;
let receiver: Receiver;

beforeAll(async () => {
  sb = await startSandbox({ timeFactor: 0.001 });
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await sb?.close();
});

const marker = (id: string) => decisionMarker(id);

describe('Jira emulation with the Jira adapter (API token)', () => {
  it('fetches an issue, lists a project page by page, then only what changed', async () => {
    const c = sb.control;
    await c.jira.createProject('SHOP', 'Shop');
    const epic = await c.jira.createIssue({ projectKey: 'SHOP', summary: 'Checkout', issuetype: 'Epic' });
    const story = await c.jira.createIssue({
      projectKey: 'SHOP',
      summary: 'Pay by card',
      parent: epic.key,
      status: 'In Progress',
      labels: ['payments'],
      storyPoints: 5,
      duedate: '2027-04-01',
      components: ['web'],
    });
    await c.jira.updateIssue(story.key, { flagged: true });
    for (const summary of ['Receipts', 'Refunds', 'Invoices'])
      await c.jira.createIssue({ projectKey: 'SHOP', summary });
    const conn = jiraConnection(sb, { settings: { pageSize: 2 } });

    const task = await conn.adapter.fetchTask({ externalId: story.id });
    expect(task).toMatchObject({
      externalId: story.id,
      key: story.key,
      url: `${sb.urls.jira}/browse/${story.key}`,
      title: 'Pay by card',
      status: 'In Progress',
      statusCategory: 'in_progress',
      blocked: true,
      estimate: 5,
      dueDate: '2027-04-01',
      parentExternalId: epic.id,
      labels: ['payments'],
    });
    expect(task?.facets.epic).toEqual([epic.key]);
    expect(await conn.adapter.fetchTask({ externalId: '99999' })).toBeNull();

    const before = (await c.counters()).requests.jira.byRoute['GET /rest/api/3/search/jql'] ?? 0;
    const pages = await drain(conn.adapter.listChanged({ tracker: 'jira', projectKey: 'SHOP' }, null));
    expect(pages.map((p) => p.tasks.length)).toEqual([2, 2, 1]);
    expect(new Set(pages.flatMap((p) => p.tasks.map((t) => t.key))).size).toBe(5);
    expect((await c.counters()).requests.jira.byRoute['GET /rest/api/3/search/jql']).toBe(before + 3);

    await c.advanceClock(5 * 60_000);
    await c.jira.transition('SHOP-3', 'Done');
    const cursor = pages.at(-1)?.cursor ?? null;
    const changed = await drain(conn.adapter.listChanged({ tracker: 'jira', projectKey: 'SHOP' }, cursor));
    // The cursor is the newest `updated` seen (SHOP-5's): the boundary issue is listed again.
    expect(changed.flatMap((p) => p.tasks.map((t) => [t.key, t.statusCategory]))).toEqual([
      ['SHOP-5', 'todo'],
      ['SHOP-3', 'done'],
    ]);
  });

  it('pushes a decision twice and leaves one comment, the label and the transition', async () => {
    const issue = await sb.control.jira.createIssue({
      projectKey: 'SHOP',
      summary: 'Gift cards',
      status: 'In Review',
    });
    const conn = jiraConnection(sb, { settings: { acceptTransition: { statusCategory: 'done' } } });
    const first = await conn.adapter.pushDecision({ externalId: issue.id }, decision('dec_jira_1'));
    const second = await conn.adapter.pushDecision({ externalId: issue.id }, decision('dec_jira_1'));
    expect([first.commented, second.commented]).toEqual([true, false]);
    const after = await sb.control.jira.issue(issue.key);
    expect(after.comments.filter((m) => m.text.includes(marker('dec_jira_1')))).toHaveLength(1);
    expect(after.labels).toContain('jalon-accepted');
    expect(after.status).toBe('Done');
    const pushed = await sb.control.pushed({ tracker: 'jira', itemId: issue.id });
    expect(pushed.map((p) => p.kind)).toEqual(['comment', 'label_added', 'transition']);
  });

  it('registers an admin webhook once and delivers signed events the adapter accepts', async () => {
    const conn = jiraConnection(sb);
    receiver.register('jira', conn.id, conn.adapter, conn.secrets);
    const url = receiver.callbackUrl('jira', conn.id);
    const [reg] = await conn.adapter.registerWebhooks({ tracker: 'jira', projectKey: 'SHOP' }, url);
    const [again] = await conn.adapter.registerWebhooks({ tracker: 'jira', projectKey: 'SHOP' }, url);
    expect(again?.externalId).toBe(reg?.externalId);
    expect(reg?.expiresAt).toBeNull();
    await sb.control.jira.transition('SHOP-4', 'In Progress');
    const [got] = await receiver.waitFor(() => receiver.received({ connectionId: conn.id }).length >= 1);
    const delivery = receiver.received({ connectionId: conn.id })[0];
    expect(got).toBeDefined();
    expect(delivery?.verdict).toEqual({ kind: 'accept' });
    expect(delivery?.headers['x-hub-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    const event = delivery?.parsed?.events[0];
    expect(event).toMatchObject({ kind: 'updated', task: { key: 'SHOP-4', status: 'In Progress' } });
  });
});

describe('Trello emulation with the Trello adapter', () => {
  it('fetches a card, lists the board in pages, then only what changed', async () => {
    const c = sb.control;
    const board = await c.trello.createBoard('Website', ['To Do', 'Doing', 'Done']);
    const blocked = await c.trello.createCard({
      boardId: board.id,
      list: 'Doing',
      name: 'Hero image',
      labels: ['Blocked'],
      members: ['priyaprovider'],
    });
    await c.trello.createCard({ boardId: board.id, list: 'Done', name: 'Logo' });
    for (const name of ['Footer', 'Pricing', 'Blog'])
      await c.trello.createCard({ boardId: board.id, list: 'To Do', name });
    await c.advanceClock(10 * 60_000);
    await c.trello.createCard({ boardId: board.id, list: 'To Do', name: 'Newest' });
    const conn = trelloConnection(sb, { pageSize: 2 });

    const task = await conn.adapter.fetchTask({ externalId: blocked.id });
    expect(task).toMatchObject({
      externalId: blocked.id,
      key: blocked.shortLink,
      title: 'Hero image',
      status: 'Doing',
      statusCategory: 'in_progress',
      blocked: true,
      assignee: 'Priya Provider',
    });
    const pages = await drain(conn.adapter.listChanged({ tracker: 'trello', boardId: board.id }, null));
    expect(pages.map((p) => p.tasks.length)).toEqual([2, 2, 2]);
    const logo = pages.flatMap((p) => p.tasks).find((t) => t.title === 'Logo');
    expect(logo).toMatchObject({ statusCategory: 'done', completedAt: expect.any(String) });

    await c.advanceClock(10 * 60_000);
    const footer = pages.flatMap((p) => p.tasks).find((t) => t.title === 'Footer');
    await c.trello.moveCard(footer?.externalId ?? '', 'Done');
    const changed = await drain(
      conn.adapter.listChanged({ tracker: 'trello', boardId: board.id }, pages.at(-1)?.cursor ?? null),
    );
    // The cursor trails the newest activity seen by two minutes: "Newest" is listed again.
    expect(changed.flatMap((p) => p.tasks.map((t) => [t.title, t.statusCategory]))).toEqual([
      ['Footer', 'done'],
      ['Newest', 'todo'],
    ]);
  });

  it('pushes a decision twice and leaves one comment and the decision label', async () => {
    const board = await sb.control.trello.createBoard('Decisions');
    const card = await sb.control.trello.createCard({ boardId: board.id, list: 'Done', name: 'Ship it' });
    const conn = trelloConnection(sb);
    const first = await conn.adapter.pushDecision({ externalId: card.id }, decision('dec_trello_1'));
    const second = await conn.adapter.pushDecision({ externalId: card.id }, decision('dec_trello_1'));
    expect([first, second]).toEqual([
      { commented: true, marked: true },
      { commented: false, marked: false },
    ]);
    const after = await sb.control.trello.card(card.id);
    expect(after.comments.filter((m) => m.text.includes(marker('dec_trello_1')))).toHaveLength(1);
    expect(after.labels.map((l) => l.name)).toEqual(['Jalon: accepted']);
  });

  it('registers a webhook after the HEAD check and delivers signed actions', async () => {
    const board = await sb.control.trello.createBoard('Hooks');
    const card = await sb.control.trello.createCard({ boardId: board.id, list: 'To Do', name: 'Watch me' });
    const conn = trelloConnection(sb);
    receiver.register('trello', conn.id, conn.adapter, conn.secrets);
    const url = receiver.callbackUrl('trello', conn.id);
    const [reg] = await conn.adapter.registerWebhooks({ tracker: 'trello', boardId: board.id }, url);
    const [again] = await conn.adapter.registerWebhooks({ tracker: 'trello', boardId: board.id }, url);
    expect(again?.externalId).toBe(reg?.externalId);
    expect(receiver.received({ connectionId: conn.id }).map((r) => [r.method, r.verdict.kind])).toEqual([
      ['HEAD', 'probe'],
    ]);
    await sb.control.trello.moveCard(card.id, 'Doing');
    await receiver.waitFor(() => receiver.received({ connectionId: conn.id }).length >= 2);
    const delivery = receiver.received({ connectionId: conn.id })[1];
    expect(delivery?.verdict).toEqual({ kind: 'accept' });
    expect(delivery?.parsed?.events).toEqual([
      expect.objectContaining({ kind: 'updated', externalId: card.id, task: null }),
    ]);
  });
});

describe('Asana emulation with the Asana adapter', () => {
  it('fetches a task, crawls a project page by page, then follows its events', async () => {
    const c = sb.control;
    const project = await c.asana.createProject('Mobile app', ['To Do', 'In Progress', 'Done']);
    await c.asana.bulkTasks(project.gid, 150, 'To Do', 'Screen');
    const task = await c.asana.createTask({
      project: project.gid,
      name: 'Login',
      section: 'In Progress',
      due_on: '2027-05-01',
      tags: ['blocked'],
    });
    const conn = asanaConnection(sb);

    const fetched = await conn.adapter.fetchTask({ externalId: task.gid });
    expect(fetched).toMatchObject({
      externalId: task.gid,
      title: 'Login',
      status: 'In Progress',
      statusCategory: 'in_progress',
      blocked: true,
      dueDate: '2027-05-01',
      labels: ['blocked'],
      url: task.url,
    });
    const pages = await drain(conn.adapter.listChanged({ tracker: 'asana', projectGid: project.gid }, null));
    expect(pages.map((p) => p.tasks.length)).toEqual([100, 51]);

    await c.asana.completeTask(task.gid);
    const changed = await drain(
      conn.adapter.listChanged({ tracker: 'asana', projectGid: project.gid }, pages.at(-1)?.cursor ?? null),
    );
    expect(changed.flatMap((p) => p.tasks.map((t) => [t.title, t.statusCategory]))).toEqual([
      ['Login', 'done'],
    ]);
  });

  it('pushes a decision twice and leaves one comment story and the decision tag', async () => {
    const project = await sb.control.asana.createProject('Decisions');
    const task = await sb.control.asana.createTask({
      project: project.gid,
      name: 'Onboarding',
      section: 'Done',
    });
    const conn = asanaConnection(sb);
    const first = await conn.adapter.pushDecision({ externalId: task.gid }, decision('dec_asana_1'));
    const second = await conn.adapter.pushDecision({ externalId: task.gid }, decision('dec_asana_1'));
    expect([first, second]).toEqual([
      { commented: true, marked: true },
      { commented: false, marked: false },
    ]);
    const after = await sb.control.asana.task(task.gid);
    expect(after.comments.filter((m) => m.text.includes(marker('dec_asana_1')))).toHaveLength(1);
    expect(after.tags).toEqual(['jalon-accepted']);
  });

  it('registers a webhook through the handshake and delivers signed event batches', async () => {
    const project = await sb.control.asana.createProject('Hooked');
    const task = await sb.control.asana.createTask({ project: project.gid, name: 'Search' });
    const conn = asanaConnection(sb);
    receiver.register('asana', conn.id, conn.adapter, conn.secrets);
    const url = receiver.callbackUrl('asana', conn.id);
    const [reg] = await conn.adapter.registerWebhooks({ tracker: 'asana', projectGid: project.gid }, url);
    const [again] = await conn.adapter.registerWebhooks({ tracker: 'asana', projectGid: project.gid }, url);
    expect(again?.externalId).toBe(reg?.externalId);
    expect(conn.secrets).toHaveLength(1);
    await sb.control.asana.moveToSection(task.gid, 'Done');
    await sb.control.asana.comment(task.gid, 'Ready for review');
    await receiver.waitFor(() =>
      receiver.received({ connectionId: conn.id }).some((r) => (r.parsed?.events.length ?? 0) > 0),
    );
    const kinds = receiver.received({ connectionId: conn.id }).map((r) => r.verdict.kind);
    expect(kinds[0]).toBe('handshake');
    expect(kinds.slice(1).every((k) => k === 'accept')).toBe(true);
    const events = receiver.received({ connectionId: conn.id }).flatMap((r) => r.parsed?.events ?? []);
    expect(events.map((e) => [e.kind, e.externalId])).toEqual(
      expect.arrayContaining([
        ['updated', task.gid],
        ['comment', task.gid],
      ]),
    );
  });
});
