import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { InboxDelivery } from '../../src/core/sync-ports.ts';
import { type Database, openDatabase } from '../../src/store/db.ts';
import { createInboxRepo } from '../../src/store/inbox.repo.ts';
import { migrate } from '../../src/store/migrate.ts';
import { createStore } from '../../src/store/store.ts';
import { createTestDatabase } from '../support/database.ts';

/**
 * The group commit's one statement (src/store/inbox.repo.ts recordMany): every body comes back
 * byte for byte, whatever its size or content, on both backends, and a redelivery is recognised.
 */
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function open(backend: 'postgres' | 'pglite'): Promise<Database> {
  if (backend === 'pglite') {
    const database = await openDatabase({ url: null, dataDir: '', inMemory: true });
    cleanups.push(() => database.close());
    await migrate(database);
    return database;
  }
  const testDb = await createTestDatabase();
  const database = await openDatabase({ url: testDb.url, dataDir: '' });
  cleanups.push(async () => {
    await database.close();
    await testDb.drop();
  });
  await migrate(database);
  return database;
}

async function withConnection(database: Database): Promise<string> {
  const id = `con_${randomBytes(6).toString('hex')}`;
  await database.rawTransaction((tx) =>
    tx.query(
      `insert into connections (id, tracker, name, credentials_enc) values ($1, 'jira', 'inbox test', 'x')`,
      [id],
    ),
  );
  return id;
}

const stored = (database: Database, ids: number[]) =>
  database.rawTransaction((tx) =>
    tx.query<{
      id: string | number;
      delivery_key: string;
      headers: Record<string, string>;
      body: Uint8Array;
    }>('select id, delivery_key, headers, body from webhook_inbox where id = any($1::bigint[]) order by id', [
      ids,
    ]),
  );

