import type { Logger } from 'pino';
import type { Actor } from '../core/auth.ts';
import {
  checkCriteria,
  type Decision,
  type DecisionRequest,
  isOverride,
  pushBackTargets,
  snapshotTasks,
} from '../core/decision.ts';
import type { Engagement } from '../core/engagement.ts';
import type { PageRequest } from '../core/engagement-ports.ts';
import { Conflict, NotFound, ValidationFailed } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import { decisionAction, deliverableLifecycle } from '../core/lifecycle.ts';
import type { Repos, Store } from '../core/ports.ts';
import type { StoredTask } from '../core/sync-ports.ts';
import type { DecisionMark } from '../core/tracker.ts';
import { assertActive, visibleEngagement } from './contract-access.ts';
import { recordDecision } from './journal.service.ts';
import { unlockReadyMilestones } from './milestone-unlock.ts';

export interface DecisionView extends Decision {
  /** Push-back items created: one per task, or per anchor item (epic, parent task). */
  readonly pushBacks?: number;
  /** Payment milestones this decision unlocked. */
  readonly unlockedMilestoneIds?: string[];
}

export interface DecisionService {
  /**
   * FLOW.md journey 2, in one transaction: the decision with its criteria and evidence, the
   * deliverable's new status, audit, `deliverable.accepted|rejected`, the push-back rows and the
   * milestone unlock check. The push-back jobs are queued after commit (the relay queues any that
   * Redis missed).
   */
  decide(actor: Actor, deliverableId: string, req: DecisionRequest): Promise<DecisionView>;
  list(actor: Actor, deliverableId: string, page: PageRequest): Promise<Decision[]>;
}

/** The deliverable and its engagement (locked when `lock`), 404 when the actor may not see it. */
export async function visibleDeliverable(repos: Repos, actor: Actor, id: string, lock: boolean) {
  const found = await repos.deliverables.findById(id);
  if (!found) throw new NotFound('Deliverable', id);
  try {
    const engagement = await visibleEngagement(repos, actor, found.engagementId, { forUpdate: lock });
    // Read again under the engagement's lock: decisions on one contract are serialized.
    const deliverable = lock ? await repos.deliverables.findById(id) : found;
    if (!deliverable) throw new NotFound('Deliverable', id);
    return { deliverable, engagement };
  } catch (err) {
    throw err instanceof NotFound ? new NotFound('Deliverable', id) : err;
  }
}

async function tasksOf(repos: Repos, deliverableId: string): Promise<StoredTask[]> {
  const out: StoredTask[] = [];
  for (let afterId: string | null = null; ; ) {
    const page = await repos.tasks.list({ deliverableId, afterId, limit: 1000 });
    out.push(...page);
    const last = page.at(-1);
    if (page.length < 1000 || !last) return out;
    afterId = last.id;
  }
}

/** Who the tracker comment names: the engagement's client contact, else the deciding key. */
const deciderName = (engagement: Engagement, actor: Actor) =>
  engagement.clientContact?.name ?? `the client (API key ${actor.keyId})`;

