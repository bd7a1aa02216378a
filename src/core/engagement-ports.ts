import type {
  ChangeOp,
  ChangeRequest,
  ContractSnapshot,
  ContractVersion,
  Deliverable,
  DeliverableTerms,
  Engagement,
  EngagementTerms,
  Evaluation,
  EvaluationScores,
  JournalEntry,
  JournalKind,
  Milestone,
  MilestoneTerms,
  Provider,
  ProviderReference,
} from './engagement.ts';
import type {
  ChangeRequestStatus,
  DeliverableStatus,
  EngagementStatus,
  MilestoneStatus,
} from './lifecycle.ts';

/**
 * The engagement model's repositories (implemented in store/). Lists are keyset pages: items with
 * an id after `afterId` (ids sort by creation), at most `limit` of them.
 */

export interface PageRequest {
  readonly afterId: string | null;
  readonly limit: number;
}

/**
 * A keyset page whose items are already written as JSON (the hot read routes, so that requests
 * sharing one query also share its text): `items` is the text between the brackets of the items
 * array, byte for byte what the route's serializer wrote for the mapped items. Like a PageRequest, one row more than the page was
 * asked for: `more` says it came back; `lastId` is the page's last id.
 */
export interface JsonPage {
  readonly items: string;
  readonly lastId: string | null;
  readonly more: boolean;
}

export interface ProviderStore {
  insert(p: { id: string; name: string; references: readonly ProviderReference[] }): Promise<Provider>;
  update(id: string, patch: { name?: string; references?: readonly ProviderReference[] }): Promise<Provider>;
  findById(id: string): Promise<Provider | null>;
  /** `onlyId` narrows the list to one provider (a provider key's own). */
  list(filter: { onlyId?: string; nameContains?: string }, page: PageRequest): Promise<Provider[]>;
}

export type EngagementInsert = EngagementTerms & { readonly id: string; readonly providerId: string };
export type EngagementUpdate = Partial<
  EngagementTerms & {
    status: EngagementStatus;
    contractVersion: number;
    activatedAt: Date;
    closedAt: Date;
  }
>;

export interface EngagementStore {
  insert(e: EngagementInsert): Promise<Engagement>;
  /** `forUpdate` locks the row until the transaction ends: writes to one contract serialize on it. */
  findById(id: string, opts?: { forUpdate?: boolean }): Promise<Engagement | null>;
  update(id: string, patch: EngagementUpdate): Promise<Engagement>;
  list(
    filter: { providerId?: string; status?: EngagementStatus; currency?: string },
    page: PageRequest,
  ): Promise<Engagement[]>;
  countByStatus(providerId: string): Promise<Readonly<Record<EngagementStatus, number>>>;
}

export interface DeliverableStore {
  insert(d: DeliverableTerms & { id: string; engagementId: string }): Promise<Deliverable>;
  findById(id: string): Promise<Deliverable | null>;
  update(id: string, patch: Partial<DeliverableTerms>): Promise<Deliverable>;
  /** Moves the status from `from` to `to` (compare-and-set); null when it was not `from` any more. */
  setStatus(id: string, from: DeliverableStatus, to: DeliverableStatus): Promise<Deliverable | null>;
  /** Takes it out of the contract (an approved change request); the row stays for the record. */
  remove(id: string): Promise<Deliverable>;
  /** The deliverables in the contract (not removed), oldest first. */
  listByEngagement(
    engagementId: string,
    filter?: { status?: DeliverableStatus; includeRemoved?: boolean },
    page?: PageRequest,
  ): Promise<Deliverable[]>;
}

export interface MilestoneStore {
  insert(m: MilestoneTerms & { id: string; engagementId: string }): Promise<Milestone>;
  findById(id: string): Promise<Milestone | null>;
  update(id: string, patch: Partial<MilestoneTerms>): Promise<Milestone>;
  remove(id: string): Promise<Milestone>;
  listByEngagement(
    engagementId: string,
    filter?: { status?: MilestoneStatus; includeRemoved?: boolean },
    page?: PageRequest,
  ): Promise<Milestone[]>;
}

export interface ChangeRequestInsert {
  readonly id: string;
  readonly engagementId: string;
  readonly title: string;
  readonly rationale: string;
  readonly changes: readonly ChangeOp[];
  readonly impact: { costMinor: number; scheduleDays: number; quality: string | null };
  readonly affectsUnlockedMilestones: boolean;
  readonly proposedBy: ChangeRequest['proposedBy'];
  readonly baseVersion: number;
}

export interface ChangeRequestStore {
  insert(c: ChangeRequestInsert): Promise<ChangeRequest>;
  findById(id: string, opts?: { forUpdate?: boolean }): Promise<ChangeRequest | null>;
  update(
    id: string,
    patch: {
      status: ChangeRequestStatus;
      submittedAt?: Date;
      decidedAt?: Date;
      decidedBy?: string;
      decisionNote?: string | null;
      appliedVersion?: number;
    },
  ): Promise<ChangeRequest>;
  list(
    filter: { engagementId: string; status?: ChangeRequestStatus },
    page: PageRequest,
  ): Promise<ChangeRequest[]>;
}

export interface ContractVersionStore {
  insert(v: {
    engagementId: string;
    version: number;
    changeRequestId: string | null;
    snapshot: ContractSnapshot;
    recordedBy: string;
  }): Promise<ContractVersion>;
  find(engagementId: string, version: number): Promise<ContractVersion | null>;
}

export interface JournalStore {
  insert(e: Omit<JournalEntry, 'createdAt'>): Promise<JournalEntry>;
  list(filter: { engagementId: string; kind?: JournalKind }, page: PageRequest): Promise<JournalEntry[]>;
  hasKind(engagementId: string, kind: JournalKind): Promise<boolean>;
}

export interface EvaluationStore {
  /** Inserts or replaces the one evaluation of an engagement. */
  upsert(
    e: EvaluationScores & {
      engagementId: string;
      strengths: string | null;
      improvements: string | null;
      lessons: string | null;
      evaluatedBy: string;
    },
  ): Promise<Evaluation>;
  findByEngagement(engagementId: string): Promise<Evaluation | null>;
  /** Count and per-criterion averages over a provider's evaluations (null when there are none). */
  summary(
    providerId: string,
  ): Promise<{ count: number; averages: { [K in keyof EvaluationScores]: number | null } }>;
}
