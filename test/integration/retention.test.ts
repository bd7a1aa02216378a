import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/auth.ts';
import { createLogger } from '../../src/logger.ts';
import { createDecisionService } from '../../src/services/decisions.service.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { contractApi, rawQuery } from '../support/engagement.ts';

/** Issue 16 item 15: the retention held back at unlock is released after the warranty, then invoiced and paid. */

let t: TestApp;
let finance: { authorization: string };
let pmo: { authorization: string };
const PMO: Actor = { keyId: 'key_retention_test', role: 'pmo', providerId: null };

beforeAll(async () => {
  t = await buildTestApp();
  finance = await t.keyFor('finance');
  pmo = await t.keyFor('pmo');
});
afterAll(async () => {
  await t?.close();
});

/**
 * An invoiced milestone of 60 000.00 EUR with 5 % retention (3 000.00), accepted early on
 * 2026-06-01 (a day already past, so that a warranty of 0 days is over), whose warranty lasts
 * `warrantyDays`.
 */
async function paid(warrantyDays: number) {
  const api = contractApi(t);
  const providerId = await api.provider();
  const engagementId = await api.draft(providerId, t.admin);
  const deliverableId = await api.deliverable(engagementId);
  const milestoneId = await api.milestone(engagementId, [deliverableId], t.admin, { warrantyDays });
  await api.expectStatus(api.call('POST', `/v1/engagements/${engagementId}/activate`, t.admin), 200);
  await createDecisionService({
    store: t.container.store,
    afterDecision: async () => {},
    now: () => new Date('2026-06-01T10:00:00Z'),
    logger: createLogger('silent'),
  }).decide(PMO, deliverableId, { decision: 'accept', override: true });
  const url = `/v1/payment-milestones/${milestoneId}`;
  await api.expectStatus(api.call('POST', `${url}/invoice`, finance, { invoiceRef: 'INV-1' }), 200);
  return { providerId, engagementId, milestoneId, url };
}

const post = (url: string, headers: Record<string, string>, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });

