import type { Actor } from '../core/auth.ts';
import { defined, newDeliverableTerms } from '../core/change-apply.ts';
import { assertValid, validateDeliverable } from '../core/contract-rules.ts';
import type { Deliverable, DeliverablePatch, NewDeliverable } from '../core/engagement.ts';
import type { PageRequest } from '../core/engagement-ports.ts';
import { type FieldError, NotFound } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { DeliverableStatus } from '../core/lifecycle.ts';
import type { Repos, Store } from '../core/ports.ts';
import { assertDraft, deliverableTermsOf, visibleEngagement } from './contract-access.ts';

export type DeliverableView = Deliverable & { readonly warnings?: FieldError[] };

export interface DeliverableService {
  create(actor: Actor, engagementId: string, input: NewDeliverable): Promise<DeliverableView>;
  list(
    actor: Actor,
    engagementId: string,
    filter: { status?: DeliverableStatus | undefined; includeRemoved?: boolean | undefined },
    page: PageRequest,
  ): Promise<Deliverable[]>;
  get(actor: Actor, id: string): Promise<Deliverable>;
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
  store: Pick<Store, 'transaction' | 'engagements' | 'deliverables'>;
}): DeliverableService {
  const { store } = deps;
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
      return store.deliverables.listByEngagement(
        engagementId,
        {
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.includeRemoved ? { includeRemoved: true } : {}),
        },
        page,
      );
    },

    get: async (actor, id) => (await visibleDeliverable(store, actor, id)).deliverable,

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
