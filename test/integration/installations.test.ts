import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type Container, createContainer } from '../../src/container.ts';
import { noopJob } from '../../src/jobs/noop.job.ts';
import type { Workers } from '../../src/jobs/workers.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabase } from '../support/database.ts';
import { BOOTSTRAP_KEY, TEST_DATABASE_URL, TEST_REDIS_URL, TEST_SECRET_KEY, uniq } from '../support/env.ts';
import { JIRA_SECRET, JIRA_SETTINGS, jiraDelivery } from '../support/jira-deliveries.ts';
import { followScope } from '../support/scope.ts';

/**
 * Installations (databases) that share one Redis with the same JALON_QUEUE_PREFIX: what the
 * defaults give two installations on one machine (`npm run demo` beside `npm start`, staging
 * beside production). Every installation of this file shares one prefix of its own.
 */
const prefix = uniq('jt');
const admin = { authorization: `Bearer ${BOOTSTRAP_KEY}` };

interface Running {
  readonly app: FastifyInstance;
  readonly container: Container;
  workers: Workers | null;
  stop(): Promise<void>;
}

const running: Running[] = [];
const databases: { drop(): Promise<void> }[] = [];

async function start(databaseUrl: string): Promise<Running> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    JALON_QUEUE_PREFIX: prefix,
    JALON_SECRET_KEY: TEST_SECRET_KEY,
    JALON_BOOTSTRAP_ADMIN_KEY: BOOTSTRAP_KEY,
    JALON_PUBLIC_URL: 'http://jalon.test',
    JALON_MAX_EVENT_LOOP_DELAY_MS: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  });
  const container = await createContainer(config, createLogger(config.logLevel));
  const app = await container.buildHttp();
  await app.ready();
  const r: Running = {
    app,
    container,
    workers: null,
    async stop() {
      running.splice(running.indexOf(r), 1);
      await r.workers?.close();
      await app.close();
      await container.close();
    },
  };
  running.push(r);
  return r;
}

afterAll(async () => {
  for (const r of [...running]) await r.stop();
  // Every key of this file's prefix, whichever installation wrote it: the prefix is the file's own.
  const client = new Redis(TEST_REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await client.del(...keys);
  } while (cursor !== '0');
  client.disconnect();
  for (const db of databases) await db.drop();
});

async function connect(r: Running): Promise<string> {
  const res = await r.app.inject({
    method: 'POST',
    url: '/v1/connections',
    headers: admin,
    payload: {
      tracker: 'jira',
      name: 'installations',
      baseUrl: 'https://acme.atlassian.net',
      credentials: { email: 'bot@acme.example', apiToken: 'token' },
      webhookSecret: JIRA_SECRET,
      settings: JIRA_SETTINGS,
    },
  });
  expect(res.statusCode).toBe(201);
  const connectionId = res.json<{ id: string }>().id;
  // Jalon stores only tasks inside a linked scope: the deliveries below are of project PAY.
  await followScope({ app: r.app, store: r.container.store }, connectionId, {
    tracker: 'jira',
    projectKey: 'PAY',
  });
  return connectionId;
}

async function until<T>(probe: () => Promise<T | null | undefined | false>, ms: number): Promise<T | null> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Sends one delivery and says whether its task was visible within `ms` of the 200. */
async function deliverAndSee(r: Running, connectionId: string, issueId: string, ms = 1000): Promise<boolean> {
  const d = jiraDelivery({
    id: issueId,
    key: `INS-${issueId}`,
    category: 'in_progress',
    updated: new Date(),
  });
  const res = await r.app.inject({
    method: 'POST',
    url: `/webhooks/jira/${connectionId}`,
    headers: d.headers,
    payload: d.body,
  });
  expect(res.statusCode).toBe(200);
  return (await until(() => r.container.store.tasks.get(connectionId, issueId), ms)) !== null;
}

const listed = async (r: Running, query: string) =>
  (await r.app.inject({ url: `/v1/admin/jobs?${query}`, headers: admin })).json<{
    items: { id: string; queue: string; finishedOn: string | null }[];
  }>().items;

async function newDatabase(): Promise<string> {
  const db = await createTestDatabase();
  databases.push(db);
  return db.url;
}

describe('two installations on one Redis with the same queue prefix', () => {
  it('each sees its own deliveries within 1 s, and neither lists nor runs the other’s jobs', async () => {
    const a = await start(await newDatabase());
    const b = await start(await newDatabase());
    a.workers = a.container.startWorkers();
    b.workers = b.container.startWorkers();
    const [ca, cb] = [await connect(a), await connect(b)];
    // Each database's first delivery is its inbox row 1.
    expect(await deliverAndSee(a, ca, '51001')).toBe(true);
    expect(await deliverAndSee(b, cb, '52001')).toBe(true);

    const marker = uniq('only-a');
    await a.container.queues.enqueue(noopJob, { id: marker });
    const inA = await until(
      async () => (await listed(a, 'state=completed&queue=noop')).some((j) => j.id === `noop-${marker}`),
      5000,
    );
    expect(inA).toBe(true);
    expect((await listed(b, 'state=completed&queue=noop')).map((j) => j.id)).not.toContain(`noop-${marker}`);

    // With A's workers stopped nothing of A runs: B's workers do not run A's schedulers (the
    // events dispatcher runs every second).
    await a.workers.close();
    a.workers = null;
    const stoppedAt = Date.now();
    await new Promise((r) => setTimeout(r, 2500));
    const ranSince = (await listed(a, 'state=completed&queue=events&limit=50')).filter(
      (j) => j.finishedOn && Date.parse(j.finishedOn) > stoppedAt + 200,
    );
    expect(ranSince).toEqual([]);
    await a.stop();
    await b.stop();
  }, 60_000);

  it('lets the api and worker processes of one installation share its queues', async () => {
    const url = await newDatabase();
    const api = await start(url);
    const worker = await start(url);
    worker.workers = worker.container.startWorkers();
    expect(api.container.queues.prefix).toBe(worker.container.queues.prefix);
    expect(api.container.queues.prefix.startsWith(`${prefix}:`)).toBe(true);
    // Stored by the process without workers, ingested by the other one.
    expect(await deliverAndSee(api, await connect(api), '54001')).toBe(true);
    await api.stop();
    await worker.stop();
  }, 60_000);

  it('never delays a delivery after the database is restored to an older backup on the same Redis', async () => {
    const url = await newDatabase();
    const name = new URL(url).pathname.slice(1);
    const backup = `${name}_bak`;
    const server = async (text: string) => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        await c.query(text);
      } finally {
        await c.end();
      }
    };
    // The backup: the installation as first started (migrated, its installation id made).
    await (await start(url)).stop();
    await server(`CREATE DATABASE ${backup} TEMPLATE ${name}`);
    databases.push({ drop: () => server(`DROP DATABASE IF EXISTS ${backup} WITH (FORCE)`) });

    const before = await start(url);
    before.workers = before.container.startWorkers();
    expect(await deliverAndSee(before, await connect(before), '53001')).toBe(true);
    await before.stop();

    // Restored: the inbox serial starts again below the ids the finished jobs in Redis carry.
    await server(`DROP DATABASE ${name} WITH (FORCE)`);
    await server(`CREATE DATABASE ${name} TEMPLATE ${backup}`);
    const after = await start(url);
    after.workers = after.container.startWorkers();
    expect(await deliverAndSee(after, await connect(after), '53002')).toBe(true);
    await after.stop();
  }, 60_000);
});
