import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { JIRA_SECRET, JIRA_SETTINGS } from '../../test/support/jira-deliveries.ts';
import { BENCH_REDIS_URL, createBenchDatabase, runTag } from './database.ts';
import { SERVICE_NODE_FLAGS } from './node-flags.ts';
import { sleep } from './report.ts';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** User + system CPU milliseconds a process has used so far (Linux /proc; null elsewhere). */
export function cpuMsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the ")" of the command name: state is field 3, utime 14 and stime 15 (1-based).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

export interface SplitService {
  /** http://127.0.0.1:<port> of the API process. */
  readonly url: string;
  readonly apiPid: number | undefined;
  readonly workerPid: number | undefined;
  createJiraConnection(name: string): Promise<string>;
  query<R>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The service deployed the way it scales: one `JALON_ROLE=api` process (HTTP and receivers) and
 * one `JALON_ROLE=worker` process (the BullMQ workers), real child processes running
 * `node src/main.ts`, on a fresh database and queue prefix of their own (both removed at close).
 */
export async function startSplitService(): Promise<SplitService> {
  const database = await createBenchDatabase();
  const prefix = runTag('jbench_split');
  const adminKey = `bench-admin-${randomBytes(16).toString('hex')}`;
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    JALON_METRICS_TOKEN: 'bench-metrics-token-0001',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: database.url,
    REDIS_URL: BENCH_REDIS_URL,
    JALON_QUEUE_PREFIX: prefix,
    JALON_SECRET_KEY: randomBytes(32).toString('base64'),
    JALON_BOOTSTRAP_ADMIN_KEY: adminKey,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the api and worker processes.
    ...(process.env.BENCH_CHILD_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_CHILD_NODE_OPTIONS } : {}),
  };
  const children: ChildProcess[] = [];
  const start = (role: 'api' | 'worker') => {
    const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, MAIN], {
      env: { ...env, JALON_ROLE: role },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(child);
    return child;
  };
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
            c.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            c.kill('SIGTERM');
          }),
      ),
    );
    await pool.end().catch(() => {});
    const redis = new Redis(BENCH_REDIS_URL, { lazyConnect: true });
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
    await database.drop();
  };
  try {
    // The API process migrates the fresh database; the worker starts once it is up.
    const api = start('api');
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (api.exitCode !== null) throw new Error(`the api process exited with ${api.exitCode}`);
      const ok = await fetch(`${url}/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error('the api process did not start in 60 s');
      await sleep(200);
    }
    start('worker');
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
  return {
    url,
    get apiPid() {
      return children[0]?.pid;
    },
    get workerPid() {
      return children[1]?.pid;
    },
    async createJiraConnection(name) {
      const res = await fetch(`${url}/v1/connections`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          tracker: 'jira',
          name,
          baseUrl: JIRA_SETTINGS.siteUrl,
          credentials: { email: 'bot@acme.example', apiToken: 'token' },
          webhookSecret: JIRA_SECRET,
          settings: JIRA_SETTINGS,
        }),
      });
      if (res.status !== 201) throw new Error(`connection creation failed: ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    },
    query: async (text, params) => (await pool.query(text, params as unknown[])).rows,
    close,
  };
}
