import type { FastifyInstance } from 'fastify';
import { type Config, loadConfig } from '../../src/config.ts';
import { type Container, createContainer } from '../../src/container.ts';
import type { Role } from '../../src/core/auth.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabase } from './database.ts';
import { BOOTSTRAP_KEY, TEST_REDIS_URL, TEST_SECRET_KEY, uniq } from './env.ts';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly container: Container;
  readonly config: Config;
  /** Bearer headers for a new key of `role` (and provider id for provider keys). */
  keyFor(role: Role, providerId?: string): Promise<{ authorization: string }>;
  readonly admin: { authorization: string };
  close(): Promise<void>;
}

/**
 * The real app on a fresh PostgreSQL database (or in-memory PGlite) and real Redis under a queue
 * prefix of its own.
 */
export async function buildTestApp(
  opts: {
    backend?: 'postgres' | 'pglite';
    env?: Record<string, string>;
    /** Where the app's pino lines go (stdout when absent); the secrets-in-logs test reads them. */
    logDestination?: NodeJS.WritableStream;
  } = {},
) {
  const backend = opts.backend ?? 'postgres';
  const db = backend === 'postgres' ? await createTestDatabase() : null;
  const config = loadConfig({
    NODE_ENV: 'test',
    REDIS_URL: TEST_REDIS_URL,
    JALON_QUEUE_PREFIX: uniq('jt'),
    JALON_SECRET_KEY: TEST_SECRET_KEY,
    JALON_BOOTSTRAP_ADMIN_KEY: BOOTSTRAP_KEY,
    JALON_PUBLIC_URL: 'http://jalon.test',
    // Parallel test files load the machine: the overload guard would answer 503 at random.
    JALON_MAX_EVENT_LOOP_DELAY_MS: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...(db ? { DATABASE_URL: db.url } : { JALON_DATA_DIR: `/tmp/${uniq('jalon-pglite')}` }),
    ...opts.env,
  });
  const logger = createLogger(config.logLevel, opts.logDestination);
  const container = await createContainer(config, logger);
  const app = await container.buildHttp();
  await app.ready();
  const admin = { authorization: `Bearer ${BOOTSTRAP_KEY}` };
  const result: TestApp = {
    app,
    container,
    config,
    admin,
    async keyFor(role, providerId) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: admin,
        payload: { name: uniq(role), role, ...(providerId ? { providerId } : {}) },
      });
      if (res.statusCode !== 201) throw new Error(`key creation failed: ${res.body}`);
      return { authorization: `Bearer ${res.json<{ key: string }>().key}` };
    },
    async close() {
      await app.close();
      await dropOwnRedisKeys(container, config.queuePrefix);
      await container.close();
      await db?.drop();
    },
  };
  return result;
}

/**
 * Removes every Redis key under this test app's queue prefix (unique to it: `uniq('jt')`), so
 * schedulers and finished jobs do not outlive the test. Keys of other prefixes are never touched.
 */
async function dropOwnRedisKeys(container: Container, prefix: string): Promise<void> {
  if (!prefix.startsWith('jt')) return;
  const redis = container.queues.connection;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
