import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/sandbox.ts';
import {
  asanaConnection,
  drain,
  jiraConnection,
  type Receiver,
  startReceiver,
  trelloConnection,
} from './sandbox-kit.ts';

/**
 * Webhook delivery as the vendors behave: retries on their schedule (shortened by the time
 * factor), Trello's 410 deletion, Asana giving up after 24 hours, and, on request, duplicates,
 * out-of-order deliveries and drops (that reconciliation must recover).
 */

let sb: Sandbox;
let receiver: Receiver;

beforeAll(async () => {
  sb = await startSandbox({ timeFactor: 0.0001 });
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await sb?.close();
});

const posts = (connectionId: string) =>
  receiver.received({ connectionId }).filter((r) => r.method === 'POST');

async function jiraHooked(projectKey: string) {
  await sb.control.jira.createProject(projectKey);
  const conn = jiraConnection(sb);
  receiver.register('jira', conn.id, conn.adapter, conn.secrets);
  await conn.adapter.registerWebhooks({ tracker: 'jira', projectKey }, receiver.callbackUrl('jira', conn.id));
  return conn;
}

describe('retries', () => {
  it('retries a Jira delivery the receiver failed, with the same identifier and a retry count', async () => {
    const conn = await jiraHooked('RTY');
    receiver.failNext(2, 503);
    const issue = await sb.control.jira.createIssue({ projectKey: 'RTY', summary: 'Flaky receiver' });
    await sb.control.settle();
    const [delivered] = posts(conn.id);
    expect(delivered?.headers['x-atlassian-webhook-retry']).toBe('2');
    expect(delivered?.parsed?.events[0]?.externalId).toBe(issue.id);
    const log = (await sb.control.deliveries({ tracker: 'jira' })).filter((d) => d.url.includes(conn.id));
    expect(log).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3, lastStatus: 200 })]);
  });

  it('gives up on Jira after five retries, and never retries a 4xx it does not list', async () => {
    const conn = await jiraHooked('GVP');
    receiver.failNext(6, 500);
    await sb.control.jira.createIssue({ projectKey: 'GVP', summary: 'Down for good' });
    await sb.control.settle();
    receiver.failNext(1, 400);
    await sb.control.jira.createIssue({ projectKey: 'GVP', summary: 'Refused' });
    await sb.control.settle();
    const log = (await sb.control.deliveries({ tracker: 'jira' })).filter((d) => d.url.includes(conn.id));
    expect(log.map((d) => [d.status, d.attempts, d.lastStatus])).toEqual([
      ['failed', 6, 500],
      ['failed', 1, 400],
    ]);
    expect(posts(conn.id)).toHaveLength(0);
  });

  it('deletes a Trello webhook whose callback answers 410 Gone', async () => {
    const board = await sb.control.trello.createBoard('Gone');
    const card = await sb.control.trello.createCard({ boardId: board.id, list: 'To Do', name: 'Orphan' });
    const conn = trelloConnection(sb);
    receiver.register('trello', conn.id, conn.adapter, conn.secrets);
    await conn.adapter.registerWebhooks(
      { tracker: 'trello', boardId: board.id },
      receiver.callbackUrl('trello', conn.id),
    );
    receiver.failNext(1, 410);
    await sb.control.trello.moveCard(card.id, 'Doing');
    await sb.control.settle();
    expect((await sb.control.webhooks()).trello.filter((h) => h.idModel === board.id)).toEqual([]);
    await sb.control.trello.moveCard(card.id, 'Done');
    await sb.control.settle();
    expect(posts(conn.id)).toHaveLength(0);
  });

  it('retries Asana deliveries for 24 hours, then deletes the webhook', async () => {
    // A day of Asana's backoff at a time factor of 1e-5 lasts under a second.
    const fast = await startSandbox({ timeFactor: 0.00001, asana: { heartbeatMs: 3_600_000 } });
    try {
      const project = await fast.control.asana.createProject('Unreachable');
      const task = await fast.control.asana.createTask({ project: project.gid, name: 'Lost' });
      const conn = asanaConnection(fast);
      receiver.register('asana', conn.id, conn.adapter, conn.secrets);
      await conn.adapter.registerWebhooks(
        { tracker: 'asana', projectGid: project.gid },
        receiver.callbackUrl('asana', conn.id),
      );
      await fast.control.settle();
      receiver.failNext(1000, 500);
      await fast.control.asana.completeTask(task.gid);
      expect(await fast.control.settle(10_000)).toEqual({ idle: true });
      receiver.failNext(0, 500);
      const log = await fast.control.deliveries({ tracker: 'asana' });
      expect(log.map((d) => d.event)).toEqual(['heartbeat', 'task:changed']);
      expect(log[1]).toMatchObject({ status: 'failed', lastStatus: 500 });
      expect(log[1]?.attempts).toBeGreaterThan(20);
      expect((await fast.control.webhooks()).asana).toEqual([]);
    } finally {
      await fast.close();
    }
  });
});

