import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { ALL_MET, decide, decisionContract, sendJira, untilStatus } from '../support/decisions.ts';
import { contractApi } from '../support/engagement.ts';

let t: TestApp;
let workers: Workers;
let pmo: { authorization: string };
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

/** A one-task Jira contract whose deliverable is in review, due `dueOffset` days from today (Paris). */
async function inReview(dueOffset: number) {
  const c = await decisionContract(t, { keys: (p) => [`${p}-1`], dueOffset });
  await sendJira(t, c, [{ id: '1', key: `${c.project}-1`, category: 'done' }]);
  await untilStatus(t, c.deliverableId, 'ready_for_review');
  return c;
}

const scorecard = async (providerId: string, headers = pmo) => {
  const res = await t.app.inject({ url: `/v1/providers/${providerId}/scorecard`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().delivery;
};

describe('GET /v1/providers/{id}/scorecard: measured delivery facts', () => {
  it('a late acceptance with its penalty and an early one with its bonus', async () => {
    const late = await inReview(-3);
    const accepted = await decide(t, late.deliverableId, pmo, { decision: 'accept', criteria: ALL_MET });
    expect(accepted.statusCode, accepted.body).toBe(201);

    // A second engagement of the same provider, due 2027-03-31, accepted early (override) for a bonus.
    const api = contractApi(t);
    const engagementId = await api.draft(late.providerId);
    const deliverableId = await api.deliverable(engagementId);
    await api.milestone(engagementId, [deliverableId], t.admin, {
      latePenalty: null,
      earlyBonus: { bpsPerDay: 10, capBps: 200 },
    });
    await api.expectStatus(api.call('POST', `/v1/engagements/${engagementId}/activate`, t.admin), 200);
    const early = await decide(t, deliverableId, pmo, { decision: 'accept', override: true });
    expect(early.statusCode, early.body).toBe(201);

    const finance = await t.keyFor('finance');
    expect(await scorecard(late.providerId, finance)).toEqual({
      decidedDeliverables: 2,
      acceptedDeliverables: 2,
      onTimeRate: 0.5,
      firstPassAcceptanceRate: 1,
      averageDaysLate: 3,
      rejections: 0,
      rejectionRate: 0,
      settledMilestones: 2,
      // 3 days late − 2 grace = 1 day × 50 bps of 6 000 000; early bonus capped at 2 % of 6 000 000.
      penalties: [{ currency: 'EUR', amountMinor: 30_000 }],
      bonuses: [{ currency: 'EUR', amountMinor: 120_000 }],
    });
  }, 60_000);

  it('a rejection counts against first-pass acceptance and nothing is settled', async () => {
    const c = await inReview(2);
    const rejected = await decide(t, c.deliverableId, pmo, { decision: 'reject', note: 'Audit missing' });
    expect(rejected.statusCode, rejected.body).toBe(201);
    expect(await scorecard(c.providerId)).toEqual({
      decidedDeliverables: 1,
      acceptedDeliverables: 0,
      onTimeRate: null,
      firstPassAcceptanceRate: 0,
      averageDaysLate: null,
      rejections: 1,
      rejectionRate: 1,
      settledMilestones: 0,
      penalties: [],
      bonuses: [],
    });
  }, 60_000);

  it('a provider key is refused', async () => {
    const providerId = await contractApi(t).provider();
    const own = await t.keyFor('provider', providerId);
    const res = await t.app.inject({ url: `/v1/providers/${providerId}/scorecard`, headers: own });
    expect(res.statusCode).toBe(403);
  });
});
