import { and, asc, count, eq, getTableColumns, gt, inArray, lte, sql } from 'drizzle-orm';
import { newId } from '../core/ids.ts';
import type { StoredTask, TaskStore } from '../core/sync-ports.ts';
import type { Task } from '../core/task.ts';
import { createGroupCommit } from '../services/group-commit.ts';
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

type UpsertItem = { readonly connectionId: string; readonly task: Task };

/** A snapshot's columns under their SQL names, JSON-ready (what jsonb_to_recordset reads). */
function jsonColumnsOf(connectionId: string, t: Task) {
  const v = columnsOf(connectionId, t);
  return {
    connection_id: v.connectionId,
    tracker: v.tracker,
    external_id: v.externalId,
    key: v.key,
    url: v.url,
    title: v.title,
    status_category: v.statusCategory,
    status: v.status,
    cancelled: v.cancelled,
    blocked: v.blocked,
    assignee: v.assignee,
    due_date: v.dueDate,
    labels: v.labels,
    parent_external_id: v.parentExternalId,
    estimate: v.estimate,
    completed_at: v.completedAt?.toISOString() ?? null,
    created_at_tracker: v.createdAtTracker.toISOString(),
    updated_at_tracker: v.updatedAtTracker.toISOString(),
    deleted: v.deleted,
    facets: v.facets,
    scope_ids: v.scopeIds,
  };
}

const UPSERTED_COLUMNS = `key, url, title, status_category, status, cancelled, blocked, assignee, due_date, labels,
  parent_external_id, estimate, completed_at, created_at_tracker, updated_at_tracker, deleted, facets, scope_ids`;

/** Newest wins, as upsertOne; then the history rows of what changed, in the same statement. */
const UPSERT_ROWS_SQL = `
with incoming as (
  select * from jsonb_to_recordset(`;
const UPSERT_ROWS_TAIL = `::jsonb) as x(
    id text, connection_id text, tracker text, external_id text, key text, url text, title text,
    status_category text, status text, cancelled boolean, blocked boolean, assignee text, due_date date,
    labels jsonb, parent_external_id text, estimate double precision, completed_at timestamptz,
    created_at_tracker timestamptz, updated_at_tracker timestamptz, deleted boolean, facets jsonb,
    scope_ids jsonb)
),
up as (
  insert into tasks as t (id, connection_id, tracker, external_id, ${UPSERTED_COLUMNS})
  select id, connection_id, tracker, external_id, ${UPSERTED_COLUMNS} from incoming
  on conflict (connection_id, external_id) do update
    set ${UPSERTED_COLUMNS.split(',')
      .map((c) => `${c.trim()} = excluded.${c.trim()}`)
      .join(', ')}, revision = t.revision + 1, synced_at = now()
    where t.updated_at_tracker < excluded.updated_at_tracker
  returning t.*
),
history as (
  insert into task_changes (task_id, revision, status_category, deleted, cancelled, updated_at_tracker)
  select id, revision, status_category, deleted, cancelled, updated_at_tracker from up
  on conflict do nothing
)
select * from up`;

/** Splits items so that no round holds two snapshots of one task; keeps each item's index. */
function rounds(items: readonly UpsertItem[]): { item: UpsertItem; index: number }[][] {
  const out: { item: UpsertItem; index: number }[][] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const key = `${item.connectionId}\u0000${item.task.externalId}`;
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    const list = out[round] ?? [];
    list.push({ item, index });
    out[round] = list;
  });
  return out;
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

  /**
   * One statement for snapshots of distinct tasks: the rows travel as one JSON parameter (so the
   * SQL text is constant and nothing is built per call), upserted newest-wins with their history
   * rows. Returns, per snapshot, the stored task when it changed, else null.
   */
  const upsertRows = async (items: readonly UpsertItem[]): Promise<(StoredTask | null)[]> => {
    const rows = items.map(({ connectionId, task }) => ({
      ...jsonColumnsOf(connectionId, task),
      id: newId('tsk'),
    }));
    const result = await db.execute(
      sql`${sql.raw(UPSERT_ROWS_SQL)}${JSON.stringify(rows)}${sql.raw(UPSERT_ROWS_TAIL)}`,
    );
    const byKey = new Map(
      (result as unknown as { rows: Record<string, unknown>[] }).rows.map((raw) => {
        const row = rowFromDriver(raw);
        return [`${row.connectionId}\u0000${row.externalId}`, toStoredTask(row)] as const;
      }),
    );
    return items.map((i) => byKey.get(`${i.connectionId}\u0000${i.task.externalId}`) ?? null);
  };

  // Concurrent ingest jobs write their tasks together: one statement per batch instead of one each.
  const upserts = createGroupCommit<
    UpsertItem,
    { ok: true; value: StoredTask | null } | { ok: false; error: unknown }
  >(
    async (items) => {
      const results: ({ ok: true; value: StoredTask | null } | { ok: false; error: unknown })[] = [];
      // PostgreSQL cannot upsert one row twice in a statement: a second snapshot of the same task
      // goes in the next round, after the first (newest-wins decides between them).
      for (const round of rounds(items)) {
        try {
          const values = await upsertRows(round.map((r) => r.item));
          round.forEach((r, i) => {
            results[r.index] = { ok: true, value: values[i] ?? null };
          });
        } catch (err) {
          // One bad snapshot must not fail the others: write them one by one.
          for (const r of round) {
            results[r.index] = await upsertRows([r.item]).then(
              ([value]) => ({ ok: true as const, value: value ?? null }),
              (error: unknown) => ({ ok: false as const, error: round.length === 1 ? err : error }),
            );
          }
        }
      }
      return results;
    },
    { maxBatch: 100 },
  );

  return {
    async upsertIfNewer(connectionId, task) {
      const result = await upserts.submit({ connectionId, task });
      if (!result.ok) throw result.error;
      return result.value;
    },

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
