import type { EventType, OutboxEvent } from './events.ts';

/** Ports of outgoing events: subscriptions and their delivery log (implemented in store/). */

export interface SubscriptionRecord {
  readonly id: string;
  readonly url: string;
  readonly events: readonly EventType[];
  /** The signing secret, sealed with the secret box bound to the subscription id. */
  readonly secretEnc: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly deletedAt: Date | null;
}

export interface SubscriptionStore {
  insert(
    record: Pick<SubscriptionRecord, 'id' | 'url' | 'events' | 'secretEnc' | 'createdBy'>,
  ): Promise<SubscriptionRecord>;
  /** Live or deleted; null when there never was one. */
  get(id: string): Promise<SubscriptionRecord | null>;
  /** Live subscriptions in id order (keyset pages). */
  list(page: { afterId: string | null; limit: number }): Promise<SubscriptionRecord[]>;
  /** Soft-deletes; the row after, or null when it was already deleted (or never existed). */
  markDeleted(id: string, at: Date): Promise<SubscriptionRecord | null>;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

/** One event for one subscription: the delivery log's row. */
export interface DeliveryRecord {
  readonly id: number;
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly eventType: EventType;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly lastAttemptAt: Date | null;
  readonly nextAttemptAt: Date;
  readonly deliveredAt: Date | null;
  readonly createdAt: Date;
}

/** A delivery taken for one attempt, with what the attempt sends and where. */
export interface ClaimedDelivery {
  readonly id: number;
  /** Attempts made before this one. */
  readonly attempts: number;
  readonly subscription: Pick<SubscriptionRecord, 'id' | 'url' | 'secretEnc' | 'deletedAt'>;
  readonly event: Omit<OutboxEvent, 'seq' | 'dedupeKey'>;
}

/** How one attempt ended, as the log records it. */
export interface AttemptOutcome {
  readonly at: Date;
  readonly statusCode: number | null;
  readonly error: string | null;
  /** `pending` with `nextAttemptAt` to try again; the other statuses are final. */
  readonly status: Exclude<DeliveryStatus, 'cancelled'>;
  readonly nextAttemptAt?: Date | undefined;
}

export interface EventDeliveryStore {
  /**
   * Takes the oldest undispatched outbox events (seq order, skipping rows another dispatcher
   * holds), creates one pending delivery per live subscription that asked for each event's type
   * (once per subscription and event, however often this runs) and marks the events dispatched.
   * Call it inside a transaction; returns the ids of the deliveries it created.
   */
  dispatch(limit: number, now: Date): Promise<{ events: number; deliveryIds: number[] }>;
  /**
   * Takes a pending delivery that is due (by `now`, give or take `toleranceMs`) for one attempt:
   * its next attempt moves `leaseMs` ahead, so no other worker sends it meanwhile. Null when it is
   * not pending, not due, or held by another attempt.
   */
  claim(id: number, now: Date, leaseMs: number, toleranceMs: number): Promise<ClaimedDelivery | null>;
  /** Records an attempt claimed with `attemptsBefore` attempts; false when the row moved on. */
  recordAttempt(id: number, attemptsBefore: number, outcome: AttemptOutcome): Promise<boolean>;
  /** Cancels a pending delivery (its subscription was deleted). */
  cancel(id: number, reason: string): Promise<void>;
  /** Cancels every pending delivery of a subscription; returns how many. */
  cancelPending(subscriptionId: string, reason: string): Promise<number>;
  /** Pending deliveries due before `dueBefore`: the relay's work. */
  due(dueBefore: Date, limit: number): Promise<{ id: number; attempts: number }[]>;
  get(id: number): Promise<DeliveryRecord | null>;
  /** A subscription's delivery log, newest first (keyset pages on the id). */
  list(
    subscriptionId: string,
    filter: { status?: DeliveryStatus | undefined; eventId?: string | undefined },
    page: { beforeId: number | null; limit: number },
  ): Promise<DeliveryRecord[]>;
}
