import type {
  ReportBlocker,
  ReportChangeRequest,
  ReportDecision,
  ReportDeliverable,
  ReportMilestone,
  StatusReport,
} from './report.ts';

/** What a status report reads and how the report job records one (implemented in store/reports.repo.ts). */
export interface ReportStore {
  /** The deliverables still in the contract with their stored progress figures, by due date. */
  deliverables(engagementId: string): Promise<ReportDeliverable[]>;
  /** The engagement's overall progress as the recompute job last stored it. */
  overallProgress(engagementId: string): Promise<number | null>;
  /** Blocked tasks of its deliverables (not deleted, not cancelled, not done). */
  blockers(engagementId: string): Promise<ReportBlocker[]>;
  /** Milestones whose unlock falls in [start, end). */
  unlockedBetween(engagementId: string, start: string, end: string): Promise<ReportMilestone[]>;
  /** Decisions made in [start, end), oldest first. */
  decisionsBetween(engagementId: string, start: string, end: string): Promise<ReportDecision[]>;
  /** Change requests approved in [start, end), oldest first. */
  approvedChangeRequestsBetween(
    engagementId: string,
    start: string,
    end: string,
  ): Promise<ReportChangeRequest[]>;
  /** The `to` of the engagement's latest scheduled report, or null before the first. */
  lastReportTo(engagementId: string): Promise<string | null>;
  /**
   * Claims the period for a report whose journal entry is `journalEntryId` (to be inserted in the
   * same transaction); false when a report for that engagement and `from` already exists.
   */
  claim(report: StatusReport, journalEntryId: string): Promise<boolean>;
}
