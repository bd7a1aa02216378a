import { randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { createLogger } from '../../src/logger.ts';
import { createEventDeliveryService } from '../../src/services/event-delivery.service.ts';
import { createSecretBox } from '../../src/services/secret-box.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { rawQuery } from '../support/engagement.ts';
import { uniq } from '../support/env.ts';
import { type EventReceiver, startEventReceiver, verifyJalonSignature } from '../support/event-receiver.ts';
import { APP_QUEUES, eventsApi, FAST_EVENT_RETRIES, sleep } from '../support/events.ts';

let t: TestApp;
let workers: Workers;
let api: ReturnType<typeof eventsApi>;
const receivers: EventReceiver[] = [];
const secret = () => `whsec_${randomBytes(32).toString('base64')}`;

async function receiver(opts: Parameters<typeof startEventReceiver>[0] = {}) {
  const r = await startEventReceiver(opts);
  receivers.push(r);
  return r;
}

beforeAll(async () => {
  t = await buildTestApp({ env: FAST_EVENT_RETRIES });
  workers = t.container.startWorkers();
  api = eventsApi(t);
});
afterAll(async () => {
  await workers?.close();
  for (const q of APP_QUEUES) await t?.container.queues.queue(q).obliterate({ force: true });
  for (const r of receivers) await r.close();
  await t?.close();
});

describe('delivering an event', () => {
  it('POSTs it once, signed with the subscription secret, with its stable event id', async () => {
    const r = await receiver();
    const key = secret();
    const sub = await api.subscribe(r.url, ['milestone.unlocked'], key);
    const { eventId, appended } = await api.append('milestone.unlocked');
    expect(appended).toBe(true);

    const got = await r.waitFor((e) => e.body.id === eventId);
    expect(got.path).toBe('/events');
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['webhook-id']).toBe(eventId);
    expect(got.headers['jalon-event-type']).toBe('milestone.unlocked');
    // A whsec_ subscription gets only the Standard Webhooks signature.
    expect(got.headers['jalon-signature']).toBeUndefined();
    expect(got.body).toMatchObject({
      id: eventId,
      type: 'milestone.unlocked',
      engagementId: 'eng_test',
      providerId: 'prv_test',
      data: { netMinor: 5_400_000, currency: 'EUR' },
    });
    expect(new Date(got.body.occurredAt).toISOString()).toBe(got.body.occurredAt);
    const ts = Number(got.headers['webhook-timestamp']);
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(30);
    expect(r.verify(key, got)).toBe(true);
    // The signature covers the exact bytes: another secret, another body, another id or a stale clock fail.
    const headers = {
      'webhook-id': eventId,
      'webhook-timestamp': String(ts),
      'webhook-signature': String(got.headers['webhook-signature']),
    };
    expect(() => new Webhook(key).verify(got.rawBody, headers)).not.toThrow();
    const other = `whsec_${randomBytes(32).toString('base64')}`;
    expect(() => new Webhook(other).verify(got.rawBody, headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(key).verify(got.rawBody.replace('5400000', '6400000'), headers)).toThrow(
      WebhookVerificationError,
    );
    expect(() => new Webhook(key).verify(got.rawBody, { ...headers, 'webhook-id': 'evt_other' })).toThrow(
      WebhookVerificationError,
    );
    expect(() =>
      new Webhook(key).verify(got.rawBody, { ...headers, 'webhook-timestamp': String(ts - 301) }),
    ).toThrow(WebhookVerificationError);

    const [row] = await api.logUntil(sub, (items) => items[0]?.status === 'delivered');
    expect(row).toMatchObject({
      eventId,
      eventType: 'milestone.unlocked',
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(row?.deliveredAt).toEqual(expect.any(String));
    await sleep(2500); // a few more dispatcher and relay passes: nothing is sent again
    expect(r.events()).toHaveLength(1);
  });

  it('records the same business fact once: a second append with its dedupe key sends nothing more', async () => {
    const r = await receiver();
    const sub = await api.subscribe(r.url, ['milestone.paid'], secret());
    const first = await api.append('milestone.paid', { dedupeKey: uniq('milestone.paid:mil') });
    const again = await api.append('milestone.paid', { dedupeKey: first.dedupeKey });
    expect(again).toMatchObject({ appended: false, eventId: first.eventId });
    await r.waitFor((e) => e.body.id === first.eventId);
    await api.logUntil(sub, (items) => items[0]?.status === 'delivered');
    // Once delivered, recording it yet again (a retried transaction) changes nothing either.
    expect((await api.append('milestone.paid', { dedupeKey: first.dedupeKey })).appended).toBe(false);
    await sleep(2000);
    expect(r.events().map((e) => e.body.id)).toEqual([first.eventId]);
    expect(await api.deliveries(sub)).toHaveLength(1);
  });

  it('retries a failing receiver with backoff: 500, 500, then 200 is delivered on the third attempt', async () => {
    const r = await receiver({ statuses: [500, 500] });
    const key = secret();
    const sub = await api.subscribe(r.url, ['deliverable.accepted'], key);
    const { eventId } = await api.append('deliverable.accepted', { subjectType: 'deliverable' });
    const [row] = await api.logUntil(sub, (items) => items[0]?.status === 'delivered');
    expect(row).toMatchObject({ eventId, attempts: 3, lastStatusCode: 200, lastError: null });
    expect(r.events().map((e) => e.answered)).toEqual([500, 500, 200]);
    // One event id across every attempt, each attempt freshly signed; the waits grow.
    expect(new Set(r.events().map((e) => e.headers['webhook-id']))).toEqual(new Set([eventId]));
    expect(r.verify(key)).toBe(true);
    const [a, b, c] = r.events().map((e) => e.receivedAt.getTime());
    expect((b ?? 0) - (a ?? 0)).toBeGreaterThanOrEqual(100);
    expect((c ?? 0) - (b ?? 0)).toBeGreaterThanOrEqual(200);
  });

  it('records each failed attempt, then gives up after the last one', async () => {
    const r = await receiver({ thenStatus: 503 });
    const sub = await api.subscribe(r.url, ['deliverable.late'], secret());
    const { eventId } = await api.append('deliverable.late', { subjectType: 'deliverable' });
    const pending = await api.logUntil(sub, (items) => (items[0]?.attempts ?? 0) >= 1);
    expect(pending[0]).toMatchObject({ eventId, lastStatusCode: 503, lastError: 'HTTP 503' });
    const [row] = await api.logUntil(sub, (items) => items[0]?.status === 'failed');
    expect(row).toMatchObject({ attempts: 4, lastStatusCode: 503, lastError: 'HTTP 503', deliveredAt: null });
    expect(row?.nextAttemptAt).toBeNull();
    await sleep(1000);
    expect(r.events()).toHaveLength(4);
    expect(await api.deliveries(sub, '?status=failed')).toHaveLength(1);
    expect(await api.deliveries(sub, '?status=delivered')).toHaveLength(0);
  });

  it('does not follow redirects', async () => {
    const r = await receiver({ thenStatus: 302 });
    const sub = await api.subscribe(r.url, ['milestone.invoiced'], secret());
    await api.append('milestone.invoiced');
    const [row] = await api.logUntil(sub, (items) => items[0]?.status === 'failed');
    expect(row).toMatchObject({ lastStatusCode: 302, lastError: 'HTTP 302 (redirects are not followed)' });
    expect(r.events().map((e) => e.path)).toEqual(['/events', '/events', '/events', '/events']);
  });

  it('records a receiver that cannot be reached', async () => {
    const r = await receiver();
    const url = r.url;
    await r.close();
    const sub = await api.subscribe(url, ['milestone.unlocked'], secret());
    await api.append('milestone.unlocked');
    const [row] = await api.logUntil(sub, (items) => items[0]?.status === 'failed');
    expect(row?.lastStatusCode).toBeNull();
    expect(row?.lastError).toMatch(/ECONNREFUSED|fetch failed/);
  });
});

describe('Standard Webhooks', () => {
  it('a subscriber verifies each delivery with the standardwebhooks library, on arrival', async () => {
    const key = `whsec_${randomBytes(32).toString('base64')}`;
    const r = await receiver({ secret: key });
    await api.subscribe(r.url, ['milestone.paid'], key);
    const { eventId } = await api.append('milestone.paid');
    const got = await r.waitFor((e) => e.body.id === eventId);
    expect(got.verifiedOnArrival).toEqual({ ok: true, payload: got.body });
    expect(String(got.headers['webhook-signature'])).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it('a subscription made with a plain secret keeps it: whsec_ + base64(secret) verifies, and the earlier Jalon-Signature is still sent', async () => {
    const plain = `plain-${randomBytes(12).toString('hex')}`;
    const asWhsec = `whsec_${Buffer.from(plain, 'utf8').toString('base64')}`;
    const r = await receiver({ secret: asWhsec });
    await api.subscribe(r.url, ['milestone.invoiced'], plain);
    const { eventId } = await api.append('milestone.invoiced');
    const got = await r.waitFor((e) => e.body.id === eventId);
    expect(got.verifiedOnArrival).toMatchObject({ ok: true });
    expect(got.headers['jalon-event-id']).toBe(eventId);
    expect(got.headers['jalon-timestamp']).toBe(got.headers['webhook-timestamp']);
    expect(verifyJalonSignature(String(got.headers['jalon-signature']), got.rawBody, plain)).toBe(true);
  });

  it.each([
    ['not base64', 'whsec_not*base64*at*all*0123456789abcdef'],
    ['too short a key', `whsec_${randomBytes(16).toString('base64')}`],
    ['too long a key', `whsec_${randomBytes(65).toString('base64')}`],
  ])('refuses a whsec_ secret that is %s (400, nothing created)', async (_label, bad) => {
    const before = await t.app.inject({
      method: 'GET',
      url: '/v1/subscriptions?limit=500',
      headers: t.admin,
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/subscriptions',
      headers: t.admin,
      payload: { url: 'https://erp.client.example/hooks/x', events: ['milestone.paid'], secret: bad },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('body.secret');
    expect(res.body).not.toContain(bad);
    const after = await t.app.inject({ method: 'GET', url: '/v1/subscriptions?limit=500', headers: t.admin });
    expect(after.json().items).toHaveLength(before.json().items.length);
  });
});

describe('a secret Jalon cannot open', () => {
  it('sends nothing unsigned: each attempt fails and says why', async () => {
    const r = await receiver();
    const sub = await api.subscribe(r.url, ['milestone.unlocked'], secret());
    // Sealed for another row (or under another JALON_SECRET_KEY): it does not decrypt here.
    const box = createSecretBox(t.config.secretKey);
    await rawQuery(t, 'update subscriptions set secret_enc = $1 where id = $2', [
      box.seal('x'.repeat(20), 'sub_other'),
      sub,
    ]);
    await api.append('milestone.unlocked');
    const [row] = await api.logUntil(sub, (items) => items[0]?.status === 'failed');
    expect(row).toMatchObject({ attempts: 4, lastError: 'the signing secret cannot be decrypted' });
    expect(r.events()).toEqual([]);
  });
});

describe('running an attempt twice', () => {
  it('sends nothing for a delivery already delivered', async () => {
    const r = await receiver();
    const sub = await api.subscribe(r.url, ['milestone.unlocked'], secret());
    const { eventId } = await api.append('milestone.unlocked');
    const [row] = await api.logUntil(sub, (items) => items[0]?.status === 'delivered');
    const events = createEventDeliveryService({
      store: t.container.store,
      box: createSecretBox(t.config.secretKey),
      settings: t.config.eventDelivery,
      enqueue: async () => {},
      logger: createLogger('silent'),
    });
    expect(await events.deliver(Number(row?.id))).toEqual({ status: 'skipped' });
    expect(await events.dispatch()).toMatchObject({ deliveries: 0 });
    expect(r.events().filter((e) => e.body.id === eventId)).toHaveLength(1);
  });
});
