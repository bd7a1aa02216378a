import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { createLogger } from '../../src/logger.ts';
import { createReportService } from '../../src/services/report.service.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  ALL_MET,
  civilDay,
  type DecisionContract,
  decide,
  decisionContract,
  sendJira,
  untilStatus,
} from '../support/decisions.ts';
import { contractApi, rawQuery } from '../support/engagement.ts';

let t: TestApp;
let workers: Workers;
let pmo: { authorization: string };
let c: DecisionContract;
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
const PARIS = 'Europe/Paris';

beforeAll(async () => {
  t = await buildTestApp();
  workers = t.container.startWorkers();
  pmo = await t.keyFor('pmo');
  c = await decisionContract(t, { keys: (p) => [`${p}-1`, `${p}-2`], dueOffset: -3 });
  await sendJira(t, c, [
    { id: '1', key: `${c.project}-1`, category: 'done' },
    { id: '2', key: `${c.project}-2`, category: 'done' },
  ]);
  await untilStatus(t, c.deliverableId, 'ready_for_review');
}, 60_000);
afterAll(async () => {
  await workers?.close();
  for (const q of [...QUEUES, 'status-report'])
    await t?.container.queues.queue(q).obliterate({ force: true });
  await t?.close();
});

const get = (query: string, headers: Record<string, string>) =>
  t.app.inject({ url: `/v1/engagements/${c.engagementId}/report${query}`, headers });

