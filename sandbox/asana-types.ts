import type { Actor } from './common.ts';

/** Asana's objects as the sandbox keeps them, and the compact events their changes emit. */

export interface AsanaUser {
  readonly gid: string;
  readonly name: string;
  readonly email: string;
}
export interface AsanaProject {
  readonly gid: string;
  name: string;
  readonly workspaceGid: string;
  readonly sectionGids: string[];
  readonly customFieldGids: string[];
}
export interface AsanaSection {
  readonly gid: string;
  name: string;
  readonly projectGid: string;
}
export interface AsanaTag {
  readonly gid: string;
  name: string;
  readonly workspaceGid: string;
  readonly created_at: number;
}
export interface EnumOption {
  readonly gid: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly color: string;
}
export interface AsanaCustomField {
  readonly gid: string;
  readonly name: string;
  readonly resource_subtype: 'enum' | 'number' | 'text';
  readonly enum_options: readonly EnumOption[];
}
export interface Membership {
  readonly projectGid: string;
  sectionGid: string | null;
}
export interface AsanaTask {
  readonly gid: string;
  name: string;
  notes: string;
  readonly resource_subtype: 'default_task' | 'approval' | 'milestone';
  completed: boolean;
  completed_at: number | null;
  readonly created_at: number;
  modified_at: number;
  due_on: string | null;
  due_at: number | null;
  assigneeGid: string | null;
  readonly parentGid: string | null;
  memberships: Membership[];
  tagGids: string[];
  /** Custom field values by field gid: an enum option gid, a number or a text. */
  fieldValues: Record<string, string | number | null>;
  approval_status: string | null;
  readonly workspaceGid: string;
  deleted: boolean;
}
export interface AsanaStory {
  readonly gid: string;
  readonly taskGid: string;
  readonly created_at: number;
  readonly createdByGid: string;
  readonly resource_subtype: string;
  readonly type: 'comment' | 'system';
  readonly text: string;
}

export type Ref = {
  readonly gid: string;
  readonly resource_type: string;
  readonly resource_subtype?: string;
};
export interface AsanaEvent {
  readonly seq: number;
  readonly at: number;
  readonly userGid: string | null;
  readonly action: 'added' | 'removed' | 'changed' | 'deleted' | 'undeleted';
  readonly resource: Ref;
  readonly parent: Ref | null;
  readonly change?: Readonly<Record<string, unknown>>;
  /** The gids this event is about (the resource, its task, the task's projects). */
  readonly scope: readonly string[];
}

export type AsanaActor = Actor<AsanaUser>;
export interface TaskInput {
  readonly projectGid: string;
  readonly name: string;
  readonly section?: string | undefined;
  readonly notes?: string | undefined;
  readonly due_on?: string | null | undefined;
  readonly assignee?: string | null | undefined;
  readonly tags?: readonly string[] | undefined;
  readonly approval?: boolean | undefined;
  readonly completed?: boolean | undefined;
}
export interface TaskChange {
  readonly name?: string | undefined;
  readonly notes?: string | undefined;
  readonly due_on?: string | null | undefined;
  readonly completed?: boolean | undefined;
  readonly approval_status?: string | undefined;
  readonly assignee?: string | null | undefined;
  readonly customFields?: Readonly<Record<string, string | number | null>> | undefined;
}
