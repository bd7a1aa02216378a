import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { contractApi, rawQuery } from '../support/engagement.ts';
import { JIRA_SECRET, JIRA_SETTINGS } from '../support/jira-deliveries.ts';
import { progressKit, until } from '../support/progress-kit.ts';
import { type Change, converge, deliveryOf, generate, type Ledger, send, verify } from './harness.ts';

/**
 * The ledger harness against a misbehaving tracker (nock plays Jira): a 429/500 storm on the issue
 * fetches that `comment_created` deliveries force, and deliveries silently dropped then recovered
 * by a full sync; then progress must equal a from-scratch recompute and the ledger.
 */

const TASKS = Number(process.env.JALON_FAULT_TASKS ?? 10);
const CHANGES = Number(process.env.JALON_FAULT_CHANGES ?? 4);
const SITE = 'https://faults.atlassian.net';
const QUEUES = ['ingest', 'relay', 'sync', 'recompute', 'events', 'pushback', 'noop', 'unlock-check'];
const comment = JSON.parse(
  readFileSync(
    new URL('../../../shared/fixtures/jira/webhook-comment_created.json', import.meta.url),
    'utf8',
  ),
);

let t: TestApp;
let workers: Workers;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  t = await buildTestApp();
  workers = t.container.startWorkers();
});
afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await workers?.close();
  for (const q of QUEUES) await t?.container.queues.queue(q).obliterate({ force: true });
  await t?.close();
});

async function siteConnection(): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/connections',
    headers: t.admin,
    payload: {
      tracker: 'jira',
      name: 'tracker-faults',
      baseUrl: SITE,
      credentials: { email: 'bot@acme.example', apiToken: 'token' },
      webhookSecret: JIRA_SECRET,
      settings: { ...JIRA_SETTINGS, siteUrl: SITE, jqlTimeZone: 'UTC' },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

/** The issue as Jira's REST API returns it in the change's state. */
const issueOf = (c: Change) => JSON.parse(deliveryOf(c).body.toString()).issue;

/** A signed `comment_created` delivery: its slim issue makes ingest fetch the issue. */
function commentDelivery(c: Change) {
  const body = Buffer.from(JSON.stringify({ ...comment, issue: { ...comment.issue, id: c.issueId } }));
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-atlassian-webhook-identifier': c.deliveryId,
      'x-hub-signature': `sha256=${createHmac('sha256', JIRA_SECRET).update(body).digest('hex')}`,
    },
  };
}

const newest = (ledger: Ledger) =>
  [...Map.groupBy(ledger.changes, (c) => c.issueId).values()].map((cs) => cs.at(-1) as Change);

describe('ledger harness: a misbehaving tracker', () => {
  it('applies every change once through a 429/500 storm on the issue fetches', async () => {
    // Each task: one comment delivery; its fetch meets a 429 (Retry-After: 1), then a 500, then the issue.
    const ledger = generate(await siteConnection(), TASKS, 1);
    for (const c of ledger.changes) {
      const path = `/rest/api/3/issue/${c.issueId}`;
      nock(SITE)
        .get(path)
        .query(true)
        .reply(429, {}, { 'retry-after': '1' })
        .get(path)
        .query(true)
        .reply(500, { errorMessages: ['storm'] })
        .get(path)
        .query(true)
        .reply(200, issueOf(c));
    }
    const statuses = await send(t, ledger, ledger.changes.map(commentDelivery));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await converge(t, ledger, 60_000);
    expect(nock.pendingMocks()).toEqual([]);
    await verify(t, ledger);
  }, 90_000);

  it('recovers dropped deliveries with a full sync; progress equals a from-scratch recompute', async () => {
    const connectionId = await siteConnection();
    const ledger = generate(connectionId, TASKS, CHANGES);
    // A few deliveries (1% at full scale, at least 3) are never sent; each is the newest change of its task.
    const dropCount = Math.max(3, Math.round(ledger.changes.length / 100));
    const dropped = newest(ledger).slice(0, dropCount);
    const sent = ledger.changes.filter((c) => !dropped.includes(c));
    expect(
      (
        await send(
          t,
          ledger,
          sent.map((c) => deliveryOf(c)),
        )
      ).every((s) => s === 200),
    ).toBe(true);
    await converge(t, ledger);
    // Jira's search lists every issue in its newest state.
    nock(SITE)
      .persist()
      .get('/rest/api/3/field')
      .reply(200, [])
      .get('/rest/api/3/serverInfo')
      .reply(200, { baseUrl: SITE })
      .get('/rest/api/3/myself')
      .reply(200, { accountId: 'bot', timeZone: 'UTC' })
      .get('/rest/api/3/search/jql')
      .query(true)
      .reply(200, { isLast: true, issues: newest(ledger).map(issueOf) });
    const kit = progressKit(t);
    const api = contractApi(t);
    const engagementId = await api.draft(await api.provider());
    const deliverableId = await api.deliverable(engagementId, t.admin, {
      selector: { jira: { issueKeys: newest(ledger).map((c) => c.key) } },
    });
    await api.expectStatus(
      api.call('POST', `/v1/engagements/${engagementId}/links`, t.admin, {
        connectionId,
        scope: { projectKey: 'PAY' },
      }),
      201,
    );
    const sync = await t.app.inject({
      method: 'POST',
      url: `/v1/connections/${connectionId}/sync`,
      headers: t.admin,
    });
    expect(sync.statusCode, sync.body).toBe(202);
    const tasksMatch = async () => {
      const rows = await rawQuery<{ external_id: string; status_category: string }>(
        t,
        'select external_id, status_category from tasks where connection_id = $1',
        [connectionId],
      );
      const want = new Map(newest(ledger).map((c) => [c.issueId, c.category]));
      return rows.length === want.size && rows.every((r) => want.get(r.external_id) === r.status_category);
    };
    await until(tasksMatch, 30_000);
    // Everything sent was stored once and applied; the dropped ones arrived through the sync, once.
    await verifyDelivered(ledger, sent.length);
    // (4) progress: what the workers' recompute stored equals a from-scratch recompute, and the ledger.
    const figures = () =>
      rawQuery<{ progress: number | null; task_count: number; done_count: number }>(
        t,
        'select progress, task_count, done_count from deliverable_progress where deliverable_id = $1',
        [deliverableId],
      );
    await kit.recompute(engagementId);
    const first = await figures();
    await kit.recompute(engagementId);
    expect(await figures()).toEqual(first);
    const done = newest(ledger).filter((c) => c.category === 'done').length;
    expect(first).toEqual([{ progress: done / TASKS, task_count: TASKS, done_count: done }]);
  }, 90_000);
});

/** (1) every sent delivery stored once and processed; (2) never two revisions of one task state. */
async function verifyDelivered(ledger: Ledger, sent: number): Promise<void> {
  const inbox = await rawQuery<{ status: string }>(
    t,
    'select status from webhook_inbox where connection_id = $1',
    [ledger.connectionId],
  );
  expect(inbox.length).toBe(sent);
  expect(inbox.every((r) => r.status === 'processed')).toBe(true);
  const history = await rawQuery<{ n: string; distinct_states: string }>(
    t,
    `select count(*) as n, count(distinct c.updated_at_tracker) as distinct_states
       from task_changes c join tasks t on t.id = c.task_id where t.connection_id = $1 group by t.external_id`,
    [ledger.connectionId],
  );
  expect(history.length).toBe(TASKS);
  for (const h of history) expect(h.n).toBe(h.distinct_states);
}
