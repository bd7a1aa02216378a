import { z } from 'zod';
import type { StatusCategory, Task } from '../../src/core/task.ts';
import { normaliseTaskText } from '../../src/core/tracker-text.ts';
import { JiraPayloadInvalid } from './jira.errors.ts';
import type { JiraSettings } from './jira.settings.ts';

/**
 * Pure Jira issue JSON → Task. The same function reads REST v3 responses and webhook bodies (which
 * carry the v2 representation: same field keys, rich text as strings; Jalon reads no rich text).
 * Field reference: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
 */

/** What the mapper knows about the site beyond the payload (discovered once, see jira.site.ts). */
export interface SiteFacts {
  /** Where `/browse/KEY` links point. */
  readonly browseRoot: string;
  /** Candidate story-points fields, first non-empty wins ("Story point estimate", "Story Points"). */
  readonly storyPointsFields: readonly string[];
  readonly flaggedField: string | null;
}

export type MapperConfig = SiteFacts &
  Pick<JiraSettings, 'blockedStatuses' | 'blockedLabels' | 'cancelledResolutions' | 'statusCategories'>;

export const JiraIssue = z.object({
  id: z.string().optional(),
  key: z.string().optional(),
  self: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).default({}),
});
export type JiraIssue = z.infer<typeof JiraIssue>;

const Status = z.object({
  name: z.string(),
  statusCategory: z.object({ key: z.string() }).optional(),
});
const Named = z.object({ name: z.string() });
const User = z.object({ accountId: z.string().optional(), displayName: z.string().optional() });
const Parent = z.object({ id: z.string(), key: z.string().optional() });
const IdNamedList = z.array(z.object({ id: z.string().optional(), name: z.string() }));
const Strings = z.array(z.string());
const IssueType = z.object({ name: z.string().optional(), hierarchyLevel: z.number().optional() });
/** The "Flagged" checkbox field: `[{ value: "Impediment" }]` when flagged. */
const Flag = z.array(z.object({ value: z.string() }));

