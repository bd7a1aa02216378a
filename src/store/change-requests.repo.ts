import { and, asc, eq } from 'drizzle-orm';
import type { ChangeRequest } from '../core/engagement.ts';
import type { ChangeRequestStore } from '../core/engagement-ports.ts';
import type { Db } from './db.ts';
import { changeRequests } from './engagement.schema.ts';
import { after, iso, isoOrNull, one } from './repo-helpers.ts';

export function createChangeRequestRepo(db: Db): ChangeRequestStore {
  return {
    async insert(c) {
      const rows = await db
        .insert(changeRequests)
        .values({
          id: c.id,
          engagementId: c.engagementId,
          title: c.title,
          rationale: c.rationale,
          changes: [...c.changes],
          impactCostMinor: c.impact.costMinor,
          impactScheduleDays: c.impact.scheduleDays,
          impactQuality: c.impact.quality,
          affectsUnlockedMilestones: c.affectsUnlockedMilestones,
          status: 'draft',
          proposedBy: c.proposedBy.keyId,
          proposedByRole: c.proposedBy.role,
          proposedByProviderId: c.proposedBy.providerId,
          baseVersion: c.baseVersion,
        })
        .returning();
      return toChangeRequest(one(rows, 'insert change request'));
    },
    async findById(id, opts) {
      const query = db.select().from(changeRequests).where(eq(changeRequests.id, id)).limit(1);
      const [row] = opts?.forUpdate ? await query.for('update') : await query;
      return row ? toChangeRequest(row) : null;
    },
    async update(id, patch) {
      const rows = await db
        .update(changeRequests)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(changeRequests.id, id))
        .returning();
      return toChangeRequest(one(rows, 'update change request'));
    },
    async list(filter, page) {
      const rows = await db
        .select()
        .from(changeRequests)
        .where(
          and(
            eq(changeRequests.engagementId, filter.engagementId),
            filter.status !== undefined ? eq(changeRequests.status, filter.status) : undefined,
            after(changeRequests.id, page),
          ),
        )
        .orderBy(asc(changeRequests.id))
        .limit(page.limit);
      return rows.map(toChangeRequest);
    },
  };
}

function toChangeRequest(row: typeof changeRequests.$inferSelect): ChangeRequest {
  return {
    id: row.id,
    engagementId: row.engagementId,
    title: row.title,
    rationale: row.rationale,
    changes: row.changes,
    impact: {
      costMinor: row.impactCostMinor,
      scheduleDays: row.impactScheduleDays,
      quality: row.impactQuality,
    },
    affectsUnlockedMilestones: row.affectsUnlockedMilestones,
    status: row.status,
    proposedBy: { keyId: row.proposedBy, role: row.proposedByRole, providerId: row.proposedByProviderId },
    baseVersion: row.baseVersion,
    appliedVersion: row.appliedVersion,
    submittedAt: isoOrNull(row.submittedAt),
    decidedAt: isoOrNull(row.decidedAt),
    decidedBy: row.decidedBy,
    decisionNote: row.decisionNote,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
