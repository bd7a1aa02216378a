import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/auth.ts';
import { createLogger } from '../../src/logger.ts';
import { createDecisionService } from '../../src/services/decisions.service.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { contractApi, rawQuery } from '../support/engagement.ts';

let t: TestApp;
let finance: { authorization: string };
let pmo: { authorization: string };
const PMO: Actor = { keyId: 'key_finance_test', role: 'pmo', providerId: null };

beforeAll(async () => {
  t = await buildTestApp();
  finance = await t.keyFor('finance');
  pmo = await t.keyFor('pmo');
});
afterAll(async () => {
  await t?.close();
});

/** An active contract whose milestone is unlocked by an acceptance at `at` (due 2027-03-31, Paris). */
async function unlocked(
  over: { currency?: string; label?: string; providerId?: string } = {},
  at = '2027-04-03T10:00:00Z',
) {
  const api = contractApi(t);
  const providerId = over.providerId ?? (await api.provider());
  const engagementId = await api.draft(providerId, t.admin, over.currency ? { currency: over.currency } : {});
  const deliverableId = await api.deliverable(engagementId);
  const milestoneId = await api.milestone(
    engagementId,
    [deliverableId],
    t.admin,
    over.label ? { label: over.label } : {},
  );
  await api.expectStatus(api.call('POST', `/v1/engagements/${engagementId}/activate`, t.admin), 200);
  const decision = await createDecisionService({
    store: t.container.store,
    afterDecision: async () => {},
    now: () => new Date(at),
    logger: createLogger('silent'),
  }).decide(PMO, deliverableId, { decision: 'accept', override: true });
  return { providerId, engagementId, deliverableId, milestoneId, decisionId: decision.id };
}

