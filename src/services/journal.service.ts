import type { Actor } from '../core/auth.ts';
import type { Decision } from '../core/decision.ts';
import type { ActionItem, Engagement, JournalEntry, JournalKind } from '../core/engagement.ts';
import type { PageRequest } from '../core/engagement-ports.ts';
import { newId } from '../core/ids.ts';
import type { Repos, Store } from '../core/ports.ts';
import { visibleEngagement } from './contract-access.ts';

/** Kinds a person may write; `status_report` entries are written by Jalon itself. */
export type WrittenKind = Exclude<JournalKind, 'status_report'>;

export interface NewJournalEntry {
  readonly kind: WrittenKind;
  readonly occurredAt: string;
  readonly participants: string[];
  readonly summary: string;
  readonly decisions?: string[] | undefined;
  readonly actionItems?: ActionItem[] | undefined;
}

export interface JournalService {
  create(actor: Actor, engagementId: string, input: NewJournalEntry): Promise<JournalEntry>;
  list(
    actor: Actor,
    engagementId: string,
    filter: { kind?: JournalKind | undefined },
    page: PageRequest,
  ): Promise<JournalEntry[]>;
}

type JournalRepos = Pick<Repos, 'journal' | 'audit'>;

async function append(repos: JournalRepos, actor: Actor, entry: Omit<JournalEntry, 'createdAt'>) {
  const saved = await repos.journal.insert(entry);
  await repos.audit.append(actor, {
    entityType: 'journal_entry',
    entityId: saved.id,
    action: 'create',
    before: null,
    after: saved,
  });
  return saved;
}

/**
 * The kickoff entry activation records when the engagement has none yet: the contract came into
 * force, with both contacts as participants. Runs in the activation's transaction.
 */
export async function recordKickoff(repos: JournalRepos, actor: Actor, engagement: Engagement) {
  if (await repos.journal.hasKind(engagement.id, 'kickoff')) return null;
  const participants = [engagement.clientContact, engagement.providerContact].flatMap((c) =>
    c ? [`${c.name} <${c.email}>`] : [],
  );
  return append(repos, actor, {
    id: newId('jnl'),
    engagementId: engagement.id,
    kind: 'kickoff',
    occurredAt: engagement.activatedAt ?? new Date().toISOString(),
    participants,
    summary: `Kickoff: "${engagement.title}" is active under contract version ${engagement.contractVersion}, from ${engagement.startDate} to ${engagement.endDate}.`,
    decisions: [],
    actionItems: [],
    author: { keyId: actor.keyId, role: actor.role },
  });
}

/**
 * The `decision` entry a client decision records in the journal, in the decision's transaction: the
 * written trace of the acceptance review (DOMAIN.md, "decision"), beside the decision row itself.
 * A rejection's unmet criteria become the provider's action items.
 */
export async function recordDecision(
  repos: JournalRepos,
  actor: Actor,
  engagement: Engagement,
  decision: Decision,
  deliverableTitle: string,
  decidedBy: string,
) {
  const verb = decision.decision === 'accept' ? 'accepted' : 'rejected';
  const unmet = decision.criteria.filter((c) => !c.met);
  const criteria = decision.criteria.map(
    (c) => `${c.met ? 'Met' : 'Not met'}: ${c.criterion}${c.comment ? ` (${c.comment})` : ''}`,
  );
  return append(repos, actor, {
    id: newId('jnl'),
    engagementId: engagement.id,
    kind: 'decision',
    occurredAt: decision.decidedAt,
    participants: [decidedBy],
    summary: `Deliverable "${deliverableTitle}" ${verb}${decision.override ? ' (override)' : ''} by ${decidedBy}${decision.note ? `: ${decision.note}` : '.'}`,
    decisions: [`${verb[0]?.toUpperCase()}${verb.slice(1)} (decision ${decision.id})`, ...criteria],
    actionItems:
      decision.decision === 'reject'
        ? (unmet.length > 0 ? unmet : [{ criterion: 'Address the rejection note' }]).map((c) => ({
            description: `Rework "${deliverableTitle}": ${c.criterion}`,
            owner: engagement.providerContact?.name ?? null,
          }))
        : [],
    author: { keyId: actor.keyId, role: actor.role },
  });
}

/** Journal entries are evidence: added, never edited (the table refuses UPDATE and DELETE). */
export function createJournalService(deps: {
  store: Pick<Store, 'transaction' | 'engagements' | 'journal'>;
}): JournalService {
  const { store } = deps;
  return {
    create: (actor, engagementId, input) =>
      store.transaction(async (repos) => {
        await visibleEngagement(repos, actor, engagementId);
        return append(repos, actor, {
          id: newId('jnl'),
          engagementId,
          kind: input.kind,
          occurredAt: new Date(input.occurredAt).toISOString(),
          participants: input.participants,
          summary: input.summary,
          decisions: input.decisions ?? [],
          actionItems: input.actionItems ?? [],
          author: { keyId: actor.keyId, role: actor.role },
        });
      }),
    async list(actor, engagementId, filter, page) {
      await visibleEngagement(store, actor, engagementId);
      return store.journal.list({ engagementId, ...(filter.kind ? { kind: filter.kind } : {}) }, page);
    },
  };
}
