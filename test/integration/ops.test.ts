import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestJob, ingestJobId } from '../../src/jobs/ingest.job.ts';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { uniq } from '../support/env.ts';
import { JIRA_SECRET, JIRA_SETTINGS, jiraDelivery } from '../support/jira-deliveries.ts';
import { followScope } from '../support/scope.ts';

const SITE = 'https://ops.atlassian.net';
const QUEUES = ['ingest', 'relay', 'sync', 'recompute', 'noop', 'pushback'];
let t: TestApp;
let workers: Workers;
let connectionId: string;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  t = await buildTestApp();
  workers = t.container.startWorkers();
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/connections',
    headers: t.admin,
    payload: {
      tracker: 'jira',
      name: 'ops',
      baseUrl: SITE,
      credentials: { email: 'bot@acme.example', apiToken: 'token' },
      webhookSecret: JIRA_SECRET,
      settings: { ...JIRA_SETTINGS, siteUrl: SITE },
    },
  });
  connectionId = res.json().id;
  await followScope({ app: t.app, store: t.container.store }, connectionId, {
    tracker: 'jira',
    projectKey: 'PAY',
  });
});
afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await workers?.close();
  // Every queue lives under this test's own prefix: removing them removes only what it created.
  for (const q of QUEUES) await t?.container.queues.queue(q).obliterate({ force: true });
  await t?.close();
});

const send = (d: { body: Buffer; headers: Record<string, string> }) =>
  t.app.inject({
    method: 'POST',
    url: `/webhooks/jira/${connectionId}`,
    headers: d.headers,
    payload: d.body,
  });

async function until<T>(probe: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
const inboxStatus = async (id: number) => (await t.container.store.inbox.get(id))?.status;
const deliveryStatus = async (d: { headers: Record<string, string> }) => {
  const rows = await t.container.database.rawTransaction((tx) =>
    tx.query<{ status: string }>('select status from webhook_inbox where delivery_key = $1', [
      d.headers['x-atlassian-webhook-identifier'],
    ]),
  );
  return rows[0]?.status;
};
const scrape = async (app = t.app, headers: Record<string, string> = {}) =>
  (await app.inject({ url: '/metrics', headers })).body;

/** Jira's `comment_created` carries a slim issue, so ingesting it fetches the issue (one tracker call). */
function commentDelivery(issueId: string) {
  const fixture = JSON.parse(
    readFileSync(new URL('../fixtures/jira/webhook-comment_created.json', import.meta.url), 'utf8'),
  );
  const body = Buffer.from(JSON.stringify({ ...fixture, issue: { ...fixture.issue, id: issueId } }));
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-atlassian-webhook-identifier': randomUUID(),
      'x-hub-signature': `sha256=${createHmac('sha256', JIRA_SECRET).update(body).digest('hex')}`,
    },
  };
}

