import type { JiraWorld } from './jira-model.ts';
import {
  DECISION_FIELD,
  FLAGGED_FIELD,
  ISSUE_TYPES,
  type JiraComment,
  type JiraIssue,
  type JiraStatus,
  type JiraUser,
  resolutionId,
  STORY_POINTS_FIELD,
  statusById,
} from './jira-types.ts';

/**
 * Jira's JSON: REST v3 responses (rich text as ADF) and the v2 representation webhook bodies carry
 * (rich text as strings). Shapes follow https://developer.atlassian.com/cloud/jira/platform/rest/v3/
 * and the captured webhooks in test/fixtures/jira.
 */

export interface JsonContext {
  readonly site: string;
  readonly world: JiraWorld;
}

type Version = 2 | 3;

/** Jira writes instants with milliseconds and a colon-less offset: `2019-02-15T19:01:52.971+0000`. */
export const jiraTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

export const adfFromText = (text: string) => ({
  type: 'doc',
  version: 1,
  content: text.split('\n').map((line) => ({
    type: 'paragraph',
    content: line ? [{ type: 'text', text: line }] : [],
  })),
});

/** The plain text of an ADF tree; strings (v2 bodies) pass through. */
export function textFromAdf(node: unknown): string {
  if (typeof node === 'string') return node;
  if (typeof node !== 'object' || node === null) return '';
  const { text, content, type } = node as { text?: unknown; content?: unknown; type?: unknown };
  const own = typeof text === 'string' ? text : '';
  const children = Array.isArray(content) ? content.map(textFromAdf) : [];
  const sep = type === 'doc' || type === 'bulletList' || type === 'orderedList' ? '\n' : '';
  return own + children.join(sep);
}

const avatars = (site: string, id: string) => ({
  '48x48': `${site}/secure/useravatar?size=large&ownerId=${id}`,
  '24x24': `${site}/secure/useravatar?size=small&ownerId=${id}`,
  '16x16': `${site}/secure/useravatar?size=xsmall&ownerId=${id}`,
  '32x32': `${site}/secure/useravatar?size=medium&ownerId=${id}`,
});

export function userJson(ctx: JsonContext, u: JiraUser, v: Version = 3) {
  return {
    self: `${ctx.site}/rest/api/${v}/user?accountId=${u.accountId}`,
    accountId: u.accountId,
    accountType: 'atlassian',
    emailAddress: u.emailAddress,
    avatarUrls: avatars(ctx.site, u.accountId),
    displayName: u.displayName,
    active: true,
    timeZone: u.timeZone,
  };
}

const CATEGORIES = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;

export function statusJson(ctx: JsonContext, s: JiraStatus, v: Version = 3) {
  const category = CATEGORIES[s.category];
  return {
    self: `${ctx.site}/rest/api/${v}/status/${s.id}`,
    description: '',
    iconUrl: `${ctx.site}/`,
    name: s.name,
    id: s.id,
    statusCategory: { self: `${ctx.site}/rest/api/${v}/statuscategory/${category.id}`, ...category },
  };
}

function resolutionJson(ctx: JsonContext, name: string | null, v: Version) {
  if (name === null) return null;
  const id = resolutionId(name);
  return { self: `${ctx.site}/rest/api/${v}/resolution/${id}`, id, description: '', name };
}

function issueTypeJson(ctx: JsonContext, name: JiraIssue['issuetype'], v: Version) {
  const t = ISSUE_TYPES[name];
  return {
    self: `${ctx.site}/rest/api/${v}/issuetype/${t.id}`,
    id: t.id,
    description: '',
    iconUrl: `${ctx.site}/images/icons/issuetypes/${name.toLowerCase()}.svg`,
    name: name === 'Subtask' ? 'Sub-task' : name,
    subtask: t.subtask,
    hierarchyLevel: t.hierarchyLevel,
  };
}

/** Components and versions are named per project; their ids are stable hashes of the name. */
const namedId = (name: string): string =>
  String(10000 + ([...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 89_999, 7) % 89_999));

