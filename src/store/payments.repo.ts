import { and, asc, eq, gte, isNull, lte, ne, notExists, or, type SQL, sql } from 'drizzle-orm';
import type { PaymentFilter, PaymentMilestone, PaymentStore } from '../core/decision-ports.ts';
import type { JsonPage, PageRequest } from '../core/engagement-ports.ts';
import { initialRetentionStatus, warrantyEndsOn } from '../core/retention.ts';
import { rowsOf } from './dashboard-engagement.repo.ts';
import type { Db } from './db.ts';
import { deliverables, engagements, milestoneDeliverables, paymentMilestones } from './engagement.schema.ts';
import {
  jsonArray,
  jsonInstantOrNull,
  jsonLiteral,
  jsonLiteralOrNull,
  jsonObject,
  jsonString,
  jsonStringOrNull,
} from './json-text.ts';
import { after, isoOrNull, one } from './repo-helpers.ts';

type Row = {
  m: typeof paymentMilestones.$inferSelect;
  providerId: string;
  currency: string;
  timeZone: string;
};

/** Payment milestones as finance reads and moves them (the contract side is milestones.repo.ts). */
export function createPaymentRepo(db: Db): PaymentStore {
  const select = () =>
    db
      .select({
        m: paymentMilestones,
        providerId: engagements.providerId,
        currency: engagements.currency,
        timeZone: engagements.timeZone,
      })
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
    listPage: (filter, page) => listPage(db, filter, page),
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
        daysLateRaw: settlement.daysLateRaw,
        daysCharged: settlement.daysCharged,
        daysEarly: settlement.daysEarly,
        retentionStatus: initialRetentionStatus(settlement.retentionMinor),
        unlockEvidence: evidence,
      }),
    resettle: (id, { settlement, evidence }) =>
      move(id, 'unlocked', {
        bonusMinor: settlement.bonusMinor,
        penaltyMinor: settlement.penaltyMinor,
        retentionMinor: settlement.retentionMinor,
        netMinor: settlement.netMinor,
        daysLate: settlement.daysLate,
        daysLateRaw: settlement.daysLateRaw,
        daysCharged: settlement.daysCharged,
        daysEarly: settlement.daysEarly,
        retentionStatus: initialRetentionStatus(settlement.retentionMinor),
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
    async retention(id, action, ref, at) {
      const set: Partial<Row['m']> =
        action === 'release'
          ? { retentionStatus: 'released', retentionReleasedAt: at }
          : action === 'invoice'
            ? { retentionStatus: 'invoiced', retentionInvoiceRef: ref, retentionInvoicedAt: at }
            : { retentionStatus: 'paid', retentionPaymentRef: ref, retentionPaidAt: at };
      const from = { release: 'held', invoice: 'released', pay: 'invoiced' } as const;
      const rows = await db
        .update(paymentMilestones)
        .set({ ...set, updatedAt: new Date() })
        .where(and(eq(paymentMilestones.id, id), eq(paymentMilestones.retentionStatus, from[action])))
        .returning({ id: paymentMilestones.id });
      if (rows.length === 0) throw new Error(`payment milestone ${id}: retention was not ${from[action]}`);
      return byId(id);
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

function toPayment({ m, providerId, currency, timeZone }: Row): PaymentMilestone {
  const unlockedAt = isoOrNull(m.unlockedAt);
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
    daysLateRaw: m.daysLateRaw,
    daysCharged: m.daysCharged,
    daysEarly: m.daysEarly,
    notBefore: m.notBefore,
    unlockedAt,
    invoiceRef: m.invoiceRef,
    invoicedAt: isoOrNull(m.invoicedAt),
    paymentRef: m.paymentRef,
    paidAt: isoOrNull(m.paidAt),
    warrantyDays: m.warrantyDays,
    warrantyEndsOn: warrantyEndsOn(unlockedAt, m.warrantyDays, timeZone),
    retentionStatus: m.retentionStatus,
    retentionReleasedAt: isoOrNull(m.retentionReleasedAt),
    retentionInvoiceRef: m.retentionInvoiceRef,
    retentionInvoicedAt: isoOrNull(m.retentionInvoicedAt),
    retentionPaymentRef: m.retentionPaymentRef,
    retentionPaidAt: isoOrNull(m.retentionPaidAt),
    evidence: m.unlockEvidence,
  };
}

/** What toPayment and the PaymentMilestone schema make of `m.unlock_evidence`, as JSON text. */
const EVIDENCE_JSON = `case when m.unlock_evidence is null or jsonb_typeof(m.unlock_evidence) = 'null' then 'null' else ${jsonObject(
  [
    ['timeZone', jsonString("m.unlock_evidence->>'timeZone'")],
    ['lateness', jsonLiteral("m.unlock_evidence->'lateness'")],
    [
      'deliverables',
      jsonArray(
        jsonObject([
          ['deliverableId', jsonString("ed.d->>'deliverableId'")],
          ['title', jsonString("ed.d->>'title'")],
          ['dueDate', jsonString("ed.d->>'dueDate'")],
          ['decisionId', jsonString("ed.d->>'decisionId'")],
          ['acceptedAt', jsonString("ed.d->>'acceptedAt'")],
          ['override', jsonLiteral("ed.d->'override'")],
          ['daysLate', jsonLiteral("ed.d->'daysLate'")],
        ]),
        "jsonb_array_elements(m.unlock_evidence->'deliverables') with ordinality as ed(d, i)",
        'ed.i',
      ),
    ],
  ],
)} end`;

/**
 * One PaymentMilestone (the response schema's key order) from `m` and its engagement `e`. Migration
 * 0016 stores it in `payment_milestones.page_json` (written out there from this expression; migration
 * 0024 writes it again with the lateness, warranty and retention fields);
 * json-pages.test.ts checks the stored text against the route's serializer.
 */
export const PAYMENT_JSON = jsonObject([
  ['id', jsonString('m.id')],
  ['engagementId', jsonString('m.engagement_id')],
  ['providerId', jsonString('e.provider_id')],
  ['label', jsonString('m.label')],
  ['status', jsonString('m.status')],
  ['currency', jsonString('e.currency')],
  ['amountMinor', jsonLiteral('m.amount_minor')],
  ['bonusMinor', jsonLiteralOrNull('m.bonus_minor')],
  ['penaltyMinor', jsonLiteralOrNull('m.penalty_minor')],
  ['retentionMinor', jsonLiteralOrNull('m.retention_minor')],
  ['netMinor', jsonLiteralOrNull('m.net_minor')],
  ['daysLate', jsonLiteralOrNull('m.days_late')],
  ['daysLateRaw', jsonLiteralOrNull('m.days_late_raw')],
  ['daysCharged', jsonLiteralOrNull('m.days_charged')],
  ['daysEarly', jsonLiteralOrNull('m.days_early')],
  ['notBefore', jsonStringOrNull('m.not_before')],
  ['unlockedAt', jsonInstantOrNull('m.unlocked_at')],
  ['invoiceRef', jsonStringOrNull('m.invoice_ref')],
  ['invoicedAt', jsonInstantOrNull('m.invoiced_at')],
  ['paymentRef', jsonStringOrNull('m.payment_ref')],
  ['paidAt', jsonInstantOrNull('m.paid_at')],
  ['warrantyDays', jsonLiteral('m.warranty_days')],
  ['warrantyEndsOn', jsonStringOrNull('((m.unlocked_at at time zone e.time_zone)::date + m.warranty_days)')],
  ['retentionStatus', jsonStringOrNull('m.retention_status')],
  ['retentionReleasedAt', jsonInstantOrNull('m.retention_released_at')],
  ['retentionInvoiceRef', jsonStringOrNull('m.retention_invoice_ref')],
  ['retentionInvoicedAt', jsonInstantOrNull('m.retention_invoiced_at')],
  ['retentionPaymentRef', jsonStringOrNull('m.retention_payment_ref')],
  ['retentionPaidAt', jsonInstantOrNull('m.retention_paid_at')],
  ['evidence', EVIDENCE_JSON],
]);

interface PageRow {
  items: string;
  last_id: string | null;
  fetched: number;
  broken: number;
}

/**
 * The finance list as `list` + toPayment + the route's serializer would write it, built by
 * PostgreSQL in one text value: same filters, same order, same keyset page (`page.limit` rows at
 * most, one more than the page).
 */
async function listPage(db: Db, filter: PaymentFilter, page: PageRequest): Promise<JsonPage> {
  const conditions: SQL[] = [sql`m.removed_at is null`];
  if (filter.status) conditions.push(sql`m.status = ${filter.status}`);
  if (filter.providerId) conditions.push(sql`e.provider_id = ${filter.providerId}`);
  if (filter.engagementId) conditions.push(sql`m.engagement_id = ${filter.engagementId}`);
  if (filter.currency) conditions.push(sql`e.currency = ${filter.currency}`);
  if (filter.unlockedSince)
    conditions.push(sql`m.unlocked_at >= ${filter.unlockedSince.toISOString()}::timestamptz`);
  if (page.afterId) conditions.push(sql`m.id > ${page.afterId}`);
  const result = await db.execute(sql`
    select coalesce(string_agg(x.j, ',' order by x.id) filter (where x.n < ${page.limit}), '') as items,
      max(x.id) filter (where x.n < ${page.limit}) as last_id,
      count(*)::int as fetched,
      count(*) filter (where x.j is null and x.n < ${page.limit})::int as broken
    from (
      select m.id, row_number() over (order by m.id) as n, m.page_json as j
      from payment_milestones m
      join engagements e on e.id = m.engagement_id
      where ${sql.join(conditions, sql` and `)}
      order by m.id
      limit ${page.limit}
    ) x`);
  const row = one(rowsOf<PageRow>(result), 'payment milestones page');
  if (row.broken > 0) throw new Error(`payment milestones page: ${row.broken} row(s) not writable as JSON`);
  return { items: row.items, lastId: row.last_id, more: row.fetched >= page.limit };
}
