import { z } from 'zod';
import {
  DEFAULT_TIME_ZONE,
  dayNumber,
  isValidTimeZone,
  localDate,
  parseDate,
  parseInstant,
} from './dates.ts';
import { type FieldError, ValidationFailed } from './errors.ts';

/**
 * The Money rule of DOMAIN.md. Amounts cross this module's boundary as `number` (safe integers of
 * minor units, which is what JSON and the API carry); every product and quotient inside is `bigint`,
 * so `amount × bps` (up to 10^15 × 10^4) never passes through a double. Results are back below
 * 2^53 by construction: net ≤ amount + bonus ≤ 2 × MAX_AMOUNT_MINOR.
 */

/** The largest amount the model accepts: 10^15 minor units (10 trillion in a two-decimal currency). */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000_000;
/** Basis points: 10000 = 100 %. */
export const MAX_BPS = 10_000;
/** Grace days beyond ten years would be a typo, not a term. */
export const MAX_GRACE_DAYS = 3_650;

export const AmountMinor = z.number().int().min(0).max(MAX_AMOUNT_MINOR);
export const Bps = z.number().int().min(0).max(MAX_BPS);
export const LatePenalty = z.object({
  bpsPerDay: Bps,
  graceDays: z.number().int().min(0).max(MAX_GRACE_DAYS),
  capBps: Bps,
});
export type LatePenalty = z.infer<typeof LatePenalty>;
export const EarlyBonus = z.object({ bpsPerDay: Bps, capBps: Bps });
export type EarlyBonus = z.infer<typeof EarlyBonus>;

export interface SettlementInput {
  readonly amountMinor: number;
  /** The milestone's lateness L in days (see `milestoneLateness`); negative when early. */
  readonly lateness: number;
  readonly latePenalty?: LatePenalty | null | undefined;
  readonly earlyBonus?: EarlyBonus | null | undefined;
  readonly retentionBps?: number | null | undefined;
}

export interface Settlement {
  /** Calendar days late before grace: max(0, L). The "4 days late" a person reads. */
  readonly daysLateRaw: number;
  /** DOMAIN.md's days late: max(0, L − graceDays), grace 0 without a penalty rule. */
  readonly daysLate: number;
  /**
   * The days the late-penalty rule charges: `daysLate` under a penalty rule, 0 without one (the
   * penalty is then min(bpsPerDay × daysCharged, capBps) of the amount).
   */
  readonly daysCharged: number;
  readonly daysEarly: number;
  readonly penaltyMinor: number;
  readonly bonusMinor: number;
  readonly retentionMinor: number;
  /** amount + bonus − penalty − retention. */
  readonly netMinor: number;
}

export interface RequiredAcceptance {
  /** The deliverable's due date as amended by approved change requests, `YYYY-MM-DD`. */
  readonly dueDate: string;
  /** The time of the accepting decision (ISO 8601 with a zone, or a Date). */
  readonly acceptedAt: string | Date;
}

const BPS_DENOMINATOR = 10_000n;

/**
 * `numerator / denominator` rounded to the nearest integer, ties away from zero (2.5 → 3,
 * −2.5 → −3). Exact for any size. Throws RangeError on a zero denominator.
 */
