import type {
  AsanaActor,
  AsanaCustomField,
  AsanaEvent,
  AsanaProject,
  AsanaSection,
  AsanaStory,
  AsanaTag,
  AsanaTask,
  AsanaUser,
  Ref,
  TaskChange,
  TaskInput,
} from './asana-types.ts';
import { type Clock, counterIds, HttpError } from './common.ts';

/**
 * Asana's data in memory. Every change appends compact events
 * (https://developers.asana.com/reference/events) to one log, which the events API pages with
 * sync tokens and webhooks deliver in batches.
 */

const notFound = (gid: string) =>
  new HttpError(404, {
    errors: [{ message: `${gid}: Not a recognized ID.`, help: 'https://developers.asana.com/docs/errors' }],
  });

export type AsanaWorld = ReturnType<typeof createAsanaWorld>;

export function createAsanaWorld(clock: Clock) {
  const gid = counterIds(1_209_000_000_000_001);
  const workspace = { gid: gid(), name: 'Sandbox Workspace' };
  const integration: AsanaUser = { gid: gid(), name: 'Jalon Integration', email: 'jalon-bot@example.com' };
  const provider: AsanaUser = { gid: gid(), name: 'Priya Provider', email: 'priya@provider.example' };
  const users = new Map([integration, provider].map((u) => [u.gid, u]));
  const projects = new Map<string, AsanaProject>();
  const sections = new Map<string, AsanaSection>();
  const tasks = new Map<string, AsanaTask>();
  const stories = new Map<string, AsanaStory>();
  const tags = new Map<string, AsanaTag>();
  const customFields = new Map<string, AsanaCustomField>();
  const events: AsanaEvent[] = [];
  const listeners: ((e: AsanaEvent) => void)[] = [];

  const blocked: AsanaCustomField = {
    gid: gid(),
    name: 'Status',
    resource_subtype: 'enum',
    enum_options: ['On track', 'Blocked', 'Accepted', 'Rejected'].map((name, i) => ({
      gid: gid(),
      name,
      enabled: true,
      color: ['green', 'red', 'blue', 'orange'][i] as string,
    })),
  };
  customFields.set(blocked.gid, blocked);

  const find = <T>(map: Map<string, T>, id: string): T => {
    const found = map.get(id);
    if (!found || (found as { deleted?: boolean }).deleted) throw notFound(id);
    return found;
  };
  const task = (id: string) => find(tasks, id);
  const project = (id: string) => find(projects, id);
  const section = (id: string) => find(sections, id);
  const tag = (id: string) => find(tags, id);
  const user = (id: string) => (id === 'me' ? integration : find(users, id));
  const taskRef = (t: AsanaTask): Ref => ({
    gid: t.gid,
    resource_type: 'task',
    resource_subtype: t.resource_subtype,
  });
  const scopeOf = (t: AsanaTask) => [t.gid, ...t.memberships.map((m) => m.projectGid)];

  function emit(
    e: Omit<AsanaEvent, 'seq' | 'at' | 'scope' | 'userGid'>,
    scope: readonly string[],
    by: AsanaActor,
  ) {
    const event: AsanaEvent = { ...e, userGid: by.user.gid, seq: events.length + 1, at: clock.now(), scope };
    events.push(event);
    for (const l of listeners) l(event);
  }
  const touch = (t: AsanaTask) => {
    t.modified_at = clock.now();
  };

  function createProject(name: string, sectionNames: readonly string[]): AsanaProject {
    const p: AsanaProject = {
      gid: gid(),
      name,
      workspaceGid: workspace.gid,
      sectionGids: [],
      customFieldGids: [blocked.gid],
    };
    projects.set(p.gid, p);
    for (const n of sectionNames.length > 0 ? sectionNames : ['Untitled section']) createSection(p.gid, n);
    return p;
  }

  function createSection(projectGid: string, name: string): AsanaSection {
    const p = project(projectGid);
    const s: AsanaSection = { gid: gid(), name, projectGid: p.gid };
    sections.set(s.gid, s);
    p.sectionGids.push(s.gid);
    return s;
  }

  function sectionNamed(p: AsanaProject, nameOrGid: string): AsanaSection {
    const found = p.sectionGids
      .map((g) => sections.get(g) as AsanaSection)
      .find((s) => s.gid === nameOrGid || s.name.toLowerCase() === nameOrGid.toLowerCase());
    if (!found)
      throw new HttpError(400, {
        errors: [{ message: `section: ${nameOrGid} is not a section of project ${p.gid}` }],
      });
    return found;
  }

  function createTag(workspaceGid: string, name: string): AsanaTag {
    if (workspaceGid !== workspace.gid) throw notFound(workspaceGid);
    const t: AsanaTag = { gid: gid(), name, workspaceGid, created_at: clock.now() };
    tags.set(t.gid, t);
    return t;
  }
  const tagNamed = (name: string) =>
    [...tags.values()].find((t) => t.name.toLowerCase() === name.toLowerCase()) ??
    createTag(workspace.gid, name);

  function createTask(input: TaskInput, by: AsanaActor): AsanaTask {
    const p = project(input.projectGid);
    const s = sectionNamed(
      p,
      input.section ?? (sections.get(p.sectionGids[0] as string) as AsanaSection).gid,
    );
    const now = clock.now();
    const t: AsanaTask = {
      gid: gid(),
      name: input.name,
      notes: input.notes ?? '',
      resource_subtype: input.approval ? 'approval' : 'default_task',
      completed: input.completed ?? false,
      completed_at: input.completed ? now : null,
      created_at: now,
      modified_at: now,
      due_on: input.due_on ?? null,
      due_at: null,
      assigneeGid: input.assignee
        ? ([...users.values()].find((u) => u.gid === input.assignee || u.name === input.assignee)?.gid ??
          null)
        : null,
      parentGid: null,
      memberships: [{ projectGid: p.gid, sectionGid: s.gid }],
      tagGids: (input.tags ?? []).map((n) => tagNamed(n).gid),
      fieldValues: {},
      approval_status: input.approval ? 'pending' : null,
      workspaceGid: workspace.gid,
      deleted: false,
    };
    tasks.set(t.gid, t);
    emit(
      { action: 'added', resource: taskRef(t), parent: { gid: p.gid, resource_type: 'project' } },
      scopeOf(t),
      by,
    );
    emit(
      { action: 'added', resource: taskRef(t), parent: { gid: s.gid, resource_type: 'section' } },
      scopeOf(t),
      by,
    );
    return t;
  }

  function changed(t: AsanaTask, field: string, change: Record<string, unknown>, by: AsanaActor) {
    touch(t);
    emit(
      { action: 'changed', resource: taskRef(t), parent: null, change: { field, ...change } },
      scopeOf(t),
      by,
    );
  }

  function updateTask(t: AsanaTask, c: TaskChange, by: AsanaActor): string[] {
    const fields: string[] = [];
    const set = <K extends 'name' | 'notes' | 'due_on' | 'completed' | 'approval_status' | 'assigneeGid'>(
      key: K,
      value: AsanaTask[K],
      field: string = key,
    ) => {
      if (t[key] === value) return;
      t[key] = value;
      if (key === 'completed') t.completed_at = value ? clock.now() : null;
      fields.push(field);
      const shown =
        key === 'assigneeGid' ? (value === null ? null : { gid: value, resource_type: 'user' }) : value;
      changed(t, field, { action: 'changed', new_value: shown }, by);
    };
    if (c.name !== undefined) set('name', c.name);
    if (c.notes !== undefined) set('notes', c.notes);
    if (c.due_on !== undefined) set('due_on', c.due_on);
    if (c.assignee !== undefined) set('assigneeGid', c.assignee, 'assignee');
    if (c.approval_status !== undefined) {
      set('approval_status', c.approval_status);
      set('completed', c.approval_status !== 'pending');
    }
    if (c.completed !== undefined) set('completed', c.completed);
    for (const [fieldGid, value] of Object.entries(c.customFields ?? {})) {
      if (!customFields.has(fieldGid))
        throw new HttpError(400, {
          errors: [{ message: `custom_fields: Unknown custom field ${fieldGid}` }],
        });
      if (t.fieldValues[fieldGid] === value) continue;
      t.fieldValues[fieldGid] = value;
      fields.push('custom_fields');
      changed(
        t,
        'custom_fields',
        { action: 'changed', new_value: { gid: fieldGid, resource_type: 'custom_field' } },
        by,
      );
    }
    return fields;
  }

  function moveToSection(t: AsanaTask, sectionGid: string, by: AsanaActor): void {
    const s = section(sectionGid);
    const m = t.memberships.find((x) => x.projectGid === s.projectGid);
    if (!m)
      throw new HttpError(400, {
        errors: [{ message: 'task: The task is not in the project of this section.' }],
      });
    if (m.sectionGid === s.gid) return;
    const old = m.sectionGid;
    m.sectionGid = s.gid;
    touch(t);
    if (old)
      emit(
        { action: 'removed', resource: taskRef(t), parent: { gid: old, resource_type: 'section' } },
        scopeOf(t),
        by,
      );
    emit(
      { action: 'added', resource: taskRef(t), parent: { gid: s.gid, resource_type: 'section' } },
      scopeOf(t),
      by,
    );
  }

  function setTag(t: AsanaTask, g: AsanaTag, on: boolean, by: AsanaActor): boolean {
    if (t.tagGids.includes(g.gid) === on) return false;
    t.tagGids = on ? [...t.tagGids, g.gid] : t.tagGids.filter((x) => x !== g.gid);
    const value = { gid: g.gid, resource_type: 'tag' };
    changed(
      t,
      'tags',
      on ? { action: 'added', added_value: value } : { action: 'removed', removed_value: value },
      by,
    );
    return true;
  }

  function addComment(t: AsanaTask, text: string, by: AsanaActor): AsanaStory {
    const s: AsanaStory = {
      gid: gid(),
      taskGid: t.gid,
      created_at: clock.now(),
      createdByGid: by.user.gid,
      resource_subtype: 'comment_added',
      type: 'comment',
      text,
    };
    stories.set(s.gid, s);
    touch(t);
    emit(
      {
        action: 'added',
        resource: { gid: s.gid, resource_type: 'story', resource_subtype: 'comment_added' },
        parent: taskRef(t),
      },
      [s.gid, ...scopeOf(t)],
      by,
    );
    return s;
  }

  function deleteTask(t: AsanaTask, by: AsanaActor): void {
    t.deleted = true;
    emit({ action: 'deleted', resource: taskRef(t), parent: null }, scopeOf(t), by);
  }

  return {
    workspace,
    integration,
    provider,
    users,
    projects,
    sections,
    tasks,
    stories,
    tags,
    customFields,
    events,
    blockedField: blocked,
    task,
    project,
    section,
    tag,
    user,
    sectionNamed,
    tagNamed,
    createProject,
    createSection,
    createTag,
    createTask,
    updateTask,
    moveToSection,
    setTag,
    addComment,
    deleteTask,
    onEvent: (listener: (e: AsanaEvent) => void) => listeners.push(listener),
  };
}
