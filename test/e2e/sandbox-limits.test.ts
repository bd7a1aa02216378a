import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueForRefresh } from '../../adapters/jira/index.ts';
import { type Sandbox, startSandbox } from '../../sandbox/sandbox.ts';
import { TrackerRateLimited, TrackerUnavailable } from '../../src/core/tracker.ts';
import {
  asanaConnection,
  drain,
  jiraConnection,
  type Receiver,
  startReceiver,
  trelloConnection,
} from './sandbox-kit.ts';

/**
 * The vendors' limits and failure modes, met by the real adapters: a 2,000-card Trello sync paced
 * below Trello's limits, Trello's key lockout, Asana's budget, concurrency and 412 sync-token
 * reset, Jira's 429 and its dynamic-webhook refresh before expiry, and injected faults.
 */

const DAY = 86_400_000;

let sb: Sandbox;
let tight: Sandbox;
let receiver: Receiver;

beforeAll(async () => {
  sb = await startSandbox({ timeFactor: 0.001 });
  tight = await startSandbox({
    timeFactor: 0.001,
    limits: {
      trello: { tokenMax: 5, keyMax: 1000, intervalMs: 1000, lockoutRejections: 3 },
      asana: { perMinute: 40 },
      jira: { budget: 5, windowMs: 60_000 },
    },
  });
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await Promise.all([sb?.close(), tight?.close()]);
});

/** A token bucket: `rate` requests a second, bursts of `burst`. */
function tokenBucket(rate: number, burst: number): () => Promise<void> {
  let tokens = burst;
  let last = Date.now();
  return async function take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      tokens = Math.min(burst, tokens + ((now - last) / 1000) * rate);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, ((1 - tokens) / rate) * 1000));
    }
  };
}

/** Runs `work` with every fetch to `prefix` paced by the bucket (the adapter's own HTTP calls). */
async function paced<T>(prefix: string, take: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  const real = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith(prefix)) await take();
    return real(input, init);
  };
  try {
    return await work();
  } finally {
    globalThis.fetch = real;
  }
}

const rejection = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => null,
    (err: unknown) => err,
  );

describe('Trello rate limits', () => {
  it('syncs a 2,000-card board through listChanged without a single 429, paced at 8 req/s (burst 10)', async () => {
    const board = await sb.control.trello.createBoard('Big board', ['To Do', 'Doing', 'Done']);
    await sb.control.trello.bulkCards(board.id, 100, 'Done', 'Shipped');
    await sb.control.trello.bulkCards(board.id, 1900, 'To Do', 'Backlog');
    await sb.control.resetCounters();
    const conn = trelloConnection(sb);
    const scope = { tracker: 'trello' as const, boardId: board.id };
    const take = tokenBucket(8, 10);

    const full = await paced(sb.urls.trello, take, () => drain(conn.adapter.listChanged(scope, null)));
    const tasks = full.flatMap((p) => p.tasks);
    expect(tasks).toHaveLength(2000);
    expect(tasks.filter((t) => t.statusCategory === 'done' && t.completedAt !== null)).toHaveLength(100);
    const afterFull = (await sb.control.counters()).requests.trello;
    // cards/all, lists, members and two pages of placement actions: the size of the board does not
    // multiply the calls, so Trello's 100 requests per 10 s are never approached.
    expect(afterFull.requests).toBeLessThanOrEqual(6);

    await sb.control.advanceClock(10 * 60_000);
    for (const id of tasks.slice(0, 40).map((t) => t.externalId))
      await sb.control.trello.moveCard(id, 'Doing');
    const incremental = await paced(sb.urls.trello, take, async () => {
      const pages = await drain(conn.adapter.listChanged(scope, full.at(-1)?.cursor ?? null));
      for (const t of tasks.slice(100, 110)) await conn.adapter.fetchTask({ externalId: t.externalId });
      return pages.flatMap((p) => p.tasks);
    });
    expect(incremental.filter((t) => t.status === 'Doing')).toHaveLength(40);
    const counters = (await sb.control.counters()).requests.trello;
    expect(counters.rateLimited).toBe(0);
    expect(counters.lockouts).toBe(0);
    expect(counters.requests).toBeLessThan(30);
  });

  it('answers 429 past the token limit, then locks the key after too many rejections', async () => {
    const board = await tight.control.trello.createBoard('Tight');
    const card = await tight.control.trello.createCard({ boardId: board.id, list: 'To Do', name: 'Limited' });
    const key = tight.credentials.trello.apiKey;
    const url = (token: string) => `${tight.urls.trello}/cards/${card.id}?key=${key}&token=${token}`;
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await fetch(url('hammer'))).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    const locked = await fetch(url('innocent'));
    expect(locked.status).toBe(429);
    expect(await locked.json()).toEqual({ error: 'API_KEY_LIMIT_EXCEEDED', message: 'Rate limit exceeded' });
    expect(locked.headers.get('x-rate-limit-api-token-interval-ms')).toBe('1000');
    expect((await tight.control.counters()).requests.trello.lockouts).toBe(1);

    const conn = trelloConnection(tight, {}, 'adapter-token');
    const limited = await rejection(conn.adapter.fetchTask({ externalId: card.id }));
    expect(limited).toBeInstanceOf(TrackerRateLimited);
    expect((limited as TrackerRateLimited).retryAfterMs).toBe(1000);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await conn.adapter.fetchTask({ externalId: card.id })).toMatchObject({ title: 'Limited' });
  });
});

