import { type SQL, sql } from 'drizzle-orm';
import {
  type DueDeliverable,
  onTimeOf,
  type ProviderPortfolio,
  type ScheduleBucket,
} from '../core/dashboard.ts';
import type { JsonPage } from '../core/engagement-ports.ts';
import { rowsOf } from './dashboard-engagement.repo.ts';
import type { Db } from './db.ts';

/**
 * GET /v1/dashboard/providers's page from provider_portfolio, the row per provider the database
 * keeps equal to the live aggregation (dashboard.repo.ts portfolioQuery) in every writing
 * transaction (migrations/0014_provider_portfolio.sql): an index scan of the page's providers, each
 * with its due items already written as JSON text, instead of aggregating their engagements,
 * progress summaries and milestones and parsing every engagement's due lists on each read.
 * The name is read from providers, live. test/integration/json-pages.test.ts and
 * portfolio-summary.test.ts compare this page byte for byte with the live aggregation written by
 * the route's serializer.
 */
export async function readPortfolioPage(
  db: Db,
  page: { afterId: string | null; limit: number },
): Promise<JsonPage> {
  const rows = rowsOf<SummaryRow>(await db.execute(pageQuery(page)));
  const items = rows.slice(0, page.limit - 1);
  return {
    items: items.map(portfolioText).join(','),
    lastId: items.at(-1)?.id ?? null,
    more: rows.length >= page.limit,
  };
}

function pageQuery(page: { afterId: string | null; limit: number }): SQL {
  const after = page.afterId ? sql`where p.id > ${page.afterId}` : sql``;
  return sql`
    select p.id, p.name, s.provider_id is not null as kept, s.active_engagements, s.deliverables,
      s.on_track, s.at_risk, s.late, s.accepted, s.not_computed, s.awaiting_review, s.blocked_tasks,
      s.accepted_all, s.on_time, s.overdue, s.next_due, coalesce(s.money, '[]') as money, rt.retention
    from providers p
    left join provider_portfolio s on s.provider_id = p.id
    ${retentionOf(sql`p.id`)}
    ${after}
    order by p.id
    limit ${page.limit}`;
}

/**
 * `rt.retention`: the provider's retention by currency, aggregated live in both portfolio
 * statements. Kept apart from provider_portfolio (whose rows migration 0014's function writes) so
 * that this figure adds no change to that function; only milestones holding a retention are read.
 */
export function retentionOf(providerId: SQL): SQL {
  return sql`left join lateral (
      select coalesce(jsonb_agg(jsonb_build_object('currency', r.currency, 'heldMinor', r.held,
        'payableMinor', r.payable, 'paidMinor', r.paid) order by r.currency), '[]') as retention
      from (
        select e.currency,
          coalesce(sum(m.retention_minor) filter (where m.retention_status = 'held'), 0) as held,
          coalesce(sum(m.retention_minor) filter (where m.retention_status in ('released', 'invoiced')), 0) as payable,
          coalesce(sum(m.retention_minor) filter (where m.retention_status = 'paid'), 0) as paid
        from engagements e
        join payment_milestones m on m.engagement_id = e.id and m.removed_at is null
          and m.retention_status is not null
        where e.provider_id = ${providerId}
        group by e.currency
      ) r
    ) rt on true`;
}

/**
 * The figures both portfolio statements return per provider, the live aggregation
 * (dashboard.repo.ts) and the kept rows: NULL for a provider without engagements (zeros).
 */
export interface PortfolioFigures {
  id: string;
  name: string;
  active_engagements: number | null;
  deliverables: number | null;
  on_track: number | null;
  at_risk: number | null;
  late: number | null;
  accepted: number | null;
  not_computed: number | null;
  awaiting_review: number | null;
  blocked_tasks: number | null;
  accepted_all: number | null;
  on_time: number | null;
  money: { currency: string; unlockedMinor: number; invoicedMinor: number; paidMinor: number }[];
  retention: { currency: string; heldMinor: number; payableMinor: number; paidMinor: number }[];
}

/** A ProviderPortfolio from its figures, the due items aside (each statement writes them its way). */
export function portfolioOf(
  r: PortfolioFigures,
  due: { overdue: DueDeliverable[]; nextDue: DueDeliverable[] },
): ProviderPortfolio {
  const n = (v: number | null) => v ?? 0;
  return {
    providerId: r.id,
    name: r.name,
    activeEngagements: n(r.active_engagements),
    deliverables: {
      total: n(r.deliverables) + n(r.not_computed),
      bySchedule: {
        on_track: n(r.on_track),
        at_risk: n(r.at_risk),
        late: n(r.late),
        accepted: n(r.accepted),
        not_computed: n(r.not_computed),
      } satisfies Record<ScheduleBucket, number>,
    },
    overdue: { count: n(r.late), items: due.overdue },
    nextDue: due.nextDue,
    blockedTasks: n(r.blocked_tasks),
    awaitingReview: n(r.awaiting_review),
    money: r.money.map((m) => ({
      currency: m.currency,
      unlockedMinor: Number(m.unlockedMinor),
      invoicedMinor: Number(m.invoicedMinor),
      paidMinor: Number(m.paidMinor),
    })),
    retention: (r.retention ?? []).map((m) => ({
      currency: m.currency,
      heldMinor: Number(m.heldMinor),
      payableMinor: Number(m.payableMinor),
      paidMinor: Number(m.paidMinor),
    })),
    onTime: onTimeOf(n(r.accepted_all), n(r.on_time)),
  };
}

/** A page row of the kept table. */
interface SummaryRow extends PortfolioFigures {
  kept: boolean;
  /** The first five items as JSON text, comma-separated; NULL when one could not be written. */
  overdue: string | null;
  next_due: string | null;
}

/**
 * One provider as the route's serializer writes a ProviderPortfolio (zod encode, then
 * JSON.stringify): the schema's keys in its order, integers as JSON numbers; the due items spliced
 * in as the database wrote them.
 */
function portfolioText(r: SummaryRow): string {
  const list = (text: string | null) => {
    if (text === null && r.kept)
      throw new Error(`provider_portfolio ${r.id}: a due item could not be written`);
    return `[${text ?? ''}]`;
  };
  // The due items are spliced in as the database wrote them: placeholders, replaced below.
  const p = portfolioOf(r, { overdue: [], nextDue: [] });
  const head = JSON.stringify({
    providerId: p.providerId,
    name: p.name,
    activeEngagements: p.activeEngagements,
    deliverables: p.deliverables,
  });
  return (
    `${head.slice(0, -1)},"overdue":{"count":${p.overdue.count},"items":${list(r.overdue)}},` +
    `"nextDue":${list(r.next_due)},"blockedTasks":${p.blockedTasks},` +
    `"awaitingReview":${p.awaitingReview},"money":${JSON.stringify(p.money)},` +
    `"retention":${JSON.stringify(p.retention)},` +
    `"onTime":${JSON.stringify(p.onTime)}}`
  );
}
