import { asc, gt, type SQL, sql } from 'drizzle-orm';
import {
  type CurrencyTotals,
  type DashboardReads,
  type DueDeliverable,
  onTimeOf,
  type ProviderPortfolio,
  type ScheduleBucket,
} from '../core/dashboard.ts';
import type { DeliverableStatus } from '../core/lifecycle.ts';
import type { ScheduleStatus } from '../core/progress.ts';
import { readEngagementParts, rowsOf } from './dashboard-engagement.repo.ts';
import type { Db } from './db.ts';
import { providers } from './engagement.schema.ts';

/** How many overdue and next-due deliverables a provider's portfolio lists. */
export const DUE_ITEMS = 5;

/**
 * The dashboards' reads: a handful of grouped SQL statements per page, whatever its size (no query
 * per provider or per deliverable). Portfolio figures cover active engagements; money and the
 * on-time rate cover every engagement, closed ones included.
 */
export function createDashboardRepo(db: Db): DashboardReads {
  return {
    async providers(page) {
      const rows = await db
        .select({ id: providers.id, name: providers.name })
        .from(providers)
        .where(page.afterId ? gt(providers.id, page.afterId) : undefined)
        .orderBy(asc(providers.id))
        .limit(page.limit);
      if (rows.length === 0) return [];
      const ids = sql.join(
        rows.map((r) => sql`${r.id}`),
        sql`, `,
      );
      const [stats, due, money, onTime] = [
        await portfolioStats(db, ids),
        await dueDeliverables(db, ids),
        await moneyTotals(db, ids),
        await onTimeCounts(db, ids),
      ];
      return rows.map((p): ProviderPortfolio => {
        const s = stats.get(p.id);
        const mine = due.get(p.id) ?? [];
        const o = onTime.get(p.id);
        return {
          providerId: p.id,
          name: p.name,
          activeEngagements: s?.active_engagements ?? 0,
          deliverables: {
            total: s?.deliverables ?? 0,
            bySchedule: {
              on_track: s?.on_track ?? 0,
              at_risk: s?.at_risk ?? 0,
              late: s?.late ?? 0,
              accepted: s?.accepted ?? 0,
              not_computed: s?.not_computed ?? 0,
            } satisfies Record<ScheduleBucket, number>,
          },
          overdue: { count: s?.overdue ?? 0, items: mine.filter((d) => d.overdue).map(dueItem) },
          nextDue: mine.filter((d) => !d.overdue).map(dueItem),
          blockedTasks: s?.blocked_tasks ?? 0,
          awaitingReview: s?.awaiting_review ?? 0,
          money: money.get(p.id) ?? [],
          onTime: onTimeOf(o?.accepted ?? 0, o?.on_time ?? 0),
        };
      });
    },

    engagement: (engagementId, opts) => readEngagementParts(db, engagementId, opts),
  };
}

/** The provider's active engagements with today's civil date in each one's time zone. */
const activeEngagements = (ids: SQL) => sql`
  select e.id, e.provider_id, (now() at time zone e.time_zone)::date as today
  from engagements e
  where e.status = 'active' and e.provider_id in (${ids})`;

interface StatsRow {
  provider_id: string;
  active_engagements: number;
  deliverables: number;
  on_track: number;
  at_risk: number;
  late: number;
  accepted: number;
  not_computed: number;
  overdue: number;
  awaiting_review: number;
  blocked_tasks: number;
}

async function portfolioStats(db: Db, ids: SQL): Promise<Map<string, StatsRow>> {
  const result = await db.execute(sql`
    with eng as (${activeEngagements(ids)})
    select eng.provider_id,
      count(distinct eng.id)::int as active_engagements,
      count(d.id)::int as deliverables,
      count(d.id) filter (where p.schedule_status = 'on_track')::int as on_track,
      count(d.id) filter (where p.schedule_status = 'at_risk')::int as at_risk,
      count(d.id) filter (where p.schedule_status = 'late')::int as late,
      count(d.id) filter (where p.schedule_status = 'accepted')::int as accepted,
      count(d.id) filter (where p.deliverable_id is null)::int as not_computed,
      count(d.id) filter (where d.due_date < eng.today and d.status <> 'accepted')::int as overdue,
      count(d.id) filter (where d.status = 'ready_for_review')::int as awaiting_review,
      coalesce(sum(p.blocked_count) filter (where d.status <> 'accepted'), 0)::int as blocked_tasks
    from eng
    left join deliverables d on d.engagement_id = eng.id and d.removed_at is null
    left join deliverable_progress p on p.deliverable_id = d.id
    group by eng.provider_id`);
  return new Map(rowsOf<StatsRow>(result).map((r) => [r.provider_id, r]));
}

