import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/store/db.ts';
import type { createTestDatabase } from '../support/database.ts';
import { databaseBehindProxy, type startTcpProxy } from '../support/tcp-proxy.ts';

/**
 * A connection that dies between its checkout and BEGIN (the database stopped at that moment) must
 * give its pool slot back. drizzle-orm's own Pool transaction sends BEGIN outside its try/finally
 * and never released such a client: a pool of one then refused every later transaction, and
 * closing it waited forever (seen after the reliability suite's PostgreSQL outage).
 */

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let database: Database;

beforeAll(async () => {
  let viaProxy: string;
  ({ db, proxy, url: viaProxy } = await databaseBehindProxy());
  database = await openDatabase({ url: viaProxy, poolSize: 1, dataDir: '' });
});
afterAll(async () => {
  await database?.close();
  await proxy?.stop();
  await db?.drop();
});

describe('a pool of one whose connection dies at BEGIN', () => {
  it('fails that transaction, then serves the next one', async () => {
    proxy.cutNextSession();
    await expect(database.db.transaction(async (tx) => tx.execute(sql`select 1`))).rejects.toThrow();
    const rows = await database.db.transaction(async (tx) => tx.execute(sql`select 41 + 1 as n`));
    expect((rows as { rows: unknown[] }).rows).toEqual([{ n: 42 }]);
    // Nested transactions are savepoints on the same connection: an inner failure rolls back only itself.
    const outer = await database.db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table t (n int) on commit drop`);
      await tx.execute(sql`insert into t values (1)`);
      await tx
        .transaction(async (inner) => {
          await inner.execute(sql`insert into t values (2)`);
          throw new Error('inner');
        })
        .catch(() => {});
      return ((await tx.execute(sql`select count(*)::int as n from t`)) as { rows: unknown[] }).rows;
    });
    expect(outer).toEqual([{ n: 1 }]);
  });
});
