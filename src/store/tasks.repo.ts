import { and, asc, count, eq, getTableColumns, gt, inArray, lte, sql } from 'drizzle-orm';
import { newId } from '../core/ids.ts';
import type { StoredTask, TaskStore } from '../core/sync-ports.ts';
import type { Task } from '../core/task.ts';
import { taskChanges, tasks } from './connections.schema.ts';
import type { Db } from './db.ts';

type Row = typeof tasks.$inferSelect;

function columnsOf(connectionId: string, t: Task) {
  return {
    connectionId,
    tracker: t.tracker,
    externalId: t.externalId,
    key: t.key,
    url: t.url,
    title: t.title,
    statusCategory: t.statusCategory,
    status: t.status,
    cancelled: t.cancelled,
    blocked: t.blocked,
    assignee: t.assignee,
    dueDate: t.dueDate,
    labels: [...t.labels],
    parentExternalId: t.parentExternalId,
    estimate: t.estimate,
    completedAt: t.completedAt ? new Date(t.completedAt) : null,
    createdAtTracker: new Date(t.createdAt),
    updatedAtTracker: new Date(t.updatedAt),
    deleted: t.deleted,
    facets: Object.fromEntries(Object.entries(t.facets).map(([k, v]) => [k, [...v]])),
    scopeIds: [...t.scopeIds],
  };
}

export function toStoredTask(r: Row): StoredTask {
  return {
    id: r.id,
    connectionId: r.connectionId,
    revision: r.revision,
    deliverableId: r.deliverableId,
    tracker: r.tracker,
    externalId: r.externalId,
    key: r.key,
    url: r.url,
    title: r.title,
    statusCategory: r.statusCategory,
    status: r.status,
    cancelled: r.cancelled,
    blocked: r.blocked,
    assignee: r.assignee,
    dueDate: r.dueDate,
    labels: r.labels,
    parentExternalId: r.parentExternalId,
    estimate: r.estimate,
    completedAt: r.completedAt?.toISOString() ?? null,
    createdAt: r.createdAtTracker.toISOString(),
    updatedAt: r.updatedAtTracker.toISOString(),
    deleted: r.deleted,
    facets: r.facets,
    scopeIds: r.scopeIds,
  };
}

const TASK_COLUMNS = Object.entries(getTableColumns(tasks));

