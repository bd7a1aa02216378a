import { calendarDaysBetween } from './money.ts';

/**
 * A provider's measured delivery facts, from the client's decisions on its deliverables and the
 * settlement of its unlocked milestones. Pure: the store hands the rows, this counts them.
 */

/** One decision on one of the provider's deliverables, with what lateness is measured against. */
export interface DecisionFact {
  readonly deliverableId: string;
  readonly decision: 'accept' | 'reject';
  readonly decidedAt: Date;
  /** The deliverable's contractual due date as it stands (amended by approved change requests). */
  readonly dueDate: string;
  /** The engagement's IANA time zone: acceptance instants become civil dates there. */
  readonly timeZone: string;
}

/** Penalty and bonus totals of the provider's settled (unlocked, invoiced, paid) milestones. */
export interface SettledTotals {
  readonly currency: string;
  readonly milestones: number;
  readonly penaltyMinor: number;
  readonly bonusMinor: number;
}

export interface ScorecardReads {
  /** Every decision on the provider's deliverables, oldest first. */
  decisionFacts(providerId: string): Promise<DecisionFact[]>;
  /** Settled milestones' penalties and bonuses per currency, currencies in order. */
  settledTotals(providerId: string): Promise<SettledTotals[]>;
}

export interface MeasuredDelivery {
  /** Deliverables with at least one decision. */
  readonly decidedDeliverables: number;
  readonly acceptedDeliverables: number;
  /** Accepted on or before the due date / accepted; null before any acceptance. */
  readonly onTimeRate: number | null;
  /** Accepted with no earlier rejection / decided; null before any decision. */
  readonly firstPassAcceptanceRate: number | null;
  /** Mean calendar days late over the late acceptances; null when none was late. */
  readonly averageDaysLate: number | null;
  readonly rejections: number;
  /** Rejecting decisions / decisions; null before any decision. */
  readonly rejectionRate: number | null;
  readonly settledMilestones: number;
  readonly penalties: { readonly currency: string; readonly amountMinor: number }[];
  readonly bonuses: { readonly currency: string; readonly amountMinor: number }[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const ratio = (part: number, whole: number) => (whole > 0 ? round2(part / whole) : null);

interface DeliverableHistory {
  rejectedFirst: boolean;
  acceptance: DecisionFact | null;
}

function histories(facts: readonly DecisionFact[]): Map<string, DeliverableHistory> {
  const byDeliverable = new Map<string, DeliverableHistory>();
  const ordered = [...facts].sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime());
  for (const fact of ordered) {
    const h = byDeliverable.get(fact.deliverableId) ?? { rejectedFirst: false, acceptance: null };
    if (fact.decision === 'reject' && h.acceptance === null) h.rejectedFirst = true;
    if (fact.decision === 'accept' && h.acceptance === null) h.acceptance = fact;
    byDeliverable.set(fact.deliverableId, h);
  }
  return byDeliverable;
}

export function measureDelivery(
  facts: readonly DecisionFact[],
  settled: readonly SettledTotals[],
): MeasuredDelivery {
  const all = [...histories(facts).values()];
  const accepted = all.flatMap((h) => (h.acceptance ? [h] : []));
  const lateness = accepted.map((h) => {
    const a = h.acceptance as DecisionFact;
    return calendarDaysBetween(a.dueDate, a.decidedAt, a.timeZone);
  });
  const late = lateness.filter((d) => d > 0);
  const rejections = facts.filter((f) => f.decision === 'reject').length;
  const byCurrency = (pick: (s: SettledTotals) => number) =>
    settled.filter((s) => pick(s) > 0).map((s) => ({ currency: s.currency, amountMinor: pick(s) }));
  return {
    decidedDeliverables: all.length,
    acceptedDeliverables: accepted.length,
    onTimeRate: ratio(accepted.length - late.length, accepted.length),
    firstPassAcceptanceRate: ratio(accepted.filter((h) => !h.rejectedFirst).length, all.length),
    averageDaysLate: late.length > 0 ? round2(late.reduce((a, b) => a + b, 0) / late.length) : null,
    rejections,
    rejectionRate: ratio(rejections, facts.length),
    settledMilestones: settled.reduce((n, s) => n + s.milestones, 0),
    penalties: byCurrency((s) => s.penaltyMinor),
    bonuses: byCurrency((s) => s.bonusMinor),
  };
}
