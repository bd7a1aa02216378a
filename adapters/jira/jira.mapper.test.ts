import { describe, expect, it } from 'vitest';
import { ownJson, sharedJson } from './fixtures/fixtures.ts';
import { jiraTracker } from './index.ts';
import {
  isCompleteIssue,
  issueFields,
  JiraIssue,
  jiraTimeToIso,
  type MapperConfig,
  mapIssue,
} from './jira.mapper.ts';
import { JiraCredentials, JiraSettings } from './jira.settings.ts';

const SITE = 'https://mapper.atlassian.net';

const config = (overrides: Record<string, unknown> = {}): MapperConfig => {
  const s = JiraSettings.parse(overrides);
  return {
    browseRoot: SITE,
    storyPointsFields: ['customfield_10016', 'customfield_10028'],
    flaggedField: 'customfield_10021',
    blockedStatuses: s.blockedStatuses,
    blockedLabels: s.blockedLabels,
    cancelledResolutions: s.cancelledResolutions,
    statusCategories: s.statusCategories,
  };
};

const issueOf = (json: unknown): JiraIssue => JiraIssue.parse(json);
const webhookIssue = (name: string): JiraIssue => issueOf((sharedJson(name) as { issue: unknown }).issue);
const withFields = (issue: JiraIssue, fields: Record<string, unknown>): JiraIssue => ({
  ...issue,
  fields: { ...issue.fields, ...fields },
});
const RESOLVED = 'webhook-jira_issue_updated-status-to-done-resolution.json';

describe('jira mapper: status and resolution', () => {
  it('maps a resolution of "Won\'t Do" to cancelled, not completed', () => {
    const issue = withFields(webhookIssue(RESOLVED), { resolution: { id: '10001', name: "Won't Do" } });
    const task = mapIssue(issue, config());
    expect(task).toMatchObject({ statusCategory: 'done', cancelled: true, completedAt: null });
  });

  it('keeps a "Done" resolution as completed work with its resolution date', () => {
    const task = mapIssue(webhookIssue(RESOLVED), config());
    expect(task).toMatchObject({
      statusCategory: 'done',
      cancelled: false,
      completedAt: '2019-02-16T03:15:40.470Z',
    });
  });

  it('reads the cancelling resolutions from the connection settings, case-insensitively', () => {
    const issue = withFields(webhookIssue(RESOLVED), { resolution: { name: 'duplicate' } });
    expect(mapIssue(issue, config()).cancelled).toBe(true);
    expect(mapIssue(issue, config({ cancelledResolutions: ['Obsolete'] })).cancelled).toBe(false);
  });

  it('maps each statusCategory key to Jalon’s category', () => {
    const base = webhookIssue(RESOLVED);
    const category = (key: string) =>
      mapIssue(
        withFields(base, { resolution: null, status: { name: 'Custom', statusCategory: { key } } }),
        config(),
      ).statusCategory;
    expect([category('new'), category('indeterminate'), category('done')]).toEqual([
      'todo',
      'in_progress',
      'done',
    ]);
  });

  it('lets a connection override the category of a status by name', () => {
    const issue = withFields(webhookIssue(RESOLVED), {
      resolution: null,
      status: { name: 'QA', statusCategory: { key: 'new' } },
    });
    expect(mapIssue(issue, config({ statusCategories: { qa: 'in_progress' } })).statusCategory).toBe(
      'in_progress',
    );
  });

  it('falls back to the default workflow names when a payload is trimmed of statusCategory', () => {
    const page = sharedJson('api-search-jql-page1-nextPageToken.json') as { issues: unknown[] };
    const [todo, inProgress] = page.issues.map((i) => mapIssue(issueOf(i), config()));
    expect(todo).toMatchObject({ externalId: 'TEST-1', status: 'To Do', statusCategory: 'todo' });
    expect(inProgress).toMatchObject({
      externalId: 'TEST-2',
      status: 'In Progress',
      statusCategory: 'in_progress',
      labels: ['critical', 'feature'],
      scopeIds: ['TEST'],
    });
  });
});

describe('jira mapper: the trimmed GET issue capture (ADF description)', () => {
  it('normalises it, keyed by the issue key it carries instead of an id', () => {
    const task = mapIssue(issueOf(sharedJson('api-get-issue-v3-adf-minimal.json')), config());
    expect(task).toEqual({
      tracker: 'jira',
      externalId: 'TEST-1',
      key: 'TEST-1',
      url: `${SITE}/browse/TEST-1`,
      title: 'Bug summary',
      statusCategory: 'todo',
      status: 'To Do',
      cancelled: false,
      blocked: false,
      assignee: null,
      dueDate: null,
      labels: [],
      parentExternalId: null,
      estimate: null,
      completedAt: null,
      createdAt: '2020-12-03T13:05:20.974Z',
      updatedAt: '2020-12-03T13:05:20.974Z',
      deleted: false,
      facets: { epic: [], label: [], component: [], fixVersion: [], issueKey: ['TEST-1'] },
      scopeIds: ['TEST'],
    });
  });
});

