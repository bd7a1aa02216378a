import type { Logger } from 'pino';
import { type Actor, SYSTEM_ACTOR } from '../core/auth.ts';
import { formatDate } from '../core/dates.ts';
import type { PaymentMilestone } from '../core/decision-ports.ts';
import type { Engagement, Milestone } from '../core/engagement.ts';
import { Conflict } from '../core/errors.ts';
import type { Repos, Store } from '../core/ports.ts';
import { unlockOf } from '../core/unlock.ts';

type UnlockRepos = Pick<Repos, 'milestones' | 'deliverables' | 'decisions' | 'payments' | 'audit' | 'outbox'>;

/**
 * Unlocks every locked milestone of the engagement whose conditions now hold (all required
 * deliverables accepted, `notBefore` reached in the engagement's zone), with its settlement, audit
 * row and `milestone.unlocked` event. Call it inside the transaction that made a condition true
 * (a decision, an activation, an approved change request, the scheduled check), with the
 * engagement row locked. Jalon unlocks by itself: the audit actor is the system.
 */
export async function unlockReadyMilestones(
  repos: UnlockRepos,
  engagement: Engagement,
  now: Date,
): Promise<PaymentMilestone[]> {
  if (engagement.status !== 'active') return [];
  const locked = await repos.milestones.listByEngagement(engagement.id, { status: 'locked' });
  if (locked.length === 0) return [];
  const deliverables = await repos.deliverables.listByEngagement(engagement.id);
  const requiredIds = [...new Set(locked.flatMap((m) => m.requiredDeliverableIds))];
  const acceptances = await repos.decisions.acceptances(requiredIds);
  const unlocked: PaymentMilestone[] = [];
  for (const milestone of locked) {
    const unlock = unlockOf(milestone, deliverables, acceptances, engagement.timeZone, now);
    if (!unlock) continue;
    const after = await repos.payments.unlock(milestone.id, { ...unlock, at: now });
    if (!after) continue;
    await record(repos, engagement, milestone, after);
    unlocked.push(after);
  }
  return unlocked;
}

async function record(
  repos: UnlockRepos,
  engagement: Engagement,
  before: Milestone,
  after: PaymentMilestone,
) {
  await repos.audit.append(SYSTEM_ACTOR, {
    entityType: 'payment_milestone',
    entityId: after.id,
    action: 'unlock',
    before,
    after,
  });
  await repos.outbox.append({
    type: 'milestone.unlocked',
    subjectType: 'milestone',
    subjectId: after.id,
    engagementId: engagement.id,
    providerId: engagement.providerId,
    data: settlementData(after),
    dedupeKey: `milestone.unlocked:${after.id}`,
  });
}

/**
 * Settles again the unlocked milestones an approved change request altered (it said it would:
 * `affectsUnlockedMilestones`): the settlement is recomputed from the amended terms and due dates
 * with the original acceptances, keeping the unlock time; audited with before and after and
 * announced as `milestone.resettled`. A change that would make an unlocked milestone's conditions
 * false again (a new required deliverable not yet accepted, `notBefore` moved ahead) is refused:
 * an unlock is never undone. An unlocked milestone the request removed is announced as
 * `milestone.removed` (finance must stop counting it payable). Runs in the approval's transaction.
 */
