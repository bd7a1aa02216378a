import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type Container, createContainer } from '../../src/container.ts';
import { createLogger } from '../../src/logger.ts';
import type { createTestDatabase } from '../support/database.ts';
import { BOOTSTRAP_KEY, TEST_REDIS_URL, TEST_SECRET_KEY, uniq } from '../support/env.ts';
import { JIRA_SECRET, JIRA_SETTINGS, jiraDelivery } from '../support/jira-deliveries.ts';
import { databaseBehindProxy, type startTcpProxy } from '../support/tcp-proxy.ts';

let container: Container;
let app: Awaited<ReturnType<Container['buildHttp']>>;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let connectionId: string;

beforeAll(async () => {
  let viaProxy: string;
  ({ db, proxy, url: viaProxy } = await databaseBehindProxy());
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: viaProxy,
    REDIS_URL: TEST_REDIS_URL,
    JALON_QUEUE_PREFIX: uniq('jt-outage'),
    JALON_SECRET_KEY: TEST_SECRET_KEY,
    JALON_BOOTSTRAP_ADMIN_KEY: BOOTSTRAP_KEY,
    LOG_LEVEL: 'silent',
  });
  container = await createContainer(config, createLogger('silent'));
  app = await container.buildHttp();
  const res = await app.inject({
    method: 'POST',
    url: '/v1/connections',
    headers: { authorization: `Bearer ${BOOTSTRAP_KEY}` },
    payload: {
      tracker: 'jira',
      name: 'outage',
      baseUrl: 'https://acme.atlassian.net',
      credentials: { email: 'bot@acme.example', apiToken: 'token' },
      webhookSecret: JIRA_SECRET,
      settings: JIRA_SETTINGS,
    },
  });
  connectionId = res.json().id;
});
afterAll(async () => {
  await app?.close();
  await container?.queues.queue('ingest').obliterate({ force: true });
  await container?.close();
  await proxy?.stop();
  await db?.drop();
});

const send = (i: number) => {
  const d = jiraDelivery({ id: `5000${i}`, key: `OUT-${i}`, category: 'todo', updated: new Date() });
  return app.inject({
    method: 'POST',
    url: `/webhooks/jira/${connectionId}`,
    headers: d.headers,
    payload: d.body,
  });
};

describe('PostgreSQL stops', () => {
  it('answers 503 (never 2xx) while it is down, and recovers without a restart', async () => {
    expect((await send(1)).statusCode).toBe(200);
    await proxy.stop();
    const during = await send(2);
    expect(during.statusCode).toBe(503);
    expect(during.json()).toMatchObject({ code: 'service_unavailable' });
    const ready = await app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks.database).toBe('down');
    await proxy.start();
    expect((await send(3)).statusCode).toBe(200);
    expect((await app.inject({ url: '/ready' })).statusCode).toBe(200);
    const rows = await container.database.rawTransaction((tx) =>
      tx.query<{ key: string }>(`select delivery_key as key from webhook_inbox where connection_id = $1`, [
        connectionId,
      ]),
    );
    expect(rows).toHaveLength(2);
  }, 60_000);

  it('answers an API key 503 while the key cannot be looked up, and accepts it again after', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: { authorization: `Bearer ${BOOTSTRAP_KEY}` },
      payload: { name: uniq('outage'), role: 'pmo' },
    });
    const pmo = { authorization: `Bearer ${created.json().key}` };
    expect((await app.inject({ url: '/v1/providers', headers: pmo })).statusCode).toBe(200);
    await proxy.stop();
    const during = await app.inject({ url: '/v1/providers', headers: pmo });
    await proxy.start();
    expect(during.statusCode).toBe(503);
    expect(during.json()).toMatchObject({ code: 'service_unavailable' });
    expect((await app.inject({ url: '/v1/providers', headers: pmo })).statusCode).toBe(200);
  }, 60_000);
});
