import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The one typed handle every repository takes; transactions have the same type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** Runs raw, possibly multi-statement SQL inside one transaction (migrations). */
export interface RawTx {
  exec(text: string): Promise<void>;
  query<R>(text: string, params?: unknown[]): Promise<R[]>;
}

export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly db: Db;
  /** Raw SQL within one transaction; used by migrations and by tests. */
  rawTransaction<T>(fn: (tx: RawTx) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  readonly url: string | null;
  readonly dataDir: string;
  readonly poolSize?: number;
  /** PGlite only: keep the database in memory (tests). */
  readonly inMemory?: boolean;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts.poolSize ?? 10) : openPglite(opts);
}

function openPostgres(url: string, max: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    application_name: 'jalon',
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // A client checked out (between two statements of a transaction) that loses its server emits
  // 'error' on itself, not on the pool: without a listener that would crash the process.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  // drizzle-orm's transaction on a Pool sends BEGIN before its try/finally: when the connection
  // dies between checkout and BEGIN (a database outage), that client is never released, the pool
  // loses a slot for good and pool.end() waits forever. Here the client is checked out and
  // released whatever happens; drizzle still runs BEGIN, COMMIT, ROLLBACK and nested savepoints on
  // it. (A client whose connection died is dropped by the pool on release.)
  db.transaction = (async (fn: never, config?: never) => {
    const client = await pool.connect();
    try {
      return await drizzlePg(client).transaction(fn, config);
    } finally {
      client.release();
    }
  }) as Db['transaction'];
  return {
    kind: 'postgres',
    db,
    async rawTransaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          exec: async (text) => void (await client.query(text)),
          query: async (text, params) => (await client.query(text, params)).rows,
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    // Bounded all the same: a query stuck on a half-open connection would otherwise hold shutdown
    // (the process exits right after this anyway).
    close: () =>
      Promise.race([pool.end(), new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())]),
  };
}

async function openPglite(opts: DatabaseOptions): Promise<Database> {
  let client: PGlite;
  let lock: DataDirLock | null = null;
  if (opts.inMemory) {
    client = await PGlite.create();
  } else {
    mkdirSync(opts.dataDir, { recursive: true });
    lock = lockDataDir(opts.dataDir);
    try {
      client = await PGlite.create(join(opts.dataDir, 'pgdata'));
    } catch (err) {
      lock.release();
      throw err;
    }
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    rawTransaction: (fn) =>
      client.transaction((tx) =>
        fn({
          exec: async (text) => void (await tx.exec(text)),
          query: async <R>(text: string, params?: unknown[]) =>
            (await tx.query<R>(text, params as unknown[])).rows,
        }),
      ),
    async ping() {
      await client.query('select 1');
    },
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
