import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETS as ASANA_SECRETS } from '../../adapters/asana/fixtures/support.ts';
import { signature as trelloSignature } from '../../adapters/trello/fixtures/trello.kit.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { contractApi, rawQuery } from '../support/engagement.ts';
import { JIRA_SECRET, JIRA_SETTINGS, jiraDelivery } from '../support/jira-deliveries.ts';
import {
  asanaDelivery,
  expectAsanaHandshake,
  TRELLO_CREDENTIALS,
  trelloDelivery,
} from '../support/story-trackers.ts';
import { fingerprint } from './routes.ts';

/**
 * Hostile deliveries at each tracker's receiver: forged, tampered, truncated, unsigned, replayed,
 * oversized and sent to the wrong connection. Each is rejected (or, replayed, acknowledged as a
 * duplicate) and nothing new is stored.
 */

type Tracker = 'jira' | 'trello' | 'asana';
type Delivery = { body: Buffer; headers: Record<string, string> };
const BODY_LIMIT = 64 * 1024;

let t: TestApp;
/** Two connections per tracker, with different secrets: `a` is the target, `b` the "other". */
const conn = {} as Record<Tracker, { a: string; b: string }>;

const url = (tracker: Tracker, id: string) => `/webhooks/${tracker}/${id}`;
const send = (tracker: Tracker, id: string, d: Delivery) =>
  t.app.inject({ method: 'POST', url: url(tracker, id), headers: d.headers, payload: d.body });

/** A fresh, correctly signed delivery for connection `a` (a new delivery key each time). */
function signed(tracker: Tracker): Delivery {
  if (tracker === 'jira') {
    return jiraDelivery({ id: '7001', key: 'ABU-1', category: 'todo', updated: new Date() });
  }
  if (tracker === 'trello') {
    const d = trelloDelivery(`http://jalon.test${url('trello', conn.trello.a)}`);
    const body = JSON.parse(d.body.toString()) as { action: { id: string } };
    body.action.id = randomUUID().replace(/-/g, '').slice(0, 24);
    return resign('trello', Buffer.from(JSON.stringify(body)), d.headers);
  }
  return asanaDelivery();
}

/** The same headers with the signature recomputed over `body` (with `secret`, or the right one). */
function resign(tracker: Tracker, body: Buffer, headers: Record<string, string>, secret?: string): Delivery {
  if (tracker === 'jira') {
    const mac = createHmac('sha256', secret ?? JIRA_SECRET)
      .update(body)
      .digest('hex');
    return { body, headers: { ...headers, 'x-hub-signature': `sha256=${mac}` } };
  }
  if (tracker === 'trello') {
    const callback = `http://jalon.test${url('trello', conn.trello.a)}`;
    const mac = trelloSignature(body, callback, secret ?? TRELLO_CREDENTIALS.appSecret);
    return { body, headers: { ...headers, 'x-trello-webhook': mac } };
  }
  const mac = createHmac('sha256', secret ?? ASANA_SECRETS.current)
    .update(body)
    .digest('hex');
  return { body, headers: { ...headers, 'x-hook-signature': mac } };
}

const SIGNATURE_HEADER = { jira: 'x-hub-signature', trello: 'x-trello-webhook', asana: 'x-hook-signature' };

async function connect(tracker: Tracker, secret: string): Promise<string> {
  const api = contractApi(t);
  const credentials =
    tracker === 'jira'
      ? { email: 'bot@acme.example', apiToken: 'token' }
      : tracker === 'trello'
        ? { ...TRELLO_CREDENTIALS, appSecret: secret }
        : { accessToken: 'asana-token' };
  const res = await api.expectStatus(
    api.call('POST', '/v1/connections', t.admin, {
      tracker,
      name: `abuse ${tracker}`,
      baseUrl: 'http://127.0.0.1:9',
      credentials,
      ...(tracker === 'jira' ? { webhookSecret: secret, settings: JIRA_SETTINGS } : {}),
    }),
    201,
  );
  const id = String(res.id);
  if (tracker === 'asana') {
    await expectAsanaHandshake(t, id);
    const hs = await send('asana', id, {
      body: Buffer.alloc(0),
      headers: { 'content-type': 'application/json', 'x-hook-secret': secret },
    });
    expect(hs.statusCode).toBe(200);
  }
  return id;
}

