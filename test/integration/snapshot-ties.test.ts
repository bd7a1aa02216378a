import { createHmac, randomUUID } from 'node:crypto';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { contractApi, rawQuery } from '../support/engagement.ts';
import { JIRA_SECRET, JIRA_SETTINGS, jiraDelivery } from '../support/jira-deliveries.ts';
import { until } from '../support/progress-kit.ts';

/**
 * Issue 16 item 13: two snapshots of a task with the same `updatedAt` but different content. A
 * fresh read of the tracker (an issue fetch, a sync) is its current state and wins the tie; a
 * webhook payload describes the issue as it stood when the event fired, and never wins one.
 */

const SITE = 'https://ties.atlassian.net';
const ISSUE_ID = '77001';
const QUEUES = ['ingest', 'relay', 'sync', 'recompute', 'events', 'pushback', 'noop', 'unlock-check'];
const AT = new Date(Date.now() - 7_200_000);

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

type Category = 'todo' | 'in_progress' | 'done';
const state = (category: Category, summary?: string) => ({
  id: ISSUE_ID,
  key: 'TIE-1',
  category,
  updated: AT,
  project: 'TIE',
  ...(summary ? { fields: { summary } } : {}),
});
/** The issue as Jira's REST API returns it (the webhook's issue object is the same shape). */
const restIssue = (category: Category, summary?: string) =>
  JSON.parse(jiraDelivery(state(category, summary)).body.toString()).issue;

/** A signed `issue_commented` delivery: a comment makes ingest fetch the issue afresh. */
function commentDelivery() {
  const json = JSON.parse(jiraDelivery(state('todo')).body.toString());
  const body = Buffer.from(
    JSON.stringify({
      ...json,
      issue_event_type_name: 'issue_commented',
      comment: { id: '5001', author: { accountId: 'dev-1' } },
    }),
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

async function deliver(connectionId: string, d: { body: Buffer; headers: Record<string, string> }) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/webhooks/jira/${connectionId}`,
    headers: d.headers,
    payload: d.body,
  });
  expect(res.statusCode, res.body).toBe(200);
  // Ingested once the inbox says so.
  await until(async () => {
    const rows = await rawQuery<{ n: string }>(
      t,
      `select count(*) as n from webhook_inbox where connection_id = $1 and status <> 'processed'`,
      [connectionId],
    );
    return Number(rows[0]?.n) === 0;
  });
}

const stored = async (connectionId: string) =>
  (
    await rawQuery<{ status_category: string; title: string; revision: number }>(
      t,
      'select status_category, title, revision from tasks where connection_id = $1 and external_id = $2',
      [connectionId, ISSUE_ID],
    )
  )[0];

describe('snapshots with equal timestamps', () => {
  it('a fresh read wins over the stored snapshot; a webhook payload never does', async () => {
    const search = nock(SITE)
      .get('/rest/api/3/search/jql')
      .query(true)
      .reply(200, { isLast: true, issues: [restIssue('in_progress')] })
      .get('/rest/api/3/search/jql')
      .query(true)
      .reply(200, { isLast: true, issues: [restIssue('done', 'Login page, reworded')] });
    nock(SITE)
      .persist()
      .get('/rest/api/3/field')
      .reply(200, [])
      .get('/rest/api/3/serverInfo')
      .reply(200, { baseUrl: SITE })
      .get('/rest/api/3/myself')
      .reply(200, { accountId: 'jalon-bot', timeZone: 'UTC' });
    const fetch = nock(SITE).get(`/rest/api/3/issue/${ISSUE_ID}`).query(true).reply(200, restIssue('done'));

    const api = contractApi(t);
    const engagementId = await api.draft(await api.provider());
    const connection = await api.expectStatus(
      api.call('POST', '/v1/connections', t.admin, {
        tracker: 'jira',
        name: 'ties',
        baseUrl: SITE,
        credentials: { email: 'bot@acme.example', apiToken: 'token' },
        webhookSecret: JIRA_SECRET,
        settings: { ...JIRA_SETTINGS, siteUrl: SITE, jqlTimeZone: 'UTC' },
      }),
      201,
    );
    const connectionId = String(connection.id);
    // The link's first full sync stores the issue in progress.
    await api.expectStatus(
      api.call('POST', `/v1/engagements/${engagementId}/links`, t.admin, {
        connectionId,
        scope: { projectKey: 'TIE' },
      }),
      201,
    );
    await until(async () => (await stored(connectionId))?.status_category === 'in_progress');

    // A webhook payload of the same instant saying otherwise changes nothing.
    await deliver(connectionId, jiraDelivery(state('todo')));
    expect(await stored(connectionId)).toMatchObject({ status_category: 'in_progress', revision: 1 });

    // A comment makes ingest fetch the issue: Jira's answer now, same `updated`, is done. It wins.
    await deliver(connectionId, commentDelivery());
    expect(fetch.isDone()).toBe(true);
    expect(await stored(connectionId)).toMatchObject({ status_category: 'done', revision: 2 });

    // A late webhook of that instant does not move the task backwards.
    await deliver(connectionId, jiraDelivery(state('in_progress')));
    expect(await stored(connectionId)).toMatchObject({ status_category: 'done', revision: 2 });

    // A sync reads the issue renamed, `updated` unchanged: the read wins again.
    const sync = await t.app.inject({
      method: 'POST',
      url: `/v1/connections/${connectionId}/sync`,
      headers: t.admin,
    });
    expect(sync.statusCode, sync.body).toBe(202);
    await until(async () => (await stored(connectionId))?.title === 'Login page, reworded');
    expect(search.isDone()).toBe(true);
    expect(await stored(connectionId)).toMatchObject({ status_category: 'done', revision: 3 });
    const history = await rawQuery<{ status_category: string }>(
      t,
      `select c.status_category from task_changes c join tasks k on k.id = c.task_id
        where k.connection_id = $1 order by c.revision`,
      [connectionId],
    );
    expect(history.map((h) => h.status_category)).toEqual(['in_progress', 'done', 'done']);
  }, 60_000);
});