export function createDecisionService(deps: {
  store: Pick<Store, 'transaction'> & Pick<Repos, 'deliverables' | 'engagements' | 'decisions'>;
  /** After commit: queue the push-back jobs (and whatever else follows a decision, e.g. a recompute). */
  afterDecision: (decision: Decision, pushBackIds: readonly string[]) => Promise<void>;
  /** In the decision's transaction: the figures its new status implies (progress recompute). */
  refresh?: (repos: Repos, engagementId: string) => Promise<unknown>;
  now?: () => Date;
  logger: Logger;
}): DecisionService {
  const clock = deps.now ?? (() => new Date());

  async function record(repos: Repos, actor: Actor, deliverableId: string, req: DecisionRequest) {
    const { deliverable, engagement } = await visibleDeliverable(repos, actor, deliverableId, true);
    if (deliverable.removedAt)
      throw new Conflict('deliverable_removed', `Deliverable ${deliverableId} was removed from the contract`);
    assertActive(engagement, `decide on deliverable ${deliverableId}`);
    const action = decisionAction(deliverable.status, req.decision, req.override === true);
    const next = deliverableLifecycle.transition(deliverable.status, action);
    const errors = checkCriteria(req, deliverable.acceptanceCriteria);
    if (errors.length > 0) throw new ValidationFailed(errors, 'The decision does not fit the deliverable');
    const now = clock();
    const progress = (await repos.progress.listByEngagement(engagement.id)).find(
      (p) => p.deliverableId === deliverableId,
    );
    const evidence = snapshotTasks(await tasksOf(repos, deliverableId), now, progress ?? null);
    const after = await repos.deliverables.setStatus(deliverableId, deliverable.status, next);
    if (!after)
      throw new Conflict(
        'deliverable_changed',
        `Deliverable ${deliverableId} changed meanwhile; decide again`,
      );
    const decision = await repos.decisions.insert({
      id: newId('dec'),
      deliverableId,
      engagementId: engagement.id,
      decision: req.decision,
      override: isOverride(req, deliverable.status),
      note: req.note?.trim() || null,
      criteria: (req.criteria ?? []).map((c) => ({ ...c })),
      decidedBy: actor.keyId,
      decidedByRole: actor.role,
      decidedAt: now.toISOString(),
      statusBefore: deliverable.status,
      statusAfter: next,
      evidence,
    });
    await repos.audit.append(actor, {
      entityType: 'deliverable',
      entityId: deliverableId,
      action,
      before: deliverable,
      after,
    });
    await repos.audit.append(actor, {
      entityType: 'decision',
      entityId: decision.id,
      action: 'create',
      before: null,
      after: { ...decision, evidence: { capturedAt: evidence.capturedAt, counts: evidence.counts } },
    });
    await announce(repos, engagement, decision, after.title, after.dueDate);
    const decidedBy = deciderName(engagement, actor);
    await recordDecision(repos, actor, engagement, decision, after.title, decidedBy);
    const mark: DecisionMark = {
      decisionId: decision.id,
      decision: decision.decision,
      deliverableTitle: after.title,
      decidedBy,
      decidedAt: decision.decidedAt,
      note: decision.note,
      criteria: decision.criteria,
    };
    const pushBackIds = await repos.pushBacks.create(
      pushBackTargets(evidence.tasks).map((t) => ({
        decisionId: decision.id,
        connectionId: t.connectionId,
        taskExternalId: t.externalId,
        taskKey: t.key,
        mark,
      })),
    );
    const unlocked = next === 'accepted' ? await unlockReadyMilestones(repos, engagement, now) : [];
    await deps.refresh?.(repos, engagement.id);
    return { decision, pushBackIds, unlocked: unlocked.map((m) => m.id) };
  }

  return {
    async decide(actor, deliverableId, req) {
      const done = await deps.store.transaction((repos) => record(repos, actor, deliverableId, req));
      try {
        await deps.afterDecision(done.decision, done.pushBackIds);
      } catch (err) {
        // The rows are committed; the relay queues pending push-backs once Redis is back.
        deps.logger.warn(
          { decisionId: done.decision.id, err: { message: (err as Error).message } },
          'push-back jobs not queued; the relay will queue them',
        );
      }
      return {
        ...done.decision,
        pushBacks: done.pushBackIds.length,
        unlockedMilestoneIds: done.unlocked,
      };
    },

    async list(actor, deliverableId, page) {
      const deliverable = await deps.store.deliverables.findById(deliverableId);
      if (!deliverable) throw new NotFound('Deliverable', deliverableId);
      try {
        await visibleEngagement(deps.store, actor, deliverable.engagementId);
      } catch (err) {
        throw err instanceof NotFound ? new NotFound('Deliverable', deliverableId) : err;
      }
      return deps.store.decisions.listByDeliverable(deliverableId, page);
    },
  };
}

async function announce(repos: Repos, engagement: Engagement, d: Decision, title: string, dueDate: string) {
  const type = d.decision === 'accept' ? 'deliverable.accepted' : 'deliverable.rejected';
  await repos.outbox.append({
    type,
    subjectType: 'deliverable',
    subjectId: d.deliverableId,
    engagementId: engagement.id,
    providerId: engagement.providerId,
    data: {
      deliverableId: d.deliverableId,
      title,
      dueDate,
      decisionId: d.id,
      decision: d.decision,
      override: d.override,
      note: d.note,
      criteria: d.criteria,
      decidedAt: d.decidedAt,
    },
    dedupeKey: `${type}:${d.id}`,
  });
}
