import { and, asc, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { ApiKeyRecord, ApiKeyStore } from '../core/ports.ts';
import type { Db } from './db.ts';
import { apiKeys } from './schema.ts';

export function createApiKeyRepo(db: Db): ApiKeyStore {
  return {
    async insert(record, tx = db) {
      const [row] = await tx.insert(apiKeys).values(record).returning();
      if (!row) throw new Error('insert returned no row');
      return toRecord(row);
    },
    async findById(id) {
      const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
      return row ? toRecord(row) : null;
    },
    async list(page) {
      const rows = await db
        .select()
        .from(apiKeys)
        .where(page.afterId ? gt(apiKeys.id, page.afterId) : undefined)
        .orderBy(asc(apiKeys.id))
        .limit(page.limit);
      return rows.map(toRecord);
    },
    async revoke(id, at) {
      const [row] = await db
        .update(apiKeys)
        .set({ revokedAt: at })
        .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning();
      return row ? toRecord(row) : null;
    },
    async touch(id, at, notBefore) {
      // Conditional: processes that both decided to record a use write once between them.
      await db
        .update(apiKeys)
        .set({ lastUsedAt: at })
        .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, notBefore))));
    },
  };
}

function toRecord(row: typeof apiKeys.$inferSelect): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    providerId: row.providerId,
    secretHash: row.secretHash,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
  };
}
