import { type Actor, type Clock, counterIds, HttpError } from './common.ts';
import type { JqlSubject } from './jira-jql.ts';

/**
 * Jira's data in memory and the changes made to it, by the control API or by REST callers. Every
 * change emits the event Jira would send a webhook for; jira-hooks.ts turns those into deliveries.
 */

export interface JiraUser {
  readonly accountId: string;
  readonly displayName: string;
  readonly emailAddress: string;
  readonly timeZone: string;
}

export type Category = 'new' | 'indeterminate' | 'done';
export interface JiraStatus {
  readonly id: string;
  readonly name: string;
  readonly category: Category;
  /** The id of the (global) transition leading to this status. */
  readonly transitionId: string;
}

/** One simple workflow for every project, with a global transition into each status. */
export const STATUSES: readonly JiraStatus[] = [
  { id: '10000', name: 'To Do', category: 'new', transitionId: '11' },
  { id: '10001', name: 'In Progress', category: 'indeterminate', transitionId: '21' },
  { id: '10002', name: 'In Review', category: 'indeterminate', transitionId: '31' },
  { id: '10003', name: 'Done', category: 'done', transitionId: '41' },
];

export const RESOLUTIONS = ['Done', "Won't Do", 'Duplicate', 'Cannot Reproduce'] as const;
export const resolutionId = (name: string): string =>
  String(10000 + Math.max(0, RESOLUTIONS.indexOf(name as (typeof RESOLUTIONS)[number])));

export const ISSUE_TYPES = {
  Epic: { id: '10000', hierarchyLevel: 1, subtask: false },
  Story: { id: '10001', hierarchyLevel: 0, subtask: false },
  Task: { id: '10002', hierarchyLevel: 0, subtask: false },
  Subtask: { id: '10003', hierarchyLevel: -1, subtask: true },
  Bug: { id: '10004', hierarchyLevel: 0, subtask: false },
} as const;
export type IssueTypeName = keyof typeof ISSUE_TYPES;

/** Jira Software's own custom fields, with the ids a fresh cloud site gives them. */
export const STORY_POINTS_FIELD = 'customfield_10016';
export const FLAGGED_FIELD = 'customfield_10021';
export const DECISION_FIELD = 'customfield_10050';

export interface JiraComment {
  readonly id: string;
  readonly authorId: string;
  body: unknown;
  readonly created: number;
  updated: number;
}

export interface JiraProject {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  next: number;
}

export interface JiraIssue {
  readonly id: string;
  readonly key: string;
  readonly projectId: string;
  summary: string;
  description: string | null;
  issuetype: IssueTypeName;
  statusId: string;
  resolution: string | null;
  resolutiondate: number | null;
  readonly created: number;
  updated: number;
  duedate: string | null;
  labels: string[];
  components: string[];
  fixVersions: string[];
  parentId: string | null;
  assigneeId: string | null;
  readonly reporterId: string;
  /** Values of other fields by id (story points, flag, any custom field a caller sets). */
  custom: Record<string, unknown>;
  comments: JiraComment[];
  deleted: boolean;
}

export interface ChangeItem {
  readonly field: string;
  readonly fieldtype: 'jira' | 'custom';
  readonly fieldId: string;
  readonly from: string | null;
  readonly fromString: string | null;
  readonly to: string | null;
  readonly toString: string | null;
}

export type JiraEvent = {
  readonly webhookEvent: string;
  /** `issue_event_type_name` for issue events; absent for comment_* events. */
  readonly typeName?: string;
  readonly issue: JiraIssue;
  readonly actor: JiraUser;
  readonly at: number;
  readonly changelog?: { readonly id: string; readonly items: readonly ChangeItem[] };
  readonly comment?: JiraComment;
};

export type JiraActor = Actor<JiraUser>;

export interface IssueInput {
  readonly projectKey: string;
  readonly summary: string;
  readonly issuetype?: IssueTypeName | undefined;
  readonly status?: string | undefined;
  readonly labels?: readonly string[] | undefined;
  readonly duedate?: string | null | undefined;
  readonly storyPoints?: number | null | undefined;
  readonly assignee?: string | null | undefined;
  readonly parent?: string | null | undefined;
  readonly components?: readonly string[] | undefined;
  readonly fixVersions?: readonly string[] | undefined;
  readonly description?: string | null | undefined;
}

