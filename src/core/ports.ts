import type { AuditFields } from './audit.ts';
import type { Actor, Role } from './auth.ts';
import type { DecisionStore, IdempotencyStore, PaymentStore } from './decision-ports.ts';
import type {
  ChangeRequestStore,
  ContractVersionStore,
  DeliverableStore,
  EngagementStore,
  EvaluationStore,
  JournalStore,
  MilestoneStore,
  ProviderStore,
} from './engagement-ports.ts';
import type { EventDeliveryStore, SubscriptionStore } from './event-ports.ts';
import type { OutboxStore } from './events.ts';
import type { ProgressStore } from './progress-ports.ts';
import type { ReportStore } from './report-ports.ts';
import type {
  ConnectionStore,
  InboxStore,
  LinkStore,
  PushBackStore,
  TaskStore,
  WebhookRegistrationStore,
} from './sync-ports.ts';

/** Ports the core and services call; `store/` and `adapters/` implement them. */

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly providerId: string | null;
  readonly secretHash: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

export interface ApiKeyStore {
  insert(
    record: Omit<ApiKeyRecord, 'createdAt' | 'revokedAt' | 'lastUsedAt'> & { createdBy: string },
  ): Promise<ApiKeyRecord>;
  findById(id: string): Promise<ApiKeyRecord | null>;
  /** Keys in id (creation) order after `afterId`, revoked ones included. */
  list(page: { afterId: string | null; limit: number }): Promise<ApiKeyRecord[]>;
  /** Marks the key revoked; null when it does not exist or was already revoked. */
  revoke(id: string, at: Date): Promise<ApiKeyRecord | null>;
  /** Records a use, unless one at or after `notBefore` is already recorded. */
  touch(id: string, at: Date, notBefore: Date): Promise<void>;
}

export interface AuditChange {
  readonly entityType: string;
  readonly entityId: string;
  readonly action: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditRecord extends AuditFields {
  readonly seq: number;
}

export interface AuditStore {
  /** Appends one row to the chain; call it inside the transaction that makes the change. */
  append(actor: Actor, change: AuditChange): Promise<void>;
  list(filter: {
    entityType?: string;
    entityId?: string;
    afterSeq?: number;
    limit: number;
  }): Promise<AuditRecord[]>;
  /** Recomputes every hash in order; reports the first row whose hash or link is wrong. */
  verify(): Promise<{ valid: boolean; checked: number; firstBrokenId?: string }>;
}

/** Every repository, bound to one connection or one transaction (implemented in store/). */
export interface Repos {
  readonly apiKeys: ApiKeyStore;
  readonly audit: AuditStore;
  readonly connections: ConnectionStore;
  readonly inbox: InboxStore;
  readonly tasks: TaskStore;
  readonly links: LinkStore;
  readonly pushBacks: PushBackStore;
  readonly webhookRegistrations: WebhookRegistrationStore;
  readonly outbox: OutboxStore;
  readonly subscriptions: SubscriptionStore;
  readonly eventDeliveries: EventDeliveryStore;
  readonly providers: ProviderStore;
  readonly engagements: EngagementStore;
  readonly deliverables: DeliverableStore;
  readonly milestones: MilestoneStore;
  readonly changeRequests: ChangeRequestStore;
  readonly contractVersions: ContractVersionStore;
  readonly journal: JournalStore;
  readonly evaluations: EvaluationStore;
  readonly progress: ProgressStore;
  readonly decisions: DecisionStore;
  readonly payments: PaymentStore;
  readonly idempotency: IdempotencyStore;
  readonly reports: ReportStore;
}

/**
 * The repositories plus a unit of work: services that change several aggregates atomically (a
 * write and its audit row, a decision and its outbox event) use the repositories `transaction`
 * hands them.
 */
export interface Store extends Repos {
  transaction<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
}
