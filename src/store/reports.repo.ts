import { sql } from 'drizzle-orm';
import type { ReportStore } from '../core/report-ports.ts';
import type { Db } from './db.ts';

/** Rows of a raw `db.execute`, whichever driver (node-postgres or PGlite) ran it. */
const rowsOf = <R>(result: unknown): R[] => (result as { rows: R[] }).rows;
const iso = (v: Date | string) => new Date(v).toISOString();
const num = (v: string | number | null) => (v === null ? 0 : Number(v));

export function createReportRepo(db: Db): ReportStore {
  return {
    async deliverables(engagementId) {
      const result = await db.execute(sql`
        select d.id, d.title, to_char(d.due_date, 'YYYY-MM-DD') as due_date, d.status, p.progress,
               to_char(p.forecast_date, 'YYYY-MM-DD') as forecast_date, p.schedule_status, p.reasons,
               p.blocked_count
        from deliverables d left join deliverable_progress p on p.deliverable_id = d.id
        where d.engagement_id = ${engagementId} and d.removed_at is null
        order by d.due_date, d.id`);
      return rowsOf<{
        id: string;
        title: string;
        due_date: string;
        status: string;
        progress: number | null;
        forecast_date: string | null;
        schedule_status: string | null;
        reasons: string[] | null;
        blocked_count: number | null;
      }>(result).map((r) => ({
        deliverableId: r.id,
        title: r.title,
        dueDate: r.due_date,
        status: r.status,
        progress: r.progress === null ? null : Number(r.progress),
        forecastDate: r.forecast_date,
        scheduleStatus: r.schedule_status,
        reasons: r.reasons ?? [],
        blockedTasks: num(r.blocked_count),
      }));
    },
    async overallProgress(engagementId) {
      const result = await db.execute(
        sql`select progress from engagement_progress where engagement_id = ${engagementId}`,
      );
      const row = rowsOf<{ progress: number | null }>(result)[0];
      return row?.progress == null ? null : Number(row.progress);
    },
    async blockers(engagementId) {
      const result = await db.execute(sql`
        select t.deliverable_id, t.id, t.tracker, t.key, t.title, t.url
        from deliverables d join tasks t on t.deliverable_id = d.id
        where d.engagement_id = ${engagementId} and d.removed_at is null
          and t.blocked and not t.deleted and not t.cancelled and t.status_category <> 'done'
        order by d.due_date, t.id`);
      return rowsOf<{
        deliverable_id: string;
        id: string;
        tracker: string;
        key: string | null;
        title: string;
        url: string | null;
      }>(result).map((r) => ({
        deliverableId: r.deliverable_id,
        taskId: r.id,
        tracker: r.tracker,
        key: r.key,
        title: r.title,
        url: r.url,
      }));
    },
    async unlockedBetween(engagementId, start, end) {
      const result = await db.execute(sql`
        select id, label, status, amount_minor, penalty_minor, bonus_minor, retention_minor, net_minor,
          days_late, days_late_raw, days_charged, unlocked_at
        from payment_milestones
        where engagement_id = ${engagementId} and removed_at is null
          and unlocked_at >= ${start} and unlocked_at < ${end}
        order by unlocked_at, id`);
      type Row = Record<
        | 'amount_minor'
        | 'penalty_minor'
        | 'bonus_minor'
        | 'retention_minor'
        | 'net_minor'
        | 'days_late'
        | 'days_late_raw'
        | 'days_charged',
        string | number | null
      >;
      return rowsOf<Row & { id: string; label: string; status: string; unlocked_at: Date | string }>(
        result,
      ).map((r) => ({
        milestoneId: r.id,
        label: r.label,
        status: r.status,
        amountMinor: num(r.amount_minor),
        penaltyMinor: num(r.penalty_minor),
        bonusMinor: num(r.bonus_minor),
        retentionMinor: num(r.retention_minor),
        netMinor: num(r.net_minor),
        daysLate: num(r.days_late),
        daysLateRaw: num(r.days_late_raw),
        daysCharged: num(r.days_charged),
        unlockedAt: iso(r.unlocked_at),
      }));
    },
    async decisionsBetween(engagementId, start, end) {
      const result = await db.execute(sql`
        select dc.id, dc.deliverable_id, d.title, dc.decision, dc.override, dc.decided_at, dc.note
        from decisions dc join deliverables d on d.id = dc.deliverable_id
        where dc.engagement_id = ${engagementId} and dc.decided_at >= ${start} and dc.decided_at < ${end}
        order by dc.decided_at, dc.id`);
      return rowsOf<{
        id: string;
        deliverable_id: string;
        title: string;
        decision: 'accept' | 'reject';
        override: boolean;
        decided_at: Date | string;
        note: string | null;
      }>(result).map((r) => ({
        decisionId: r.id,
        deliverableId: r.deliverable_id,
        title: r.title,
        decision: r.decision,
        override: r.override,
        decidedAt: iso(r.decided_at),
        note: r.note,
      }));
    },
    async approvedChangeRequestsBetween(engagementId, start, end) {
      const result = await db.execute(sql`
        select id, title, decided_at, applied_version, impact_cost_minor, impact_schedule_days, impact_quality
        from change_requests
        where engagement_id = ${engagementId} and status = 'approved'
          and decided_at >= ${start} and decided_at < ${end}
        order by decided_at, id`);
      return rowsOf<{
        id: string;
        title: string;
        decided_at: Date | string;
        applied_version: number | null;
        impact_cost_minor: string | number;
        impact_schedule_days: number;
        impact_quality: string | null;
      }>(result).map((r) => ({
        changeRequestId: r.id,
        title: r.title,
        approvedAt: iso(r.decided_at),
        contractVersion: r.applied_version,
        impact: {
          costMinor: Number(r.impact_cost_minor),
          scheduleDays: r.impact_schedule_days,
          quality: r.impact_quality,
        },
      }));
    },
    async lastReportTo(engagementId) {
      const result = await db.execute(sql`
        select to_char(max(period_to), 'YYYY-MM-DD') as last from status_reports
        where engagement_id = ${engagementId}`);
      return rowsOf<{ last: string | null }>(result)[0]?.last ?? null;
    },
    async claim(report, journalEntryId) {
      const result = await db.execute(sql`
        insert into status_reports (engagement_id, period_from, period_to, journal_entry_id, content)
        values (${report.engagement.id}, ${report.period.from}, ${report.period.to}, ${journalEntryId},
                ${JSON.stringify(report)}::jsonb)
        on conflict (engagement_id, period_from) do nothing
        returning journal_entry_id`);
      return rowsOf(result).length === 1;
    },
  };
}
