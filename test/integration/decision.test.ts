import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Unavailable } from '../../src/core/errors.ts';
import { pushBackJob } from '../../src/jobs/pushback.job.ts';
import { relayProcessor } from '../../src/jobs/relay.job.ts';
import type { Workers } from '../../src/jobs/workers.ts';
import { createLogger } from '../../src/logger.ts';
import { createDecisionService } from '../../src/services/decisions.service.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  ALL_MET,
  type DecisionContract,
  decide,
  decisionContract,
  deliverableStatus,
  sendJira,
  untilStatus,
} from '../support/decisions.ts';
import { rawQuery } from '../support/engagement.ts';

let t: TestApp;
let workers: Workers;
let pmo: { authorization: string };
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

/** A contract whose two Jira tasks are done: the recompute moves the deliverable to review. */
async function inReview(extra: Parameters<typeof decisionContract>[1] = { keys: () => [] }) {
  const c = await decisionContract(t, { ...extra, keys: (p) => [`${p}-1`, `${p}-2`] });
  await sendJira(t, c, [
    { id: '101', key: `${c.project}-1`, category: 'done' },
    { id: '102', key: `${c.project}-2`, category: 'done' },
  ]);
  await untilStatus(t, c.deliverableId, 'ready_for_review');
  return c;
}

const outbox = (c: DecisionContract) =>
  rawQuery<{ type: string; subject_id: string; dedupe_key: string }>(
    t,
    'select type, subject_id, dedupe_key from outbox_events where engagement_id = $1 order by seq',
    [c.engagementId],
  );

