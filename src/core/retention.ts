import { z } from 'zod';
import { compareDates, formatDate, localDate } from './dates.ts';
import { Conflict } from './errors.ts';
import type { MilestoneStatus } from './lifecycle.ts';
import { addDays } from './progress.ts';
import { defineMachine } from './state-machine.ts';

/**
 * The retention (retenue de garantie) of a payment milestone: the part of the gross amount held back
 * when it unlocks, paid to the provider only once the warranty period has passed. It has its own
 * life beside the milestone's, so that finance can invoice and pay it on its own:
 * `held → released → invoiced → paid`. `release` is a PMO decision, allowed once the milestone is
 * paid and its warranty period is over; `invoice` and `pay` are finance's.
 */
export const retentionLifecycle = defineMachine({
  entity: 'retention',
  statuses: ['held', 'released', 'invoiced', 'paid'],
  actions: ['release', 'invoice', 'pay'],
  initial: 'held',
  table: {
    held: { release: 'released' },
    released: { invoice: 'invoiced' },
    invoiced: { pay: 'paid' },
    paid: {},
  },
});
export const RetentionStatus = retentionLifecycle.Status;
export type RetentionStatus = z.infer<typeof RetentionStatus>;
export type RetentionAction = z.infer<typeof retentionLifecycle.Action>;

/** Warranty periods beyond ten years would be a typo, not a term. */
export const MAX_WARRANTY_DAYS = 3_650;
export const WarrantyDays = z.number().int().min(0).max(MAX_WARRANTY_DAYS);

/** The retention status a settlement starts with: held when something is held back, else none. */
export const initialRetentionStatus = (retentionMinor: number): RetentionStatus | null =>
  retentionMinor > 0 ? 'held' : null;

/**
 * The first civil date (engagement's zone) on which the retention may be released: the day the
 * milestone unlocked (its last required acceptance) plus the warranty days. Null while locked.
 */
export function warrantyEndsOn(
  unlockedAt: string | null,
  warrantyDays: number,
  timeZone: string,
): string | null {
  if (unlockedAt === null) return null;
  return addDays(formatDate(localDate(new Date(unlockedAt), timeZone)), warrantyDays);
}

export interface RetentionView {
  readonly id: string;
  readonly status: MilestoneStatus;
  readonly retentionMinor: number | null;
  readonly retentionStatus: RetentionStatus | null;
  readonly warrantyEndsOn: string | null;
}

/**
 * The status an action on the retention leads to; Conflict (409) when there is no retention, when
 * releasing before the milestone is paid or before its warranty ends (`today` in the engagement's
 * zone), and InvalidTransition (409) out of order.
 */
export function retentionTransition(
  m: RetentionView,
  action: RetentionAction,
  today: string,
): RetentionStatus {
  if (m.retentionStatus === null || !m.retentionMinor)
    throw new Conflict('no_retention', `Payment milestone ${m.id} holds no retention`);
  if (action === 'release' && m.status !== 'paid')
    throw new Conflict(
      'milestone_not_paid',
      `The retention of payment milestone ${m.id} is released only once the milestone is paid (it is ${m.status})`,
      { milestoneStatus: m.status },
    );
  if (action === 'release' && (m.warrantyEndsOn === null || compareDates(today, m.warrantyEndsOn) < 0))
    throw new Conflict(
      'warranty_not_over',
      `The warranty period of payment milestone ${m.id} ends on ${m.warrantyEndsOn}; its retention cannot be released before`,
      { warrantyEndsOn: m.warrantyEndsOn, today },
    );
  return retentionLifecycle.transition(m.retentionStatus, action);
}

/** An engagement's retention by where it stands: held back, payable (released or invoiced), paid. */
export interface RetentionTotals {
  readonly currency: string;
  readonly heldMinor: number;
  readonly payableMinor: number;
  readonly paidMinor: number;
}

/** The retention totals of one engagement's milestones (all in its currency). */
export function retentionTotals(
  currency: string,
  milestones: readonly { retentionMinor: number | null; retentionStatus: RetentionStatus | null }[],
): RetentionTotals {
  let held = 0;
  let payable = 0;
  let paid = 0;
  for (const m of milestones) {
    const r = m.retentionMinor ?? 0;
    if (m.retentionStatus === 'held') held += r;
    else if (m.retentionStatus === 'released' || m.retentionStatus === 'invoiced') payable += r;
    else if (m.retentionStatus === 'paid') paid += r;
  }
  return { currency, heldMinor: held, payableMinor: payable, paidMinor: paid };
}
