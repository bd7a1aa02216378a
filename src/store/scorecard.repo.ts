import { sql } from 'drizzle-orm';
import type { ScorecardReads } from '../core/scorecard.ts';
import type { Db } from './db.ts';

/** Rows of a raw `db.execute`, whichever driver (node-postgres or PGlite) ran it. */
const rowsOf = <R>(result: unknown): R[] => (result as { rows: R[] }).rows;

/** The provider scorecard's two reads: its decisions, and its settled milestones' money. */
export function createScorecardRepo(db: Db): ScorecardReads {
  return {
    async decisionFacts(providerId) {
      const result = await db.execute(sql`
        select dc.deliverable_id, dc.decision, dc.decided_at, to_char(d.due_date, 'YYYY-MM-DD') as due_date,
               e.time_zone
        from decisions dc
        join deliverables d on d.id = dc.deliverable_id
        join engagements e on e.id = dc.engagement_id
        where e.provider_id = ${providerId}
        order by dc.decided_at, dc.id`);
      return rowsOf<{
        deliverable_id: string;
        decision: 'accept' | 'reject';
        decided_at: Date | string;
        due_date: string;
        time_zone: string;
      }>(result).map((r) => ({
        deliverableId: r.deliverable_id,
        decision: r.decision,
        decidedAt: new Date(r.decided_at),
        dueDate: r.due_date,
        timeZone: r.time_zone,
      }));
    },
    async settledTotals(providerId) {
      const result = await db.execute(sql`
        select e.currency, count(*) as milestones,
               coalesce(sum(m.penalty_minor), 0) as penalty_minor, coalesce(sum(m.bonus_minor), 0) as bonus_minor
        from payment_milestones m
        join engagements e on e.id = m.engagement_id
        where e.provider_id = ${providerId} and m.removed_at is null
          and m.status in ('unlocked', 'invoiced', 'paid')
        group by e.currency
        order by e.currency`);
      return rowsOf<{ currency: string; milestones: string; penalty_minor: string; bonus_minor: string }>(
        result,
      ).map((r) => ({
        currency: r.currency,
        milestones: Number(r.milestones),
        penaltyMinor: Number(r.penalty_minor),
        bonusMinor: Number(r.bonus_minor),
      }));
    },
  };
}
