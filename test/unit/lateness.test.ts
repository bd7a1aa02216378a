import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../../src/core/errors.ts';
import {
  calendarDaysBetween,
  computeSettlement,
  milestoneLateness,
  settleMilestone,
} from '../../src/core/money.ts';

describe('calendarDaysBetween: acceptance date − due date in the engagement time zone', () => {
  it.each([
    // Europe/Paris: CET (+1) until 2027-03-28T01:00Z, then CEST (+2).
    [
      'Paris, 23:30Z the evening before is already the due date',
      '2027-03-28',
      '2027-03-27T23:30Z',
      'Europe/Paris',
      0,
    ],
    ['UTC, the same instant is the day before', '2027-03-28', '2027-03-27T23:30Z', 'UTC', -1],
    ['Paris, 00:30Z on the DST morning', '2027-03-28', '2027-03-28T00:30Z', 'Europe/Paris', 0],
    ['UTC, 00:30Z on the DST morning', '2027-03-28', '2027-03-28T00:30Z', 'UTC', 0],
    ['Paris, 23:59 CEST on the DST day', '2027-03-28', '2027-03-28T21:59Z', 'Europe/Paris', 0],
    ['Paris, 00:00 CEST the day after', '2027-03-28', '2027-03-28T22:00Z', 'Europe/Paris', 1],
    // America/New_York: EST (−5) → EDT (−4) on 2027-03-14 at 07:00Z.
    ['New York, 23:59 EST the eve of DST start', '2027-03-14', '2027-03-14T04:59Z', 'America/New_York', -1],
    ['New York, 00:00 EST on DST start', '2027-03-14', '2027-03-14T05:00Z', 'America/New_York', 0],
    ['New York, 23:59 EDT on DST start', '2027-03-14', '2027-03-15T03:59Z', 'America/New_York', 0],
    ['New York, 00:00 EDT after DST start', '2027-03-14', '2027-03-15T04:00Z', 'America/New_York', 1],
    // EDT → EST on 2027-11-07 at 06:00Z; 01:30 local happens twice.
    ['New York, first 01:30 on DST end', '2027-11-07', '2027-11-07T05:30Z', 'America/New_York', 0],
    ['New York, second 01:30 on DST end', '2027-11-07', '2027-11-07T06:30Z', 'America/New_York', 0],
    ['New York, 23:59 EST on DST end', '2027-11-07', '2027-11-08T04:59Z', 'America/New_York', 0],
    ['New York, 00:00 EST after DST end', '2027-11-07', '2027-11-08T05:00Z', 'America/New_York', 1],
    // Pacific/Auckland: NZDT (+13) in January, NZST (+12) in June.
    ['Auckland summer, 23:59 local', '2027-01-10', '2027-01-10T10:59Z', 'Pacific/Auckland', 0],
    ['Auckland summer, 00:00 next day', '2027-01-10', '2027-01-10T11:00Z', 'Pacific/Auckland', 1],
    ['Auckland winter, 23:59 local', '2027-06-30', '2027-06-30T11:59Z', 'Pacific/Auckland', 0],
    ['Auckland winter, 00:00 next day', '2027-06-30', '2027-06-30T12:00Z', 'Pacific/Auckland', 1],
    // Asia/Kolkata: +05:30, no DST.
    ['Kolkata, 23:59 local', '2027-05-10', '2027-05-10T18:29Z', 'Asia/Kolkata', 0],
    ['Kolkata, 00:00 next day', '2027-05-10', '2027-05-10T18:30Z', 'Asia/Kolkata', 1],
    // One instant, two days apart at the two ends of the date line.
    ['Kiritimati (+14)', '2027-06-15', '2027-06-15T10:30Z', 'Pacific/Kiritimati', 1],
    ['Pago Pago (−11)', '2027-06-15', '2027-06-15T10:30Z', 'Pacific/Pago_Pago', -1],
    // Samoa skipped 2011-12-30: calendar days, not elapsed days, are counted.
    ['Apia before the skipped day', '2011-12-29', '2011-12-30T09:00Z', 'Pacific/Apia', 0],
    ['Apia after the skipped day', '2011-12-29', '2011-12-30T12:00Z', 'Pacific/Apia', 2],
    // Longer spans: year end, leap day, early delivery.
    ['across the new year', '2026-12-31', '2027-01-02T10:00Z', 'UTC', 2],
    ['across a leap day', '2028-02-28', '2028-03-01T12:00Z', 'UTC', 2],
    ['ten days early', '2027-06-30', '2027-06-20T12:00Z', 'Europe/Paris', -10],
    ['an offset instant', '2027-03-28', '2027-03-28T01:30+01:00', 'UTC', 0],
  ])('%s', (_name, dueDate, acceptedAt, timeZone, expected) => {
    expect(calendarDaysBetween(dueDate, acceptedAt, timeZone)).toBe(expected);
  });

  it('takes a Date as well as a string', () => {
    expect(calendarDaysBetween('2027-03-28', new Date('2027-03-28T22:00Z'), 'Europe/Paris')).toBe(1);
  });

  it('counts whole civil days whatever the zone: noon UTC n days after the due date is n days late', () => {
    const zones = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: -400, max: 400 }),
        fc.constantFrom(...zones),
        (offset, n, zone) => {
          const due = new Date(Date.UTC(2024, 0, 1 + offset)).toISOString().slice(0, 10);
          // 12:00Z falls on the same civil date in every zone from −11:59 to +11:59.
          const accepted = new Date(Date.UTC(2024, 0, 1 + offset + n, 12)).toISOString();
          expect(calendarDaysBetween(due, accepted, zone)).toBe(n);
        },
      ),
    );
  });

  it.each([
    ['2027-02-30', '2027-03-01T00:00Z', 'UTC', ['dueDate']],
    ['2027-03-01', '2027-03-01T10:00', 'UTC', ['acceptedAt']],
    ['2027-03-01', 'yesterday', 'UTC', ['acceptedAt']],
    ['2027-03-01', '2027-03-01T10:00Z', 'Mars/Olympus', ['timeZone']],
    ['2027-03-01', '2027-03-01T10:00Z', '+01:00', ['timeZone']],
    ['1st March', 'noon', 'CET', ['dueDate', 'acceptedAt', 'timeZone']],
  ])('refuses %s / %s / %s', (dueDate, acceptedAt, timeZone, paths) => {
    try {
      calendarDaysBetween(dueDate, acceptedAt, timeZone);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationFailed);
      expect((e as ValidationFailed).errors.map((x) => x.path)).toEqual(paths);
    }
  });
});

