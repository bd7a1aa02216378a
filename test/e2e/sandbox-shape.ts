import { expect } from 'vitest';

/** Comparing a sandbox webhook body with a vendor capture: same JSON kinds at the same paths. */

export type Json = Record<string, unknown>;

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
export const at = (value: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((o, k) => (o === null || typeof o !== 'object' ? undefined : (o as Json)[k]), value);
export const keys = (value: unknown) => Object.keys(value as Json).sort();

/** Date strings are compared by their format, e.g. Jira's colon-less `-0800` offsets. */
const shapeOf = (v: unknown): string => {
  if (typeof v !== 'string') return kind(v);
  if (/^\d+$/.test(v)) return 'digits';
  const date = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}([+-]\d{4}|Z)$/.exec(v);
  return date ? `datetime${(date[1] ?? '').replace(/[+-]\d{4}/, '±hhmm')}` : 'string';
};

export function expectSameShape(sandbox: unknown, fixture: unknown, paths: readonly string[]): void {
  for (const path of paths) {
    expect({ path, shape: shapeOf(at(sandbox, path)) }).toEqual({ path, shape: shapeOf(at(fixture, path)) });
  }
}

/** The paths of a Jira issue event that the Jira adapter reads. */
export const JIRA_ISSUE_PATHS = [
  'timestamp',
  'webhookEvent',
  'issue_event_type_name',
  'user.accountId',
  'user.displayName',
  'issue.id',
  'issue.key',
  'issue.self',
  'issue.fields.summary',
  'issue.fields.status.name',
  'issue.fields.status.id',
  'issue.fields.status.statusCategory.key',
  'issue.fields.created',
  'issue.fields.updated',
  'issue.fields.labels',
  'issue.fields.labels.0',
  'issue.fields.components',
  'issue.fields.components.0.id',
  'issue.fields.components.0.name',
  'issue.fields.fixVersions',
  'issue.fields.resolution',
  'issue.fields.resolutiondate',
  'issue.fields.assignee',
  'issue.fields.duedate',
  'issue.fields.project.key',
  'issue.fields.issuetype.name',
  'changelog.id',
  'changelog.items',
  'changelog.items.0.field',
  'changelog.items.0.fieldId',
  'changelog.items.0.toString',
];
