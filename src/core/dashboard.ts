import type { JsonPage } from './engagement-ports.ts';
import type { ChangeRequestStatus, DeliverableStatus, MilestoneStatus } from './lifecycle.ts';
import type { ScheduleStatus } from './progress.ts';
import type { DueItem } from './progress-summary.ts';
import type { RetentionStatus, RetentionTotals } from './retention.ts';
import type { StatusCategory, Tracker } from './task.ts';

/**
 * The PMO dashboards' read models (GET /v1/dashboard/providers, GET /v1/engagements/{id}/dashboard)
 * and the port that reads them. Everything here was computed earlier by the recompute job or is a
 * plain SQL aggregate: reading a dashboard computes no progress.
 */

/** Stored schedule status, or `not_computed` for a deliverable no recompute has seen yet. */
export type ScheduleBucket = ScheduleStatus | 'not_computed';
export const SCHEDULE_BUCKETS: readonly ScheduleBucket[] = [
  'on_track',
  'at_risk',
  'late',
  'accepted',
  'not_computed',
];

/** An overdue or next-due deliverable, as the engagement's summary keeps it. */
export type DueDeliverable = DueItem;

/** Milestone money of one currency: net where settled, else the gross amount. */
export interface CurrencyTotals {
  readonly currency: string;
  readonly unlockedMinor: number;
  readonly invoicedMinor: number;
  readonly paidMinor: number;
}

export interface OnTime {
  readonly accepted: number;
  /** Accepted on or before the due date (civil dates in the engagement's time zone). */
  readonly onTime: number;
  /** onTime / accepted; null before any acceptance. */
  readonly rate: number | null;
}

export interface ProviderPortfolio {
  readonly providerId: string;
  readonly name: string;
  readonly activeEngagements: number;
  /** Deliverables of its active engagements, by stored schedule status. */
  readonly deliverables: { readonly total: number; readonly bySchedule: Record<ScheduleBucket, number> };
  readonly overdue: { readonly count: number; readonly items: DueDeliverable[] };
  readonly nextDue: DueDeliverable[];
  readonly blockedTasks: number;
  readonly awaitingReview: number;
  readonly money: CurrencyTotals[];
  /** Retention by currency: held back, payable, paid (retention.ts); not part of `money`'s net. */
  readonly retention: RetentionTotals[];
  readonly onTime: OnTime;
}

export function onTimeOf(accepted: number, onTime: number): OnTime {
  return { accepted, onTime, rate: accepted > 0 ? onTime / accepted : null };
}

export interface TaskLine {
  readonly id: string;
  readonly key: string | null;
  readonly title: string;
  readonly url: string;
  readonly status: string;
  readonly blocked: boolean;
  readonly cancelled: boolean;
}

export interface TaskGroup {
  readonly tracker: Tracker;
  readonly statusCategory: StatusCategory;
  readonly count: number;
  readonly blocked: number;
  readonly cancelled: number;
  /** At most TASKS_PER_DELIVERABLE lines over all of a deliverable's groups. */
  readonly items: TaskLine[];
}

export const TASKS_PER_DELIVERABLE = 200;

export interface DeliverableFigures {
  readonly progress: number | null;
  readonly noTasks: boolean;
  readonly doneWeight: number;
  readonly totalWeight: number;
  readonly taskCount: number;
  readonly doneCount: number;
  readonly blockedCount: number;
  readonly cancelledCount: number;
  readonly throughputPerDay: number;
  readonly forecastDate: string | null;
  readonly scheduleStatus: ScheduleStatus;
  readonly reasons: string[];
  readonly computedAt: string;
}

export interface DeliverableRow {
  readonly id: string;
  readonly title: string;
  readonly dueDate: string;
  readonly weight: number;
  readonly status: DeliverableStatus;
  /** Null until the recompute job has seen the deliverable. */
  readonly figures: DeliverableFigures | null;
}

export interface JournalLine {
  readonly id: string;
  readonly kind: string;
  readonly occurredAt: string;
  readonly summary: string;
  readonly participants: string[];
}

export interface OpenChangeRequest {
  readonly id: string;
  readonly title: string;
  readonly status: ChangeRequestStatus;
  readonly costMinor: number;
  readonly scheduleDays: number;
  readonly submittedAt: string | null;
  readonly createdAt: string;
}

export interface MilestoneLine {
  readonly id: string;
  readonly label: string;
  readonly status: MilestoneStatus;
  readonly currency: string;
  readonly amountMinor: number;
  readonly bonusMinor: number | null;
  readonly penaltyMinor: number | null;
  readonly retentionMinor: number | null;
  readonly netMinor: number | null;
  readonly daysLate: number | null;
  readonly daysLateRaw: number | null;
  readonly daysCharged: number | null;
  readonly retentionStatus: RetentionStatus | null;
  readonly notBefore: string | null;
  readonly unlockedAt: string | null;
  readonly requiredDeliverableIds: string[];
}

export interface EngagementParts {
  readonly deliverables: DeliverableRow[];
  readonly taskGroups: ReadonlyMap<string, TaskGroup[]>;
  readonly journal: JournalLine[];
  readonly changeRequests: OpenChangeRequest[];
}

/** The dashboards' reads (implemented in store/dashboard.repo.ts). */
export interface DashboardReads {
  /**
   * One keyset page of providers (by id) with their portfolio figures, aggregated live: the
   * reference the kept per-provider rows must equal.
   */
  providers(page: { afterId: string | null; limit: number }): Promise<ProviderPortfolio[]>;
  /** The same page from the kept per-provider rows, written as JSON (GET /v1/dashboard/providers). */
  providersPage(page: { afterId: string | null; limit: number }): Promise<JsonPage>;
  /** The engagement's deliverables with their stored figures, tasks, recent journal, open changes. */
  engagement(engagementId: string, opts: { journal: number }): Promise<EngagementParts>;
}

/**
 * The engagement's progress: the deliverables' progress weighted by their contractual weight, over
 * the deliverables that have tasks; null when none has.
 */
export function engagementProgress(rows: readonly DeliverableRow[]): number | null {
  let weight = 0;
  let done = 0;
  for (const r of rows) {
    const p = r.figures?.progress;
    if (p === null || p === undefined) continue;
    weight += r.weight;
    done += r.weight * p;
  }
  return weight > 0 ? Math.min(1, done / weight) : null;
}
