import { createHmac } from 'node:crypto';
import nock from 'nock';
import { expect } from 'vitest';
import { ownJson, sharedBytes, sharedJson } from '../../adapters/jira/fixtures/fixtures.ts';
import { createJiraAdapter } from '../../adapters/jira/index.ts';
import { adfText } from '../../adapters/jira/jira.adf.ts';
import { JiraSettings } from '../../adapters/jira/jira.settings.ts';
import type { Task } from '../../src/core/task.ts';
import type { ParsedDelivery, RawWebhook, TrackerEvent } from '../../src/core/tracker.ts';
import { type ContractHarness, runContractSuite } from './suite.ts';

const SITE = 'https://jalon-contract.atlassian.net';
const SECRETS = { current: 'whsec-jira-current-0190', previous: 'whsec-jira-previous-0189' } as const;
const INTEGRATION_ACCOUNT = 'jalon-integration-0001';
/** The account that acts in the mattermost captures. */
const CAPTURE_ACTOR = '5c5f880629be9642ba529340';

const settings = JiraSettings.parse({
  storyPointsField: 'customfield_10016',
  flaggedField: 'customfield_10021',
});

const adapter = (secrets: readonly string[] = [SECRETS.current, SECRETS.previous]) =>
  createJiraAdapter(
    {
      connectionId: 'conn_jira_contract',
      baseUrl: SITE,
      credentials: { email: 'jalon-bot@example.com', apiToken: 'api-token-contract' },
      settings,
      webhookSecrets: secrets,
      integrationAccountId: INTEGRATION_ACCOUNT,
    },
    { siteCache: new Map() },
  );

const request = (body: Buffer, headers: Record<string, string>): RawWebhook => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body,
  callbackUrl: 'https://jalon.example.com/webhooks/jira/conn_jira_contract',
  receivedAt: new Date('2027-03-03T10:00:00.000Z'),
});

