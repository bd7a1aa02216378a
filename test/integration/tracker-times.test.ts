import { createHmac, randomUUID } from 'node:crypto';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { contractApi, rawQuery } from '../support/engagement.ts';
import { JIRA_SECRET, JIRA_SETTINGS, jiraDelivery } from '../support/jira-deliveries.ts';
import { until } from '../support/progress-kit.ts';

/**
 * Issue 16 item 1: tracker times later than the receive time are clamped to it. A signed payload
 * (or a tracker with a skewed clock) claiming `updated: 2099` must not pin the task against every
 * later genuine edit, and two snapshots claiming one instant still obey the tie rule (a fresh read
 * wins it, a webhook payload never does).
 */

const SITE = 'https://clamp.atlassian.net';
const QUEUES = ['ingest', 'relay', 'sync', 'recompute', 'events', 'pushback', 'noop', 'unlock-check'];
const FUTURE = new Date('2099-01-01T00:00:00Z');

let t: TestApp;
let workers: Workers;
beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  nock(SITE)
    .persist()
    .get('/rest/api/3/field')
    .reply(200, [])
    .get('/rest/api/3/serverInfo')
    .reply(200, { baseUrl: SITE })
    .get('/rest/api/3/myself')
    .reply(200, { accountId: 'jalon-bot', timeZone: 'UTC' });
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

type Category = 'todo' | 'in_progress' | 'done';
const issue = (id: string, category: Category, updated: Date, summary?: string) => ({
  id,
  key: `CLP-${id}`,
  category,
  updated,
  project: 'CLP',
  fields: { created: FUTURE.toISOString().replace('Z', '+0000'), ...(summary ? { summary } : {}) },
});

/** A connection following project CLP; the link's first sync lists `listed` (none by default). */
async function following(listed: unknown[] = []) {
  const search = nock(SITE)
    .get('/rest/api/3/search/jql')
    .query(true)
    .reply(200, { isLast: true, issues: listed });
  const api = contractApi(t);
  const engagementId = await api.draft(await api.provider());
  const connection = await api.expectStatus(
    api.call('POST', '/v1/connections', t.admin, {
      tracker: 'jira',
      name: `clamp-${randomUUID().slice(0, 8)}`,
      baseUrl: SITE,
      credentials: { email: 'bot@acme.example', apiToken: 'token' },
      webhookSecret: JIRA_SECRET,
      settings: { ...JIRA_SETTINGS, siteUrl: SITE, jqlTimeZone: 'UTC' },
    }),
    201,
  );
  const connectionId = String(connection.id);
  await api.expectStatus(
    api.call('POST', `/v1/engagements/${engagementId}/links`, t.admin, {
      connectionId,
      scope: { projectKey: 'CLP' },
    }),
    201,
  );
  await until(async () => search.isDone());
  return connectionId;
}