describe('POST /v1/deliverables/{id}/decision', () => {
  it('accepts a deliverable in review: evidence, status, audit, event, push-backs queued once', async () => {
    const c = await inReview();
    const res = await decide(t, c.deliverableId, pmo, {
      decision: 'accept',
      note: 'Fine',
      criteria: ALL_MET,
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({
      deliverableId: c.deliverableId,
      decision: 'accept',
      override: false,
      note: 'Fine',
      statusBefore: 'ready_for_review',
      statusAfter: 'accepted',
      decidedByRole: 'pmo',
      pushBacks: 2,
      unlockedMilestoneIds: [c.milestoneId],
    });
    expect(d.criteria).toEqual(ALL_MET);
    expect(d.evidence.counts).toMatchObject({ total: 2, done: 2 });
    expect(d.evidence.tasks.map((x: { key: string }) => x.key).sort()).toEqual([
      `${c.project}-1`,
      `${c.project}-2`,
    ]);
    expect(d.evidence.tasks[0]).toMatchObject({ tracker: 'jira', statusCategory: 'done', status: 'Done' });
    expect(d.evidence.progress).toMatchObject({ progress: 1, taskCount: 2, doneCount: 2 });

    const stored = await rawQuery<{ evidence: { tasks: unknown[] } }>(
      t,
      'select evidence from decisions where id = $1',
      [d.id],
    );
    expect(stored[0]?.evidence.tasks).toHaveLength(2);
    const pushBacks = await t.container.store.pushBacks.listByDecision(d.id);
    expect(pushBacks.map((p) => p.taskExternalId).sort()).toEqual(['101', '102']);
    expect(pushBacks[0]?.mark).toMatchObject({
      decisionId: d.id,
      decision: 'accept',
      decidedBy: 'Claire Martin',
    });
    for (const p of pushBacks) {
      expect(await t.container.queues.queue(pushBackJob.queue).getJob(`pushback-${p.id}`)).toBeTruthy();
    }
    expect((await outbox(c)).map((e) => e.dedupe_key)).toEqual(
      expect.arrayContaining([`deliverable.accepted:${d.id}`, `milestone.unlocked:${c.milestoneId}`]),
    );
    const audit = await t.app.inject({
      url: `/v1/audit?entityType=deliverable&entityId=${c.deliverableId}`,
      headers: t.admin,
    });
    expect(audit.json().items.map((a: { action: string }) => a.action)).toContain('accept');
    const journal = await t.app.inject({
      url: `/v1/engagements/${c.engagementId}/journal?kind=decision`,
      headers: pmo,
    });
    expect(journal.json().items).toEqual([
      expect.objectContaining({
        kind: 'decision',
        occurredAt: d.decidedAt,
        participants: ['Claire Martin'],
        decisions: [`Accepted (decision ${d.id})`, ...ALL_MET.map((m) => `Met: ${m.criterion}`)],
        actionItems: [],
      }),
    ]);
    expect(journal.json().items[0].summary).toMatch(/^Deliverable ".+" accepted by Claire Martin: Fine$/);

    // Accepting again: the state machine refuses; nothing more is recorded or pushed.
    const again = await decide(t, c.deliverableId, pmo, { decision: 'accept' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'invalid_transition', current: 'accepted' });
    const count = await rawQuery<{ n: string }>(
      t,
      'select count(*) n from push_backs where decision_id in (select id from decisions where deliverable_id = $1)',
      [c.deliverableId],
    );
    expect(Number(count[0]?.n)).toBe(2);
    const list = await t.app.inject({ url: `/v1/deliverables/${c.deliverableId}/decisions`, headers: pmo });
    expect(list.json().items.map((x: { id: string }) => x.id)).toEqual([d.id]);
  }, 60_000);

  it('rejects with an unmet criterion; the milestone stays locked; a rejection needs a reason', async () => {
    const c = await inReview();
    const bare = await decide(t, c.deliverableId, pmo, { decision: 'reject', criteria: ALL_MET });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.note']);
    const res = await decide(t, c.deliverableId, pmo, {
      decision: 'reject',
      criteria: [{ criterion: 'WCAG 2.1 AA audit passed', met: false, comment: 'Contrast fails on buttons' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ statusAfter: 'rejected', override: false, unlockedMilestoneIds: [] });
    const milestone = await t.app.inject({ url: `/v1/payment-milestones/${c.milestoneId}`, headers: pmo });
    expect(milestone.json()).toMatchObject({ status: 'locked', netMinor: null, evidence: null });
    expect((await outbox(c)).map((e) => e.type)).toContain('deliverable.rejected');
    const journal = await t.app.inject({
      url: `/v1/engagements/${c.engagementId}/journal?kind=decision`,
      headers: pmo,
    });
    expect(journal.json().items).toHaveLength(1);
    expect(journal.json().items[0]).toMatchObject({
      decisions: [
        `Rejected (decision ${res.json().id})`,
        'Not met: WCAG 2.1 AA audit passed (Contrast fails on buttons)',
      ],
      actionItems: [{ description: expect.stringMatching(/^Rework ".+": WCAG 2.1 AA audit passed$/) }],
    });
    expect(await t.container.store.pushBacks.listByDecision(res.json().id)).toHaveLength(2);
  }, 60_000);

  it('accepts early only with override, recorded as such', async () => {
    const c = await decisionContract(t, { keys: (p) => [`${p}-1`] });
    await sendJira(t, c, [{ id: '201', key: `${c.project}-1`, category: 'in_progress' }]);
    await untilStatus(t, c.deliverableId, 'in_progress');
    const plain = await decide(t, c.deliverableId, pmo, { decision: 'accept' });
    expect(plain.statusCode).toBe(409);
    expect(plain.json().allowed).toContain('override_accept');
    const reject = await decide(t, c.deliverableId, pmo, { decision: 'reject', note: 'no', override: true });
    expect(reject.statusCode).toBe(409);
    const res = await decide(t, c.deliverableId, pmo, { decision: 'accept', override: true, note: 'Go' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      override: true,
      statusBefore: 'in_progress',
      statusAfter: 'accepted',
    });
    expect(res.json().evidence.counts).toMatchObject({ total: 1, inProgress: 1, done: 0 });
  }, 60_000);

  it('checks criteria against the deliverable: unknown, twice, unmet without override', async () => {
    const c = await inReview();
    const bad = await decide(t, c.deliverableId, pmo, {
      decision: 'accept',
      criteria: [
        { criterion: 'Components documented', met: true },
        { criterion: 'Components documented', met: true },
        { criterion: 'Fast', met: true },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.criteria.1.criterion',
      'body.criteria.2.criterion',
    ]);
    const unmet = [{ criterion: 'WCAG 2.1 AA audit passed', met: false }];
    const refused = await decide(t, c.deliverableId, pmo, { decision: 'accept', criteria: unmet });
    expect(refused.statusCode).toBe(422);
    expect(await deliverableStatus(t, c.deliverableId)).toBe('ready_for_review');
    const forced = await decide(t, c.deliverableId, pmo, {
      decision: 'accept',
      criteria: unmet,
      override: true,
    });
    expect(forced.statusCode, forced.body).toBe(201);
    expect(forced.json()).toMatchObject({ override: true, statusBefore: 'ready_for_review' });
  }, 60_000);

  it('is for PMO and admin keys only; others’ deliverables and unknown ids are 404', async () => {
    const c = await decisionContract(t, { keys: (p) => [`${p}-1`] });
    const provider = await t.keyFor('provider', c.providerId);
    const finance = await t.keyFor('finance');
    for (const headers of [provider, finance]) {
      const res = await decide(t, c.deliverableId, headers, { decision: 'accept', override: true });
      expect(res.statusCode).toBe(403);
    }
    expect((await decide(t, 'dlv_missing', pmo, { decision: 'accept' })).statusCode).toBe(404);
    expect((await decide(t, c.deliverableId, {}, { decision: 'accept' })).statusCode).toBe(401);
    // The provider reads its own deliverable's decisions; another provider's are 404.
    const other = await t.keyFor('provider', (await decisionContract(t, { keys: () => [] })).providerId);
    expect(
      (await t.app.inject({ url: `/v1/deliverables/${c.deliverableId}/decisions`, headers: provider }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ url: `/v1/deliverables/${c.deliverableId}/decisions`, headers: other }))
        .statusCode,
    ).toBe(404);
  }, 60_000);

  it('writes back to the epic alone when the tasks share one', async () => {
    const c = await decisionContract(t, { keys: (p) => [`${p}-2`, `${p}-3`, `${p}-4`] });
    const epic = { id: '300', key: `${c.project}-1` };
    await sendJira(t, c, [
      { id: '302', key: `${c.project}-2`, category: 'done', parent: epic },
      { id: '303', key: `${c.project}-3`, category: 'done', parent: epic },
      { id: '304', key: `${c.project}-4`, category: 'done', parent: epic },
    ]);
    await untilStatus(t, c.deliverableId, 'ready_for_review');
    const res = await decide(t, c.deliverableId, pmo, { decision: 'accept' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().pushBacks).toBe(1);
    const rows = await t.container.store.pushBacks.listByDecision(res.json().id);
    expect(rows.map((r) => r.taskExternalId)).toEqual(['300']);
  }, 60_000);

  it('keeps the push-backs when Redis refuses their jobs; the relay queues them', async () => {
    const c = await decisionContract(t, { keys: (p) => [`${p}-1`] });
    await sendJira(t, c, [{ id: '401', key: `${c.project}-1`, category: 'in_progress' }]);
    await untilStatus(t, c.deliverableId, 'in_progress');
    const redisDown = createDecisionService({
      store: t.container.store,
      afterDecision: async () => {
        throw new Unavailable('The job queue (Redis)');
      },
      logger: createLogger('silent'),
    });
    const actor = { keyId: 'key_relay_test', role: 'pmo' as const, providerId: null };
    const d = await redisDown.decide(actor, c.deliverableId, { decision: 'accept', override: true });
    expect(d.statusAfter).toBe('accepted');
    const [row] = await t.container.store.pushBacks.listByDecision(d.id);
    expect(row?.status).toBe('pending');
    const queue = t.container.queues.queue(pushBackJob.queue);
    expect(await queue.getJob(`pushback-${row?.id}`)).toBeUndefined();
    const relay = relayProcessor({
      inbox: { pending: async () => [] },
      pushBacks: t.container.store.pushBacks,
      queues: t.container.queues,
      graceMs: 0,
    });
    await relay.process({}, undefined as never);
    expect(await queue.getJob(`pushback-${row?.id}`)).toBeTruthy();
  }, 60_000);
});
