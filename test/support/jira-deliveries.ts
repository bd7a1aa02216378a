import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Jira deliveries built on a payload captured from a live site (test/fixtures). */
const template = JSON.parse(
  readFileSync(
    new URL('../fixtures/jira/webhook-jira_issue_updated-status-to-done-resolution.json', import.meta.url),
    'utf8',
  ),
) as { issue: { id: string; key: string; fields: Record<string, unknown> } } & Record<string, unknown>;

export const JIRA_SECRET = 'jira-webhook-secret-for-tests-0001';
export const JIRA_SETTINGS = {
  siteUrl: 'https://acme.atlassian.net',
  storyPointsField: 'customfield_10016',
  flaggedField: 'customfield_10021',
};

const CATEGORY = { todo: 'new', in_progress: 'indeterminate', done: 'done' } as const;
const NAME = { todo: 'To Do', in_progress: 'In Progress', done: 'Done' } as const;

export interface IssueState {
  readonly id: string;
  readonly key: string;
  readonly category: keyof typeof CATEGORY;
  readonly updated: Date;
  readonly project?: string;
  /** Extra issue fields, e.g. story points or the Flagged field of JIRA_SETTINGS. */
  readonly fields?: Record<string, unknown>;
}

/** A signed `jira:issue_updated` delivery; `deliveryId` plays X-Atlassian-Webhook-Identifier. */
export function jiraDelivery(state: IssueState, secret = JIRA_SECRET, deliveryId: string = randomUUID()) {
  const fields = {
    ...template.issue.fields,
    summary: `Issue ${state.key}`,
    updated: state.updated.toISOString().replace('Z', '+0000'),
    // In the past: Jalon clamps tracker times later than the receipt to it.
    created: '2026-01-01T09:00:00.000+0000',
    resolution: state.category === 'done' ? { name: 'Done' } : null,
    resolutiondate: state.category === 'done' ? state.updated.toISOString().replace('Z', '+0000') : null,
    status: { name: NAME[state.category], id: '1', statusCategory: { key: CATEGORY[state.category], id: 1 } },
    project: { ...(template.issue.fields.project as object), key: state.project ?? 'PAY' },
    ...state.fields,
  };
  const body = Buffer.from(
    JSON.stringify({
      ...template,
      timestamp: state.updated.getTime(),
      issue: { ...template.issue, id: state.id, key: state.key, fields },
    }),
  );
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-atlassian-webhook-identifier': deliveryId,
      'x-hub-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
  };
}
