import { and, asc, count, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { TaskStore } from '../core/sync-ports.ts';
import { taskChanges, tasks } from './connections.schema.ts';
import type { Db } from './db.ts';
import { createTaskUpserts, type Row, toStoredTask } from './task-upserts.ts';

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

  const upserts = createTaskUpserts(db);

  return {
    upsertIfNewer: (connectionId, task, source = 'event') => upserts.submit(connectionId, task, source),
    upsertManyIfNewer: (connectionId, snapshots, source = 'read') =>
      upserts.many(connectionId, snapshots, source),

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

    async setDeliverable(engagementId, taskIds, deliverableId) {
      if (taskIds.length === 0) return;
      // Only tasks free or held by this engagement: another engagement's assignment stands, even
      // against a recompute of this one running at the same time.
      await db
        .update(tasks)
        .set({ deliverableId })
        .where(
          and(
            inArray(tasks.id, [...taskIds]),
            sql`(${tasks.deliverableId} is null or ${tasks.deliverableId} in (
              select d.id from deliverables d where d.engagement_id = ${engagementId}))`,
          ),
        );
    },

    async heldBy(engagementId) {
      const result = await db.execute(sql`
        select t.id from tasks t join deliverables d on d.id = t.deliverable_id
        where d.engagement_id = ${engagementId}`);
      return (result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
    },

    async countChanges(taskId) {
      const [row] = await db.select({ n: count() }).from(taskChanges).where(eq(taskChanges.taskId, taskId));
      return Number(row?.n ?? 0);
    },
  };
}
