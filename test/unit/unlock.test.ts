import { describe, expect, it } from 'vitest';
import { notBeforeReached, unlockOf } from '../../src/core/unlock.ts';

const milestone = {
  status: 'locked' as const,
  notBefore: null,
  amountMinor: 6_000_000,
  retentionBps: 500,
  latePenalty: { bpsPerDay: 50, graceDays: 2, capBps: 1000 },
  earlyBonus: { bpsPerDay: 20, capBps: 500 },
  requiredDeliverableIds: ['d1', 'd2'],
};
const deliverables = [
  { id: 'd1', title: 'One', dueDate: '2027-03-31', status: 'accepted' as const },
  { id: 'd2', title: 'Two', dueDate: '2027-04-10', status: 'accepted' as const },
];
const acceptances = [
  { deliverableId: 'd1', decisionId: 'dec1', decidedAt: '2027-04-02T22:30:00.000Z', override: false },
  { deliverableId: 'd2', decisionId: 'dec2', decidedAt: '2027-04-05T10:00:00.000Z', override: true },
];
const NOW = new Date('2027-04-06T10:00:00Z');

describe('unlockOf', () => {
  it('settles on the latest deliverable, counting days in the engagement’s zone', () => {
    const unlock = unlockOf(milestone, deliverables, acceptances, 'Europe/Paris', NOW);
    // d1: accepted 2027-04-03 in Paris, 3 days late; d2: 5 days early. L = 3, daysLate = 1.
    expect(unlock?.settlement).toEqual({
      daysLateRaw: 3,
      daysLate: 1,
      daysCharged: 1,
      daysEarly: 0,
      penaltyMinor: 30_000,
      bonusMinor: 0,
      retentionMinor: 300_000,
      netMinor: 5_670_000,
    });
    expect(unlock?.evidence.deliverables.map((d) => [d.decisionId, d.daysLate])).toEqual([
      ['dec1', 3],
      ['dec2', -5],
    ]);
    // In UTC the first acceptance is still on the 2nd: 2 days late, within grace.
    expect(unlockOf(milestone, deliverables, acceptances, 'UTC', NOW)?.settlement.penaltyMinor).toBe(0);
  });
  it('waits for every acceptance, for notBefore, and only unlocks a locked milestone', () => {
    expect(unlockOf(milestone, deliverables, acceptances.slice(0, 1), 'UTC', NOW)).toBeNull();
    const notYet = [
      { id: 'd1', title: 'One', dueDate: '2027-03-31', status: 'accepted' as const },
      { id: 'd2', title: 'Two', dueDate: '2027-04-10', status: 'ready_for_review' as const },
    ];
    expect(unlockOf(milestone, notYet, acceptances, 'UTC', NOW)).toBeNull();
    expect(
      unlockOf({ ...milestone, notBefore: '2027-04-07' }, deliverables, acceptances, 'UTC', NOW),
    ).toBeNull();
    expect(unlockOf({ ...milestone, status: 'unlocked' }, deliverables, acceptances, 'UTC', NOW)).toBeNull();
  });
  it('with no required deliverable: no lateness, retention only', () => {
    const free = unlockOf({ ...milestone, requiredDeliverableIds: [] }, [], [], 'UTC', NOW);
    expect(free?.settlement).toMatchObject({
      daysLate: 0,
      daysEarly: 0,
      penaltyMinor: 0,
      netMinor: 5_700_000,
    });
  });
});

describe('notBeforeReached', () => {
  it('from the start of that day in the zone', () => {
    expect(notBeforeReached('2027-04-03', new Date('2027-04-02T22:30:00Z'), 'Europe/Paris')).toBe(true);
    expect(notBeforeReached('2027-04-03', new Date('2027-04-02T22:30:00Z'), 'UTC')).toBe(false);
    expect(notBeforeReached(null, NOW, 'UTC')).toBe(true);
  });
});
