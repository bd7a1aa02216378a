import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { trackers } from '../adapters/registry.ts';
import type { Config } from './config.ts';
import { buildApp } from './http/app.ts';
import { buildOpsApp } from './http/ops-app.ts';
import { dailyCheck, recomputeQueueProcessor, scheduleDailyCheck } from './jobs/daily-check.job.ts';
import { deliveryProcessor, enqueueDelivery, eventsProcessor, scheduleEvents } from './jobs/events.job.ts';
import { inboxPruneProcessor, scheduleInboxPrune } from './jobs/inbox-prune.job.ts';
import type { QueueProcessor } from './jobs/job.ts';
import { createJobAdmin } from './jobs/job-admin.ts';
import { createMetrics } from './jobs/metrics.ts';
import { noopProcessor } from './jobs/noop.job.ts';
import { pushBackJob } from './jobs/pushback.job.ts';
import { createQueues, type Queues, queueNamespace } from './jobs/queues.ts';
import { recomputeJob, scheduleRecompute } from './jobs/recompute.job.ts';
import { probeRedis, workerConnection } from './jobs/redis.ts';
import { hasRelaySchedule } from './jobs/relay.job.ts';
import { scheduleStatusReports, statusReportProcessor } from './jobs/report.job.ts';
import { scheduleUnlockCheck, unlockCheckProcessor } from './jobs/unlock.job.ts';
import { startWorkers, type Workers } from './jobs/workers.ts';
import { createPipeline } from './pipeline.ts';
import { createApiKeyService } from './services/api-keys.service.ts';
import { createAuditService } from './services/audit.service.ts';
import { createChangeRequestService } from './services/change-requests.service.ts';
import { createConnectionService } from './services/connections.service.ts';
import { createDashboardService } from './services/dashboard.service.ts';
import { createDecisionService } from './services/decisions.service.ts';
import { createDeliverableService } from './services/deliverables.service.ts';
import { createEgressGuard } from './services/egress.ts';
import { createEngagementService } from './services/engagements.service.ts';
import { createEvaluationService } from './services/evaluations.service.ts';
import { createEventDeliveryService } from './services/event-delivery.service.ts';
import { createJournalService } from './services/journal.service.ts';
import { createMembershipService } from './services/membership.service.ts';
import { createUnlockCheck } from './services/milestone-unlock.ts';
import { createMilestoneService } from './services/milestones.service.ts';
import { createPaymentService } from './services/payments.service.ts';
import { createProgressService } from './services/progress.service.ts';
import { createProviderService } from './services/providers.service.ts';
import { createRecomputeService, recomputeAfterContractChanges } from './services/recompute.service.ts';
import { createReportService } from './services/report.service.ts';
import { createReworkService } from './services/rework.service.ts';
import { createSecretBox } from './services/secret-box.ts';
import type { ReadinessReport, Services } from './services/services.ts';
import { createSubscriptionService } from './services/subscriptions.service.ts';
import { createTaskService } from './services/tasks.service.ts';
import { createDashboardRepo } from './store/dashboard.repo.ts';
import { type Database, openDatabase } from './store/db.ts';
import { readInstallationId } from './store/installation.repo.ts';
import { scopeIdOf } from './store/links.repo.ts';
import { migrate } from './store/migrate.ts';
import { createScorecardRepo } from './store/scorecard.repo.ts';
import { createStore, type Store } from './store/store.ts';

/** Raised for a dependency missing at start; main prints the message alone, no stack trace. */
export class StartupError extends Error {
  override name = 'StartupError';
}

export interface Container {
  readonly config: Config;
  readonly database: Database;
  readonly store: Store;
  readonly queues: Queues;
  readonly services: Services;
  readiness(): Promise<ReadinessReport>;
  buildHttp(): Promise<FastifyInstance>;
  /** What a worker-only process serves: /health, /ready and /metrics. */
  buildOps(): Promise<FastifyInstance>;
  startWorkers(): Workers;
  close(): Promise<void>;
}

export function redisHelp(url: string): string {
  return [
    `Jalon cannot reach Redis at ${url}.`,
    'Start one, then start Jalon again:',
    '  docker compose up -d redis          (from this repository)',
    '  sudo apt-get install redis-server   (Debian/Ubuntu; brew install redis && brew services start redis on macOS)',
    'or point REDIS_URL at a running Redis.',
  ].join('\n');
}

