import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/auth.ts';
import { settleMilestone } from '../../src/core/money.ts';
import { unlockCheckJob } from '../../src/jobs/unlock.job.ts';
import type { Workers } from '../../src/jobs/workers.ts';
import { createLogger } from '../../src/logger.ts';
import { createDecisionService } from '../../src/services/decisions.service.ts';
import { createUnlockCheck } from '../../src/services/milestone-unlock.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { ALL_MET, civilDay, decide, decisionContract, sendJira, untilStatus } from '../support/decisions.ts';
import { contractApi, milestoneBody, rawQuery } from '../support/engagement.ts';

let t: TestApp;
let workers: Workers;
let pmo: { authorization: string };
const logger = createLogger('silent');
const PMO: Actor = { keyId: 'key_unlock_test', role: 'pmo', providerId: null };
const QUEUES = [
  'ingest',
  'relay',
  'sync',
  'recompute',
  'pushback',
  'events',
  'event-delivery',
  'unlock-check',
];

beforeAll(async () => {
  t = await buildTestApp();
  workers = t.container.startWorkers();
  pmo = await t.keyFor('pmo');
});
afterAll(async () => {
  await workers?.close();
  for (const q of QUEUES) await t?.container.queues.queue(q).obliterate({ force: true });
  await t?.close();
});

/** The decision service at a chosen instant (the API stamps decisions with the real clock). */
const decidingAt = (iso: string) =>
  createDecisionService({
    store: t.container.store,
    afterDecision: async () => {},
    now: () => new Date(iso),
    logger,
  });

const payment = async (id: string) =>
  (await t.app.inject({ url: `/v1/payment-milestones/${id}`, headers: pmo })).json();

/** The suite's milestone terms: 6 000 000, 50 bps/day after 2 grace days, cap 1000, retention 500. */
const TERMS = {
  amountMinor: 6_000_000,
  retentionBps: 500,
  latePenalty: { bpsPerDay: 50, graceDays: 2, capBps: 1000 },
};

