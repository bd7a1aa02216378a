import type { Task } from './task.ts';

/**
 * Rules every snapshot obeys before it is stored, whichever tracker and path (webhook or sync) it
 * came from. Pure: the ingest service applies them.
 */

/**
 * An event time no later than when Jalon received it. A deletion is stamped with its event's time
 * and newest wins on that stamp: a forged future time (a signed compact Asana `deleted` with
 * `created_at` in 2099) would otherwise pin the task against every later genuine update.
 */
export function clampIso(iso: string, receivedAt: Date): string {
  return Date.parse(iso) > receivedAt.getTime() ? receivedAt.toISOString() : iso;
}

/**
 * A snapshot whose tracker times are no later than when Jalon received it (a webhook's receipt, a
 * fetch's or listing's read). Newest wins on `updatedAt`: a forged or skewed future time (a signed
 * payload saying `updated: 2099`) would otherwise pin the task against every later genuine update.
 * Clamped to the receipt, the snapshot still orders correctly against a later one: that one was
 * received later, so its time, clamped or not, is later too. The claim is kept (`claimedUpdatedAt`)
 * so that two snapshots claiming one instant stay a tie for newest-wins (store/task-upserts.ts).
 */
export function clampTask(task: Task, receivedAt: Date): Task {
  const updatedAt = clampIso(task.updatedAt, receivedAt);
  const createdAt = clampIso(task.createdAt, receivedAt);
  const completedAt = task.completedAt === null ? null : clampIso(task.completedAt, receivedAt);
  if (updatedAt === task.updatedAt && createdAt === task.createdAt && completedAt === task.completedAt) {
    return task;
  }
  return {
    ...task,
    updatedAt,
    createdAt,
    completedAt,
    ...(updatedAt === task.updatedAt ? {} : { claimedUpdatedAt: task.updatedAt }),
  };
}

/**
 * Whether a task lies inside one of a connection's linked scopes (the scope ids of its links; a
 * null id, a Jira JQL link, covers every task of the connection). Jalon stores only such tasks: a
 * delivery can name any item the connection's token can read, linked or not.
 */
export function coveredBy(linkedScopeIds: readonly (string | null)[]): (task: Task) => boolean {
  if (linkedScopeIds.includes(null)) return () => true;
  const wanted = new Set(linkedScopeIds);
  return (task) => task.scopeIds.some((id) => wanted.has(id));
}
