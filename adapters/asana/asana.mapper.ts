import type { StatusCategory, Task } from '../../src/core/task.ts';
import { normaliseTaskText } from '../../src/core/tracker-text.ts';
import type { AsanaCustomField, AsanaTask } from './asana.payloads.ts';
import type { AsanaSettings } from './asana.settings.ts';

/**
 * Pure: an Asana task (as `getTask`/`getTasks` return it with `TASK_OPT_FIELDS`) → Jalon's Task.
 * The field-by-field table is in adapters/README.md. Task object:
 * https://developers.asana.com/reference/tasks
 */

type Section = { readonly gid: string; readonly name: string };

const lower = (s: string) => s.toLowerCase();

function sections(task: AsanaTask): Section[] {
  return (task.memberships ?? []).flatMap((m) =>
    m.section ? [{ gid: m.section.gid, name: m.section.name ?? '' }] : [],
  );
}

/** A rule entry matches a section's gid exactly or its name case-insensitively. */
function inRule(section: Section, rule: readonly string[]): boolean {
  return rule.some((r) => r === section.gid || lower(r) === lower(section.name));
}

/**
 * Approval tasks keep `completed` in sync with `approval_status`: rejected and changes_requested
 * are `completed: true` too, so the approval status must win over `completed`.
 * https://developers.asana.com/reference/tasks (approval_status)
 */
function approvalCategory(task: AsanaTask): StatusCategory | null {
  switch (task.approval_status) {
    case 'approved':
      return 'done';
    case 'rejected':
    case 'changes_requested':
      return 'in_progress';
    default:
      return null;
  }
}

/** Order: approval status, then `completed`, then the most advanced section of any membership. */
export function statusCategory(task: AsanaTask, rules: AsanaSettings['sections']): StatusCategory {
  const approval = approvalCategory(task);
  if (approval !== null) return approval;
  if (task.completed === true) return 'done';
  const all = sections(task);
  if (all.some((s) => inRule(s, rules.done))) return 'done';
  if (all.some((s) => inRule(s, rules.inProgress))) return 'in_progress';
  return 'todo';
}

/** The raw status: the section name(s); a task in no section reads as Asana shows it. */
function rawStatus(task: AsanaTask): string {
  const names = [...new Set(sections(task).map((s) => s.name))].filter((n) => n !== '');
  if (names.length > 0) return names.join(' / ');
  if (task.approval_status) return task.approval_status;
  return task.completed === true ? 'Completed' : 'Incomplete';
}

/** Option names of an enum / multi-enum value; else the display value. */
function fieldValues(field: AsanaCustomField): string[] {
  if (field.enum_value?.name) return [field.enum_value.name];
  const multi = (field.multi_enum_values ?? []).flatMap((v) => (v.name ? [v.name] : []));
  if (multi.length > 0) return multi;
  return field.display_value ? [field.display_value] : [];
}

function field(task: AsanaTask, gid: string | null): AsanaCustomField | undefined {
  return gid === null ? undefined : (task.custom_fields ?? []).find((f) => f.gid === gid);
}

function tagNames(task: AsanaTask): string[] {
  return (task.tags ?? []).flatMap((t) => (t.name ? [t.name] : []));
}

function isBlocked(task: AsanaTask, rules: AsanaSettings['blocked']): boolean {
  const wanted = new Set(rules.values.map(lower));
  const cf = field(task, rules.customFieldGid);
  if (cf && fieldValues(cf).some((v) => wanted.has(lower(v)))) return true;
  const tags = new Set(rules.tags.map(lower));
  return tagNames(task).some((t) => tags.has(lower(t)));
}

function estimate(task: AsanaTask, gid: string | null): number | null {
  const value = field(task, gid)?.number_value;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * `due_on` is the date as the task's users see it; `due_at` (a UTC instant) always comes with a
 * `due_on` from Asana, so its UTC date part is only a fallback for partial payloads.
 */
function dueDate(task: AsanaTask): string | null {
  if (task.due_on) return task.due_on;
  if (task.due_at) {
    const at = new Date(task.due_at);
    return Number.isNaN(at.getTime()) ? null : at.toISOString().slice(0, 10);
  }
  return null;
}

const iso = (s: string) => new Date(s).toISOString();

function facets(task: AsanaTask): Record<string, string[]> {
  const secs = sections(task);
  const out: Record<string, string[]> = {
    section: [...new Set([...secs.map((s) => s.gid), ...secs.map((s) => s.name).filter((n) => n !== '')])],
    tag: [...new Set([...tagNames(task), ...(task.tags ?? []).map((t) => t.gid)])],
    task: [task.gid],
  };
  for (const cf of task.custom_fields ?? []) {
    const values = fieldValues(cf);
    if (values.length > 0) out[`cf:${cf.gid}`] = values;
  }
  return out;
}

function scopeIds(task: AsanaTask): string[] {
  return [...new Set((task.memberships ?? []).flatMap((m) => (m.project ? [m.project.gid] : [])))];
}

function isCancelled(task: AsanaTask, rules: AsanaSettings['sections']): boolean {
  return sections(task).some((s) => inRule(s, rules.cancelled));
}

export function toTask(task: AsanaTask, settings: AsanaSettings): Task {
  return normaliseTaskText({
    tracker: 'asana',
    externalId: task.gid,
    key: null,
    // Asana serves /0/0/<gid> for any task the viewer can see; permalink_url is always asked for.
    url: task.permalink_url ?? `https://app.asana.com/0/0/${task.gid}`,
    title: task.name ?? '',
    statusCategory: statusCategory(task, settings.sections),
    status: rawStatus(task),
    cancelled: isCancelled(task, settings.sections),
    blocked: isBlocked(task, settings.blocked),
    assignee: task.assignee ? (task.assignee.name ?? task.assignee.gid) : null,
    dueDate: dueDate(task),
    labels: tagNames(task),
    parentExternalId: task.parent?.gid ?? null,
    estimate: estimate(task, settings.estimateCustomFieldGid),
    completedAt: task.completed_at ? iso(task.completed_at) : null,
    createdAt: iso(task.created_at),
    updatedAt: iso(task.modified_at),
    deleted: false,
    facets: facets(task),
    scopeIds: scopeIds(task),
  });
}
