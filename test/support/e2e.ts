import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import pg from 'pg';
import { type ControlClient, createControlClient } from '../../sandbox/client.ts';
import type { SandboxUrls } from '../../sandbox/control.ts';
import type { SandboxCredentials } from '../../sandbox/sandbox.ts';
import { createJalonClient, type JalonClient } from '../../scripts/demo/jalon-client.ts';
import { freePort, type JalonProcess, startJalon } from '../../scripts/demo/jalon-process.ts';
import { queueNamespace } from '../../src/jobs/queues.ts';
import { createTestDatabase } from './database.ts';
import { BOOTSTRAP_KEY, TEST_REDIS_URL, TEST_SECRET_KEY, uniq } from './env.ts';

/**
 * The end-to-end world: the tracker sandbox (`node sandbox/main.ts`) and Jalon (`node src/main.ts`,
 * API and workers) as separate processes on loopback, Jalon on a fresh PostgreSQL database and
 * its own Redis queue prefix. `close()` stops both and removes exactly what the world created: its
 * database and the Redis keys under its prefix.
 */

export interface SandboxProcess {
  readonly urls: SandboxUrls;
  readonly credentials: SandboxCredentials;
  readonly control: ControlClient;
  stop(): Promise<void>;
}

export interface E2eWorld {
  readonly jalon: JalonProcess;
  /** Jalon's API with the bootstrap admin key. */
  readonly api: JalonClient;
  readonly sandbox: SandboxProcess;
  readonly databaseUrl: string;
  readonly queuePrefix: string;
  /** Where Jalon's queues live in Redis: the prefix, then the installation id (src/jobs/queues.ts). */
  readonly queueNamespace: string;
  /** A new API key of `role` (bound to `providerId` for provider keys). */
  keyFor(role: 'pmo' | 'finance' | 'provider', providerId?: string): Promise<JalonClient>;
  /** Raw SQL on Jalon's database (assertions only). */
  query<R>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

const SANDBOX_MAIN = new URL('../../sandbox/main.ts', import.meta.url).pathname;

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** `npm run sandbox` on ephemeral ports; its control URL is read from what it prints. */
export async function startSandboxProcess(timeFactor = 0.001): Promise<SandboxProcess> {
  const child = spawn(process.execPath, [SANDBOX_MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      SANDBOX_CONTROL_PORT: '0',
      SANDBOX_JIRA_PORT: '0',
      SANDBOX_TRELLO_PORT: '0',
      SANDBOX_ASANA_PORT: '0',
      SANDBOX_TIME_FACTOR: String(timeFactor),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const controlUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const found = /control API\s+(http:\/\/\S+)/.exec(out);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited with ${code}:\n${out}`));
    });
  });
  const control = createControlClient(controlUrl);
  const health = await control.health();
  return {
    urls: health.urls,
    credentials: health.credentials as SandboxCredentials,
    control,
    async stop() {
      const done = exitOf(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(timer);
    },
  };
}

async function sql<R>(url: string, text: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as R[];
  } finally {
    await client.end();
  }
}

/** Deletes the Redis keys under `prefix` (queues, schedulers, rate-limit budgets): this world's only. */
async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function startWorld(
  opts: { jalonEnv?: Record<string, string>; timeFactor?: number } = {},
): Promise<E2eWorld> {
  const [db, sandbox, port] = await Promise.all([
    createTestDatabase(),
    startSandboxProcess(opts.timeFactor),
    freePort(),
  ]);
  // The database is thrown away after the file: commits need not wait for the disk (a 2,000-task
  // sync commits 2,000 times).
  const dbName = new URL(db.url).pathname.slice(1);
  await sql(db.url, `ALTER DATABASE ${dbName} SET synchronous_commit = off`);
  const queuePrefix = uniq('je2e');
  let jalon: JalonProcess;
  try {
    jalon = await startJalon({
      port,
      env: {
        NODE_ENV: 'test',
        DATABASE_URL: db.url,
        REDIS_URL: TEST_REDIS_URL,
        JALON_QUEUE_PREFIX: queuePrefix,
        JALON_ROLE: 'all',
        JALON_SECRET_KEY: TEST_SECRET_KEY,
        JALON_BOOTSTRAP_ADMIN_KEY: BOOTSTRAP_KEY,
        JALON_PUBLIC_URL: `http://127.0.0.1:${port}`,
        JALON_MAX_EVENT_LOOP_DELAY_MS: '0',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        ...opts.jalonEnv,
      },
    });
  } catch (err) {
    await Promise.allSettled([sandbox.stop(), db.drop(), dropRedisPrefix(queuePrefix)]);
    throw err;
  }
  const api = createJalonClient(jalon.url, BOOTSTRAP_KEY);
  const [installation] = await sql<{ id: string }>(db.url, 'select id from jalon_installation');
  return {
    jalon,
    api,
    sandbox,
    databaseUrl: db.url,
    queuePrefix,
    queueNamespace: queueNamespace(queuePrefix, installation?.id ?? ''),
    async keyFor(role, providerId) {
      const created = await api.expect<{ key: string }>('POST', '/v1/api-keys', {
        name: uniq(role),
        role,
        ...(providerId ? { providerId } : {}),
      });
      return api.as(created.key);
    },
    query: <R>(text: string, params: unknown[] = []) => sql<R>(db.url, text, params),
    async close() {
      await jalon.stop();
      await sandbox.stop();
      await dropRedisPrefix(queuePrefix);
      await db.drop();
    },
  };
}
