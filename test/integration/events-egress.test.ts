import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { createEgressGuard } from '../../src/services/egress.ts';
import { createEventDeliveryService } from '../../src/services/event-delivery.service.ts';
import { createSecretBox } from '../../src/services/secret-box.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { rawQuery } from '../support/engagement.ts';
import { uniq } from '../support/env.ts';
import { eventsApi } from '../support/events.ts';

/**
 * Subscriptions must not turn Jalon into a probe of its own network (SSRF): with internal targets
 * refused (the production default), a URL naming a loopback, private or link-local address is 422
 * at creation, and a name that resolves inside is refused at each delivery attempt, before any
 * request leaves.
 */

let t: TestApp;
let api: ReturnType<typeof eventsApi>;
const SECRET = `whsec_${'k'.repeat(32)}`;

beforeAll(async () => {
  t = await buildTestApp({ env: { JALON_EVENT_ALLOW_INTERNAL_TARGETS: 'false' } });
  api = eventsApi(t);
});
afterAll(async () => {
  await t?.close();
});

/** The event delivery service on this app's store, with the test's own guard, clock or client. */
const deliveryService = (
  over: Pick<Parameters<typeof createEventDeliveryService>[0], 'egress' | 'now' | 'fetch'>,
) =>
  createEventDeliveryService({
    store: t.container.store,
    box: createSecretBox(t.config.secretKey),
    settings: t.config.eventDelivery,
    enqueue: async () => {},
    logger: createLogger('silent'),
    ...over,
  });

const count = async () =>
  Number((await rawQuery<{ n: string }>(t, 'select count(*) n from subscriptions'))[0]?.n);

describe('subscriptions to internal addresses, when refused', () => {
  it('refuses literal internal addresses and localhost at creation, storing nothing', async () => {
    expect(t.config.eventDelivery.allowInternalTargets).toBe(false);
    const before = await count();
    for (const url of [
      'http://127.0.0.1:8080/hooks',
      'http://localhost/hooks',
      'http://api.localhost./hooks',
      'http://[::1]/hooks',
      'http://169.254.169.254/latest/meta-data',
      'http://10.1.2.3/x',
      'http://172.20.0.1/x',
      'http://192.168.1.10/x',
      'http://[::ffff:7f00:1]/x',
      'http://[fd00::1]/x',
      'http://0.0.0.0/x',
      'http://2130706433/x', // 127.0.0.1 written as one number: the URL parser normalises it
      // Loopback written in IPv6: compatible, translated, NAT64, 6to4 and Teredo forms.
      'http://[::7f00:1]/x',
      'http://[::ffff:0:7f00:1]/x',
      'http://[64:ff9b::7f00:1]/x',
      'http://[2002:7f00:1::]/x',
      'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/x',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/subscriptions',
        headers: t.admin,
        payload: { url, events: ['milestone.unlocked'], secret: SECRET },
      });
      expect(res.statusCode, url).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors[0]).toMatchObject({
        path: 'body.url',
        message: expect.stringContaining('inside Jalon'),
      });
    }
    expect(await count()).toBe(before);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/v1/subscriptions',
      headers: t.admin,
      payload: { url: 'https://erp.client.example/hooks', events: ['milestone.unlocked'], secret: SECRET },
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses, at each attempt, a name that resolves inside; nothing is sent and the log says why', async () => {
    const sub = await api.subscribe(
      `https://${uniq('erp')}.client.example/hooks`,
      ['milestone.paid'],
      SECRET,
    );
    const { eventId } = await api.append('milestone.paid');
    const sent: string[] = [];
    const service = (address: string, daysAhead = 0) =>
      deliveryService({
        egress: createEgressGuard({ allowInternal: false, lookup: async () => [{ address }] }),
        now: () => new Date(Date.now() + daysAhead * 86_400_000),
        fetch: async (url) => {
          sent.push(String(url));
          return new Response(null, { status: 204 });
        },
      });
    await service('10.0.0.7').dispatch();
    const [pending] = await api.deliveries(sub);
    expect(pending?.eventId).toBe(eventId);
    expect(await service('10.0.0.7').deliver(Number(pending?.id))).toEqual({ status: 'retry' });
    expect(sent).toEqual([]);
    const [refused] = await api.deliveries(sub);
    expect(refused).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(refused?.lastError).toMatch(/^refused: .* resolves to 10\.0\.0\.7, which is a loopback, private/);
    // The name now resolves outside: the next attempt (a week later, well after its backoff) goes out.
    expect(await service('93.184.216.34', 7).deliver(Number(pending?.id))).toEqual({ status: 'delivered' });
    expect(sent).toHaveLength(1);
  });
});

