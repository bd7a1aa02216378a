import { compareDates, formatDate, localDate } from './dates.ts';
import type { Deliverable, Milestone } from './engagement.ts';
import { calendarDaysBetween, type Settlement, settleMilestone } from './money.ts';

/**
 * When a payment milestone unlocks (DOMAIN.md): every required deliverable accepted and its
 * `notBefore` date reached in the engagement's time zone. Its settlement is computed from each
 * required deliverable's current due date (as amended by approved change requests) and the time of
 * its accepting decision.
 */

/** The accepting decision of a deliverable. */
export interface Acceptance {
  readonly deliverableId: string;
  readonly decisionId: string;
  readonly decidedAt: string;
  readonly override: boolean;
}

/** What a settlement was computed from; stored with the milestone and shown to finance. */
export interface UnlockEvidence {
  readonly timeZone: string;
  /** The milestone's lateness L: the largest of the deliverables' `daysLate`. */
  readonly lateness: number;
  readonly deliverables: {
    readonly deliverableId: string;
    readonly title: string;
    readonly dueDate: string;
    readonly decisionId: string;
    readonly acceptedAt: string;
    readonly override: boolean;
    /** Acceptance date − due date in calendar days in the engagement's zone (negative: early). */
    readonly daysLate: number;
  }[];
}

export interface Unlock {
  readonly settlement: Settlement;
  readonly evidence: UnlockEvidence;
}

/** `notBefore` is reached from the start of that day in the engagement's time zone. */
export function notBeforeReached(notBefore: string | null, now: Date, timeZone: string): boolean {
  return notBefore === null || compareDates(formatDate(localDate(now, timeZone)), notBefore) >= 0;
}

/**
 * The unlock of a locked milestone, or null while a condition is missing. `required` are its
 * required deliverables as they stand now (current due dates); `acceptances` their accepting
 * decisions. A milestone with no required deliverables unlocks on `notBefore` alone, with no
 * lateness (no penalty, no bonus).
 */
export function unlockOf(
  milestone: Pick<
    Milestone,
    | 'status'
    | 'notBefore'
    | 'amountMinor'
    | 'latePenalty'
    | 'earlyBonus'
    | 'retentionBps'
    | 'requiredDeliverableIds'
  >,
  required: readonly Pick<Deliverable, 'id' | 'title' | 'dueDate' | 'status'>[],
  acceptances: readonly Acceptance[],
  timeZone: string,
  now: Date,
): Unlock | null {
  if (milestone.status !== 'locked') return null;
  if (!notBeforeReached(milestone.notBefore, now, timeZone)) return null;
  const rows: UnlockEvidence['deliverables'][number][] = [];
  for (const id of milestone.requiredDeliverableIds) {
    const d = required.find((r) => r.id === id);
    const a = acceptances.find((x) => x.deliverableId === id);
    if (d?.status !== 'accepted' || !a) return null;
    rows.push({
      deliverableId: id,
      title: d.title,
      dueDate: d.dueDate,
      decisionId: a.decisionId,
      acceptedAt: a.decidedAt,
      override: a.override,
      daysLate: calendarDaysBetween(d.dueDate, a.decidedAt, timeZone),
    });
  }
  const settlement = settleMilestone(
    {
      amountMinor: milestone.amountMinor,
      latePenalty: milestone.latePenalty,
      earlyBonus: milestone.earlyBonus,
      retentionBps: milestone.retentionBps,
    },
    rows.map((r) => ({ dueDate: r.dueDate, acceptedAt: r.acceptedAt })),
    timeZone,
  );
  const lateness = rows.length === 0 ? 0 : Math.max(...rows.map((r) => r.daysLate));
  return { settlement, evidence: { timeZone, lateness, deliverables: rows } };
}
