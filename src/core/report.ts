import { compareDates, formatDate, localDate, parseDate } from './dates.ts';
import { ValidationFailed } from './errors.ts';
import { addDays } from './progress.ts';

/**
 * The status report of an engagement for a period of civil dates in its time zone: what the
 * scheduled report job writes into the journal and what `GET /v1/engagements/{id}/report` returns.
 * Pure: the service hands the reads, this shapes and renders them.
 */

/** Days between two scheduled reports unless JALON_REPORT_EVERY_DAYS says otherwise. */
export const DEFAULT_REPORT_EVERY_DAYS = 7;
/** The longest period one report covers (a year and a day for leap years). */
export const MAX_REPORT_DAYS = 366;

/** `from` and `to` are inclusive civil dates; `start` and `end` the instants bounding them. */
export interface ReportPeriod {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly start: string;
  readonly end: string;
}

export interface ReportDeliverable {
  readonly deliverableId: string;
  readonly title: string;
  readonly dueDate: string;
  readonly status: string;
  readonly progress: number | null;
  readonly forecastDate: string | null;
  readonly scheduleStatus: string | null;
  readonly reasons: string[];
  readonly blockedTasks: number;
}

export interface ReportBlocker {
  readonly deliverableId: string;
  readonly taskId: string;
  readonly tracker: string;
  readonly key: string | null;
  readonly title: string;
  readonly url: string | null;
}

export interface ReportMilestone {
  readonly milestoneId: string;
  readonly label: string;
  readonly status: string;
  readonly amountMinor: number;
  readonly penaltyMinor: number;
  readonly bonusMinor: number;
  readonly retentionMinor: number;
  readonly netMinor: number;
  /** After grace; before grace; charged by the penalty rule (see Settlement in money.ts). */
  readonly daysLate: number;
  readonly daysLateRaw: number;
  readonly daysCharged: number;
  readonly unlockedAt: string;
}

/** A change request approved in the period, with the impact it declared. */
export interface ReportChangeRequest {
  readonly changeRequestId: string;
  readonly title: string;
  readonly approvedAt: string;
  readonly contractVersion: number | null;
  readonly impact: {
    readonly costMinor: number;
    readonly scheduleDays: number;
    readonly quality: string | null;
  };
}

export interface ReportDecision {
  readonly decisionId: string;
  readonly deliverableId: string;
  readonly title: string;
  readonly decision: 'accept' | 'reject';
  readonly override: boolean;
  readonly decidedAt: string;
  readonly note: string | null;
}

export interface StatusReport {
  readonly engagement: {
    readonly id: string;
    readonly title: string;
    readonly providerId: string;
    readonly status: string;
    readonly currency: string;
  };
  readonly period: ReportPeriod;
  readonly generatedAt: string;
  /** Figures as the recompute job last stored them, at `generatedAt` (not as they stood at `to`). */
  readonly progress: { readonly overall: number | null; readonly deliverables: ReportDeliverable[] };
  readonly blockers: ReportBlocker[];
  readonly awaitingDecision: {
    readonly deliverableId: string;
    readonly title: string;
    readonly dueDate: string;
  }[];
  readonly milestonesUnlocked: ReportMilestone[];
  readonly decisions: ReportDecision[];
  readonly changeRequestsApproved: ReportChangeRequest[];
}

/** The instant a civil date starts in a time zone (DST-safe: the offset is measured twice). */
export function startOfDay(date: string, timeZone: string): Date {
  const d = parseDate(date);
  if (!d) throw new ValidationFailed([{ path: 'date', message: 'must be a date YYYY-MM-DD' }]);
  const utcMidnight = Date.UTC(d.year, d.month - 1, d.day);
  let guess = utcMidnight;
  for (let i = 0; i < 2; i++) guess = utcMidnight - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
/** The zone's offset from UTC at an instant, in ms (Paris in winter: +3 600 000). */
function offsetMs(instant: Date, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** A period of inclusive civil dates; 422 when `to` is before `from` or it spans too many days. */
export function reportPeriod(from: string, to: string, timeZone: string): ReportPeriod {
  if (compareDates(from, to) > 0)
    throw new ValidationFailed([{ path: 'to', message: 'must not be before from' }]);
  if (compareDates(addDays(from, MAX_REPORT_DAYS), to) <= 0)
    throw new ValidationFailed([{ path: 'to', message: `a report covers at most ${MAX_REPORT_DAYS} days` }]);
  return {
    from,
    to,
    timeZone,
    start: startOfDay(from, timeZone).toISOString(),
    end: startOfDay(addDays(to, 1), timeZone).toISOString(),
  };
}

/** The default period of a report asked for at `now`: the last `everyDays` days, today included. */
export function defaultPeriod(now: Date, timeZone: string, everyDays: number): { from: string; to: string } {
  const to = formatDate(localDate(now, timeZone));
  return { from: addDays(to, 1 - everyDays), to };
}

/**
 * The period the scheduled job reports at `now`, or null when none is due: from the day after the
 * last report (or the engagement's activation day) up to yesterday, once it spans `everyDays` days.
 */
export function duePeriod(input: {
  readonly now: Date;
  readonly timeZone: string;
  readonly everyDays: number;
  /** The `to` of the latest report, or null before the first one. */
  readonly lastTo: string | null;
  readonly activatedOn: string;
}): { from: string; to: string } | null {
  const from = input.lastTo ? addDays(input.lastTo, 1) : input.activatedOn;
  const to = addDays(formatDate(localDate(input.now, input.timeZone)), -1);
  return compareDates(addDays(from, input.everyDays - 1), to) <= 0 ? { from, to } : null;
}