function projectJson(ctx: JsonContext, issue: JiraIssue, v: Version) {
  const p = ctx.world.project(issue);
  return {
    self: `${ctx.site}/rest/api/${v}/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    projectTypeKey: 'software',
    simplified: false,
    avatarUrls: avatars(ctx.site, p.id),
  };
}

function parentJson(ctx: JsonContext, issue: JiraIssue, v: Version) {
  const parent = ctx.world.parentOf(issue);
  if (!parent) return undefined;
  return {
    id: parent.id,
    key: parent.key,
    self: `${ctx.site}/rest/api/${v}/issue/${parent.id}`,
    fields: {
      summary: parent.summary,
      status: statusJson(ctx, statusById(parent.statusId), v),
      issuetype: issueTypeJson(ctx, parent.issuetype, v),
    },
  };
}

/** Every field of an issue, as GET issue returns them with `fields=*all`. */
export function allFields(ctx: JsonContext, issue: JiraIssue, v: Version): Record<string, unknown> {
  const user = (id: string | null) => {
    const u = ctx.world.user(id);
    return u ? userJson(ctx, u, v) : null;
  };
  const parent = parentJson(ctx, issue, v);
  const description =
    issue.description === null ? null : v === 3 ? adfFromText(issue.description) : issue.description;
  return {
    summary: issue.summary,
    description,
    issuetype: issueTypeJson(ctx, issue.issuetype, v),
    project: projectJson(ctx, issue, v),
    status: statusJson(ctx, statusById(issue.statusId), v),
    resolution: resolutionJson(ctx, issue.resolution, v),
    resolutiondate: issue.resolutiondate === null ? null : jiraTime(issue.resolutiondate),
    created: jiraTime(issue.created),
    updated: jiraTime(issue.updated),
    duedate: issue.duedate,
    labels: [...issue.labels],
    components: issue.components.map((name) => ({
      self: `${ctx.site}/rest/api/${v}/component/${namedId(name)}`,
      id: namedId(name),
      name,
    })),
    fixVersions: issue.fixVersions.map((name) => ({
      self: `${ctx.site}/rest/api/${v}/version/${namedId(name)}`,
      id: namedId(name),
      name,
      archived: false,
      released: false,
    })),
    ...(parent ? { parent } : {}),
    assignee: user(issue.assigneeId),
    reporter: user(issue.reporterId),
    creator: user(issue.reporterId),
    priority: {
      self: `${ctx.site}/rest/api/${v}/priority/3`,
      iconUrl: `${ctx.site}/images/icons/priorities/medium.svg`,
      name: 'Medium',
      id: '3',
    },
    watches: {
      self: `${ctx.site}/rest/api/${v}/issue/${issue.key}/watchers`,
      watchCount: 0,
      isWatching: false,
    },
    [DECISION_FIELD]: null,
    ...issue.custom,
  };
}

/** `fields` as a caller asks for them: a list, `*all` / `*navigable`, or nothing (all, or none for search). */
export function selectFields(
  all: Record<string, unknown>,
  wanted: readonly string[] | null,
): Record<string, unknown> {
  if (wanted === null || wanted.includes('*all') || wanted.includes('*navigable')) {
    const excluded = (wanted ?? []).filter((f) => f.startsWith('-')).map((f) => f.slice(1));
    return Object.fromEntries(Object.entries(all).filter(([k]) => !excluded.includes(k)));
  }
  return Object.fromEntries(wanted.filter((f) => f in all).map((f) => [f, all[f]]));
}

export function issueJson(ctx: JsonContext, issue: JiraIssue, v: Version, wanted: readonly string[] | null) {
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${ctx.site}/rest/api/${v}/issue/${issue.id}`,
    key: issue.key,
    fields: selectFields(allFields(ctx, issue, v), wanted),
  };
}

export function commentJson(ctx: JsonContext, issue: JiraIssue, c: JiraComment, v: Version) {
  const author = ctx.world.user(c.authorId);
  const authorJson = author ? userJson(ctx, author, v) : null;
  return {
    self: `${ctx.site}/rest/api/${v}/issue/${issue.id}/comment/${c.id}`,
    id: c.id,
    author: authorJson,
    body: v === 3 ? (typeof c.body === 'string' ? adfFromText(c.body) : c.body) : textFromAdf(c.body),
    updateAuthor: authorJson,
    created: jiraTime(c.created),
    updated: jiraTime(c.updated),
    jsdPublic: true,
  };
}

const systemField = (id: string, name: string, type: string) => ({
  id,
  key: id,
  name,
  custom: false,
  orderable: true,
  navigable: true,
  searchable: true,
  clauseNames: [id],
  schema: { type, system: id },
});

const customField = (id: string, name: string, schema: Record<string, unknown>) => ({
  id,
  key: id,
  name,
  custom: true,
  orderable: true,
  navigable: true,
  searchable: true,
  clauseNames: [`cf[${id.slice(12)}]`, name],
  schema: { ...schema, customId: Number(id.slice(12)) },
});

/** GET /rest/api/3/field: the system fields Jalon reads and Jira Software's custom fields. */
export const FIELDS = [
  systemField('summary', 'Summary', 'string'),
  systemField('description', 'Description', 'string'),
  systemField('status', 'Status', 'status'),
  systemField('resolution', 'Resolution', 'resolution'),
  systemField('resolutiondate', 'Resolved', 'datetime'),
  systemField('created', 'Created', 'datetime'),
  systemField('updated', 'Updated', 'datetime'),
  systemField('duedate', 'Due date', 'date'),
  systemField('labels', 'Labels', 'array'),
  systemField('components', 'Components', 'array'),
  systemField('fixVersions', 'Fix versions', 'array'),
  systemField('parent', 'Parent', 'issuelink'),
  systemField('assignee', 'Assignee', 'user'),
  systemField('reporter', 'Reporter', 'user'),
  systemField('project', 'Project', 'project'),
  systemField('issuetype', 'Issue Type', 'issuetype'),
  customField(STORY_POINTS_FIELD, 'Story point estimate', {
    type: 'number',
    custom: 'com.pyxis.greenhopper.jira:jsw-story-points',
  }),
  customField(FLAGGED_FIELD, 'Flagged', {
    type: 'array',
    items: 'option',
    custom: 'com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes',
  }),
  customField(DECISION_FIELD, 'Jalon decision', {
    type: 'string',
    custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield',
  }),
];
