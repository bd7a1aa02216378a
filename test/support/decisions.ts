import { createHmac } from 'node:crypto';
import { formatDate, localDate } from '../../src/core/dates.ts';
import type { TestApp } from './app.ts';
import { contractApi } from './engagement.ts';
import { uniq } from './env.ts';
import { JIRA_SECRET, JIRA_SETTINGS, jiraDelivery } from './jira-deliveries.ts';

/** Helpers of the decision, finance and story tests: contracts due around today, Jira tasks by webhook. */

type Headers = Record<string, string>;

export async function until<T>(
  probe: () => Promise<T | null | undefined | false>,
  ms = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what} not met in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Today + `offset` days as a civil date in `timeZone`. */
export function civilDay(offset: number, timeZone = 'UTC', now = new Date()): string {
  const today = localDate(now, timeZone);
  const d = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
  return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export interface JiraIssue {
  readonly id: string;
  readonly key: string;
  readonly category: 'todo' | 'in_progress' | 'done';
  readonly parent?: { id: string; key: string };
}

/** A signed Jira delivery, with a parent (epic) when asked; re-signed after the edit. */
export function jiraIssueDelivery(issue: JiraIssue, project: string, updated = new Date()) {
  const base = jiraDelivery({ id: issue.id, key: issue.key, category: issue.category, updated, project });
  if (!issue.parent) return base;
  const json = JSON.parse(base.body.toString('utf8'));
  json.issue.fields.parent = { id: issue.parent.id, key: issue.parent.key, fields: { summary: 'Epic' } };
  const body = Buffer.from(JSON.stringify(json));
  const signature = `sha256=${createHmac('sha256', JIRA_SECRET).update(body).digest('hex')}`;
  return { body, headers: { ...base.headers, 'x-hub-signature': signature } };
}

export interface DecisionContract {
  readonly providerId: string;
  readonly engagementId: string;
  readonly deliverableId: string;
  readonly milestoneId: string;
  readonly connectionId: string;
  readonly project: string;
}

/**
 * An active engagement in `timeZone` around today: one deliverable due `dueOffset` days from today
 * taking the Jira issues `keys` of its own project, and the test suite's milestone on it (6 000 000,
 * 50 bps/day after 2 grace days capped at 1000, retention 500 bps). Its Jira connection points at
 * `baseUrl` (a closed local port unless a test mocks a site).
 */
export async function decisionContract(
  t: TestApp,
  opts: {
    keys: (project: string) => string[];
    dueOffset?: number;
    timeZone?: string;
    baseUrl?: string;
    milestone?: Record<string, unknown>;
  },
): Promise<DecisionContract> {
  const api = contractApi(t);
  const timeZone = opts.timeZone ?? 'Europe/Paris';
  const project = uniq('P')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase()
    .slice(0, 8);
  const providerId = await api.provider();
  const engagementId = await api.draft(providerId, t.admin, {
    timeZone,
    startDate: civilDay(-90, timeZone),
    endDate: civilDay(90, timeZone),
  });
  const deliverableId = await api.deliverable(engagementId, t.admin, {
    dueDate: civilDay(opts.dueOffset ?? -3, timeZone),
    selector: { jira: { issueKeys: opts.keys(project) } },
  });
  const milestoneId = await api.milestone(engagementId, [deliverableId], t.admin, opts.milestone ?? {});
  const connection = await api.expectStatus(
    api.call('POST', '/v1/connections', t.admin, {
      tracker: 'jira',
      name: uniq('jira'),
      baseUrl: opts.baseUrl ?? 'http://127.0.0.1:9',
      credentials: { email: 'bot@acme.example', apiToken: 'token' },
      webhookSecret: JIRA_SECRET,
      settings: { ...JIRA_SETTINGS, ...(opts.baseUrl ? { siteUrl: opts.baseUrl } : {}) },
    }),
    201,
  );
  await api.expectStatus(
    api.call('POST', `/v1/engagements/${engagementId}/links`, t.admin, {
      connectionId: connection.id,
      scope: { projectKey: project },
    }),
    201,
  );
  await api.expectStatus(api.call('POST', `/v1/engagements/${engagementId}/activate`, t.admin), 200);
  return {
    providerId,
    engagementId,
    deliverableId,
    milestoneId,
    connectionId: String(connection.id),
    project,
  };
}

/** Sends each issue's state through the signed Jira receiver. */
export async function sendJira(t: TestApp, c: DecisionContract, issues: readonly JiraIssue[]) {
  for (const issue of issues) {
    const d = jiraIssueDelivery(issue, c.project);
    const res = await t.app.inject({
      method: 'POST',
      url: `/webhooks/jira/${c.connectionId}`,
      headers: d.headers,
      payload: d.body,
    });
    if (res.statusCode !== 200) throw new Error(`webhook answered ${res.statusCode}: ${res.body}`);
  }
}

export async function deliverableStatus(t: TestApp, id: string, headers: Headers = t.admin) {
  return (await t.app.inject({ url: `/v1/deliverables/${id}`, headers })).json().status as string;
}

/** Waits until the recompute worker has moved the deliverable to `status`. */
export const untilStatus = (t: TestApp, id: string, status: string) =>
  until(async () => (await deliverableStatus(t, id)) === status, 20_000, `deliverable ${id} ${status}`);

export const decide = (t: TestApp, id: string, headers: Headers, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/v1/deliverables/${id}/decision`, headers, payload });

/** The acceptance criteria of the suite's deliverables, all met. */
export const ALL_MET = [
  { criterion: 'Components documented', met: true },
  { criterion: 'WCAG 2.1 AA audit passed', met: true },
];
