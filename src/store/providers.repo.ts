import { and, asc, eq, ilike } from 'drizzle-orm';
import type { Provider } from '../core/engagement.ts';
import type { ProviderStore } from '../core/engagement-ports.ts';
import type { Db } from './db.ts';
import { providers } from './engagement.schema.ts';
import { after, iso, one } from './repo-helpers.ts';

export function createProviderRepo(db: Db): ProviderStore {
  return {
    async insert(p) {
      return toProvider(
        one(
          await db
            .insert(providers)
            .values({ ...p, references: [...p.references] })
            .returning(),
          'insert provider',
        ),
      );
    },
    async update(id, patch) {
      const rows = await db
        .update(providers)
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.references !== undefined ? { references: [...patch.references] } : {}),
          updatedAt: new Date(),
        })
        .where(eq(providers.id, id))
        .returning();
      return toProvider(one(rows, 'update provider'));
    },
    async findById(id) {
      const [row] = await db.select().from(providers).where(eq(providers.id, id)).limit(1);
      return row ? toProvider(row) : null;
    },
    async list(filter, page) {
      const rows = await db
        .select()
        .from(providers)
        .where(
          and(
            filter.onlyId !== undefined ? eq(providers.id, filter.onlyId) : undefined,
            filter.nameContains ? ilike(providers.name, `%${escapeLike(filter.nameContains)}%`) : undefined,
            after(providers.id, page),
          ),
        )
        .orderBy(asc(providers.id))
        .limit(page.limit);
      return rows.map(toProvider);
    },
  };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function toProvider(row: typeof providers.$inferSelect): Provider {
  return {
    id: row.id,
    name: row.name,
    references: row.references,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
