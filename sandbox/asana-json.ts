import type { AsanaWorld } from './asana-model.ts';
import type { AsanaCustomField, AsanaEvent, AsanaStory, AsanaTag, AsanaTask } from './asana-types.ts';

/**
 * Asana's JSON (https://developers.asana.com/reference) and its `opt_fields` projection
 * (https://developers.asana.com/docs/inputoutput-options): without it a list answers compact
 * records and a single read the full one; with it, `gid` plus the dotted paths asked for.
 */

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

type Json = Record<string, unknown>;

export const compact = (gid: string, resource_type: string, name?: string, extra: Json = {}) => ({
  gid,
  resource_type,
  ...(name === undefined ? {} : { name }),
  ...extra,
});

function customFieldJson(f: AsanaCustomField, value: string | number | null | undefined) {
  const option = f.enum_options.find((o) => o.gid === value) ?? null;
  const optionJson = (o: (typeof f.enum_options)[number]) => ({
    gid: o.gid,
    resource_type: 'enum_option',
    name: o.name,
    enabled: o.enabled,
    color: o.color,
  });
  const number = f.resource_subtype === 'number' && typeof value === 'number' ? value : null;
  const text = f.resource_subtype === 'text' && typeof value === 'string' ? value : null;
  return {
    gid: f.gid,
    resource_type: 'custom_field',
    name: f.name,
    resource_subtype: f.resource_subtype,
    type: f.resource_subtype,
    enabled: true,
    enum_options: f.enum_options.map(optionJson),
    enum_value: option ? optionJson(option) : null,
    multi_enum_values: [],
    number_value: number,
    text_value: text,
    display_value: option?.name ?? (number === null ? text : String(number)),
  };
}

export function taskJson(world: AsanaWorld, t: AsanaTask, site: string): Json {
  const fieldGids = [
    ...new Set(t.memberships.flatMap((m) => world.projects.get(m.projectGid)?.customFieldGids ?? [])),
  ];
  const assignee = t.assigneeGid ? world.users.get(t.assigneeGid) : undefined;
  const parent = t.parentGid ? world.tasks.get(t.parentGid) : undefined;
  const firstProject = t.memberships[0]?.projectGid ?? '0';
  return {
    gid: t.gid,
    resource_type: 'task',
    name: t.name,
    resource_subtype: t.resource_subtype,
    ...(t.resource_subtype === 'approval' ? { approval_status: t.approval_status } : {}),
    assignee: assignee ? compact(assignee.gid, 'user', assignee.name) : null,
    assignee_status: 'upcoming',
    completed: t.completed,
    completed_at: iso(t.completed_at),
    completed_by: null,
    created_at: iso(t.created_at),
    custom_fields: fieldGids.flatMap((g) => {
      const f = world.customFields.get(g);
      return f ? [customFieldJson(f, t.fieldValues[g])] : [];
    }),
    dependencies: [],
    dependents: [],
    due_at: iso(t.due_at),
    due_on: t.due_on,
    followers: [],
    hearted: false,
    hearts: [],
    liked: false,
    likes: [],
    memberships: t.memberships.map((m) => {
      const p = world.projects.get(m.projectGid);
      const s = m.sectionGid ? world.sections.get(m.sectionGid) : undefined;
      return {
        project: compact(m.projectGid, 'project', p?.name ?? ''),
        ...(s ? { section: compact(s.gid, 'section', s.name) } : {}),
      };
    }),
    modified_at: iso(t.modified_at),
    notes: t.notes,
    num_hearts: 0,
    num_likes: 0,
    num_subtasks: [...world.tasks.values()].filter((x) => x.parentGid === t.gid && !x.deleted).length,
    parent: parent
      ? compact(parent.gid, 'task', parent.name, { resource_subtype: parent.resource_subtype })
      : null,
    permalink_url: `${site}/0/${firstProject}/${t.gid}`,
    projects: t.memberships.map((m) =>
      compact(m.projectGid, 'project', world.projects.get(m.projectGid)?.name ?? ''),
    ),
    start_on: null,
    tags: t.tagGids.flatMap((g) => {
      const tag = world.tags.get(g);
      return tag ? [compact(tag.gid, 'tag', tag.name)] : [];
    }),
    workspace: compact(t.workspaceGid, 'workspace', world.workspace.name),
  };
}

export const compactTask = (t: AsanaTask) =>
  compact(t.gid, 'task', t.name, { resource_subtype: t.resource_subtype });

export function storyJson(world: AsanaWorld, s: AsanaStory): Json {
  const by = world.users.get(s.createdByGid);
  const t = world.tasks.get(s.taskGid);
  return {
    gid: s.gid,
    resource_type: 'story',
    created_at: iso(s.created_at),
    created_by: by ? compact(by.gid, 'user', by.name) : null,
    resource_subtype: s.resource_subtype,
    text: s.text,
    type: s.type,
    is_editable: true,
    is_edited: false,
    is_pinned: false,
    target: t ? compactTask(t) : null,
  };
}

export const tagJson = (world: AsanaWorld, t: AsanaTag): Json => ({
  gid: t.gid,
  resource_type: 'tag',
  name: t.name,
  color: null,
  created_at: iso(t.created_at),
  followers: [],
  notes: '',
  permalink_url: `https://app.asana.com/0/${t.gid}/list`,
  workspace: compact(t.workspaceGid, 'workspace', world.workspace.name),
});

/** A compact event, as the events API and webhook deliveries carry it. */
export function eventJson(e: AsanaEvent): Json {
  return {
    user: e.userGid === null ? null : { gid: e.userGid, resource_type: 'user' },
    created_at: iso(e.at),
    action: e.action,
    resource: e.resource,
    parent: e.parent,
    ...(e.change ? { change: e.change } : {}),
  };
}

type Tree = Map<string, Tree>;

function treeOf(paths: readonly string[]): Tree {
  const root: Tree = new Map();
  for (const path of paths) {
    let node = root;
    for (const part of path.split('.')) {
      const child = node.get(part) ?? new Map();
      node.set(part, child);
      node = child;
    }
  }
  return root;
}

/** A record without sub-fields asked for: compact (gid, type, name) when it is a resource. */
function compactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compactValue);
  if (typeof value !== 'object' || value === null || !('gid' in value)) return value;
  const v = value as Json;
  return Object.fromEntries(
    Object.entries(v).filter(([k]) => ['gid', 'resource_type', 'name', 'resource_subtype'].includes(k)),
  );
}

function project(value: unknown, tree: Tree): unknown {
  if (Array.isArray(value)) return value.map((v) => project(v, tree));
  if (typeof value !== 'object' || value === null) return value;
  const v = value as Json;
  const out: Json = 'gid' in v ? { gid: v.gid } : {};
  for (const [key, sub] of tree) {
    if (!(key in v)) continue;
    out[key] = sub.size === 0 ? compactValue(v[key]) : project(v[key], sub);
  }
  return out;
}

/** Applies `opt_fields` (a comma list) to a full record; without it, `fallback` decides. */
export function withOptFields(
  full: Json,
  optFields: string | undefined,
  fallback: 'full' | 'compact',
): unknown {
  if (optFields === undefined || optFields.trim() === '')
    return fallback === 'full' ? full : compactValue(full);
  const paths = optFields
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return project(full, treeOf(paths));
}
