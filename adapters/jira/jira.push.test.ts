import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionMark } from '../../src/core/tracker.ts';
import { apiTokenContext } from './fixtures/context.ts';
import { sharedJson } from './fixtures/fixtures.ts';
import { createJiraAdapter } from './jira.adapter.ts';
import { adfText } from './jira.adf.ts';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

const SITE = 'https://pushback.atlassian.net';
const FIELDS = { storyPointsField: 'customfield_10016', flaggedField: 'customfield_10021' };

const rejection: DecisionMark = {
  decisionId: 'dec_push_0001',
  decision: 'reject',
  deliverableTitle: 'Refund flow',
  decidedBy: 'Claire PMO',
  decidedAt: '2027-03-03T10:00:00.000Z',
  note: 'Refunds over 1000 EUR fail.',
  criteria: [
    { criterion: 'Partial refunds', met: true },
    { criterion: 'Refund audit trail', met: false, comment: 'missing actor' },
  ],
};

/** The trimmed GET issue capture, optionally standing in another status. */
function issueJson(status?: string): nock.Body {
  const json = sharedJson('api-get-issue-v3-adf-minimal.json') as { fields: Record<string, unknown> };
  return status ? { ...json, fields: { ...json.fields, status: { name: status } } } : json;
}

/** Records what push-back writes, on an issue whose comments are empty at first. */
function mockIssue(issue: string, status?: string) {
  const writes: { comments: unknown[]; edits: unknown[]; transitions: unknown[] } = {
    comments: [],
    edits: [],
    transitions: [],
  };
  nock(SITE)
    .persist()
    .get(`/rest/api/3/issue/${issue}/comment`)
    .query(true)
    .reply(() => [
      200,
      {
        startAt: 0,
        total: writes.comments.length,
        comments: writes.comments.map((body) => ({ id: '1', body })),
      },
    ])
    .post(`/rest/api/3/issue/${issue}/comment`)
    .reply(async (req: Request) => {
      writes.comments.push(((await req.json()) as { body: unknown }).body);
      return [201, { id: '1' }];
    })
    .put(`/rest/api/3/issue/${issue}`)
    .query(true)
    .reply(async (req: Request) => {
      writes.edits.push(await req.json());
      return [204];
    })
    .get(`/rest/api/3/issue/${issue}`)
    .query((q) => `${q.fields}`.includes('status'))
    .reply(200, issueJson(status))
    .get(`/rest/api/3/issue/${issue}/transitions`)
    .query(true)
    .reply(200, sharedJson('api-get-transitions-response.json') as nock.Body)
    .post(`/rest/api/3/issue/${issue}/transitions`)
    .reply(async (req: Request) => {
      writes.transitions.push(await req.json());
      return [204];
    });
  return { writes };
}

describe('jira push-back', () => {
  it('writes the decision, note and criteria in an ADF comment carrying the marker', async () => {
    const { writes } = mockIssue('TEST-1');
    const adapter = createJiraAdapter(apiTokenContext(SITE, FIELDS), { siteCache: new Map() });
    expect(await adapter.pushDecision({ externalId: 'TEST-1' }, rejection)).toEqual({
      commented: true,
      marked: true,
    });
    const [doc] = writes.comments;
    expect(doc).toMatchObject({ type: 'doc', version: 1 });
    const text = adfText(doc);
    expect(text).toContain(
      'Deliverable "Refund flow" was rejected by Claire PMO on 2027-03-03T10:00:00.000Z.',
    );
    expect(text).toContain('Note: Refunds over 1000 EUR fail.');
    expect(text).toContain('Not met: Refund audit trail (missing actor)');
    expect(text).toContain('[jalon:decision:dec_push_0001]');
  });

  it('labels with update operations, swapping the opposite label, and sets the decision field', async () => {
    const { writes } = mockIssue('TEST-1');
    const settings = { ...FIELDS, decisionField: { id: 'customfield_10090', kind: 'option' } };
    const adapter = createJiraAdapter(apiTokenContext(SITE, settings), { siteCache: new Map() });
    await adapter.pushDecision({ externalId: 'TEST-1' }, rejection);
    expect(writes.edits).toEqual([
      {
        update: { labels: [{ remove: 'jalon-accepted' }, { add: 'jalon-rejected' }] },
        fields: { customfield_10090: { value: 'Rejected' } },
      },
    ]);
  });

  it('runs the configured transition by name once, and a retry neither comments nor moves again', async () => {
    const { writes } = mockIssue('TEST-1');
    const settings = {
      ...FIELDS,
      rejectTransition: { name: 'In Progress' },
      rejectedLabel: 'provider-rework',
    };
    const adapter = createJiraAdapter(apiTokenContext(SITE, settings), { siteCache: new Map() });
    await adapter.pushDecision({ externalId: 'TEST-1' }, rejection);
    expect(writes.transitions).toEqual([{ transition: { id: '21' } }]);
    expect(writes.edits).toEqual([
      { update: { labels: [{ remove: 'jalon-accepted' }, { add: 'provider-rework' }] } },
    ]);
    nock.cleanAll();
    const again = mockIssue('TEST-1', 'In Progress');
    again.writes.comments.push(...writes.comments);
    const second = await adapter.pushDecision({ externalId: 'TEST-1' }, rejection);
    expect(second).toEqual({ commented: false, marked: true });
    expect(again.writes.comments).toHaveLength(1);
    expect(again.writes.transitions).toEqual([]);
  });

  it('skips a transition Jira marks unavailable, and one whose target the issue already has', async () => {
    const { writes } = mockIssue('TEST-1');
    const accept = { ...rejection, decision: 'accept' as const };
    const unavailable = { ...FIELDS, acceptTransition: { name: 'Done' } };
    await createJiraAdapter(apiTokenContext(SITE, unavailable), { siteCache: new Map() }).pushDecision(
      { externalId: 'TEST-1' },
      accept,
    );
    const already = { ...FIELDS, acceptTransition: { statusCategory: 'todo' } };
    await createJiraAdapter(apiTokenContext(SITE, already), { siteCache: new Map() }).pushDecision(
      { externalId: 'TEST-1' },
      accept,
    );
    expect(writes.transitions).toEqual([]);
  });

  it('finds the marker on a later page of a long comment thread', async () => {
    const marker = {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: '[jalon:decision:dec_push_0001]' }] }],
    };
    const other = { type: 'doc', version: 1, content: [] };
    nock(SITE)
      .get('/rest/api/3/issue/10060/comment')
      .query((q) => q.startAt === '0')
      .reply(200, {
        startAt: 0,
        total: 3,
        comments: [
          { id: '1', body: other },
          { id: '2', body: other },
        ],
      })
      .get('/rest/api/3/issue/10060/comment')
      .query((q) => q.startAt === '2')
      .reply(200, { startAt: 2, total: 3, comments: [{ id: '3', body: marker }] })
      .put('/rest/api/3/issue/10060')
      .query(true)
      .reply(204);
    const adapter = createJiraAdapter(apiTokenContext(SITE, FIELDS), { siteCache: new Map() });
    expect(await adapter.pushDecision({ externalId: '10060' }, rejection)).toEqual({
      commented: false,
      marked: true,
    });
  });
});
