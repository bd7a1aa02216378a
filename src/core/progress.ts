import { z } from 'zod';
import { dayNumber, formatDate, localDate, parseDate } from './dates.ts';
import type { DeliverableAction, DeliverableStatus } from './lifecycle.ts';
import type { StatusCategory } from './task.ts';

/**
 * Progress, forecast and schedule status of a deliverable (DOMAIN.md "Rules that compute"). Pure:
 * the recompute job feeds it the deliverable's tasks and their recent completions and stores what
 * it returns; nothing here is computed on the read path.
 */

export const ScheduleStatus = z.enum(['accepted', 'late', 'at_risk', 'on_track']);
export type ScheduleStatus = z.infer<typeof ScheduleStatus>;

/** How far back throughput looks: done weight per day over this many days. */
export const THROUGHPUT_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

/** The facts of one task that progress needs. */
export interface ProgressTask {
  readonly id: string;
  readonly statusCategory: StatusCategory;
  readonly cancelled: boolean;
  readonly deleted: boolean;
  readonly blocked: boolean;
  readonly estimate: number | null;
}

export interface ProgressFigures {
  /** done weight / total weight in [0, 1]; null when no task counts (never 1 for zero tasks). */
  readonly progress: number | null;
  readonly doneWeight: number;
  readonly totalWeight: number;
  /** Tasks that count: neither cancelled nor deleted. */
  readonly taskCount: number;
  readonly doneCount: number;
  /** Counted tasks, not done yet, that the tracker flags as blocked. */
  readonly blockedCount: number;
  /** Cancelled (and not deleted) tasks: they left the total. */
  readonly cancelledCount: number;
  /** Counted tasks that left `todo` (in progress or done). */
  readonly startedCount: number;
  readonly noTasks: boolean;
}

const counts = (t: ProgressTask) => !t.deleted && !t.cancelled;

/**
 * The weight of each counted task, by id. Without `weightByEstimate` every task weighs 1. With it a
 * task weighs its estimate; a task with no estimate weighs the mean estimate of the deliverable's
 * estimated tasks (1 when none is estimated), so an unestimated task is neither free nor huge. When
 * every estimate is 0 the total would be 0, and each task weighs 1 instead.
 */
export function taskWeights(tasks: readonly ProgressTask[], weightByEstimate: boolean): Map<string, number> {
  const counted = tasks.filter(counts);
  const unit = () => new Map(counted.map((t) => [t.id, 1]));
  if (!weightByEstimate) return unit();
  const known = counted.flatMap((t) =>
    t.estimate !== null && Number.isFinite(t.estimate) && t.estimate >= 0 ? [t.estimate] : [],
  );
  const fallback = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  const weights = new Map(
    counted.map((t) => [
      t.id,
      t.estimate !== null && Number.isFinite(t.estimate) && t.estimate >= 0 ? t.estimate : fallback,
    ]),
  );
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  return total > 0 ? weights : unit();
}

export function computeProgress(
  tasks: readonly ProgressTask[],
  weights: ReadonlyMap<string, number>,
): ProgressFigures {
  let doneWeight = 0;
  let totalWeight = 0;
  let taskCount = 0;
  let doneCount = 0;
  let blockedCount = 0;
  let startedCount = 0;
  for (const t of tasks.filter(counts)) {
    const w = weights.get(t.id) ?? 1;
    const done = t.statusCategory === 'done';
    taskCount += 1;
    totalWeight += w;
    // Summed in the same order as the total: all done gives exactly 1, never 0.9999….
    doneWeight += done ? w : 0;
    doneCount += done ? 1 : 0;
    blockedCount += t.blocked && !done ? 1 : 0;
    startedCount += t.statusCategory !== 'todo' ? 1 : 0;
  }
  const cancelledCount = tasks.filter((t) => !t.deleted && t.cancelled).length;
  const allDone = taskCount > 0 && doneCount === taskCount;
  return {
    progress: taskCount === 0 ? null : allDone ? 1 : totalWeight > 0 ? doneWeight / totalWeight : 0,
    doneWeight,
    totalWeight,
    taskCount,
    doneCount,
    blockedCount,
    cancelledCount,
    startedCount,
    noTasks: taskCount === 0,
  };
}

/** A counted task's latest move into `done`, from the task history. */
export interface Completion {
  readonly taskId: string;
  readonly at: Date;
}

/**
 * Done weight per day over the last `windowDays` days before `now`: only tasks that are done now
 * count (a completion later reopened is not throughput), each once.
 */
export function throughputPerDay(
  completions: readonly Completion[],
  doneWeights: ReadonlyMap<string, number>,
  now: Date,
  windowDays = THROUGHPUT_WINDOW_DAYS,
): number {
  const since = now.getTime() - windowDays * DAY_MS;
  const seen = new Set<string>();
  let weight = 0;
  for (const c of completions) {
    const w = doneWeights.get(c.taskId);
    if (w === undefined || seen.has(c.taskId) || c.at.getTime() < since || c.at > now) continue;
    seen.add(c.taskId);
    weight += w;
  }
  return weight / windowDays;
}