interface DueRow {
  provider_id: string;
  id: string;
  engagement_id: string;
  title: string;
  due_date: string;
  status: DeliverableStatus;
  schedule_status: ScheduleStatus | null;
  overdue: boolean;
}

const dueItem = (r: DueRow): DueDeliverable => ({
  deliverableId: r.id,
  engagementId: r.engagement_id,
  title: r.title,
  dueDate: r.due_date,
  status: r.status,
  scheduleStatus: r.schedule_status,
});

/** Per provider, the most overdue and the next due open deliverables, DUE_ITEMS of each. */
async function dueDeliverables(db: Db, ids: SQL): Promise<Map<string, DueRow[]>> {
  const result = await db.execute(sql`
    with eng as (${activeEngagements(ids)}),
    open as (
      select eng.provider_id, d.id, d.engagement_id, d.title, d.due_date, d.status, p.schedule_status,
             d.due_date < eng.today as overdue
      from eng
      join deliverables d on d.engagement_id = eng.id and d.removed_at is null and d.status <> 'accepted'
      left join deliverable_progress p on p.deliverable_id = d.id
    ),
    ranked as (
      select open.*, row_number() over (partition by provider_id, overdue order by due_date, id) as rank
      from open
    )
    select provider_id, id, engagement_id, title, due_date::text as due_date, status, schedule_status, overdue
    from ranked where rank <= ${DUE_ITEMS}
    order by provider_id, due_date, id`);
  return Map.groupBy(rowsOf<DueRow>(result), (r) => r.provider_id);
}

/** Milestone money by provider and currency: net where the settlement is known, else gross. */
async function moneyTotals(db: Db, ids: SQL): Promise<Map<string, CurrencyTotals[]>> {
  const result = await db.execute(sql`
    select e.provider_id, e.currency,
      coalesce(sum(coalesce(m.net_minor, m.amount_minor)) filter (where m.status = 'unlocked'), 0)::text as unlocked,
      coalesce(sum(coalesce(m.net_minor, m.amount_minor)) filter (where m.status = 'invoiced'), 0)::text as invoiced,
      coalesce(sum(coalesce(m.net_minor, m.amount_minor)) filter (where m.status = 'paid'), 0)::text as paid
    from engagements e
    join payment_milestones m on m.engagement_id = e.id and m.removed_at is null
      and m.status in ('unlocked', 'invoiced', 'paid')
    where e.provider_id in (${ids})
    group by e.provider_id, e.currency
    order by e.provider_id, e.currency`);
  const rows = rowsOf<{
    provider_id: string;
    currency: string;
    unlocked: string;
    invoiced: string;
    paid: string;
  }>(result);
  const out = new Map<string, CurrencyTotals[]>();
  for (const r of rows) {
    const totals = {
      currency: r.currency,
      unlockedMinor: Number(r.unlocked),
      invoicedMinor: Number(r.invoiced),
      paidMinor: Number(r.paid),
    };
    out.set(r.provider_id, [...(out.get(r.provider_id) ?? []), totals]);
  }
  return out;
}

/**
 * Accepted deliverables, and those accepted on or before their due date. The acceptance time is
 * the accepting decision's (one per deliverable); its civil date is taken in the engagement's time
 * zone, as money.ts does for lateness.
 */
async function onTimeCounts(db: Db, ids: SQL) {
  const result = await db.execute(sql`
    select e.provider_id, count(*)::int as accepted,
      count(*) filter (where (x.decided_at at time zone e.time_zone)::date <= d.due_date)::int as on_time
    from engagements e
    join deliverables d on d.engagement_id = e.id and d.removed_at is null and d.status = 'accepted'
    join decisions x on x.deliverable_id = d.id and x.decision = 'accept'
    where e.provider_id in (${ids})
    group by e.provider_id`);
  const rows = rowsOf<{ provider_id: string; accepted: number; on_time: number }>(result);
  return new Map(rows.map((r) => [r.provider_id, r]));
}
