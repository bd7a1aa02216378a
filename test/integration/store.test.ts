import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import * as schema from '../../src/store/schema.ts';
import { createTestDatabase } from '../support/database.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function open(backend: 'postgres' | 'pglite') {
  if (backend === 'pglite') {
    const database = await openDatabase({ url: null, dataDir: '', inMemory: true });
    cleanups.push(() => database.close());
    return database;
  }
  const testDb = await createTestDatabase();
  const database = await openDatabase({ url: testDb.url, dataDir: '' });
  cleanups.push(async () => {
    await database.close();
    await testDb.drop();
  });
  return database;
}

const tables = (Object.values(schema) as unknown[]).filter(
  (v): v is PgTable => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v,
);

describe.each(['postgres', 'pglite'] as const)('migrations on %s', (backend) => {
  it('apply every migration once, then nothing on a second run', async () => {
    const database = await open(backend);
    const first = await migrate(database);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.applied[0]).toBe('0001_foundation.sql');
    expect((await migrate(database)).applied).toEqual([]);
  });

  it('create every column the typed schema declares', async () => {
    const database = await open(backend);
    await migrate(database);
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      const columns = Object.values(getTableColumns(table)).map((c) => c.name);
      const rows = await database.rawTransaction((tx) =>
        tx.query<{ column_name: string }>(
          'select column_name from information_schema.columns where table_name = $1 and table_schema = current_schema()',
          [getTableName(table)],
        ),
      );
      expect(rows.map((r) => r.column_name).sort(), getTableName(table)).toEqual(
        expect.arrayContaining(columns),
      );
    }
    await database.db.execute(sql`select 1`);
  });
});

describe('migrations under concurrency', () => {
  it('two processes migrating at once apply each file once', async () => {
    const testDb = await createTestDatabase();
    const a = await openDatabase({ url: testDb.url, dataDir: '' });
    const b = await openDatabase({ url: testDb.url, dataDir: '' });
    cleanups.push(async () => {
      await a.close();
      await b.close();
      await testDb.drop();
    });
    const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
    expect(ra.applied.length + rb.applied.length).toBe(Math.max(ra.applied.length, rb.applied.length));
  });

  it('refuse to start when an applied migration was edited', async () => {
    const database = await open('pglite');
    await migrate(database);
    await database.rawTransaction((tx) =>
      tx.query(`update jalon_migrations set checksum = 'edited' where name = '0001_foundation.sql'`),
    );
    await expect(migrate(database)).rejects.toThrow(/was changed after it was applied/);
  });
});
