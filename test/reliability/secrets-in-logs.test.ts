import { createHmac } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signature as trelloSignature } from '../../adapters/trello/fixtures/trello.kit.ts';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { BOOTSTRAP_KEY } from '../support/env.ts';
import { type EventReceiver, startEventReceiver } from '../support/event-receiver.ts';
import { APP_QUEUES, eventsApi, FAST_EVENT_RETRIES, sleep } from '../support/events.ts';
import { jiraDelivery } from '../support/jira-deliveries.ts';
import { expectAsanaHandshake, trelloDelivery } from '../support/story-trackers.ts';

/**
 * Everything the app logs at trace level during a scenario that handles every kind of secret —
 * API keys (used, bad and bootstrap), tracker credentials (Jira token and OAuth, Trello key, token
 * and app secret, Asana token), webhook secrets (set, rotated, Asana's handshake secret),
 * subscription secrets, signed deliveries and failing tracker calls — scanned for each secret value
 * and for anything shaped like an API key.
 */

const lines: string[] = [];
const sink = new PassThrough();
sink.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));

const S = {
  jiraToken: 'jira-api-token-SECRETVALUE-0001',
  jiraWebhook: 'jira-webhook-SECRETVALUE-0002',
  jiraWebhookRotated: 'jira-webhook-SECRETVALUE-0003',
  oauthClientSecret: 'oauth-client-SECRETVALUE-0004',
  oauthAccess: 'oauth-access-SECRETVALUE-0005',
  oauthRefresh: 'oauth-refresh-SECRETVALUE-0006',
  trelloKey: 'trellokeySECRETVALUE0007',
  trelloToken: 'trellotokenSECRETVALUE0008',
  trelloAppSecret: 'trello-app-SECRETVALUE-0009',
  asanaToken: '2/1201000000009999/1201000000000777:SECRETVALUE0010',
  asanaHookSecret: 'asanahooksecretSECRETVALUE0011',
  subscription: 'whsec_SECRETVALUE0012abcdefghij0123456789abcde',
  subscriptionFailing: 'whsec_SECRETVALUE0013abcdefghij0123456789abcde',
  bogusKey: 'jln_key_0123456789abcdef0123456789_SECRETVALUE0014SECRETVALUE0014SECRETVA',
};
const issued: string[] = [BOOTSTRAP_KEY];

let t: TestApp;
let workers: Workers;
let receiver: EventReceiver;

const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers = t.admin) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

