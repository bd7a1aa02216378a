import type { ApiKeyService } from './api-keys.service.ts';
import type { AuditService } from './audit.service.ts';
import type { ChangeRequestService } from './change-requests.service.ts';
import type { ConnectionService } from './connections.service.ts';
import type { DeliverableService } from './deliverables.service.ts';
import type { EngagementService } from './engagements.service.ts';
import type { EvaluationService } from './evaluations.service.ts';
import type { JournalService } from './journal.service.ts';
import type { LinkService } from './links.service.ts';
import type { MilestoneService } from './milestones.service.ts';
import type { ProviderService } from './providers.service.ts';
import type { WebhookReceiver } from './webhook-receiver.ts';

/** The use cases the HTTP layer and the workers call; assembled in container.ts. */
export interface Services {
  readonly apiKeys: ApiKeyService;
  readonly audit: AuditService;
  readonly connections: ConnectionService;
  readonly links: LinkService;
  readonly webhooks: WebhookReceiver;
  readonly syncs: SyncControl;
  readonly providers: ProviderService;
  readonly engagements: EngagementService;
  readonly deliverables: DeliverableService;
  readonly milestones: MilestoneService;
  readonly changeRequests: ChangeRequestService;
  readonly journal: JournalService;
  readonly evaluations: EvaluationService;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, 'ok' | 'down'>>;
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