describe('jira mapper: blocked, estimate, parent and facets', () => {
  const rich = () => issueOf(ownJson('api-get-issue-flagged-story-points.json'));

  it('reads a flagged issue with story points under its epic', () => {
    expect(mapIssue(rich(), config())).toMatchObject({
      externalId: '10050',
      blocked: true,
      estimate: 8,
      parentExternalId: '10040',
      assignee: 'Mia Krystof',
      dueDate: '2027-02-28',
      createdAt: '2027-02-01T07:00:00.000Z',
      updatedAt: '2027-02-10T16:45:12.345Z',
      facets: {
        epic: ['SP-1'],
        label: ['payments', 'backend'],
        component: ['API', '10200'],
        fixVersion: ['2027.1', '10300'],
        issueKey: ['SP-7'],
      },
      scopeIds: ['SP'],
    });
  });

  it('takes the first story-points field that holds a number', () => {
    const issue = withFields(rich(), { customfield_10016: null, customfield_10028: 3 });
    expect(mapIssue(issue, config()).estimate).toBe(3);
    expect(mapIssue(issue, { ...config(), storyPointsFields: [] }).estimate).toBeNull();
  });

  it('is not blocked once the flag is cleared, unless a configured status or label says so', () => {
    const unflagged = withFields(rich(), { customfield_10021: null });
    expect(mapIssue(unflagged, config()).blocked).toBe(false);
    expect(mapIssue(unflagged, config({ blockedStatuses: ['in progress'] })).blocked).toBe(true);
    expect(mapIssue(unflagged, config({ blockedLabels: ['Backend'] })).blocked).toBe(true);
  });

  it('puts an epic’s own key in its epic facet so the epic itself is selected', () => {
    const epic = withFields(rich(), { parent: null, issuetype: { name: 'Epic', hierarchyLevel: 1 } });
    expect(mapIssue(epic, config()).facets.epic).toEqual(['SP-7']);
  });

  it('marks a deleted issue’s snapshot as deleted', () => {
    expect(mapIssue(rich(), config(), { deleted: true }).deleted).toBe(true);
  });

  it('asks the search for exactly the fields it reads, discovered ones included', () => {
    expect(issueFields(config())).toEqual(
      expect.arrayContaining([
        'status',
        'resolutiondate',
        'parent',
        'customfield_10016',
        'customfield_10021',
      ]),
    );
  });
});

describe('jira settings', () => {
  it('work with no settings at all and refuse a time zone Intl does not know', () => {
    expect(JiraSettings.parse({})).toMatchObject({
      acceptedLabel: 'jalon-accepted',
      rejectedLabel: 'jalon-rejected',
      cancelledResolutions: ["Won't Do", 'Duplicate', 'Cannot Reproduce', 'Declined'],
      pageSize: 100,
    });
    expect(JiraSettings.safeParse({ jqlTimeZone: 'Europe/Paris' }).success).toBe(true);
    expect(JiraSettings.safeParse({ jqlTimeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(JiraSettings.safeParse({ acceptedLabel: 'has space' }).success).toBe(false);
  });
});

describe('jira credentials', () => {
  it('accept an API token or an OAuth 2.0 grant, as API.md lists them', () => {
    expect(JiraCredentials.safeParse({ email: 'bot@example.com', apiToken: 't' }).success).toBe(true);
    const oauth = { clientId: 'c', clientSecret: 's', accessToken: 'a', cloudId: 'id' };
    expect(JiraCredentials.safeParse({ oauth }).success).toBe(true);
    expect(JiraCredentials.safeParse({ email: 'not-an-email', apiToken: 't' }).success).toBe(false);
    expect(JiraCredentials.safeParse({ oauth: { ...oauth, clientSecret: undefined } }).success).toBe(false);
  });

  it('are what the Jira module reads, and its adapter speaks for jira', () => {
    expect(jiraTracker.credentials).toBe(JiraCredentials);
    const adapter = jiraTracker.create({
      connectionId: 'conn_module',
      baseUrl: 'https://module.atlassian.net',
      credentials: { email: 'bot@example.com', apiToken: 't' },
      settings: jiraTracker.settings.parse({}),
      webhookSecrets: [],
      integrationAccountId: null,
    });
    expect(adapter.tracker).toBe('jira');
  });
});

describe('jira mapper: payload completeness and dates', () => {
  it('treats the documented example callback’s partial issue as incomplete', () => {
    const doc = sharedJson('webhook-issue_updated-vendor-doc-example.json') as { body: { issue: unknown } };
    expect(isCompleteIssue(issueOf(doc.body.issue))).toBe(false);
    expect(() => mapIssue(issueOf(doc.body.issue), config())).toThrow(/lacks id, status, created or updated/);
  });

  it('treats the comment capture’s slim issue as incomplete', () => {
    expect(isCompleteIssue(webhookIssue('webhook-comment_created.json'))).toBe(false);
  });

  it('converts Jira timestamps with colon-less offsets to ISO UTC', () => {
    expect(jiraTimeToIso('2019-02-15T19:01:52.971-0800')).toBe('2019-02-16T03:01:52.971Z');
    expect(jiraTimeToIso('2019-06-01T12:42:30.000+0000')).toBe('2019-06-01T12:42:30.000Z');
    expect(jiraTimeToIso('not a date')).toBeNull();
    expect(jiraTimeToIso(null)).toBeNull();
  });
});
