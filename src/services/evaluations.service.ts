import type { Actor } from '../core/auth.ts';
import type { Evaluation, EvaluationScores } from '../core/engagement.ts';
import { Conflict, NotFound } from '../core/errors.ts';
import type { Store } from '../core/ports.ts';
import { visibleEngagement } from './contract-access.ts';

export interface EvaluationInput extends EvaluationScores {
  readonly strengths?: string | null | undefined;
  readonly improvements?: string | null | undefined;
  readonly lessons?: string | null | undefined;
}

export interface EvaluationService {
  /** Writes (or rewrites) the one evaluation of a closed engagement. */
  put(
    actor: Actor,
    engagementId: string,
    input: EvaluationInput,
  ): Promise<{ evaluation: Evaluation; created: boolean }>;
  get(actor: Actor, engagementId: string): Promise<Evaluation>;
}

export function createEvaluationService(deps: {
  store: Pick<Store, 'transaction' | 'engagements' | 'evaluations'>;
}): EvaluationService {
  const { store } = deps;
  return {
    put: (actor, engagementId, input) =>
      store.transaction(async (repos) => {
        const engagement = await visibleEngagement(repos, actor, engagementId, { forUpdate: true });
        if (engagement.status !== 'closed')
          throw new Conflict(
            'engagement_not_closed',
            `Engagement ${engagementId} is ${engagement.status}; it is evaluated after it closes`,
            { engagementId, engagementStatus: engagement.status },
          );
        const before = await repos.evaluations.findByEngagement(engagementId);
        const evaluation = await repos.evaluations.upsert({
          engagementId,
          quality: input.quality,
          timeliness: input.timeliness,
          communication: input.communication,
          autonomy: input.autonomy,
          budget: input.budget,
          strengths: input.strengths ?? null,
          improvements: input.improvements ?? null,
          lessons: input.lessons ?? null,
          evaluatedBy: actor.keyId,
        });
        await repos.audit.append(actor, {
          entityType: 'evaluation',
          entityId: engagementId,
          action: before ? 'update' : 'create',
          before,
          after: evaluation,
        });
        return { evaluation, created: before === null };
      }),
    async get(actor, engagementId) {
      await visibleEngagement(store, actor, engagementId);
      const evaluation = await store.evaluations.findByEngagement(engagementId);
      if (!evaluation) throw new NotFound('Evaluation', `of engagement ${engagementId}`);
      return evaluation;
    },
  };
}
