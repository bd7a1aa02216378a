import type { Logger } from 'pino';
import type { Actor } from '../core/auth.ts';
import type { Deliverable } from '../core/engagement.ts';
import { Conflict, NotFound } from '../core/errors.ts';
import { deliverableLifecycle } from '../core/lifecycle.ts';
import type { Repos, Store } from '../core/ports.ts';
import { assertActive } from './contract-access.ts';
import { visibleDeliverable } from './decisions.service.ts';

export interface ReworkService {
  /**
   * `rejected → in_progress` on request (POST /v1/deliverables/{id}/rework): the provider says it
   * works on a rejected deliverable again, for instance when the fix needs no task reopened at the
   * tracker. In one transaction with its audit row, the `deliverable.rework_started` event and the
   * recompute of the figures, which moves it straight back to `ready_for_review` when every task is
   * done: a rework with nothing left open is a resubmission, and the PMO can decide again.
   */
  rework(actor: Actor, deliverableId: string): Promise<Deliverable>;
}

export function createReworkService(deps: {
  store: Pick<Store, 'transaction'>;
  /** In the same transaction: progress, schedule status and the moves the tasks imply. */
  refresh: (repos: Repos, engagementId: string) => Promise<unknown>;
  logger: Logger;
}): ReworkService {
  return {
    rework: (actor, deliverableId) =>
      deps.store.transaction(async (repos) => {
        const { deliverable, engagement } = await visibleDeliverable(repos, actor, deliverableId, true);
        if (deliverable.removedAt)
          throw new Conflict(
            'deliverable_removed',
            `Deliverable ${deliverableId} was removed from the contract`,
          );
        assertActive(engagement, `rework deliverable ${deliverableId}`);
        // 409 invalid_transition naming the status and what it allows, unless it is rejected.
        const next = deliverableLifecycle.transition(deliverable.status, 'rework');
        const after = await repos.deliverables.setStatus(deliverableId, deliverable.status, next);
        if (!after)
          throw new Conflict(
            'deliverable_changed',
            `Deliverable ${deliverableId} changed meanwhile; try again`,
          );
        await repos.audit.append(actor, {
          entityType: 'deliverable',
          entityId: deliverableId,
          action: 'rework',
          before: deliverable,
          after,
        });
        await repos.outbox.append({
          type: 'deliverable.rework_started',
          subjectType: 'deliverable',
          subjectId: deliverableId,
          engagementId: engagement.id,
          providerId: engagement.providerId,
          data: {
            deliverableId,
            engagementId: engagement.id,
            title: after.title,
            dueDate: after.dueDate,
            from: deliverable.status,
            by: 'api',
            requestedByRole: actor.role,
          },
          // Keyed by the state it left, as the automatic moves are: once per rejection.
          dedupeKey: `deliverable.rework_started:${deliverableId}:${deliverable.updatedAt}`,
        });
        await deps.refresh(repos, engagement.id);
        const now = await repos.deliverables.findById(deliverableId);
        if (!now) throw new NotFound('Deliverable', deliverableId);
        deps.logger.info(
          { deliverableId, to: now.status, role: actor.role },
          'deliverable reworked on request',
        );
        return now;
      }),
  };
}
