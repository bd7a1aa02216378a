import type { Actor } from '../core/auth.ts';
import {
  type DashboardReads,
  type DeliverableRow,
  engagementProgress,
  type JournalLine,
  type MilestoneLine,
  type OpenChangeRequest,
  type ProviderPortfolio,
  SCHEDULE_BUCKETS,
  type ScheduleBucket,
  type TaskGroup,
} from '../core/dashboard.ts';
import type { Engagement } from '../core/engagement.ts';
import type { JsonPage, PageRequest } from '../core/engagement-ports.ts';
import type { Store } from '../core/ports.ts';
import { todayIn } from '../core/progress.ts';
import { type RetentionTotals, retentionTotals } from '../core/retention.ts';
import { visibleEngagement } from './contract-access.ts';
import { sharedReads } from './shared-reads.ts';

export interface DeliverableDashboard extends DeliverableRow {
  readonly tasks: { readonly total: number; readonly shown: number; readonly groups: TaskGroup[] };
}

export interface EngagementDashboard {
  readonly engagement: Pick<
    Engagement,
    | 'id'
    | 'providerId'
    | 'title'
    | 'status'
    | 'currency'
    | 'timeZone'
    | 'startDate'
    | 'endDate'
    | 'contractVersion'
  >;
  /** Today's civil date in the engagement's time zone: the day the schedule statuses speak of. */
  readonly today: string;
  readonly summary: {
    readonly progress: number | null;
    readonly deliverables: number;
    readonly bySchedule: Record<ScheduleBucket, number>;
    readonly retention: RetentionTotals;
  };
  readonly deliverables: DeliverableDashboard[];
  readonly milestones: MilestoneLine[];
  readonly journal: JournalLine[];
  readonly changeRequests: OpenChangeRequest[];
}

export interface DashboardService {
  /** The PMO portfolio: one page of providers with their delivery and money figures, aggregated live. */
  providers(actor: Actor, page: PageRequest): Promise<ProviderPortfolio[]>;
  /** The same page from the rows the database keeps per provider, as JSON: what GET /v1/dashboard/providers sends. */
  providersPage(actor: Actor, page: PageRequest): Promise<JsonPage>;
  /** One engagement in depth; NotFound when the caller may not see it. */
  engagement(actor: Actor, engagementId: string): Promise<EngagementDashboard>;
}

export const RECENT_JOURNAL_ENTRIES = 10;

/**
 * Thin: the figures come stored (recompute job, provider_portfolio) or aggregated in SQL
 * (store/dashboard.repo.ts).
 */
export function createDashboardService(deps: {
  store: Pick<Store, 'engagements' | 'milestones'>;
  dashboard: DashboardReads;
  now?: () => Date;
}): DashboardService {
  const clock = deps.now ?? (() => new Date());
  /**
   * Identical portfolio reads share one query and one written page (many PMO screens polling the
   * same page), each answer from a query started after its request arrived (shared-reads.ts).
   */
  const shared = sharedReads<JsonPage>();
  return {
    providers: (_actor, page) => deps.dashboard.providers(page),
    providersPage: (_actor, page) =>
      shared(`${page.afterId ?? ''}\u0000${page.limit}`, () => deps.dashboard.providersPage(page)),

    async engagement(actor, engagementId) {
      const e = await visibleEngagement(deps.store, actor, engagementId);
      const parts = await deps.dashboard.engagement(engagementId, { journal: RECENT_JOURNAL_ENTRIES });
      const milestones = await deps.store.milestones.listByEngagement(engagementId);
      const bySchedule = Object.fromEntries(SCHEDULE_BUCKETS.map((b) => [b, 0])) as Record<
        ScheduleBucket,
        number
      >;
      for (const d of parts.deliverables) bySchedule[d.figures?.scheduleStatus ?? 'not_computed'] += 1;
      return {
        engagement: {
          id: e.id,
          providerId: e.providerId,
          title: e.title,
          status: e.status,
          currency: e.currency,
          timeZone: e.timeZone,
          startDate: e.startDate,
          endDate: e.endDate,
          contractVersion: e.contractVersion,
        },
        today: todayIn(clock(), e.timeZone),
        summary: {
          progress: engagementProgress(parts.deliverables),
          deliverables: parts.deliverables.length,
          bySchedule,
          retention: retentionTotals(e.currency, milestones),
        },
        deliverables: parts.deliverables.map((d) => {
          const groups = parts.taskGroups.get(d.id) ?? [];
          const total = groups.reduce((n, g) => n + g.count, 0);
          const shown = groups.reduce((n, g) => n + g.items.length, 0);
          return { ...d, tasks: { total, shown, groups } };
        }),
        milestones: milestones.map((m) => ({
          id: m.id,
          label: m.label,
          status: m.status,
          currency: m.currency,
          amountMinor: m.amountMinor,
          bonusMinor: m.bonusMinor,
          penaltyMinor: m.penaltyMinor,
          retentionMinor: m.retentionMinor,
          netMinor: m.netMinor,
          daysLate: m.daysLate,
          daysLateRaw: m.daysLateRaw,
          daysCharged: m.daysCharged,
          retentionStatus: m.retentionStatus,
          notBefore: m.notBefore,
          unlockedAt: m.unlockedAt,
          requiredDeliverableIds: [...m.requiredDeliverableIds],
        })),
        journal: parts.journal,
        changeRequests: parts.changeRequests,
      };
    },
  };
}
