import type { JqlSubject } from './jira-jql.ts';
import type { JiraWorld } from './jira-model.ts';
import { type JiraIssue, statusById } from './jira-types.ts';

/** An issue as JQL reads it (see jira-jql.ts): each searchable field's text values or date. */
export function jqlSubject(world: JiraWorld, issue: JiraIssue): JqlSubject {
  const status = statusById(issue.statusId);
  const p = world.project(issue);
  const parent = issue.parentId ? world.issues.get(issue.parentId) : undefined;
  const who = (id: string | null) => {
    const u = world.user(id);
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
