import type { SnapshotSource } from '../core/sync-ports.ts';

/**
 * The write path of normalised tasks: newest wins (an older snapshot — a redelivery, an
 * out-of-order delivery — changes nothing), and every effective change leaves its history row, in
 * the same statement (a data-modifying CTE).
 *
 * A tie (equal `updatedAt`, different content) goes by the snapshot's source. A fresh read of the
 * tracker (`read`: an issue fetch, a sync listing) is what the tracker holds now, so it wins: the
 * trackers' timestamps are coarser than their changes (Trello's `dateLastActivity`, Jira's
 * second-precision search dates, writes that do not bump them), and the read is the authority on
 * the current state. A webhook payload (`event`) is the item as it stood when the event fired,
 * delivered in no guaranteed order, so it never wins a tie: an equal-timestamp delivery arriving
 * late cannot move a task backwards. A read equal in content changes nothing (no revision, no
 * history row), so rereading is idempotent.
 *
 * `updated_at_tracker` is the tracker's time clamped to when Jalon received the snapshot (ingest,
 * core/ingest-rules.ts); a snapshot whose tracker claimed a later time keeps that claim in
 * `claimed_updated_at`. Two snapshots claiming the same instant tie whatever their receipts, so
 * a clamped snapshot neither pins the task (a genuine later edit beats the receipt) nor lets a
 * late webhook payload of the same instant beat a fresh read.
 */

const UPSERTED_COLUMNS = `key, url, title, status_category, status, cancelled, blocked, assignee, due_date, labels,
  parent_external_id, estimate, completed_at, created_at_tracker, updated_at_tracker, claimed_updated_at,
  deleted, facets, scope_ids`;

const CONTENT_COLUMNS = UPSERTED_COLUMNS.split(',')
  .map((c) => c.trim())
  .filter((c) => c !== 'updated_at_tracker' && c !== 'claimed_updated_at');

/**
 * The tracker's claim (its `updatedAt` before ingest clamped it to the receipt) on both sides: two
 * snapshots claiming one instant are a tie even when their clamped times differ by their receipts.
 */
const SAME_CLAIM = `coalesce(t.claimed_updated_at, t.updated_at_tracker)
  = coalesce(excluded.claimed_updated_at, excluded.updated_at_tracker)`;
const LATER = `(t.updated_at_tracker < excluded.updated_at_tracker and not ${SAME_CLAIM})`;
const TIE = `(t.updated_at_tracker = excluded.updated_at_tracker or ${SAME_CLAIM})`;

/**
 * A column as a tie compares it. Creation and completion times are clamped to each receipt too:
 * past the stored time they differ between two reads of one future claim without any change at the
 * tracker, so they are compared up to the stored time only (rereading stays idempotent).
 */
const content = (side: 't' | 'excluded', c: string) =>
  c === 'created_at_tracker' || c === 'completed_at'
    ? `case when ${side}.${c} is null then null else least(${side}.${c}, t.updated_at_tracker) end`
    : `${side}.${c}`;

/** A tie won on the same claim never moves the clamped time back (a read processed late). */
const UPDATED_AT_SET = 'updated_at_tracker = greatest(t.updated_at_tracker, excluded.updated_at_tracker)';

/** When a stored row takes the incoming snapshot (see the module comment). */
const NEWER: Record<SnapshotSource, string> = {
  event: LATER,
  read: `${LATER}
    or (${TIE}
      and (${CONTENT_COLUMNS.map((c) => content('t', c)).join(', ')})
        is distinct from (${CONTENT_COLUMNS.map((c) => content('excluded', c)).join(', ')}))`,
};

/** Newest wins; then the history rows of what changed, in the same statement. */
export const UPSERT_ROWS_SQL = `
with incoming as (
  select * from jsonb_to_recordset(`;
const upsertTail = (source: SnapshotSource, listed: boolean) => `::jsonb) as x(
    id text, connection_id text, tracker text, external_id text, key text, url text, title text,
    status_category text, status text, cancelled boolean, blocked boolean, assignee text, due_date date,
    labels jsonb, parent_external_id text, estimate double precision, completed_at timestamptz,
    created_at_tracker timestamptz, updated_at_tracker timestamptz, claimed_updated_at timestamptz,
    deleted boolean, facets jsonb,
    scope_ids jsonb)
),
up as (
  insert into tasks as t (id, connection_id, tracker, external_id, ${UPSERTED_COLUMNS})
  select id, connection_id, tracker, external_id, ${UPSERTED_COLUMNS} from incoming
  on conflict (connection_id, external_id) do update
    set ${UPSERTED_COLUMNS.split(',')
      .map((c) => c.trim())
      .map((c) => (c === 'updated_at_tracker' ? UPDATED_AT_SET : `${c} = excluded.${c}`))
      .join(', ')}, revision = t.revision + 1, synced_at = now()
    where ${NEWER[source]}${listed ? UNDELETE_LISTED : ''}
  returning t.*
),
history as (
  insert into task_changes (task_id, revision, status_category, deleted, cancelled, updated_at_tracker)
  select id, revision, status_category, deleted, cancelled, updated_at_tracker from up
  on conflict do nothing
)
select * from up`;
/**
 * A listing (a sync page) is the tracker saying the item exists now: it un-deletes a stored task
 * whatever the times say (a deletion mark is Jalon's, stamped with Jalon's clock, and a task left
 * untouched since would never come back through newest-wins alone).
 */
const UNDELETE_LISTED = ' or (t.deleted and not excluded.deleted)';
/** The statement's tail by snapshot source, for one snapshot and for a listing. */
export const UPSERT_ROWS_TAIL: Record<SnapshotSource, { one: string; listed: string }> = {
  event: { one: upsertTail('event', false), listed: upsertTail('event', true) },
  read: { one: upsertTail('read', false), listed: upsertTail('read', true) },
};
