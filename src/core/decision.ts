import type { Role } from './auth.ts';
import type { FieldError } from './errors.ts';
import type { DeliverableStatus } from './lifecycle.ts';
import type { StoredProgress } from './progress-ports.ts';
import type { StoredTask } from './sync-ports.ts';
import type { Tracker } from './task.ts';

/**
 * A client decision on a deliverable (DOMAIN.md: who, when, a note, the result for each acceptance
 * criterion), the evidence captured with it, and where it is written back in the trackers.
 */

export interface CriterionResult {
  readonly criterion: string;
  readonly met: boolean;
  readonly comment?: string | undefined;
}

/** One task of the deliverable as it stood when the decision was taken. */
export interface EvidenceTask {
  readonly id: string;
  readonly connectionId: string;
  readonly tracker: Tracker;
  readonly externalId: string;
  readonly key: string | null;
  readonly title: string;
  readonly url: string;
  readonly statusCategory: StoredTask['statusCategory'];
  readonly status: string;
  readonly cancelled: boolean;
  readonly blocked: boolean;
  readonly assignee: string | null;
  readonly parentExternalId: string | null;
  readonly estimate: number | null;
  readonly completedAt: string | null;
  readonly updatedAt: string;
}

export interface TaskCounts {
  readonly total: number;
  readonly done: number;
  readonly inProgress: number;
  readonly todo: number;
  readonly cancelled: number;
  readonly blocked: number;
}

/** The deliverable's progress as the recompute job last stored it. */
export type EvidenceProgress = Pick<
  StoredProgress,
  | 'progress'
  | 'doneWeight'
  | 'totalWeight'
  | 'taskCount'
  | 'doneCount'
  | 'forecastDate'
  | 'scheduleStatus'
  | 'reasons'
  | 'computedAt'
>;

export interface DecisionEvidence {
  readonly capturedAt: string;
  readonly tasks: EvidenceTask[];
  readonly counts: TaskCounts;
  /** Null when no progress had been computed yet. */
  readonly progress: EvidenceProgress | null;
}

export type DecisionKind = 'accept' | 'reject';

export interface Decision {
  readonly id: string;
  readonly deliverableId: string;
  readonly engagementId: string;
  readonly decision: DecisionKind;
  /** Accepted before every task was done, or despite an unmet criterion. */
  readonly override: boolean;
  readonly note: string | null;
  readonly criteria: CriterionResult[];
  readonly decidedBy: string;
  readonly decidedByRole: Role;
  readonly decidedAt: string;
  readonly statusBefore: DeliverableStatus;
  readonly statusAfter: DeliverableStatus;
  readonly evidence: DecisionEvidence;
}

/** What a request asks for (API.md `POST /v1/deliverables/{id}/decision`). */
export interface DecisionRequest {
  readonly decision: DecisionKind;
  readonly note?: string | null | undefined;
  readonly criteria?: readonly CriterionResult[] | undefined;
  readonly override?: boolean | undefined;
}

/** The live (not deleted) tasks of a deliverable and its stored progress as evidence, in a stable order. */
export function snapshotTasks(
  tasks: readonly StoredTask[],
  at: Date,
  progress: StoredProgress | null = null,
): DecisionEvidence {
  const live = tasks.filter((t) => !t.deleted).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const count = (p: (t: StoredTask) => boolean) => live.filter(p).length;
  return {
    capturedAt: at.toISOString(),
    tasks: live.map((t) => ({
      id: t.id,
      connectionId: t.connectionId,
      tracker: t.tracker,
      externalId: t.externalId,
      key: t.key,
      title: t.title,
      url: t.url,
      statusCategory: t.statusCategory,
      status: t.status,
      cancelled: t.cancelled,
      blocked: t.blocked,
      assignee: t.assignee,
      parentExternalId: t.parentExternalId,
      estimate: t.estimate,
      completedAt: t.completedAt,
      updatedAt: t.updatedAt,
    })),
    counts: {
      total: live.length,
      done: count((t) => t.statusCategory === 'done' && !t.cancelled),
      inProgress: count((t) => t.statusCategory === 'in_progress' && !t.cancelled),
      todo: count((t) => t.statusCategory === 'todo' && !t.cancelled),
      cancelled: count((t) => t.cancelled),
      blocked: count((t) => t.blocked && !t.cancelled),
    },
    progress: progress && {
      progress: progress.progress,
      doneWeight: progress.doneWeight,
      totalWeight: progress.totalWeight,
      taskCount: progress.taskCount,
      doneCount: progress.doneCount,
      forecastDate: progress.forecastDate,
      scheduleStatus: progress.scheduleStatus,
      reasons: progress.reasons,
      computedAt: progress.computedAt,
    },
  };
}