export async function resettleMilestones(
  repos: UnlockRepos,
  actor: Actor,
  engagement: Engagement,
  /** The milestones' rows as they stood before the amendment was written. */
  previous: readonly PaymentMilestone[],
  changeRequestId: string,
  now: Date,
): Promise<PaymentMilestone[]> {
  const ids = previous.filter((p) => p.status === 'unlocked').map((p) => p.id);
  if (ids.length === 0) return [];
  const current = (await repos.milestones.listByEngagement(engagement.id, { status: 'unlocked' })).filter(
    (m) => ids.includes(m.id),
  );
  for (const removed of previous.filter(
    (p) => p.status === 'unlocked' && !current.some((m) => m.id === p.id),
  )) {
    await repos.outbox.append({
      type: 'milestone.removed',
      subjectType: 'milestone',
      subjectId: removed.id,
      engagementId: engagement.id,
      providerId: engagement.providerId,
      data: { ...settlementData(removed), changeRequestId },
      dedupeKey: `milestone.removed:${removed.id}`,
    });
  }
  if (current.length === 0) return [];
  const deliverables = await repos.deliverables.listByEngagement(engagement.id);
  const acceptances = await repos.decisions.acceptances([
    ...new Set(current.flatMap((m) => m.requiredDeliverableIds)),
  ]);
  const out: PaymentMilestone[] = [];
  for (const milestone of current) {
    const before = previous.find((p) => p.id === milestone.id);
    if (!before) continue;
    const unlock = unlockOf(
      { ...milestone, status: 'locked' },
      deliverables,
      acceptances,
      engagement.timeZone,
      now,
    );
    if (!unlock)
      throw new Conflict(
        'milestone_would_relock',
        `Payment milestone ${milestone.id} is unlocked; the changes would make its conditions unmet again (a required deliverable not accepted, or notBefore ahead). Add a new milestone instead`,
        { milestoneIds: [milestone.id] },
      );
    const after = await repos.payments.resettle(milestone.id, unlock);
    if (!after) continue;
    await repos.audit.append(actor, {
      entityType: 'payment_milestone',
      entityId: after.id,
      action: 'resettle',
      before,
      after,
    });
    await repos.outbox.append({
      type: 'milestone.resettled',
      subjectType: 'milestone',
      subjectId: after.id,
      engagementId: engagement.id,
      providerId: engagement.providerId,
      data: {
        ...settlementData(after),
        changeRequestId,
        previous: {
          amountMinor: before.amountMinor,
          bonusMinor: before.bonusMinor,
          penaltyMinor: before.penaltyMinor,
          retentionMinor: before.retentionMinor,
          netMinor: before.netMinor,
          daysLate: before.daysLate,
          daysEarly: before.daysEarly,
        },
      },
      dedupeKey: `milestone.resettled:${after.id}:${changeRequestId}`,
    });
    out.push(after);
  }
  return out;
}

/** What `milestone.unlocked` and `milestone.resettled` tell a finance tool about the money. */
function settlementData(m: PaymentMilestone) {
  return {
    milestoneId: m.id,
    label: m.label,
    currency: m.currency,
    amountMinor: m.amountMinor,
    bonusMinor: m.bonusMinor,
    penaltyMinor: m.penaltyMinor,
    retentionMinor: m.retentionMinor,
    netMinor: m.netMinor,
    daysLate: m.daysLate,
    daysLateRaw: m.daysLateRaw,
    daysCharged: m.daysCharged,
    daysEarly: m.daysEarly,
    unlockedAt: m.unlockedAt,
    warrantyEndsOn: m.warrantyEndsOn,
    evidence: m.evidence,
  };
}

export interface UnlockCheck {
  /**
   * The scheduled check: unlocks the milestones whose `notBefore` has passed and whose other
   * conditions already hold. Running it twice changes nothing.
   */
  run(): Promise<{ engagements: number; unlocked: string[] }>;
}

const DAY_MS = 86_400_000;

export function createUnlockCheck(deps: {
  store: Pick<Store, 'transaction' | 'payments'>;
  now?: () => Date;
  logger: Logger;
}): UnlockCheck {
  const clock = deps.now ?? (() => new Date());
  return {
    async run() {
      const now = clock();
      // Zones run up to 14 hours ahead of UTC: a date that is already today somewhere is a candidate;
      // `unlockOf` then compares it with today in the engagement's own zone.
      const latest = formatDate(civilUtc(new Date(now.getTime() + DAY_MS)));
      const ids = await deps.store.payments.engagementsToCheck(latest);
      const unlocked: string[] = [];
      for (const id of ids) {
        const done = await deps.store.transaction(async (repos) => {
          const engagement = await repos.engagements.findById(id, { forUpdate: true });
          return engagement ? unlockReadyMilestones(repos, engagement, now) : [];
        });
        unlocked.push(...done.map((m) => m.id));
      }
      if (unlocked.length > 0) deps.logger.info({ unlocked }, 'milestones unlocked by the scheduled check');
      return { engagements: ids.length, unlocked };
    },
  };
}

const civilUtc = (d: Date) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
