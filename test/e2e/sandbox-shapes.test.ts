import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/sandbox.ts';
import {
  adapterFixture,
  asanaConnection,
  jiraConnection,
  type Received,
  type Receiver,
  sharedFixture,
  startReceiver,
  trelloConnection,
} from './sandbox-kit.ts';
import { at, expectSameShape, JIRA_ISSUE_PATHS, type Json, keys } from './sandbox-shape.ts';

/**
 * The sandbox's webhook bodies against the vendor captures and doc examples the adapters are
 * tested on (test/fixtures, adapters/asana/fixtures): same top-level keys, and the same JSON
 * types (and date formats) at every path an adapter reads. Then every delivery this file caused
 * must verify and parse with the real adapter, as Jalon's receiver would.
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

const bodyOf = (r: Received | undefined): Json => JSON.parse(r?.body.toString('utf8') ?? 'null') as Json;

async function nextDelivery(connectionId: string, count: number): Promise<Json> {
  await receiver.waitFor(
    () => receiver.received({ connectionId }).filter((r) => r.method === 'POST').length >= count,
  );
  return bodyOf(receiver.received({ connectionId }).filter((r) => r.method === 'POST')[count - 1]);
}

describe('Jira webhook bodies', () => {
  it('match the captured issue_created, issue_updated (resolved), comment_created and the documented example', async () => {
    await sb.control.jira.createProject('TES', 'test1');
    const conn = jiraConnection(sb);
    receiver.register('jira', conn.id, conn.adapter, conn.secrets);
    await conn.adapter.registerWebhooks(
      { tracker: 'jira', projectKey: 'TES' },
      receiver.callbackUrl('jira', conn.id),
    );

    const issue = await sb.control.jira.createIssue({
      projectKey: 'TES',
      summary: 'Unit test summary 1',
      labels: ['test-label'],
      components: ['COMP-1'],
    });
    const created = await nextDelivery(conn.id, 1);
    const createdFixture = sharedFixture('jira/webhook-jira_issue_created.json');
    expect(keys(created)).toEqual(keys(createdFixture));
    expectSameShape(created, createdFixture, JIRA_ISSUE_PATHS);

    await sb.control.jira.transition(issue.key, 'In Progress');
    await sb.control.jira.transition(issue.key, 'Done');
    const resolved = await nextDelivery(conn.id, 3);
    const resolvedFixture = sharedFixture('jira/webhook-jira_issue_updated-status-to-done-resolution.json');
    expect(keys(resolved)).toEqual(keys(resolvedFixture));
    expectSameShape(resolved, resolvedFixture, [
      ...JIRA_ISSUE_PATHS,
      'issue.fields.resolution.name',
      'changelog.items.1.from',
      'changelog.items.1.to',
    ]);

    await sb.control.jira.comment(issue.key, 'Added a comment');
    const comment = await nextDelivery(conn.id, 4);
    const commentFixture = sharedFixture('jira/webhook-comment_created.json');
    expect(keys(comment)).toEqual(keys(commentFixture));
    expect(keys((comment.issue as Json).fields)).toEqual(
      keys((commentFixture as { issue: Json }).issue.fields),
    );
    expectSameShape(comment, commentFixture, [
      'timestamp',
      'webhookEvent',
      'comment.id',
      'comment.self',
      'comment.author.accountId',
      'comment.updateAuthor.accountId',
      'comment.body',
      'comment.created',
      'comment.updated',
      'issue.id',
      'issue.key',
      'issue.fields.summary',
      'issue.fields.status.name',
      'issue.fields.project.key',
      'issue.fields.assignee',
    ]);

    await sb.control.jira.updateIssue(issue.key, {
      summary: 'A new summary.',
      labels: ['UI', 'dialogue', 'move'],
    });
    const edited = await receiver.waitFor(() => receiver.received({ connectionId: conn.id }).length >= 6);
    const update = edited
      .filter((r) => r.connectionId === conn.id)
      .map(bodyOf)
      .find((b) => b.issue_event_type_name === 'issue_updated');
    const doc = (sharedFixture('jira/webhook-issue_updated-vendor-doc-example.json') as { body: Json }).body;
    expect(keys(update)).toEqual(keys(doc));
    expectSameShape(update, doc, [
      'timestamp',
      'webhookEvent',
      'issue_event_type_name',
      'issue.id',
      'issue.key',
      'issue.self',
      'issue.fields.summary',
      'issue.fields.created',
      'issue.fields.labels',
      'user.displayName',
      'changelog.items.0.field',
      'changelog.items.0.fromString',
      'changelog.items.0.toString',
    ]);
  });
});

describe('Trello webhook bodies', () => {
  it('match the captured createCard, updateCard (list move) and commentCard deliveries', async () => {
    const board = await sb.control.trello.createBoard('Welcome Board', ['Basics', 'Intermediate']);
    const conn = trelloConnection(sb);
    receiver.register('trello', conn.id, conn.adapter, conn.secrets);
    await conn.adapter.registerWebhooks(
      { tracker: 'trello', boardId: board.id },
      receiver.callbackUrl('trello', conn.id),
    );
    const common = [
      'action.id',
      'action.idMemberCreator',
      'action.type',
      'action.date',
      'action.data.board.id',
      'action.data.board.name',
      'action.data.board.shortLink',
      'action.data.card.id',
      'action.data.card.name',
      'action.data.card.shortLink',
      'action.data.card.idShort',
      'action.memberCreator.id',
      'action.memberCreator.fullName',
      'action.memberCreator.username',
      'action.memberCreator.initials',
      'model.id',
      'model.name',
      'model.url',
      'model.shortUrl',
      'model.closed',
      'model.prefs',
      'model.labelNames',
    ];
    const check = (body: Json, fixture: unknown, extra: string[]) => {
      expect(keys(body)).toEqual(keys(fixture));
      expect(keys(body.action)).toEqual(expect.arrayContaining(keys((fixture as Json).action)));
      expectSameShape(body, fixture, [...common, ...extra]);
    };

    const card = await sb.control.trello.createCard({
      boardId: board.id,
      list: 'Intermediate',
      name: 'New card',
    });
    check(await nextDelivery(conn.id, 1), sharedFixture('trello/webhook-createCard.json'), [
      'action.data.list.id',
      'action.data.list.name',
    ]);
    await sb.control.trello.moveCard(card.id, 'Basics');
    check(await nextDelivery(conn.id, 2), sharedFixture('trello/webhook-updateCard-list-move.json'), [
      'action.data.listAfter.id',
      'action.data.listAfter.name',
      'action.data.listBefore.id',
      'action.data.listBefore.name',
      'action.data.card.idList',
      'action.data.old.idList',
    ]);
    await sb.control.trello.comment(card.id, 'New comment');
    check(await nextDelivery(conn.id, 3), sharedFixture('trello/webhook-commentCard.json'), [
      'action.data.text',
      'action.data.list.id',
      'action.data.list.name',
    ]);
  });
});

describe('Asana webhook bodies', () => {
  it('match the captured compact event and the documented event kinds', async () => {
    const project = await sb.control.asana.createProject('Bugs', ['To Do', 'Done']);
    const task = await sb.control.asana.createTask({ project: project.gid, name: 'Crash on start' });
    const conn = asanaConnection(sb);
    receiver.register('asana', conn.id, conn.adapter, conn.secrets);
    await conn.adapter.registerWebhooks(
      { tracker: 'asana', projectGid: project.gid },
      receiver.callbackUrl('asana', conn.id),
    );
    await sb.control.asana.completeTask(task.gid);
    await sb.control.asana.moveToSection(task.gid, 'Done');
    await sb.control.asana.comment(task.gid, 'Fixed in 1.2');
    await sb.control.settle();
    const events = receiver
      .received({ connectionId: conn.id })
      .filter((r) => r.verdict.kind === 'accept')
      .flatMap((r) => (bodyOf(r).events as Json[]) ?? []);
    const capture = sharedFixture('asana/webhook-events-task-changed-2019.json') as { events: Json[] };
    const changed = events.find((e) => e.action === 'changed');
    expect(keys({ events })).toEqual(keys(capture));
    expect(keys(changed)).toEqual(expect.arrayContaining(keys(capture.events[0])));
    const base = [
      'action',
      'created_at',
      'parent',
      'resource.gid',
      'resource.resource_type',
      'resource.resource_subtype',
      'user.gid',
      'user.resource_type',
    ];
    expectSameShape(changed, capture.events[0], base);

    const documented = (adapterFixture('asana/fixtures/webhook-delivery-mixed.json') as { events: Json[] })
      .events;
    const like = (e: Json, list: Json[]) =>
      list.find(
        (x) =>
          x.action === e.action &&
          at(x, 'resource.resource_type') === at(e, 'resource.resource_type') &&
          at(x, 'parent.resource_type') === at(e, 'parent.resource_type'),
      );
    const pairs = [
      { action: 'changed', resource: { resource_type: 'task' }, parent: null },
      { action: 'added', resource: { resource_type: 'task' }, parent: { resource_type: 'section' } },
      { action: 'added', resource: { resource_type: 'story' }, parent: { resource_type: 'task' } },
    ].map((probe) => [like(probe as Json, events), like(probe as Json, documented)] as const);
    for (const [mine, theirs] of pairs) {
      expect(mine).toBeDefined();
      expect(keys(mine)).toEqual(keys(theirs));
      expectSameShape(mine, theirs, [
        ...base,
        'parent.gid',
        'parent.resource_type',
        'change.field',
        'change.action',
      ]);
    }
  });
});

describe('every delivery the sandbox sent', () => {
  it('verifies and parses with the real adapters, including Jira OAuth deliveries signed with a JWT', async () => {
    await sb.control.jira.createProject('OAU', 'OAuth project');
    const oauth = jiraConnection(sb, { oauth: true });
    receiver.register('jira', oauth.id, oauth.adapter, oauth.secrets);
    await oauth.adapter.registerWebhooks(
      { tracker: 'jira', projectKey: 'OAU' },
      receiver.callbackUrl('jira', oauth.id),
    );
    await sb.control.jira.createIssue({ projectKey: 'OAU', summary: 'Signed with a JWT' });
    await sb.control.settle();
    const jwt = receiver.received({ connectionId: oauth.id });
    expect(jwt).toHaveLength(1);
    expect(jwt[0]?.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);

    const all = receiver.received();
    expect(all.length).toBeGreaterThan(10);
    const problems = all.filter((r) => r.verdict.kind === 'reject' || r.parseError !== null);
    expect(problems.map((r) => ({ tracker: r.tracker, verdict: r.verdict, error: r.parseError }))).toEqual(
      [],
    );
    expect(new Set(all.map((r) => r.verdict.kind))).toEqual(new Set(['accept', 'probe', 'handshake']));
  });
});
