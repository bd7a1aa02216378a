import { and, asc, count, eq } from 'drizzle-orm';
import type { Engagement } from '../core/engagement.ts';
import type { EngagementStore } from '../core/engagement-ports.ts';
import type { EngagementStatus } from '../core/lifecycle.ts';
import type { Db } from './db.ts';
import { engagements } from './engagement.schema.ts';
import { after, iso, isoOrNull, one } from './repo-helpers.ts';

export function createEngagementRepo(db: Db): EngagementStore {
  return {
    async insert(e) {
      const rows = await db
        .insert(engagements)
        .values({ ...e, status: 'draft', contractVersion: 1 })
        .returning();
      return toEngagement(one(rows, 'insert engagement'));
    },
    async findById(id, opts) {
      const query = db.select().from(engagements).where(eq(engagements.id, id)).limit(1);
      const [row] = opts?.forUpdate ? await query.for('update') : await query;
      return row ? toEngagement(row) : null;
    },
    async update(id, patch) {
      const rows = await db
        .update(engagements)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(engagements.id, id))
        .returning();
      return toEngagement(one(rows, 'update engagement'));
    },
    async list(filter, page) {
      const rows = await db
        .select()
        .from(engagements)
        .where(
          and(
            filter.providerId !== undefined ? eq(engagements.providerId, filter.providerId) : undefined,
            filter.status !== undefined ? eq(engagements.status, filter.status) : undefined,
            filter.currency !== undefined ? eq(engagements.currency, filter.currency) : undefined,
            after(engagements.id, page),
          ),
        )
        .orderBy(asc(engagements.id))
        .limit(page.limit);
      return rows.map(toEngagement);
    },
    async countByStatus(providerId) {
      const rows = await db
        .select({ status: engagements.status, n: count() })
        .from(engagements)
        .where(eq(engagements.providerId, providerId))
        .groupBy(engagements.status);
      const counts: Record<EngagementStatus, number> = { draft: 0, active: 0, closed: 0 };
      for (const r of rows) counts[r.status] = Number(r.n);
      return counts;
    },
  };
}

function toEngagement(row: typeof engagements.$inferSelect): Engagement {
  return {
    id: row.id,
    providerId: row.providerId,
    title: row.title,
    objective: row.objective,
    specificationUrl: row.specificationUrl,
    currency: row.currency,
    contractValueMinor: row.contractValueMinor,
    paymentTermsDays: row.paymentTermsDays,
    confidentiality: row.confidentiality,
    ipOwnership: row.ipOwnership,
    clientContact: row.clientContact,
    providerContact: row.providerContact,
    startDate: row.startDate,
    endDate: row.endDate,
    timeZone: row.timeZone,
    weightByEstimate: row.weightByEstimate,
    status: row.status,
    contractVersion: row.contractVersion,
    activatedAt: isoOrNull(row.activatedAt),
    closedAt: isoOrNull(row.closedAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
