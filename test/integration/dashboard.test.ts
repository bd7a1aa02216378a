import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { type Row, rawQuery } from '../support/engagement.ts';
import { flagged, type Linked, progressKit, until } from '../support/progress-kit.ts';

let t: TestApp;
let workers: Workers;
let kit: ReturnType<typeof progressKit>;
beforeAll(async () => {
  t = await buildTestApp();
  workers = t.container.startWorkers();
  kit = progressKit(t);
});
afterAll(async () => {
  await workers?.close();
  // Every queue lives under this test's own prefix: removing them removes only what it created.
  for (const q of ['ingest', 'relay', 'sync', 'recompute', 'pushback', 'events', 'event-delivery']) {
    await t?.container.queues.queue(q).obliterate({ force: true });
  }
  await t?.close();
});

/**
 * Acceptance and settlement as the decision and finance flows record them (their own suites test
 * those flows): the accepting decision row, the deliverable's status, the milestone's money.
 */
async function accept(e: Linked, deliverableId: string, decidedAt: string) {
  await rawQuery(t, `update deliverables set status = 'accepted' where id = $1`, [deliverableId]);
  await rawQuery(
    t,
    `insert into decisions (id, deliverable_id, engagement_id, decision, decided_by, decided_by_role, decided_at,
       status_before, status_after, evidence)
     values ($1, $2, $3, 'accept', 'key_test', 'pmo', $4, 'ready_for_review', 'accepted', '{}')`,
    [`dec_${deliverableId}`, deliverableId, e.engagementId, decidedAt],
  );
}
const settle = (milestoneId: string, status: string, netMinor: number | null) =>
  rawQuery(t, 'update payment_milestones set status = $2, net_minor = $3 where id = $1', [
    milestoneId,
    status,
    netMinor,
  ]);
const milestones = async (engagementId: string) =>
  (
    await kit.api.expectStatus(
      kit.api.call('GET', `/v1/engagements/${engagementId}/milestones`, t.admin),
      200,
    )
  ).items as Row[];

