import { PassThrough } from 'node:stream';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { until } from '../support/decisions.ts';
import { contractApi } from '../support/engagement.ts';
import { uniq } from '../support/env.ts';
import { JIRA_SECRET, JIRA_SETTINGS, jiraDelivery } from '../support/jira-deliveries.ts';

/**
 * A sync page holding tracker text PostgreSQL cannot store (U+0000 in a title) used to fail as a
 * whole on every retry, so none of its tasks ever arrived. Over HTTP against a nock Jira site: the
 * title is cleaned and capped by the mapper, and a row the database still refuses (an issue id
 * holding U+0000) is left out and reported while the rest of its page is stored.
 */

const SITE = 'https://badrows.atlassian.net';
const QUEUES = ['ingest', 'relay', 'sync', 'recompute', 'events', 'pushback', 'unlock-check'];
const logLines: string[] = [];
const sink = new PassThrough();
sink.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));

let t: TestApp;
let workers: Workers;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  t = await buildTestApp({ env: { LOG_LEVEL: 'warn' }, logDestination: sink });
  workers = t.container.startWorkers();
}, 60_000);
afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await workers?.close();
  for (const q of QUEUES) await t?.container.queues.queue(q).obliterate({ force: true });
  await t?.close();
});

/** An issue as Jira's REST API returns it (the webhook fixture's issue object). */
function issue(id: string, key: string, project: string, fields: Record<string, unknown>) {
  const d = jiraDelivery({ id, key, category: 'in_progress', updated: new Date(), project, fields });
  return JSON.parse(d.body.toString('utf8')).issue;
}

describe('a sync page with text the database refuses', () => {
  it('stores the page’s other tasks, cleans titles and labels, and reports the refused row', async () => {
    const project = uniq('B')
      .replace(/[^A-Za-z]/g, '')
      .toUpperCase()
      .slice(0, 8);
    const issues = [
      issue('9101', `${project}-1`, project, {
        summary: 'Pay\u0000ment\u0007 API\nv2',
        labels: ['backend', 'x'.repeat(5000)],
      }),
      issue('9102', `${project}-2`, project, { summary: 'Plain title' }),
      issue('9103\u0000', `${project}-3`, project, { summary: 'Hostile id' }),
    ];
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
      .reply(200, { isLast: true, issues });
    const api = contractApi(t);
    const connection = await api.expectStatus(
      api.call('POST', '/v1/connections', t.admin, {
        tracker: 'jira',
        name: uniq('badrows'),
        baseUrl: SITE,
        credentials: { email: 'bot@acme.example', apiToken: 'token' },
        webhookSecret: JIRA_SECRET,
        settings: { ...JIRA_SETTINGS, siteUrl: SITE, jqlTimeZone: 'UTC' },
      }),
      201,
    );
    const engagementId = await api.draft(await api.provider());
    await api.expectStatus(
      api.call('POST', `/v1/engagements/${engagementId}/links`, t.admin, {
        connectionId: connection.id,
        scope: { projectKey: project },
      }),
      201,
    );
    const started = await api.expectStatus(
      api.call('POST', `/v1/connections/${connection.id}/sync`, t.admin),
      202,
    );
    const statusUrl = String(started.jobs[0].statusUrl);
    const status = async () => (await t.app.inject({ url: statusUrl, headers: t.admin })).json();
    await until(async () => ['completed', 'failed'].includes((await status()).state), 20_000, 'the sync');
    const done = await status();
    expect(done.state, done.failedReason).toBe('completed');
    // (Creating the link started a first sync too: which of the two stored the tasks varies.)
    expect(done.result).toMatchObject({
      tasks: 3,
      rejected: 1,
      rejectedExternalIds: ['9103\u0000'],
    });

    const tasks = await api.expectStatus(
      api.call('GET', `/v1/tasks?connectionId=${connection.id}`, await t.keyFor('pmo')),
      200,
    );
    const byKey = new Map<string, { title: string; labels: string[] }>(
      tasks.items.map((x: { key: string; title: string; labels: string[] }) => [x.key, x]),
    );
    expect([...byKey.keys()].sort()).toEqual([`${project}-1`, `${project}-2`]);
    expect(byKey.get(`${project}-1`)?.title).toBe('Payment API v2');
    expect(byKey.get(`${project}-1`)?.labels).toEqual(['backend', 'x'.repeat(255)]);
    expect(byKey.get(`${project}-2`)?.title).toBe('Plain title');
    // The refused row is in the log, with the link and its id, not silently lost.
    const warned = logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'task not stored');
    expect(warned.length).toBeGreaterThanOrEqual(1);
    for (const w of warned) {
      expect(w).toMatchObject({ externalId: '9103\u0000', reason: expect.stringMatching(/^sqlstate 22/) });
    }
  }, 60_000);
});
