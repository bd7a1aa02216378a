import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenContext, GATEWAY, oauthContext } from './fixtures/context.ts';
import { ownJson } from './fixtures/fixtures.ts';
import { createJiraAdapter } from './jira.adapter.ts';
import { JiraMisconfigured, JiraRequestRejected } from './jira.errors.ts';
import { dueForRefresh, WEBHOOK_EVENTS } from './jira.registration.ts';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

const body = (name: string) => ownJson(name) as nock.Body;
const CALLBACK = 'https://jalon.example.com/webhooks/jira/conn_jira_admin';
const SITE = 'https://admin-hooks.atlassian.net';
const adminAdapter = (secrets = ['whsec-current', 'whsec-previous']) =>
  createJiraAdapter({ ...apiTokenContext(SITE), webhookSecrets: secrets }, { siteCache: new Map() });

describe('jira admin webhooks (API-token connections)', () => {
  it('creates one through the raw transport with events, JQL filter and the current secret', async () => {
    let sent: unknown = null;
    nock(SITE)
      .get('/rest/webhooks/1.0/webhook')
      .reply(200, [])
      .post('/rest/webhooks/1.0/webhook')
      .reply(async (req: Request) => {
        sent = await req.json();
        return [201, { self: `${SITE}/rest/webhooks/1.0/webhook/13` }];
      });
    const regs = await adminAdapter().registerWebhooks({ tracker: 'jira', projectKey: 'TEST' }, CALLBACK);
    expect(regs).toEqual([{ externalId: '13', expiresAt: null }]);
    expect(sent).toEqual({
      name: 'Jalon (conn_jira_unit)',
      url: CALLBACK,
      events: WEBHOOK_EVENTS,
      filters: { 'issue-related-events-section': 'project = "TEST"' },
      excludeBody: false,
      secret: 'whsec-current',
    });
  });

  it('updates the existing webhook for the same URL and filter instead of duplicating it', async () => {
    nock(SITE)
      .get('/rest/webhooks/1.0/webhook')
      .reply(200, body('api-admin-webhooks.json'))
      .put('/rest/webhooks/1.0/webhook/12', (b) => b.secret === 'whsec-current')
      .reply(200, {});
    const regs = await adminAdapter().registerWebhooks({ tracker: 'jira', projectKey: 'TEST' }, CALLBACK);
    expect(regs).toEqual([{ externalId: '12', expiresAt: null }]);
  });

  it('refuses to register a webhook it could not verify', async () => {
    const register = adminAdapter([]).registerWebhooks({ tracker: 'jira', projectKey: 'TEST' }, CALLBACK);
    await expect(register).rejects.toBeInstanceOf(JiraMisconfigured);
  });

  it('has nothing to refresh: admin webhooks do not expire', async () => {
    expect(await adminAdapter().refreshWebhooks(['12'])).toEqual([{ externalId: '12', expiresAt: null }]);
  });
});

describe('jira dynamic webhooks (OAuth 2.0 connections)', () => {
  const oauth = () =>
    createJiraAdapter(oauthContext({ siteUrl: 'https://oauth-site.atlassian.net' }), {
      siteCache: new Map(),
    });
  const callback = 'https://your-app.example.com/webhook-received';

  it('refreshes the app’s existing webhooks for the same JQL and reports their expiry', async () => {
    nock(GATEWAY)
      .get('/rest/api/3/webhook')
      .query(true)
      .reply(200, body('api-dynamic-webhooks.json'))
      .put('/rest/api/3/webhook/refresh', { webhookIds: [10000, 10002] })
      .reply(200, body('api-refresh-webhooks-response.json'));
    const regs = await oauth().registerWebhooks({ tracker: 'jira', jql: 'project = PRJ' }, callback);
    expect(regs).toEqual([
      { externalId: '10000', expiresAt: '2019-06-01T12:42:30.000Z' },
      { externalId: '10002', expiresAt: '2019-06-01T12:42:30.000Z' },
    ]);
  });

  it('registers a new one with registerDynamicWebhooks and reads its expiry', async () => {
    nock(GATEWAY)
      .get('/rest/api/3/webhook')
      .query(true)
      .reply(200, body('api-dynamic-webhooks.json'))
      .post('/rest/api/3/webhook', {
        url: callback,
        webhooks: [{ events: WEBHOOK_EVENTS, jqlFilter: 'project = "NEW"' }],
      })
      .reply(200, body('api-register-dynamic-webhooks-response.json'))
      .put('/rest/api/3/webhook/refresh', { webhookIds: [1000] })
      .reply(200, { expirationDate: Date.parse('2027-04-02T10:00:00.000Z') });
    const regs = await oauth().registerWebhooks({ tracker: 'jira', projectKey: 'NEW' }, callback);
    expect(regs).toEqual([{ externalId: '1000', expiresAt: '2027-04-02T10:00:00.000Z' }]);
  });

  it('surfaces Jira’s reasons when it refuses a JQL filter', async () => {
    nock(GATEWAY)
      .get('/rest/api/3/webhook')
      .query(true)
      .reply(200, { isLast: true, values: [] })
      .post('/rest/api/3/webhook')
      .reply(200, body('api-register-dynamic-webhooks-rejected.json'));
    const register = oauth().registerWebhooks({ tracker: 'jira', jql: 'watchCount > 2' }, callback);
    await expect(register).rejects.toThrow(JiraRequestRejected);
  });

  it('extends given webhooks on demand, and says when a registration is due for it', async () => {
    nock(GATEWAY)
      .put('/rest/api/3/webhook/refresh', { webhookIds: [1000] })
      .reply(200, { expirationDate: 1806400000000 });
    const [reg] = await oauth().refreshWebhooks(['1000']);
    expect(reg).toEqual({ externalId: '1000', expiresAt: new Date(1806400000000).toISOString() });
    const now = new Date('2027-03-03T10:00:00.000Z');
    expect(dueForRefresh({ externalId: '1', expiresAt: '2027-03-05T10:00:00.000Z' }, now)).toBe(true);
    expect(dueForRefresh({ externalId: '1', expiresAt: '2027-03-30T10:00:00.000Z' }, now)).toBe(false);
    expect(dueForRefresh({ externalId: '1', expiresAt: null }, now)).toBe(false);
  });
});
