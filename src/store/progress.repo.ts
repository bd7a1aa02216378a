import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { ProgressStore, StoredProgress } from '../core/progress-ports.ts';
import type { StatusCategory } from '../core/task.ts';
import type { Db } from './db.ts';
import { decisions } from './decisions.schema.ts';
import { deliverableProgress, engagementProgress } from './progress.schema.ts';

/** Rows of a raw `db.execute`, whichever driver (node-postgres or PGlite) ran it. */
const rowsOf = <R>(result: unknown): R[] => (result as { rows: R[] }).rows;

const FIGURES = [
  'progress',
  'done_weight',
  'total_weight',
  'task_count',
  'done_count',
  'blocked_count',
  'cancelled_count',
  'no_tasks',
  'throughput_per_day',
  'forecast_date',
  'schedule_status',
  'reasons',
] as const;

const SUMMARY = [
  'provider_id',
  'deliverables',
  'on_track',
  'at_risk',
  'late',
  'accepted',
  'accepted_on_time',
  'awaiting_review',
  'blocked_tasks',
  'progress',
  'overdue',
  'next_due',
] as const;

/**
 * An upsert's condition: write only when a figure differs, so a repeated recompute writes nothing.
 * json has no equality: those columns compare as text (the same figures serialize the same way).
 */
function changedFrom(table: string, columns: readonly string[]): SQL {
  const side = (prefix: SQL) =>
    sql.join(
      columns.map((c) =>
        JSON_COLUMNS.has(c) ? sql`${prefix}.${sql.identifier(c)}::text` : sql`${prefix}.${sql.identifier(c)}`,
      ),
      sql`, `,
    );
  return sql`(${side(sql`${sql.identifier(table)}`)}) is distinct from (${side(sql.raw('excluded'))})`;
}
const JSON_COLUMNS = new Set(['overdue', 'next_due']);

export function createProgressRepo(db: Db): ProgressStore {
  return {
    async selectedTasks(engagementId) {
      const result = await db.execute(sql`
        select t.id, t.deliverable_id, t.status_category, t.cancelled, t.deleted, t.blocked, t.estimate
        from deliverables d
        join tasks t on t.deliverable_id = d.id
        where d.engagement_id = ${engagementId} and d.removed_at is null
        order by t.id`);
      return rowsOf<{
        id: string;
        deliverable_id: string;
        status_category: StatusCategory;
        cancelled: boolean;
        deleted: boolean;
        blocked: boolean;
        estimate: number | null;
      }>(result).map((r) => ({
        id: r.id,
        deliverableId: r.deliverable_id,
        statusCategory: r.status_category,
        cancelled: r.cancelled,
        deleted: r.deleted,
        blocked: r.blocked,
        estimate: r.estimate === null ? null : Number(r.estimate),
      }));
    },

    async completions(engagementId, since) {
      // An entry into done is a history row in `done` whose previous revision was not.
      const result = await db.execute(sql`
        select task_id, max(updated_at_tracker) as at
        from (
          select c.task_id, c.status_category, c.updated_at_tracker,
                 lag(c.status_category) over (partition by c.task_id order by c.revision) as previous
          from deliverables d
          join tasks t on t.deliverable_id = d.id
          join task_changes c on c.task_id = t.id
          where d.engagement_id = ${engagementId} and d.removed_at is null
        ) history
        where status_category = 'done' and previous is distinct from 'done'
          and updated_at_tracker >= ${since.toISOString()}::timestamptz
        group by task_id`);
      return rowsOf<{ task_id: string; at: string | Date }>(result).map((r) => ({
        taskId: r.task_id,
        at: new Date(r.at),
      }));
    },

    async listByEngagement(engagementId) {
      const rows = await db
        .select()
        .from(deliverableProgress)
        .where(eq(deliverableProgress.engagementId, engagementId));
      return rows.map(toStored);
    },

    async save(p) {
      const values = { ...p, reasons: [...p.reasons], computedAt: new Date() };
      const { deliverableId: _d, ...changing } = values;
      const rows = await db
        .insert(deliverableProgress)
        .values(values)
        .onConflictDoUpdate({
          target: deliverableProgress.deliverableId,
          set: changing,
          setWhere: changedFrom('deliverable_progress', FIGURES),
        })
        .returning({ id: deliverableProgress.deliverableId });
      return rows.length > 0;
    },

    async acceptances(engagementId) {
      const rows = await db
        .select({ deliverableId: decisions.deliverableId, decidedAt: decisions.decidedAt })
        .from(decisions)
        .where(and(eq(decisions.engagementId, engagementId), eq(decisions.decision, 'accept')));
      return new Map(rows.map((r) => [r.deliverableId, r.decidedAt]));
    },

    async rejections(engagementId) {
      // A history row is recorded when Jalon stores the change (our clock, as decided_at is):
      // comparing it with the rejection needs no trust in the tracker's clock.
      const result = await db.execute(sql`
        select d.id, r.at,
          exists (
            select 1 from tasks t join task_changes c on c.task_id = t.id
            where t.deliverable_id = d.id and c.recorded_at > r.at
              and c.status_category <> 'done' and not c.deleted and not c.cancelled
          ) as reopened
        from deliverables d
        join lateral (
          select max(x.decided_at) as at from decisions x where x.deliverable_id = d.id and x.decision = 'reject'
        ) r on r.at is not null
        where d.engagement_id = ${engagementId} and d.removed_at is null and d.status = 'rejected'`);
      return new Map(
        rowsOf<{ id: string; at: string | Date; reopened: boolean }>(result).map((r) => [
          r.id,
          { rejectedAt: new Date(r.at), reopenedSince: r.reopened },
        ]),
      );
    },

    async saveSummary(summary) {
      const values = {
        ...summary,
        overdue: [...summary.overdue],
        nextDue: [...summary.nextDue],
        computedAt: new Date(),
      };
      const { engagementId: _e, ...changing } = values;
      const rows = await db
        .insert(engagementProgress)
        .values(values)
        .onConflictDoUpdate({
          target: engagementProgress.engagementId,
          set: changing,
          setWhere: changedFrom('engagement_progress', SUMMARY),
        })
        .returning({ id: engagementProgress.engagementId });
      return rows.length > 0;
    },
  };
}

function toStored(r: typeof deliverableProgress.$inferSelect): StoredProgress {
  return {
    deliverableId: r.deliverableId,
    engagementId: r.engagementId,
    progress: r.progress,
    doneWeight: r.doneWeight,
    totalWeight: r.totalWeight,
    taskCount: r.taskCount,
    doneCount: r.doneCount,
    blockedCount: r.blockedCount,
    cancelledCount: r.cancelledCount,
    noTasks: r.noTasks,
    throughputPerDay: r.throughputPerDay,
    forecastDate: r.forecastDate,
    scheduleStatus: r.scheduleStatus,
    reasons: r.reasons,
    computedAt: r.computedAt.toISOString(),
  };
}
