import { and, asc, desc, eq, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { EventDeliveryStore } from '../core/event-ports.ts';
import type { Db } from './db.ts';
import { eventDeliveries, outboxEvents, subscriptions } from './outbox.schema.ts';

const logColumns = {
  id: eventDeliveries.id,
  subscriptionId: eventDeliveries.subscriptionId,
  eventId: eventDeliveries.eventId,
  eventType: outboxEvents.type,
  status: eventDeliveries.status,
  attempts: eventDeliveries.attempts,
  lastStatusCode: eventDeliveries.lastStatusCode,
  lastError: eventDeliveries.lastError,
  lastAttemptAt: eventDeliveries.lastAttemptAt,
  nextAttemptAt: eventDeliveries.nextAttemptAt,
  deliveredAt: eventDeliveries.deliveredAt,
  createdAt: eventDeliveries.createdAt,
};

const rowsOf = <R>(result: unknown): R[] => (result as { rows: R[] }).rows;

export function createEventDeliveryRepo(db: Db): EventDeliveryStore {
  const pendingRow = (id: number) => and(eq(eventDeliveries.id, id), eq(eventDeliveries.status, 'pending'));
  const logQuery = () =>
    db
      .select(logColumns)
      .from(eventDeliveries)
      .innerJoin(outboxEvents, eq(outboxEvents.id, eventDeliveries.eventId));

  return {
    async dispatch(limit, now) {
      const taken = await db
        .select({ id: outboxEvents.id })
        .from(outboxEvents)
        .where(isNull(outboxEvents.dispatchedAt))
        .orderBy(asc(outboxEvents.seq))
        .limit(limit)
        .for('update', { skipLocked: true });
      if (taken.length === 0) return { events: 0, deliveryIds: [] };
      const ids = taken.map((e) => e.id);
      // One row per (subscription, event): the unique pair makes a second pass create nothing.
      const created = await db.execute(sql`
        insert into event_deliveries (subscription_id, event_id, next_attempt_at)
        select subscriptions.id, outbox_events.id, ${now.toISOString()}::timestamptz
        from outbox_events
        join subscriptions on subscriptions.deleted_at is null
          and subscriptions.events @> jsonb_build_array(outbox_events.type)
        where ${inArray(outboxEvents.id, ids)}
        order by outbox_events.seq, subscriptions.id
        on conflict (subscription_id, event_id) do nothing
        returning id`);
      await db.update(outboxEvents).set({ dispatchedAt: now }).where(inArray(outboxEvents.id, ids));
      return {
        events: ids.length,
        deliveryIds: rowsOf<{ id: string | number }>(created).map((r) => Number(r.id)),
      };
    },

    async claim(id, now, leaseMs, toleranceMs) {
      const [row] = await db
        .update(eventDeliveries)
        .set({ nextAttemptAt: new Date(now.getTime() + leaseMs) })
        .where(and(pendingRow(id), lte(eventDeliveries.nextAttemptAt, new Date(now.getTime() + toleranceMs))))
        .returning({
          attempts: eventDeliveries.attempts,
          subscriptionId: eventDeliveries.subscriptionId,
          eventId: eventDeliveries.eventId,
        });
      if (!row) return null;
      const [subscription] = await db
        .select({
          id: subscriptions.id,
          url: subscriptions.url,
          secretEnc: subscriptions.secretEnc,
          deletedAt: subscriptions.deletedAt,
        })
        .from(subscriptions)
        .where(eq(subscriptions.id, row.subscriptionId));
      const [event] = await db.select().from(outboxEvents).where(eq(outboxEvents.id, row.eventId));
      if (!subscription || !event) throw new Error(`delivery ${id} lost its subscription or event`);
      const { seq: _seq, dedupeKey: _key, dispatchedAt: _at, ...rest } = event;
      return { id, attempts: row.attempts, subscription, event: rest };
    },

    async recordAttempt(id, attemptsBefore, outcome) {
      const rows = await db
        .update(eventDeliveries)
        .set({
          status: outcome.status,
          attempts: attemptsBefore + 1,
          lastStatusCode: outcome.statusCode,
          lastError: outcome.error,
          lastAttemptAt: outcome.at,
          nextAttemptAt: outcome.nextAttemptAt ?? outcome.at,
          ...(outcome.status === 'delivered' ? { deliveredAt: outcome.at } : {}),
        })
        .where(and(pendingRow(id), eq(eventDeliveries.attempts, attemptsBefore)))
        .returning({ id: eventDeliveries.id });
      return rows.length > 0;
    },

    async cancel(id, reason) {
      await db.update(eventDeliveries).set({ status: 'cancelled', lastError: reason }).where(pendingRow(id));
    },

    async cancelPending(subscriptionId, reason) {
      const rows = await db
        .update(eventDeliveries)
        .set({ status: 'cancelled', lastError: reason })
        .where(and(eq(eventDeliveries.subscriptionId, subscriptionId), eq(eventDeliveries.status, 'pending')))
        .returning({ id: eventDeliveries.id });
      return rows.length;
    },

    due: (dueBefore, limit) =>
      db
        .select({ id: eventDeliveries.id, attempts: eventDeliveries.attempts })
        .from(eventDeliveries)
        .where(and(eq(eventDeliveries.status, 'pending'), lt(eventDeliveries.nextAttemptAt, dueBefore)))
        .orderBy(asc(eventDeliveries.nextAttemptAt))
        .limit(limit),

    async get(id) {
      const [row] = await logQuery().where(eq(eventDeliveries.id, id)).limit(1);
      return row ?? null;
    },

    list: (subscriptionId, filter, page) =>
      logQuery()
        .where(
          and(
            eq(eventDeliveries.subscriptionId, subscriptionId),
            filter.status ? eq(eventDeliveries.status, filter.status) : undefined,
            filter.eventId ? eq(eventDeliveries.eventId, filter.eventId) : undefined,
            page.beforeId !== null ? lt(eventDeliveries.id, page.beforeId) : undefined,
          ),
        )
        .orderBy(desc(eventDeliveries.id))
        .limit(page.limit),
  };
}
