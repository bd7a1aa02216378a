import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type Container, createContainer } from '../../src/container.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabase } from '../support/database.ts';
import { BOOTSTRAP_KEY, TEST_REDIS_URL, TEST_SECRET_KEY, uniq } from '../support/env.ts';
import { JIRA_SECRET, JIRA_SETTINGS, jiraDelivery } from '../support/jira-deliveries.ts';
import { followScope } from '../support/scope.ts';

const main = new URL('../../src/main.ts', import.meta.url).pathname;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let container: Container;
let app: Awaited<ReturnType<Container['buildHttp']>>;
let env: Record<string, string>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  env = {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    JALON_QUEUE_PREFIX: uniq('jt-kill'),
    JALON_SECRET_KEY: TEST_SECRET_KEY,
    JALON_BOOTSTRAP_ADMIN_KEY: BOOTSTRAP_KEY,
    LOG_LEVEL: 'silent',
  };
  // This process is the API only; the workers are separate processes that the test kills.
  container = await createContainer(loadConfig(env), createLogger('silent'));
  app = await container.buildHttp();
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await app?.close();
  for (const q of ['ingest', 'relay', 'sync', 'recompute', 'pushback']) {
    await container?.queues.queue(q).obliterate({ force: true });
  }
  await container?.close();
  await db?.drop();
});

const worker = () => {
  const child = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH ?? '',
      ...env,
      JALON_ROLE: 'worker',
      JALON_METRICS_PORT: '0',
      JALON_WORKER_CONCURRENCY: '4',
    },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
};
const count = async (sql: string) =>
  Number((await container.database.rawTransaction((tx) => tx.query<{ n: string }>(sql)))[0]?.n ?? 0);

describe('a worker killed with SIGKILL mid-batch', () => {
  it('loses nothing and doubles nothing once another worker takes over', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/v1/connections',
      headers: { authorization: `Bearer ${BOOTSTRAP_KEY}` },
      payload: {
        tracker: 'jira',
        name: 'kill',
        baseUrl: 'http://127.0.0.1:9',
        credentials: { email: 'bot@acme.example', apiToken: 'token' },
        webhookSecret: JIRA_SECRET,
        settings: JIRA_SETTINGS,
      },
    });
    const connectionId = created.json().id as string;
    await followScope({ app, store: container.store }, connectionId, { tracker: 'jira', projectKey: 'PAY' });
    const total = 300;
    // In the past: tracker times later than the receipt are clamped to it.
    const base = Date.now() - 3_600_000;
    for (let i = 0; i < total; i++) {
      const d = jiraDelivery({
        id: `8${i}`,
        key: `KIL-${i}`,
        category: 'todo',
        updated: new Date(base + i * 1000),
      });
      const res = await app.inject({
        method: 'POST',
        url: `/webhooks/jira/${connectionId}`,
        headers: d.headers,
        payload: d.body,
      });
      expect(res.statusCode).toBe(200);
    }
    const first = worker();
    const deadline = Date.now() + 60_000;
    while ((await count(`select count(*) n from webhook_inbox where status = 'processed'`)) < 20) {
      if (Date.now() > deadline) throw new Error('the first worker processed nothing');
      await new Promise((r) => setTimeout(r, 20));
    }
    first.kill('SIGKILL');
    const atKill = await count(`select count(*) n from webhook_inbox where status = 'processed'`);
    expect(atKill).toBeLessThan(total);
    worker();
    // Jobs the killed worker held are stalled until their lock expires (BullMQ's stalled check).
    while ((await count(`select count(*) n from webhook_inbox where status = 'processed'`)) < total) {
      if (Date.now() > deadline + 60_000) throw new Error('deliveries were lost');
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await count('select count(*) n from tasks')).toBe(total);
    expect(await count('select count(*) n from task_changes')).toBe(total);
    expect(await count(`select count(*) n from webhook_inbox where status <> 'processed'`)).toBe(0);
  }, 150_000);
});
