import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  ALL_MET,
  type DecisionContract,
  decide,
  decisionContract,
  type JiraIssue,
  jiraIssueDelivery,
  untilStatus,
} from '../support/decisions.ts';
import { rawQuery } from '../support/engagement.ts';

/**
 * Issue 16 item 11: a rejected deliverable goes back to review through rework (DOMAIN.md
 * `ready_for_review → rejected → in_progress`), by itself when the provider reopens tasks or by
 * POST /v1/deliverables/{id}/rework, and is never shown on track while rejected.
 */

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
  for (const q of [
    'ingest',
    'relay',
    'sync',
    'recompute',
    'pushback',
    'events',
    'event-delivery',
    'unlock-check',
  ])
    await t?.container.queues.queue(q).obliterate({ force: true });
  await t?.close();
});

type Json = Record<string, unknown>;
let clock = Date.now() - 3_600_000;

/** Sends each issue's state, each delivery one second newer than the last. */
async function send(c: DecisionContract, issues: readonly JiraIssue[]) {
  for (const issue of issues) {
    clock += 1000;
    const d = jiraIssueDelivery(issue, c.project, new Date(clock));
    const res = await t.app.inject({
      method: 'POST',
      url: `/webhooks/jira/${c.connectionId}`,
      headers: d.headers,
      payload: d.body,
    });
    expect(res.statusCode, res.body).toBe(200);
  }
}

const issue = (c: DecisionContract, n: 1 | 2, category: JiraIssue['category']): JiraIssue => ({
  id: `${n}01`,
  key: `${c.project}-${n}`,
  category,
});

/** A contract due in ten days whose two tasks are done, in review, then rejected by the PMO. */
async function rejected() {
  const c = await decisionContract(t, { keys: (p) => [`${p}-1`, `${p}-2`], dueOffset: 10 });
  await send(c, [issue(c, 1, 'done'), issue(c, 2, 'done')]);
  await untilStatus(t, c.deliverableId, 'ready_for_review');
  const res = await decide(t, c.deliverableId, pmo, { decision: 'reject', note: 'The audit failed' });
  expect(res.statusCode, res.body).toBe(201);
  return c;
}

const get = (url: string, headers = pmo) => t.app.inject({ url, headers });
const line = async (c: DecisionContract) =>
  ((await get(`/v1/engagements/${c.engagementId}/dashboard`)).json().deliverables as Json[]).find(
    (d) => d.id === c.deliverableId,
  ) as { status: string; figures: { scheduleStatus: string; reasons: string[] } };
const portfolio = async (providerId: string) =>
  ((await get('/v1/dashboard/providers?limit=500')).json().items as Json[]).find(
    (p) => p.providerId === providerId,
  ) as { deliverables: { bySchedule: Record<string, number> }; awaitingReview: number };
const events = (c: DecisionContract, type: string) =>
  rawQuery<{ data: Json }>(
    t,
    'select data from outbox_events where type = $1 and subject_id = $2 order by seq',
    [type, c.deliverableId],
  );
const audit = (c: DecisionContract) =>
  rawQuery<{ action: string; actor_key_id: string }>(
    t,
    `select action, actor_key_id from audit_log where entity_type = 'deliverable' and entity_id = $1 order by seq`,
    [c.deliverableId],
  );
const rework = (id: string, headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: `/v1/deliverables/${id}/rework`, headers });

describe('a rejected deliverable is never on track', () => {
  it('shows at risk with its reason on the dashboard, the portfolio and the status report', async () => {
    const c = await rejected();
    const l = await line(c);
    expect(l.status).toBe('rejected');
    expect(l.figures.scheduleStatus).toBe('at_risk');
    expect(l.figures.reasons[0]).toMatch(/^rejected on \d{4}-\d{2}-\d{2}: rework needed$/);
    const p = await portfolio(c.providerId);
    expect(p.deliverables.bySchedule).toMatchObject({ on_track: 0, at_risk: 1 });
    const report = (await get(`/v1/engagements/${c.engagementId}/report`)).json();
    expect(report.progress.deliverables[0]).toMatchObject({ status: 'rejected', scheduleStatus: 'at_risk' });
  }, 60_000);
});

describe('rework after a rejection', () => {
  it('by itself: a reopened task reworks it, done again it is back in review, and can be accepted', async () => {
    const c = await rejected();
    await send(c, [issue(c, 2, 'in_progress')]);
    await untilStatus(t, c.deliverableId, 'in_progress');
    expect(await events(c, 'deliverable.rework_started')).toEqual([
      { data: expect.objectContaining({ deliverableId: c.deliverableId, from: 'rejected', by: 'tasks' }) },
    ]);
    await send(c, [issue(c, 2, 'done')]);
    await untilStatus(t, c.deliverableId, 'ready_for_review');
    expect(await events(c, 'deliverable.ready_for_review')).toHaveLength(2);
    expect((await audit(c)).map((a) => [a.action, a.actor_key_id]).slice(1)).toEqual([
      ['submit_for_review', 'system'],
      ['reject', expect.any(String)],
      ['rework', 'system'],
      ['submit_for_review', 'system'],
    ]);
    expect((await line(c)).figures.scheduleStatus).toBe('on_track');
    const accepted = await decide(t, c.deliverableId, pmo, { decision: 'accept', criteria: ALL_MET });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({
      statusBefore: 'ready_for_review',
      unlockedMilestoneIds: [c.milestoneId],
    });
  }, 60_000);

  it('by the provider through POST /v1/deliverables/{id}/rework: audited, announced, back to review', async () => {
    const c = await rejected();
    const provider = await t.keyFor('provider', c.providerId);
    const stranger = await t.keyFor('provider', (await rejected()).providerId);
    expect((await rework(c.deliverableId, stranger)).statusCode).toBe(404);
    expect((await rework(c.deliverableId, await t.keyFor('finance'))).statusCode).toBe(403);

    const res = await rework(c.deliverableId, provider);
    expect(res.statusCode, res.body).toBe(200);
    // Every task is still done: the rework is a resubmission, back in review at once.
    expect(res.json()).toMatchObject({ id: c.deliverableId, status: 'ready_for_review' });
    expect((await audit(c)).map((a) => a.action).slice(-2)).toEqual(['rework', 'submit_for_review']);
    const [started] = await events(c, 'deliverable.rework_started');
    expect(started?.data).toMatchObject({ from: 'rejected', by: 'api' });
    expect(await events(c, 'deliverable.ready_for_review')).toHaveLength(2);

    const again = await rework(c.deliverableId, pmo);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.json()).toMatchObject({ code: 'invalid_transition', status: 409 });
    expect(again.json().detail).toMatch(/ready_for_review/);
    const accepted = await decide(t, c.deliverableId, pmo, { decision: 'accept', criteria: ALL_MET });
    expect(accepted.json()).toMatchObject({ unlockedMilestoneIds: [c.milestoneId] });
  }, 60_000);
});