const list = async (query: string, headers = finance) => {
  const res = await t.app.inject({ url: `/v1/payment-milestones?${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Record<string, unknown>[]; nextCursor: string | null };
};
const ids = (page: { items: Record<string, unknown>[] }) => page.items.map((i) => i.id);
const post = (url: string, payload: Record<string, unknown>, headers: Record<string, string> = finance) =>
  t.app.inject({ method: 'POST', url, headers, payload });

describe('GET /v1/payment-milestones', () => {
  it('lists with the settlement and the evidence, filtered and paged', async () => {
    const a = await unlocked();
    const b = await unlocked({ currency: 'USD' }, '2027-03-30T10:00:00Z');
    const locked = await contractApi(t).activeContract(a.providerId);
    const byEngagement = await list(`engagementId=${a.engagementId}`);
    expect(byEngagement.items).toEqual([
      {
        id: a.milestoneId,
        engagementId: a.engagementId,
        providerId: a.providerId,
        label: expect.any(String),
        status: 'unlocked',
        currency: 'EUR',
        amountMinor: 6_000_000,
        bonusMinor: 0,
        penaltyMinor: 30_000,
        retentionMinor: 300_000,
        netMinor: 5_670_000,
        daysLate: 1,
        daysLateRaw: 3,
        daysCharged: 1,
        daysEarly: 0,
        notBefore: null,
        unlockedAt: '2027-04-03T10:00:00.000Z',
        invoiceRef: null,
        invoicedAt: null,
        paymentRef: null,
        paidAt: null,
        warrantyDays: 0,
        warrantyEndsOn: '2027-04-03',
        retentionStatus: 'held',
        retentionReleasedAt: null,
        retentionInvoiceRef: null,
        retentionInvoicedAt: null,
        retentionPaymentRef: null,
        retentionPaidAt: null,
        evidence: {
          timeZone: 'Europe/Paris',
          lateness: 3,
          deliverables: [
            {
              deliverableId: a.deliverableId,
              title: expect.any(String),
              dueDate: '2027-03-31',
              decisionId: a.decisionId,
              acceptedAt: '2027-04-03T10:00:00.000Z',
              override: true,
              daysLate: 3,
            },
          ],
        },
      },
    ]);
    expect(ids(await list(`providerId=${a.providerId}`)).sort()).toEqual(
      [a.milestoneId, locked.milestoneId].sort(),
    );
    expect(ids(await list(`providerId=${a.providerId}&status=unlocked`))).toEqual([a.milestoneId]);
    expect(ids(await list(`providerId=${a.providerId}&status=locked`))).toEqual([locked.milestoneId]);
    expect(ids(await list('currency=USD'))).toEqual([b.milestoneId]);
    expect((await list(`engagementId=${b.engagementId}`)).items[0]).toMatchObject({
      netMinor: 5_700_000,
      penaltyMinor: 0,
    });
    const since = await list('unlockedSince=2027-04-01&status=unlocked');
    expect(ids(since)).toContain(a.milestoneId);
    expect(ids(since)).not.toContain(b.milestoneId);
    expect(ids(await list('unlockedSince=2027-03-30T09:59:00Z'))).toEqual(
      expect.arrayContaining([a.milestoneId, b.milestoneId]),
    );

    const first = await list('limit=1', pmo);
    expect(first.items).toHaveLength(1);
    const second = await list(`limit=1&cursor=${first.nextCursor}`, pmo);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expect(
      (await t.app.inject({ url: '/v1/payment-milestones?currency=eur', headers: finance })).statusCode,
    ).toBe(400);
  }, 60_000);

  it('answers CSV for spreadsheets: header, RFC 4180 quoting, integer minor units, currency', async () => {
    const a = await unlocked({ label: 'Design, "phase 1"' });
    const b = await unlocked({ label: '=HYPERLINK("x")', providerId: a.providerId });
    const res = await t.app.inject({
      url: `/v1/payment-milestones?providerId=${a.providerId}`,
      headers: { ...finance, accept: 'text/csv' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.body.split('\r\n');
    // Every field is quoted (OWASP's advice on CSV injection), so a `;` locale reads the same cells.
    expect(lines[0]).toBe(
      '"id","engagementId","providerId","label","status","currency","amountMinor","bonusMinor","penaltyMinor","retentionMinor","netMinor","daysLate","daysLateRaw","daysCharged","unlockedAt","invoiceRef","invoicedAt","paymentRef","paidAt","warrantyEndsOn","retentionStatus","retentionInvoiceRef","retentionPaymentRef","acceptedDeliverableIds","decisionIds","acceptedAt"',
    );
    expect(lines[1]).toBe(
      `"${a.milestoneId}","${a.engagementId}","${a.providerId}","Design, ""phase 1""","unlocked","EUR","6000000","0","30000","300000","5670000","1","3","1","2027-04-03T10:00:00.000Z","","","","","2027-04-03","held","","","${a.deliverableId}","${a.decisionId}","2027-04-03T10:00:00.000Z"`,
    );
    expect(lines[2]).toContain(
      `"${b.milestoneId}","${b.engagementId}","${a.providerId}","'=HYPERLINK(""x"")","unlocked","EUR",`,
    );
    expect(lines.slice(3)).toEqual(['']);
    const json = await t.app.inject({
      url: `/v1/payment-milestones?providerId=${a.providerId}`,
      headers: { ...finance, accept: 'application/json, text/csv' },
    });
    expect(json.json().items).toHaveLength(2);
  }, 60_000);

  it('is for finance and PMO keys; provider keys are refused', async () => {
    const a = await unlocked();
    const provider = await t.keyFor('provider', a.providerId);
    expect((await t.app.inject({ url: '/v1/payment-milestones', headers: provider })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ url: `/v1/payment-milestones/${a.milestoneId}`, headers: provider })).statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ url: `/v1/payment-milestones/${a.milestoneId}`, headers: pmo })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ url: '/v1/payment-milestones/pms_missing', headers: finance })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: '/v1/payment-milestones' })).statusCode).toBe(401);
  }, 60_000);
});

describe('invoice and pay', () => {
  it('move unlocked → invoiced → paid, audited and announced; other moves are 409', async () => {
    const a = await unlocked();
    const url = `/v1/payment-milestones/${a.milestoneId}`;
    expect((await post(`${url}/pay`, { paymentRef: 'P-1' })).statusCode).toBe(409);
    const invoiced = await post(`${url}/invoice`, { invoiceRef: 'INV-1' });
    expect(invoiced.statusCode, invoiced.body).toBe(200);
    expect(invoiced.json()).toMatchObject({ status: 'invoiced', invoiceRef: 'INV-1', netMinor: 5_670_000 });
    const twice = await post(`${url}/invoice`, { invoiceRef: 'INV-1' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'invalid_transition', current: 'invoiced' });
    const paid = await post(`${url}/pay`, { paymentRef: 'SEPA-9' });
    expect(paid.json()).toMatchObject({ status: 'paid', invoiceRef: 'INV-1', paymentRef: 'SEPA-9' });
    const events = await rawQuery<{ type: string }>(
      t,
      'select type from outbox_events where subject_id = $1 order by seq',
      [a.milestoneId],
    );
    expect(events.map((e) => e.type)).toEqual(['milestone.unlocked', 'milestone.invoiced', 'milestone.paid']);
    const audit = await t.app.inject({
      url: `/v1/audit?entityType=payment_milestone&entityId=${a.milestoneId}`,
      headers: t.admin,
    });
    expect(
      audit
        .json()
        .items.map((i: { action: string }) => i.action)
        .slice(-3),
    ).toEqual(['unlock', 'invoice', 'pay']);
    const locked = await contractApi(t).activeContract();
    expect(
      (await post(`/v1/payment-milestones/${locked.milestoneId}/invoice`, { invoiceRef: 'X' })).statusCode,
    ).toBe(409);
  }, 60_000);

  it('replays the first answer for the same Idempotency-Key and body; another body is 409', async () => {
    const a = await unlocked();
    const url = `/v1/payment-milestones/${a.milestoneId}/invoice`;
    const headers = { ...finance, 'idempotency-key': 'inv-key-1' };
    const first = await post(url, { invoiceRef: 'INV-7' }, headers);
    expect(first.statusCode).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const replay = await post(url, { invoiceRef: 'INV-7' }, headers);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const reused = await post(url, { invoiceRef: 'INV-8' }, headers);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('idempotency_key_reused');
    // The same key on another milestone is another request too.
    const b = await unlocked();
    const elsewhere = await post(
      `/v1/payment-milestones/${b.milestoneId}/invoice`,
      { invoiceRef: 'INV-7' },
      headers,
    );
    expect(elsewhere.json().code).toBe('idempotency_key_reused');
    const invoicedEvents = await rawQuery<{ n: string }>(
      t,
      `select count(*) n from outbox_events where type = 'milestone.invoiced' and subject_id = $1`,
      [a.milestoneId],
    );
    expect(Number(invoicedEvents[0]?.n)).toBe(1);
    const pay = { ...finance, 'idempotency-key': 'pay-key-1' };
    const paid = await Promise.all(
      [1, 2, 3].map(() => post(`/v1/payment-milestones/${a.milestoneId}/pay`, { paymentRef: 'P-7' }, pay)),
    );
    expect(paid.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(new Set(paid.map((r) => r.body)).size).toBe(1);
    expect(paid.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
  }, 60_000);

  it('is for finance keys (and admin): PMO and provider keys are refused', async () => {
    const a = await unlocked();
    const provider = await t.keyFor('provider', a.providerId);
    for (const headers of [pmo, provider]) {
      expect(
        (await post(`/v1/payment-milestones/${a.milestoneId}/invoice`, { invoiceRef: 'I' }, headers))
          .statusCode,
      ).toBe(403);
      expect(
        (await post(`/v1/payment-milestones/${a.milestoneId}/pay`, { paymentRef: 'P' }, headers)).statusCode,
      ).toBe(403);
    }
    expect(
      (await post(`/v1/payment-milestones/${a.milestoneId}/invoice`, { invoiceRef: 'I' }, t.admin))
        .statusCode,
    ).toBe(200);
    expect(
      (await post(`/v1/payment-milestones/${a.milestoneId}/invoice`, { invoiceRef: '' })).statusCode,
    ).toBe(400);
  }, 60_000);
});
