import { formatDate, localDate } from '../../src/core/dates.ts';

/** Today + `offset` days as a civil date (`YYYY-MM-DD`) in `timeZone`. */
export function civilDay(offset: number, timeZone = 'UTC', now: Date = new Date()): string {
  const today = localDate(now, timeZone);
  const d = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
  return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export const DAY_MS = 86_400_000;