describe('milestoneLateness: the largest lateness among required deliverables', () => {
  it('takes the latest acceptance relative to its own due date', () => {
    const required = [
      { dueDate: '2027-03-10', acceptedAt: '2027-03-08T10:00Z' }, // −2
      { dueDate: '2027-03-20', acceptedAt: '2027-03-24T10:00Z' }, // +4
      { dueDate: '2027-04-30', acceptedAt: '2027-04-29T10:00Z' }, // −1
    ];
    expect(milestoneLateness(required, 'UTC')).toBe(4);
  });

  it('is the least early when all are early', () => {
    const required = [
      { dueDate: '2027-03-10', acceptedAt: '2027-03-01T10:00Z' },
      { dueDate: '2027-03-20', acceptedAt: '2027-03-17T10:00Z' },
    ];
    expect(milestoneLateness(required, 'UTC')).toBe(-3);
  });

  it('changes with the zone when an acceptance lands near midnight', () => {
    const required = [{ dueDate: '2027-03-28', acceptedAt: '2027-03-28T22:30Z' }];
    expect(milestoneLateness(required, 'UTC')).toBe(0);
    expect(milestoneLateness(required, 'Europe/Paris')).toBe(1);
  });

  it('is 0 with no required deliverable', () => {
    expect(milestoneLateness([], 'UTC')).toBe(0);
  });

  it('feeds the settlement: one day late in Paris costs a day of penalty that UTC would not', () => {
    const required = [{ dueDate: '2027-03-28', acceptedAt: '2027-03-28T22:30Z' }];
    const terms = { amountMinor: 2_000_000, latePenalty: { bpsPerDay: 100, graceDays: 0, capBps: 1000 } };
    expect(computeSettlement({ ...terms, lateness: milestoneLateness(required, 'UTC') }).penaltyMinor).toBe(
      0,
    );
    expect(
      computeSettlement({ ...terms, lateness: milestoneLateness(required, 'Europe/Paris') }).penaltyMinor,
    ).toBe(20_000);
  });

  it('settles a milestone from its acceptances in one call, UTC by default', () => {
    const required = [
      { dueDate: '2027-03-28', acceptedAt: '2027-03-28T22:30Z' },
      { dueDate: '2027-03-01', acceptedAt: '2027-02-25T09:00Z' },
    ];
    const terms = {
      amountMinor: 2_000_000,
      latePenalty: { bpsPerDay: 100, graceDays: 0, capBps: 1000 },
      retentionBps: 500,
    };
    expect(settleMilestone(terms, required)).toMatchObject({
      daysLate: 0,
      penaltyMinor: 0,
      netMinor: 1_900_000,
    });
    expect(settleMilestone(terms, required, 'Europe/Paris')).toMatchObject({
      daysLate: 1,
      penaltyMinor: 20_000,
      netMinor: 1_880_000,
    });
  });
});
