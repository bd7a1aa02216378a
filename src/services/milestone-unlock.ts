import type { Logger } from 'pino';
import { SYSTEM_ACTOR } from '../core/auth.ts';
import { formatDate } from '../core/dates.ts';
import type { PaymentMilestone } from '../core/decision-ports.ts';
import type { Engagement, Milestone } from '../core/engagement.ts';
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
    data: {
      milestoneId: after.id,
      label: after.label,
      currency: after.currency,
      amountMinor: after.amountMinor,
      bonusMinor: after.bonusMinor,
      penaltyMinor: after.penaltyMinor,
      retentionMinor: after.retentionMinor,
      netMinor: after.netMinor,
      daysLate: after.daysLate,
      daysEarly: after.daysEarly,
      unlockedAt: after.unlockedAt,
      evidence: after.evidence,
    },
    dedupeKey: `milestone.unlocked:${after.id}`,
  });
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