describe('a name that resolves outside to the check and inside to the connection (DNS rebinding)', () => {
  it('is refused when the request connects; the internal server receives nothing', async () => {
    // A server on loopback stands for the internal service the attacker wants to reach.
    const received: string[] = [];
    const server = createServer((req, res) => {
      received.push(req.url ?? '');
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const sub = await api.subscribe(
        `http://${uniq('rebind')}.client.example:${port}/hooks`,
        ['milestone.invoiced'],
        SECRET,
      );
      await api.append('milestone.invoiced');
      // First answer (the check before the attempt): a public address; every later one: loopback.
      let calls = 0;
      const rebinding = createEgressGuard({
        allowInternal: false,
        lookup: async () => [{ address: calls++ === 0 ? '93.184.216.34' : '127.0.0.1' }],
      });
      const service = deliveryService({
        egress: rebinding,
      });
      await service.dispatch();
      const [pending] = await api.deliveries(sub);
      expect(await service.deliver(Number(pending?.id))).toEqual({ status: 'retry' });
      expect(calls).toBeGreaterThanOrEqual(2); // checked, then resolved again to connect
      expect(received).toEqual([]);
      const [refused] = await api.deliveries(sub);
      expect(refused?.lastError).toMatch(
        /^refused: .* resolves to 127\.0\.0\.1, which is a loopback, private/,
      );

      // The same server reached through a guard that allows internal targets: the route works.
      const open = deliveryService({
        egress: createEgressGuard({ allowInternal: true }),
        now: () => new Date(Date.now() + 7 * 86_400_000),
        fetch: (_url, init) => fetch(`http://127.0.0.1:${port}/hooks`, init),
      });
      expect(await open.deliver(Number(pending?.id))).toEqual({ status: 'delivered' });
      expect(received).toEqual(['/hooks']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the egress guard', () => {
  // The connect-time check (DNS rebinding) on IPv6 spellings of 127.0.0.1 and 169.254.169.254.
  it.each([
    '::7f00:1',
    '::ffff:0:7f00:1',
    '64:ff9b::7f00:1',
    '2002:7f00:1::',
    '2001:0:4136:e378:8000:63bf:80ff:fffe',
    '64:ff9b::a9fe:a9fe',
  ])('refuses to connect to a name that resolves to %s', async (address) => {
    const guard = createEgressGuard({ allowInternal: false, lookup: async () => [{ address }] });
    const host = `${uniq('v6')}.client.example`;
    expect(await guard.refusal(`https://${host}/x`)).toContain(`resolves to ${address}`);
    const sent = fetch(`http://${host}/x`, { dispatcher: guard.dispatcher } as unknown as RequestInit);
    const err = await sent.then(
      () => null,
      (e: Error) => e,
    );
    expect((err?.cause as Error | undefined)?.name).toBe('EgressRefused');
  });

  it('lets everything through when internal targets are allowed (development, tests)', async () => {
    const guard = createEgressGuard({ allowInternal: true, lookup: async () => [{ address: '127.0.0.1' }] });
    expect(guard.dispatcher).toBeUndefined();
    expect(guard.literalRefusal('http://127.0.0.1/x')).toBeNull();
    expect(await guard.refusal('http://receiver.test/x')).toBeNull();
  });
});