describe('delivery modes', () => {
  it('delivers twice on request: same Trello action, same delivery key', async () => {
    const board = await sb.control.trello.createBoard('Twice');
    const card = await sb.control.trello.createCard({ boardId: board.id, list: 'To Do', name: 'Echo' });
    const conn = trelloConnection(sb);
    receiver.register('trello', conn.id, conn.adapter, conn.secrets);
    await conn.adapter.registerWebhooks(
      { tracker: 'trello', boardId: board.id },
      receiver.callbackUrl('trello', conn.id),
    );
    await sb.control.setDelivery({ tracker: 'trello', duplicateNext: 1 });
    await sb.control.trello.comment(card.id, 'Said twice');
    await sb.control.settle();
    const keys = posts(conn.id).map((r) => r.parsed?.deliveryKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(posts(conn.id)[0]?.body.equals(posts(conn.id)[1]?.body ?? Buffer.alloc(0))).toBe(true);
  });

  it('delivers out of order on request', async () => {
    const conn = await jiraHooked('ORD');
    await sb.control.setDelivery({ tracker: 'jira', reorderNext: 2 });
    const first = await sb.control.jira.createIssue({ projectKey: 'ORD', summary: 'First' });
    const second = await sb.control.jira.createIssue({ projectKey: 'ORD', summary: 'Second' });
    await sb.control.settle();
    expect(posts(conn.id).map((r) => r.parsed?.events[0]?.externalId)).toEqual([second.id, first.id]);
  });

  it('drops a delivery on request, and the adapter’s listing still finds the change', async () => {
    const conn = await jiraHooked('DRP');
    const kept = await sb.control.jira.createIssue({ projectKey: 'DRP', summary: 'Kept' });
    await sb.control.settle();
    const listed = await drain(conn.adapter.listChanged({ tracker: 'jira', projectKey: 'DRP' }, null));
    const before = (await sb.control.counters()).deliveries.jira.dropped;
    await sb.control.setDelivery({ tracker: 'jira', dropNext: 1 });
    await sb.control.advanceClock(3 * 60_000);
    await sb.control.jira.transition(kept.key, 'Done');
    await sb.control.settle();
    expect((await sb.control.counters()).deliveries.jira.dropped).toBe(before + 1);
    expect(posts(conn.id)).toHaveLength(1);
    const recovered = await drain(
      conn.adapter.listChanged({ tracker: 'jira', projectKey: 'DRP' }, listed.at(-1)?.cursor ?? null),
    );
    expect(recovered.flatMap((p) => p.tasks.map((t) => [t.key, t.statusCategory]))).toEqual([
      [kept.key, 'done'],
    ]);
  });
});

describe('the simulated clock', () => {
  it('dates data weeks back on request, while JWT-signed deliveries stay valid', async () => {
    const threeWeeksAgo = new Date(Date.now() - 21 * 86_400_000).toISOString();
    await sb.control.setClock(threeWeeksAgo);
    await sb.control.jira.createProject('PST');
    const conn = jiraConnection(sb, { oauth: true });
    receiver.register('jira', conn.id, conn.adapter, conn.secrets);
    await conn.adapter.registerWebhooks(
      { tracker: 'jira', projectKey: 'PST' },
      receiver.callbackUrl('jira', conn.id),
    );
    const issue = await sb.control.jira.createIssue({ projectKey: 'PST', summary: 'Kick-off' });
    await sb.control.settle();
    const task = await conn.adapter.fetchTask({ externalId: issue.id });
    expect(Math.abs(Date.parse(task?.createdAt ?? '') - Date.parse(threeWeeksAgo))).toBeLessThan(60_000);
    expect(posts(conn.id).map((r) => r.verdict.kind)).toEqual(['accept']);
    await sb.control.setClock(new Date().toISOString());
  });
});
