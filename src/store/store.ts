import type { Repos, Store } from '../core/ports.ts';
import { createApiKeyRepo } from './api-keys.repo.ts';
import { createAuditRepo } from './audit.repo.ts';
import { createChangeRequestRepo } from './change-requests.repo.ts';
import { createConnectionRepo } from './connections.repo.ts';
import { createContractVersionRepo } from './contract-versions.repo.ts';
import type { Database, Db } from './db.ts';
import { createDecisionRepo } from './decisions.repo.ts';
import { createDeliverableRepo } from './deliverables.repo.ts';
import { createEngagementRepo } from './engagements.repo.ts';
import { createEvaluationRepo } from './evaluations.repo.ts';
import { createEventDeliveryRepo } from './event-deliveries.repo.ts';
import { createIdempotencyRepo } from './idempotency.repo.ts';
import { createInboxRepo } from './inbox.repo.ts';
import { createJournalRepo } from './journal.repo.ts';
import { createLinkRepo } from './links.repo.ts';
import { createMilestoneRepo } from './milestones.repo.ts';
import { createOutboxRepo } from './outbox.repo.ts';
import { createPaymentRepo } from './payments.repo.ts';
import { createProgressRepo } from './progress.repo.ts';
import { createProviderRepo } from './providers.repo.ts';
import { createPushBackRepo } from './push-backs.repo.ts';
import { createReportRepo } from './reports.repo.ts';
import { createSubscriptionRepo } from './subscriptions.repo.ts';
import { createTaskRepo } from './tasks.repo.ts';
import { createWebhookRegistrationRepo } from './webhook-registrations.repo.ts';

export type { Repos, Store };

export function bindRepos(db: Db): Repos {
  return {
    apiKeys: createApiKeyRepo(db),
    audit: createAuditRepo(db),
    connections: createConnectionRepo(db),
    inbox: createInboxRepo(db),
    tasks: createTaskRepo(db),
    links: createLinkRepo(db),
    pushBacks: createPushBackRepo(db),
    webhookRegistrations: createWebhookRegistrationRepo(db),
    outbox: createOutboxRepo(db),
    subscriptions: createSubscriptionRepo(db),
    eventDeliveries: createEventDeliveryRepo(db),
    providers: createProviderRepo(db),
    engagements: createEngagementRepo(db),
    deliverables: createDeliverableRepo(db),
    milestones: createMilestoneRepo(db),
    changeRequests: createChangeRequestRepo(db),
    contractVersions: createContractVersionRepo(db),
    journal: createJournalRepo(db),
    evaluations: createEvaluationRepo(db),
    progress: createProgressRepo(db),
    decisions: createDecisionRepo(db),
    payments: createPaymentRepo(db),
    idempotency: createIdempotencyRepo(db),
    reports: createReportRepo(db),
  };
}

export function createStore(database: Database): Store {
  return {
    ...bindRepos(database.db),
    transaction: (fn) => database.db.transaction((tx) => fn(bindRepos(tx as unknown as Db))),
  };
}