describe.each(['postgres', 'pglite'] as const)('inbox recordMany on %s', (backend) => {
  it('stores each body byte for byte (empty, multi-byte, binary, larger than a page) with its headers', async () => {
    const database = await open(backend);
    const inbox = createInboxRepo(database.db);
    const connectionId = await withConnection(database);
    const bodies = [
      Buffer.alloc(0),
      Buffer.from('{"title":"été — 東京 🚀","quote":"\\"\'"}'),
      randomBytes(257),
      Buffer.from(JSON.stringify({ big: 'x'.repeat(7_000) })),
      Buffer.from(JSON.stringify({ bigger: 'y'.repeat(20_000) })),
      Buffer.from([0, 1, 2, 255, 0]),
    ];
    const deliveries: InboxDelivery[] = bodies.map((body, i) => ({
      connectionId,
      deliveryKey: `key-${i}`,
      headers: { 'content-type': 'application/json', 'x-atlassian-webhook-identifier': `wh-${i}` },
      body,
    }));
    const results = await inbox.recordMany(deliveries);
    expect(results.every((r) => r.inserted)).toBe(true);
    expect(new Set(results.map((r) => r.id)).size).toBe(bodies.length);
    const rows = await stored(
      database,
      results.map((r) => r.id),
    );
    const byKey = new Map(rows.map((r) => [r.delivery_key, r]));
    deliveries.forEach((d, i) => {
      const row = byKey.get(d.deliveryKey);
      expect(Number(row?.id)).toBe(results[i]?.id);
      expect(Buffer.from(row?.body ?? []).equals(d.body)).toBe(true);
      expect(row?.headers).toEqual(d.headers);
    });
    // Each row is readable through the repository the ingest worker uses.
    const first = await inbox.get(results[1]?.id ?? 0);
    expect(first?.body.toString('utf8')).toBe(bodies[1]?.toString('utf8'));
  });

  it('answers in the order asked; a redelivery, within the batch or of a stored row, is not new', async () => {
    const database = await open(backend);
    const inbox = createInboxRepo(database.db);
    const connectionId = await withConnection(database);
    const d = (key: string, text: string): InboxDelivery => ({
      connectionId,
      deliveryKey: key,
      headers: {},
      body: Buffer.from(text),
    });
    const [old] = await inbox.recordMany([d('b', 'first b')]);
    // Keys out of order, one stored before, one twice in the batch (stored as it came first);
    // inserted in key order (the lock order that keeps concurrent batches from deadlocking).
    const results = await inbox.recordMany([d('c', 'c'), d('b', 'b again'), d('a', 'a'), d('c', 'c again')]);
    expect(results.map((r) => r.inserted)).toEqual([true, false, true, false]);
    expect(results[1]?.id).toBe(old?.id);
    expect(results[3]?.id).toBe(results[0]?.id);
    const rows = await stored(
      database,
      results.map((r) => r.id),
    );
    expect(rows.map((r) => [r.delivery_key, Buffer.from(r.body).toString()])).toEqual([
      ['b', 'first b'],
      ['a', 'a'],
      ['c', 'c'],
    ]);
  });

  it('records inside a transaction on its connection: rolled back with it', async () => {
    const database = await open(backend);
    const connectionId = await withConnection(database);
    const store = createStore(database);
    const rollback = new Error('roll back');
    await expect(
      store.transaction(async (repos) => {
        const [row] = await repos.inbox.recordMany([
          { connectionId, deliveryKey: 'in-tx', headers: {}, body: Buffer.from('{}') },
        ]);
        expect(row?.inserted).toBe(true);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await createInboxRepo(database.db).count(connectionId)).toBe(0);
  });

  it('lists pending rows for the relay by id, above afterId and below beforeId, processed ones left out', async () => {
    const database = await open(backend);
    const inbox = createInboxRepo(database.db);
    const connectionId = await withConnection(database);
    const recorded = await inbox.recordMany(
      Array.from({ length: 6 }, (_, i) => ({
        connectionId,
        deliveryKey: `p-${i}`,
        headers: {},
        body: Buffer.from(`{"n":${i}}`),
      })),
    );
    const ids = recorded.map((r) => r.id).sort((a, b) => a - b);
    await inbox.markProcessed(ids[2] as number);
    const later = new Date(Date.now() + 60_000);
    const listed = async (...window: [number?, number?]) =>
      (await inbox.pending(later, 10, ...window)).map((r) => r.id);
    expect(await listed()).toEqual(ids.filter((_, i) => i !== 2));
    expect(await listed(ids[0], ids[4])).toEqual([ids[1], ids[3]]);
    expect(await listed(0, ids[0])).toEqual([]);
    // Received after the cutoff: not the relay's yet.
    expect((await inbox.pending(new Date(Date.now() - 60_000), 10)).length).toBe(0);
  });
});

describe('inbox body storage (migration 0018)', () => {
  it('PostgreSQL keeps a 7 kB Jira body lz4-compressed inside its row; PGlite, built without lz4, keeps it as is', async () => {
    const { jiraDelivery } = await import('../support/jira-deliveries.ts');
    for (const backend of ['postgres', 'pglite'] as const) {
      const database = await open(backend);
      const connectionId = await withConnection(database);
      const d = jiraDelivery({ id: '70', key: 'LZ-70', category: 'todo', updated: new Date() });
      expect(d.body.length).toBeGreaterThan(6_000);
      const [row] = await createInboxRepo(database.db).recordMany([
        { connectionId, deliveryKey: 'lz-70', headers: {}, body: d.body },
      ]);
      const [found] = await database.rawTransaction((tx) =>
        tx.query<{ method: string | null; stored: number; body: Uint8Array }>(
          `select pg_column_compression(body) as method, pg_column_size(body) as stored, body
           from webhook_inbox where id = $1`,
          [row?.id],
        ),
      );
      expect(Buffer.from(found?.body ?? []).equals(d.body)).toBe(true);
      if (backend === 'postgres') {
        expect(found?.method).toBe('lz4');
        expect(found?.stored).toBeLessThan(d.body.length / 2);
        // Inline: nothing of it went to the TOAST table.
        const [toast] = await database.rawTransaction((tx) =>
          tx.query<{ n: string }>(
            `select pg_relation_size(reltoastrelid) as n from pg_class where relname = 'webhook_inbox'`,
          ),
        );
        expect(Number(toast?.n)).toBe(0);
      } else {
        expect(found?.method).toBeNull();
      }
    }
  });
});
