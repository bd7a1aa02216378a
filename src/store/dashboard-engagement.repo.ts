import { sql } from 'drizzle-orm';
import {
  type DeliverableRow,
  type EngagementParts,
  type JournalLine,
  type OpenChangeRequest,
  TASKS_PER_DELIVERABLE,
  type TaskGroup,
} from '../core/dashboard.ts';
import type { ChangeRequestStatus, DeliverableStatus } from '../core/lifecycle.ts';
import type { ScheduleStatus } from '../core/progress.ts';
import type { StatusCategory, Tracker } from '../core/task.ts';
import type { Db } from './db.ts';

/** Rows of a raw `db.execute`, whichever driver (node-postgres or PGlite) ran it. */
export const rowsOf = <R>(result: unknown): R[] => (result as { rows: R[] }).rows;
const isoOf = (v: string | Date): string => new Date(v).toISOString();

/** One engagement in depth: five statements, whatever the number of deliverables and tasks. */
export async function readEngagementParts(
  db: Db,
  engagementId: string,
  opts: { journal: number },
): Promise<EngagementParts> {
  return {
    deliverables: await deliverableRows(db, engagementId),
    taskGroups: await taskGroups(db, engagementId),
    journal: await recentJournal(db, engagementId, opts.journal),
    changeRequests: await openChangeRequests(db, engagementId),
  };
}

interface DeliverableSqlRow {
  id: string;
  title: string;
  due_date: string;
  weight: number;
  status: DeliverableStatus;
  computed_at: string | Date | null;
  progress: number | null;
  no_tasks: boolean;
  done_weight: number;
  total_weight: number;
  task_count: number;
  done_count: number;
  blocked_count: number;
  cancelled_count: number;
  throughput_per_day: number;
  forecast_date: string | null;
  schedule_status: ScheduleStatus;
  reasons: string[];
}

async function deliverableRows(db: Db, engagementId: string): Promise<DeliverableRow[]> {
  const result = await db.execute(sql`
    select d.id, d.title, d.due_date::text as due_date, d.weight, d.status, p.computed_at, p.progress,
      p.no_tasks, p.done_weight, p.total_weight, p.task_count, p.done_count, p.blocked_count,
      p.cancelled_count, p.throughput_per_day, p.forecast_date::text as forecast_date, p.schedule_status,
      p.reasons
    from deliverables d
    left join deliverable_progress p on p.deliverable_id = d.id
    where d.engagement_id = ${engagementId} and d.removed_at is null
    order by d.due_date, d.id`);
  return rowsOf<DeliverableSqlRow>(result).map((r) => ({
    id: r.id,
    title: r.title,
    dueDate: r.due_date,
    weight: Number(r.weight),
    status: r.status,
    figures:
      r.computed_at === null
        ? null
        : {
            progress: r.progress === null ? null : Number(r.progress),
            noTasks: r.no_tasks,
            doneWeight: Number(r.done_weight),
            totalWeight: Number(r.total_weight),
            taskCount: r.task_count,
            doneCount: r.done_count,
            blockedCount: r.blocked_count,
            cancelledCount: r.cancelled_count,
            throughputPerDay: Number(r.throughput_per_day),
            forecastDate: r.forecast_date,
            scheduleStatus: r.schedule_status,
            reasons: r.reasons,
            computedAt: isoOf(r.computed_at),
          },
  }));
}

interface TaskSqlRow {
  deliverable_id: string;
  tracker: Tracker;
  status_category: StatusCategory;
  count: number;
  blocked: number;
  cancelled: number;
  items:
    | {
        id: string;
        key: string | null;
        title: string;
        url: string;
        status: string;
        blocked: boolean;
        cancelled: boolean;
      }[]
    | null;
}

/**
 * The live (not deleted) tasks of each deliverable by tracker and status category: counts of all,
 * and the first TASKS_PER_DELIVERABLE lines of each deliverable (by tracker, category, key).
 */
async function taskGroups(db: Db, engagementId: string): Promise<Map<string, TaskGroup[]>> {
  const result = await db.execute(sql`
    with selected as (
      select t.deliverable_id, t.tracker, t.status_category, t.id, t.key, t.title, t.url, t.status,
        t.blocked and t.status_category <> 'done' and not t.cancelled as blocked, t.cancelled,
        row_number() over (
          partition by t.deliverable_id
          order by t.tracker, t.status_category, coalesce(t.key, t.external_id), t.id
        ) as line
      from deliverables d
      join tasks t on t.deliverable_id = d.id and not t.deleted
      where d.engagement_id = ${engagementId} and d.removed_at is null
    )
    select deliverable_id, tracker, status_category, count(*)::int as count,
      count(*) filter (where blocked)::int as blocked,
      count(*) filter (where cancelled)::int as cancelled,
      json_agg(json_build_object('id', id, 'key', key, 'title', title, 'url', url, 'status', status,
          'blocked', blocked, 'cancelled', cancelled) order by line)
        filter (where line <= ${TASKS_PER_DELIVERABLE}) as items
    from selected
    group by deliverable_id, tracker, status_category
    order by deliverable_id, tracker, status_category`);
  const groups = new Map<string, TaskGroup[]>();
  for (const r of rowsOf<TaskSqlRow>(result)) {
    const group: TaskGroup = {
      tracker: r.tracker,
      statusCategory: r.status_category,
      count: r.count,
      blocked: r.blocked,
      cancelled: r.cancelled,
      items: r.items ?? [],
    };
    groups.set(r.deliverable_id, [...(groups.get(r.deliverable_id) ?? []), group]);
  }
  return groups;
}

async function recentJournal(db: Db, engagementId: string, limit: number): Promise<JournalLine[]> {
  const result = await db.execute(sql`
    select id, kind, occurred_at, summary, participants
    from journal_entries
    where engagement_id = ${engagementId}
    order by occurred_at desc, id desc
    limit ${limit}`);
  return rowsOf<{
    id: string;
    kind: string;
    occurred_at: string | Date;
    summary: string;
    participants: string[];
  }>(result).map((r) => ({
    id: r.id,
    kind: r.kind,
    occurredAt: isoOf(r.occurred_at),
    summary: r.summary,
    participants: r.participants,
  }));
}

async function openChangeRequests(db: Db, engagementId: string): Promise<OpenChangeRequest[]> {
  const result = await db.execute(sql`
    select id, title, status, impact_cost_minor::text as cost, impact_schedule_days, submitted_at, created_at
    from change_requests
    where engagement_id = ${engagementId} and status in ('draft', 'submitted')
    order by id`);
  return rowsOf<{
    id: string;
    title: string;
    status: ChangeRequestStatus;
    cost: string;
    impact_schedule_days: number;
    submitted_at: string | Date | null;
    created_at: string | Date;
  }>(result).map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    costMinor: Number(r.cost),
    scheduleDays: r.impact_schedule_days,
    submittedAt: r.submitted_at === null ? null : isoOf(r.submitted_at),
    createdAt: isoOf(r.created_at),
  }));
}
