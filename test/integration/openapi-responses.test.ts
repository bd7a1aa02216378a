import type { InjectOptions } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventType } from '../../src/core/events.ts';
import { buildApp } from '../../src/http/app.ts';
import { eventComponent } from '../../src/http/openapi-contract.ts';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { ALL_MET } from '../support/decisions.ts';
import { contractApi, engagementBody } from '../support/engagement.ts';
import { uniq } from '../support/env.ts';
import { type EventReceiver, startEventReceiver } from '../support/event-receiver.ts';
import { APP_QUEUES, FAST_EVENT_RETRIES } from '../support/events.ts';
import { contractValidator } from '../support/openapi-validator.ts';

/**
 * Real answers, errors included, checked against the committed openapi.yaml (body schemas with
 * their formats, media types, declared headers), and real delivered events against its webhooks.
 */
let t: TestApp;
let workers: Workers;
let receiver: EventReceiver;
const contract = contractValidator();
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

beforeAll(async () => {
  t = await buildTestApp({ env: FAST_EVENT_RETRIES });
  workers = t.container.startWorkers();
  receiver = await startEventReceiver({ secret: SECRET });
});
afterAll(async () => {
  await workers?.close();
  for (const q of APP_QUEUES) await t?.container.queues.queue(q).obliterate({ force: true });
  await receiver?.close();
  await t?.close();
});

/** Sends the request and fails with every way the answer departs from openapi.yaml. */
async function call(
  opts: InjectOptions & { method: string; url: string },
  status: number,
  app = t.app,
): Promise<{ json: () => Record<string, unknown>; headers: Record<string, unknown>; body: string }> {
  const res = await app.inject(opts);
  expect(res.statusCode, res.body).toBe(status);
  expect(contract.check(opts.method, opts.url, res), `${opts.method} ${opts.url}`).toEqual([]);
  return res as never;
}

