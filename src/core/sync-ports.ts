import type { LinkScope, Task, Tracker } from './task.ts';
import type { DecisionMark, WebhookRegistration } from './tracker.ts';

/** Ports of the tracker side: connections, the webhook inbox, tasks (implemented in store/). */

export type ConnectionHealth = 'unknown' | 'healthy' | 'unhealthy';

export interface ConnectionRecord {
  readonly id: string;
  readonly tracker: Tracker;
  readonly name: string;
  readonly baseUrl: string | null;
  /** Sealed with the secret box; only services/connections.service.ts opens it. */
  readonly credentialsEnc: string;
  readonly webhookSecretsEnc: string | null;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly integrationAccountId: string | null;
  readonly health: ConnectionHealth;
  readonly lastDeliveryAt: Date | null;
  readonly lastSyncAt: Date | null;
  readonly lastError: string | null;
  readonly lastErrorAt: Date | null;
  readonly deletedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type ConnectionPatch = Partial<
  Pick<
    ConnectionRecord,
    | 'name'
    | 'baseUrl'
    | 'credentialsEnc'
    | 'webhookSecretsEnc'
    | 'settings'
    | 'integrationAccountId'
    | 'deletedAt'
  >
>;

export interface ConnectionStore {
  insert(
    record: Pick<
      ConnectionRecord,
      'id' | 'tracker' | 'name' | 'baseUrl' | 'credentialsEnc' | 'webhookSecretsEnc' | 'settings'
    >,
  ): Promise<ConnectionRecord>;
  get(id: string): Promise<ConnectionRecord | null>;
  list(filter: {
    afterId: string | null;
    limit: number;
    tracker?: Tracker | undefined;
  }): Promise<ConnectionRecord[]>;
  update(id: string, patch: ConnectionPatch): Promise<ConnectionRecord | null>;
  /** Health bookkeeping; does not bump updatedAt (which versions credentials and settings). */
  noteHealth(
    id: string,
    note: { health?: ConnectionHealth; lastDeliveryAt?: Date; lastSyncAt?: Date; lastError?: string | null },
  ): Promise<void>;
}

/** A webhook Jalon registered at a tracker for one link scope, and when it expires (null: never). */
export interface WebhookRegistrationRecord {
  readonly id: string;
  readonly connectionId: string;
  readonly scopeKey: string;
  readonly externalId: string;
  readonly expiresAt: Date | null;
  readonly createdAt: Date;
  readonly refreshedAt: Date | null;
}

export interface WebhookRegistrationStore {
  /**
   * Records what a registration or refresh returned, one row per (connection, external id): a new
   * webhook is inserted, a known one gets its expiry and `refreshedAt = at`.
   */
  save(
    connectionId: string,
    scopeKey: string,
    registrations: readonly WebhookRegistration[],
    at: Date,
  ): Promise<void>;
  /** Sets the expiry of webhooks a refresh extended (unknown ids are ignored). */
  noteRefreshed(connectionId: string, registrations: readonly WebhookRegistration[], at: Date): Promise<void>;
  /** Forgets the connection's registrations not in `keep` (after registering every link again). */
  prune(connectionId: string, keep: readonly string[]): Promise<number>;
  listByConnection(connectionId: string): Promise<WebhookRegistrationRecord[]>;
  /** Registrations of live connections that expire before `before`, soonest first. */
  expiringBefore(before: Date, limit: number): Promise<WebhookRegistrationRecord[]>;
}

/**
 * Asana's handshake carries no proof of who sends it (https://developers.asana.com/docs/webhooks-guide):
 * Jalon answers one only while its own `createWebhook` call for that connection is in flight. The
 * registration and the handshake may run in different processes, so expectations live in Redis.
 */
export interface HandshakeGate {
  /** Records that a handshake for the connection is expected now; resolves to its withdrawal. */
  expect(connectionId: string): Promise<() => Promise<void>>;
  /** Uses up one live expectation of the connection; false when none is open (or it expired). */
  consume(connectionId: string): Promise<boolean>;
}

export interface InboxDelivery {
  readonly connectionId: string;
  readonly deliveryKey: string;
  /** The headers the adapter needs to parse again (never signatures or authorization). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface InboxRow extends InboxDelivery {
  readonly id: number;
  readonly receivedAt: Date;
  readonly status: 'pending' | 'processed' | 'failed';
  readonly attempts: number;
}

export interface InboxStore {
  /** Inserts many deliveries in one statement; each result says whether it was new. */
  recordMany(deliveries: readonly InboxDelivery[]): Promise<{ id: number; inserted: boolean }[]>;
  get(id: number): Promise<InboxRow | null>;
  markProcessed(id: number): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
  noteAttempt(id: number, error: string | null): Promise<void>;
  /** Sets a failed delivery back to pending (an admin retries it); a processed one stays processed. */
  requeue(id: number): Promise<void>;
  /**
   * Rows stored but not processed, received before `olderThan` (the relay's work), in id order,
   * from the first id above `afterId`, and only ids below `beforeId` when given.
   */
  pending(
    olderThan: Date,
    limit: number,
    afterId?: number,
    beforeId?: number,
  ): Promise<{ id: number; connectionId: string; receivedAt: Date }[]>;
  count(connectionId: string): Promise<number>;
  /**
   * Deletes up to `limit` deliveries processed before `processedBefore`, oldest first; pending and
   * failed ones are never touched. Resolves to how many it deleted.
   */
  pruneProcessed(processedBefore: Date, limit: number): Promise<number>;
}

export interface StoredTask extends Task {
  readonly id: string;
  readonly connectionId: string;
  readonly revision: number;
  readonly deliverableId: string | null;
}

/**
 * Where a snapshot comes from, which decides a tie of `updatedAt` with the stored one: `read`, a
 * fresh read of the tracker (fetchTask, a sync listing), is its current state and wins a tie when
 * its content differs; `event`, a webhook payload, is the state when the event fired and never
 * wins one (store/task-upserts.ts says why).
 */
export type SnapshotSource = 'read' | 'event';

/** A page of snapshots applied: those that changed, and those the database refused (by external id). */
export interface ManyUpserted {
  readonly changed: StoredTask[];
  readonly rejected: { readonly externalId: string; readonly reason: string }[];
}

export interface TaskStore {
  /**
   * Applies the snapshot unless a newer one is stored, or an equal one when `source` is `event`
   * (the default) or the content is the same; returns the task when it changed.
   */
  upsertIfNewer(connectionId: string, task: Task, source?: SnapshotSource): Promise<StoredTask | null>;
  /**
   * The same for the snapshots of a listing (a sync page: `read` by default), in one transaction;
   * a listed task stored as deleted is restored whatever its times. Returns those that changed.
   * When a snapshot cannot be stored at all (its data is refused), the others are stored one by
   * one and it is returned in `rejected` rather than failing the page.
   */
  upsertManyIfNewer(
    connectionId: string,
    tasks: readonly Task[],
    source?: SnapshotSource,
  ): Promise<ManyUpserted>;
  /** Marks deleted unless a snapshot newer than `at` is stored; the task when it changed. */
  markDeleted(connectionId: string, externalId: string, at: string): Promise<StoredTask | null>;
  get(connectionId: string, externalId: string): Promise<StoredTask | null>;
  /** External ids of the live tasks of a connection whose scope ids include `scopeId`. */
  liveIdsInScope(connectionId: string, scopeId: string): Promise<string[]>;
  list(filter: TaskFilter): Promise<StoredTask[]>;
  countChanges(taskId: string): Promise<number>;
  /**
   * Points these tasks at a deliverable of the engagement (or at none with null), leaving alone
   * any of them a deliverable of another engagement holds.
   */
  setDeliverable(
    engagementId: string,
    taskIds: readonly string[],
    deliverableId: string | null,
  ): Promise<void>;
  /** Ids of the tasks the engagement's deliverables hold (removed deliverables included). */
  heldBy(engagementId: string): Promise<string[]>;
}

export interface TaskFilter {
  readonly connectionIds?: readonly string[] | undefined;
  readonly scopeIds?: readonly string[] | undefined;
  readonly externalId?: string | undefined;
  readonly statusCategory?: Task['statusCategory'] | undefined;
  readonly deliverableId?: string | undefined;
  readonly afterId: string | null;
  readonly limit: number;
}

/** The scope key a link's webhooks and cursors are filed under. */
export function scopeKey(scope: LinkScope): string {
  switch (scope.tracker) {
    case 'jira':
      return scope.projectKey ? `project:${scope.projectKey}` : `jql:${scope.jql ?? ''}`;
    case 'trello':
      return `board:${scope.boardId}`;
    case 'asana':
      return `project:${scope.projectGid}`;
  }
}

/**
 * Budgets for calls to one connection's tracker, shared by every worker process (Redis). `run`
 * waits for a token (and, for writes, a concurrency slot) before calling; when the wait would be
 * long it throws TrackerRateLimited so the job is delayed instead of holding a worker.
 */
export interface TrackerLimiter {
  run<T>(
    connectionId: string,
    tracker: Tracker,
    kind: 'read' | 'write',
    cost: number,
    call: () => Promise<T>,
  ): Promise<T>;
  /** The tracker said to wait (429 Retry-After): every process pauses this connection. */
  pause(connectionId: string, ms: number): Promise<void>;
}

export interface LinkRecord {
  readonly id: string;
  readonly engagementId: string;
  readonly connectionId: string;
  readonly scope: LinkScope;
  readonly scopeKey: string;
  readonly syncCursor: string | null;
  readonly lastSyncAt: Date | null;
  readonly lastFullSyncAt: Date | null;
  readonly createdAt: Date;
}

export interface LinkStore {
  /** The new link, or null when its scope (connection and scope key) is already linked. */
  insert(
    record: Omit<LinkRecord, 'syncCursor' | 'lastSyncAt' | 'lastFullSyncAt' | 'createdAt'> & {
      createdBy: string;
    },
  ): Promise<LinkRecord | null>;
  /** The (oldest) link of this scope of the connection, whichever engagement holds it. */
  holderOf(connectionId: string, scopeKey: string): Promise<LinkRecord | null>;
  /** Deletes the link; the deleted row, or null when there was none. */
  remove(id: string): Promise<LinkRecord | null>;
  get(id: string): Promise<LinkRecord | null>;
  findByKey(engagementId: string, connectionId: string, scopeKey: string): Promise<LinkRecord | null>;
  listByEngagement(engagementId: string): Promise<LinkRecord[]>;
  listByConnection(connectionId: string): Promise<LinkRecord[]>;
  all(): Promise<LinkRecord[]>;
  /** Engagements whose links cover any of these scope ids on the connection. */
  engagementsFor(connectionId: string, scopeIds: readonly string[]): Promise<string[]>;
  saveCursor(id: string, cursor: string, full: boolean, at: Date): Promise<void>;
  /** The engagement's provider, or null when there is no such engagement. */
  engagementProvider(engagementId: string): Promise<string | null>;
}

export interface PushBackRecord {
  readonly id: string;
  readonly decisionId: string;
  readonly connectionId: string;
  readonly taskExternalId: string;
  readonly taskKey: string | null;
  readonly mark: DecisionMark;
  readonly status: 'pending' | 'done' | 'failed';
  readonly attempts: number;
  readonly commented: boolean | null;
  readonly marked: boolean | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly doneAt: Date | null;
}

export interface PushBackStore {
  /** Creates the rows once per (decision, connection, task); returns the ids of new ones. */
  create(
    rows: readonly Pick<
      PushBackRecord,
      'decisionId' | 'connectionId' | 'taskExternalId' | 'taskKey' | 'mark'
    >[],
  ): Promise<string[]>;
  get(id: string): Promise<PushBackRecord | null>;
  listByDecision(decisionId: string): Promise<PushBackRecord[]>;
  markDone(id: string, result: { commented: boolean; marked: boolean }): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  noteAttempt(id: string, error: string | null): Promise<void>;
  pending(olderThan: Date, limit: number): Promise<string[]>;
}
