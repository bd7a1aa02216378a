import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the bench creates its own database on (trust auth, loopback); the tests use the same. */
export const BENCH_SERVER_URL =
  process.env.JALON_BENCH_DATABASE_URL ??
  process.env.JALON_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
export const BENCH_REDIS_URL =
  process.env.JALON_BENCH_REDIS_URL ?? process.env.JALON_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A tag no other run uses: the bench creates its own database and queue prefix and only drops those. */
export const runTag = (label: string): string =>
  `${label}_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/** A fresh database for one bench run (adapted from test/support/database.ts); the bench drops it. */
export async function createBenchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = runTag('jalon_bench');
  const admin = new pg.Client({ connectionString: BENCH_SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: BENCH_SERVER_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