describe('Asana rate limits and sync tokens', () => {
  it('refuses writes past 15 in flight and requests past the per-minute budget, with Retry-After', async () => {
    const project = await tight.control.asana.createProject('Budget');
    const task = await tight.control.asana.createTask({ project: project.gid, name: 'Busy' });
    await tight.control.addFault({ tracker: 'asana', kind: 'slow', delayMs: 500, method: 'POST' });
    const post = () =>
      fetch(`${tight.urls.asana}/tasks/${task.gid}/stories`, {
        method: 'POST',
        headers: { authorization: 'Bearer writer', 'content-type': 'application/json' },
        body: JSON.stringify({ data: { text: 'hello' } }),
      });
    const statuses = (await Promise.all(Array.from({ length: 20 }, post))).map((r) => r.status);
    await tight.control.clearFaults('asana');
    expect(statuses.filter((s) => s === 201)).toHaveLength(15);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect((await tight.control.counters()).requests.asana.maxConcurrency).toBeGreaterThanOrEqual(15);

    const conn = asanaConnection(tight);
    let err: unknown = null;
    for (let i = 0; i < 41 && err === null; i++)
      err = await rejection(conn.adapter.fetchTask({ externalId: task.gid }));
    expect(err).toBeInstanceOf(TrackerRateLimited);
    expect((err as TrackerRateLimited).retryAfterMs).toBeGreaterThanOrEqual(1000);
  });

  it('resets an expired events sync token (412) by crawling the project again', async () => {
    const project = await sb.control.asana.createProject('Sync');
    const gids = (await sb.control.asana.bulkTasks(project.gid, 5, 'To Do', 'Item')).gids;
    const conn = asanaConnection(sb);
    const scope = { tracker: 'asana' as const, projectGid: project.gid };
    const start = (await sb.control.counters()).asana.events412;

    const first = await drain(conn.adapter.listChanged(scope, null));
    expect(first.flatMap((p) => p.tasks)).toHaveLength(5);
    await sb.control.asana.completeTask(gids[0] ?? '');
    const second = await drain(conn.adapter.listChanged(scope, first.at(-1)?.cursor ?? null));
    expect(second.flatMap((p) => p.tasks.map((t) => t.externalId))).toEqual([gids[0]]);

    await sb.control.asana.expireSyncTokens();
    await sb.control.asana.completeTask(gids[1] ?? '');
    const reset = await drain(conn.adapter.listChanged(scope, second.at(-1)?.cursor ?? null));
    expect(reset.flatMap((p) => p.tasks)).toHaveLength(5);
    expect(reset.flatMap((p) => p.tasks).filter((t) => t.statusCategory === 'done')).toHaveLength(2);

    await sb.control.advanceClock(25 * 3_600_000);
    const aged = await drain(conn.adapter.listChanged(scope, reset.at(-1)?.cursor ?? null));
    expect(aged.flatMap((p) => p.tasks)).toHaveLength(5);
    expect((await sb.control.counters()).asana.events412 - start).toBe(3);
  });
});

