import { QueueEvents } from 'bullmq';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushBackJob } from '../../src/jobs/pushback.job.ts';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { JIRA_SECRET, JIRA_SETTINGS } from '../support/jira-deliveries.ts';

const SITE = 'https://pushback.atlassian.net';
let t: TestApp;
let workers: Workers;
let events: QueueEvents;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  t = await buildTestApp();
  workers = t.container.startWorkers();
  events = new QueueEvents(pushBackJob.queue, {
    connection: { url: t.config.redisUrl },
    prefix: t.container.queues.prefix,
  });
  await events.waitUntilReady();
});
afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await events?.close();
  await workers?.close();
  for (const q of ['pushback', 'relay', 'ingest', 'sync', 'recompute']) {
    await t?.container.queues.queue(q).obliterate({ force: true });
  }
  await t?.close();
});

async function connection(name: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/connections',
    headers: t.admin,
    payload: {
      tracker: 'jira',
      name,
      baseUrl: SITE,
      credentials: { email: 'bot@acme.example', apiToken: 'token' },
      webhookSecret: JIRA_SECRET,
      settings: { ...JIRA_SETTINGS, siteUrl: SITE },
    },
  });
  return res.json().id as string;
}

const mark = (decisionId: string) => ({
  decisionId,
  decision: 'accept' as const,
  deliverableTitle: 'Checkout',
  decidedBy: 'PMO',
  decidedAt: '2027-03-03T10:00:00.000Z',
  note: null,
  criteria: [],
});

async function pushOnce(connectionId: string, decisionId: string, issueId: string) {
  const [id] = await t.container.store.pushBacks.create([
    { decisionId, connectionId, taskExternalId: issueId, taskKey: null, mark: mark(decisionId) },
  ]);
  if (!id) throw new Error('no push-back created');
  const jobId = await t.container.queues.enqueue(pushBackJob, { pushBackId: id });
  return { id, jobId };
}

/**
 * A Jira issue's comment thread, as the REST API serves it, recording what was written. (nock 15
 * hangs on reply functions that take arguments; body matchers record what was sent instead.)
 */
function mockIssue(issueId: string, opts: { rateLimitedFirst?: number } = {}) {
  const comments: { id: string; body: unknown }[] = [];
  let labelEdits = 0;
  if (opts.rateLimitedFirst) {
    nock(SITE)
      .get(`/rest/api/3/issue/${issueId}/comment`)
      .query(true)
      .times(opts.rateLimitedFirst)
      .reply(429, { errorMessages: ['Rate limit exceeded'] }, { 'Retry-After': '1' });
  }
  const scope = nock(SITE)
    .persist()
    .get(`/rest/api/3/issue/${issueId}/comment`)
    .query(true)
    .reply(200, () => ({ startAt: 0, maxResults: 100, total: comments.length, comments }));
  // One POST and one PUT are allowed: a second write would find no interceptor and fail the job.
  // (A body matcher may run more than once per request, so it records idempotently.)
  nock(SITE)
    .post(`/rest/api/3/issue/${issueId}/comment`, (body: { body: unknown }) => {
      if (comments.length === 0) comments.push({ id: '1', body: body.body });
      return true;
    })
    .reply(201, { id: '1' })
    .put(`/rest/api/3/issue/${issueId}`, () => {
      labelEdits = 1;
      return true;
    })
    .reply(204);
  return { scope, comments: () => comments, labelEdits: () => labelEdits };
}

describe('push-back queue', () => {
  it('comments once and labels, however often the job runs', async () => {
    const connectionId = await connection('pb-once');
    const issue = mockIssue('30001');
    const first = await pushOnce(connectionId, 'dec_once', '30001');
    const job = await t.container.queues.queue(pushBackJob.queue).getJob(first.jobId);
    await job?.waitUntilFinished(events, 15_000).catch(async (e) => {
      throw new Error(`${e} ${JSON.stringify(await t.container.store.pushBacks.get(first.id))}`);
    });
    // The same work again (a retried job, a second worker): the row is done, nothing is written.
    const again = await t.container.queues.enqueue(
      pushBackJob,
      { pushBackId: first.id },
      { jobId: `again-${first.id}` },
    );
    await (await t.container.queues.queue(pushBackJob.queue).getJob(again))?.waitUntilFinished(
      events,
      15_000,
    );
    expect(issue.comments()).toHaveLength(1);
    expect(JSON.stringify(issue.comments()[0])).toContain('[jalon:decision:dec_once]');
    expect(issue.labelEdits()).toBe(1);
    expect((await t.container.store.pushBacks.get(first.id))?.status).toBe('done');
    expect(nock.pendingMocks().filter((m) => m.includes('30001'))).toEqual([]);
    issue.scope.persist(false);
  });

  it('waits as a 429 Retry-After says, then delivers once', async () => {
    const connectionId = await connection('pb-429');
    const issue = mockIssue('30002', { rateLimitedFirst: 2 });
    const started = Date.now();
    const { id, jobId } = await pushOnce(connectionId, 'dec_429', '30002');
    await (await t.container.queues.queue(pushBackJob.queue).getJob(jobId))?.waitUntilFinished(
      events,
      20_000,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(issue.comments()).toHaveLength(1);
    const row = await t.container.store.pushBacks.get(id);
    expect(row?.status).toBe('done');
    expect(row?.attempts).toBe(2);
    issue.scope.persist(false);
  });

  it('stops on an auth failure: job failed with the reason, connection unhealthy', async () => {
    const connectionId = await connection('pb-auth');
    nock(SITE)
      .get('/rest/api/3/issue/30003/comment')
      .query(true)
      .reply(401, { errorMessages: ['Unauthorized'] });
    const { id, jobId } = await pushOnce(connectionId, 'dec_auth', '30003');
    const job = await t.container.queues.queue(pushBackJob.queue).getJob(jobId);
    await expect(job?.waitUntilFinished(events, 15_000)).rejects.toThrow(/tracker_auth_failed/);
    expect((await t.container.queues.queue(pushBackJob.queue).getJob(jobId))?.attemptsMade).toBe(1);
    const row = await t.container.store.pushBacks.get(id);
    expect(row?.status).toBe('failed');
    const health = (await t.app.inject({ url: `/v1/connections/${connectionId}`, headers: t.admin })).json()
      .health;
    expect(health.status).toBe('unhealthy');
    expect(health.lastError).toContain('jira');
  });
});
