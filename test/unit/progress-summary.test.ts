import { describe, expect, it } from 'vitest';
import { firstDue, type SummaryLine, summarize } from '../../src/core/progress-summary.ts';

let seq = 0;
const line = (over: Partial<SummaryLine> = {}): SummaryLine => ({
  id: `d${String(++seq).padStart(3, '0')}`,
  title: 'Deliverable',
  dueDate: '2027-03-31',
  weight: 1,
  status: 'in_progress',
  progress: 0.5,
  blockedCount: 0,
  scheduleStatus: 'on_track',
  acceptedAt: null,
  ...over,
});
const summary = (lines: SummaryLine[], timeZone = 'Europe/Paris') =>
  summarize({ engagementId: 'e1', providerId: 'p1', timeZone, lines });

describe("an engagement's summary", () => {
  it('counts deliverables by schedule status, the review backlog and the blockers of open work', () => {
    const s = summary([
      line({ scheduleStatus: 'on_track', status: 'ready_for_review', blockedCount: 0 }),
      line({ scheduleStatus: 'at_risk', blockedCount: 2 }),
      line({ scheduleStatus: 'late', blockedCount: 1 }),
      line({ scheduleStatus: 'accepted', status: 'accepted', blockedCount: 4 }),
    ]);
    expect(s).toMatchObject({
      deliverables: 4,
      onTrack: 1,
      atRisk: 1,
      late: 1,
      accepted: 1,
      awaitingReview: 1,
      blockedTasks: 3,
    });
  });

  it("counts acceptances on or before the due date, in the engagement's time zone", () => {
    const accepted = (dueDate: string, at: string) =>
      line({ dueDate, status: 'accepted', scheduleStatus: 'accepted', acceptedAt: new Date(at) });
    const lines = [
      accepted('2027-02-28', '2027-02-28T23:30:00Z'), // 1 March 00:30 in Paris: a day late
      accepted('2027-02-28', '2027-02-28T10:00:00Z'),
      accepted('2027-02-28', '2027-02-20T10:00:00Z'),
    ];
    expect(summary(lines).acceptedOnTime).toBe(2);
    expect(summary(lines, 'UTC').acceptedOnTime).toBe(3);
  });

  it('weighs progress by the contractual weight, over deliverables with tasks', () => {
    const s = summary([
      line({ weight: 3, progress: 1 }),
      line({ weight: 1, progress: 0 }),
      line({ weight: 5, progress: null }),
    ]);
    expect(s.progress).toBe(0.75);
    expect(summary([line({ progress: null })]).progress).toBeNull();
  });

  it('keeps the five most overdue and the five next due, by date', () => {
    const lates = ['2026-05-01', '2026-03-01', '2026-04-01', '2026-01-01', '2026-02-01', '2026-06-01'].map(
      (d) => line({ dueDate: d, scheduleStatus: 'late' }),
    );
    const open = ['2027-05-01', '2027-03-01', '2027-04-01'].map((d) => line({ dueDate: d }));
    const s = summary([...lates, ...open, line({ dueDate: '2027-01-01', scheduleStatus: 'accepted' })]);
    expect(s.overdue.map((d) => d.dueDate)).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
      '2026-05-01',
    ]);
    expect(s.nextDue.map((d) => d.dueDate)).toEqual(['2027-03-01', '2027-04-01', '2027-05-01']);
    expect(s.nextDue[0]).toMatchObject({
      engagementId: 'e1',
      status: 'in_progress',
      scheduleStatus: 'on_track',
    });
  });

  it('merges several engagements’ lists by due date, then id', () => {
    const items = [
      { deliverableId: 'b', dueDate: '2027-02-01' },
      { deliverableId: 'a', dueDate: '2027-02-01' },
      { deliverableId: 'c', dueDate: '2027-01-01' },
    ];
    expect(firstDue(items, 2).map((i) => i.deliverableId)).toEqual(['c', 'a']);
  });

  it('compares ids as code units, as PostgreSQL’s "C" collation does where it keeps the first five', () => {
    const items = [
      { deliverableId: 'dlv_a', dueDate: '2027-02-01' },
      { deliverableId: 'dlv_B', dueDate: '2027-02-01' },
      { deliverableId: 'dlv_é', dueDate: '2027-02-01' },
      { deliverableId: 'dlv_z', dueDate: '2027-02-01' },
    ];
    expect(firstDue(items).map((i) => i.deliverableId)).toEqual(['dlv_B', 'dlv_a', 'dlv_z', 'dlv_é']);
  });
});