describe('Jira rate limits and dynamic webhooks', () => {
  it('answers 429 with Retry-After over the budget', async () => {
    await tight.control.jira.createProject('LIM');
    const issue = await tight.control.jira.createIssue({ projectKey: 'LIM', summary: 'Hot' });
    const conn = jiraConnection(tight, {
      settings: {
        storyPointsField: 'customfield_10016',
        flaggedField: 'customfield_10021',
        siteUrl: tight.urls.jira,
      },
    });
    let err: unknown = null;
    for (let i = 0; i < 6 && err === null; i++)
      err = await rejection(conn.adapter.fetchTask({ externalId: issue.id }));
    expect(err).toBeInstanceOf(TrackerRateLimited);
    expect((err as TrackerRateLimited).retryAfterMs).toBeGreaterThan(1000);
    expect((await tight.control.counters()).requests.jira.rateLimited).toBe(1);
  });

  it('keeps an OAuth app’s dynamic webhook alive by refreshing it before it expires', async () => {
    await sb.control.jira.createProject('DYN');
    await sb.control.jira.createProject('OLD');
    const conn = jiraConnection(sb, { oauth: true });
    receiver.register('jira', conn.id, conn.adapter, conn.secrets);
    const url = receiver.callbackUrl('jira', conn.id);
    const [kept] = await conn.adapter.registerWebhooks({ tracker: 'jira', projectKey: 'DYN' }, url);
    const [left] = await conn.adapter.registerWebhooks({ tracker: 'jira', projectKey: 'OLD' }, url);
    if (!kept || !left) throw new Error('no registration');
    const now = async () => new Date((await sb.control.clock()).now);
    expect(Date.parse(kept.expiresAt ?? '') - (await now()).getTime()).toBeGreaterThan(29 * DAY);
    expect(dueForRefresh(kept, await now())).toBe(false);

    await sb.control.advanceClock(24 * DAY);
    expect(dueForRefresh(kept, await now())).toBe(true);
    const [refreshed] = await conn.adapter.refreshWebhooks([kept.externalId]);
    expect(Date.parse(refreshed?.expiresAt ?? '') - (await now()).getTime()).toBeGreaterThan(29 * DAY);

    await sb.control.advanceClock(10 * DAY);
    const live = await sb.control.jira.createIssue({ projectKey: 'DYN', summary: 'Still watched' });
    await sb.control.jira.createIssue({ projectKey: 'OLD', summary: 'Nobody listens' });
    await sb.control.settle();
    const deliveries = receiver.received({ connectionId: conn.id });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.verdict).toEqual({ kind: 'accept' });
    expect(deliveries[0]?.parsed?.events[0]?.externalId).toBe(live.id);
    const hooks = (await sb.control.webhooks()).jira.dynamic.map((h) => h.id);
    expect(hooks).toContain(Number(kept.externalId));
    expect(hooks).not.toContain(Number(left.externalId));
  });
});

describe('injected faults', () => {
  it('turns 500s, slow answers and 429 storms into the adapters’ errors, then recovers', async () => {
    const board = await sb.control.trello.createBoard('Faulty');
    const card = await sb.control.trello.createCard({ boardId: board.id, list: 'To Do', name: 'Fragile' });
    const trello = trelloConnection(sb);
    await sb.control.addFault({ tracker: 'trello', kind: 'error', status: 503, count: 1 });
    expect(await rejection(trello.adapter.fetchTask({ externalId: card.id }))).toBeInstanceOf(
      TrackerUnavailable,
    );
    expect(await trello.adapter.fetchTask({ externalId: card.id })).toMatchObject({ title: 'Fragile' });

    const project = await sb.control.asana.createProject('Stormy');
    const task = await sb.control.asana.createTask({ project: project.gid, name: 'Rained on' });
    const asana = asanaConnection(sb);
    await sb.control.addFault({ tracker: 'asana', kind: 'rate_limit', retryAfterSeconds: 7, count: 2 });
    for (let i = 0; i < 2; i++) {
      const err = await rejection(asana.adapter.fetchTask({ externalId: task.gid }));
      expect(err).toBeInstanceOf(TrackerRateLimited);
      expect((err as TrackerRateLimited).retryAfterMs).toBe(7000);
    }
    expect(await asana.adapter.fetchTask({ externalId: task.gid })).toMatchObject({ title: 'Rained on' });

    await sb.control.jira.createProject('SLO');
    const issue = await sb.control.jira.createIssue({ projectKey: 'SLO', summary: 'Slow' });
    const jira = jiraConnection(sb);
    await jira.adapter.fetchTask({ externalId: issue.id });
    await sb.control.addFault({ tracker: 'jira', kind: 'slow', delayMs: 300, count: 1 });
    const started = Date.now();
    await jira.adapter.fetchTask({ externalId: issue.id });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect((await sb.control.faults()).length).toBe(0);
  });
});
