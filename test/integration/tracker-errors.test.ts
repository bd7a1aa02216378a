import { PassThrough } from 'node:stream';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { until } from '../support/decisions.ts';
import { contractApi } from '../support/engagement.ts';
import { uniq } from '../support/env.ts';
import { JIRA_SECRET } from '../support/jira-deliveries.ts';

/**
 * A hostile (or merely echoing) tracker answers every call with an error whose body repeats the
 * request: its URL (Trello's key and token are in the query), its Authorization header (Jira's
 * Basic base64 of e-mail and token, Asana's bearer token) and its body. Whatever Jalon says back —
 * the webhook registration's problem, the connection's last error, the failed sync job — and
 * whatever it logs, even at trace, must carry none of it.
 */

const JIRA_SITE = 'https://echo.atlassian.net';
const TRELLO_HOST = 'https://echo-trello.test';
const ASANA_HOST = 'https://echo-asana.test';
const S = {
  jiraEmail: 'bot@acme.example',
  jiraToken: 'jira-ECHOSECRET-token-0001',
  trelloKey: 'trellokeyECHOSECRET0002',
  trelloToken: 'trellotokenECHOSECRET0003',
  trelloAppSecret: 'trello-app-ECHOSECRET-0004',
  asanaToken: '2/1201000000009999/1201000000000777:ECHOSECRET0005',
};
const JIRA_BASIC = Buffer.from(`${S.jiraEmail}:${S.jiraToken}`).toString('base64');
const SECRETS = [...Object.values(S).filter((v) => v !== S.jiraEmail), JIRA_BASIC, 'ECHOSECRET'];
const QUEUES = [
  'ingest',
  'relay',
  'sync',
  'recompute',
  'events',
  'pushback',
  'unlock-check',
  'webhook-refresh',
];

const logLines: string[] = [];
const sink = new PassThrough();
sink.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));

let t: TestApp;
let workers: Workers;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  t = await buildTestApp({ env: { LOG_LEVEL: 'trace' }, logDestination: sink });
  workers = t.container.startWorkers();
}, 60_000);
afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await workers?.close();
  for (const q of QUEUES) await t?.container.queues.queue(q).obliterate({ force: true });
  await t?.close();
});

/** Every request to `host` is answered `status` with the request echoed in the vendor's error shape. */
function echoing(host: string, status: number, shape: (echo: string) => unknown) {
  const scope = nock(host).persist();
  for (const method of ['get', 'post', 'put', 'delete'] as const) {
    scope[method](/.*/)
      .query(true)
      .reply(async (req: Request) => {
        const echo = `${req.url} authorization=${req.headers.get('authorization')} body=${await req.text()}`;
        return [status, JSON.stringify(shape(echo)), { 'content-type': 'application/json' }];
      });
  }
}

const leaks = (text: string) => SECRETS.filter((s) => text.includes(s));

async function linkedConnection(body: Record<string, unknown>, scope: Record<string, unknown>) {
  const api = contractApi(t);
  const c = await api.expectStatus(
    api.call('POST', '/v1/connections', t.admin, { name: uniq('echo'), ...body }),
    201,
  );
  const engagementId = await api.draft(await api.provider());
  const link = await api.expectStatus(
    api.call('POST', `/v1/engagements/${engagementId}/links`, t.admin, { connectionId: c.id, scope }),
    201,
  );
  return { connectionId: String(c.id), linkId: String(link.id) };
}

const CASES = [
  {
    tracker: 'jira',
    status: 400,
    connect: () => {
      echoing(JIRA_SITE, 400, (echo) => ({ errorMessages: [echo], errors: { summary: echo } }));
      return linkedConnection(
        {
          tracker: 'jira',
          baseUrl: JIRA_SITE,
          credentials: { email: S.jiraEmail, apiToken: S.jiraToken },
          webhookSecret: JIRA_SECRET,
          settings: { siteUrl: JIRA_SITE, jqlTimeZone: 'UTC' },
        },
        { projectKey: 'ECHO' },
      );
    },
  },
  {
    tracker: 'trello',
    status: 401,
    connect: () => {
      echoing(TRELLO_HOST, 401, (echo) => ({ message: echo, error: echo }));
      return linkedConnection(
        {
          tracker: 'trello',
          baseUrl: `${TRELLO_HOST}/1`,
          credentials: { apiKey: S.trelloKey, apiToken: S.trelloToken, appSecret: S.trelloAppSecret },
        },
        { boardId: '5854175bc371136d79abbe50' },
      );
    },
  },
  {
    tracker: 'asana',
    status: 400,
    connect: () => {
      echoing(ASANA_HOST, 400, (echo) => ({ errors: [{ message: echo, help: echo }] }));
      return linkedConnection(
        { tracker: 'asana', baseUrl: `${ASANA_HOST}/api/1.0`, credentials: { accessToken: S.asanaToken } },
        { projectGid: '1201000000000100' },
      );
    },
  },
] as const;

describe('errors from a tracker that echoes the request', () => {
  for (const c of CASES) {
    it(`${c.tracker}: the problem, the connection, the failed sync and the logs carry no secret`, async () => {
      const { connectionId, linkId } = await c.connect();
      const registered = await t.app.inject({
        method: 'POST',
        url: `/v1/connections/${connectionId}/webhooks`,
        headers: t.admin,
      });
      expect(registered.statusCode, registered.body).toBe(400);
      const problem = registered.json();
      expect(problem.code).toMatch(/^tracker_/);
      expect(problem.detail).toMatch(new RegExp(`^${c.tracker} .*${c.status}`));
      expect(leaks(registered.body)).toEqual([]);

      // Creating the link started a sync; it fails on the same answers, for good (not retryable).
      const failedJobs = async () =>
        (await t.app.inject({ url: '/v1/admin/jobs?state=failed&queue=sync', headers: t.admin })).body;
      await until(async () => (await failedJobs()).includes(linkId), 20_000, 'the failed sync');
      expect(leaks(await failedJobs())).toEqual([]);
      const connection = await t.app.inject({ url: `/v1/connections/${connectionId}`, headers: t.admin });
      expect(leaks(connection.body)).toEqual([]);
      expect(leaks(logLines.join('\n'))).toEqual([]);
    }, 60_000);
  }
});
