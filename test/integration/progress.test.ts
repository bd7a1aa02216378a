import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { flagged, points, progressKit, until } from '../support/progress-kit.ts';

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

describe('progress from tracker tasks, through webhooks and the workers', () => {
  it('starts, submits for review once, reopens and submits again as the tasks move', async () => {
    const e = await kit.linked({
      deliverables: [{ selector: { jira: { issueKeys: ['PRG-1', 'PRG-2'] } } }],
    });
    const [id = ''] = e.deliverableIds;
    await kit.issue(e.connectionId, 1, 'in_progress');
    await kit.issue(e.connectionId, 2, 'todo');
    const started = await until(async () => {
      const d = await kit.deliverable(e.engagementId, id);
      return d.figures?.taskCount === 2 && d.status === 'in_progress' && d;
    });
    expect(started.figures).toMatchObject({
      progress: 0,
      doneCount: 0,
      noTasks: false,
      scheduleStatus: 'on_track',
    });

    await kit.issue(e.connectionId, 1, 'done');
    const half = await until(async () => {
      const d = await kit.deliverable(e.engagementId, id);
      return d.figures?.doneCount === 1 && d;
    });
    expect(half.figures?.progress).toBe(0.5);
    expect(half.figures?.throughputPerDay).toBeCloseTo(1 / 14, 12);

    await kit.issue(e.connectionId, 2, 'done');
    const review = await until(async () => {
      const d = await kit.deliverable(e.engagementId, id);
      return d.status === 'ready_for_review' && d;
    });
    expect(review.figures).toMatchObject({ progress: 1, doneCount: 2, scheduleStatus: 'on_track' });
    const events = await kit.outbox('deliverable.ready_for_review', id);
    expect(events).toHaveLength(1);
    expect(events[0]?.provider_id).toBe(e.providerId);
    expect(events[0]?.data).toMatchObject({ deliverableId: id, engagementId: e.engagementId, taskCount: 2 });

    // Running the recompute again, twice, changes nothing: no figures, no status, no event, no audit.
    const auditBefore = await kit.audit(id);
    for (const _ of [1, 2]) {
      const again = await kit.recompute(e.engagementId);
      expect(again.progress).toMatchObject({
        deliverables: 1,
        written: 0,
        summaryWritten: false,
        moved: [],
        events: 0,
      });
    }
    expect(await kit.outbox('deliverable.ready_for_review', id)).toHaveLength(1);
    expect(await kit.audit(id)).toEqual(auditBefore);
    expect((await kit.deliverable(e.engagementId, id)).figures?.computedAt).toBe(review.figures?.computedAt);

    // A task reopened before any decision: back to in_progress, by Jalon itself.
    await kit.issue(e.connectionId, 2, 'in_progress');
    const reopened = await until(async () => {
      const d = await kit.deliverable(e.engagementId, id);
      return d.status === 'in_progress' && d;
    });
    expect(reopened.figures?.progress).toBe(0.5);
    expect((await kit.audit(id)).map((a) => [a.action, a.actor_key_id])).toEqual([
      ['create', 'bootstrap'],
      ['start', 'system'],
      ['submit_for_review', 'system'],
      ['reopen', 'system'],
    ]);

    // Done again: a new round of review, announced anew.
    await kit.issue(e.connectionId, 2, 'done');
    await until(async () => (await kit.deliverable(e.engagementId, id)).status === 'ready_for_review');
    expect(await kit.outbox('deliverable.ready_for_review', id)).toHaveLength(2);
  }, 60_000);

  it('flags a deliverable with no tasks (never 100 %) and leaves cancelled tasks out', async () => {
    const e = await kit.linked({
      deliverables: [
        { selector: { jira: { issueKeys: ['PRG-404'] } } },
        { selector: { jira: { issueKeys: ['PRG-5', 'PRG-6'] } } },
      ],
    });
    const [empty = '', other = ''] = e.deliverableIds;
    await kit.issue(e.connectionId, 5, 'done');
    await kit.issue(e.connectionId, 6, 'done', { resolution: { name: "Won't Do" } });
    const rest = await until(async () => {
      const d = await kit.deliverable(e.engagementId, other);
      return d.figures?.cancelledCount === 1 && d;
    });
    // The cancelled task left the total: the one task left is done, so the deliverable awaits review.
    expect(rest.figures).toMatchObject({ progress: 1, taskCount: 1, doneCount: 1, totalWeight: 1 });
    expect(rest.status).toBe('ready_for_review');
    expect(rest.tasks.total).toBe(2);
    const none = await kit.deliverable(e.engagementId, empty);
    expect(none.status).toBe('planned');
    expect(none.figures).toMatchObject({
      progress: null,
      noTasks: true,
      taskCount: 0,
      forecastDate: null,
      scheduleStatus: 'at_risk',
      reasons: ['no tasks selected'],
    });
    expect(none.tasks).toEqual({ total: 0, shown: 0, groups: [] });
    expect(await kit.outbox('deliverable.at_risk', empty)).toHaveLength(1);
    expect(await kit.outbox('deliverable.ready_for_review', empty)).toHaveLength(0);
  }, 60_000);

  it('weighs by story points when the engagement says so, and counts blocked tasks as a risk', async () => {
    const e = await kit.linked({
      engagement: { weightByEstimate: true },
      deliverables: [{ selector: { jira: { issueKeys: ['PRG-7', 'PRG-8', 'PRG-9'] } } }],
    });
    const [id = ''] = e.deliverableIds;
    await kit.issue(e.connectionId, 7, 'done', points(8));
    await kit.issue(e.connectionId, 8, 'in_progress', { ...points(1), ...flagged });
    await kit.issue(e.connectionId, 9, 'todo', { ...points(1), ...flagged });
    const d = await until(async () => {
      const line = await kit.deliverable(e.engagementId, id);
      return line.figures?.taskCount === 3 && line.figures.blockedCount === 2 && line;
    });
    expect(d.figures).toMatchObject({
      progress: 0.8,
      doneWeight: 8,
      totalWeight: 10,
      scheduleStatus: 'at_risk',
      reasons: ['2 blocked tasks'],
    });
  }, 60_000);

  it('is late once the due date has passed, with the reason, announced once', async () => {
    const e = await kit.linked({
      engagement: { startDate: '2026-01-05', endDate: '2027-06-30' },
      deliverables: [{ dueDate: '2026-06-30', selector: { jira: { issueKeys: ['PRG-11'] } } }],
    });
    const [id = ''] = e.deliverableIds;
    await kit.issue(e.connectionId, 11, 'in_progress');
    const late = await until(async () => {
      const d = await kit.deliverable(e.engagementId, id);
      return d.figures?.taskCount === 1 && d;
    });
    expect(late.figures).toMatchObject({ scheduleStatus: 'late', reasons: ['due date 2026-06-30 passed'] });
    await kit.recompute(e.engagementId);
    const events = await kit.outbox('deliverable.late', id);
    expect(events.map((x) => x.dedupe_key)).toEqual([`deliverable.late:${id}:2026-06-30`]);
    expect(events[0]?.data).toMatchObject({
      scheduleStatus: 'late',
      reasons: ['due date 2026-06-30 passed'],
    });
  }, 60_000);

  it('follows contract changes without tracker activity: a selector edited, activation, an approved new due date', async () => {
    const e = await kit.linked({
      engagement: { startDate: '2026-01-05', endDate: '2027-06-30' },
      deliverables: [{ dueDate: '2027-03-31', selector: { jira: { issueKeys: ['PRG-31'] } } }],
    });
    const [id = ''] = e.deliverableIds;
    await kit.issue(e.connectionId, 31, 'done');
    await kit.issue(e.connectionId, 32, 'todo');
    await until(async () => (await kit.deliverable(e.engagementId, id)).figures?.taskCount === 1);
    await kit.api.expectStatus(
      kit.api.call('PATCH', `/v1/deliverables/${id}`, t.admin, {
        selector: { jira: { issueKeys: ['PRG-31', 'PRG-32'] } },
      }),
      200,
    );
    const widened = await until(async () => {
      const d = await kit.deliverable(e.engagementId, id);
      return d.figures?.taskCount === 2 && d;
    });
    expect(widened.figures?.progress).toBe(0.5);

    await kit.api.milestone(e.engagementId, [id]);
    await kit.api.expectStatus(
      kit.api.call('POST', `/v1/engagements/${e.engagementId}/activate`, t.admin),
      200,
    );
    const change = await kit.api.changeRequest(e.engagementId, t.admin, [
      { op: 'modify_deliverable', deliverableId: id, set: { dueDate: '2026-06-30' } },
    ]);
    await kit.api.expectStatus(kit.api.call('POST', `/v1/change-requests/${change}/submit`, t.admin), 200);
    await kit.api.expectStatus(
      kit.api.call('POST', `/v1/change-requests/${change}/approve`, t.admin, {}),
      200,
    );
    const late = await until(async () => {
      const d = await kit.deliverable(e.engagementId, id);
      return d.figures?.scheduleStatus === 'late' && d;
    });
    expect(late.figures?.reasons).toEqual([
      'due date 2026-06-30 passed',
      expect.stringMatching(/^forecast \d{4}-\d{2}-\d{2} after due 2026-06-30$/),
    ]);
  }, 60_000);
});
