import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAILY_CHECK_PATTERN, dailyCheck, dailyCheckJob } from '../../src/jobs/daily-check.job.ts';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { rawQuery } from '../support/engagement.ts';
import { progressKit, until } from '../support/progress-kit.ts';

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

const recomputeQueue = () => t.container.queues.queue(dailyCheckJob.queue);
const past = { startDate: '2026-01-05', endDate: '2027-06-30' };

describe('the daily check', () => {
  it('is scheduled every hour at :05 UTC, so each time zone sees its midnight, when a worker starts', async () => {
    const scheduler = await until(() => recomputeQueue().getJobScheduler(dailyCheckJob.name));
    expect(scheduler).toMatchObject({ pattern: DAILY_CHECK_PATTERN, tz: 'UTC' });
    expect(new Date(Number(scheduler.next)).toISOString()).toMatch(/T\d\d:05:00\.000Z$/);
  });

  it('makes a deliverable late when its due date passes with no tracker activity, once', async () => {
    const active = await kit.linked({
      engagement: past,
      activate: true,
      link: false,
      deliverables: [{ dueDate: '2027-03-31', selector: { jira: { issueKeys: ['PRG-1'] } } }],
    });
    const draft = await kit.linked({
      engagement: past,
      link: false,
      deliverables: [{ dueDate: '2027-03-31', selector: { jira: { issueKeys: ['PRG-1'] } } }],
    });
    const [id = ''] = active.deliverableIds;
    const [draftId = ''] = draft.deliverableIds;
    // Activation and creation computed both; then time passes the due date (nothing else changes).
    for (const [e, d] of [
      [active.engagementId, id],
      [draft.engagementId, draftId],
    ] as const) {
      await until(async () => (await kit.deliverable(e, d)).figures?.scheduleStatus === 'at_risk');
    }
    await rawQuery(t, `update deliverables set due_date = '2026-06-30' where id = any($1)`, [[id, draftId]]);

    for (const _ of [1, 2]) {
      const job = await recomputeQueue().add(dailyCheckJob.name, {});
      await until(async () => (await job.getState()) === 'completed');
      const late = await until(async () => {
        const d = await kit.deliverable(active.engagementId, id);
        return d.figures?.scheduleStatus === 'late' && d;
      });
      expect(late.figures?.reasons).toEqual(['due date 2026-06-30 passed', 'no tasks selected']);
      // Wait for the recompute it scheduled, so the second round really ran before counting (the
      // check's own next run stays delayed).
      await until(async () => {
        const pending = await recomputeQueue().getJobs(['waiting', 'delayed', 'active', 'prioritized']);
        return pending.every((j) => j.name === dailyCheckJob.name);
      });
    }
    expect(await kit.outbox('deliverable.late', id)).toHaveLength(1);
    // Drafts are not in the round: the draft's figures are as its creation left them.
    expect((await kit.deliverable(draft.engagementId, draftId)).figures?.scheduleStatus).toBe('at_risk');
  }, 60_000);

  it('runs the extra checks other features register, after scheduling every active engagement', async () => {
    const ran: string[] = [];
    const check = dailyCheck({
      engagements: t.container.store.engagements,
      queues: t.container.queues,
      extraChecks: [async () => void ran.push('milestones')],
    });
    const result = await check();
    expect(result.engagements).toBeGreaterThanOrEqual(1);
    expect(result.extraChecks).toBe(1);
    expect(ran).toEqual(['milestones']);
  });
});
