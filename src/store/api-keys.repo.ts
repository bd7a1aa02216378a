import { eq } from 'drizzle-orm';
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
  };
}
