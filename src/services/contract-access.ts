import { type Actor, canSeeProvider } from '../core/auth.ts';
import type { ContractState } from '../core/change-apply.ts';
import { checkMilestoneSum, validateDeliverable } from '../core/contract-rules.ts';
import type { ContractSnapshot, DeliverableTerms, Engagement, MilestoneTerms } from '../core/engagement.ts';
import { Conflict, type FieldError, NotFound } from '../core/errors.ts';
import type { Repos } from '../core/ports.ts';

/** What the engagement services share: who may see a contract, when it may change, its versions. */

type EngagementRepos = Pick<Repos, 'engagements'>;

/**
 * The engagement, if the actor may know it exists: a provider key sees only its own provider's, and
 * another provider's is answered exactly like a missing one (404).
 */
export async function visibleEngagement(
  repos: EngagementRepos,
  actor: Actor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<Engagement> {
  const engagement = await repos.engagements.findById(id, opts);
  if (!engagement || !canSeeProvider(actor, engagement.providerId)) throw new NotFound('Engagement', id);
  return engagement;
}

/** Contract terms change freely only while the engagement is a draft. */
export function assertDraft(engagement: Engagement, what: string): void {
  if (engagement.status === 'draft') return;
  throw new Conflict(
    'contract_locked',
    `Cannot change ${what}: engagement ${engagement.id} is ${engagement.status} and its contract is locked; ` +
      `propose a change request (POST /v1/engagements/${engagement.id}/change-requests) instead`,
    { engagementId: engagement.id, engagementStatus: engagement.status },
  );
}

/** Change requests apply to an active contract only. */
export function assertActive(engagement: Engagement, what: string): void {
  if (engagement.status === 'active') return;
  const hint =
    engagement.status === 'draft'
      ? 'edit the draft directly (PATCH) until it is activated'
      : 'a closed contract no longer changes';
  throw new Conflict(
    'engagement_not_active',
    `Cannot ${what}: engagement ${engagement.id} is ${engagement.status}; ${hint}`,
    { engagementId: engagement.id, engagementStatus: engagement.status },
  );
}

/** The engagement and what is in its contract now (removed items left out). */
export async function readContract(
  repos: Pick<Repos, 'deliverables' | 'milestones'>,
  engagement: Engagement,
): Promise<ContractSnapshot> {
  const [deliverables, milestones] = await Promise.all([
    repos.deliverables.listByEngagement(engagement.id),
    repos.milestones.listByEngagement(engagement.id),
  ]);
  return { engagement, deliverables, milestones };
}

export const stateOf = (contract: ContractSnapshot): ContractState => ({
  terms: contract.engagement,
  deliverables: contract.deliverables,
  milestones: contract.milestones,
});

/** What a PMO should see about a contract that is valid but unusual. */
export function contractWarnings(contract: ContractSnapshot): FieldError[] {
  const { engagement } = contract;
  const warnings = contract.deliverables.flatMap(
    (d) => validateDeliverable(d, engagement, `deliverables[${d.id}]`).warnings,
  );
  const sum = checkMilestoneSum(
    contract.milestones.map((m) => m.amountMinor),
    engagement,
    'milestones',
  );
  return [...warnings, ...sum.warnings];
}

/**
 * Records the contract as it now stands as version `engagement.contractVersion`, with its audit
 * row; call it in the transaction that made the contract so.
 */
export async function recordVersion(
  repos: Pick<Repos, 'deliverables' | 'milestones' | 'contractVersions' | 'audit'>,
  actor: Actor,
  engagement: Engagement,
  changeRequestId: string | null,
): Promise<void> {
  const snapshot = await readContract(repos, engagement);
  const version = await repos.contractVersions.insert({
    engagementId: engagement.id,
    version: engagement.contractVersion,
    changeRequestId,
    snapshot,
    recordedBy: actor.keyId,
  });
  await repos.audit.append(actor, {
    entityType: 'contract_version',
    entityId: `${engagement.id}@${version.version}`,
    action: 'record',
    before: null,
    after: { engagementId: engagement.id, version: version.version, changeRequestId },
  });
}

/** A write of an entity and its audit row, in the caller's transaction. */
export async function audited<T>(
  repos: Pick<Repos, 'audit'>,
  actor: Actor,
  entity: { type: string; id: string; action: string; before: unknown },
  write: () => Promise<T>,
): Promise<T> {
  const after = await write();
  await repos.audit.append(actor, {
    entityType: entity.type,
    entityId: entity.id,
    action: entity.action,
    before: entity.before,
    after,
  });
  return after;
}

export const deliverableTermsOf = (d: DeliverableTerms): DeliverableTerms => ({
  title: d.title,
  description: d.description,
  dueDate: d.dueDate,
  acceptanceCriteria: d.acceptanceCriteria,
  weight: d.weight,
  selector: d.selector,
});

export const milestoneTermsOf = (m: MilestoneTerms): MilestoneTerms => ({
  label: m.label,
  amountMinor: m.amountMinor,
  requiredDeliverableIds: m.requiredDeliverableIds,
  notBefore: m.notBefore,
  retentionBps: m.retentionBps,
  latePenalty: m.latePenalty,
  earlyBonus: m.earlyBonus,
  warrantyDays: m.warrantyDays,
});
