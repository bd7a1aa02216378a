import type { Actor } from '../core/auth.ts';
import { defined } from '../core/change-apply.ts';
import {
  assertValid,
  checkMilestoneSum,
  validateActivation,
  validateEngagementTerms,
} from '../core/contract-rules.ts';
import { DEFAULT_TIME_ZONE } from '../core/dates.ts';
import type { Contact, ContractVersion, Engagement, EngagementTerms, Patch } from '../core/engagement.ts';
import type { PageRequest } from '../core/engagement-ports.ts';
import { type FieldError, NotFound, ValidationFailed } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import { type EngagementAction, type EngagementStatus, engagementLifecycle } from '../core/lifecycle.ts';
import type { Repos, Store } from '../core/ports.ts';
import {
  assertDraft,
  contractWarnings,
  readContract,
  recordVersion,
  visibleEngagement,
} from './contract-access.ts';
import { recordKickoff } from './journal.service.ts';
import { unlockReadyMilestones } from './milestone-unlock.ts';

export interface NewEngagementInput {
  readonly providerId: string;
  readonly title: string;
  readonly objective?: string | null | undefined;
  readonly specificationUrl?: string | null | undefined;
  readonly currency: string;
  readonly contractValueMinor: number;
  readonly paymentTermsDays?: number | null | undefined;
  readonly confidentiality?: string | null | undefined;
  readonly ipOwnership?: string | null | undefined;
  readonly clientContact?: Contact | null | undefined;
  readonly providerContact?: Contact | null | undefined;
  readonly startDate: string;
  readonly endDate: string;
  readonly timeZone?: string | undefined;
  readonly weightByEstimate?: boolean | undefined;
}

export type EngagementPatch = Patch<EngagementTerms>;

export interface EngagementView extends Engagement {
  readonly allowedActions: EngagementAction[];
  readonly warnings?: FieldError[];
}

export interface EngagementFilter {
  readonly providerId?: string | undefined;
  readonly status?: EngagementStatus | undefined;
  readonly currency?: string | undefined;
}

export interface EngagementService {
  create(actor: Actor, input: NewEngagementInput): Promise<EngagementView>;
  get(actor: Actor, id: string): Promise<EngagementView>;
  /** The contract as it stood in `version` (recorded at activation and at each approved change). */
  getVersion(actor: Actor, id: string, version: number): Promise<ContractVersion>;
  list(actor: Actor, filter: EngagementFilter, page: PageRequest): Promise<EngagementView[]>;
  update(actor: Actor, id: string, patch: EngagementPatch): Promise<EngagementView>;
  activate(actor: Actor, id: string): Promise<EngagementView>;
  close(actor: Actor, id: string): Promise<EngagementView>;
}

const view = (e: Engagement, warnings?: readonly FieldError[]): EngagementView => ({
  ...e,
  allowedActions: [...engagementLifecycle.allowedActions(e.status)],
  ...(warnings ? { warnings: [...warnings] } : {}),
});

function termsOf(input: NewEngagementInput): EngagementTerms {
  return {
    title: input.title,
    objective: input.objective ?? null,
    specificationUrl: input.specificationUrl ?? null,
    currency: input.currency,
    contractValueMinor: input.contractValueMinor,
    paymentTermsDays: input.paymentTermsDays ?? null,
    confidentiality: input.confidentiality ?? null,
    ipOwnership: input.ipOwnership ?? null,
    clientContact: input.clientContact ?? null,
    providerContact: input.providerContact ?? null,
    startDate: input.startDate,
    endDate: input.endDate,
    timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
    weightByEstimate: input.weightByEstimate ?? false,
  };
}

type Deps = {
  store: Pick<
    Store,
    'transaction' | 'providers' | 'engagements' | 'deliverables' | 'milestones' | 'contractVersions'
  >;
};