beforeAll(async () => {
  t = await buildTestApp({ env: { JALON_BODY_LIMIT: String(BODY_LIMIT) } });
  const other = {
    jira: 'another-jira-secret-000000000',
    trello: 'another-app-secret',
    asana: ASANA_SECRETS.previous,
  };
  for (const tracker of ['jira', 'trello', 'asana'] as const) {
    const primary =
      tracker === 'jira'
        ? JIRA_SECRET
        : tracker === 'trello'
          ? TRELLO_CREDENTIALS.appSecret
          : ASANA_SECRETS.current;
    conn[tracker] = { a: await connect(tracker, primary), b: await connect(tracker, other[tracker]) };
  }
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** Sends `d` and expects `status`, problem+json and an unchanged database. */
async function rejected(tracker: Tracker, id: string, d: Delivery, status: number) {
  const before = await fingerprint(t);
  const res = await send(tracker, id, d);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(await fingerprint(t)).toEqual(before);
}

const inboxRows = async (connectionId: string) =>
  Number(
    (
      await rawQuery<{ n: string }>(t, 'select count(*) as n from webhook_inbox where connection_id = $1', [
        connectionId,
      ])
    )[0]?.n,
  );

describe.each(['jira', 'trello', 'asana'] as const)('hostile %s deliveries', (tracker) => {
  it('accepts a correctly signed one (the baseline the others break)', async () => {
    const before = await inboxRows(conn[tracker].a);
    const res = await send(tracker, conn[tracker].a, signed(tracker));
    expect(res.statusCode, res.body).toBe(200);
    expect(await inboxRows(conn[tracker].a)).toBe(before + 1);
  });

  it('rejects one signed with a forged secret', async () => {
    const d = signed(tracker);
    await rejected(
      tracker,
      conn[tracker].a,
      resign(tracker, d.body, d.headers, 'forged-secret-0000000000'),
      401,
    );
  });

  it('rejects a tampered body and a truncated body under the original signature', async () => {
    const d = signed(tracker);
    const tampered = Buffer.from(d.body.toString().replace(/"/, ' "'));
    await rejected(tracker, conn[tracker].a, { body: tampered, headers: d.headers }, 401);
    const truncated = d.body.subarray(0, Math.floor(d.body.length / 2));
    await rejected(tracker, conn[tracker].a, { body: truncated, headers: d.headers }, 401);
  });

  it('rejects one without a signature, or with a malformed one', async () => {
    const d = signed(tracker);
    const { [SIGNATURE_HEADER[tracker]]: _dropped, ...unsigned } = d.headers;
    await rejected(tracker, conn[tracker].a, { body: d.body, headers: unsigned }, 401);
    const garbled = { ...d.headers, [SIGNATURE_HEADER[tracker]]: 'sha256=zz\u00e9' };
    await rejected(tracker, conn[tracker].a, { body: d.body, headers: garbled }, 401);
  });

  it('rejects a valid delivery sent to another connection, or to an unknown one', async () => {
    await rejected(tracker, conn[tracker].b, signed(tracker), 401);
    await rejected(
      tracker,
      'con_00000000000000000000000000',
      signed(tracker),
      tracker === 'trello' ? 410 : 401,
    );
    const elsewhere = tracker === 'jira' ? 'asana' : 'jira';
    await rejected(elsewhere, conn[tracker].a, signed(tracker), 401);
  });

  it('acknowledges a replay as a duplicate and stores it once', async () => {
    const d = signed(tracker);
    const first = await send(tracker, conn[tracker].a, d);
    expect(first.json()).toEqual({ received: true, duplicate: false });
    const before = await fingerprint(t);
    for (let i = 0; i < 3; i++) {
      const again = await send(tracker, conn[tracker].a, d);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ received: true, duplicate: true });
    }
    expect(await fingerprint(t)).toEqual(before);
  });

  it('answers 413 to a signed delivery over the body limit', async () => {
    const d = signed(tracker);
    const padded = JSON.stringify({ ...JSON.parse(d.body.toString()), padding: 'x'.repeat(BODY_LIMIT) });
    await rejected(tracker, conn[tracker].a, resign(tracker, Buffer.from(padded), d.headers), 413);
  });
});
