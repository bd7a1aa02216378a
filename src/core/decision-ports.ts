import type { Decision } from './decision.ts';
import type { JsonPage, PageRequest } from './engagement-ports.ts';
import type { MilestoneStatus } from './lifecycle.ts';
import type { Settlement } from './money.ts';
import type { RetentionAction, RetentionStatus } from './retention.ts';
import type { Acceptance, UnlockEvidence } from './unlock.ts';

/** Ports of decisions, payment milestones as finance sees them, and idempotency keys (store/). */

export interface DecisionStore {
  /** Records a decision; it is never edited afterwards. */
  insert(decision: Decision): Promise<Decision>;
  findById(id: string): Promise<Decision | null>;
  /** A deliverable's decisions, oldest first (keyset pages). */
  listByDeliverable(deliverableId: string, page: PageRequest): Promise<Decision[]>;
  /** The accepting decision of each of these deliverables that has one. */
  acceptances(deliverableIds: readonly string[]): Promise<Acceptance[]>;
}

/** A payment milestone in finance's words (API.md `GET /v1/payment-milestones`). */
export interface PaymentMilestone {
  readonly id: string;
  readonly engagementId: string;
  readonly providerId: string;
  readonly label: string;
  readonly status: MilestoneStatus;
  readonly currency: string;
  readonly amountMinor: number;
  readonly bonusMinor: number | null;
  readonly penaltyMinor: number | null;
  readonly retentionMinor: number | null;
  readonly netMinor: number | null;
  /** Lateness after grace (DOMAIN.md); `daysLateRaw` before grace; `daysCharged` what the penalty counts. */
  readonly daysLate: number | null;
  readonly daysLateRaw: number | null;
  readonly daysCharged: number | null;
  readonly daysEarly: number | null;
  readonly notBefore: string | null;
  readonly unlockedAt: string | null;
  readonly invoiceRef: string | null;
  readonly invoicedAt: string | null;
  readonly paymentRef: string | null;
  readonly paidAt: string | null;
  readonly warrantyDays: number;
  /** The first day (engagement's zone) the retention may be released; null while locked. */
  readonly warrantyEndsOn: string | null;
  /** Null while nothing is held back (retention.ts). */
  readonly retentionStatus: RetentionStatus | null;
  readonly retentionReleasedAt: string | null;
  readonly retentionInvoiceRef: string | null;
  readonly retentionInvoicedAt: string | null;
  readonly retentionPaymentRef: string | null;
  readonly retentionPaidAt: string | null;
  /** What the settlement was computed from; null while locked. */
  readonly evidence: UnlockEvidence | null;
}

export interface PaymentFilter {
  readonly status?: MilestoneStatus | undefined;
  readonly providerId?: string | undefined;
  readonly engagementId?: string | undefined;
  readonly currency?: string | undefined;
  readonly unlockedSince?: Date | undefined;
}

export interface PaymentStore {
  /** Milestones in the contracts (not removed by a change request), in id order. */
  list(filter: PaymentFilter, page: PageRequest): Promise<PaymentMilestone[]>;
  /** The same page, written as JSON by the database (GET /v1/payment-milestones). */
  listPage(filter: PaymentFilter, page: PageRequest): Promise<JsonPage>;
  /** `forUpdate` locks the row until the transaction ends. */
  findById(id: string, opts?: { forUpdate?: boolean }): Promise<PaymentMilestone | null>;
  /** Locked → unlocked with its settlement; null when it was not locked any more. */
  unlock(
    id: string,
    unlock: { settlement: Settlement; evidence: UnlockEvidence; at: Date },
  ): Promise<PaymentMilestone | null>;
  /** An unlocked milestone's settlement computed again (unlock time kept); null when not unlocked. */
  resettle(
    id: string,
    unlock: { settlement: Settlement; evidence: UnlockEvidence },
  ): Promise<PaymentMilestone | null>;
  invoice(id: string, invoiceRef: string, at: Date): Promise<PaymentMilestone>;
  pay(id: string, paymentRef: string, at: Date): Promise<PaymentMilestone>;
  /** Moves the retention one step (retention.ts); `ref` is the invoice or payment reference. */
  retention(id: string, action: RetentionAction, ref: string | null, at: Date): Promise<PaymentMilestone>;
  /**
   * Active engagements with a locked milestone whose required deliverables are all accepted and
   * whose `notBefore` is on or before `latestNotBefore` (or absent): the scheduled check's work.
   */
  engagementsToCheck(latestNotBefore: string): Promise<string[]>;
}

export interface IdempotencyRecord {
  readonly scope: string;
  readonly key: string;
  readonly requestHash: string;
  readonly responseStatus: number | null;
  readonly responseBody: unknown;
  readonly createdAt: Date;
}

export interface IdempotencyStore {
  /**
   * Takes the key for this transaction; false when it is already taken (a concurrent claim waits
   * for the first transaction to end, then sees its row).
   */
  claim(scope: string, key: string, requestHash: string): Promise<boolean>;
  find(scope: string, key: string): Promise<IdempotencyRecord | null>;
  /** Stores the answer of the claimed key (same transaction as the claim). */
  complete(scope: string, key: string, status: number, body: unknown): Promise<void>;
}