/** A `tasks` row as the driver returns it from raw SQL (column names), mapped as drizzle maps it. */
function rowFromDriver(raw: Record<string, unknown>): Row {
  const row: Record<string, unknown> = {};
  for (const [field, column] of TASK_COLUMNS) {
    const value = raw[column.name];
    row[field] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as Row;
}

export function createTaskRepo(db: Db): TaskStore {
  /** Every effective change leaves a history row (throughput and forecasts read them). */
  const recordChange = async (tx: Db, row: Row) => {
    await tx
      .insert(taskChanges)
      .values({
        taskId: row.id,
        revision: row.revision,
        statusCategory: row.statusCategory,
        deleted: row.deleted,
        cancelled: row.cancelled,
        updatedAtTracker: row.updatedAtTracker,
      })
      .onConflictDoNothing();
  };

  /**
   * Newest wins: an older or equal snapshot (a redelivery, an out-of-order delivery) is a no-op.
   * The task and its history row are written by one statement (a data-modifying CTE), atomic on
   * its own: one round trip instead of BEGIN, upsert, history insert, COMMIT.
   */
  const upsertOne = async (tx: Db, connectionId: string, task: Task): Promise<StoredTask | null> => {
    const values = columnsOf(connectionId, task);
    const { connectionId: _c, externalId: _e, tracker: _t, ...changing } = values;
    const upsert = tx
      .insert(tasks)
      .values({ id: newId('tsk'), ...values })
      .onConflictDoUpdate({
        target: [tasks.connectionId, tasks.externalId],
        set: { ...changing, revision: sql`${tasks.revision} + 1`, syncedAt: new Date() },
        setWhere: sql`${tasks.updatedAtTracker} < excluded.updated_at_tracker`,
      })
      .returning();
    const result = await tx.execute(sql`
      with up as (${upsert.getSQL()}),
      history as (
        insert into task_changes (task_id, revision, status_category, deleted, cancelled, updated_at_tracker)
        select id, revision, status_category, deleted, cancelled, updated_at_tracker from up
        on conflict do nothing
      )
      select * from up`);
    const [raw] = (result as unknown as { rows: Record<string, unknown>[] }).rows;
    return raw ? toStoredTask(rowFromDriver(raw)) : null;
  };

  return {
    upsertIfNewer: (connectionId, task) => upsertOne(db, connectionId, task),

    async upsertManyIfNewer(connectionId, snapshots) {
      // One transaction (one commit) for a whole page of a sync instead of one per task.
      return db.transaction(async (txRaw) => {
        const changed: StoredTask[] = [];
        for (const task of snapshots) {
          const stored = await upsertOne(txRaw as unknown as Db, connectionId, task);
          if (stored) changed.push(stored);
        }
        return changed;
      });
    },

    async markDeleted(connectionId, externalId, at) {
      return db.transaction(async (txRaw) => {
        const tx = txRaw as unknown as Db;
        const [row] = await tx
          .update(tasks)
          .set({
            deleted: true,
            revision: sql`${tasks.revision} + 1`,
            updatedAtTracker: sql`greatest(${tasks.updatedAtTracker}, ${new Date(at).toISOString()}::timestamptz)`,
            syncedAt: new Date(),
          })
          .where(
            and(
              eq(tasks.connectionId, connectionId),
              eq(tasks.externalId, externalId),
              eq(tasks.deleted, false),
              lte(tasks.updatedAtTracker, new Date(at)),
            ),
          )
          .returning();
        if (!row) return null;
        await recordChange(tx, row);
        return toStoredTask(row);
      });
    },

    async get(connectionId, externalId) {
      const [row] = await db
        .select()
        .from(tasks)
        .where(and(eq(tasks.connectionId, connectionId), eq(tasks.externalId, externalId)))
        .limit(1);
      return row ? toStoredTask(row) : null;
    },

    async liveIdsInScope(connectionId, scopeId) {
      const rows = await db
        .select({ externalId: tasks.externalId })
        .from(tasks)
        .where(
          and(
            eq(tasks.connectionId, connectionId),
            eq(tasks.deleted, false),
            sql`${tasks.scopeIds} @> ${JSON.stringify([scopeId])}::jsonb`,
          ),
        );
      return rows.map((r) => r.externalId);
    },

    async list(f) {
      const rows = await db
        .select()
        .from(tasks)
        .where(
          and(
            f.connectionIds ? inArray(tasks.connectionId, [...f.connectionIds]) : undefined,
            f.scopeIds && f.scopeIds.length > 0
              ? sql`${tasks.scopeIds} ?| array[${sql.join(
                  f.scopeIds.map((id) => sql`${id}`),
                  sql`, `,
                )}]::text[]`
              : undefined,
            f.externalId ? eq(tasks.externalId, f.externalId) : undefined,
            f.statusCategory ? eq(tasks.statusCategory, f.statusCategory) : undefined,
            f.deliverableId ? eq(tasks.deliverableId, f.deliverableId) : undefined,
            f.afterId ? gt(tasks.id, f.afterId) : undefined,
          ),
        )
        .orderBy(asc(tasks.id))
        .limit(f.limit);
      return rows.map(toStoredTask);
    },

    async setDeliverable(taskIds, deliverableId) {
      if (taskIds.length === 0) return;
      await db
        .update(tasks)
        .set({ deliverableId })
        .where(inArray(tasks.id, [...taskIds]));
    },

    async countChanges(taskId) {
      const [row] = await db.select({ n: count() }).from(taskChanges).where(eq(taskChanges.taskId, taskId));
      return Number(row?.n ?? 0);
    },
  };
}
