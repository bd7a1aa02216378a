import { type SQL, sql } from 'drizzle-orm';
import type { DashboardReads, DueDeliverable, ProviderPortfolio } from '../core/dashboard.ts';
import { type DueItem, firstDue } from '../core/progress-summary.ts';
import { readEngagementParts, rowsOf } from './dashboard-engagement.repo.ts';
import {
  type PortfolioFigures,
  portfolioOf,
  readPortfolioPage,
  retentionOf,
} from './dashboard-portfolio.repo.ts';
import type { Db } from './db.ts';

/** The dashboards' reads: one statement per page of providers, five per engagement; no N+1. */
export function createDashboardRepo(db: Db): DashboardReads {
  return {
    async providers(page) {
      const result = await db.execute(portfolioQuery(page));
      return rowsOf<PortfolioRow>(result).map(toPortfolio);
    },
    providersPage: (page) => readPortfolioPage(db, page),
    engagement: (engagementId, opts) => readEngagementParts(db, engagementId, opts),
  };
}

/**
 * The live aggregation, one statement for a page of providers: what provider_portfolio must always
 * equal (its tests compare the two; GET /v1/dashboard/providers reads the stored rows). Delivery
 * figures come from engagement_progress (one row per engagement, kept by the recompute job) for
 * active engagements; deliverables of an active engagement no recompute has seen yet count as not
 * computed. Money is read from the milestones; the on-time rate covers every engagement, closed
 * ones included.
 */
function portfolioQuery(page: { afterId: string | null; limit: number }): SQL {
  const after = page.afterId ? sql`where id > ${page.afterId}` : sql``;
  return sql`
    with page as (
      select id, name from providers ${after} order by id limit ${page.limit}
    ),
    eng as (
      select e.id, e.provider_id, e.status = 'active' as active, s.engagement_id is not null as computed,
        s.deliverables, s.on_track, s.at_risk, s.late, s.accepted, s.accepted_on_time, s.awaiting_review,
        s.blocked_tasks, s.overdue, s.next_due
      from page
      join engagements e on e.provider_id = page.id
      left join engagement_progress s on s.engagement_id = e.id
    ),
    figures as (
      select provider_id,
        count(*) filter (where active)::int as active_engagements,
        coalesce(sum(deliverables) filter (where active), 0)::int as deliverables,
        coalesce(sum(on_track) filter (where active), 0)::int as on_track,
        coalesce(sum(at_risk) filter (where active), 0)::int as at_risk,
        coalesce(sum(late) filter (where active), 0)::int as late,
        coalesce(sum(accepted) filter (where active), 0)::int as accepted,
        coalesce(sum(case when active and not computed then (
          select count(*) from deliverables d where d.engagement_id = eng.id and d.removed_at is null
        ) else 0 end), 0)::int as not_computed,
        coalesce(sum(awaiting_review) filter (where active), 0)::int as awaiting_review,
        coalesce(sum(blocked_tasks) filter (where active), 0)::int as blocked_tasks,
        coalesce(sum(accepted), 0)::int as accepted_all,
        coalesce(sum(accepted_on_time), 0)::int as on_time,
        coalesce(json_agg(overdue) filter (where active and late > 0), '[]') as overdue,
        coalesce(json_agg(next_due) filter (where active and computed), '[]') as next_due
      from eng
      group by provider_id
    ),
    currencies as (
      select e.provider_id, e.currency,
        coalesce(sum(coalesce(m.net_minor, m.amount_minor)) filter (where m.status = 'unlocked'), 0) as unlocked,
        coalesce(sum(coalesce(m.net_minor, m.amount_minor)) filter (where m.status = 'invoiced'), 0) as invoiced,
        coalesce(sum(coalesce(m.net_minor, m.amount_minor)) filter (where m.status = 'paid'), 0) as paid
      from page
      join engagements e on e.provider_id = page.id
      join payment_milestones m on m.engagement_id = e.id and m.removed_at is null
        and m.status in ('unlocked', 'invoiced', 'paid')
      group by e.provider_id, e.currency
    ),
    money as (
      select provider_id, jsonb_agg(jsonb_build_object('currency', currency, 'unlockedMinor', unlocked,
        'invoicedMinor', invoiced, 'paidMinor', paid) order by currency) as totals
      from currencies group by provider_id
    )
    select page.id, page.name, figures.*, coalesce(money.totals, '[]') as money, rt.retention
    from page
    left join figures on figures.provider_id = page.id
    left join money on money.provider_id = page.id
    ${retentionOf(sql`page.id`)}
    order by page.id`;
}

interface PortfolioRow extends PortfolioFigures {
  overdue: DueItem[][] | null;
  next_due: DueItem[][] | null;
}

function toPortfolio(r: PortfolioRow): ProviderPortfolio {
  const due = (lists: DueItem[][] | null): DueDeliverable[] => firstDue((lists ?? []).flat());
  return portfolioOf(r, { overdue: due(r.overdue), nextDue: due(r.next_due) });
}