const read = <T>(schema: z.ZodType<T>, value: unknown): T | null => {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/** `statusCategory.key` is one of new / indeterminate / done (plus `undefined`, "No Category"). */
const CATEGORY_BY_KEY: Readonly<Record<string, StatusCategory>> = {
  new: 'todo',
  indeterminate: 'in_progress',
  done: 'done',
};

/** Jira's default workflow names, for payloads trimmed of `statusCategory`. */
const CATEGORY_BY_DEFAULT_NAME: Readonly<Record<string, StatusCategory>> = {
  'to do': 'todo',
  open: 'todo',
  backlog: 'todo',
  'in progress': 'in_progress',
  'in review': 'in_progress',
  done: 'done',
  closed: 'done',
  resolved: 'done',
};

const sameText = (a: string, b: string): boolean =>
  a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;
const includesText = (list: readonly string[], value: string): boolean =>
  list.some((x) => sameText(x, value));

/**
 * Jira writes offsets without a colon (`2019-02-15T19:01:52.971-0800`), which not every ISO 8601
 * reader accepts; the colon is added before parsing. Returns ISO 8601 UTC.
 */
export function jiraTimeToIso(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function statusCategoryOf(
  status: z.infer<typeof Status>,
  resolved: boolean,
  overrides: JiraSettings['statusCategories'],
): StatusCategory {
  const override = Object.entries(overrides).find(([name]) => sameText(name, status.name));
  if (override) return override[1];
  const byKey = status.statusCategory ? CATEGORY_BY_KEY[status.statusCategory.key] : undefined;
  if (byKey) return byKey;
  if (resolved) return 'done';
  return CATEGORY_BY_DEFAULT_NAME[status.name.toLowerCase()] ?? 'todo';
}

function estimateOf(fields: JiraIssue['fields'], candidates: readonly string[]): number | null {
  for (const id of candidates) {
    const value = fields[id];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return null;
}

function isBlocked(
  fields: JiraIssue['fields'],
  status: string,
  labels: readonly string[],
  cfg: MapperConfig,
) {
  const flags = cfg.flaggedField ? (read(Flag, fields[cfg.flaggedField]) ?? []) : [];
  return (
    flags.some((f) => sameText(f.value, 'Impediment')) ||
    includesText(cfg.blockedStatuses, status) ||
    labels.some((l) => includesText(cfg.blockedLabels, l))
  );
}

const idsAndNames = (list: z.infer<typeof IdNamedList> | null): string[] =>
  (list ?? []).flatMap((x) => (x.id ? [x.name, x.id] : [x.name]));

/** Epic facet: the parent's key (team- and company-managed projects alike) and an epic's own key. */
function epicFacet(fields: JiraIssue['fields'], key: string | null): string[] {
  const parentKey = read(Parent, fields.parent)?.key;
  const type = read(IssueType, fields.issuetype);
  const isEpic = type?.hierarchyLevel === 1 || (type?.name !== undefined && sameText(type.name, 'Epic'));
  return [...(parentKey ? [parentKey] : []), ...(isEpic && key ? [key] : [])];
}

function facetsOf(fields: JiraIssue['fields'], key: string | null, labels: string[]) {
  return {
    epic: epicFacet(fields, key),
    label: labels,
    component: idsAndNames(read(IdNamedList, fields.components)),
    fixVersion: idsAndNames(read(IdNamedList, fields.fixVersions)),
    issueKey: key ? [key] : [],
  };
}

/** The project key; trimmed payloads without `fields.project` still have it as the key's prefix. */
function scopeOf(fields: JiraIssue['fields'], key: string | null): string[] {
  const project = read(z.object({ key: z.string() }), fields.project)?.key ?? key?.replace(/-\d+$/, '');
  return project ? [project] : [];
}

/** A webhook body holds a snapshot only when it carries the fields a Task needs. */
export function isCompleteIssue(issue: JiraIssue): boolean {
  const f = issue.fields;
  return (
    issue.id !== undefined &&
    read(Status, f.status) !== null &&
    typeof f.summary === 'string' &&
    jiraTimeToIso(f.created) !== null &&
    jiraTimeToIso(f.updated) !== null
  );
}

export function mapIssue(issue: JiraIssue, cfg: MapperConfig, opts: { deleted?: boolean } = {}): Task {
  const f = issue.fields;
  // Real responses always carry `id`; some trimmed captures only have the key.
  const externalId = issue.id ?? issue.key;
  const status = read(Status, f.status);
  const createdAt = jiraTimeToIso(f.created);
  const updatedAt = jiraTimeToIso(f.updated);
  if (!externalId || !status || !createdAt || !updatedAt) {
    throw new JiraPayloadInvalid(`issue ${externalId ?? '(no id)'} lacks id, status, created or updated`);
  }
  const key = issue.key ?? null;
  const resolution = read(Named, f.resolution)?.name ?? null;
  const cancelled = resolution !== null && includesText(cfg.cancelledResolutions, resolution);
  const statusCategory = statusCategoryOf(status, resolution !== null, cfg.statusCategories);
  const labels = read(Strings, f.labels) ?? [];
  const assignee = read(User, f.assignee);
  const dueDate = typeof f.duedate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(f.duedate) ? f.duedate : null;
  return normaliseTaskText({
    tracker: 'jira',
    externalId,
    key,
    url: `${cfg.browseRoot}/browse/${key ?? externalId}`,
    title: typeof f.summary === 'string' ? f.summary : '',
    statusCategory,
    status: status.name,
    cancelled,
    blocked: isBlocked(f, status.name, labels, cfg),
    assignee: assignee?.displayName ?? assignee?.accountId ?? null,
    dueDate,
    labels,
    parentExternalId: read(Parent, f.parent)?.id ?? null,
    estimate: estimateOf(f, cfg.storyPointsFields),
    completedAt: statusCategory === 'done' && !cancelled ? jiraTimeToIso(f.resolutiondate) : null,
    createdAt,
    updatedAt,
    deleted: opts.deleted ?? false,
    facets: facetsOf(f, key, labels),
    scopeIds: scopeOf(f, key),
  });
}

/** The fields a listing or fetch asks for: exactly what `mapIssue` reads. */
export function issueFields(facts: SiteFacts): string[] {
  return [
    'summary',
    'status',
    'resolution',
    'resolutiondate',
    'created',
    'updated',
    'duedate',
    'labels',
    'components',
    'fixVersions',
    'parent',
    'assignee',
    'project',
    'issuetype',
    ...facts.storyPointsFields,
    ...(facts.flaggedField ? [facts.flaggedField] : []),
  ];
}
