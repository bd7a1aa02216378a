import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.ts';
import { type Container, createContainer } from '../../src/container.ts';
import type { Workers } from '../../src/jobs/workers.ts';
import { createLogger } from '../../src/logger.ts';
import { JIRA_SECRET, JIRA_SETTINGS } from '../../test/support/jira-deliveries.ts';
import { BENCH_REDIS_URL, createBenchDatabase, runTag } from './database.ts';

const ADMIN_KEY = `bench-admin-${randomBytes(16).toString('hex')}`;

export interface BenchService {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly container: Container;
  /** The bench's own database (postgres://…), for tools that connect to it themselves. */
  readonly databaseUrl: string;
  /** A Jira connection created through the API, signing with JIRA_SECRET. */
  createJiraConnection(name: string): Promise<string>;
  query<R>(text: string, params?: unknown[]): Promise<R[]>;
  /** External ids of the connection's tasks, read page by page through GET /v1/tasks. */
  listTaskIds(connectionId: string): Promise<string[]>;
  /** Pauses or resumes the BullMQ workers (paused: the process serves as JALON_ROLE=api would). */
  setWorkersRunning(running: boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real service as production runs it (JALON_ROLE=all: receivers and BullMQ workers in one
 * process) on a database and a queue prefix of its own, listening on a loopback port.
 */
export async function startService(opts: { workers?: boolean } = {}): Promise<BenchService> {
  const database = await createBenchDatabase();
  let container: Container | undefined;
  let app: FastifyInstance | undefined;
  let workers: Workers | undefined;
  let closing: Promise<void> | undefined;
  // Idempotent: the ingest bench closes the service before its split phases, and again in `finally`.
  const close = () => {
    closing ??= shutdown();
    return closing;
  };
  const shutdown = async () => {
    await app?.close();
    await workers?.close();
    if (container) {
      await deleteKeys(container.queues.connection, `${container.config.queuePrefix}:*`);
      await container.close();
    }
    await database.drop();
  };
  try {
    const config = loadConfig({
      NODE_ENV: 'production',
      JALON_METRICS_TOKEN: 'bench-metrics-token-0001',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: database.url,
      REDIS_URL: BENCH_REDIS_URL,
      JALON_QUEUE_PREFIX: runTag('jbench'),
      JALON_ROLE: 'all',
      JALON_SECRET_KEY: randomBytes(32).toString('base64'),
      JALON_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
    const logger = createLogger(config.logLevel);
    container = await createContainer(config, logger);
    app = await container.buildHttp();
    if (opts.workers ?? true) workers = container.startWorkers();
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
  const live = { app, container };
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    container,
    databaseUrl: database.url,
    async createJiraConnection(name) {
      const res = await live.app.inject({
        method: 'POST',
        url: '/v1/connections',
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
        payload: {
          tracker: 'jira',
          name,
          baseUrl: JIRA_SETTINGS.siteUrl,
          credentials: { email: 'bot@acme.example', apiToken: 'token' },
          webhookSecret: JIRA_SECRET,
          settings: JIRA_SETTINGS,
        },
      });
      if (res.statusCode !== 201) throw new Error(`connection creation failed: ${res.body}`);
      return res.json<{ id: string }>().id;
    },
    query: (text, params) => live.container.database.rawTransaction((tx) => tx.query(text, params)),
    async setWorkersRunning(running) {
      for (const w of workers?.workers ?? []) {
        if (running) w.resume();
        else await w.pause();
      }
    },
    async listTaskIds(connectionId) {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { statusCode: number; body: string } = await live.app.inject({
          method: 'GET',
          url: '/v1/tasks',
          query: { connectionId, limit: '500', ...(cursor ? { cursor } : {}) },
          headers: { authorization: `Bearer ${ADMIN_KEY}` },
        });
        if (res.statusCode !== 200) throw new Error(`GET /v1/tasks failed: ${res.body}`);
        const page = JSON.parse(res.body) as { items: { externalId: string }[]; nextCursor: string | null };
        ids.push(...page.items.map((t) => t.externalId));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    },
    close,
  };
}

/** Removes every key under this run's own queue prefix (no other run uses it). */
async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
