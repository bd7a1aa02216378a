import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Deliverable } from '../core/engagement.ts';
import type { DeliverableStore } from '../core/engagement-ports.ts';
import type { Db } from './db.ts';
import { deliverables } from './engagement.schema.ts';
import { after, iso, isoOrNull, one } from './repo-helpers.ts';

export function createDeliverableRepo(db: Db): DeliverableStore {
  return {
    async insert(d) {
      const rows = await db
        .insert(deliverables)
        .values({ ...d, acceptanceCriteria: [...d.acceptanceCriteria], status: 'planned' })
        .returning();
      return toDeliverable(one(rows, 'insert deliverable'));
    },
    async findById(id) {
      const [row] = await db.select().from(deliverables).where(eq(deliverables.id, id)).limit(1);
      return row ? toDeliverable(row) : null;
    },
    async update(id, patch) {
      const { acceptanceCriteria, ...rest } = patch;
      const rows = await db
        .update(deliverables)
        .set({
          ...rest,
          ...(acceptanceCriteria ? { acceptanceCriteria: [...acceptanceCriteria] } : {}),
          updatedAt: new Date(),
        })
        .where(eq(deliverables.id, id))
        .returning();
      return toDeliverable(one(rows, 'update deliverable'));
    },
    async setStatus(id, from, to) {
      const rows = await db
        .update(deliverables)
        .set({ status: to, updatedAt: new Date() })
        .where(and(eq(deliverables.id, id), eq(deliverables.status, from)))
        .returning();
      return rows[0] ? toDeliverable(rows[0]) : null;
    },
    async remove(id) {
      const now = new Date();
      const rows = await db
        .update(deliverables)
        .set({ removedAt: now, updatedAt: now })
        .where(eq(deliverables.id, id))
        .returning();
      return toDeliverable(one(rows, 'remove deliverable'));
    },
    async listByEngagement(engagementId, filter = {}, page) {
      const query = db
        .select()
        .from(deliverables)
        .where(
          and(
            eq(deliverables.engagementId, engagementId),
            filter.includeRemoved ? undefined : isNull(deliverables.removedAt),
            filter.status !== undefined ? eq(deliverables.status, filter.status) : undefined,
            after(deliverables.id, page),
          ),
        )
        .orderBy(asc(deliverables.id));
      const rows = page ? await query.limit(page.limit) : await query;
      return rows.map(toDeliverable);
    },
  };
}

function toDeliverable(row: typeof deliverables.$inferSelect): Deliverable {
  return {
    id: row.id,
    engagementId: row.engagementId,
    title: row.title,
    description: row.description,
    dueDate: row.dueDate,
    acceptanceCriteria: row.acceptanceCriteria,
    weight: row.weight,
    selector: row.selector,
    status: row.status,
    removedAt: isoOrNull(row.removedAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
