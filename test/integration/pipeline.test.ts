import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { JIRA_SECRET, JIRA_SETTINGS, jiraDelivery } from '../support/jira-deliveries.ts';
import { followScope } from '../support/scope.ts';

let t: TestApp;
let workers: Workers;
let connectionId: string;

beforeAll(async () => {
  t = await buildTestApp();
  workers = t.container.startWorkers();
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/connections',
    headers: t.admin,
    payload: {
      tracker: 'jira',
      name: 'pipeline',
      baseUrl: 'https://acme.atlassian.net',
      credentials: { email: 'bot@acme.example', apiToken: 'token' },
      webhookSecret: JIRA_SECRET,
      settings: JIRA_SETTINGS,
    },
  });
  connectionId = res.json().id;
  await followScope({ app: t.app, store: t.container.store }, connectionId, {
    tracker: 'jira',
    projectKey: 'PAY',
  });
});
afterAll(async () => {
  await workers?.close();
  for (const q of ['ingest', 'relay', 'sync', 'recompute']) {
    await t?.container.queues.queue(q).obliterate({ force: true });
  }
  await t?.close();
});

/**
 * Tracker times an hour ago, a minute apart: Jalon clamps a tracker time later than the receipt to
 * it, so a delivery's `updated` must lie in the past for newest-wins to compare the test's times.
 */
const T0 = Date.now() - 3_600_000;
const trackerTime = (i: number) => new Date(T0 + i * 60_000);

const send = (d: { body: Buffer; headers: Record<string, string> }, id = connectionId) =>
  t.app.inject({ method: 'POST', url: `/webhooks/jira/${id}`, headers: d.headers, payload: d.body });

