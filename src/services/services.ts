import type { ApiKeyService } from './api-keys.service.ts';
import type { AuditService } from './audit.service.ts';
import type { ChangeRequestService } from './change-requests.service.ts';
import type { ConnectionService } from './connections.service.ts';
import type { DashboardService } from './dashboard.service.ts';
import type { DecisionService } from './decisions.service.ts';
import type { DeliverableService } from './deliverables.service.ts';
import type { EngagementService } from './engagements.service.ts';
import type { EvaluationService } from './evaluations.service.ts';
import type { JournalService } from './journal.service.ts';
import type { LinkService } from './links.service.ts';
import type { MilestoneService } from './milestones.service.ts';
import type { PaymentService } from './payments.service.ts';
import type { ProviderService } from './providers.service.ts';
import type { ReportService } from './report.service.ts';
import type { ReworkService } from './rework.service.ts';
import type { SubscriptionService } from './subscriptions.service.ts';
import type { TaskService } from './tasks.service.ts';
import type { WebhookReceiver } from './webhook-receiver.ts';
import type { WebhookRegistrationService } from './webhook-registration.service.ts';

/** The use cases the HTTP layer and the workers call; assembled in container.ts. */
export interface Services {
  readonly apiKeys: ApiKeyService;
  readonly audit: AuditService;
  readonly connections: ConnectionService;
  readonly links: LinkService;
  readonly tasks: TaskService;
  readonly webhooks: WebhookReceiver;
  readonly webhookRegistration: WebhookRegistrationService;
  readonly syncs: SyncControl;
  readonly jobs: JobAdmin;
  readonly providers: ProviderService;
  readonly engagements: EngagementService;
  readonly deliverables: DeliverableService;
  readonly milestones: MilestoneService;
  readonly changeRequests: ChangeRequestService;
  readonly journal: JournalService;
  readonly evaluations: EvaluationService;
  readonly dashboard: DashboardService;
  readonly decisions: DecisionService;
  readonly rework: ReworkService;
  readonly payments: PaymentService;
  readonly subscriptions: SubscriptionService;
  readonly reports: ReportService;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, 'ok' | 'down'>>;
}

/** Background work as an admin sees it: ids only, never payload bodies or secrets. */
export interface JobView {
  readonly queue: string;
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly attemptsMade: number;
  readonly failedReason: string | null;
  readonly data: Readonly<Record<string, string | number | boolean | null>>;
  readonly timestamp: string;
  readonly finishedOn: string | null;
}

export type JobStateFilter = 'failed' | 'completed' | 'active' | 'waiting' | 'delayed' | 'prioritized';

/** Inspecting and replaying jobs across the app's queues (admin). */
export interface JobAdmin {
  /** Newest first, across every queue or the named one; NotFound for a queue Jalon does not use. */
  list(filter: { state: JobStateFilter; queue?: string | undefined; limit: number }): Promise<JobView[]>;
  /** Runs a failed job again; NotFound for an unknown queue or job, Conflict when it is not failed. */
  retry(queue: string, id: string): Promise<JobView>;
}

/** Reconciliation on demand and its progress (BullMQ job state). */
export interface SyncControl {
  start(connectionId: string, full: boolean): Promise<{ linkId: string; jobId: string }[]>;
  status(
    connectionId: string,
    jobId: string,
  ): Promise<{
    jobId: string;
    linkId: string;
    state: string;
    progress: unknown;
    result: unknown;
    failedReason: string | null;
  }>;
}
