import { and, asc, count, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { InboxDelivery, InboxRow, InboxStore } from '../core/sync-ports.ts';
import { createGroupCommit } from '../services/group-commit.ts';
import { webhookInbox } from './connections.schema.ts';
import type { Db } from './db.ts';

/** A recorded row as the driver returns it (a bigint id may come back as a string). */
type RecordedRow = {
  id: number | string;
  connectionId: string;
  deliveryKey: string;
  inserted: boolean | string;
};

const RECORD_SQL = `
insert into webhook_inbox (connection_id, delivery_key, headers, body)
select r.c, r.k, r.h, substring($1::bytea from r.s for r.l)
from jsonb_to_recordset($2::jsonb) as r(n int, c text, k text, h jsonb, s int, l int)
order by r.n
on conflict (connection_id, delivery_key) do update set delivery_key = excluded.delivery_key
returning id, connection_id as "connectionId", delivery_key as "deliveryKey", (xmax = 0) as inserted`;

/** What node-postgres' Pool and PGlite both answer: a parameterised statement's rows. */
interface Driver {
  query<R>(text: string, params: unknown[]): Promise<{ rows: R[] }>;
}

export function createInboxRepo(db: Db): InboxStore {
  // The receiver's insert goes to the driver under drizzle: the statement is constant, and
  // drizzle's query building and tracing span per call were ~4 % of a receiver request's CPU
  // (bench/ profile). The session's client, not `$client`: inside a transaction (bindRepos(tx))
  // that is the transaction's connection, where `$client` is undefined; outside, the pool or the
  // PGlite instance.
  const driver = (db as unknown as { session: { client: Driver } }).session.client;
  // Concurrent ingest jobs read and settle their rows together: one round trip per batch instead
  // of one per delivery (bench/ measured round trips as the ingest workers' main cost).
  const reads = createGroupCommit<number, InboxRow | null>(async (ids) => {
    const rows = await db.select().from(webhookInbox).where(inArray(webhookInbox.id, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  const processed = createGroupCommit<number, void>(async (ids) => {
    await db
      .update(webhookInbox)
      .set({ status: 'processed', processedAt: new Date(), lastError: null })
      .where(inArray(webhookInbox.id, ids));
    return ids.map(() => undefined);
  });

  return {
    async recordMany(deliveries) {
      if (deliveries.length === 0) return [];
      const keyOf = (d: { connectionId: string; deliveryKey: string }) =>
        `${d.connectionId}\u0000${d.deliveryKey}`;
      // PostgreSQL refuses to touch one row twice in a statement: send each key once.
      // Sorted by key: concurrent batches then take the unique index's locks in one order and
      // cannot deadlock over a delivery sent twice at once.
      // A delivery twice in one batch is stored as it came first.
      const firsts = new Map<string, InboxDelivery>();
      for (const d of deliveries) if (!firsts.has(keyOf(d))) firsts.set(keyOf(d), d);
      const unique = [...firsts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
      // One statement for the whole batch (group commit), its text constant: the rows' columns
      // travel as one JSON parameter and their bodies as one bytea (sliced back by offset), so
      // nothing is built per call and each body's bytes are sent once, as they are. A redelivery
      // hits the unique key; the no-op update makes RETURNING give its id too, and xmax = 0 tells
      // a fresh insert apart.
      let start = 1;
      const meta = unique.map((d, n) => {
        const row = { n, c: d.connectionId, k: d.deliveryKey, h: d.headers, s: start, l: d.body.length };
        start += d.body.length;
        return row;
      });
      const bodies = Buffer.concat(unique.map((d) => d.body));
      const { rows } = await driver.query<RecordedRow>(RECORD_SQL, [bodies, JSON.stringify(meta)]);
      const byKey = new Map(
        rows.map((r) => [keyOf(r), { id: Number(r.id), fresh: String(r.inserted) === 'true' }]),
      );
      return deliveries.map((d) => {
        const r = byKey.get(keyOf(d));
        if (!r) throw new Error('inbox insert lost a row');
        // Two copies of one delivery in the same batch: only the first counts as new.
        byKey.set(keyOf(d), { id: r.id, fresh: false });
        return { id: r.id, inserted: r.fresh };
      });
    },
    get: (id) => reads.submit(id),
    markProcessed: (id) => processed.submit(id),
    async markFailed(id, error) {
      await db
        .update(webhookInbox)
        .set({ status: 'failed', lastError: error })
        .where(eq(webhookInbox.id, id));
    },
    async noteAttempt(id, error) {
      await db
        .update(webhookInbox)
        .set({ attempts: sql`${webhookInbox.attempts} + 1`, lastError: error })
        .where(eq(webhookInbox.id, id));
    },
    async requeue(id) {
      await db
        .update(webhookInbox)
        .set({ status: 'pending' })
        .where(and(eq(webhookInbox.id, id), eq(webhookInbox.status, 'failed')));
    },
    async pending(olderThan, limit, afterId = 0, beforeId) {
      // A range of the partial index of pending rows (by id, migrations/0017).
      return db
        .select({
          id: webhookInbox.id,
          connectionId: webhookInbox.connectionId,
          receivedAt: webhookInbox.receivedAt,
        })
        .from(webhookInbox)
        .where(
          and(
            eq(webhookInbox.status, 'pending'),
            gt(webhookInbox.id, afterId),
            beforeId === undefined ? undefined : lt(webhookInbox.id, beforeId),
            lt(webhookInbox.receivedAt, olderThan),
          ),
        )
        .orderBy(asc(webhookInbox.id))
        .limit(limit);
    },
    async pruneProcessed(processedBefore, limit) {
      // One bounded batch per statement (the partial index of processed rows by time,
      // migrations/0021): a short transaction that never holds many row locks or a long scan.
      const batch = db
        .select({ id: webhookInbox.id })
        .from(webhookInbox)
        .where(and(eq(webhookInbox.status, 'processed'), lt(webhookInbox.processedAt, processedBefore)))
        .orderBy(asc(webhookInbox.processedAt))
        .limit(limit);
      const deleted = await db
        .delete(webhookInbox)
        .where(and(inArray(webhookInbox.id, batch), eq(webhookInbox.status, 'processed')))
        .returning({ id: webhookInbox.id });
      return deleted.length;
    },
    async count(connectionId) {
      const [row] = await db
        .select({ n: count() })
        .from(webhookInbox)
        .where(eq(webhookInbox.connectionId, connectionId));
      return Number(row?.n ?? 0);
    },
  };
}
