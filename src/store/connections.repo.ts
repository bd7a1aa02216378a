import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { ConnectionRecord, ConnectionStore } from '../core/sync-ports.ts';
import { connections } from './connections.schema.ts';
import type { Db } from './db.ts';

export function createConnectionRepo(db: Db): ConnectionStore {
  return {
    async insert(record) {
      const [row] = await db.insert(connections).values(record).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },
    async get(id) {
      const [row] = await db.select().from(connections).where(eq(connections.id, id)).limit(1);
      return row ?? null;
    },
    async list({ afterId, limit, tracker }) {
      return db
        .select()
        .from(connections)
        .where(
          and(
            isNull(connections.deletedAt),
            afterId ? gt(connections.id, afterId) : undefined,
            tracker ? eq(connections.tracker, tracker) : undefined,
          ),
        )
        .orderBy(asc(connections.id))
        .limit(limit);
    },
    async update(id, patch) {
      const [row] = await db
        .update(connections)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(connections.id, id))
        .returning();
      return row ?? null;
    },
    async noteHealth(id, note) {
      const set: Partial<ConnectionRecord> = {
        ...(note.health ? { health: note.health } : {}),
        ...(note.lastDeliveryAt ? { lastDeliveryAt: note.lastDeliveryAt } : {}),
        ...(note.lastSyncAt ? { lastSyncAt: note.lastSyncAt } : {}),
        ...(note.lastError !== undefined
          ? { lastError: note.lastError, lastErrorAt: note.lastError ? new Date() : null }
          : {}),
      };
      if (Object.keys(set).length > 0) await db.update(connections).set(set).where(eq(connections.id, id));
    },
  };
}