describe('the retention of a payment milestone', () => {
  it('is held, released by the PMO once paid and the warranty is over, then invoiced and paid by finance', async () => {
    const m = await paid(0);
    const held = await t.app.inject({ url: m.url, headers: finance });
    expect(held.json()).toMatchObject({
      retentionMinor: 300_000,
      retentionStatus: 'held',
      warrantyDays: 0,
      warrantyEndsOn: '2026-06-01',
    });
    // Invoiced, not paid yet: the retention stays held.
    const early = await post(`${m.url}/release-retention`, pmo);
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json()).toMatchObject({ code: 'milestone_not_paid' });
    expect((await post(`${m.url}/pay`, finance, { paymentRef: 'SEPA-1' })).statusCode).toBe(200);

    expect((await post(`${m.url}/invoice-retention`, finance, { invoiceRef: 'R-1' })).statusCode).toBe(409);
    expect((await post(`${m.url}/release-retention`, finance)).statusCode).toBe(403);
    const released = await post(`${m.url}/release-retention`, pmo);
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({
      status: 'paid',
      netMinor: 5_700_000,
      retentionStatus: 'released',
      retentionReleasedAt: expect.any(String),
    });
    const twice = await post(`${m.url}/release-retention`, pmo);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'invalid_transition' });

    const invoiced = await post(`${m.url}/invoice-retention`, finance, { invoiceRef: 'INV-R-1' });
    expect(invoiced.json()).toMatchObject({ retentionStatus: 'invoiced', retentionInvoiceRef: 'INV-R-1' });
    const settled = await post(`${m.url}/pay-retention`, finance, { paymentRef: 'SEPA-R-1' });
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json()).toMatchObject({
      status: 'paid',
      retentionStatus: 'paid',
      retentionInvoiceRef: 'INV-R-1',
      retentionPaymentRef: 'SEPA-R-1',
      retentionPaidAt: expect.any(String),
    });
    const listed = await t.app.inject({
      url: `/v1/payment-milestones?engagementId=${m.engagementId}`,
      headers: finance,
    });
    expect(listed.json().items[0]).toEqual(settled.json());

    const events = await rawQuery<{ type: string; data: Record<string, unknown> }>(
      t,
      'select type, data from outbox_events where subject_id = $1 order by seq',
      [m.milestoneId],
    );
    expect(events.map((e) => e.type)).toEqual([
      'milestone.unlocked',
      'milestone.invoiced',
      'milestone.paid',
      'milestone.retention_released',
    ]);
    expect(events[3]?.data).toMatchObject({
      retentionMinor: 300_000,
      currency: 'EUR',
      warrantyEndsOn: '2026-06-01',
    });
    const audit = await t.app.inject({
      url: `/v1/audit?entityType=payment_milestone&entityId=${m.milestoneId}`,
      headers: t.admin,
    });
    expect(
      audit
        .json()
        .items.map((i: { action: string }) => i.action)
        .slice(-3),
    ).toEqual(['release_retention', 'invoice_retention', 'pay_retention']);
  }, 60_000);

  it('cannot be released before the warranty period ends, and changes nothing when refused', async () => {
    const m = await paid(3650);
    expect((await post(`${m.url}/pay`, finance, { paymentRef: 'SEPA-2' })).statusCode).toBe(200);
    const refused = await post(`${m.url}/release-retention`, pmo);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'warranty_not_over', warrantyEndsOn: '2036-05-29' });
    const after = await t.app.inject({ url: m.url, headers: finance });
    expect(after.json()).toMatchObject({ retentionStatus: 'held', retentionReleasedAt: null });
    const events = await rawQuery<{ type: string }>(
      t,
      "select type from outbox_events where subject_id = $1 and type = 'milestone.retention_released'",
      [m.milestoneId],
    );
    expect(events).toEqual([]);
  }, 60_000);

  it('replays a release for the same Idempotency-Key and announces it once', async () => {
    const m = await paid(0);
    expect((await post(`${m.url}/pay`, finance, { paymentRef: 'SEPA-3' })).statusCode).toBe(200);
    const headers = { ...pmo, 'idempotency-key': `release-${m.milestoneId}` };
    const first = await post(`${m.url}/release-retention`, headers);
    const again = await post(`${m.url}/release-retention`, headers);
    expect(first.statusCode, first.body).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const events = await rawQuery<{ type: string }>(
      t,
      "select type from outbox_events where subject_id = $1 and type = 'milestone.retention_released'",
      [m.milestoneId],
    );
    expect(events).toHaveLength(1);
  }, 60_000);

  it('is shown held per engagement on its dashboard until it is paid', async () => {
    const m = await paid(0);
    const dashboard = async () =>
      (await t.app.inject({ url: `/v1/engagements/${m.engagementId}/dashboard`, headers: pmo })).json();
    const before = await dashboard();
    expect(before.summary.retention).toEqual({
      currency: 'EUR',
      heldMinor: 300_000,
      payableMinor: 0,
      paidMinor: 0,
    });
    expect(before.milestones[0]).toMatchObject({ retentionMinor: 300_000, retentionStatus: 'held' });
    await post(`${m.url}/pay`, finance, { paymentRef: 'SEPA-4' });
    await post(`${m.url}/release-retention`, pmo);
    expect((await dashboard()).summary.retention).toMatchObject({ heldMinor: 0, payableMinor: 300_000 });
  }, 60_000);

  it('is shown per provider in the portfolio, beside the net money', async () => {
    const m = await paid(0);
    const portfolio = async () => {
      const res = await t.app.inject({ url: '/v1/dashboard/providers?limit=500', headers: pmo });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.find((p: { providerId: string }) => p.providerId === m.providerId);
    };
    expect((await portfolio()).retention).toEqual([
      { currency: 'EUR', heldMinor: 300_000, payableMinor: 0, paidMinor: 0 },
    ]);
    await post(`${m.url}/pay`, finance, { paymentRef: 'SEPA-5' });
    await post(`${m.url}/release-retention`, pmo);
    await post(`${m.url}/invoice-retention`, finance, { invoiceRef: 'INV-R-5' });
    await post(`${m.url}/pay-retention`, finance, { paymentRef: 'SEPA-R-5' });
    expect((await portfolio()).retention).toEqual([
      { currency: 'EUR', heldMinor: 0, payableMinor: 0, paidMinor: 300_000 },
    ]);
  }, 60_000);

  it('leaves contract versions recorded before the warranty term readable, with no warranty', async () => {
    const m = await paid(30);
    // A version as recorded before migration 0024: its milestones without the fields it added.
    await rawQuery(
      t,
      `insert into contract_versions (engagement_id, version, snapshot, recorded_by)
       select engagement_id, 99, jsonb_set(snapshot, '{milestones}', (
           select jsonb_agg(x - 'warrantyDays' - 'daysLateRaw' - 'daysCharged' - 'retentionStatus')
           from jsonb_array_elements(snapshot->'milestones') x)), recorded_by
       from contract_versions where engagement_id = $1 and version = 1`,
      [m.engagementId],
    );
    const old = await t.app.inject({ url: `/v1/engagements/${m.engagementId}?version=99`, headers: pmo });
    expect(old.statusCode, old.body).toBe(200);
    expect(old.json().milestones[0]).toMatchObject({ warrantyDays: 0, retentionStatus: null });
    const v1 = await t.app.inject({ url: `/v1/engagements/${m.engagementId}?version=1`, headers: pmo });
    expect(v1.json().milestones[0]).toMatchObject({ warrantyDays: 30 });
  }, 60_000);
});
