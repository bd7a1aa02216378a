import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetweenDates } from '../../src/core/dates.ts';
import { DeliverableStatus, deliverableLifecycle } from '../../src/core/lifecycle.ts';
import {
  addDays,
  automaticAction,
  computeProgress,
  forecastDate,
  type ProgressTask,
  scheduleEvent,
  scheduleOf,
  taskWeights,
  throughputPerDay,
  todayIn,
} from '../../src/core/progress.ts';

let seq = 0;
const task = (over: Partial<ProgressTask> = {}): ProgressTask => ({
  id: `t${++seq}`,
  statusCategory: 'todo',
  cancelled: false,
  deleted: false,
  blocked: false,
  estimate: null,
  ...over,
});
const figures = (tasks: ProgressTask[], byEstimate = false) =>
  computeProgress(tasks, taskWeights(tasks, byEstimate));

describe('progress', () => {
  it('is done weight over total weight, each task weighing 1 by default', () => {
    const p = figures([task({ statusCategory: 'done', estimate: 8 }), task({ estimate: 1 }), task()]);
    expect(p).toMatchObject({ progress: 1 / 3, doneWeight: 1, totalWeight: 3, taskCount: 3, doneCount: 1 });
  });

  it('weighs tasks by their estimate when the engagement says so', () => {
    const p = figures([task({ statusCategory: 'done', estimate: 8 }), task({ estimate: 2 })], true);
    expect(p).toMatchObject({ progress: 0.8, doneWeight: 8, totalWeight: 10 });
  });

  it('gives an unestimated task the mean estimate, and 1 each when no estimate is usable', () => {
    const tasks = [task({ estimate: 3 }), task({ estimate: 5 }), task({ statusCategory: 'done' })];
    expect([...taskWeights(tasks, true).values()]).toEqual([3, 5, 4]);
    expect([...taskWeights([task(), task()], true).values()]).toEqual([1, 1]);
    expect([...taskWeights([task({ estimate: 0 }), task({ estimate: 0 })], true).values()]).toEqual([1, 1]);
  });

  it('leaves cancelled and deleted tasks out of the total', () => {
    const p = figures([
      task({ statusCategory: 'done' }),
      task({ cancelled: true }),
      task({ deleted: true }),
      task({ deleted: true, cancelled: true }),
      task(),
    ]);
    expect(p).toMatchObject({ progress: 0.5, taskCount: 2, cancelledCount: 1, totalWeight: 2 });
  });

  it('is null and flagged, never 100 %, for a deliverable without tasks', () => {
    expect(figures([])).toMatchObject({ progress: null, noTasks: true, taskCount: 0 });
    expect(figures([task({ cancelled: true, statusCategory: 'done' })])).toMatchObject({
      progress: null,
      noTasks: true,
      cancelledCount: 1,
    });
  });

  it('counts blocked tasks that are not done yet', () => {
    const p = figures([task({ blocked: true }), task({ blocked: true, statusCategory: 'done' }), task()]);
    expect(p.blockedCount).toBe(1);
  });

  const arbTask = fc.record({
    id: fc.uuid(),
    statusCategory: fc.constantFrom('todo', 'in_progress', 'done') as fc.Arbitrary<
      ProgressTask['statusCategory']
    >,
    cancelled: fc.boolean(),
    deleted: fc.boolean(),
    blocked: fc.boolean(),
    estimate: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
  });
  const arbTasks = fc.uniqueArray(arbTask, { selector: (t) => t.id, maxLength: 30 });

  it('stays within [0, 1], is null exactly when no task counts, and 1 exactly when all are done', () => {
    fc.assert(
      fc.property(arbTasks, fc.boolean(), (tasks, byEstimate) => {
        const p = figures(tasks, byEstimate);
        const counted = tasks.filter((t) => !t.cancelled && !t.deleted);
        expect(p.progress === null).toBe(counted.length === 0);
        expect(p.noTasks).toBe(counted.length === 0);
        if (p.progress !== null) {
          expect(p.progress).toBeGreaterThanOrEqual(0);
          expect(p.progress).toBeLessThanOrEqual(1);
        }
        const allDone = counted.length > 0 && counted.every((t) => t.statusCategory === 'done');
        if (allDone) expect(p.progress).toBe(1);
        if (!byEstimate) expect(p.progress === 1).toBe(allDone);
      }),
    );
  });

  it('ignores cancelled and deleted tasks whatever their state', () => {
    fc.assert(
      fc.property(arbTasks, arbTasks, fc.boolean(), (tasks, extra, byEstimate) => {
        const gone = extra
          .filter((t) => !tasks.some((o) => o.id === t.id))
          .map((t, i) => (i % 2 === 0 ? { ...t, cancelled: true } : { ...t, deleted: true }));
        const a = figures(tasks, byEstimate);
        const b = figures([...tasks, ...gone], byEstimate);
        expect(b.progress).toBe(a.progress);
        expect(b.totalWeight).toBe(a.totalWeight);
      }),
    );
  });

  it('never goes down when a task is finished', () => {
    fc.assert(
      fc.property(arbTasks, fc.nat(), fc.boolean(), (tasks, pick, byEstimate) => {
        fc.pre(tasks.length > 0);
        const i = pick % tasks.length;
        const finished = tasks.map((t, j) => (j === i ? { ...t, statusCategory: 'done' as const } : t));
        const before = figures(tasks, byEstimate).progress ?? 0;
        const after = figures(finished, byEstimate).progress ?? 0;
        expect(after).toBeGreaterThanOrEqual(before - 1e-12);
      }),
    );
  });
});

