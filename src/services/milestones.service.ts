import type { Actor } from '../core/auth.ts';
import { defined, newMilestoneTerms } from '../core/change-apply.ts';
import { assertValid, checkMilestoneSum, validateMilestone } from '../core/contract-rules.ts';
import type {
  Engagement,
  Milestone,
  MilestonePatch,
  MilestoneTerms,
  NewMilestone,
} from '../core/engagement.ts';
import type { PageRequest } from '../core/engagement-ports.ts';
import { type FieldError, NotFound } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { MilestoneStatus } from '../core/lifecycle.ts';
import type { Repos, Store } from '../core/ports.ts';
import { assertDraft, milestoneTermsOf, visibleEngagement } from './contract-access.ts';

export type MilestoneView = Milestone & { readonly warnings?: FieldError[] };

export interface MilestoneService {
  create(actor: Actor, engagementId: string, input: NewMilestone): Promise<MilestoneView>;
  list(
    actor: Actor,
    engagementId: string,
    filter: { status?: MilestoneStatus | undefined; includeRemoved?: boolean | undefined },
    page: PageRequest,
  ): Promise<Milestone[]>;
  get(actor: Actor, id: string): Promise<Milestone>;
  /** Only while the engagement is a draft; afterwards through a change request. */
  update(actor: Actor, id: string, patch: MilestonePatch): Promise<MilestoneView>;
}

type MilestoneRepos = Pick<Repos, 'engagements' | 'deliverables' | 'milestones'>;

async function visibleMilestone(repos: MilestoneRepos, actor: Actor, id: string, forUpdate = false) {
  const milestone = await repos.milestones.findById(id);
  if (!milestone) throw new NotFound('Milestone', id);
  try {
    const engagement = await visibleEngagement(repos, actor, milestone.engagementId, { forUpdate });
    return { milestone, engagement };
  } catch (err) {
    if (err instanceof NotFound) throw new NotFound('Milestone', id);
    throw err;
  }
}

/**
 * One milestone's terms against its engagement: the milestone alone (amount, currency, required
 * deliverables of this engagement, bps) and the sum of all milestones against the contract value.
 */
async function checkTerms(
  repos: MilestoneRepos,
  engagement: Engagement,
  terms: MilestoneTerms,
  replacing: string | null,
): Promise<FieldError[]> {
  const [deliverables, milestones] = await Promise.all([
    repos.deliverables.listByEngagement(engagement.id),
    repos.milestones.listByEngagement(engagement.id),
  ]);
  const own = validateMilestone(terms, engagement, deliverables, 'body');
  const amounts = milestones.filter((m) => m.id !== replacing).map((m) => m.amountMinor);
  const sum = checkMilestoneSum([...amounts, terms.amountMinor], engagement, 'body.amountMinor');
  return [
    ...assertValid({
      errors: [...own.errors, ...sum.errors],
      warnings: [...own.warnings, ...sum.warnings],
    }),
  ];
}

export function createMilestoneService(deps: {
  store: Pick<Store, 'transaction' | 'engagements' | 'deliverables' | 'milestones'>;
}): MilestoneService {
  const { store } = deps;
  return {
    create: (actor, engagementId, input) =>
      store.transaction(async (repos) => {
        const engagement = await visibleEngagement(repos, actor, engagementId, { forUpdate: true });
        assertDraft(engagement, 'its payment milestones');
        const terms = newMilestoneTerms(input);
        const warnings = await checkTerms(repos, engagement, terms, null);
        const id = newId('pms');
        const created = await repos.milestones.insert({ ...terms, id, engagementId });
        await repos.audit.append(actor, {
          entityType: 'payment_milestone',
          entityId: id,
          action: 'create',
          before: null,
          after: created,
        });
        return { ...created, warnings };
      }),

    async list(actor, engagementId, filter, page) {
      await visibleEngagement(store, actor, engagementId);
      return store.milestones.listByEngagement(
        engagementId,
        {
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.includeRemoved ? { includeRemoved: true } : {}),
        },
        page,
      );
    },

    get: async (actor, id) => (await visibleMilestone(store, actor, id)).milestone,

    update: (actor, id, patch) =>
      store.transaction(async (repos) => {
        const { milestone: before, engagement } = await visibleMilestone(repos, actor, id, true);
        assertDraft(engagement, `payment milestone ${id}`);
        const terms = milestoneTermsOf({ ...before, ...defined(patch) });
        const warnings = await checkTerms(repos, engagement, terms, id);
        const after = await repos.milestones.update(id, terms);
        await repos.audit.append(actor, {
          entityType: 'payment_milestone',
          entityId: id,
          action: 'update',
          before,
          after,
        });
        return { ...after, warnings };
      }),
  };
}
