import { type Clock, counterIds, HttpError } from './common.ts';
import {
  type ChangeItem,
  FLAGGED_FIELD,
  type IssueEdit,
  type IssueInput,
  type JiraActor,
  type JiraComment,
  type JiraEvent,
  type JiraIssue,
  type JiraProject,
  type JiraStatus,
  type JiraUser,
  resolutionId,
  STORY_POINTS_FIELD,
  statusById,
  statusNamed,
} from './jira-types.ts';

/**
 * Jira's data in memory and the changes made to it, by the control API or by REST callers. Every
 * change emits the event Jira would send a webhook for; jira-hooks.ts turns those into deliveries.
 */

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