describe('throughput and forecast', () => {
  const now = new Date('2027-02-15T12:00:00Z');
  const at = (iso: string) => new Date(iso);

  it('is done weight per day over the last 14 days, each task once, only tasks done now', () => {
    const done = new Map([
      ['a', 2],
      ['b', 5],
      ['c', 7],
    ]);
    const perDay = throughputPerDay(
      [
        { taskId: 'a', at: at('2027-02-14T10:00:00Z') },
        { taskId: 'a', at: at('2027-02-13T10:00:00Z') },
        { taskId: 'b', at: at('2027-02-01T12:00:00Z') }, // exactly 14 days ago: in
        { taskId: 'c', at: at('2027-01-31T12:00:00Z') }, // 15 days ago: out
        { taskId: 'x', at: at('2027-02-14T10:00:00Z') }, // reopened since: not done now
      ],
      done,
      now,
    );
    expect(perDay).toBeCloseTo(7 / 14, 12);
  });

  const progress = (done: number, total: number) =>
    figures([
      ...Array.from({ length: done }, () => task({ statusCategory: 'done' })),
      ...Array.from({ length: total - done }, () => task()),
    ]);

  it('forecasts the date the remaining weight is done at that pace', () => {
    expect(forecastDate(progress(4, 14), 10 / 14, '2027-02-15')).toBe('2027-03-01');
    expect(forecastDate(progress(1, 3), 0.5, '2027-02-27')).toBe('2027-03-03');
  });

  it('is today when nothing remains, and null without throughput or tasks', () => {
    expect(forecastDate(progress(3, 3), 0, '2027-02-15')).toBe('2027-02-15');
    expect(forecastDate(progress(1, 3), 0, '2027-02-15')).toBeNull();
    expect(forecastDate(progress(0, 0), 1, '2027-02-15')).toBeNull();
  });

  it('adds calendar days across months, leap days and years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }),
        fc.integer({ min: -4000, max: 4000 }),
        (d, n) => {
          const start = d.toISOString().slice(0, 10);
          expect(daysBetweenDates(start, addDays(start, n))).toBe(n);
        },
      ),
    );
  });
});

describe('schedule status', () => {
  const base = { status: 'in_progress' as const, dueDate: '2027-02-28', today: '2027-02-15' };
  const some = figures([task({ statusCategory: 'done' }), task()]);

  it('is on track when the forecast meets the due date', () => {
    expect(scheduleOf({ ...base, figures: some, forecast: '2027-02-28' })).toEqual({
      status: 'on_track',
      reasons: [],
    });
  });

  it('is at risk when the forecast falls after the due date, saying both dates', () => {
    expect(scheduleOf({ ...base, figures: some, forecast: '2027-03-04' })).toEqual({
      status: 'at_risk',
      reasons: ['forecast 2027-03-04 after due 2027-02-28'],
    });
  });

  it('is never on track once rejected: at risk with the rejection date, late past the due date', () => {
    const all = figures([task({ statusCategory: 'done' })]);
    const rejected = { ...base, status: 'rejected' as const, figures: all, forecast: '2027-02-15' };
    expect(scheduleOf({ ...rejected, rejectedOn: '2027-02-14' })).toEqual({
      status: 'at_risk',
      reasons: ['rejected on 2027-02-14: rework needed'],
    });
    expect(scheduleOf({ ...rejected, today: '2027-03-01' })).toEqual({
      status: 'late',
      reasons: ['due date 2027-02-28 passed', 'rejected: rework needed'],
    });
  });

  it('is at risk with blocked tasks, counted in words', () => {
    const blocked = figures([task({ blocked: true }), task({ blocked: true }), task()]);
    expect(scheduleOf({ ...base, figures: blocked, forecast: '2027-02-20' }).reasons).toEqual([
      '2 blocked tasks',
    ]);
    const one = figures([task({ blocked: true })]);
    expect(scheduleOf({ ...base, figures: one, forecast: '2027-02-20' })).toEqual({
      status: 'at_risk',
      reasons: ['1 blocked task'],
    });
  });

  it('is at risk with no tasks selected', () => {
    expect(scheduleOf({ ...base, figures: figures([]), forecast: null })).toEqual({
      status: 'at_risk',
      reasons: ['no tasks selected'],
    });
  });

  it('is at risk when nothing was done lately and the due date is within the window', () => {
    expect(scheduleOf({ ...base, figures: some, forecast: null }).reasons).toEqual([
      'nothing done in the last 14 days, due 2027-02-28',
    ]);
    expect(scheduleOf({ ...base, dueDate: '2027-06-30', figures: some, forecast: null }).status).toBe(
      'on_track',
    );
  });

  it('is late the day after the due date, not on it, and keeps the other reasons', () => {
    const blocked = figures([task({ blocked: true })]);
    expect(scheduleOf({ ...base, today: '2027-02-28', figures: some, forecast: '2027-02-28' }).status).toBe(
      'on_track',
    );
    expect(scheduleOf({ ...base, today: '2027-03-01', figures: blocked, forecast: null })).toEqual({
      status: 'late',
      reasons: ['due date 2027-02-28 passed', '1 blocked task'],
    });
  });

  it('is accepted once accepted, whatever the dates', () => {
    expect(
      scheduleOf({ ...base, status: 'accepted', today: '2027-04-01', figures: figures([]), forecast: null }),
    ).toEqual({ status: 'accepted', reasons: [] });
  });

  it("takes today in the engagement's time zone", () => {
    const instant = new Date('2027-02-28T23:30:00Z');
    expect(todayIn(instant, 'UTC')).toBe('2027-02-28');
    expect(todayIn(instant, 'Europe/Paris')).toBe('2027-03-01');
    expect(todayIn(new Date('2027-03-01T03:00:00Z'), 'America/New_York')).toBe('2027-02-28');
    const at = (timeZone: string) =>
      scheduleOf({ ...base, today: todayIn(instant, timeZone), figures: some, forecast: '2027-02-28' })
        .status;
    expect(at('Europe/Paris')).toBe('late');
    expect(at('America/Los_Angeles')).toBe('on_track');
    expect(at('Pacific/Kiritimati')).toBe('late'); // UTC+14
  });
});

