import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Milestone, MilestoneTerms } from '../core/engagement.ts';
import type { MilestoneStore } from '../core/engagement-ports.ts';
import type { Db } from './db.ts';
import { engagements, milestoneDeliverables, paymentMilestones } from './engagement.schema.ts';
import { after, iso, isoOrNull, one } from './repo-helpers.ts';

type Row = typeof paymentMilestones.$inferSelect;

export function createMilestoneRepo(db: Db): MilestoneStore {
  /** Reads milestones with their currency and required deliverables, in id order. */
  async function read(where: ReturnType<typeof and>, limit?: number): Promise<Milestone[]> {
    const query = db
      .select({ m: paymentMilestones, currency: engagements.currency })
      .from(paymentMilestones)
      .innerJoin(engagements, eq(engagements.id, paymentMilestones.engagementId))
      .where(where)
      .orderBy(asc(paymentMilestones.id));
    const rows = limit !== undefined ? await query.limit(limit) : await query;
    if (rows.length === 0) return [];
    const links = await db
      .select()
      .from(milestoneDeliverables)
      .where(
        inArray(
          milestoneDeliverables.milestoneId,
          rows.map((r) => r.m.id),
        ),
      )
      .orderBy(asc(milestoneDeliverables.position));
    return rows.map(({ m, currency }) =>
      toMilestone(
        m,
        currency,
        links.filter((l) => l.milestoneId === m.id).map((l) => l.deliverableId),
      ),
    );
  }

  async function setRequired(milestoneId: string, engagementId: string, ids: readonly string[]) {
    await db.delete(milestoneDeliverables).where(eq(milestoneDeliverables.milestoneId, milestoneId));
    if (ids.length === 0) return;
    await db
      .insert(milestoneDeliverables)
      .values(ids.map((deliverableId, position) => ({ milestoneId, deliverableId, engagementId, position })));
  }

  const byId = async (id: string) => one(await read(eq(paymentMilestones.id, id)), `milestone ${id}`);

  return {
    async insert(m) {
      const values: typeof paymentMilestones.$inferInsert = {
        ...termColumns(m),
        id: m.id,
        engagementId: m.engagementId,
        label: m.label,
        amountMinor: m.amountMinor,
        retentionBps: m.retentionBps,
        status: 'locked',
      };
      await db.insert(paymentMilestones).values(values);
      await setRequired(m.id, m.engagementId, m.requiredDeliverableIds);
      return byId(m.id);
    },
    async findById(id) {
      const [m] = await read(eq(paymentMilestones.id, id));
      return m ?? null;
    },
    async update(id, patch) {
      const [row] = await db
        .update(paymentMilestones)
        .set({ ...termColumns(patch), updatedAt: new Date() })
        .where(eq(paymentMilestones.id, id))
        .returning();
      if (row && patch.requiredDeliverableIds)
        await setRequired(id, row.engagementId, patch.requiredDeliverableIds);
      return byId(id);
    },
    async remove(id) {
      const now = new Date();
      await db
        .update(paymentMilestones)
        .set({ removedAt: now, updatedAt: now })
        .where(eq(paymentMilestones.id, id));
      return byId(id);
    },
    async listByEngagement(engagementId, filter = {}, page) {
      return read(
        and(
          eq(paymentMilestones.engagementId, engagementId),
          filter.includeRemoved ? undefined : isNull(paymentMilestones.removedAt),
          filter.status !== undefined ? eq(paymentMilestones.status, filter.status) : undefined,
          after(paymentMilestones.id, page),
        ),
        page?.limit,
      );
    },
  };
}

/** The columns a (partial) set of terms writes; the required deliverables live in their own table. */
function termColumns(t: Partial<MilestoneTerms>): Partial<typeof paymentMilestones.$inferInsert> {
  return {
    ...(t.label !== undefined ? { label: t.label } : {}),
    ...(t.amountMinor !== undefined ? { amountMinor: t.amountMinor } : {}),
    ...(t.notBefore !== undefined ? { notBefore: t.notBefore } : {}),
    ...(t.retentionBps !== undefined ? { retentionBps: t.retentionBps } : {}),
    ...(t.warrantyDays !== undefined ? { warrantyDays: t.warrantyDays } : {}),
    ...(t.latePenalty !== undefined
      ? {
          penaltyBpsPerDay: t.latePenalty?.bpsPerDay ?? null,
          penaltyGraceDays: t.latePenalty?.graceDays ?? null,
          penaltyCapBps: t.latePenalty?.capBps ?? null,
        }
      : {}),
    ...(t.earlyBonus !== undefined
      ? { bonusBpsPerDay: t.earlyBonus?.bpsPerDay ?? null, bonusCapBps: t.earlyBonus?.capBps ?? null }
      : {}),
  };
}

function toMilestone(row: Row, currency: string, required: string[]): Milestone {
  const penalty =
    row.penaltyBpsPerDay !== null && row.penaltyGraceDays !== null && row.penaltyCapBps !== null
      ? { bpsPerDay: row.penaltyBpsPerDay, graceDays: row.penaltyGraceDays, capBps: row.penaltyCapBps }
      : null;
  const bonus =
    row.bonusBpsPerDay !== null && row.bonusCapBps !== null
      ? { bpsPerDay: row.bonusBpsPerDay, capBps: row.bonusCapBps }
      : null;
  return {
    id: row.id,
    engagementId: row.engagementId,
    currency,
    label: row.label,
    amountMinor: row.amountMinor,
    requiredDeliverableIds: required,
    notBefore: row.notBefore,
    retentionBps: row.retentionBps,
    latePenalty: penalty,
    earlyBonus: bonus,
    warrantyDays: row.warrantyDays,
    status: row.status,
    bonusMinor: row.bonusMinor,
    penaltyMinor: row.penaltyMinor,
    retentionMinor: row.retentionMinor,
    netMinor: row.netMinor,
    daysLate: row.daysLate,
    daysLateRaw: row.daysLateRaw,
    daysCharged: row.daysCharged,
    retentionStatus: row.retentionStatus,
    unlockedAt: isoOrNull(row.unlockedAt),
    invoiceRef: row.invoiceRef,
    invoicedAt: isoOrNull(row.invoicedAt),
    paymentRef: row.paymentRef,
    paidAt: isoOrNull(row.paidAt),
    removedAt: isoOrNull(row.removedAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