/**
 * The rules on per-criterion results, as field errors (422):
 * - each result names one of the deliverable's acceptance criteria, at most once; a partial list is
 *   allowed (the record holds what the client stated);
 * - accepting with a criterion marked unmet needs `override: true` (recorded as an override);
 * - a rejection says why: a note or at least one unmet criterion, so the provider can act on it.
 */
export function checkCriteria(req: DecisionRequest, acceptanceCriteria: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set(acceptanceCriteria);
  const seen = new Set<string>();
  (req.criteria ?? []).forEach((c, i) => {
    const path = `body.criteria.${i}.criterion`;
    if (!known.has(c.criterion))
      errors.push({
        path,
        message: `is not an acceptance criterion of this deliverable; they are: ${acceptanceCriteria.map((a) => JSON.stringify(a)).join(', ') || '(none)'}`,
      });
    else if (seen.has(c.criterion)) errors.push({ path, message: 'is listed twice' });
    seen.add(c.criterion);
  });
  const unmet = (req.criteria ?? []).filter((c) => !c.met);
  if (req.decision === 'accept' && unmet.length > 0 && req.override !== true)
    errors.push({
      path: 'body.criteria',
      message: `accepting with unmet criteria (${unmet.map((c) => JSON.stringify(c.criterion)).join(', ')}) needs override: true`,
    });
  if (req.decision === 'reject' && unmet.length === 0 && !req.note?.trim())
    errors.push({ path: 'body.note', message: 'a rejection needs a note or at least one unmet criterion' });
  return errors;
}

/** Whether the decision overrides anything: early acceptance, or acceptance with unmet criteria. */
export function isOverride(req: DecisionRequest, statusBefore: DeliverableStatus): boolean {
  if (req.decision !== 'accept' || req.override !== true) return false;
  return statusBefore !== 'ready_for_review' || (req.criteria ?? []).some((c) => !c.met);
}

/** A tracker item a decision is written onto. */
export interface PushBackTarget {
  readonly connectionId: string;
  readonly externalId: string;
  readonly key: string | null;
}

/**
 * Where a decision is written back: per connection, one item for each task — or, when the tasks
 * of that connection hang under one parent (a Jira epic, an Asana parent task), that parent alone
 * (the anchor). The parent counts as the anchor when every task is either the parent itself or one
 * of its children, and either the parent is among the tasks or there are at least two children: a
 * single child is marked itself rather than an item the deliverable never selected.
 */
export function pushBackTargets(tasks: readonly EvidenceTask[]): PushBackTarget[] {
  const byConnection = new Map<string, EvidenceTask[]>();
  for (const t of tasks) byConnection.set(t.connectionId, [...(byConnection.get(t.connectionId) ?? []), t]);
  const targets: PushBackTarget[] = [];
  for (const [connectionId, group] of byConnection) {
    const anchor = anchorOf(group);
    if (anchor) targets.push({ connectionId, ...anchor });
    else targets.push(...group.map((t) => ({ connectionId, externalId: t.externalId, key: t.key })));
  }
  return targets;
}

function anchorOf(group: readonly EvidenceTask[]): { externalId: string; key: string | null } | null {
  const parents = new Set(group.map((t) => t.parentExternalId).filter((p): p is string => p !== null));
  if (parents.size !== 1) return null;
  const [parentId] = [...parents] as [string];
  const self = group.find((t) => t.externalId === parentId);
  const children = group.filter((t) => t.parentExternalId === parentId);
  if (children.length + (self ? 1 : 0) !== group.length) return null;
  if (!self && children.length < 2) return null;
  return { externalId: parentId, key: self?.key ?? null };
}
