import { readdirSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  TaskGone,
  type TaskPage,
  TrackerAuthFailed,
  TrackerRateLimited,
  TrackerUnavailable,
} from '../../src/core/tracker.ts';
import { apiTokenContext, GATEWAY, OAUTH, oauthContext } from './fixtures/context.ts';
import { ownJson, SHARED_JIRA_FIXTURES, sharedBytes, sharedJson } from './fixtures/fixtures.ts';
import { jiraTracker } from './index.ts';
import { createJiraAdapter } from './jira.adapter.ts';
import { DEFAULT_RETRY_AFTER_MS, JiraMisconfigured, JiraRequestRejected } from './jira.errors.ts';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

const body = (name: string) => ownJson(name) as nock.Body;

async function collect(pages: AsyncIterable<TaskPage>): Promise<TaskPage[]> {
  const all: TaskPage[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

const request = (raw: Buffer) => ({
  method: 'POST' as const,
  headers: {},
  body: raw,
  callbackUrl: 'https://jalon.example.com/webhooks/jira/conn_jira_unit',
  receivedAt: new Date('2027-03-03T10:00:00.000Z'),
});

describe('jira shared fixtures', () => {
  it('are all handled by these tests (a new capture fails until it is)', () => {
    const dir = new URL('../../test/fixtures/jira/', import.meta.url);
    expect(readdirSync(dir).sort()).toEqual([...SHARED_JIRA_FIXTURES].sort());
  });
});

describe('jira story-points and Flagged discovery', () => {
  const SITE = 'https://discovery.atlassian.net';

  it('asks the fields API once per site, then reads estimate and flag with the ids it found', async () => {
    const cache = new Map();
    const fields = nock(SITE).get('/rest/api/3/field').once().reply(200, body('api-get-fields.json'));
    nock(SITE)
      .get('/rest/api/3/issue/10050')
      .query((q) =>
        ['customfield_10016', 'customfield_10028', 'customfield_10021'].every((f) =>
          `${q.fields}`.includes(f),
        ),
      )
      .twice()
      .reply(200, body('api-get-issue-flagged-story-points.json'));
    const adapter = createJiraAdapter(apiTokenContext(SITE), { siteCache: cache });
    const created = request(sharedBytes('webhook-jira_issue_created.json'));
    expect(adapter.parseWebhook(created).events[0]?.task).toBeNull();

    expect(await adapter.fetchTask({ externalId: '10050' })).toMatchObject({ estimate: 8, blocked: true });
    expect(fields.isDone()).toBe(true);
    expect(adapter.parseWebhook(created).events[0]?.task?.key).toBe('TES-41');
    const again = createJiraAdapter(apiTokenContext(SITE), { siteCache: cache });
    expect((await again.fetchTask({ externalId: '10050' }))?.estimate).toBe(8);
  });

  it('needs no discovery when the connection names both fields', async () => {
    const site = 'https://configured.atlassian.net';
    nock(site)
      .get('/rest/api/3/issue/TEST-1')
      .query(true)
      .reply(200, sharedJson('api-get-issue-v3-adf-minimal.json') as nock.Body);
    const settings = { storyPointsField: 'customfield_10028', flaggedField: 'customfield_10021' };
    const adapter = createJiraAdapter(apiTokenContext(site, settings), { siteCache: new Map() });
    expect(await adapter.fetchTask({ externalId: 'TEST-1' })).toMatchObject({
      title: 'Bug summary',
      status: 'To Do',
    });
  });
});

describe('jira incremental listing', () => {
  const SITE = 'https://listing.atlassian.net';
  const settings = { storyPointsField: 'customfield_10016', flaggedField: 'customfield_10021' };
  const adapter = (extra: Record<string, unknown> = {}) =>
    createJiraAdapter(apiTokenContext(SITE, { ...settings, ...extra }), { siteCache: new Map() });

  it('overlaps the cursor by a minute in the user’s zone and drops what the last listing saw', async () => {
    nock(SITE).get('/rest/api/3/myself').reply(200, body('api-myself.json'));
    nock(SITE)
      .get('/rest/api/3/search/jql')
      // 10:05:20Z minus the minute of overlap, written in Australia/Sydney (UTC+11 in March).
      .query((q) => q.jql === 'project = "OVL" AND updated >= "2027-03-03 21:04" ORDER BY updated ASC')
      .reply(200, body('api-search-jql-overlap.json'));
    const pages = await collect(
      adapter().listChanged({ tracker: 'jira', projectKey: 'OVL' }, '2027-03-03T10:05:20.000Z'),
    );
    expect(pages.flatMap((p) => p.tasks.map((t) => t.externalId))).toEqual(['20002', '20003']);
    expect(pages.at(-1)?.cursor).toBe('2027-03-03T10:05:40.000Z');
  });

  it('wraps a link’s own JQL, drops its ORDER BY, and keeps the cursor when nothing changed', async () => {
    nock(SITE)
      .get('/rest/api/3/search/jql')
      .query(
        (q) =>
          q.jql === '(assignee = "jo" AND labels = x) AND updated >= "2027-03-03 10:04" ORDER BY updated ASC',
      )
      .reply(200, { isLast: true, issues: [] });
    const scope = { tracker: 'jira' as const, jql: 'assignee = "jo" AND labels = x order by rank' };
    const pages = await collect(
      adapter({ jqlTimeZone: 'UTC' }).listChanged(scope, '2027-03-03T10:05:20.000Z'),
    );
    expect(pages).toEqual([{ tasks: [], cursor: '2027-03-03T10:05:20.000Z' }]);
  });

  it('refuses a link scope without a project or JQL', async () => {
    const listing = collect(adapter().listChanged({ tracker: 'jira' }, null));
    await expect(listing).rejects.toBeInstanceOf(JiraMisconfigured);
  });
});

describe('jira failures', () => {
  const SITE = 'https://failures.atlassian.net';
  const adapter = () =>
    createJiraAdapter(apiTokenContext(SITE, { storyPointsField: 'a', flaggedField: 'b' }), {
      siteCache: new Map(),
    });
  const fetchFails = (status: number, reply: nock.Body = {}) => {
    nock(SITE).get('/rest/api/3/issue/77').query(true).reply(status, reply);
    return adapter()
      .fetchTask({ externalId: '77' })
      .catch((e: unknown) => e);
  };

  it('turns 403 into an auth failure and 410 into a gone item', async () => {
    expect(await fetchFails(403)).toBeInstanceOf(TrackerAuthFailed);
    expect(await fetchFails(410)).toBeNull();
  });

  it('waits a default delay on a 429 without Retry-After', async () => {
    const err = await fetchFails(429);
    expect(err).toBeInstanceOf(TrackerRateLimited);
    expect((err as TrackerRateLimited).retryAfterMs).toBe(DEFAULT_RETRY_AFTER_MS);
  });

  it('reports a 400 in Jalon’s words (never the body, which may echo the token) and does not retry it', async () => {
    const err = await fetchFails(400, { errorMessages: ['Basic Ym90OnRva2Vu'], errors: { labels: 'bad' } });
    expect(err).toBeInstanceOf(JiraRequestRejected);
    expect((err as JiraRequestRejected).message).toBe(
      'jira rejected the request (HTTP 400): the request is not valid for this site',
    );
    expect((err as JiraRequestRejected).retryable).toBe(false);
  });

  it('treats a network failure as retryable unavailability', async () => {
    nock(SITE).get('/rest/api/3/issue/78').query(true).replyWithError('socket hang up');
    const err = await adapter()
      .fetchTask({ externalId: '78' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrackerUnavailable);
  });

  it('lets a 404 outside fetchTask surface as TaskGone', async () => {
    nock(SITE).get('/rest/api/3/issue/79/comment').query(true).reply(404, {});
    const decision = {
      decisionId: 'dec_gone',
      decision: 'accept' as const,
      deliverableTitle: 'Gone',
      decidedBy: 'PMO',
      decidedAt: '2027-03-03T10:00:00.000Z',
      note: null,
      criteria: [],
    };
    await expect(adapter().pushDecision({ externalId: '79' }, decision)).rejects.toBeInstanceOf(TaskGone);
  });

  it('needs a site URL for an API-token connection', () => {
    expect(() => createJiraAdapter({ ...apiTokenContext(SITE), baseUrl: null })).toThrow(JiraMisconfigured);
  });
});

describe('jira OAuth 2.0 connections', () => {
  it('refreshes a refused access token once, retries, and hands over the rotated refresh token', async () => {
    const onTokenRefresh = vi.fn();
    nock('https://auth.atlassian.com')
      .post('/oauth/token', (b) => b.grant_type === 'refresh_token' && b.refresh_token === OAUTH.refreshToken)
      .reply(200, {
        access_token: 'access-token-new',
        refresh_token: 'refresh-token-new',
        expires_in: 3600,
        scope: 'read:jira-work',
        token_type: 'bearer',
      });
    nock(GATEWAY, { reqheaders: { authorization: 'Bearer access-token-old' } })
      .get('/rest/api/3/myself')
      .reply(401, {});
    nock(GATEWAY, { reqheaders: { authorization: 'Bearer access-token-new' } })
      .get('/rest/api/3/myself')
      .reply(200, body('api-myself.json'));
    const adapter = createJiraAdapter(oauthContext(), { siteCache: new Map(), onTokenRefresh });
    expect(await adapter.whoAmI()).toEqual({ accountId: '5b10a2844c20165700ede21g', name: 'Mia Krystof' });
    expect(onTokenRefresh).toHaveBeenCalledWith(
      expect.objectContaining({ refreshToken: 'refresh-token-new' }),
    );
  });

  it('through the tracker module, hands the rotated pair to the connection as full credentials', async () => {
    const persisted: unknown[] = [];
    nock('https://auth.atlassian.com')
      .post('/oauth/token', (b) => b.grant_type === 'refresh_token')
      .reply(200, { access_token: 'access-token-2', refresh_token: 'refresh-token-2', expires_in: 3600 });
    nock(GATEWAY, { reqheaders: { authorization: 'Bearer access-token-old' } })
      .get('/rest/api/3/myself')
      .reply(401, {});
    nock(GATEWAY, { reqheaders: { authorization: 'Bearer access-token-2' } })
      .get('/rest/api/3/myself')
      .reply(200, body('api-myself.json'));
    const adapter = jiraTracker.create({
      ...oauthContext(),
      onCredentialsRefreshed: async (c) => {
        persisted.push(c);
      },
    });
    await adapter.whoAmI();
    expect(persisted).toEqual([
      { oauth: { ...OAUTH, accessToken: 'access-token-2', refreshToken: 'refresh-token-2' } },
    ]);
  });

  it('learns the browse-link root from serverInfo when no siteUrl is set', async () => {
    nock(GATEWAY)
      .get('/rest/api/3/serverInfo')
      .reply(200, { baseUrl: 'https://oauth-site.atlassian.net', deploymentType: 'Cloud' })
      .get('/rest/api/3/issue/10050')
      .query(true)
      .reply(200, body('api-get-issue-flagged-story-points.json'));
    const settings = { storyPointsField: 'customfield_10016', flaggedField: 'customfield_10021' };
    const adapter = createJiraAdapter(oauthContext(settings), { siteCache: new Map() });
    expect((await adapter.fetchTask({ externalId: '10050' }))?.url).toBe(
      'https://oauth-site.atlassian.net/browse/SP-7',
    );
  });
});
