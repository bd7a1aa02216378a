import type { Completion, ProgressTask, ScheduleStatus } from './progress.ts';
import type { EngagementSummary } from './progress-summary.ts';

/** What the recompute job stores per deliverable: the dashboards read it as it is. */
export interface DeliverableProgress {
  readonly deliverableId: string;
  readonly engagementId: string;
  readonly progress: number | null;
  readonly doneWeight: number;
  readonly totalWeight: number;
  readonly taskCount: number;
  readonly doneCount: number;
  readonly blockedCount: number;
  readonly cancelledCount: number;
  readonly noTasks: boolean;
  readonly throughputPerDay: number;
  readonly forecastDate: string | null;
  readonly scheduleStatus: ScheduleStatus;
  readonly reasons: string[];
}

export interface StoredProgress extends DeliverableProgress {
  /** When these figures were last computed to something different (ISO 8601 UTC). */
  readonly computedAt: string;
}

/** The recompute job's reads and writes (implemented in store/progress.repo.ts). */
export interface Rejection {
  readonly rejectedAt: Date;
  readonly reopenedSince: boolean;
}

export interface ProgressStore {
  /** The tasks selected into the engagement's deliverables still in the contract, deleted ones too. */
  selectedTasks(engagementId: string): Promise<(ProgressTask & { readonly deliverableId: string })[]>;
  /** Each selected task's latest move into `done` (from the task history) at or after `since`. */
  completions(engagementId: string, since: Date): Promise<Completion[]>;
  listByEngagement(engagementId: string): Promise<StoredProgress[]>;
  /** Inserts or updates one deliverable's figures; unchanged figures are left alone (false). */
  save(figures: DeliverableProgress): Promise<boolean>;
  /** When each accepted deliverable of the engagement was accepted (its accepting decision). */
  acceptances(engagementId: string): Promise<Map<string, Date>>;
  /**
   * The engagement's rejected deliverables: when the latest rejecting decision was taken, and
   * whether one of their tasks left `done` in a history row recorded after it.
   */
  rejections(engagementId: string): Promise<Map<string, Rejection>>;
  /** Inserts or updates the engagement's summary; an unchanged one is left alone (false). */
  saveSummary(summary: EngagementSummary): Promise<boolean>;
}
