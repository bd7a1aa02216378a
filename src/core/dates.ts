import { z } from 'zod';
import { ValidationFailed } from './errors.ts';

/**
 * Civil dates (`YYYY-MM-DD`, no time, no zone), instants (ISO 8601 with `Z` or an offset) and IANA
 * time zones. Civil dates are compared and subtracted as day numbers, never through a `Date` at local
 * midnight, so daylight-saving changes cannot shift them by a day.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An instant must carry its zone: a zone-less string would be read in the host's zone. */
const INSTANT_RE =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/i;
/** `Area/Location[/Sub]` as IANA spells it; excludes offsets (`+01:00`) and abbreviations (`EST`). */
const IANA_NAME_RE = /^[A-Z][A-Za-z_]*(\/[A-Za-z0-9][A-Za-z0-9_+-]*)+$/;

export const DEFAULT_TIME_ZONE = 'UTC';

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses `YYYY-MM-DD` (years 0001–9999, a real calendar day); null when it is not one. */
export function parseDate(value: string): CivilDate | null {
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isValidDate(value: string): boolean {
  return parseDate(value) !== null;
}

/** `YYYY-MM-DD` that is a real calendar day; for route and payload schemas. */
export const IsoDate = z.string().refine(isValidDate, { message: 'must be a date YYYY-MM-DD' });

/**
 * Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil`).
 * Pure integer arithmetic: no `Date`, no zone, no DST.
 */
export function dayNumber(date: CivilDate): number {
  const y = date.month <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (date.month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + date.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function requireDate(value: string, path: string): CivilDate {
  const parsed = parseDate(value);
  if (!parsed) throw new ValidationFailed([{ path, message: 'must be a date YYYY-MM-DD' }]);
  return parsed;
}

/** `b − a` in calendar days, for two `YYYY-MM-DD` dates. Throws ValidationFailed on a bad date. */
export function daysBetweenDates(a: string, b: string): number {
  return dayNumber(requireDate(b, 'b')) - dayNumber(requireDate(a, 'a'));
}

/** Negative, zero or positive like a sort comparator. Throws ValidationFailed on a bad date. */
export function compareDates(a: string, b: string): number {
  return Math.sign(daysBetweenDates(b, a));
}

/**
 * True for `UTC` and IANA names the runtime knows. `Intl.supportedValuesOf('timeZone')` lists only
 * ICU's canonical names (it has `Asia/Calcutta`, not `Asia/Kolkata`, and no `UTC`), so an
 * `Area/Location` name that `Intl.DateTimeFormat` accepts is valid too. Offsets (`+01:00`) and
 * abbreviations (`EST`, `CET`) are refused: they are not IANA locations and carry no DST rules.
 */
export function isValidTimeZone(name: string): boolean {
  if (name === DEFAULT_TIME_ZONE) return true;
  if (supportedTimeZones().has(name)) return true;
  if (!IANA_NAME_RE.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

let zoneSet: ReadonlySet<string> | undefined;
function supportedTimeZones(): ReadonlySet<string> {
  zoneSet ??= new Set(Intl.supportedValuesOf('timeZone'));
  return zoneSet;
}

/** An IANA time zone name; for route and payload schemas. */
export const TimeZone = z
  .string()
  .refine(isValidTimeZone, { message: 'must be an IANA time zone name such as Europe/Paris or UTC' });

/** Parses an ISO 8601 instant that states its zone (`Z` or `±hh:mm`); null otherwise. */
export function parseInstant(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  // `Date` would roll 02-30 over to 03-02: the calendar day is checked first.
  const m = INSTANT_RE.exec(value);
  if (!m?.[1] || !parseDate(m[1])) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The formatter is costly to build and this runs once per required deliverable: one per zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The civil date an instant falls on in a time zone (e.g. 2027-03-28T23:30Z is the 29th in Paris). */
export function localDate(instant: Date, timeZone: string): CivilDate {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

export function formatDate(date: CivilDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}
