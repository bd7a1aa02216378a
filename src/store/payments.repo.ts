import { and, asc, eq, gte, isNull, lte, ne, notExists, or, type SQL } from 'drizzle-orm';
import type { PaymentMilestone, PaymentStore } from '../core/decision-ports.ts';
import type { Db } from './db.ts';
import { deliverables, engagements, milestoneDeliverables, paymentMilestones } from './engagement.schema.ts';
import { after, isoOrNull, one } from './repo-helpers.ts';

type Row = { m: typeof paymentMilestones.$inferSelect; providerId: string; currency: string };

/** Payment milestones as finance reads and moves them (the contract side is milestones.repo.ts). */
export function createPaymentRepo(db: Db): PaymentStore {
  const select = () =>
    db
      .select({ m: paymentMilestones, providerId: engagements.providerId, currency: engagements.currency })
      .from(paymentMilestones)
      .innerJoin(engagements, eq(engagements.id, paymentMilestones.engagementId));

  const byId = async (id: string) =>
    toPayment(one(await select().where(eq(paymentMilestones.id, id)).limit(1), `payment milestone ${id}`));

  /** Moves the row from `from` with `set`; the row after. */
  async function move(id: string, from: Row['m']['status'], set: Partial<Row['m']>) {
    const rows = await db
      .update(paymentMilestones)
      .set({ ...set, updatedAt: new Date() })
      .where(and(eq(paymentMilestones.id, id), eq(paymentMilestones.status, from)))
      .returning({ id: paymentMilestones.id });
    return rows.length > 0 ? byId(id) : null;
  }

  return {
    async list(filter, page) {
      const conditions: (SQL | undefined)[] = [
        isNull(paymentMilestones.removedAt),
        filter.status ? eq(paymentMilestones.status, filter.status) : undefined,
        filter.providerId ? eq(engagements.providerId, filter.providerId) : undefined,
        filter.engagementId ? eq(paymentMilestones.engagementId, filter.engagementId) : undefined,
        filter.currency ? eq(engagements.currency, filter.currency) : undefined,
        filter.unlockedSince ? gte(paymentMilestones.unlockedAt, filter.unlockedSince) : undefined,
        after(paymentMilestones.id, page),
      ];
      const rows = await select()
        .where(and(...conditions))
        .orderBy(asc(paymentMilestones.id))
        .limit(page.limit);
      return rows.map(toPayment);
    },
    async findById(id, opts = {}) {
      const query = select().where(eq(paymentMilestones.id, id)).limit(1);
      const [row] = opts.forUpdate ? await query.for('update', { of: paymentMilestones }) : await query;
      return row ? toPayment(row) : null;
    },
    unlock: (id, { settlement, evidence, at }) =>
      move(id, 'locked', {
        status: 'unlocked',
        unlockedAt: at,
        bonusMinor: settlement.bonusMinor,
        penaltyMinor: settlement.penaltyMinor,
        retentionMinor: settlement.retentionMinor,
        netMinor: settlement.netMinor,
        daysLate: settlement.daysLate,
        daysEarly: settlement.daysEarly,
        unlockEvidence: evidence,
      }),
    resettle: (id, { settlement, evidence }) =>
      move(id, 'unlocked', {
        bonusMinor: settlement.bonusMinor,
        penaltyMinor: settlement.penaltyMinor,
        retentionMinor: settlement.retentionMinor,
        netMinor: settlement.netMinor,
        daysLate: settlement.daysLate,
        daysEarly: settlement.daysEarly,
        unlockEvidence: evidence,
      }),
    async invoice(id, invoiceRef, at) {
      const row = await move(id, 'unlocked', { status: 'invoiced', invoiceRef, invoicedAt: at });
      if (!row) throw new Error(`payment milestone ${id} was not unlocked`);
      return row;
    },
    async pay(id, paymentRef, at) {
      const row = await move(id, 'invoiced', { status: 'paid', paymentRef, paidAt: at });
      if (!row) throw new Error(`payment milestone ${id} was not invoiced`);
      return row;
    },
    async engagementsToCheck(latestNotBefore) {
      const unaccepted = db
        .select({ one: milestoneDeliverables.deliverableId })
        .from(milestoneDeliverables)
        .innerJoin(deliverables, eq(deliverables.id, milestoneDeliverables.deliverableId))
        .where(
          and(
            eq(milestoneDeliverables.milestoneId, paymentMilestones.id),
            ne(deliverables.status, 'accepted'),
          ),
        );
      const rows = await db
        .selectDistinct({ id: paymentMilestones.engagementId })
        .from(paymentMilestones)
        .innerJoin(engagements, eq(engagements.id, paymentMilestones.engagementId))
        .where(
          and(
            eq(paymentMilestones.status, 'locked'),
            isNull(paymentMilestones.removedAt),
            eq(engagements.status, 'active'),
            or(isNull(paymentMilestones.notBefore), lte(paymentMilestones.notBefore, latestNotBefore)),
            notExists(unaccepted),
          ),
        )
        .orderBy(asc(paymentMilestones.engagementId));
      return rows.map((r) => r.id);
    },
  };
}

function toPayment({ m, providerId, currency }: Row): PaymentMilestone {
  return {
    id: m.id,
    engagementId: m.engagementId,
    providerId,
    label: m.label,
    status: m.status,
    currency,
    amountMinor: m.amountMinor,
    bonusMinor: m.bonusMinor,
    penaltyMinor: m.penaltyMinor,
    retentionMinor: m.retentionMinor,
    netMinor: m.netMinor,
    daysLate: m.daysLate,
    daysEarly: m.daysEarly,
    notBefore: m.notBefore,
    unlockedAt: isoOrNull(m.unlockedAt),
    invoiceRef: m.invoiceRef,
    invoicedAt: isoOrNull(m.invoicedAt),
    paymentRef: m.paymentRef,
    paidAt: isoOrNull(m.paidAt),
    evidence: m.unlockEvidence,
  };
}
