import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareDates,
  dayNumber,
  daysBetweenDates,
  formatDate,
  IsoDate,
  isValidTimeZone,
  localDate,
  parseDate,
  parseInstant,
  TimeZone,
} from '../../src/core/dates.ts';
import { ValidationFailed } from '../../src/core/errors.ts';

describe('civil dates', () => {
  it.each(['2027-01-01', '2028-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (d) => {
    expect(parseDate(d)).not.toBeNull();
    expect(IsoDate.safeParse(d).success).toBe(true);
  });

  it.each([
    '2027-02-29',
    '1900-02-29',
    '2027-13-01',
    '2027-00-10',
    '2027-04-31',
    '0000-01-01',
    '2027-1-1',
    '27-01-01',
    '2027-01-01T00:00Z',
    ' 2027-01-01',
  ])('refuses %s', (d) => {
    expect(parseDate(d)).toBeNull();
    expect(IsoDate.safeParse(d).success).toBe(false);
  });

  it('numbers days exactly like UTC midnights do, across four centuries', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1600, 0, 1), max: Date.UTC(2400, 0, 1) }), (ms) => {
        const iso = new Date(ms).toISOString().slice(0, 10);
        const parsed = parseDate(iso);
        expect(parsed).not.toBeNull();
        if (!parsed) return;
        expect(dayNumber(parsed)).toBe(Math.floor(ms / 86_400_000));
        expect(formatDate(parsed)).toBe(iso);
      }),
    );
  });

  it('subtracts and compares dates', () => {
    expect(daysBetweenDates('2027-03-27', '2027-03-29')).toBe(2);
    expect(daysBetweenDates('2027-03-29', '2027-03-27')).toBe(-2);
    expect(compareDates('2027-01-01', '2027-01-02')).toBe(-1);
    expect(compareDates('2027-01-02', '2027-01-02')).toBe(0);
    expect(compareDates('2028-01-01', '2027-12-31')).toBe(1);
    expect(() => compareDates('2027-02-30', '2027-03-01')).toThrow(ValidationFailed);
  });
});

describe('instants', () => {
  it('needs a zone designator, so the host zone never decides', () => {
    expect(parseInstant('2027-03-28T00:30:00Z')?.toISOString()).toBe('2027-03-28T00:30:00.000Z');
    expect(parseInstant('2027-03-28T02:30:00.123+02:00')?.toISOString()).toBe('2027-03-28T00:30:00.123Z');
    expect(parseInstant('2027-03-28T00:30:00')).toBeNull();
    expect(parseInstant('2027-03-28')).toBeNull();
    expect(parseInstant('2027-02-30T00:00Z')).toBeNull();
    expect(parseInstant('2027-03-01T24:00Z')).toBeNull();
    expect(parseInstant('2027-03-01T10:00:60Z')).toBeNull();
    expect(parseInstant('2027-03-28T00:30-05:30')?.toISOString()).toBe('2027-03-28T06:00:00.000Z');
    expect(parseInstant(new Date(Number.NaN))).toBeNull();
  });

  it('finds the local date of an instant', () => {
    const instant = new Date('2027-03-28T22:30:00Z');
    expect(formatDate(localDate(instant, 'UTC'))).toBe('2027-03-28');
    expect(formatDate(localDate(instant, 'Europe/Paris'))).toBe('2027-03-29');
    expect(formatDate(localDate(instant, 'America/Los_Angeles'))).toBe('2027-03-28');
  });
});

describe('time zones', () => {
  it.each([
    'UTC',
    'Europe/Paris',
    'America/Argentina/Buenos_Aires',
    'America/Port-au-Prince',
    'Asia/Kolkata',
    'Asia/Calcutta',
    'Europe/Kyiv',
    'Etc/GMT+5',
  ])('accepts %s', (tz) => {
    expect(isValidTimeZone(tz)).toBe(true);
    expect(TimeZone.safeParse(tz).success).toBe(true);
  });

  it.each(['', 'utc', 'europe/paris', 'Mars/Olympus', 'EST', 'CET', '+01:00', 'GMT+1', 'Europe/Paris '])(
    'refuses %j',
    (tz) => {
      expect(isValidTimeZone(tz)).toBe(false);
      expect(TimeZone.safeParse(tz).success).toBe(false);
    },
  );

  it('accepts every zone the runtime lists', () => {
    for (const tz of Intl.supportedValuesOf('timeZone')) expect(isValidTimeZone(tz), tz).toBe(true);
  });
});
