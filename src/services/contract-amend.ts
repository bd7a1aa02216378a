import type { Actor } from '../core/auth.ts';
import type { Amendment } from '../core/change-apply.ts';
import type { ContractSnapshot, Engagement } from '../core/engagement.ts';
import type { Repos } from '../core/ports.ts';
import { deliverableTermsOf, milestoneTermsOf, recordVersion } from './contract-access.ts';

type AmendRepos = Pick<Repos, 'engagements' | 'deliverables' | 'milestones' | 'contractVersions' | 'audit'>;

const find = <T extends { id: string }>(items: readonly T[], id: string): T => {
  const item = items.find((i) => i.id === id);
  if (!item) throw new Error(`amendment lost track of ${id}`);
  return item;
};

async function writeDeliverables(repos: AmendRepos, actor: Actor, before: ContractSnapshot, a: Amendment) {
  const audit = (id: string, action: string, was: unknown, now: unknown) =>
    repos.audit.append(actor, { entityType: 'deliverable', entityId: id, action, before: was, after: now });
  for (const id of a.deliverables.added) {
    const terms = deliverableTermsOf(find(a.contract.deliverables, id));
    await audit(
      id,
      'add',
      null,
      await repos.deliverables.insert({ ...terms, id, engagementId: before.engagement.id }),
    );
  }
  for (const id of a.deliverables.modified) {
    const terms = deliverableTermsOf(find(a.contract.deliverables, id));
    await audit(id, 'amend', find(before.deliverables, id), await repos.deliverables.update(id, terms));
  }
  for (const id of a.deliverables.removed)
    await audit(id, 'remove', find(before.deliverables, id), await repos.deliverables.remove(id));
}

async function writeMilestones(repos: AmendRepos, actor: Actor, before: ContractSnapshot, a: Amendment) {
  const audit = (id: string, action: string, was: unknown, now: unknown) =>
    repos.audit.append(actor, {
      entityType: 'payment_milestone',
      entityId: id,
      action,
      before: was,
      after: now,
    });
  for (const id of a.milestones.added) {
    const terms = milestoneTermsOf(find(a.contract.milestones, id));
    await audit(
      id,
      'add',
      null,
      await repos.milestones.insert({ ...terms, id, engagementId: before.engagement.id }),
    );
  }
  for (const id of a.milestones.modified) {
    const terms = milestoneTermsOf(find(a.contract.milestones, id));
    await audit(id, 'amend', find(before.milestones, id), await repos.milestones.update(id, terms));
  }
  for (const id of a.milestones.removed)
    await audit(id, 'remove', find(before.milestones, id), await repos.milestones.remove(id));
}

/**
 * Writes an approved amendment: every added, modified and removed deliverable and milestone, the
 * engagement's new terms and contract version, each with its audit row, then the snapshot of the
 * new version. Runs inside the approval's transaction, so it all happens or none of it does.
 */
export async function writeAmendment(
  repos: AmendRepos,
  actor: Actor,
  before: ContractSnapshot,
  amendment: Amendment,
  changeRequestId: string,
): Promise<Engagement> {
  await writeDeliverables(repos, actor, before, amendment);
  await writeMilestones(repos, actor, before, amendment);
  const { terms } = amendment.contract;
  const engagement = await repos.engagements.update(before.engagement.id, {
    ...(amendment.termsChanged
      ? {
          endDate: terms.endDate,
          contractValueMinor: terms.contractValueMinor,
          paymentTermsDays: terms.paymentTermsDays,
        }
      : {}),
    contractVersion: before.engagement.contractVersion + 1,
  });
  await repos.audit.append(actor, {
    entityType: 'engagement',
    entityId: engagement.id,
    action: 'amend',
    before: before.engagement,
    after: engagement,
  });
  await recordVersion(repos, actor, engagement, changeRequestId);
  return engagement;
}
