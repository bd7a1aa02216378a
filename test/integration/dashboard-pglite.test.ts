import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { type Row, rawQuery } from '../support/engagement.ts';
import { progressKit } from '../support/progress-kit.ts';

/** The embedded database (`npm start` without DATABASE_URL, the demo) runs the same raw SQL. */
let t: TestApp;
let kit: ReturnType<typeof progressKit>;
beforeAll(async () => {
  t = await buildTestApp({ backend: 'pglite' });
  kit = progressKit(t);
});
afterAll(async () => {
  await t?.container.queues.queue('recompute').obliterate({ force: true });
  await t?.close();
});

describe('progress and dashboards on PGlite', () => {
  it('recomputes, stores and reads the same figures', async () => {
    const e = await kit.linked({
      engagement: { startDate: '2026-01-05', endDate: '2027-06-30' },
      activate: true,
      link: false,
      deliverables: [{ dueDate: '2026-06-30' }, { dueDate: '2027-03-31' }],
    });
    const [late = '', later = ''] = e.deliverableIds;
    await rawQuery(
      t,
      `update payment_milestones set status = 'paid', net_minor = 5700000 where engagement_id = $1`,
      [e.engagementId],
    );
    const first = await kit.recompute(e.engagementId);
    expect(first.progress).toMatchObject({ deliverables: 2 });
    const again = await kit.recompute(e.engagementId);
    expect(again.progress).toMatchObject({ written: 0, summaryWritten: false, moved: [], events: 0 });

    expect((await kit.deliverable(e.engagementId, late)).figures).toMatchObject({
      scheduleStatus: 'late',
      reasons: ['due date 2026-06-30 passed', 'no tasks selected'],
      computedAt: expect.stringMatching(/Z$/),
    });
    const res = await kit.api.expectStatus(
      kit.api.call('GET', '/v1/dashboard/providers?limit=500', t.admin),
      200,
    );
    expect((res.items as Row[]).find((p) => p.providerId === e.providerId)).toMatchObject({
      activeEngagements: 1,
      deliverables: { total: 2, bySchedule: { late: 1, at_risk: 1 } },
      overdue: { count: 1, items: [{ deliverableId: late, dueDate: '2026-06-30' }] },
      nextDue: [{ deliverableId: later, dueDate: '2027-03-31' }],
      money: [{ currency: 'EUR', unlockedMinor: 0, invoicedMinor: 0, paidMinor: 5_700_000 }],
    });
  }, 60_000);
});
