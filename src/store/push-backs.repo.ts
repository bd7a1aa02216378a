import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { newId } from '../core/ids.ts';
import type { PushBackStore } from '../core/sync-ports.ts';
import type { Db } from './db.ts';
import { pushBacks } from './push-backs.schema.ts';

export function createPushBackRepo(db: Db): PushBackStore {
  return {
    async create(rows) {
      if (rows.length === 0) return [];
      const inserted = await db
        .insert(pushBacks)
        .values(rows.map((r) => ({ ...r, id: newId('pb') })))
        .onConflictDoNothing({
          target: [pushBacks.decisionId, pushBacks.connectionId, pushBacks.taskExternalId],
        })
        .returning({ id: pushBacks.id });
      return inserted.map((r) => r.id);
    },
    async get(id) {
      const [row] = await db.select().from(pushBacks).where(eq(pushBacks.id, id)).limit(1);
      return row ?? null;
    },
    listByDecision: (decisionId) =>
      db.select().from(pushBacks).where(eq(pushBacks.decisionId, decisionId)).orderBy(asc(pushBacks.id)),
    async markDone(id, result) {
      await db
        .update(pushBacks)
        .set({ status: 'done', doneAt: new Date(), lastError: null, ...result })
        .where(and(eq(pushBacks.id, id), eq(pushBacks.status, 'pending')));
    },
    async markFailed(id, error) {
      await db.update(pushBacks).set({ status: 'failed', lastError: error }).where(eq(pushBacks.id, id));
    },
    async noteAttempt(id, error) {
      await db
        .update(pushBacks)
        .set({ attempts: sql`${pushBacks.attempts} + 1`, lastError: error })
        .where(eq(pushBacks.id, id));
    },
    async pending(olderThan, limit) {
      const rows = await db
        .select({ id: pushBacks.id })
        .from(pushBacks)
        .where(and(eq(pushBacks.status, 'pending'), lt(pushBacks.createdAt, olderThan)))
        .orderBy(asc(pushBacks.createdAt))
        .limit(limit);
      return rows.map((r) => r.id);
    },
  };
}
