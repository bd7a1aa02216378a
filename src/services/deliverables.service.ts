import type { Actor } from '../core/auth.ts';
import { defined, newDeliverableTerms } from '../core/change-apply.ts';
import { assertValid, validateDeliverable } from '../core/contract-rules.ts';
import type { Deliverable, DeliverablePatch, NewDeliverable } from '../core/engagement.ts';
import type { PageRequest } from '../core/engagement-ports.ts';
import { type FieldError, NotFound } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { DeliverableStatus } from '../core/lifecycle.ts';
import type { Repos, Store } from '../core/ports.ts';
import type { StoredProgress } from '../core/progress-ports.ts';
import { assertDraft, deliverableTermsOf, visibleEngagement } from './contract-access.ts';

export type DeliverableView = Deliverable & { readonly warnings?: FieldError[] };

/** The figures the recompute job stored for a deliverable, as its reads show them. */
export type DeliverableFigures = Omit<StoredProgress, 'deliverableId' | 'engagementId'>;
/** A deliverable read: with its figures, null until the first recompute has seen it. */
export type DeliverableRead = Deliverable & { readonly figures: DeliverableFigures | null };

export interface DeliverableService {
  create(actor: Actor, engagementId: string, input: NewDeliverable): Promise<DeliverableView>;
  list(
    actor: Actor,
    engagementId: string,
    filter: { status?: DeliverableStatus | undefined; includeRemoved?: boolean | undefined },
    page: PageRequest,
  ): Promise<DeliverableRead[]>;
  get(actor: Actor, id: string): Promise<DeliverableRead>;
  /** Only while the engagement is a draft; afterwards through a change request. */
  update(actor: Actor, id: string, patch: DeliverablePatch): Promise<DeliverableView>;
}

/** The deliverable and its engagement, if the actor may see them (404 otherwise). */
async function visibleDeliverable(
  repos: Pick<Repos, 'deliverables' | 'engagements'>,
  actor: Actor,
  id: string,
  opts: { forUpdate?: boolean } = {},
) {
  const deliverable = await repos.deliverables.findById(id);
  if (!deliverable) throw new NotFound('Deliverable', id);
  try {
    const engagement = await visibleEngagement(repos, actor, deliverable.engagementId, opts);
    return { deliverable, engagement };
  } catch (err) {
    if (err instanceof NotFound) throw new NotFound('Deliverable', id);
    throw err;
  }
}

export function createDeliverableService(deps: {
  store: Pick<Store, 'transaction' | 'engagements' | 'deliverables' | 'progress'>;
}): DeliverableService {
  const { store } = deps;
  /** Each deliverable with the figures stored for it (one read of its engagement's figures). */
  const withFigures = async (
    engagementId: string,
    ds: readonly Deliverable[],
  ): Promise<DeliverableRead[]> => {
    const stored = new Map(
      (await store.progress.listByEngagement(engagementId)).map(
        ({ deliverableId, engagementId: _e, ...figures }) => [deliverableId, figures],
      ),
    );
    return ds.map((d) => ({ ...d, figures: stored.get(d.id) ?? null }));
  };
  return {
    create: (actor, engagementId, input) =>
      store.transaction(async (repos) => {
        const engagement = await visibleEngagement(repos, actor, engagementId, { forUpdate: true });
        assertDraft(engagement, 'its deliverables');
        const terms = newDeliverableTerms(input);
        const warnings = assertValid(validateDeliverable(terms, engagement, 'body'));
        const id = newId('dlv');
        const created = await repos.deliverables.insert({ ...terms, id, engagementId });
        await repos.audit.append(actor, {
          entityType: 'deliverable',
          entityId: id,
          action: 'create',
          before: null,
          after: created,
        });
        return { ...created, warnings: [...warnings] };
      }),

    async list(actor, engagementId, filter, page) {
      await visibleEngagement(store, actor, engagementId);
      const listed = await store.deliverables.listByEngagement(
        engagementId,
        {
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.includeRemoved ? { includeRemoved: true } : {}),
        },
        page,
      );
      return withFigures(engagementId, listed);
    },

    async get(actor, id) {
      const { deliverable } = await visibleDeliverable(store, actor, id);
      const [read] = await withFigures(deliverable.engagementId, [deliverable]);
      return read ?? { ...deliverable, figures: null };
    },

    update: (actor, id, patch) =>
      store.transaction(async (repos) => {
        const { deliverable: before, engagement } = await visibleDeliverable(repos, actor, id, {
          forUpdate: true,
        });
        assertDraft(engagement, `deliverable ${id}`);
        const changes = defined(patch);
        const warnings = assertValid(validateDeliverable({ ...before, ...changes }, engagement, 'body'));
        const after = await repos.deliverables.update(id, deliverableTermsOf({ ...before, ...changes }));
        await repos.audit.append(actor, {
          entityType: 'deliverable',
          entityId: id,
          action: 'update',
          before,
          after,
        });
        return { ...after, warnings: [...warnings] };
      }),
  };
}