/** Sends a signed delivery, waits until it is ingested; resolves to when the inbox received it. */
async function deliver(connectionId: string, d: { body: Buffer; headers: Record<string, string> }) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/webhooks/jira/${connectionId}`,
    headers: d.headers,
    payload: d.body,
  });
  expect(res.statusCode, res.body).toBe(200);
  const key = d.headers['x-atlassian-webhook-identifier'];
  return until(async () => {
    const [row] = await rawQuery<{ status: string; received_at: Date }>(
      t,
      'select status, received_at from webhook_inbox where connection_id = $1 and delivery_key = $2',
      [connectionId, key],
    );
    return row?.status === 'processed' ? row.received_at : null;
  });
}

/** A signed `issue_commented` delivery: a comment makes ingest fetch the issue afresh. */
function commentDelivery(id: string) {
  const json = JSON.parse(jiraDelivery(issue(id, 'todo', new Date())).body.toString());
  const body = Buffer.from(
    JSON.stringify({ ...json, issue_event_type_name: 'issue_commented', comment: { id: '7001' } }),
  );
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-atlassian-webhook-identifier': randomUUID(),
      'x-hub-signature': `sha256=${createHmac('sha256', JIRA_SECRET).update(body).digest('hex')}`,
    },
  };
}

const stored = async (connectionId: string, id: string) =>
  (
    await rawQuery<{
      status_category: string;
      title: string;
      revision: number;
      updated_at_tracker: Date;
      created_at_tracker: Date;
      completed_at: Date | null;
    }>(
      t,
      `select status_category, title, revision, updated_at_tracker, created_at_tracker, completed_at
         from tasks where connection_id = $1 and external_id = $2`,
      [connectionId, id],
    )
  )[0];

describe('tracker times later than the receipt', () => {
  it('a signed delivery claiming 2099 is clamped to its receipt; a later genuine edit wins', async () => {
    const connectionId = await following();
    // Done "in 2099" (its resolution date too), signed with the connection's secret.
    const forged = jiraDelivery(issue('81001', 'done', FUTURE));
    const receivedAt = await deliver(connectionId, forged);
    const first = await stored(connectionId, '81001');
    expect(first?.status_category).toBe('done');
    for (const time of [first?.updated_at_tracker, first?.created_at_tracker, first?.completed_at]) {
      expect(time?.getTime()).toBeLessThanOrEqual(receivedAt.getTime());
    }

    // The same claim delivered again (a replay, a new delivery id) is a tie: it changes nothing.
    await deliver(connectionId, jiraDelivery(issue('81001', 'done', FUTURE)));
    expect((await stored(connectionId, '81001'))?.revision).toBe(1);

    // The developer reopens the issue: a genuine edit, dated now. It wins.
    await new Promise((r) => setTimeout(r, 5));
    const reopened = await deliver(connectionId, jiraDelivery(issue('81001', 'in_progress', new Date())));
    const second = await stored(connectionId, '81001');
    expect(second).toMatchObject({ status_category: 'in_progress', revision: 2, completed_at: null });
    expect(second?.updated_at_tracker.getTime()).toBeLessThanOrEqual(reopened.getTime());

    // A tracker whose clock runs ahead: its next edit, also "in the future", is received later.
    const skewed = await deliver(
      connectionId,
      jiraDelivery(issue('81001', 'todo', new Date(Date.now() + 3_600_000))),
    );
    const third = await stored(connectionId, '81001');
    expect(third).toMatchObject({ status_category: 'todo', revision: 3 });
    expect(third?.updated_at_tracker.getTime()).toBe(skewed.getTime());
  }, 60_000);

  it('snapshots claiming one future instant tie: a fresh read wins, a late webhook payload does not', async () => {
    const restIssue = (category: Category, summary?: string) =>
      JSON.parse(jiraDelivery(issue('82001', category, FUTURE, summary)).body.toString()).issue;
    const before = Date.now();
    // The link's first sync lists the issue with `updated` in 2099 (the tracker's clock is wrong).
    const connectionId = await following([restIssue('in_progress')]);
    const listed = await until(() => stored(connectionId, '82001'));
    expect(listed.status_category).toBe('in_progress');
    expect(listed.updated_at_tracker.getTime()).toBeGreaterThanOrEqual(before);
    expect(listed.updated_at_tracker.getTime()).toBeLessThanOrEqual(Date.now());

    // A webhook payload of that instant, received later, says otherwise: it never wins a tie.
    await deliver(connectionId, jiraDelivery(issue('82001', 'todo', FUTURE)));
    expect(await stored(connectionId, '82001')).toMatchObject({
      status_category: 'in_progress',
      revision: 1,
    });

    // A comment makes ingest fetch the issue: Jira's answer now, same claim, is done. It wins.
    const fetch = nock(SITE).get('/rest/api/3/issue/82001').query(true).reply(200, restIssue('done'));
    await deliver(connectionId, commentDelivery('82001'));
    expect(fetch.isDone()).toBe(true);
    expect(await stored(connectionId, '82001')).toMatchObject({ status_category: 'done', revision: 2 });

    // Read again unchanged: rereading a clamped snapshot changes nothing (no revision per read).
    const again = nock(SITE).get('/rest/api/3/issue/82001').query(true).reply(200, restIssue('done'));
    await deliver(connectionId, commentDelivery('82001'));
    expect(again.isDone()).toBe(true);
    expect(await stored(connectionId, '82001')).toMatchObject({ status_category: 'done', revision: 2 });
  }, 60_000);
});