export function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('roundHalfAwayFromZero: denominator is zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const rounded = 2n * (n % d) >= d ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

/** round(amount × bps / 10000): the one rounding of each money figure. */
function applyBps(amount: bigint, bps: bigint): bigint {
  return roundHalfAwayFromZero(amount * bps, BPS_DENOMINATOR);
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/**
 * Acceptance date minus due date in calendar days, both in the engagement's time zone: the
 * acceptance instant is first turned into the civil date it falls on in `timeZone`, then the two
 * civil dates are subtracted. Positive: late; negative: early; 0: accepted on the due date.
 * Throws ValidationFailed on a bad date, instant or zone.
 */
export function calendarDaysBetween(dueDate: string, acceptedAt: string | Date, timeZone: string): number {
  const errors: FieldError[] = [];
  const due = parseDate(dueDate);
  const instant = parseInstant(acceptedAt);
  if (!due) errors.push({ path: 'dueDate', message: 'must be a date YYYY-MM-DD' });
  if (!instant)
    errors.push({ path: 'acceptedAt', message: 'must be an ISO 8601 instant with Z or an offset' });
  if (!isValidTimeZone(timeZone))
    errors.push({ path: 'timeZone', message: 'must be an IANA time zone name' });
  if (!due || !instant || errors.length > 0) throw new ValidationFailed(errors);
  return dayNumber(localDate(instant, timeZone)) - dayNumber(due);
}

/**
 * The milestone's lateness L: the largest lateness among its required deliverables. With no required
 * deliverable there is no delivery to be late or early for, so L = 0 (no penalty, no bonus).
 */
export function milestoneLateness(required: readonly RequiredAcceptance[], timeZone: string): number {
  let largest: number | null = null;
  for (const r of required) {
    const days = calendarDaysBetween(r.dueDate, r.acceptedAt, timeZone);
    if (largest === null || days > largest) largest = days;
  }
  return largest ?? 0;
}

function checkInteger(
  errors: FieldError[],
  path: string,
  value: unknown,
  lo: number,
  hi: number,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < lo || value > hi)
    errors.push({ path, message: `must be an integer from ${lo} to ${hi}` });
}

function validateSettlementInput(input: SettlementInput): void {
  const errors: FieldError[] = [];
  checkInteger(errors, 'amountMinor', input.amountMinor, 0, MAX_AMOUNT_MINOR);
  checkInteger(errors, 'lateness', input.lateness, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (input.retentionBps != null) checkInteger(errors, 'retentionBps', input.retentionBps, 0, MAX_BPS);
  const p = input.latePenalty;
  if (p) {
    checkInteger(errors, 'latePenalty.bpsPerDay', p.bpsPerDay, 0, MAX_BPS);
    checkInteger(errors, 'latePenalty.graceDays', p.graceDays, 0, MAX_GRACE_DAYS);
    checkInteger(errors, 'latePenalty.capBps', p.capBps, 0, MAX_BPS);
  }
  const b = input.earlyBonus;
  if (b) {
    checkInteger(errors, 'earlyBonus.bpsPerDay', b.bpsPerDay, 0, MAX_BPS);
    checkInteger(errors, 'earlyBonus.capBps', b.capBps, 0, MAX_BPS);
  }
  if (errors.length > 0) throw new ValidationFailed(errors, 'The milestone terms cannot be settled');
}

/**
 * Penalty, bonus, retention and net of a milestone, exactly as DOMAIN.md states them:
 * daysLate = max(0, L − grace), daysEarly = max(0, −L),
 * penalty = round(amount × min(bpsPerDay × daysLate, cap) / 10000), bonus likewise with daysEarly,
 * retention = round(amount × retentionBps / 10000), net = amount + bonus − penalty − retention.
 * Without a penalty rule grace is 0 for `daysLate` (reported, but costs nothing). Each figure is
 * rounded once, half away from zero. Throws ValidationFailed on a negative or non-integer amount,
 * bps outside 0..10000 or a non-integer lateness.
 */
export function computeSettlement(input: SettlementInput): Settlement {
  validateSettlementInput(input);
  const amount = BigInt(input.amountMinor);
  const lateness = BigInt(input.lateness);
  const grace = BigInt(input.latePenalty?.graceDays ?? 0);
  const daysLate = lateness - grace > 0n ? lateness - grace : 0n;
  const daysEarly = lateness < 0n ? -lateness : 0n;

  const p = input.latePenalty;
  const penalty = p ? applyBps(amount, min(BigInt(p.bpsPerDay) * daysLate, BigInt(p.capBps))) : 0n;
  const b = input.earlyBonus;
  const bonus = b ? applyBps(amount, min(BigInt(b.bpsPerDay) * daysEarly, BigInt(b.capBps))) : 0n;
  const retention = applyBps(amount, BigInt(input.retentionBps ?? 0));
  const net = amount + bonus - penalty - retention;

  return {
    daysLateRaw: Number(lateness > 0n ? lateness : 0n),
    daysLate: Number(daysLate),
    daysCharged: p ? Number(daysLate) : 0,
    daysEarly: Number(daysEarly),
    penaltyMinor: Number(penalty),
    bonusMinor: Number(bonus),
    retentionMinor: Number(retention),
    netMinor: Number(net),
  };
}

/**
 * The settlement of a milestone whose required deliverables are all accepted: its lateness in the
 * engagement's time zone (default UTC), then `computeSettlement`.
 */
export function settleMilestone(
  terms: Omit<SettlementInput, 'lateness'>,
  required: readonly RequiredAcceptance[],
  timeZone: string = DEFAULT_TIME_ZONE,
): Settlement {
  return computeSettlement({ ...terms, lateness: milestoneLateness(required, timeZone) });
}