const hubSignature = (body: Buffer, secret: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const signed = (body: Buffer, secret: string, headers: Record<string, string> = {}): RawWebhook =>
  request(body, {
    'x-atlassian-webhook-identifier': '5f0c2b8e-6a39-4b7e-9d35-0d6c2f1c8a10',
    ...headers,
    'x-hub-signature': hubSignature(body, secret),
  });

const only = (parsed: ParsedDelivery): TrackerEvent => {
  expect(parsed.events).toHaveLength(1);
  const [event] = parsed.events;
  if (!event) throw new Error('no event');
  return event;
};

const snapshot = (event: TrackerEvent): Task => {
  if (!event.task) throw new Error('no snapshot');
  return event.task;
};

/** The body hash stands in for the delivery id on captures that predate the identifier header. */
const HASH_KEY = /^sha256:[0-9a-f]{64}$/;

function webhookFixtures() {
  const created = sharedBytes('webhook-jira_issue_created.json');
  const resolved = sharedBytes('webhook-jira_issue_updated-status-to-done-resolution.json');
  const comment = sharedBytes('webhook-comment_created.json');
  const docExample = sharedJson('webhook-issue_updated-vendor-doc-example.json') as {
    headers: Record<string, string>;
    body: unknown;
  };
  const docBody = Buffer.from(JSON.stringify(docExample.body));
  return [
    {
      name: 'webhook-jira_issue_created.json',
      request: () => request(created, { 'x-hub-signature': hubSignature(created, SECRETS.current) }),
      check(parsed: ParsedDelivery) {
        expect(parsed.deliveryKey).toMatch(HASH_KEY);
        const event = only(parsed);
        expect(event).toMatchObject({
          kind: 'created',
          externalId: '10040',
          actorId: CAPTURE_ACTOR,
          occurredAt: '2019-02-16T03:01:53.023Z',
        });
        expect(snapshot(event)).toEqual({
          tracker: 'jira',
          externalId: '10040',
          key: 'TES-41',
          url: `${SITE}/browse/TES-41`,
          title: 'Unit test summary',
          statusCategory: 'todo',
          status: 'To Do',
          cancelled: false,
          blocked: false,
          assignee: null,
          dueDate: null,
          labels: ['test-label'],
          parentExternalId: null,
          estimate: null,
          completedAt: null,
          createdAt: '2019-02-16T03:01:52.971Z',
          updatedAt: '2019-02-16T03:01:52.971Z',
          deleted: false,
          facets: {
            epic: [],
            label: ['test-label'],
            component: ['COMP-1', '10000'],
            fixVersion: [],
            issueKey: ['TES-41'],
          },
          scopeIds: ['TES'],
        });
      },
    },
    {
      name: 'webhook-jira_issue_updated-status-to-done-resolution.json',
      request: () => request(resolved, { 'x-hub-signature': hubSignature(resolved, SECRETS.current) }),
      check(parsed: ParsedDelivery) {
        expect(parsed.deliveryKey).toMatch(HASH_KEY);
        const event = only(parsed);
        expect(event).toMatchObject({
          kind: 'updated',
          externalId: '10040',
          occurredAt: '2019-02-16T03:15:40.507Z',
        });
        expect(snapshot(event)).toMatchObject({
          title: 'Unit test summary 1',
          status: 'Done',
          statusCategory: 'done',
          cancelled: false,
          completedAt: '2019-02-16T03:15:40.470Z',
          updatedAt: '2019-02-16T03:15:40.477Z',
          labels: ['test-label'],
        });
      },
    },
    {
      name: 'webhook-comment_created.json',
      request: () => request(comment, { 'x-hub-signature': hubSignature(comment, SECRETS.current) }),
      check(parsed: ParsedDelivery) {
        expect(parsed.deliveryKey).toMatch(HASH_KEY);
        expect(only(parsed)).toEqual({
          key: 'jira:10040:comment_created:10019:1550286678321',
          kind: 'comment',
          externalId: '10040',
          occurredAt: '2019-02-16T03:11:18.321Z',
          actorId: CAPTURE_ACTOR,
          task: null,
        });
      },
    },
    {
      name: 'webhook-issue_updated-vendor-doc-example.json',
      request: () => signed(docBody, SECRETS.current, docExample.headers),
      check(parsed: ParsedDelivery) {
        expect(parsed.deliveryKey).toBe('22222222-2222-2222-2222-222222222222');
        // The documented example carries a partial issue (no status, no dates): fetch it.
        expect(only(parsed)).toMatchObject({
          kind: 'updated',
          externalId: '99291',
          actorId: '99:27935d01-92a7-4687-8272-a9b8d3b2ae2e',
          occurredAt: '2020-11-27T12:33:56.302Z',
          task: null,
        });
      },
    },
  ];
}

function mockListing() {
  nock(SITE)
    .get('/rest/api/3/search/jql')
    .query((q) => q.nextPageToken === undefined && q.jql === 'project = "TEST" ORDER BY updated ASC')
    .reply(200, sharedJson('api-search-jql-page1-nextPageToken.json') as nock.Body)
    .get('/rest/api/3/search/jql')
    .query((q) => q.nextPageToken === 'token-page-2' && String(q.fields).includes('customfield_10016'))
    .reply(200, ownJson('api-search-jql-page2-last.json') as nock.Body);
  // The trimmed capture has no issue ids: its tasks are known by key.
  return { expectedIds: ['TEST-1', 'TEST-2', '10003', '10004'] };
}

/** nock 15 hands reply functions the Fetch `Request` (its README still shows `(uri, body)`). */
function mockPushBack() {
  const stored: unknown[] = [];
  let marks = 0;
  nock(SITE)
    .persist()
    .get('/rest/api/3/issue/10040/comment')
    .query(true)
    .reply(() => [
      200,
      {
        startAt: 0,
        maxResults: 100,
        total: stored.length,
        comments: stored.map((body, i) => ({ id: `${i + 1}`, body })),
      },
    ])
    .post('/rest/api/3/issue/10040/comment')
    .reply(async (req: Request) => {
      const { body } = (await req.json()) as { body: unknown };
      stored.push(body);
      return [201, { id: `${stored.length}`, body }];
    })
    .put('/rest/api/3/issue/10040', (body) => JSON.stringify(body.update.labels).includes('jalon-accepted'))
    .query(true)
    .reply(() => {
      marks += 1;
      return [204];
    });
  return { comments: () => stored.map(adfText), marks: () => marks };
}

const harness: ContractHarness = {
  tracker: 'jira',
  secrets: SECRETS,
  adapter,
  sampleBody: () => sharedBytes('webhook-jira_issue_created.json'),
  signed: (body, secret) => signed(body, secret),
  unsigned: (body) =>
    request(body, { 'x-atlassian-webhook-identifier': '5f0c2b8e-6a39-4b7e-9d35-0d6c2f1c8a10' }),
  fixtures: webhookFixtures,
  scope: { tracker: 'jira', projectKey: 'TEST' },
  mockListing,
  ref: { externalId: '10040', key: 'TES-41' },
  mockPushBack,
  mockFetchFailure(status, headers = {}) {
    nock(SITE)
      .get('/rest/api/3/issue/10040')
      .query(true)
      .reply(status, { errorMessages: [`status ${status}`], errors: {} }, headers);
  },
};

runContractSuite(harness);
