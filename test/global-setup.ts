import { Redis } from 'ioredis';
import pg from 'pg';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './support/env.ts';

/** Fails fast, with the fix, when the services the integration tests need are not running. */
export default async function setup(): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    throw new Error(
      `The tests need PostgreSQL at ${TEST_DATABASE_URL} (set JALON_TEST_DATABASE_URL): ${(err as Error).message}`,
    );
  } finally {
    await client.end().catch(() => {});
  }
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(
      `The tests need Redis at ${TEST_REDIS_URL} (set JALON_TEST_REDIS_URL): ${(err as Error).message}`,
    );
  } finally {
    redis.disconnect();
  }
}
