import { type Actor, HttpError } from './common.ts';

/** Jira's objects as the sandbox keeps them, its one workflow, and the change events it emits. */

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
