import { describe, expect, it } from 'vitest';
import { type DecisionFact, measureDelivery } from '../../src/core/scorecard.ts';

const fact = (
  deliverableId: string,
  decision: 'accept' | 'reject',
  decidedAt: string,
  dueDate = '2027-03-10',
  timeZone = 'UTC',
): DecisionFact => ({ deliverableId, decision, decidedAt: new Date(decidedAt), dueDate, timeZone });

describe('measureDelivery: a provider scorecard from decisions and settled milestones', () => {
  it('is all null and zero before any decision', () => {
    expect(measureDelivery([], [])).toEqual({
      decidedDeliverables: 0,
      acceptedDeliverables: 0,
      onTimeRate: null,
      firstPassAcceptanceRate: null,
      averageDaysLate: null,
      rejections: 0,
      rejectionRate: null,
      settledMilestones: 0,
      penalties: [],
      bonuses: [],
    });
  });

  it('counts on time, first pass, lateness over late acceptances only, and rejections', () => {
    const m = measureDelivery(
      [
        fact('d1', 'accept', '2027-03-10T12:00Z'), // on the due date: on time, first pass
        fact('d2', 'reject', '2027-03-05T09:00Z'),
        fact('d2', 'accept', '2027-03-13T09:00Z'), // 3 days late, after a rejection
        fact('d3', 'accept', '2027-03-11T09:00Z'), // 1 day late, first pass
        fact('d4', 'reject', '2027-03-09T09:00Z'), // decided, not accepted
      ],
      [],
    );
    expect(m).toMatchObject({
      decidedDeliverables: 4,
      acceptedDeliverables: 3,
      onTimeRate: 0.33,
      firstPassAcceptanceRate: 0.5,
      averageDaysLate: 2,
      rejections: 2,
      rejectionRate: 0.4,
    });
  });

  it('reads the acceptance date in the engagement time zone', () => {
    // 23:30Z on the 10th is already the 11th in Paris (CET, +1): one day late there, on time in UTC.
    const paris = measureDelivery(
      [fact('d1', 'accept', '2027-03-10T23:30Z', '2027-03-10', 'Europe/Paris')],
      [],
    );
    const utc = measureDelivery([fact('d1', 'accept', '2027-03-10T23:30Z', '2027-03-10', 'UTC')], []);
    expect([paris.onTimeRate, paris.averageDaysLate]).toEqual([0, 1]);
    expect([utc.onTimeRate, utc.averageDaysLate]).toEqual([1, null]);
  });

  it('orders decisions by time whatever order they arrive in', () => {
    const m = measureDelivery(
      [fact('d1', 'accept', '2027-03-09T00:00Z'), fact('d1', 'reject', '2027-03-01T00:00Z')],
      [],
    );
    expect(m.firstPassAcceptanceRate).toBe(0);
  });

  it('lists penalties and bonuses per currency, leaving out zero totals', () => {
    const m = measureDelivery(
      [],
      [
        { currency: 'EUR', milestones: 2, penaltyMinor: 36_000, bonusMinor: 0 },
        { currency: 'JPY', milestones: 1, penaltyMinor: 0, bonusMinor: 5_000 },
      ],
    );
    expect(m.settledMilestones).toBe(3);
    expect(m.penalties).toEqual([{ currency: 'EUR', amountMinor: 36_000 }]);
    expect(m.bonuses).toEqual([{ currency: 'JPY', amountMinor: 5_000 }]);
  });
});