describe('GET /v1/engagements/{id}/report', () => {
  it('awaiting a decision, then the decision and the milestone it unlocked, in JSON and Markdown', async () => {
    const before = await get('', pmo);
    expect(before.statusCode, before.body).toBe(200);
    const today = civilDay(0, PARIS);
    expect(before.json()).toMatchObject({
      engagement: { id: c.engagementId, providerId: c.providerId, status: 'active', currency: 'EUR' },
      period: { from: civilDay(-6, PARIS), to: today, timeZone: PARIS },
      progress: {
        overall: 1,
        deliverables: [{ deliverableId: c.deliverableId, status: 'ready_for_review', progress: 1 }],
      },
      blockers: [],
      awaitingDecision: [{ deliverableId: c.deliverableId }],
      milestonesUnlocked: [],
      decisions: [],
    });

    const res = await decide(t, c.deliverableId, pmo, {
      decision: 'accept',
      criteria: ALL_MET,
      note: 'Late but good',
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = (await get(`?from=${today}&to=${today}`, await t.keyFor('finance'))).json();
    expect(after.awaitingDecision).toEqual([]);
    expect(after.decisions).toEqual([
      expect.objectContaining({
        decisionId: res.json().id,
        decision: 'accept',
        override: false,
        note: 'Late but good',
      }),
    ]);
    expect(after.milestonesUnlocked).toEqual([
      expect.objectContaining({ milestoneId: c.milestoneId, status: 'unlocked', penaltyMinor: 30_000 }),
    ]);
    // A period before the decision has none of it.
    const earlier = (await get(`?from=${civilDay(-10, PARIS)}&to=${civilDay(-1, PARIS)}`, pmo)).json();
    expect([earlier.decisions, earlier.milestonesUnlocked]).toEqual([[], []]);

    const md = await get(`?from=${today}&to=${today}`, { ...pmo, accept: 'text/markdown' });
    expect(md.statusCode).toBe(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.body).toContain(`Period ${today} to ${today} (${PARIS})`);
    // Accepted 3 days late, 2 of grace: 1 day charged; the row adds up with its retention.
    expect(md.body).toMatch(
      /## Milestones unlocked \(1\)[\s\S]*\| 3 \| 1 \| 60000\.00 EUR \| 0\.00 EUR \| 300\.00 EUR \| 3000\.00 EUR \| 56700\.00 EUR \| unlocked \|/,
    );
    expect(md.body).toContain('| accept |');
  }, 60_000);

  it('lists the change requests approved in the period, with their impact', async () => {
    const api = contractApi(t);
    const id = await api.changeRequest(
      c.engagementId,
      pmo,
      [{ op: 'modify_terms', set: { paymentTermsDays: 45 } }],
      { title: 'Payment at 45 days', impact: { costMinor: 125_000, scheduleDays: -2, quality: 'unchanged' } },
    );
    await api.expectStatus(api.call('POST', `/v1/change-requests/${id}/submit`, pmo), 200);
    await api.expectStatus(api.call('POST', `/v1/change-requests/${id}/approve`, pmo), 200);
    const today = civilDay(0, PARIS);
    const report = (await get(`?from=${today}&to=${today}`, pmo)).json();
    expect(report.changeRequestsApproved).toEqual([
      {
        changeRequestId: id,
        title: 'Payment at 45 days',
        approvedAt: expect.any(String),
        contractVersion: expect.any(Number),
        impact: { costMinor: 125_000, scheduleDays: -2, quality: 'unchanged' },
      },
    ]);
    const earlier = (await get(`?from=${civilDay(-10, PARIS)}&to=${civilDay(-1, PARIS)}`, pmo)).json();
    expect(earlier.changeRequestsApproved).toEqual([]);
    const md = await get(`?from=${today}&to=${today}`, { ...pmo, accept: 'text/markdown' });
    expect(md.body).toMatch(
      /## Change requests approved \(1\)[\s\S]*\| Payment at 45 days \| [^|]+ \| \d+ \| 1250\.00 EUR \| -2 day\(s\) \| unchanged \|/,
    );
  }, 60_000);

  it('a provider sees its own engagements only; 422 for a period ending before it starts', async () => {
    const own = await t.keyFor('provider', c.providerId);
    expect((await get('', own)).statusCode).toBe(200);
    const other = await t.keyFor('provider', await contractApi(t).provider());
    expect((await get('', other)).statusCode).toBe(404);
    expect((await get('?from=2027-03-02&to=2027-03-01', pmo)).statusCode).toBe(422);
    expect((await t.app.inject({ url: `/v1/engagements/${c.engagementId}/report` })).statusCode).toBe(401);
  });
});

describe('the scheduled status report', () => {
  it('writes one status_report journal entry per period, however often it runs', async () => {
    const inSevenDays = new Date(Date.now() + 7 * 86_400_000);
    const reports = createReportService({
      store: t.container.store,
      everyDays: 7,
      now: () => inSevenDays,
      logger: createLogger('silent'),
    });
    const runs = await Promise.all([reports.runScheduled(), reports.runScheduled()]);
    await reports.runScheduled();
    expect(runs.reduce((n, r) => n + r.written, 0)).toBeGreaterThanOrEqual(1);
    const rows = await rawQuery<{ period_from: string; period_to: string; kind: string; summary: string }>(
      t,
      `select to_char(r.period_from, 'YYYY-MM-DD') as period_from, to_char(r.period_to, 'YYYY-MM-DD') as period_to,
              j.kind, j.summary
       from status_reports r join journal_entries j on j.id = r.journal_entry_id
       where r.engagement_id = $1`,
      [c.engagementId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      period_from: civilDay(0, PARIS),
      period_to: civilDay(6, PARIS),
      kind: 'status_report',
    });
    expect(rows[0]?.summary).toContain('## Decisions (1)');

    const journal = await t.app.inject({
      url: `/v1/engagements/${c.engagementId}/journal?kind=status_report`,
      headers: pmo,
    });
    expect(journal.json().items).toEqual([
      expect.objectContaining({ kind: 'status_report', author: { keyId: 'system', role: 'admin' } }),
    ]);
    // A PMO cannot post that kind: Jalon writes it.
    const posted = await t.app.inject({
      method: 'POST',
      url: `/v1/engagements/${c.engagementId}/journal`,
      headers: pmo,
      payload: {
        kind: 'status_report',
        occurredAt: new Date().toISOString(),
        participants: ['A'],
        summary: 'x',
      },
    });
    expect(posted.statusCode).toBe(400);
  }, 60_000);
});
