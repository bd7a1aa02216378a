import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { SubscriptionStore } from '../core/event-ports.ts';
import type { Db } from './db.ts';
import { subscriptions } from './outbox.schema.ts';

export function createSubscriptionRepo(db: Db): SubscriptionStore {
  return {
    async insert(record) {
      const [row] = await db
        .insert(subscriptions)
        .values({ ...record, events: [...record.events] })
        .returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },
    async get(id) {
      const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id)).limit(1);
      return row ?? null;
    },
    list: ({ afterId, limit }) =>
      db
        .select()
        .from(subscriptions)
        .where(and(isNull(subscriptions.deletedAt), afterId ? gt(subscriptions.id, afterId) : undefined))
        .orderBy(asc(subscriptions.id))
        .limit(limit),
    async markDeleted(id, at) {
      const [row] = await db
        .update(subscriptions)
        .set({ deletedAt: at })
        .where(and(eq(subscriptions.id, id), isNull(subscriptions.deletedAt)))
        .returning();
      return row ?? null;
    },
  };
}