export interface IssueEdit {
  readonly summary?: string | undefined;
  readonly labels?: readonly string[] | undefined;
  readonly addLabels?: readonly string[] | undefined;
  readonly removeLabels?: readonly string[] | undefined;
  readonly duedate?: string | null | undefined;
  readonly storyPoints?: number | null | undefined;
  readonly flagged?: boolean | undefined;
  readonly assignee?: string | null | undefined;
  readonly custom?: Readonly<Record<string, unknown>> | undefined;
}

export const statusById = (id: string): JiraStatus =>
  STATUSES.find((s) => s.id === id) ?? (STATUSES[0] as JiraStatus);

export function statusNamed(nameOrId: string): JiraStatus {
  const found = STATUSES.find((s) => s.id === nameOrId || s.name.toLowerCase() === nameOrId.toLowerCase());
  if (!found)
    throw new HttpError(400, { errorMessages: [`Status '${nameOrId}' does not exist.`], errors: {} });
  return found;
}

const fieldString = (value: unknown): string | null =>
  value === null || value === undefined ? null : Array.isArray(value) ? value.join(' ') : String(value);

function change(fieldId: string, before: unknown, after: unknown, custom = false): ChangeItem {
  return {
    field: fieldId,
    fieldtype: custom ? 'custom' : 'jira',
    fieldId,
    from: null,
    fromString: fieldString(before),
    to: null,
    toString: fieldString(after),
  };
}

export type JiraWorld = ReturnType<typeof createJiraWorld>;

