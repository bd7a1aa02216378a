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
