import { getTableColumns, sql } from 'drizzle-orm';
import { newId } from '../core/ids.ts';
import type { ManyUpserted, SnapshotSource, StoredTask } from '../core/sync-ports.ts';
import type { Task } from '../core/task.ts';
import { createGroupCommit } from '../services/group-commit.ts';
import { tasks } from './connections.schema.ts';
import type { Db } from './db.ts';
import { UPSERT_ROWS_SQL, UPSERT_ROWS_TAIL } from './task-upsert-sql.ts';

/**
 * The write path of normalised tasks: newest wins (an older snapshot changes nothing), and every
 * effective change leaves its history row, in the same statement (task-upsert-sql.ts says how
 * ties and clamped times are decided).
 */

export type Row = typeof tasks.$inferSelect;

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
    claimedUpdatedAt: t.claimedUpdatedAt ? new Date(t.claimedUpdatedAt) : null,
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
    claimed_updated_at: v.claimedUpdatedAt?.toISOString() ?? null,
    deleted: v.deleted,
    facets: v.facets,
    scope_ids: v.scopeIds,
  };
}

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

type Result = { ok: true; value: StoredTask | null } | { ok: false; error: unknown };

export interface TaskUpserts {
  /** One snapshot, batched with concurrent callers' (ingest jobs): the stored task when it changed. */
  submit(connectionId: string, task: Task, source: SnapshotSource): Promise<StoredTask | null>;
  /** Snapshots of one connection in one transaction (a sync page), un-deleting listed tasks: those that changed. */
  many(connectionId: string, snapshots: readonly Task[], source: SnapshotSource): Promise<ManyUpserted>;
}

/**
 * The SQLSTATE of an error the row's own data caused: class 22 (data exception: U+0000 in text,
 * a value out of range), 23 (integrity constraint), 54 (program limit: an index row too large).
 * Anything else (connection lost, serialization failure) is the database's trouble, not the row's.
 */
function rowFault(err: unknown): string | null {
  for (let e = err, i = 0; e && typeof e === 'object' && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return /^(22|23|54)/.test(code) ? code : null;
  }
  return null;
}

export function createTaskUpserts(db: Db): TaskUpserts {
  /**
   * One statement for snapshots of distinct tasks: the rows travel as one JSON parameter (so the
   * SQL text is constant and nothing is built per call), upserted newest-wins with their history
   * rows. Returns, per snapshot, the stored task when it changed, else null.
   */
  const upsertRows = async (
    tx: Db,
    items: readonly UpsertItem[],
    source: SnapshotSource,
    listed = false,
  ): Promise<(StoredTask | null)[]> => {
    const rows = items.map(({ connectionId, task }) => ({
      ...jsonColumnsOf(connectionId, task),
      id: newId('tsk'),
    }));
    const result = await tx.execute(
      sql`${sql.raw(UPSERT_ROWS_SQL)}${JSON.stringify(rows)}${sql.raw(UPSERT_ROWS_TAIL[source][listed ? 'listed' : 'one'])}`,
    );
    const byKey = new Map(
      (result as unknown as { rows: Record<string, unknown>[] }).rows.map((raw) => {
        const row = rowFromDriver(raw);
        return [`${row.connectionId}\u0000${row.externalId}`, toStoredTask(row)] as const;
      }),
    );
    return items.map((i) => byKey.get(`${i.connectionId}\u0000${i.task.externalId}`) ?? null);
  };

  // Concurrent ingest jobs write their tasks together: one statement per batch instead of one each
  // (one batcher per source, each statement with its own rule for ties).
  const batcher = (source: SnapshotSource) =>
    createGroupCommit<UpsertItem, Result>(
      async (items) => {
        const results: Result[] = [];
        // PostgreSQL cannot upsert one row twice in a statement: a second snapshot of the same task
        // goes in the next round, after the first (newest-wins decides between them).
        for (const round of rounds(items)) {
          try {
            const values = await upsertRows(
              db,
              round.map((r) => r.item),
              source,
            );
            round.forEach((r, i) => {
              results[r.index] = { ok: true, value: values[i] ?? null };
            });
          } catch (err) {
            // One bad snapshot must not fail the others: write them one by one.
            for (const r of round) {
              results[r.index] = await upsertRows(db, [r.item], source).then(
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
  const upserts = { event: batcher('event'), read: batcher('read') };

  return {
    async submit(connectionId, task, source) {
      const result = await upserts[source].submit({ connectionId, task });
      if (!result.ok) throw result.error;
      return result.value;
    },
    async many(connectionId, snapshots, source) {
      try {
        return { changed: await manyInOneTransaction(connectionId, snapshots, source), rejected: [] };
      } catch (err) {
        if (rowFault(err) === null) throw err;
        return manyOneByOne(connectionId, snapshots, source);
      }
    },
  };

  // One transaction (one commit) for a whole page of a sync; one statement per round.
  function manyInOneTransaction(connectionId: string, snapshots: readonly Task[], source: SnapshotSource) {
    return db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const changed: (StoredTask | null)[] = [];
      for (const round of rounds(snapshots.map((task) => ({ connectionId, task })))) {
        const values = await upsertRows(
          tx,
          round.map((r) => r.item),
          source,
          true,
        );
        round.forEach((r, i) => {
          changed[r.index] = values[i] ?? null;
        });
      }
      return changed.filter((t): t is StoredTask => t !== null);
    });
  }

  /**
   * A snapshot the database refuses must not block the others of its page, on every retry: each
   * is written on its own, as the webhook path's batches do, and the refused ones are returned.
   */
  async function manyOneByOne(
    connectionId: string,
    snapshots: readonly Task[],
    source: SnapshotSource,
  ): Promise<ManyUpserted> {
    const changed: StoredTask[] = [];
    const rejected: ManyUpserted['rejected'][number][] = [];
    // One statement per snapshot, in page order: rounds only matter within a multi-row statement.
    for (const task of snapshots) {
      try {
        const [value] = await upsertRows(db, [{ connectionId, task }], source, true);
        if (value) changed.push(value);
      } catch (err) {
        const code = rowFault(err);
        if (code === null) throw err;
        rejected.push({ externalId: task.externalId, reason: `sqlstate ${code}` });
      }
    }
    return { changed, rejected };
  }
}
