import type { Role } from './auth.ts';
import type {
  ChangeRequestStatus,
  DeliverableStatus,
  EngagementStatus,
  MilestoneStatus,
} from './lifecycle.ts';
import type { EarlyBonus, LatePenalty } from './money.ts';
import type { RetentionStatus } from './retention.ts';

/**
 * The engagement model as services and the API see it: money as safe-integer minor units, civil
 * dates as `YYYY-MM-DD`, instants as ISO 8601 UTC strings. Optional inputs are `?: T | undefined`
 * so parsed request bodies fit them as they are.
 */

export interface Contact {
  readonly name: string;
  readonly email: string;
}

export interface ProviderReference {
  readonly client: string;
  readonly contact: string;
  readonly outcome: string;
}

export interface Provider {
  readonly id: string;
  readonly name: string;
  readonly references: ProviderReference[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The contractual terms of an engagement: what PATCH (draft) or a change request (active) changes. */
export interface EngagementTerms {
  readonly title: string;
  readonly objective: string | null;
  readonly specificationUrl: string | null;
  readonly currency: string;
  readonly contractValueMinor: number;
  readonly paymentTermsDays: number | null;
  readonly confidentiality: string | null;
  readonly ipOwnership: string | null;
  readonly clientContact: Contact | null;
  readonly providerContact: Contact | null;
  readonly startDate: string;
  readonly endDate: string;
  readonly timeZone: string;
  /** Tasks weigh their estimate in progress (else 1 each); see core/progress.ts. Default false. */
  readonly weightByEstimate?: boolean;
}

export interface Engagement extends EngagementTerms {
  readonly id: string;
  readonly weightByEstimate: boolean;
  readonly providerId: string;
  readonly status: EngagementStatus;
  readonly contractVersion: number;
  readonly activatedAt: string | null;
  readonly closedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Which tracker tasks a deliverable takes (see API.md); every key optional. */
export interface DeliverableSelector {
  readonly jira?:
    | {
        readonly epicKeys?: string[] | undefined;
        readonly labels?: string[] | undefined;
        readonly components?: string[] | undefined;
        readonly fixVersions?: string[] | undefined;
        readonly issueKeys?: string[] | undefined;
      }
    | undefined;
  readonly trello?:
    | {
        readonly listIds?: string[] | undefined;
        readonly labels?: string[] | undefined;
        readonly cardIds?: string[] | undefined;
      }
    | undefined;
  readonly asana?:
    | {
        readonly sectionGids?: string[] | undefined;
        readonly tags?: string[] | undefined;
        readonly taskGids?: string[] | undefined;
        readonly customField?: { readonly gid: string; readonly values: string[] } | undefined;
      }
    | undefined;
}

export interface DeliverableTerms {
  readonly title: string;
  readonly description: string | null;
  readonly dueDate: string;
  readonly acceptanceCriteria: string[];
  readonly weight: number;
  readonly selector: DeliverableSelector;
}

export interface Deliverable extends DeliverableTerms {
  readonly id: string;
  readonly engagementId: string;
  readonly status: DeliverableStatus;
  /** Set when an approved change request removed it from the contract. */
  readonly removedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface MilestoneTerms {
  readonly label: string;
  readonly amountMinor: number;
  readonly requiredDeliverableIds: string[];
  readonly notBefore: string | null;
  readonly retentionBps: number;
  readonly latePenalty: LatePenalty | null;
  readonly earlyBonus: EarlyBonus | null;
  /** Days after the unlock before its retention may be released (retention.ts); 0 by default. */
  readonly warrantyDays: number;
}

export interface Milestone extends MilestoneTerms {
  readonly id: string;
  readonly engagementId: string;
  /** The engagement's currency. */
  readonly currency: string;
  readonly status: MilestoneStatus;
  /** Settlement figures, set when the milestone unlocks. */
  readonly bonusMinor: number | null;
  readonly penaltyMinor: number | null;
  readonly retentionMinor: number | null;
  readonly netMinor: number | null;
  /** See Settlement (money.ts): after grace; before grace; charged by the penalty rule. */
  readonly daysLate: number | null;
  readonly daysLateRaw: number | null;
  readonly daysCharged: number | null;
  /** Null while nothing is held back (retention.ts). */
  readonly retentionStatus: RetentionStatus | null;
  readonly unlockedAt: string | null;
  readonly invoiceRef: string | null;
  readonly invoicedAt: string | null;
  readonly paymentRef: string | null;
  readonly paidAt: string | null;
  readonly removedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A deliverable as a request creates it. */
export interface NewDeliverable {
  readonly title: string;
  readonly description?: string | null | undefined;
  readonly dueDate: string;
  readonly acceptanceCriteria: string[];
  readonly weight?: number | undefined;
  readonly selector?: DeliverableSelector | undefined;
}

/** A milestone as a request creates it. */
export interface NewMilestone {
  readonly label: string;
  readonly amountMinor: number;
  readonly requiredDeliverableIds: string[];
  readonly notBefore?: string | null | undefined;
  readonly retentionBps?: number | undefined;
  readonly latePenalty?: LatePenalty | null | undefined;
  readonly earlyBonus?: EarlyBonus | null | undefined;
  readonly warrantyDays?: number | undefined;
}

/** A partial update: absent keys are left alone, `null` clears an optional term. */
export type Patch<T> = { readonly [K in keyof T]?: T[K] | undefined };

export type DeliverablePatch = Patch<DeliverableTerms>;
export type MilestonePatch = Patch<MilestoneTerms>;
export type TermsChange = Patch<Pick<EngagementTerms, 'endDate' | 'contractValueMinor' | 'paymentTermsDays'>>;

/** One change of a change request, applied in order on approval (API.md). */
export type ChangeOp =
  | { readonly op: 'modify_deliverable'; readonly deliverableId: string; readonly set: DeliverablePatch }
  | {
      readonly op: 'add_deliverable';
      /** A name later changes of the same request may use in `requiredDeliverableIds`. */
      readonly ref?: string | undefined;
      readonly deliverable: NewDeliverable;
    }
  | { readonly op: 'remove_deliverable'; readonly deliverableId: string }
  | { readonly op: 'modify_milestone'; readonly milestoneId: string; readonly set: MilestonePatch }
  | { readonly op: 'add_milestone'; readonly milestone: NewMilestone }
  | { readonly op: 'remove_milestone'; readonly milestoneId: string }
  | { readonly op: 'modify_terms'; readonly set: TermsChange };

export interface ChangeImpact {
  readonly costMinor: number;
  readonly scheduleDays: number;
  readonly quality?: string | null | undefined;
}

export interface ChangeRequest {
  readonly id: string;
  readonly engagementId: string;
  readonly title: string;
  readonly rationale: string;
  readonly changes: ChangeOp[];
  readonly impact: {
    readonly costMinor: number;
    readonly scheduleDays: number;
    readonly quality: string | null;
  };
  readonly affectsUnlockedMilestones: boolean;
  readonly status: ChangeRequestStatus;
  readonly proposedBy: { readonly keyId: string; readonly role: Role; readonly providerId: string | null };
  readonly baseVersion: number;
  readonly appliedVersion: number | null;
  readonly submittedAt: string | null;
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
  readonly decisionNote: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The engagement, its deliverables and its milestones as they stood in one contract version. */
export interface ContractSnapshot {
  readonly engagement: Engagement;
  readonly deliverables: Deliverable[];
  readonly milestones: Milestone[];
}

export interface ContractVersion {
  readonly engagementId: string;
  readonly version: number;
  readonly changeRequestId: string | null;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly snapshot: ContractSnapshot;
}

export const JOURNAL_KINDS = [
  'kickoff',
  'status_meeting',
  'decision',
  'debrief',
  'note',
  'status_report',
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

export interface ActionItem {
  readonly description: string;
  readonly owner?: string | null | undefined;
  readonly dueDate?: string | null | undefined;
}

export interface JournalEntry {
  readonly id: string;
  readonly engagementId: string;
  readonly kind: JournalKind;
  readonly occurredAt: string;
  readonly participants: string[];
  readonly summary: string;
  readonly decisions: string[];
  readonly actionItems: ActionItem[];
  readonly author: { readonly keyId: string; readonly role: string };
  readonly createdAt: string;
}

export const EVALUATION_CRITERIA = ['quality', 'timeliness', 'communication', 'autonomy', 'budget'] as const;
export type EvaluationCriterion = (typeof EVALUATION_CRITERIA)[number];

export type EvaluationScores = { readonly [K in EvaluationCriterion]: number };

export interface Evaluation extends EvaluationScores {
  readonly engagementId: string;
  readonly providerId: string;
  readonly strengths: string | null;
  readonly improvements: string | null;
  readonly lessons: string | null;
  readonly evaluatedBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}