describe('payment milestones unlock in the decision that completes them', () => {
  it('accepted 3 days after its due date: penalty for 1 day past grace, retention, net', async () => {
    const c = await decisionContract(t, { keys: (p) => [`${p}-1`], dueOffset: -3 });
    await sendJira(t, c, [{ id: '1', key: `${c.project}-1`, category: 'done' }]);
    await untilStatus(t, c.deliverableId, 'ready_for_review');
    const res = await decide(t, c.deliverableId, pmo, { decision: 'accept', criteria: ALL_MET });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().unlockedMilestoneIds).toEqual([c.milestoneId]);

    // By hand: 3 days late − 2 grace = 1 day × 50 bps = 0.5 % of 6 000 000; retention 5 %.
    const byHand = { penaltyMinor: 30_000, retentionMinor: 300_000, netMinor: 6_000_000 - 30_000 - 300_000 };
    const core = settleMilestone(
      TERMS,
      [{ dueDate: civilDay(-3, 'Europe/Paris'), acceptedAt: res.json().decidedAt }],
      'Europe/Paris',
    );
    expect(core).toMatchObject({ ...byHand, daysLate: 1, bonusMinor: 0 });
    const m = await payment(c.milestoneId);
    expect(m).toMatchObject({
      status: 'unlocked',
      currency: 'EUR',
      amountMinor: 6_000_000,
      bonusMinor: 0,
      ...byHand,
      netMinor: 5_670_000,
      daysLate: 1,
      unlockedAt: res.json().decidedAt,
    });
    expect(m.evidence).toMatchObject({
      timeZone: 'Europe/Paris',
      lateness: 3,
      deliverables: [{ deliverableId: c.deliverableId, decisionId: res.json().id, daysLate: 3 }],
    });
    const events = await rawQuery<{ type: string; data: { netMinor: number } }>(
      t,
      `select type, data from outbox_events where dedupe_key = $1`,
      [`milestone.unlocked:${c.milestoneId}`],
    );
    expect(events).toEqual([
      { type: 'milestone.unlocked', data: expect.objectContaining({ netMinor: 5_670_000 }) },
    ]);
    const audit = await t.app.inject({
      url: `/v1/audit?entityType=payment_milestone&entityId=${c.milestoneId}`,
      headers: t.admin,
    });
    expect(audit.json().items.at(-1)).toMatchObject({ action: 'unlock', actorKeyId: 'system' });
  }, 60_000);

  it('counts days in the engagement’s zone: just after midnight in Paris is the next day', async () => {
    const api = contractApi(t);
    // Due 2027-03-31 (the suite's default), Europe/Paris (UTC+2 in April).
    const late = await api.activeContract();
    const onTime = await api.activeContract();
    // 00:30 in Paris on 2027-04-03 (still the 2nd in UTC): 3 days late → 1 day past grace.
    const a = await decidingAt('2027-04-02T22:30:00Z').decide(PMO, late.deliverableId, {
      decision: 'accept',
      override: true,
    });
    // 23:30 in Paris on 2027-04-02: 2 days late, within grace.
    const b = await decidingAt('2027-04-02T21:30:00Z').decide(PMO, onTime.deliverableId, {
      decision: 'accept',
      override: true,
    });
    expect(a.unlockedMilestoneIds).toEqual([late.milestoneId]);
    expect(b.unlockedMilestoneIds).toEqual([onTime.milestoneId]);
    expect(await payment(late.milestoneId)).toMatchObject({
      daysLate: 1,
      penaltyMinor: 30_000,
      netMinor: 5_670_000,
    });
    expect(await payment(onTime.milestoneId)).toMatchObject({
      daysLate: 0,
      penaltyMinor: 0,
      netMinor: 5_700_000,
    });
    expect((await payment(late.milestoneId)).unlockedAt).toBe('2027-04-02T22:30:00.000Z');
  }, 60_000);

  it('uses the due date as amended by an approved change request', async () => {
    const api = contractApi(t);
    const c = await api.activeContract();
    const change = await api.submittedChange(c); // due date 2027-03-31 → 2027-04-20
    await api.expectStatus(api.call('POST', `/v1/change-requests/${change}/approve`, t.admin, {}), 200);
    await decidingAt('2027-04-23T10:00:00Z').decide(PMO, c.deliverableId, {
      decision: 'accept',
      override: true,
    });
    const m = await payment(c.milestoneId);
    // 3 days after 2027-04-20, not 23 days after 2027-03-31 (which the cap would make 600 000).
    expect(m).toMatchObject({ daysLate: 1, penaltyMinor: 30_000, netMinor: 5_670_000 });
    expect(m.evidence.deliverables[0]).toMatchObject({ dueDate: '2027-04-20', daysLate: 3 });
    // Unlocked money is never changed silently: a later change to that due date is refused.
    const refused = await api.call('POST', `/v1/engagements/${c.engagementId}/change-requests`, t.admin, {
      title: 'Move again',
      rationale: 'Too late',
      changes: [{ op: 'modify_deliverable', deliverableId: c.deliverableId, set: { dueDate: '2027-05-01' } }],
      impact: { costMinor: 0, scheduleDays: 0 },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('affects_unlocked_milestones');
  }, 60_000);

  it('waits for notBefore, then the scheduled check unlocks it; running it twice changes nothing', async () => {
    const notBefore = civilDay(2, 'Europe/Paris');
    const c = await decisionContract(t, { keys: () => [], milestone: { notBefore } });
    const res = await decide(t, c.deliverableId, pmo, { decision: 'accept', override: true });
    expect(res.json().unlockedMilestoneIds).toEqual([]);
    expect((await payment(c.milestoneId)).status).toBe('locked');
    const today = await createUnlockCheck({ store: t.container.store, logger }).run();
    expect(today.unlocked).not.toContain(c.milestoneId);
    const later = new Date(Date.now() + 3 * 86_400_000);
    const check = createUnlockCheck({ store: t.container.store, now: () => later, logger });
    expect((await check.run()).unlocked).toContain(c.milestoneId);
    expect((await check.run()).unlocked).not.toContain(c.milestoneId);
    expect(await payment(c.milestoneId)).toMatchObject({ status: 'unlocked', penaltyMinor: 30_000 });
    const schedulers = await t.container.queues.queue(unlockCheckJob.queue).getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain('milestone-unlock-check');
  }, 60_000);

  it('a milestone with no required deliverable unlocks on activation', async () => {
    const api = contractApi(t);
    const c = await api.readyDraft();
    const free = await api.milestone(c.engagementId, [], t.admin, {
      amountMinor: 1_000_000,
      latePenalty: null,
    });
    await api.expectStatus(api.call('POST', `/v1/engagements/${c.engagementId}/activate`, t.admin), 200);
    expect(await payment(free)).toMatchObject({
      status: 'unlocked',
      daysLate: 0,
      penaltyMinor: 0,
      retentionMinor: 50_000,
      netMinor: 950_000,
      evidence: { deliverables: [] },
    });
    expect((await payment(c.milestoneId)).status).toBe('locked');
  }, 60_000);

  it('unlocks in the approval of a change request that drops the last missing requirement', async () => {
    const api = contractApi(t);
    const c = await api.readyDraft();
    const other = await api.deliverable(c.engagementId);
    await api.expectStatus(
      api.call('PATCH', `/v1/milestones/${c.milestoneId}`, t.admin, {
        requiredDeliverableIds: [c.deliverableId, other],
      }),
      200,
    );
    await api.expectStatus(api.call('POST', `/v1/engagements/${c.engagementId}/activate`, t.admin), 200);
    await decidingAt('2027-03-30T10:00:00Z').decide(PMO, c.deliverableId, {
      decision: 'accept',
      override: true,
    });
    expect((await payment(c.milestoneId)).status).toBe('locked');
    const change = await api.changeRequest(c.engagementId, t.admin, [
      {
        op: 'modify_milestone',
        milestoneId: c.milestoneId,
        set: { requiredDeliverableIds: [c.deliverableId] },
      },
    ]);
    await api.expectStatus(api.call('POST', `/v1/change-requests/${change}/submit`, t.admin), 200);
    await api.expectStatus(api.call('POST', `/v1/change-requests/${change}/approve`, t.admin, {}), 200);
    // Accepted a day early, no bonus rule on the suite's milestone: retention only.
    expect(await payment(c.milestoneId)).toMatchObject({
      status: 'unlocked',
      daysLate: 0,
      netMinor: 5_700_000,
    });
  }, 60_000);
});

describe('a change request on an unlocked milestone', () => {
  const approve = async (engagementId: string, changes: unknown[]) => {
    const api = contractApi(t);
    const id = await api.changeRequest(engagementId, t.admin, changes, { affectsUnlockedMilestones: true });
    await api.expectStatus(api.call('POST', `/v1/change-requests/${id}/submit`, t.admin), 200);
    return { id, res: await api.call('POST', `/v1/change-requests/${id}/approve`, t.admin, {}) };
  };
  const version = async (engagementId: string) =>
    (await t.app.inject({ url: `/v1/engagements/${engagementId}`, headers: t.admin })).json().contractVersion;

  it('settles it again when the request says so: new due date and amount, unlock time kept, audited, announced', async () => {
    const c = await decisionContract(t, { keys: (p) => [`${p}-1`], dueOffset: -3 });
    await sendJira(t, c, [{ id: '1', key: `${c.project}-1`, category: 'done' }]);
    await untilStatus(t, c.deliverableId, 'ready_for_review');
    const decided = await decide(t, c.deliverableId, pmo, { decision: 'accept', criteria: ALL_MET });
    expect(decided.statusCode, decided.body).toBe(201);
    const unlocked = await payment(c.milestoneId);
    expect(unlocked).toMatchObject({ daysLate: 1, penaltyMinor: 30_000, netMinor: 5_670_000 });

    // The due date moves to the acceptance day and the amount to 7 000 000: no penalty any more,
    // retention 5 % of the new amount.
    const { id, res } = await approve(c.engagementId, [
      {
        op: 'modify_deliverable',
        deliverableId: c.deliverableId,
        set: { dueDate: civilDay(0, 'Europe/Paris') },
      },
      { op: 'modify_milestone', milestoneId: c.milestoneId, set: { amountMinor: 7_000_000 } },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const after = await payment(c.milestoneId);
    expect(after).toMatchObject({
      status: 'unlocked',
      amountMinor: 7_000_000,
      daysLate: 0,
      penaltyMinor: 0,
      retentionMinor: 350_000,
      netMinor: 6_650_000,
      unlockedAt: unlocked.unlockedAt,
    });
    expect(after.evidence).toMatchObject({
      lateness: 0,
      deliverables: [{ dueDate: civilDay(0, 'Europe/Paris') }],
    });
    const audit = await t.app.inject({
      url: `/v1/audit?entityType=payment_milestone&entityId=${c.milestoneId}`,
      headers: t.admin,
    });
    const resettle = audit.json().items.find((a: { action: string }) => a.action === 'resettle');
    expect(resettle.actorKeyId).not.toBe('system');
    expect(resettle.before).toMatchObject({ netMinor: 5_670_000 });
    expect(resettle.after).toMatchObject({ netMinor: 6_650_000 });
    const events = await rawQuery<{ type: string; data: Record<string, unknown> }>(
      t,
      `select type, data from outbox_events where subject_id = $1 and type = 'milestone.resettled'`,
      [c.milestoneId],
    );
    expect(events).toEqual([
      {
        type: 'milestone.resettled',
        data: expect.objectContaining({
          changeRequestId: id,
          netMinor: 6_650_000,
          previous: expect.objectContaining({
            amountMinor: 6_000_000,
            netMinor: 5_670_000,
            penaltyMinor: 30_000,
          }),
        }),
      },
    ]);
  }, 60_000);

  it('refuses a change that would lock it again, and any change to the money of an invoiced one', async () => {
    const api = contractApi(t);
    const c = await decisionContract(t, { keys: (p) => [`${p}-1`], dueOffset: -3 });
    await sendJira(t, c, [{ id: '1', key: `${c.project}-1`, category: 'done' }]);
    await untilStatus(t, c.deliverableId, 'ready_for_review');
    expect(
      (await decide(t, c.deliverableId, pmo, { decision: 'accept', criteria: ALL_MET })).statusCode,
    ).toBe(201);
    const before = await payment(c.milestoneId);
    const v = await version(c.engagementId);
    const { res } = await approve(c.engagementId, [
      {
        op: 'modify_milestone',
        milestoneId: c.milestoneId,
        set: { notBefore: civilDay(30, 'Europe/Paris') },
      },
    ]);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'milestone_would_relock', milestoneIds: [c.milestoneId] });
    expect(await payment(c.milestoneId)).toEqual(before);
    expect(await version(c.engagementId)).toBe(v);

    const finance = await t.keyFor('finance');
    const invoiced = await t.app.inject({
      method: 'POST',
      url: `/v1/payment-milestones/${c.milestoneId}/invoice`,
      headers: { ...finance, 'idempotency-key': `inv-${c.milestoneId}` },
      payload: { invoiceRef: 'INV-1' },
    });
    expect(invoiced.statusCode, invoiced.body).toBe(200);
    const refused = await api.call('POST', `/v1/engagements/${c.engagementId}/change-requests`, t.admin, {
      title: 'x',
      rationale: 'y',
      changes: [{ op: 'modify_milestone', milestoneId: c.milestoneId, set: { amountMinor: 1_000 } }],
      impact: { costMinor: 0, scheduleDays: 0 },
      affectsUnlockedMilestones: true,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'milestone_invoiced', milestoneIds: [c.milestoneId] });
    // A new label moves no money: allowed without the flag.
    const renamed = await api.changeRequest(c.engagementId, t.admin, [
      { op: 'modify_milestone', milestoneId: c.milestoneId, set: { label: 'Renamed' } },
    ]);
    expect(renamed).toMatch(/^chg_/);
  }, 60_000);

  it('announces an unlocked milestone the request removes: finance must stop counting it payable', async () => {
    const c = await decisionContract(t, { keys: (p) => [`${p}-1`], dueOffset: -3 });
    await sendJira(t, c, [{ id: '1', key: `${c.project}-1`, category: 'done' }]);
    await untilStatus(t, c.deliverableId, 'ready_for_review');
    expect(
      (await decide(t, c.deliverableId, pmo, { decision: 'accept', criteria: ALL_MET })).statusCode,
    ).toBe(201);
    const { id, res } = await approve(c.engagementId, [
      { op: 'add_milestone', milestone: milestoneBody([c.deliverableId], { label: 'Replacement' }) },
      { op: 'remove_milestone', milestoneId: c.milestoneId },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const events = await rawQuery<{ type: string; dedupe_key: string; data: Record<string, unknown> }>(
      t,
      `select type, dedupe_key, data from outbox_events where subject_id = $1 and type = 'milestone.removed'`,
      [c.milestoneId],
    );
    expect(events).toEqual([
      {
        type: 'milestone.removed',
        dedupe_key: `milestone.removed:${c.milestoneId}`,
        data: expect.objectContaining({
          changeRequestId: id,
          netMinor: 5_670_000,
          milestoneId: c.milestoneId,
        }),
      },
    ]);
    const list = await t.app.inject({
      url: `/v1/payment-milestones?engagementId=${c.engagementId}`,
      headers: pmo,
    });
    expect(list.json().items.map((m: { id: string }) => m.id)).not.toContain(c.milestoneId);
  }, 60_000);
});