describe('answers conform to openapi.yaml', () => {
  it('creating, reading and moving a contract: 201 with Location, 200, formats, problem+json errors', async () => {
    const h = t.admin;
    const provider = await call(
      { method: 'POST', url: '/v1/providers', headers: h, payload: { name: uniq('A') } },
      201,
    );
    const providerId = String(provider.json().id);
    expect(provider.headers.location).toBe(`/v1/providers/${providerId}`);
    const api = contractApi(t);
    const engagement = await call(
      {
        method: 'POST',
        url: '/v1/engagements',
        headers: h,
        payload: engagementBody(providerId),
      },
      201,
    );
    const engagementId = String(engagement.json().id);
    const follow = await call({ method: 'GET', url: String(engagement.headers.location), headers: h }, 200);
    expect(follow.json().id).toBe(engagementId);
    const deliverableId = await api.deliverable(engagementId);
    const milestoneId = await api.milestone(engagementId, [deliverableId]);
    await call({ method: 'POST', url: `/v1/engagements/${engagementId}/activate`, headers: h }, 200);
    await call({ method: 'GET', url: `/v1/deliverables/${deliverableId}`, headers: h }, 200);
    await call({ method: 'GET', url: `/v1/tasks?engagementId=${engagementId}`, headers: h }, 200);
    await call({ method: 'GET', url: `/v1/engagements/${engagementId}/dashboard`, headers: h }, 200);
    await call({ method: 'GET', url: `/v1/engagements/${engagementId}/report`, headers: h }, 200);
    await call(
      {
        method: 'GET',
        url: `/v1/engagements/${engagementId}/report`,
        headers: { ...h, accept: 'text/markdown' },
      },
      200,
    );
    const decision = await call(
      {
        method: 'POST',
        url: `/v1/deliverables/${deliverableId}/decision`,
        headers: h,
        payload: { decision: 'accept', override: true, criteria: ALL_MET },
      },
      201,
    );
    expect(decision.headers.location).toBe(`/v1/deliverables/${deliverableId}/decisions`);
    await call({ method: 'GET', url: `/v1/payment-milestones/${milestoneId}`, headers: h }, 200);

    // Errors: each is problem+json with the Problem schema, under a status the operation declares.
    await call({ method: 'GET', url: '/v1/engagements/eng_missing', headers: h }, 404);
    await call({ method: 'GET', url: '/v1/engagements' }, 401);
    const finance = await t.keyFor('finance');
    await call({ method: 'POST', url: '/v1/providers', headers: finance, payload: { name: 'x' } }, 403);
    const bad = await call({ method: 'POST', url: '/v1/providers', headers: h, payload: { name: '' } }, 400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    await call({ method: 'POST', url: `/v1/engagements/${engagementId}/activate`, headers: h }, 409);
    await call(
      {
        method: 'POST',
        url: '/v1/providers',
        headers: { ...h, 'content-type': 'application/xml' },
        payload: '<name>x</name>',
      },
      415,
    );
    await call(
      { method: 'POST', url: '/v1/providers', headers: h, payload: { name: 'x'.repeat(1_100_000) } },
      413,
    );
  }, 60_000);

  it('change requests: approve and reject take no body (requestBody not required)', async () => {
    const api = contractApi(t);
    const c = await api.activeContract();
    for (const action of ['approve', 'reject'] as const) {
      const id = await api.submittedChange(c);
      const paths = contract.doc.paths as Record<string, { post: { requestBody: { required: boolean } } }>;
      const op = paths[`/v1/change-requests/{id}/${action}`]?.post;
      expect(op?.requestBody.required).toBe(false);
      const res = await call(
        { method: 'POST', url: `/v1/change-requests/${id}/${action}`, headers: t.admin },
        200,
      );
      expect(res.json().status).toBe(action === 'approve' ? 'approved' : 'rejected');
    }
    const created = await call(
      {
        method: 'POST',
        url: `/v1/engagements/${c.engagementId}/change-requests`,
        headers: t.admin,
        payload: {
          title: 'Avenant',
          rationale: 'Scope moved',
          changes: [{ op: 'modify_deliverable', deliverableId: c.deliverableId, set: { title: 'Renamed' } }],
          impact: { costMinor: 0, scheduleDays: 0 },
        },
      },
      201,
    );
    expect(created.headers.location).toBe(`/v1/change-requests/${created.json().id}`);
  }, 60_000);

  it('finance: CSV pages with X-Next-Cursor, Idempotent-Replayed on a replay, and the events as webhooks: describes them', async () => {
    await call(
      {
        method: 'POST',
        url: '/v1/subscriptions',
        headers: t.admin,
        payload: { url: receiver.url, events: EventType.options, secret: SECRET },
      },
      201,
    );
    const api = contractApi(t);
    const contracts = [await api.activeContract(), await api.activeContract()];
    for (const c of contracts)
      await call(
        {
          method: 'POST',
          url: `/v1/deliverables/${c.deliverableId}/decision`,
          headers: t.admin,
          payload: { decision: 'accept', override: true, criteria: ALL_MET },
        },
        201,
      );
    const csv = await call(
      { method: 'GET', url: '/v1/payment-milestones?limit=1', headers: { ...t.admin, accept: 'text/csv' } },
      200,
    );
    expect(csv.headers['x-next-cursor']).toEqual(expect.any(String));
    await call({ method: 'GET', url: '/v1/payment-milestones?limit=2', headers: t.admin }, 200);
    const milestoneId = String(contracts[0]?.milestoneId);
    const invoice = {
      method: 'POST',
      url: `/v1/payment-milestones/${milestoneId}/invoice`,
      headers: { ...t.admin, 'idempotency-key': uniq('inv') },
      payload: { invoiceRef: 'INV-1' },
    };
    await call(invoice, 200);
    const replay = await call(invoice, 200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    await call(
      {
        method: 'POST',
        url: `/v1/payment-milestones/${milestoneId}/pay`,
        headers: t.admin,
        payload: { paymentRef: 'PAY-1' },
      },
      200,
    );
    await call({ method: 'GET', url: `/v1/payment-milestones/${milestoneId}`, headers: t.admin }, 200);

    for (const type of [
      'deliverable.accepted',
      'milestone.unlocked',
      'milestone.invoiced',
      'milestone.paid',
    ]) {
      const got = await receiver.waitFor((e) => e.body.type === type);
      expect(got.verifiedOnArrival).toMatchObject({ ok: true });
      expect(contract.checkSchema(eventComponent(type), got.body), type).toEqual([]);
      expect(Object.keys((contract.doc.webhooks as Record<string, unknown>) ?? {})).toContain(type);
    }
  }, 90_000);

  it('503 under overload: problem+json with the declared Retry-After', async () => {
    const app = await buildApp({
      logger: pino({ level: 'silent' }),
      services: t.container.services,
      readiness: t.container.readiness,
      pressure: { maxHeapUsedBytes: 1, maxEventLoopDelayMs: 0 },
    });
    await app.ready();
    await new Promise((r) => setTimeout(r, 1500)); // one sampling interval
    const res = await call({ method: 'GET', url: '/v1/engagements', headers: t.admin }, 503, app);
    expect(res.headers['retry-after']).toBe('5');
    await app.close();
  });
});