export function createEngagementService({ store }: Deps): EngagementService {
  /** One lifecycle step, audited, in its own transaction with whatever else it records. */
  const step = (
    actor: Actor,
    id: string,
    action: EngagementAction,
    effects: (repos: Repos, e: Engagement) => Promise<FieldError[]>,
  ) =>
    store.transaction(async (repos) => {
      const before = await visibleEngagement(repos, actor, id, { forUpdate: true });
      const status = engagementLifecycle.transition(before.status, action);
      const warnings = await effects(repos, before);
      const now = new Date();
      const after = await repos.engagements.update(id, {
        status,
        ...(action === 'activate' ? { activatedAt: now } : { closedAt: now }),
      });
      await repos.audit.append(actor, { entityType: 'engagement', entityId: id, action, before, after });
      if (action === 'activate') {
        await recordVersion(repos, actor, after, null);
        await recordKickoff(repos, actor, after);
        // Milestones with no required deliverable (and notBefore reached) unlock on activation.
        await unlockReadyMilestones(repos, after, now);
      }
      return view(after, warnings);
    });

  return {
    async create(actor, input) {
      if (!(await store.providers.findById(input.providerId)))
        throw new ValidationFailed([
          { path: 'body.providerId', message: `provider ${input.providerId} does not exist` },
        ]);
      const terms = termsOf(input);
      const warnings = assertValid(validateEngagementTerms(terms, 'body'));
      return store.transaction(async (repos) => {
        const id = newId('eng');
        const created = await repos.engagements.insert({ ...terms, id, providerId: input.providerId });
        await repos.audit.append(actor, {
          entityType: 'engagement',
          entityId: id,
          action: 'create',
          before: null,
          after: created,
        });
        return view(created, warnings);
      });
    },

    async get(actor, id) {
      const engagement = await visibleEngagement(store, actor, id);
      return view(engagement, contractWarnings(await readContract(store, engagement)));
    },

    async getVersion(actor, id, version) {
      const engagement = await visibleEngagement(store, actor, id);
      const found = await store.contractVersions.find(id, version);
      if (!found) {
        const hint =
          engagement.status === 'draft'
            ? 'a draft has no recorded version yet; version 1 is recorded at activation'
            : `versions 1 to ${engagement.contractVersion} exist`;
        const err = new NotFound('Contract version', `${version} of engagement ${id}`);
        err.message = `${err.message}; ${hint}`;
        throw err;
      }
      return found;
    },

    async list(actor, filter, page) {
      const own = actor.role === 'provider' ? actor.providerId : null;
      if (own !== null && filter.providerId !== undefined && filter.providerId !== own) return [];
      const providerId = own ?? filter.providerId;
      const items = await store.engagements.list(
        {
          ...(providerId !== undefined && providerId !== null ? { providerId } : {}),
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.currency ? { currency: filter.currency } : {}),
        },
        page,
      );
      return items.map((e) => view(e));
    },

    update: (actor, id, patch) =>
      store.transaction(async (repos) => {
        const before = await visibleEngagement(repos, actor, id, { forUpdate: true });
        assertDraft(before, 'its terms');
        const changes = defined(patch);
        const merged: Engagement = { ...before, ...changes };
        const contract = await readContract(repos, merged);
        const check = validateEngagementTerms(merged, 'body');
        const sum = checkMilestoneSum(
          contract.milestones.map((m) => m.amountMinor),
          merged,
          'body.contractValueMinor',
        );
        assertValid({ errors: [...check.errors, ...sum.errors], warnings: [] });
        const after = await repos.engagements.update(id, changes);
        await repos.audit.append(actor, {
          entityType: 'engagement',
          entityId: id,
          action: 'update',
          before,
          after,
        });
        return view(after, contractWarnings({ ...contract, engagement: after }));
      }),

    activate: (actor, id) =>
      step(actor, id, 'activate', async (repos, engagement) => {
        const contract = await readContract(repos, engagement);
        const warnings = assertValid(
          validateActivation(engagement, contract.deliverables, contract.milestones),
          `Engagement ${id} cannot be activated yet`,
        );
        return [...warnings];
      }),

    close: (actor, id) => step(actor, id, 'close', async () => []),
  };
}