async function connection(body: object): Promise<string> {
  const res = await call('POST', '/v1/connections', { baseUrl: 'http://127.0.0.1:9', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

async function scenario(): Promise<void> {
  for (const role of ['pmo', 'finance'] as const) {
    const res = await call('POST', '/v1/api-keys', { name: `log-${role}`, role });
    const key = res.json<{ key: string }>().key;
    issued.push(key);
    expect(
      (await call('GET', '/v1/dashboard/providers', undefined, { authorization: `Bearer ${key}` }))
        .statusCode,
    ).toBe(200);
  }
  await call('GET', '/v1/providers', undefined, { authorization: `Bearer ${S.bogusKey}` });
  const jira = await connection({
    tracker: 'jira',
    name: 'logs jira',
    credentials: { email: 'bot@acme.example', apiToken: S.jiraToken },
    webhookSecret: S.jiraWebhook,
  });
  await connection({
    tracker: 'jira',
    name: 'logs jira oauth',
    credentials: {
      oauth: {
        clientId: 'cid',
        clientSecret: S.oauthClientSecret,
        accessToken: S.oauthAccess,
        refreshToken: S.oauthRefresh,
        cloudId: 'c1',
      },
    },
  });
  const trello = await connection({
    tracker: 'trello',
    name: 'logs trello',
    credentials: { apiKey: S.trelloKey, apiToken: S.trelloToken, appSecret: S.trelloAppSecret },
  });
  const asana = await connection({
    tracker: 'asana',
    name: 'logs asana',
    credentials: { accessToken: S.asanaToken },
  });
  // Deliveries (one forged), a rotation, a handshake, and tracker calls that fail (nothing listens on :9).
  for (const secret of [S.jiraWebhook, 'forged-secret-000000000']) {
    const d = jiraDelivery({ id: '6001', key: 'LOG-1', category: 'done', updated: new Date() }, secret);
    await t.app.inject({
      method: 'POST',
      url: `/webhooks/jira/${jira}`,
      headers: d.headers,
      payload: d.body,
    });
  }
  await call('PATCH', `/v1/connections/${jira}`, { webhookSecret: S.jiraWebhookRotated });
  await expectAsanaHandshake(t, asana);
  const hs = { 'content-type': 'application/json', 'x-hook-secret': S.asanaHookSecret };
  await t.app.inject({ method: 'POST', url: `/webhooks/asana/${asana}`, headers: hs, payload: '' });
  const asanaBody = Buffer.from(
    JSON.stringify({
      events: [
        {
          action: 'changed',
          resource: { gid: '42', resource_type: 'task' },
          created_at: new Date().toISOString(),
        },
      ],
    }),
  );
  const asanaSig = createHmac('sha256', S.asanaHookSecret).update(asanaBody).digest('hex');
  await t.app.inject({
    method: 'POST',
    url: `/webhooks/asana/${asana}`,
    headers: { 'content-type': 'application/json', 'x-hook-signature': asanaSig },
    payload: asanaBody,
  });
  const card = trelloDelivery(`http://jalon.test/webhooks/trello/${trello}`);
  const cardSig = trelloSignature(
    card.body,
    `http://jalon.test/webhooks/trello/${trello}`,
    S.trelloAppSecret,
  );
  const cardHeaders = { ...card.headers, 'x-trello-webhook': cardSig };
  const sent = await t.app.inject({
    method: 'POST',
    url: `/webhooks/trello/${trello}`,
    headers: cardHeaders,
    payload: card.body,
  });
  expect(sent.statusCode, sent.body).toBe(200); // its ingest fetches the card: key and token in the URL
  for (const id of [jira, trello, asana]) {
    await call('POST', `/v1/connections/${id}/sync`);
    await call('POST', `/v1/connections/${id}/webhooks`);
  }
  // Outgoing events: one subscriber that accepts, one that is unreachable.
  const events = eventsApi(t);
  await events.subscribe(receiver.url, ['milestone.unlocked'], S.subscription);
  await events.subscribe('http://127.0.0.1:9/events', ['milestone.unlocked'], S.subscriptionFailing);
  await events.append('milestone.unlocked');
  await receiver.waitFor(() => true, 15_000);
  await sleep(3_000); // let the failing syncs, fetches and deliveries log their errors
}

beforeAll(async () => {
  receiver = await startEventReceiver();
  t = await buildTestApp({ env: { ...FAST_EVENT_RETRIES, LOG_LEVEL: 'trace' }, logDestination: sink });
  workers = t.container.startWorkers();
  await scenario();
}, 90_000);
afterAll(async () => {
  await workers?.close();
  for (const q of [...APP_QUEUES, 'unlock-check', 'webhook-refresh']) {
    await t?.container.queues.queue(q).obliterate({ force: true });
  }
  await t?.close();
  await receiver?.close();
});

describe('secrets never reach the logs', () => {
  it('logged the scenario at trace level, errors included', () => {
    expect(lines.length).toBeGreaterThan(40);
    expect(lines.some((l) => /"level":(50|40)/.test(l))).toBe(true);
    expect(lines.some((l) => /"level":(10|20),/.test(l))).toBe(true); // debug and trace lines too
  });

  it.each(Object.entries(S))('no line holds the %s value', (_name, value) => {
    expect(lines.filter((l) => l.includes(value))).toEqual([]);
  });

  it('no line holds an issued API key, or anything shaped like one', () => {
    for (const key of issued) expect(lines.filter((l) => l.includes(key))).toEqual([]);
    expect(lines.filter((l) => /jln_key_/.test(l))).toEqual([]);
    expect(lines.filter((l) => /Bearer\s+[\x21-\x7e]{8,}/.test(l))).toEqual([]);
  });
});