describe('GET /metrics', () => {
  it('exposes webhook counts, request durations by route, job durations, queue depths and process metrics', async () => {
    const d = jiraDelivery({ id: '30001', key: 'OPS-1', category: 'todo', updated: new Date() });
    const ack = await send(d);
    expect(ack.statusCode).toBe(200);
    await until(async () => (await deliveryStatus(d)) === 'processed');
    await until(async () => (await scrape()).includes('jalon_job_duration_seconds_count{queue="ingest"'));

    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const body = res.body;
    expect(body).toContain('jalon_webhooks_total{tracker="jira",result="stored"} 1');
    // The route pattern, never the URL with its connection id.
    expect(body).toContain(
      'jalon_http_request_duration_seconds_count{method="POST",route="/webhooks/jira/:connectionId",status="200"} 1',
    );
    expect(body).not.toContain(connectionId);
    expect(body).toMatch(/jalon_job_duration_seconds_count\{queue="ingest",outcome="completed"\} [1-9]/);
    for (const queue of ['ingest', 'relay', 'sync', 'recompute', 'noop']) {
      expect(body).toContain(`jalon_queue_jobs{queue="${queue}",state="failed"}`);
    }
    expect(body).toMatch(/jalon_queue_jobs\{queue="ingest",state="completed"\} [1-9]/);
    expect(body).toContain('process_cpu_user_seconds_total');
    expect(body).toContain('nodejs_eventloop_lag_seconds');
  });

  it('counts tracker calls and the tracker’s 429s; the job waits as told, then completes', async () => {
    const issue = JSON.parse(
      jiraDelivery({
        id: '30002',
        key: 'OPS-2',
        category: 'in_progress',
        updated: new Date(),
      }).body.toString(),
    ).issue;
    const api = nock(SITE)
      .get('/rest/api/3/issue/30002')
      .query(true)
      .reply(429, {}, { 'retry-after': '1' })
      .get('/rest/api/3/issue/30002')
      .query(true)
      .reply(200, issue);
    const d = commentDelivery('30002');
    const started = Date.now();
    expect((await send(d)).statusCode).toBe(200);
    await until(async () => (await deliveryStatus(d)) === 'processed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // Retry-After: 1
    expect(api.isDone()).toBe(true);
    expect(await t.container.store.tasks.get(connectionId, '30002')).toMatchObject({ key: 'OPS-2' });

    const body = await scrape();
    expect(body).toContain('jalon_tracker_calls_total{tracker="jira",kind="read",outcome="rate_limited"} 1');
    expect(body).toContain('jalon_tracker_calls_total{tracker="jira",kind="read",outcome="ok"} 1');
    expect(body).toContain('jalon_tracker_rate_limited_total{tracker="jira"} 1');
    // The batch job handed the rate-limited delivery to a job of its own, which waited for the
    // connection's shared pause (Retry-After) and then applied it.
    const [row] = await t.container.database.rawTransaction((tx) =>
      tx.query<{ id: string }>('select id from webhook_inbox where delivery_key = $1', [
        d.headers['x-atlassian-webhook-identifier'],
      ]),
    );
    const ingest = t.container.queues.queue('ingest');
    // The row is marked processed inside the job, which completes just after.
    const alone = await until(async () => {
      const job = await ingest.getJob(ingestJobId(Number(row?.id)));
      return job && (await job.getState()) === 'completed' ? job : null;
    });
    expect(alone.finishedOn ?? 0).toBeGreaterThanOrEqual(started + 1000);
  });

  it('is left out of the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
    expect(Object.keys(doc.paths)).toContain('/v1/admin/jobs');
  });
});

describe('JALON_METRICS_TOKEN', () => {
  let guarded: TestApp;
  const token = 'metrics-token-for-tests-0001';
  beforeAll(async () => {
    guarded = await buildTestApp({ backend: 'pglite', env: { JALON_METRICS_TOKEN: token } });
  });
  afterAll(async () => {
    await guarded?.close();
  });

  it('401 without the token or with a wrong one, 200 with it', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer wrong-token-0000000000' },
      { authorization: token },
    ]) {
      const res = await guarded.app.inject({ url: '/metrics', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'unauthenticated' });
    }
    const ok = await guarded.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('jalon_queue_jobs');
  });

  it('keeps a registry per app: this app counted none of the other app’s webhooks', async () => {
    const body = await scrape(guarded.app, { authorization: `Bearer ${token}` });
    expect(body).toContain('# TYPE jalon_webhooks_total counter');
    expect(body).not.toContain('jalon_webhooks_total{');
  });
});