/** The composition root: the only module that knows the concrete store, queues and adapters. */
export async function createContainer(config: Config, logger: Logger): Promise<Container> {
  try {
    await probeRedis(config.redisUrl);
  } catch {
    throw new StartupError(redisHelp(config.redisUrl));
  }
  let database: Database;
  let installationId: string;
  try {
    // Creating the embedded database (PGlite's initdb) is most of a first start: say so, or the
    // process looks hung. Measured: 7–8 s of CPU, about 10 s on an idle 2-core machine.
    const firstEmbedded = !config.databaseUrl && !existsSync(join(config.dataDir, 'pgdata', 'PG_VERSION'));
    if (firstEmbedded)
      logger.info(
        { dataDir: config.dataDir },
        'creating the embedded database (first start only: 10 s to a minute; DATABASE_URL uses PostgreSQL instead)',
      );
    const openedAt = Date.now();
    database = await openDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
    });
    logger.info({ database: database.kind, ms: Date.now() - openedAt }, 'database opened; migrating');
    const migratedAt = Date.now();
    const { applied } = await migrate(database);
    logger.info(
      { database: database.kind, applied, ms: Date.now() - migratedAt },
      applied.length > 0 ? 'migrations applied' : 'schema up to date',
    );
    installationId = await readInstallationId(database.db);
  } catch (err) {
    const where = config.databaseUrl ? 'DATABASE_URL' : `the embedded database in ${config.dataDir}`;
    throw new StartupError(`Jalon cannot open ${where}: ${(err as Error).message}`);
  }
  const store = createStore(database);
  const queues = createQueues({
    redisUrl: config.redisUrl,
    prefix: queueNamespace(config.queuePrefix, installationId),
  });
  await queues.ready();
  // Read at each scrape or admin call: every queue a processor runs, and recompute (enqueued here).
  const queueNames = () => [recomputeJob.queue, ...processors.map((p) => p.queue)];
  const metrics = createMetrics({ queues, queueNames });
  const providers = createProviderService({ store, scorecard: createScorecardRepo(database.db) });
  const connections = createConnectionService({
    store,
    box: createSecretBox(config.secretKey),
    trackers,
    publicUrl: config.publicUrl,
  });
  const limiterRedis = workerConnection(config.redisUrl);
  limiterRedis.on('error', () => {});
  const pipeline = createPipeline({
    config,
    store,
    queues,
    redis: limiterRedis,
    connections,
    scopeIdOf,
    metrics: metrics.webhooks,
    trackerMetrics: metrics.trackers,
    onTasksChanged: async (connectionId, changed) => {
      const scopeIds = [...new Set(changed.flatMap((t) => t.scopeIds))];
      for (const engagementId of await store.links.engagementsFor(connectionId, scopeIds)) {
        await scheduleRecompute(queues, engagementId);
      }
    },
    logger,
  });
  const recomputeAfter = recomputeAfterContractChanges((id) => scheduleRecompute(queues, id), logger);
  const progress = createProgressService({ store, logger });
  const egress = createEgressGuard({ allowInternal: config.eventDelivery.allowInternalTargets });
  const services: Services = {
    apiKeys: createApiKeyService({
      store,
      bootstrapAdminKey: config.bootstrapAdminKey,
      providerExists: providers.exists,
    }),
    audit: createAuditService({ store }),
    connections,
    links: pipeline.links,
    tasks: createTaskService({ store, scopeIdOf }),
    webhooks: pipeline.receiver,
    webhookRegistration: pipeline.registration,
    syncs: pipeline.syncs,
    jobs: createJobAdmin({ queues, queueNames, inbox: store.inbox }),
    providers,
    engagements: recomputeAfter.engagements(createEngagementService({ store })),
    deliverables: recomputeAfter.deliverables(createDeliverableService({ store })),
    milestones: createMilestoneService({ store }),
    changeRequests: recomputeAfter.changeRequests(createChangeRequestService({ store })),
    journal: createJournalService({ store }),
    evaluations: createEvaluationService({ store }),
    dashboard: createDashboardService({ store, dashboard: createDashboardRepo(database.db) }),
    decisions: createDecisionService({
      store,
      afterDecision: async (decision, pushBackIds) => {
        for (const pushBackId of pushBackIds) await queues.enqueue(pushBackJob, { pushBackId });
        await scheduleRecompute(queues, decision.engagementId);
      },
      refresh: progress.recomputeIn,
      logger,
    }),
    rework: createReworkService({ store, refresh: progress.recomputeIn, logger }),
    payments: createPaymentService({ store }),
    subscriptions: createSubscriptionService({ store, box: createSecretBox(config.secretKey), egress }),
    reports: createReportService({ store, everyDays: config.reportEveryDays, logger }),
  };
  const membership = createMembershipService({ store, tasks: services.tasks, logger });
  const recompute = createRecomputeService({
    membership,
    progress,
  });
  /** Date-driven checks the daily job runs after scheduling every active engagement's recompute. */
  const dailyExtraChecks: (() => Promise<unknown>)[] = [];
  const events = createEventDeliveryService({
    store,
    box: createSecretBox(config.secretKey),
    settings: config.eventDelivery,
    enqueue: enqueueDelivery(queues),
    logger,
    egress,
  });
  const processors: QueueProcessor[] = [
    noopProcessor,
    ...pipeline.processors,
    recomputeQueueProcessor({
      recompute: (engagementId) => recompute.recompute(engagementId),
      dailyCheck: dailyCheck({
        engagements: store.engagements,
        queues,
        extraChecks: dailyExtraChecks,
        logger,
      }),
    }),
    eventsProcessor({ events, deliveries: store.eventDeliveries, queues }),
    deliveryProcessor({ events }),
    unlockCheckProcessor({ check: createUnlockCheck({ store, logger }) }),
    statusReportProcessor({ reports: services.reports }),
    inboxPruneProcessor({ inbox: store.inbox, retentionDays: config.inboxRetentionDays, logger }),
  ];

  const readiness = async (): Promise<ReadinessReport> => {
    const [db, redis] = await Promise.all([
      database.ping().then(
        () => 'ok' as const,
        () => 'down' as const,
      ),
      queues.ping().then(
        () => 'ok' as const,
        () => 'down' as const,
      ),
    ]);
    return { ready: db === 'ok' && redis === 'ok', checks: { database: db, redis } };
  };

  return {
    config,
    database,
    store,
    queues,
    services,
    readiness,
    buildHttp: () =>
      buildApp({
        logger,
        services,
        readiness,
        bodyLimit: config.bodyLimit,
        requestTimeoutMs: config.requestTimeoutMs,
        publicUrl: config.publicUrl,
        pressure: { maxEventLoopDelayMs: config.maxEventLoopDelayMs },
        metrics: { registry: metrics.registry, token: config.metricsToken },
      }),
    buildOps: () =>
      buildOpsApp({ logger, readiness, metrics: { registry: metrics.registry, token: config.metricsToken } }),
    startWorkers: () => {
      const scheduleAll = async () => {
        await pipeline.schedule();
        await scheduleDailyCheck(queues);
        await scheduleEvents(queues);
        await scheduleUnlockCheck(queues);
        await scheduleStatusReports(queues);
        await scheduleInboxPrune(queues);
      };
      scheduleAll().catch((err: unknown) => logger.error({ err }, 'scheduling failed'));
      // Redis can lose its data (a restart without its append-only file, a FLUSHDB): the job
      // schedulers go with it, and with them the relays that rebuild the lost work from PostgreSQL.
      // Every worker process checks that the inbox relay's scheduler is there and registers them
      // all again (idempotent upserts) when it is not.
      const watch = setInterval(() => {
        if (queues.connection.status !== 'ready') return;
        hasRelaySchedule(queues)
          .then(async (present) => {
            if (present) return;
            logger.warn(
              'the job schedulers are missing from Redis (its data was lost): registering them again',
            );
            await scheduleAll();
          })
          .catch((err: unknown) => logger.warn({ err }, 'checking the job schedulers failed'));
      }, config.schedulerCheckMs);
      watch.unref();
      const workers = startWorkers(processors, {
        redisUrl: config.redisUrl,
        prefix: queues.prefix,
        concurrency: config.workerConcurrency,
        logger,
        metrics: metrics.jobs,
      });
      return {
        ...workers,
        close: async (force?: boolean) => {
          clearInterval(watch);
          await workers.close(force);
        },
      };
    },
    async close() {
      await queues.close();
      limiterRedis.disconnect();
      await database.close();
    },
  };
}
