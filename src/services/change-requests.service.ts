import type { Actor } from '../core/auth.ts';
import { applyChanges, unlockedMilestonesTouched, validateAmendment } from '../core/change-apply.ts';
import { assertValid } from '../core/contract-rules.ts';
import type { ChangeImpact, ChangeOp, ChangeRequest, ContractSnapshot } from '../core/engagement.ts';
import type { PageRequest } from '../core/engagement-ports.ts';
import { Conflict, type FieldError, Forbidden, NotFound } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import {
  type ChangeRequestAction,
  type ChangeRequestStatus,
  changeRequestLifecycle,
} from '../core/lifecycle.ts';
import type { Repos, Store } from '../core/ports.ts';
import { changeRequestApproved } from './change-request-events.ts';
import { assertActive, readContract, stateOf, visibleEngagement } from './contract-access.ts';
import { writeAmendment } from './contract-amend.ts';
import { resettleMilestones, unlockReadyMilestones } from './milestone-unlock.ts';

export interface NewChangeRequestInput {
  readonly title: string;
  readonly rationale: string;
  readonly changes: ChangeOp[];
  readonly impact: ChangeImpact;
  /**
   * Must be true for a request that changes the money of an unlocked milestone (which is then
   * settled again on approval); the money of an invoiced or paid milestone never changes.
   */
  readonly affectsUnlockedMilestones?: boolean | undefined;
}

export interface ChangeRequestView extends ChangeRequest {
  readonly allowedActions: ChangeRequestAction[];
  readonly warnings?: FieldError[];
}

export interface ChangeRequestService {
  create(actor: Actor, engagementId: string, input: NewChangeRequestInput): Promise<ChangeRequestView>;
  list(
    actor: Actor,
    engagementId: string,
    filter: { status?: ChangeRequestStatus | undefined },
    page: PageRequest,
  ): Promise<ChangeRequestView[]>;
  get(actor: Actor, id: string): Promise<ChangeRequestView>;
  submit(actor: Actor, id: string): Promise<ChangeRequestView>;
  withdraw(actor: Actor, id: string): Promise<ChangeRequestView>;
  /** Applies every change in one transaction and records contract version + 1. */
  approve(actor: Actor, id: string, note: string | null): Promise<ChangeRequestView>;
  reject(actor: Actor, id: string, note: string | null): Promise<ChangeRequestView>;
}

const view = (c: ChangeRequest, warnings?: FieldError[]): ChangeRequestView => ({
  ...c,
  allowedActions: [...changeRequestLifecycle.allowedActions(c.status)],
  ...(warnings ? { warnings } : {}),
});

const sideOf = (role: string) => (role === 'provider' ? 'provider' : 'client');

/** Submitting and withdrawing belong to the side that proposed the request (admins may always). */
function assertProposingSide(actor: Actor, request: ChangeRequest, action: ChangeRequestAction): void {
  if (actor.role === 'admin' || sideOf(actor.role) === sideOf(request.proposedBy.role)) return;
  throw new Forbidden(
    `Only the ${sideOf(request.proposedBy.role)} side, which proposed change request ${request.id}, may ${action} it`,
  );
}

/**
 * The changes played on the current contract and checked as creation would check it (422 when the
 * result is invalid); 409 when they would alter an unlocked, invoiced or paid milestone and the
 * request does not say so. Returns the amendment and its warnings.
 */
function prepare(
  contract: ContractSnapshot,
  changes: readonly ChangeOp[],
  affectsUnlocked: boolean,
  path: string,
) {
  const state = stateOf(contract);
  const amendment = applyChanges(state, changes, { path });
  const warnings = assertValid(
    validateAmendment(amendment, path),
    'The change request would leave the contract invalid',
  );
  const touched = unlockedMilestonesTouched(state, changes);
  const billed = touched.filter((m) => m.status !== 'unlocked').map((m) => m.id);
  if (billed.length > 0)
    throw new Conflict(
      'milestone_invoiced',
      `The changes would alter the money of milestones already invoiced or paid (${billed.join(', ')}); settle a difference with a new milestone instead`,
      { milestoneIds: billed },
    );
  const ids = touched.map((m) => m.id);
  if (ids.length > 0 && !affectsUnlocked)
    throw new Conflict(
      'affects_unlocked_milestones',
      `The changes alter milestones already past locked (${ids.join(', ')}); set affectsUnlockedMilestones: true to propose them anyway`,
      { milestoneIds: ids },
    );
  return { amendment, warnings: [...warnings], touched: ids };
}