describe('admin jobs', () => {
  it('lists a failed ingest, retries it once fixed, and the delivery is processed', async () => {
    // A stored delivery the adapter cannot read: ingest fails at once (not retryable).
    const [stored] = await t.container.store.inbox.recordMany([
      { connectionId, deliveryKey: uniq('broken'), headers: {}, body: Buffer.from('{not json') },
    ]);
    if (!stored) throw new Error('no inbox row');
    const jobId = await t.container.queues.enqueue(ingestJob, { inboxId: stored.id });
    await until(async () => (await inboxStatus(stored.id)) === 'failed');

    const list = await t.app.inject({ url: '/v1/admin/jobs?state=failed', headers: t.admin });
    expect(list.statusCode).toBe(200);
    const listed = list.json().items.find((j: { id: string }) => j.id === jobId);
    expect(listed).toMatchObject({
      queue: 'ingest',
      name: 'ingest',
      state: 'failed',
      attemptsMade: 1,
      data: { inboxId: stored.id },
    });
    expect(listed.failedReason).toContain('malformed_webhook');
    expect(listed.finishedOn).not.toBeNull();
    const one = await t.app.inject({ url: '/v1/admin/jobs?queue=sync&limit=5', headers: t.admin });
    expect(one.json().items.every((j: { queue: string }) => j.queue === 'sync')).toBe(true);

    // The adapter is fixed (here: the stored body is); the admin replays the job.
    const good = jiraDelivery({ id: '30003', key: 'OPS-3', category: 'done', updated: new Date() });
    await t.container.database.rawTransaction((tx) =>
      tx.query('update webhook_inbox set body = $1 where id = $2', [good.body, stored.id]),
    );
    const retry = await t.app.inject({
      method: 'POST',
      url: `/v1/admin/jobs/ingest/${jobId}/retry`,
      headers: t.admin,
    });
    expect(retry.statusCode).toBe(202);
    expect(retry.json()).toMatchObject({ queue: 'ingest', id: jobId });
    await until(async () => (await inboxStatus(stored.id)) === 'processed');
    expect(await t.container.store.tasks.get(connectionId, '30003')).toMatchObject({
      statusCategory: 'done',
    });

    const again = await t.app.inject({
      method: 'POST',
      url: `/v1/admin/jobs/ingest/${jobId}/retry`,
      headers: t.admin,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'job_not_failed' });
  });

  it('requeue sets a failed delivery back to pending and leaves a processed one alone', async () => {
    const rows = await t.container.store.inbox.recordMany(
      ['30004', '30005'].map((id) => ({
        connectionId,
        deliveryKey: uniq('requeue'),
        headers: {},
        body: jiraDelivery({ id, key: `OPS-${id}`, category: 'todo', updated: new Date() }).body,
      })),
    );
    const [failed, processed] = rows.map((r) => r.id) as [number, number];
    await t.container.store.inbox.markFailed(failed, 'boom');
    await t.container.store.inbox.markProcessed(processed);
    await t.container.store.inbox.requeue(failed);
    await t.container.store.inbox.requeue(processed);
    expect(await inboxStatus(failed)).toBe('pending');
    expect(await inboxStatus(processed)).toBe('processed');
  });

  it('401 without a key, 403 for a non-admin, 404 for an unknown queue or job', async () => {
    expect((await t.app.inject({ url: '/v1/admin/jobs' })).statusCode).toBe(401);
    const pmo = await t.keyFor('pmo');
    expect((await t.app.inject({ url: '/v1/admin/jobs', headers: pmo })).statusCode).toBe(403);
    const forbidden = await t.app.inject({
      method: 'POST',
      url: '/v1/admin/jobs/ingest/x/retry',
      headers: pmo,
    });
    expect(forbidden.statusCode).toBe(403);

    const unknownQueue = await t.app.inject({ url: '/v1/admin/jobs?queue=bogus', headers: t.admin });
    expect(unknownQueue.statusCode).toBe(404);
    expect(unknownQueue.json()).toMatchObject({ code: 'queue_not_found' });
    const retryUnknownQueue = await t.app.inject({
      method: 'POST',
      url: '/v1/admin/jobs/bogus/1/retry',
      headers: t.admin,
    });
    expect(retryUnknownQueue.statusCode).toBe(404);
    const unknownJob = await t.app.inject({
      method: 'POST',
      url: '/v1/admin/jobs/ingest/ingest-999999999/retry',
      headers: t.admin,
    });
    expect(unknownJob.statusCode).toBe(404);
    expect(unknownJob.json()).toMatchObject({ code: 'job_not_found' });
  });
});
