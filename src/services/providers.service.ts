import { type Actor, canSeeProvider } from '../core/auth.ts';
import type { Provider, ProviderReference } from '../core/engagement.ts';
import type { PageRequest } from '../core/engagement-ports.ts';
import { NotFound } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { EngagementStatus } from '../core/lifecycle.ts';
import type { Store } from '../core/ports.ts';
import { type MeasuredDelivery, measureDelivery, type ScorecardReads } from '../core/scorecard.ts';
import { audited } from './contract-access.ts';

export interface ProviderInput {
  readonly name: string;
  readonly references?: ProviderReference[] | undefined;
}

export interface ProviderPatch {
  readonly name?: string | undefined;
  readonly references?: ProviderReference[] | undefined;
}

export interface Scorecard {
  readonly providerId: string;
  readonly engagements: Readonly<Record<EngagementStatus, number>> & { readonly total: number };
  readonly evaluations: {
    readonly count: number;
    readonly averages: {
      readonly quality: number | null;
      readonly timeliness: number | null;
      readonly communication: number | null;
      readonly autonomy: number | null;
      readonly budget: number | null;
      readonly overall: number | null;
    };
  };
  /** Measured from the client's decisions and the settled milestones (src/core/scorecard.ts). */
  readonly delivery: MeasuredDelivery;
}

export interface ProviderService {
  create(actor: Actor, input: ProviderInput): Promise<Provider>;
  get(actor: Actor, id: string): Promise<Provider>;
  list(actor: Actor, filter: { name?: string | undefined }, page: PageRequest): Promise<Provider[]>;
  update(actor: Actor, id: string, patch: ProviderPatch): Promise<Provider>;
  scorecard(actor: Actor, id: string): Promise<Scorecard>;
  /** For API key creation: provider keys must name a provider that exists. */
  exists(id: string): Promise<boolean>;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function createProviderService(deps: {
  store: Pick<Store, 'transaction' | 'providers' | 'engagements' | 'evaluations'>;
  scorecard: ScorecardReads;
}): ProviderService {
  const { store } = deps;
  /** Reads through `providers`: inside a transaction, its own (PGlite has one connection). */
  const visible = async (actor: Actor, id: string, providers = store.providers): Promise<Provider> => {
    const provider = await providers.findById(id);
    if (!provider || !canSeeProvider(actor, id)) throw new NotFound('Provider', id);
    return provider;
  };

  return {
    create: (actor, input) =>
      store.transaction(async (repos) => {
        const id = newId('prv');
        return audited(repos, actor, { type: 'provider', id, action: 'create', before: null }, () =>
          repos.providers.insert({ id, name: input.name, references: input.references ?? [] }),
        );
      }),
    get: visible,
    list: (actor, filter, page) =>
      store.providers.list(
        {
          ...(actor.role === 'provider' && actor.providerId ? { onlyId: actor.providerId } : {}),
          ...(filter.name ? { nameContains: filter.name } : {}),
        },
        page,
      ),
    update: (actor, id, patch) =>
      store.transaction(async (repos) => {
        const before = await visible(actor, id, repos.providers);
        return audited(repos, actor, { type: 'provider', id, action: 'update', before }, () =>
          repos.providers.update(id, {
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.references !== undefined ? { references: patch.references } : {}),
          }),
        );
      }),
    async scorecard(actor, id) {
      await visible(actor, id);
      const [counts, evaluations, decisions, settled] = await Promise.all([
        store.engagements.countByStatus(id),
        store.evaluations.summary(id),
        deps.scorecard.decisionFacts(id),
        deps.scorecard.settledTotals(id),
      ]);
      const scores = Object.values(evaluations.averages).filter((v): v is number => v !== null);
      const overall = scores.length > 0 ? round2(scores.reduce((a, b) => a + b, 0) / scores.length) : null;
      return {
        providerId: id,
        engagements: { ...counts, total: counts.draft + counts.active + counts.closed },
        evaluations: { count: evaluations.count, averages: { ...evaluations.averages, overall } },
        delivery: measureDelivery(decisions, settled),
      };
    },
    exists: async (id) => (await store.providers.findById(id)) !== null,
  };
}
