import type { Logger } from 'pino';
import type { ChangeRequestService } from './change-requests.service.ts';
import type { DeliverableService } from './deliverables.service.ts';
import type { EngagementService } from './engagements.service.ts';
import type { MembershipResult, MembershipService } from './membership.service.ts';
import type { ProgressResult, ProgressService } from './progress.service.ts';

export interface RecomputeResult {
  readonly membership: MembershipResult;
  readonly progress: ProgressResult;
}

export interface RecomputeService {
  /**
   * The recompute job's work for one engagement (FLOW.md steps 9–10): which deliverable each task
   * feeds, then progress, forecast, schedule status and the status moves the tasks imply. Runs in
   * the worker only, never on a read; running it twice changes nothing.
   */
  recompute(engagementId: string): Promise<RecomputeResult>;
}

export function createRecomputeService(deps: {
  membership: Pick<MembershipService, 'recompute'>;
  progress: Pick<ProgressService, 'recompute'>;
}): RecomputeService {
  return {
    async recompute(engagementId) {
      const membership = await deps.membership.recompute(engagementId);
      const progress = await deps.progress.recompute(engagementId);
      return { membership, progress };
    },
  };
}

/**
 * Contract writes that change what the recompute computes — a deliverable added or its selector or
 * due date changed, an engagement activated, a change request approved — each followed by a
 * coalesced recompute of the engagement, so membership, figures and the portfolio follow within
 * seconds instead of at the next tracker change or hourly check. The write has committed by then:
 * when the queue is unreachable it is logged, and the hourly check catches up.
 */
export function recomputeAfterContractChanges(
  schedule: (engagementId: string) => Promise<void>,
  logger: Logger,
) {
  const after = async (engagementId: string) => {
    try {
      await schedule(engagementId);
    } catch (err) {
      logger.warn({ engagementId, err: { message: (err as Error).message } }, 'recompute not scheduled');
    }
  };
  const then =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>, engagementOf: (result: R) => string) =>
    async (...args: A): Promise<R> => {
      const result = await fn(...args);
      await after(engagementOf(result));
      return result;
    };
  return {
    engagements: (s: EngagementService): EngagementService => ({
      ...s,
      activate: then(s.activate, (e) => e.id),
    }),
    deliverables: (s: DeliverableService): DeliverableService => ({
      ...s,
      create: then(s.create, (d) => d.engagementId),
      update: then(s.update, (d) => d.engagementId),
    }),
    changeRequests: (s: ChangeRequestService): ChangeRequestService => ({
      ...s,
      approve: then(s.approve, (c) => c.engagementId),
    }),
  };
}