/** `date` plus `days` calendar days (civil dates: no zone, no DST). */
export function addDays(date: string, days: number): string {
  const d = parseDate(date);
  if (!d) throw new RangeError(`not a date: ${date}`);
  const t = new Date(Date.UTC(1970, 0, 1 + dayNumber(d) + days));
  return formatDate({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

/** The civil date of `now` in the engagement's time zone. */
export const todayIn = (now: Date, timeZone: string): string => formatDate(localDate(now, timeZone));

/**
 * The date the remaining weight will be done at the current throughput: today when nothing
 * remains, null when nothing was done lately (no basis for a forecast) or there is no task.
 */
export function forecastDate(p: ProgressFigures, perDay: number, today: string): string | null {
  if (p.noTasks) return null;
  const remaining = p.totalWeight - p.doneWeight;
  if (p.doneCount === p.taskCount || remaining <= 0) return today;
  if (!(perDay > 0)) return null;
  // A tiny epsilon keeps 10 / (10/14) = 14.000000000000002 at 14 days, not 15.
  return addDays(today, Math.ceil(remaining / perDay - 1e-9));
}

export interface ScheduleInput {
  readonly status: DeliverableStatus;
  readonly dueDate: string;
  readonly today: string;
  readonly figures: ProgressFigures;
  readonly forecast: string | null;
  readonly windowDays?: number;
  /** For a rejected deliverable: the civil date of its latest rejecting decision. */
  readonly rejectedOn?: string | null;
}

export interface Schedule {
  readonly status: ScheduleStatus;
  /** Every reason that applies, most pressing first, in words a PMO reads as they are. */
  readonly reasons: string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `accepted` once accepted; `late` when the due date has passed (the due day itself is on time);
 * `at_risk` when the client rejected it (work it thought finished must be done again: never on
 * track, however complete its tasks look), the forecast falls after the due date, tasks are
 * blocked, no task is selected, or nothing was done in the throughput window while the due date
 * falls within it; else `on_track`. Dates are civil dates in the engagement's time zone.
 */
export function scheduleOf(input: ScheduleInput): Schedule {
  if (input.status === 'accepted') return { status: 'accepted', reasons: [] };
  const { dueDate, today, figures, forecast } = input;
  const window = input.windowDays ?? THROUGHPUT_WINDOW_DAYS;
  const daysLeft = dayNumber(parseDateOrThrow(dueDate)) - dayNumber(parseDateOrThrow(today));
  const reasons: string[] = [];
  if (daysLeft < 0) reasons.push(`due date ${dueDate} passed`);
  if (input.status === 'rejected')
    reasons.push(
      input.rejectedOn ? `rejected on ${input.rejectedOn}: rework needed` : 'rejected: rework needed',
    );
  if (figures.noTasks) reasons.push('no tasks selected');
  if (forecast !== null && forecast > dueDate) reasons.push(`forecast ${forecast} after due ${dueDate}`);
  if (figures.blockedCount > 0) reasons.push(plural(figures.blockedCount, 'blocked task'));
  if (forecast === null && !figures.noTasks && daysLeft >= 0 && daysLeft <= window)
    reasons.push(`nothing done in the last ${window} days, due ${dueDate}`);
  const status: ScheduleStatus = daysLeft < 0 ? 'late' : reasons.length > 0 ? 'at_risk' : 'on_track';
  return { status, reasons };
}

function parseDateOrThrow(value: string) {
  const d = parseDate(value);
  if (!d) throw new RangeError(`not a date: ${value}`);
  return d;
}

/**
 * The move Jalon makes by itself from what the tasks say, or null: `start` when a selected task
 * left `todo`, `submit_for_review` when every counted task is done (at least one), `reopen` when
 * one is no longer done before the client decided, `rework` when a rejected deliverable's provider
 * works on it again: a task is not done now, or one left `done` after the rejection
 * (`reopenedSinceRejection`, from the task history: reopened and completed again between two
 * recomputes). Apply it, then ask again: `rework` is followed by `submit_for_review` when every
 * task is done. Accepted deliverables are final.
 */
export function automaticAction(
  status: DeliverableStatus,
  p: ProgressFigures,
  reopenedSinceRejection = false,
): DeliverableAction | null {
  const allDone = p.taskCount > 0 && p.doneCount === p.taskCount;
  switch (status) {
    case 'planned':
      return allDone ? 'submit_for_review' : p.startedCount > 0 ? 'start' : null;
    case 'in_progress':
      return allDone ? 'submit_for_review' : null;
    case 'ready_for_review':
      return allDone ? null : 'reopen';
    case 'rejected':
      return p.doneCount < p.taskCount || reopenedSinceRejection ? 'rework' : null;
    default:
      return null;
  }
}

/** The event a schedule change announces: on entering `late` or `at_risk`, once per entry. */
export function scheduleEvent(
  previous: ScheduleStatus | null,
  next: ScheduleStatus,
): 'deliverable.late' | 'deliverable.at_risk' | null {
  if (previous === next) return null;
  if (next === 'late') return 'deliverable.late';
  if (next === 'at_risk') return 'deliverable.at_risk';
  return null;
}