async function until<T>(probe: () => Promise<T | null | undefined | false>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
const inboxStatusOf = async (id: number) => (await t.container.store.inbox.get(id))?.status;
const rawCount = async (sql: string, params: unknown[]) =>
  Number(
    (await t.container.database.rawTransaction((tx) => tx.query<{ n: string }>(sql, params)))[0]?.n ?? 0,
  );

describe('webhook receiver', () => {
  it('401 for a bad signature or an unknown connection, and stores nothing', async () => {
    const forged = jiraDelivery(
      { id: '9001', key: 'PAY-1', category: 'todo', updated: new Date() },
      'wrong-secret-xxxxxxxx',
    );
    const res = await send(forged);
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((await send(forged, 'con_unknown')).statusCode).toBe(401);
    expect(
      await rawCount('select count(*) n from webhook_inbox where connection_id = $1', [connectionId]),
    ).toBe(0);
  });

  it('stores a delivery sent three times once and changes the task once', async () => {
    const d = jiraDelivery({
      id: '10001',
      key: 'PAY-11',
      category: 'in_progress',
      updated: trackerTime(0),
    });
    const answers = await Promise.all([send(d), send(d), send(d)]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(answers.filter((a) => a.json().duplicate === false)).toHaveLength(1);
    // Machine-to-machine routes: no browser security headers (helmet is off on the receivers).
    expect(answers[0]?.headers['content-security-policy']).toBeUndefined();
    expect(answers[0]?.headers['x-request-id']).toBeDefined();
    const task = await until(() => t.container.store.tasks.get(connectionId, '10001'));
    expect(task).toMatchObject({ key: 'PAY-11', statusCategory: 'in_progress', tracker: 'jira' });
    await new Promise((r) => setTimeout(r, 300));
    const key = d.headers['x-atlassian-webhook-identifier'];
    expect(await rawCount('select count(*) n from webhook_inbox where delivery_key = $1', [key])).toBe(1);
    expect(await t.container.store.tasks.countChanges(task.id)).toBe(1);
  });

  it('lets the newest state win when deliveries for one task arrive shuffled', async () => {
    const states = (['todo', 'in_progress', 'done'] as const).map((category, i) =>
      jiraDelivery({ id: '10002', key: 'PAY-12', category, updated: trackerTime(10 + i) }),
    );
    for (const d of [states[2], states[0], states[1]]) if (d) expect((await send(d)).statusCode).toBe(200);
    await until(async () => {
      const rows = await rawCount(
        `select count(*) n from webhook_inbox where connection_id = $1 and status = 'processed'`,
        [connectionId],
      );
      return rows >= 4;
    });
    const task = await t.container.store.tasks.get(connectionId, '10002');
    expect(task?.statusCategory).toBe('done');
    expect(task?.completedAt).not.toBeNull();
  });

  it('acknowledges only what it stored: the relay processes deliveries whose jobs Redis lost', async () => {
    await workers.close();
    const d = jiraDelivery({
      id: '10003',
      key: 'PAY-13',
      category: 'todo',
      updated: trackerTime(20),
    });
    expect((await send(d)).statusCode).toBe(200);
    // Redis loses its data: remove this test's own ingest queue (its prefix is unique to it).
    await t.container.queues.queue('ingest').obliterate({ force: true });
    expect(await t.container.store.tasks.get(connectionId, '10003')).toBeNull();
    workers = t.container.startWorkers();
    const relay = t.container.queues.queue('relay');
    // The relay runs on its schedule; run it now with no grace instead of waiting for it.
    const { relayProcessor } = await import('../../src/jobs/relay.job.ts');
    await relayProcessor({ inbox: t.container.store.inbox, queues: t.container.queues, graceMs: 0 }).process(
      {},
      await relay.add('relay', {}),
    );
    const task = await until(() => t.container.store.tasks.get(connectionId, '10003'));
    expect(task.key).toBe('PAY-13');
  });

  it('the relay queues a row whose job Redis lost and leaves the rows a live job still holds', async () => {
    await workers.close();
    const ingest = t.container.queues.queue('ingest');
    const idOf = async (key: string) =>
      Number(
        (
          await t.container.database.rawTransaction((tx) =>
            tx.query<{ id: string }>('select id from webhook_inbox where delivery_key = $1', [key]),
          )
        )[0]?.id,
      );
    const jobHolding = (inboxId: number) =>
      until(async () =>
        (await ingest.getJobs(['waiting'])).find((j) => (j.data.inboxIds as number[]).includes(inboxId)),
      );
    const [lost, held] = ['10006', '10007'].map((id) =>
      jiraDelivery({ id, key: `PAY-${id}`, category: 'todo', updated: trackerTime(30) }),
    ) as [ReturnType<typeof jiraDelivery>, ReturnType<typeof jiraDelivery>];
    expect((await send(lost)).statusCode).toBe(200);
    const lostId = await idOf(lost.headers['x-atlassian-webhook-identifier'] as string);
    // Redis loses that one job (the row stays pending), then a later delivery is queued as usual.
    await (await jobHolding(lostId)).remove();
    expect((await send(held)).statusCode).toBe(200);
    const heldId = await idOf(held.headers['x-atlassian-webhook-identifier'] as string);
    const heldJob = await jobHolding(heldId);

    const { relayProcessor } = await import('../../src/jobs/relay.job.ts');
    const result = await relayProcessor({
      inbox: t.container.store.inbox,
      queues: t.container.queues,
      graceMs: 0,
    }).process({}, await t.container.queues.queue('relay').add('relay', {}));
    expect(result).toMatchObject({ requeued: 1 });
    const waiting = await ingest.getJobs(['waiting']);
    const relayed = waiting.filter((j) => j.id?.startsWith('ingest-relay-'));
    expect(relayed.map((j) => j.data.inboxIds)).toEqual([[lostId]]);
    expect(relayed[0]?.id).toMatch(new RegExp(`^ingest-relay-${lostId}-\\d+$`));
    // The live job keeps its row: nothing else names it.
    expect(waiting.filter((j) => (j.data.inboxIds as number[]).includes(heldId)).map((j) => j.id)).toEqual([
      heldJob.id,
    ]);

    workers = t.container.startWorkers();
    await until(() => t.container.store.tasks.get(connectionId, '10006'));
    await until(() => t.container.store.tasks.get(connectionId, '10007'));
    await until(async () => (await inboxStatusOf(lostId)) === 'processed');
  });

  it('stores a signed delivery it cannot read, and the worker fails it with a clear reason', async () => {
    // The receiver reads only the delivery key (Jira: the identifier header) and parses nothing:
    // a signed body that is not a Jira event is stored, then failed by the ingest worker.
    const key = randomUUID();
    for (const body of ['{not json', '{"issue":{}}']) {
      const d = jiraDelivery(
        { id: '10004', key: 'PAY-14', category: 'todo', updated: new Date() },
        JIRA_SECRET,
        `${key}-${body.length}`,
      );
      const mac = createHmac('sha256', JIRA_SECRET).update(body).digest('hex');
      const res = await send({
        body: Buffer.from(body),
        headers: { ...d.headers, 'x-hub-signature': `sha256=${mac}` },
      });
      expect(res.statusCode, res.body).toBe(200);
      const row = await until(async () => {
        const [r] = await t.container.database.rawTransaction((tx) =>
          tx.query<{ status: string; last_error: string | null }>(
            'select status, last_error from webhook_inbox where delivery_key = $1',
            [`${key}-${body.length}`],
          ),
        );
        return r?.status === 'failed' ? r : null;
      });
      expect(row.last_error).toMatch(/^malformed_webhook: jira webhook body cannot be read/);
    }
    expect(await t.container.store.tasks.get(connectionId, '10004')).toBeNull();
  });

  it('checks every stored delivery landed exactly once under a burst', async () => {
    const burst = Array.from({ length: 60 }, (_, i) =>
      jiraDelivery(
        { id: `2${i}`, key: `PAY-2${i}`, category: 'todo', updated: trackerTime(40) },
        JIRA_SECRET,
        randomUUID(),
      ),
    );
    const answers = await Promise.all(burst.map((d) => send(d)));
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    for (const d of burst) {
      const key = d.headers['x-atlassian-webhook-identifier'];
      expect(await rawCount('select count(*) n from webhook_inbox where delivery_key = $1', [key])).toBe(1);
    }
    await until(async () => (await t.container.store.tasks.get(connectionId, '259')) !== null);
  });

  it('queues stored deliveries in batch jobs, never one per delivery; the relay leaves rows a live job covers, and a failing delivery gets a job of its own', async () => {
    await workers.close();
    const ingest = t.container.queues.queue('ingest');
    const good = Array.from({ length: 5 }, (_, i) =>
      jiraDelivery(
        { id: `31${i}`, key: `PAY-31${i}`, category: 'todo', updated: trackerTime(50) },
        JIRA_SECRET,
        randomUUID(),
      ),
    );
    const badKey = randomUUID();
    const badBody = '{"issue":{}}';
    const bad = {
      body: Buffer.from(badBody),
      headers: {
        ...jiraDelivery(
          { id: '319', key: 'PAY-319', category: 'todo', updated: new Date() },
          JIRA_SECRET,
          badKey,
        ).headers,
        'x-hub-signature': `sha256=${createHmac('sha256', JIRA_SECRET).update(badBody).digest('hex')}`,
      },
    };
    const answers = await Promise.all([...good, bad].map((d) => send(d)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    const rows = await t.container.database.rawTransaction((tx) =>
      tx.query<{ id: string; received_at: Date }>(
        'select id, received_at from webhook_inbox where delivery_key = any($1::text[]) order by id',
        [[...good, bad].map((d) => d.headers['x-atlassian-webhook-identifier'])],
      ),
    );
    expect(rows).toHaveLength(6);
    // Every job the receiver queued for these rows is a batch job naming them; none is per delivery.
    // (The receiver queues a stored batch after answering: wait until all the rows are in jobs.)
    const ids = rows.map((r) => Number(r.id)).sort();
    const queued = await until(async () => {
      const jobs = (await ingest.getJobs(['waiting', 'prioritized', 'delayed'])).filter((j) =>
        (j.data.inboxIds as number[] | undefined)?.some((id) => ids.includes(id)),
      );
      const named = jobs.flatMap((j) => j.data.inboxIds as number[]).sort();
      return named.length === ids.length ? jobs : null;
    });
    expect(
      queued.every(
        (j) => j.name === 'ingest-batch' && j.id === `ingest-batch-${Math.min(...j.data.inboxIds)}`,
      ),
    ).toBe(true);
    expect(queued.flatMap((j) => j.data.inboxIds).sort()).toEqual(ids);
    expect(
      (await ingest.getJobs(['waiting', 'prioritized', 'delayed'])).some(
        (j) => j.name === 'ingest' && ids.includes(j.data.inboxId),
      ),
    ).toBe(false);
    // The relay finds the same rows pending, all covered by the receiver's live jobs: it adds none.
    const { relayProcessor } = await import('../../src/jobs/relay.job.ts');
    const before = await ingest.count();
    await relayProcessor({ inbox: t.container.store.inbox, queues: t.container.queues, graceMs: 0 }).process(
      {},
      await t.container.queues.queue('relay').add('relay', {}),
    );
    expect(await ingest.count()).toBe(before);

    workers = t.container.startWorkers();
    for (const d of good) {
      const id = JSON.parse(d.body.toString()).issue.id as string;
      await until(() => t.container.store.tasks.get(connectionId, id));
    }
    const [badRow] = await t.container.database.rawTransaction((tx) =>
      tx.query<{ id: string }>('select id from webhook_inbox where delivery_key = $1', [badKey]),
    );
    expect(badRow).toBeDefined();
    const alone = await until(async () => {
      const job = await ingest.getJob(`ingest-${badRow?.id}`);
      // Read after it failed (a job read while it ran has no failedReason yet).
      return job?.failedReason && (await job.getState()) === 'failed' ? job : null;
    });
    expect(alone.failedReason).toContain('malformed_webhook');
    // Its row is marked failed by the job's final-failure hook, just after the job fails.
    await until(async () => (await inboxStatusOf(Number(badRow?.id))) === 'failed');
  });

  it('serves the normalised tasks through GET /v1/tasks with filters and roles', async () => {
    const finance = await t.keyFor('finance');
    const res = await t.app.inject({
      url: `/v1/tasks?connectionId=${connectionId}&statusCategory=done`,
      headers: finance,
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { key: string; tracker: string; statusCategory: string }[];
    expect(items.map((i) => i.key)).toContain('PAY-12');
    expect(items.every((i) => i.statusCategory === 'done' && i.tracker === 'jira')).toBe(true);
    const paged = await t.app.inject({
      url: `/v1/tasks?connectionId=${connectionId}&limit=2`,
      headers: finance,
    });
    expect(paged.json().items).toHaveLength(2);
    expect(paged.json().nextCursor).toEqual(expect.any(String));
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/providers',
      headers: t.admin,
      payload: { name: 'Studio' },
    });
    const provider = await t.keyFor('provider', created.json().id);
    expect((await t.app.inject({ url: '/v1/tasks', headers: provider })).statusCode).toBe(403);
  });
});

describe('task store: concurrent upserts share one statement', () => {
  const snapshot = (externalId: string, minute: number, title = `Task ${externalId}`) => ({
    tracker: 'jira' as const,
    externalId,
    key: `BAT-${externalId}`,
    url: `https://acme.atlassian.net/browse/BAT-${externalId}`,
    title,
    statusCategory: minute % 2 === 0 ? ('todo' as const) : ('done' as const),
    status: minute % 2 === 0 ? 'To Do' : 'Done',
    cancelled: false,
    blocked: false,
    assignee: null,
    dueDate: '2027-03-01',
    labels: ['a', 'b'],
    parentExternalId: null,
    estimate: 2.5,
    completedAt: minute % 2 === 0 ? null : new Date(Date.UTC(2027, 2, 1, 10, minute)).toISOString(),
    createdAt: '2027-01-01T09:00:00.000Z',
    updatedAt: new Date(Date.UTC(2027, 2, 1, 10, minute)).toISOString(),
    deleted: false,
    facets: { label: ['a', 'b'] },
    scopeIds: ['BAT'],
  });

  it('applies newest-wins per task, two snapshots of one task included, and isolates a bad one', async () => {
    const store = t.container.store.tasks;
    const base = `9${Date.now() % 1_000_000}`;
    const [a1, a2, b, older, bad] = await Promise.allSettled([
      store.upsertIfNewer(connectionId, snapshot(`${base}1`, 1)),
      store.upsertIfNewer(connectionId, snapshot(`${base}1`, 2)),
      store.upsertIfNewer(connectionId, snapshot(`${base}2`, 3)),
      store.upsertIfNewer(connectionId, snapshot(`${base}1`, 0)),
      store.upsertIfNewer(connectionId, snapshot(`${base}3`, 1, 'NUL \u0000 in a title')),
    ]);
    expect(a1).toMatchObject({ status: 'fulfilled', value: { revision: 1, statusCategory: 'done' } });
    expect(a2).toMatchObject({ status: 'fulfilled', value: { revision: 2, statusCategory: 'todo' } });
    expect(b).toMatchObject({
      status: 'fulfilled',
      value: { labels: ['a', 'b'], facets: { label: ['a', 'b'] }, estimate: 2.5, dueDate: '2027-03-01' },
    });
    expect(older).toMatchObject({ status: 'fulfilled', value: null });
    expect(bad.status).toBe('rejected');
    const stored = await store.get(connectionId, `${base}1`);
    expect(stored).toMatchObject({ revision: 2, updatedAt: '2027-03-01T10:02:00.000Z', completedAt: null });
    expect(await store.countChanges(stored?.id ?? '')).toBe(2);
    expect(await store.get(connectionId, `${base}3`)).toBeNull();

    // All good: the queued snapshots go in one statement (two rounds for the repeated task).
    const again = await Promise.all([
      store.upsertIfNewer(connectionId, snapshot(`${base}4`, 5)),
      store.upsertIfNewer(connectionId, snapshot(`${base}1`, 6)),
      store.upsertIfNewer(connectionId, snapshot(`${base}5`, 7)),
      store.upsertIfNewer(connectionId, snapshot(`${base}1`, 4)),
    ]);
    expect(again.map((r) => r?.revision ?? null)).toEqual([1, 3, 1, null]);
    expect(await store.countChanges(stored?.id ?? '')).toBe(3);
  });
});
