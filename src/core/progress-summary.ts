import type { DeliverableStatus } from './lifecycle.ts';
import { calendarDaysBetween } from './money.ts';
import type { ScheduleStatus } from './progress.ts';

/**
 * One engagement's delivery figures in a row, computed by the recompute job from its deliverables'
 * figures: what the PMO portfolio (GET /v1/dashboard/providers) sums per provider, so that reading
 * it aggregates one row per engagement instead of every deliverable and task.
 */

/** How many overdue and next-due deliverables a summary keeps. */
export const DUE_ITEMS = 5;

export interface DueItem {
  readonly deliverableId: string;
  readonly engagementId: string;
  readonly title: string;
  readonly dueDate: string;
  readonly status: DeliverableStatus;
  readonly scheduleStatus: ScheduleStatus;
}

export interface EngagementSummary {
  readonly engagementId: string;
  readonly providerId: string;
  readonly deliverables: number;
  readonly onTrack: number;
  readonly atRisk: number;
  readonly late: number;
  readonly accepted: number;
  /** Accepted on or before the due date (civil dates in the engagement's time zone). */
  readonly acceptedOnTime: number;
  readonly awaitingReview: number;
  /** Blocked tasks, not done, of deliverables not accepted. */
  readonly blockedTasks: number;
  /** The deliverables' progress weighted by their contractual weight; null when none has tasks. */
  readonly progress: number | null;
  /** Late deliverables, most overdue first, at most DUE_ITEMS. */
  readonly overdue: DueItem[];
  /** Open deliverables not yet late, soonest first, at most DUE_ITEMS. */
  readonly nextDue: DueItem[];
}

export interface SummaryLine {
  readonly id: string;
  readonly title: string;
  readonly dueDate: string;
  readonly weight: number;
  readonly status: DeliverableStatus;
  readonly progress: number | null;
  readonly blockedCount: number;
  readonly scheduleStatus: ScheduleStatus;
  /** When the accepting decision was taken, for accepted deliverables. */
  readonly acceptedAt: Date | null;
}

const byDue = (a: SummaryLine, b: SummaryLine) =>
  a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

const item = (engagementId: string, l: SummaryLine): DueItem => ({
  deliverableId: l.id,
  engagementId,
  title: l.title,
  dueDate: l.dueDate,
  status: l.status,
  scheduleStatus: l.scheduleStatus,
});

export function summarize(input: {
  engagementId: string;
  providerId: string;
  timeZone: string;
  lines: readonly SummaryLine[];
}): EngagementSummary {
  const { lines } = input;
  const count = (s: ScheduleStatus) => lines.filter((l) => l.scheduleStatus === s).length;
  const onTime = lines.filter(
    (l) =>
      l.status === 'accepted' &&
      l.acceptedAt !== null &&
      calendarDaysBetween(l.dueDate, l.acceptedAt, input.timeZone) <= 0,
  ).length;
  let weight = 0;
  let done = 0;
  for (const l of lines) {
    if (l.progress === null) continue;
    weight += l.weight;
    done += l.weight * l.progress;
  }
  const sorted = [...lines].sort(byDue);
  return {
    engagementId: input.engagementId,
    providerId: input.providerId,
    deliverables: lines.length,
    onTrack: count('on_track'),
    atRisk: count('at_risk'),
    late: count('late'),
    accepted: count('accepted'),
    acceptedOnTime: onTime,
    awaitingReview: lines.filter((l) => l.status === 'ready_for_review').length,
    blockedTasks: lines.filter((l) => l.status !== 'accepted').reduce((n, l) => n + l.blockedCount, 0),
    progress: weight > 0 ? Math.min(1, done / weight) : null,
    overdue: sorted
      .filter((l) => l.scheduleStatus === 'late')
      .slice(0, DUE_ITEMS)
      .map((l) => item(input.engagementId, l)),
    nextDue: sorted
      .filter((l) => l.scheduleStatus !== 'late' && l.scheduleStatus !== 'accepted')
      .slice(0, DUE_ITEMS)
      .map((l) => item(input.engagementId, l)),
  };
}

/**
 * A provider's due items across its engagements: the first `n` by due date, then id. Both compared
 * as code units, as `summarize` orders an engagement's lines, and as PostgreSQL's "C" collation
 * orders them where the database keeps the provider's first five (migrations/0014): the same order
 * for any ids without characters beyond U+FFFF (ids are ASCII, core/ids.ts).
 */
export function firstDue<T extends { readonly dueDate: string; readonly deliverableId: string }>(
  items: readonly T[],
  n = DUE_ITEMS,
): T[] {
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...items]
    .sort((a, b) => cmp(a.dueDate, b.dueDate) || cmp(a.deliverableId, b.deliverableId))
    .slice(0, n);
}