export function createJiraWorld(clock: Clock, opts: { timeZone: string }) {
  const integration: JiraUser = {
    accountId: '5b10ac8d82e05b22cc7d4ef5',
    displayName: 'Jalon Integration',
    emailAddress: 'jalon-bot@example.com',
    timeZone: opts.timeZone,
  };
  const provider: JiraUser = {
    accountId: '5d53f3cbc6b9320d9ea5bdc2',
    displayName: 'Priya Provider',
    emailAddress: 'priya@provider.example',
    timeZone: 'Europe/Paris',
  };
  const users = new Map([integration, provider].map((u) => [u.accountId, u]));
  const projects = new Map<string, JiraProject>();
  const issues = new Map<string, JiraIssue>();
  const byKey = new Map<string, string>();
  const listeners: ((e: JiraEvent) => void)[] = [];
  const issueId = counterIds(10001);
  const projectId = counterIds(10000);
  const commentId = counterIds(10100);
  const changelogId = counterIds(20000);

  const emit = (e: Omit<JiraEvent, 'at'>) => {
    for (const l of listeners) l({ ...e, at: clock.now() });
  };
  const emitUpdate = (issue: JiraIssue, actor: JiraUser, typeName: string, items: ChangeItem[]) =>
    emit({
      webhookEvent: 'jira:issue_updated',
      typeName,
      issue,
      actor,
      changelog: { id: changelogId(), items },
    });

  const find = (idOrKey: string): JiraIssue | undefined => {
    const issue = issues.get(idOrKey) ?? issues.get(byKey.get(idOrKey.toUpperCase()) ?? '');
    return issue && !issue.deleted ? issue : undefined;
  };
  const get = (idOrKey: string): JiraIssue => {
    const issue = find(idOrKey);
    if (!issue)
      throw new HttpError(404, {
        errorMessages: ['Issue does not exist or you do not have permission to see it.'],
        errors: {},
      });
    return issue;
  };
  const user = (accountId: string | null): JiraUser | null =>
    accountId === null ? null : (users.get(accountId) ?? null);
  const resolveUser = (idOrName: string | null | undefined): string | null => {
    if (idOrName === null || idOrName === undefined) return null;
    const found = [...users.values()].find((u) => u.accountId === idOrName || u.displayName === idOrName);
    return found?.accountId ?? idOrName;
  };
  const project = (issue: JiraIssue): JiraProject =>
    [...projects.values()].find((p) => p.id === issue.projectId) as JiraProject;

  function createProject(key: string, name: string): JiraProject {
    const upper = key.toUpperCase();
    if (!/^[A-Z][A-Z0-9]{1,9}$/.test(upper))
      throw new HttpError(400, {
        errorMessages: [],
        errors: {
          key: 'Project keys must start with an uppercase letter, followed by one or more uppercase alphanumeric characters.',
        },
      });
    const existing = projects.get(upper);
    if (existing) return existing;
    const created: JiraProject = { id: projectId(), key: upper, name, next: 1 };
    projects.set(upper, created);
    return created;
  }

  function createIssue(input: IssueInput, by: JiraActor): JiraIssue {
    const p = projects.get(input.projectKey.toUpperCase());
    if (!p) throw new HttpError(400, { errorMessages: [], errors: { project: 'valid project is required' } });
    const now = clock.now();
    const status = statusNamed(input.status ?? 'To Do');
    const issue: JiraIssue = {
      id: issueId(),
      key: `${p.key}-${p.next++}`,
      projectId: p.id,
      summary: input.summary,
      description: input.description ?? null,
      issuetype: input.issuetype ?? 'Story',
      statusId: status.id,
      resolution: status.category === 'done' ? 'Done' : null,
      resolutiondate: status.category === 'done' ? now : null,
      created: now,
      updated: now,
      duedate: input.duedate ?? null,
      labels: [...(input.labels ?? [])],
      components: [...(input.components ?? [])],
      fixVersions: [...(input.fixVersions ?? [])],
      parentId: input.parent ? get(input.parent).id : null,
      assigneeId: resolveUser(input.assignee),
      reporterId: by.user.accountId,
      custom: { [STORY_POINTS_FIELD]: input.storyPoints ?? null, [FLAGGED_FIELD]: null },
      comments: [],
      deleted: false,
    };
    issues.set(issue.id, issue);
    byKey.set(issue.key, issue.id);
    emit({
      webhookEvent: 'jira:issue_created',
      typeName: 'issue_created',
      issue,
      actor: by.user,
      changelog: { id: changelogId(), items: [change('status', null, status.name)] },
    });
    return issue;
  }

  function editIssue(issue: JiraIssue, edit: IssueEdit, by: JiraActor): ChangeItem[] {
    const items: ChangeItem[] = [];
    const set = <K extends keyof JiraIssue>(key: K, value: JiraIssue[K], fieldId: string = String(key)) => {
      if (JSON.stringify(issue[key]) === JSON.stringify(value)) return;
      items.push(change(fieldId, issue[key], value));
      issue[key] = value;
    };
    const setCustom = (id: string, value: unknown) => {
      if (JSON.stringify(issue.custom[id] ?? null) === JSON.stringify(value)) return;
      items.push(change(id, issue.custom[id], value, true));
      issue.custom[id] = value;
    };
    if (edit.summary !== undefined) set('summary', edit.summary);
    if (edit.duedate !== undefined) set('duedate', edit.duedate);
    if (edit.assignee !== undefined) set('assigneeId', resolveUser(edit.assignee), 'assignee');
    let labels = edit.labels ? [...edit.labels] : [...issue.labels];
    labels = labels.filter((l) => !(edit.removeLabels ?? []).includes(l));
    for (const l of edit.addLabels ?? []) if (!labels.includes(l)) labels.push(l);
    set('labels', labels);
    if (edit.storyPoints !== undefined) setCustom(STORY_POINTS_FIELD, edit.storyPoints);
    if (edit.flagged !== undefined)
      setCustom(FLAGGED_FIELD, edit.flagged ? [{ value: 'Impediment', id: '10019' }] : null);
    for (const [id, value] of Object.entries(edit.custom ?? {})) setCustom(id, value);
    if (items.length === 0) return items;
    issue.updated = clock.now();
    emitUpdate(issue, by.user, 'issue_updated', items);
    return items;
  }

  function transition(
    issue: JiraIssue,
    target: JiraStatus,
    by: JiraActor,
    resolution?: string,
  ): ChangeItem[] {
    const before = statusById(issue.statusId);
    const now = clock.now();
    const nextResolution = target.category === 'done' ? (resolution ?? 'Done') : null;
    // Jira lists the resolution change before the status change, each with ids and names.
    const items: ChangeItem[] = [];
    if (nextResolution !== issue.resolution) {
      const id = (name: string | null) => (name === null ? null : resolutionId(name));
      const item = change('resolution', issue.resolution, nextResolution);
      items.push({ ...item, from: id(issue.resolution), to: id(nextResolution) });
    }
    items.push({ ...change('status', before.name, target.name), from: before.id, to: target.id });
    issue.statusId = target.id;
    issue.resolution = nextResolution;
    issue.resolutiondate = nextResolution === null ? null : now;
    issue.updated = now;
    emitUpdate(issue, by.user, 'issue_generic', items);
    return items;
  }

  function addComment(issue: JiraIssue, body: unknown, by: JiraActor): JiraComment {
    const now = clock.now();
    const comment: JiraComment = {
      id: commentId(),
      authorId: by.user.accountId,
      body,
      created: now,
      updated: now,
    };
    issue.comments.push(comment);
    issue.updated = now;
    emit({ webhookEvent: 'comment_created', issue, actor: by.user, comment });
    emit({ webhookEvent: 'jira:issue_updated', typeName: 'issue_commented', issue, actor: by.user, comment });
    return comment;
  }

  function deleteIssue(issue: JiraIssue, by: JiraActor): void {
    issue.deleted = true;
    emit({ webhookEvent: 'jira:issue_deleted', typeName: 'issue_deleted', issue, actor: by.user });
  }

  /** The issue as JQL reads it (see jira-jql.ts). */
  function subject(issue: JiraIssue): JqlSubject {
    const status = statusById(issue.statusId);
    const p = project(issue);
    const parent = issue.parentId ? issues.get(issue.parentId) : undefined;
    const who = (id: string | null) => {
      const u = user(id);
      return u ? [u.accountId, u.displayName, u.emailAddress] : id ? [id] : [];
    };
    const text = (values: readonly string[]) => ({ kind: 'text' as const, values });
    const date = (value: number | null) => ({ kind: 'date' as const, value });
    const categoryName = { new: 'To Do', indeterminate: 'In Progress', done: 'Done' }[status.category];
    const fields: Record<string, ReturnType<JqlSubject['field']>> = {
      project: text([p.key, p.id, p.name]),
      key: text([issue.key, issue.id]),
      issuekey: text([issue.key, issue.id]),
      id: text([issue.id]),
      status: text([status.name, status.id]),
      statuscategory: text([categoryName, status.category]),
      labels: text(issue.labels),
      issuetype: text([issue.issuetype]),
      type: text([issue.issuetype]),
      assignee: text(who(issue.assigneeId)),
      reporter: text(who(issue.reporterId)),
      resolution: text(issue.resolution ? [issue.resolution] : []),
      summary: text([issue.summary]),
      text: text([issue.summary, issue.description ?? '']),
      parent: text(parent ? [parent.key, parent.id] : []),
      component: text(issue.components),
      fixversion: text(issue.fixVersions),
      updated: date(issue.updated),
      updateddate: date(issue.updated),
      created: date(issue.created),
      createddate: date(issue.created),
      resolutiondate: date(issue.resolutiondate),
      resolved: date(issue.resolutiondate),
      due: date(issue.duedate ? Date.parse(`${issue.duedate}T00:00:00Z`) : null),
      duedate: date(issue.duedate ? Date.parse(`${issue.duedate}T00:00:00Z`) : null),
    };
    return { field: (name) => fields[name] };
  }

  return {
    integration,
    provider,
    users,
    projects,
    issues,
    find,
    get,
    user,
    resolveUser,
    project,
    subject,
    createProject,
    createIssue,
    editIssue,
    transition,
    addComment,
    deleteIssue,
    onEvent: (listener: (e: JiraEvent) => void) => listeners.push(listener),
    parentOf: (issue: JiraIssue) => (issue.parentId ? (issues.get(issue.parentId) ?? null) : null),
  };
}
