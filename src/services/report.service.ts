import type { Logger } from 'pino';
import { type Actor, SYSTEM_ACTOR } from '../core/auth.ts';
import { formatDate, localDate } from '../core/dates.ts';
import type { Engagement } from '../core/engagement.ts';
import { newId } from '../core/ids.ts';
import type { Repos, Store } from '../core/ports.ts';
import { addDays } from '../core/progress.ts';
import { defaultPeriod, duePeriod, reportPeriod, type StatusReport } from '../core/report.ts';
import { reportMarkdown } from '../core/report-markdown.ts';
import type { ReportStore } from '../core/report-ports.ts';
import { visibleEngagement } from './contract-access.ts';

export interface ReportService {
  /** The report of any period (inclusive civil dates in the engagement's zone); default the last days. */
  report(
    actor: Actor,
    engagementId: string,
    q: { from?: string | undefined; to?: string | undefined },
  ): Promise<StatusReport>;
  /** The scheduled run: a `status_report` journal entry for every active engagement whose period is due. */
  runScheduled(): Promise<{ engagements: number; written: number }>;
}

type Reads = Pick<
  ReportStore,
  | 'deliverables'
  | 'overallProgress'
  | 'blockers'
  | 'unlockedBetween'
  | 'decisionsBetween'
  | 'approvedChangeRequestsBetween'
>;

async function build(
  reads: Reads,
  e: Engagement,
  from: string,
  to: string,
  now: Date,
): Promise<StatusReport> {
  const period = reportPeriod(from, to, e.timeZone);
  const [deliverables, overall, blockers, milestonesUnlocked, decisions, changeRequestsApproved] =
    await Promise.all([
      reads.deliverables(e.id),
      reads.overallProgress(e.id),
      reads.blockers(e.id),
      reads.unlockedBetween(e.id, period.start, period.end),
      reads.decisionsBetween(e.id, period.start, period.end),
      reads.approvedChangeRequestsBetween(e.id, period.start, period.end),
    ]);
  return {
    engagement: {
      id: e.id,
      title: e.title,
      providerId: e.providerId,
      status: e.status,
      currency: e.currency,
    },
    period,
    generatedAt: now.toISOString(),
    progress: { overall, deliverables },
    blockers,
    awaitingDecision: deliverables
      .filter((d) => d.status === 'ready_for_review')
      .map((d) => ({ deliverableId: d.deliverableId, title: d.title, dueDate: d.dueDate })),
    milestonesUnlocked,
    decisions,
    changeRequestsApproved,
  };
}

/** Writes the report and its journal entry once per (engagement, period.from); false if already there. */
async function record(
  repos: Pick<Repos, 'reports' | 'journal' | 'audit'>,
  report: StatusReport,
): Promise<boolean> {
  const entryId = newId('jnl');
  if (!(await repos.reports.claim(report, entryId))) return false;
  const entry = await repos.journal.insert({
    id: entryId,
    engagementId: report.engagement.id,
    kind: 'status_report',
    occurredAt: report.generatedAt,
    participants: [],
    summary: reportMarkdown(report),
    decisions: report.decisions.map(
      (d) => `${d.decision === 'accept' ? 'Accepted' : 'Rejected'}: ${d.title}`,
    ),
    actionItems: [],
    author: { keyId: SYSTEM_ACTOR.keyId, role: SYSTEM_ACTOR.role },
  });
  await repos.audit.append(SYSTEM_ACTOR, {
    entityType: 'journal_entry',
    entityId: entry.id,
    action: 'create',
    before: null,
    after: { kind: entry.kind, period: { from: report.period.from, to: report.period.to } },
  });
  return true;
}

export function createReportService(deps: {
  store: Pick<Store, 'engagements' | 'reports' | 'transaction'>;
  everyDays: number;
  now?: () => Date;
  logger?: Logger;
}): ReportService {
  const { store, everyDays } = deps;
  const now = deps.now ?? (() => new Date());
  const scheduledOne = async (e: Engagement, at: Date): Promise<boolean> => {
    const activatedOn = formatDate(localDate(new Date(e.activatedAt ?? e.createdAt), e.timeZone));
    const lastTo = await store.reports.lastReportTo(e.id);
    const period = duePeriod({ now: at, timeZone: e.timeZone, everyDays, lastTo, activatedOn });
    if (!period) return false;
    // Read outside the transaction (the reads run in parallel on the pool); only the writes share it.
    const report = await build(store.reports, e, period.from, period.to, at);
    return store.transaction((repos) => record(repos, report));
  };
  return {
    async report(actor, engagementId, q) {
      const e = await visibleEngagement(store, actor, engagementId);
      const at = now();
      const to = q.to ?? defaultPeriod(at, e.timeZone, everyDays).to;
      return build(store.reports, e, q.from ?? addDays(to, 1 - everyDays), to, at);
    },
    async runScheduled() {
      const at = now();
      let engagements = 0;
      let written = 0;
      for (let afterId: string | null = null; ; ) {
        const page = await store.engagements.list({ status: 'active' }, { afterId, limit: 200 });
        for (const e of page) if (await scheduledOne(e, at)) written += 1;
        engagements += page.length;
        const last = page.at(-1);
        if (page.length < 200 || !last) break;
        afterId = last.id;
      }
      deps.logger?.info({ engagements, written }, 'status reports written');
      return { engagements, written };
    },
  };
}