describe('GET /v1/dashboard/providers', () => {
  it('sums each provider’s portfolio: schedule, overdue and next due, blockers, backlog, money, on-time rate', async () => {
    const contract = { startDate: '2026-01-05', endDate: '2027-06-30', timeZone: 'Europe/Paris' };
    const none = (key: string) => ({ selector: { jira: { issueKeys: [key] } } });
    const a = await kit.linked({
      engagement: contract,
      activate: true,
      deliverables: [
        { title: 'Late', dueDate: '2026-06-30', ...none('PRG-900') },
        { title: 'Unselected', dueDate: '2027-03-31', ...none('PRG-901') },
        { title: 'On time', dueDate: '2026-09-30', ...none('PRG-902') },
        { title: 'Accepted late', dueDate: '2026-08-31', ...none('PRG-903') },
        { title: 'Review', dueDate: '2027-01-31', selector: { jira: { issueKeys: ['PRG-1', 'PRG-2'] } } },
        { title: 'Blocked', dueDate: '2027-02-28', selector: { jira: { issueKeys: ['PRG-3', 'PRG-4'] } } },
      ],
    });
    const [late, unselected, onTime, acceptedLate, review, blocked] = a.deliverableIds as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    // 23:30 in Paris on the due date is on time; three days after it is not.
    await accept(a, onTime, '2026-09-30T21:30:00Z');
    await accept(a, acceptedLate, '2026-09-03T10:00:00Z');
    const [m1] = await milestones(a.engagementId);
    await settle(String(m1?.id), 'paid', 2_850_000);
    await rawQuery(
      t,
      `insert into payment_milestones (id, engagement_id, label, amount_minor, status)
       values ($1, $2, 'Second', 1000000, 'unlocked')`,
      [`pms_${a.engagementId}`, a.engagementId],
    );
    for (const n of [1, 2]) await kit.issue(a.connectionId, n, 'done');
    await kit.issue(a.connectionId, 3, 'in_progress', flagged);
    await kit.issue(a.connectionId, 4, 'todo', flagged);
    // A draft of the same provider: its overdue deliverable is not in the portfolio.
    await kit.linked({
      providerId: a.providerId,
      engagement: contract,
      link: false,
      deliverables: [{ dueDate: '2026-03-31', ...none('PRG-904') }],
    });

    const b = await kit.linked({
      engagement: { ...contract, currency: 'USD', timeZone: 'America/New_York' },
      activate: true,
      link: false,
      deliverables: [{ dueDate: '2027-05-31', ...none('PRG-905') }],
    });
    const [mb] = await milestones(b.engagementId);
    await settle(String(mb?.id), 'invoiced', 500_000);

    await until(async () => {
      const d = await kit.deliverable(a.engagementId, blocked);
      return (
        d.figures?.blockedCount === 2 &&
        (await kit.deliverable(a.engagementId, review)).status === 'ready_for_review'
      );
    });
    await kit.recompute(a.engagementId);
    await kit.recompute(b.engagementId);

    const pmo = await t.keyFor('pmo');
    const res = await kit.api.expectStatus(
      kit.api.call('GET', '/v1/dashboard/providers?limit=500', pmo),
      200,
    );
    const of = (id: string) => (res.items as Row[]).find((p) => p.providerId === id);
    expect(of(a.providerId)).toMatchObject({
      activeEngagements: 1,
      deliverables: {
        total: 6,
        bySchedule: { on_track: 1, at_risk: 2, late: 1, accepted: 2, not_computed: 0 },
      },
      overdue: { count: 1, items: [{ deliverableId: late, dueDate: '2026-06-30', scheduleStatus: 'late' }] },
      nextDue: [
        { deliverableId: review, status: 'ready_for_review', scheduleStatus: 'on_track' },
        { deliverableId: blocked, status: 'in_progress', scheduleStatus: 'at_risk' },
        { deliverableId: unselected, status: 'planned', scheduleStatus: 'at_risk' },
      ],
      blockedTasks: 2,
      awaitingReview: 1,
      money: [{ currency: 'EUR', unlockedMinor: 1_000_000, invoicedMinor: 0, paidMinor: 2_850_000 }],
      onTime: { accepted: 2, onTime: 1, rate: 0.5 },
    });
    expect(of(b.providerId)).toMatchObject({
      activeEngagements: 1,
      deliverables: {
        total: 1,
        bySchedule: { on_track: 0, at_risk: 1, late: 0, accepted: 0, not_computed: 0 },
      },
      overdue: { count: 0, items: [] },
      blockedTasks: 0,
      awaitingReview: 0,
      money: [{ currency: 'USD', unlockedMinor: 0, invoicedMinor: 500_000, paidMinor: 0 }],
      onTime: { accepted: 0, onTime: 0, rate: null },
    });
  }, 60_000);

  it('pages providers by id with an opaque cursor', async () => {
    for (const _ of [1, 2, 3]) await kit.api.provider();
    const first = await kit.api.expectStatus(
      kit.api.call('GET', '/v1/dashboard/providers?limit=2', t.admin),
      200,
    );
    expect(first.items).toHaveLength(2);
    const next = await kit.api.expectStatus(
      kit.api.call('GET', `/v1/dashboard/providers?limit=2&cursor=${first.nextCursor}`, t.admin),
      200,
    );
    const ids = [...first.items, ...next.items].map((p: Row) => p.providerId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('GET /v1/engagements/{id}/dashboard', () => {
  it('shows each deliverable with its figures and tasks by tracker and status, milestones, journal, open changes', async () => {
    const e = await kit.linked({
      activate: true,
      deliverables: [
        { title: 'Checkout', selector: { jira: { issueKeys: ['PRG-21', 'PRG-22', 'PRG-23'] } } },
      ],
    });
    const [id = ''] = e.deliverableIds;
    await kit.issue(e.connectionId, 21, 'done');
    await kit.issue(e.connectionId, 22, 'done');
    await kit.issue(e.connectionId, 23, 'todo', flagged);
    await kit.api.changeRequest(e.engagementId, t.admin, [
      { op: 'modify_deliverable', deliverableId: id, set: { dueDate: '2027-04-20' } },
    ]);
    await until(async () => (await kit.deliverable(e.engagementId, id)).figures?.taskCount === 3);

    const finance = await t.keyFor('finance');
    const board = await kit.dashboard(e.engagementId, finance);
    expect(board.engagement).toMatchObject({
      id: e.engagementId,
      status: 'active',
      timeZone: 'Europe/Paris',
    });
    expect(board.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(board.summary).toMatchObject({ progress: 2 / 3, deliverables: 1 });
    const [line] = board.deliverables as (Row & { figures: Row; tasks: { groups: Row[] } })[];
    expect(line).toMatchObject({
      id,
      title: 'Checkout',
      status: 'in_progress',
      figures: { progress: 2 / 3, taskCount: 3, doneCount: 2, blockedCount: 1, scheduleStatus: 'at_risk' },
      tasks: { total: 3, shown: 3 },
    });
    expect(line?.figures.reasons).toEqual(['1 blocked task']);
    expect(line?.tasks.groups).toEqual([
      {
        tracker: 'jira',
        statusCategory: 'done',
        count: 2,
        blocked: 0,
        cancelled: 0,
        items: [
          expect.objectContaining({ key: 'PRG-21', title: 'Issue PRG-21', status: 'Done', blocked: false }),
          expect.objectContaining({ key: 'PRG-22', url: expect.stringContaining('PRG-22') }),
        ],
      },
      {
        tracker: 'jira',
        statusCategory: 'todo',
        count: 1,
        blocked: 1,
        cancelled: 0,
        items: [expect.objectContaining({ key: 'PRG-23', status: 'To Do', blocked: true })],
      },
    ]);
    expect(board.milestones).toEqual([
      expect.objectContaining({
        status: 'locked',
        currency: 'EUR',
        amountMinor: 6_000_000,
        netMinor: null,
        requiredDeliverableIds: [id],
      }),
    ]);
    expect((board.journal as Row[]).map((j) => j.kind)).toEqual(['kickoff']);
    expect(board.changeRequests).toEqual([expect.objectContaining({ status: 'draft', costMinor: 0 })]);
  }, 60_000);

  it('answers 401 without a key, a provider its own engagement only, 404 for an unknown engagement', async () => {
    const e = await kit.linked({ link: false, deliverables: [{}] });
    const provider = await t.keyFor('provider', e.providerId);
    const other = await t.keyFor('provider', await kit.api.provider());
    const pmo = await t.keyFor('pmo');
    const portfolio = '/v1/dashboard/providers';
    const own = `/v1/engagements/${e.engagementId}/dashboard`;
    for (const url of [portfolio, own]) {
      expect((await kit.api.call('GET', url, {})).statusCode).toBe(401);
      expect((await kit.api.call('GET', url, pmo)).statusCode).toBe(200);
    }
    // The portfolio spans providers: never a provider's. Its own engagement in depth: the portal's.
    expect((await kit.api.call('GET', portfolio, provider)).statusCode).toBe(403);
    const mine = await kit.api.call('GET', own, provider);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().engagement).toMatchObject({ id: e.engagementId, providerId: e.providerId });
    // Another provider's engagement is answered exactly like a missing one.
    const theirs = await kit.api.call('GET', own, other);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).not.toContain(e.providerId);
    const unknown = await kit.api.call('GET', '/v1/engagements/eng_missing/dashboard', other);
    expect(theirs.json().code).toBe(unknown.json().code);
    const missing = await kit.api.call('GET', '/v1/engagements/eng_missing/dashboard', pmo);
    expect(missing.statusCode).toBe(404);
    // Never computed yet: the deliverable is listed without figures, counted as not computed.
    const board = await kit.dashboard(e.engagementId, pmo);
    expect(board.summary).toMatchObject({ progress: null, bySchedule: { not_computed: 1 } });
    expect((board.deliverables as Row[])[0]?.figures).toBeNull();
  });
});
