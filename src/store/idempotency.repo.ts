import { and, eq } from 'drizzle-orm';
import type { IdempotencyStore } from '../core/decision-ports.ts';
import type { Db } from './db.ts';
import { idempotencyKeys } from './decisions.schema.ts';

export function createIdempotencyRepo(db: Db): IdempotencyStore {
  const where = (scope: string, key: string) =>
    and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key));
  return {
    async claim(scope, key, requestHash) {
      const rows = await db
        .insert(idempotencyKeys)
        .values({ scope, key, requestHash })
        .onConflictDoNothing({ target: [idempotencyKeys.scope, idempotencyKeys.key] })
        .returning({ key: idempotencyKeys.key });
      return rows.length > 0;
    },
    async find(scope, key) {
      const [row] = await db.select().from(idempotencyKeys).where(where(scope, key)).limit(1);
      return row ?? null;
    },
    async complete(scope, key, status, body) {
      await db
        .update(idempotencyKeys)
        .set({ responseStatus: status, responseBody: body })
        .where(where(scope, key));
    },
  };
}