describe('automatic status moves', () => {
  it('starts a planned deliverable when a task leaves todo', () => {
    expect(automaticAction('planned', figures([task({ statusCategory: 'in_progress' }), task()]))).toBe(
      'start',
    );
    expect(automaticAction('planned', figures([task(), task()]))).toBeNull();
    expect(automaticAction('planned', figures([]))).toBeNull();
  });

  it('submits for review when every counted task is done, and only with at least one', () => {
    const allDone = figures([task({ statusCategory: 'done' }), task({ cancelled: true })]);
    expect(automaticAction('planned', allDone)).toBe('submit_for_review');
    expect(automaticAction('in_progress', allDone)).toBe('submit_for_review');
    expect(
      automaticAction('in_progress', figures([task({ cancelled: true, statusCategory: 'done' })])),
    ).toBeNull();
  });

  it('reopens a deliverable awaiting review when a task is no longer done', () => {
    expect(automaticAction('ready_for_review', figures([task({ statusCategory: 'done' }), task()]))).toBe(
      'reopen',
    );
    expect(automaticAction('ready_for_review', figures([task({ statusCategory: 'done' })]))).toBeNull();
  });

  it('reworks a rejected deliverable when a task is not done, or left done since the rejection', () => {
    const done = figures([task({ statusCategory: 'done' }), task({ statusCategory: 'done' })]);
    expect(automaticAction('rejected', done)).toBeNull();
    // Reopened and completed again between two recomputes: the history says so.
    expect(automaticAction('rejected', done, true)).toBe('rework');
    expect(automaticAction('rejected', figures([task({ statusCategory: 'done' }), task()]))).toBe('rework');
    expect(automaticAction('rejected', figures([]))).toBeNull();
    // Then, as the moves are applied one after the other, back to review when every task is done.
    expect(automaticAction(deliverableLifecycle.transition('rejected', 'rework'), done)).toBe(
      'submit_for_review',
    );
  });

  it('never touches accepted deliverables, nor rejected ones whose tasks are all still done', () => {
    const arb = fc.array(
      fc.record({
        statusCategory: fc.constantFrom('todo', 'in_progress', 'done') as fc.Arbitrary<
          ProgressTask['statusCategory']
        >,
        cancelled: fc.boolean(),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...DeliverableStatus.options), arb, (status, raw) => {
        const action = automaticAction(status, figures(raw.map((r) => task(r))));
        const f = figures(raw.map((r) => task(r)));
        if (status === 'accepted') expect(action).toBeNull();
        if (status === 'rejected' && f.doneCount === f.taskCount) expect(action).toBeNull();
        if (action) expect(deliverableLifecycle.canTransition(status, action)).toBe(true);
      }),
    );
  });
});

describe('schedule events', () => {
  it('announces entering late or at risk, once per entry', () => {
    expect(scheduleEvent(null, 'late')).toBe('deliverable.late');
    expect(scheduleEvent('on_track', 'at_risk')).toBe('deliverable.at_risk');
    expect(scheduleEvent('at_risk', 'late')).toBe('deliverable.late');
    expect(scheduleEvent('late', 'late')).toBeNull();
    expect(scheduleEvent('at_risk', 'at_risk')).toBeNull();
    expect(scheduleEvent('late', 'on_track')).toBeNull();
    expect(scheduleEvent(null, 'accepted')).toBeNull();
  });
});