type Deps = {
  store: Pick<
    Store,
    'transaction' | 'engagements' | 'deliverables' | 'milestones' | 'changeRequests' | 'contractVersions'
  >;
};

export function createChangeRequestService({ store }: Deps): ChangeRequestService {
  async function visible(repos: Pick<Repos, 'engagements' | 'changeRequests'>, actor: Actor, id: string) {
    const request = await repos.changeRequests.findById(id);
    if (!request) throw new NotFound('Change request', id);
    try {
      return { request, engagement: await visibleEngagement(repos, actor, request.engagementId) };
    } catch (err) {
      throw err instanceof NotFound ? new NotFound('Change request', id) : err;
    }
  }

  /** One lifecycle step under the engagement's lock, audited; `effect` runs before the write. */
  const step = (
    actor: Actor,
    id: string,
    action: ChangeRequestAction,
    effect: (
      repos: Repos,
      request: ChangeRequest,
    ) => Promise<Partial<Parameters<Repos['changeRequests']['update']>[1]>>,
  ) =>
    store.transaction(async (repos) => {
      const { engagement } = await visible(repos, actor, id);
      await repos.engagements.findById(engagement.id, { forUpdate: true });
      const before = await repos.changeRequests.findById(id, { forUpdate: true });
      if (!before) throw new NotFound('Change request', id);
      if (action === 'submit' || action === 'withdraw') assertProposingSide(actor, before, action);
      const status = changeRequestLifecycle.transition(before.status, action);
      const extra = await effect(repos, before);
      const after = await repos.changeRequests.update(id, { ...extra, status });
      await repos.audit.append(actor, { entityType: 'change_request', entityId: id, action, before, after });
      return view(after);
    });

  const decision = (actor: Actor, note: string | null) => ({
    decidedAt: new Date(),
    decidedBy: actor.keyId,
    decisionNote: note,
  });

  return {
    create: (actor, engagementId, input) =>
      store.transaction(async (repos) => {
        const engagement = await visibleEngagement(repos, actor, engagementId, { forUpdate: true });
        assertActive(engagement, 'propose a change request');
        const affects = input.affectsUnlockedMilestones ?? false;
        const contract = await readContract(repos, engagement);
        const { warnings } = prepare(contract, input.changes, affects, 'body.changes');
        const created = await repos.changeRequests.insert({
          id: newId('chg'),
          engagementId,
          title: input.title,
          rationale: input.rationale,
          changes: input.changes,
          impact: { ...input.impact, quality: input.impact.quality ?? null },
          affectsUnlockedMilestones: affects,
          proposedBy: { keyId: actor.keyId, role: actor.role, providerId: actor.providerId },
          baseVersion: engagement.contractVersion,
        });
        await repos.audit.append(actor, {
          entityType: 'change_request',
          entityId: created.id,
          action: 'create',
          before: null,
          after: created,
        });
        return view(created, warnings);
      }),

    async list(actor, engagementId, filter, page) {
      await visibleEngagement(store, actor, engagementId);
      const items = await store.changeRequests.list(
        { engagementId, ...(filter.status ? { status: filter.status } : {}) },
        page,
      );
      return items.map((c) => view(c));
    },

    get: async (actor, id) => view((await visible(store, actor, id)).request),

    submit: (actor, id) => step(actor, id, 'submit', async () => ({ submittedAt: new Date() })),
    withdraw: (actor, id) => step(actor, id, 'withdraw', async () => decision(actor, null)),
    reject: (actor, id, note) => step(actor, id, 'reject', async () => decision(actor, note)),

    approve: (actor, id, note) =>
      step(actor, id, 'approve', async (repos, request) => {
        const engagement = await visibleEngagement(repos, actor, request.engagementId);
        assertActive(engagement, `approve change request ${id}`);
        const contract = await readContract(repos, engagement);
        const { amendment, touched } = prepare(
          contract,
          request.changes,
          request.affectsUnlockedMilestones,
          'changes',
        );
        // Unlocked milestones whose money the request changes (it said so) are settled again.
        const settled = await Promise.all(
          touched.map((m) => repos.payments.findById(m, { forUpdate: true })),
        );
        const amended = await writeAmendment(repos, actor, contract, amendment, id);
        await repos.outbox.append(changeRequestApproved(request, amended, amendment));
        const now = new Date();
        await resettleMilestones(
          repos,
          actor,
          amended,
          settled.filter((m) => m !== null),
          id,
          now,
        );
        // The amendment may have made a milestone's last condition true (a requirement removed).
        await unlockReadyMilestones(repos, amended, now);
        return { ...decision(actor, note), appliedVersion: amended.contractVersion };
      }),
  };
}
