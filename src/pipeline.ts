import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { NotFound } from './core/errors.ts';
import type { Store } from './core/ports.ts';
import type { LinkRecord, StoredTask } from './core/sync-ports.ts';
import { createHandshakeGate } from './jobs/handshake-gate.ts';
import { enqueueIngestBatch, INGEST_ENQUEUE_LINGER_MS, ingestProcessor } from './jobs/ingest.job.ts';
import type { QueueProcessor } from './jobs/job.ts';
import { pushBackProcessor } from './jobs/pushback.job.ts';
import type { Queues } from './jobs/queues.ts';
import { createRedisLimiter, type TrackerCallObserver } from './jobs/rate-limiter.ts';
import { scheduleRecompute } from './jobs/recompute.job.ts';
import { relayProcessor, scheduleRelay } from './jobs/relay.job.ts';
import {
  SyncPayload,
  scheduleLinkSync,
  startSync,
  syncJob,
  syncProcessor,
  unscheduleLinkSync,
} from './jobs/sync.job.ts';
import { scheduleWebhookRefresh, webhookRefreshProcessor } from './jobs/webhook-refresh.job.ts';
import type { ConnectionService } from './services/connections.service.ts';
import { createGroupCommit } from './services/group-commit.ts';
import { createIngestService, type IngestService } from './services/ingest.service.ts';
import { createLinkService, type LinkService } from './services/links.service.ts';
import { createPushBackService, type PushBackService } from './services/pushback.service.ts';
import type { SyncControl } from './services/services.ts';
import { createSyncService, type SyncService } from './services/sync.service.ts';
import {
  createWebhookReceiver,
  type WebhookMetrics,
  type WebhookReceiver,
} from './services/webhook-receiver.ts';
import {
  createWebhookRegistrationService,
  type WebhookRegistrationService,
} from './services/webhook-registration.service.ts';

export interface Pipeline {
  readonly receiver: WebhookReceiver;
  readonly ingest: IngestService;
  readonly sync: SyncService;
  readonly links: LinkService;
  readonly pushBack: PushBackService;
  readonly registration: WebhookRegistrationService;
  readonly processors: readonly QueueProcessor[];
  readonly syncs: SyncControl;
  /** Registers the schedules (relay, every link's sync, webhook refresh); idempotent, run by worker processes. */
  schedule(): Promise<void>;
}

/**
 * The sync pipeline of FLOW.md, journey 1: receiver → inbox → ingest → tasks, the relay, and
 * reconciliation per link. `onTasksChanged` is where the engagements' recompute is scheduled.
 */
export function createPipeline(deps: {
  config: Config;
  store: Store;
  queues: Queues;
  redis: Redis;
  connections: ConnectionService;
  scopeIdOf: (scope: LinkRecord['scope']) => string | null;
  onTasksChanged: (connectionId: string, changed: readonly StoredTask[]) => Promise<void>;
  metrics?: WebhookMetrics;
  trackerMetrics?: TrackerCallObserver;
  logger: Logger;
}): Pipeline {
  const { store, queues, config, logger } = deps;
  const limiter = createRedisLimiter(deps.redis, { prefix: config.queuePrefix }, deps.trackerMetrics);
  const handshakes = createHandshakeGate(deps.redis, { prefix: config.queuePrefix });
  const ingest = createIngestService({
    inbox: store.inbox,
    tasks: store.tasks,
    connections: deps.connections,
    links: store.links,
    scopeIdOf: deps.scopeIdOf,
    limiter,
    publicUrl: config.publicUrl,
    onTasksChanged: deps.onTasksChanged,
    logger,
  });
  // The batches stored within INGEST_ENQUEUE_LINGER_MS of each other, and while an add is on its
  // way to Redis, go to Redis together as one ingest job.
  const ingestAdds = createGroupCommit<readonly number[], void>(
    async (batches) => {
      await enqueueIngestBatch(queues, batches.flat());
      return batches.map(() => undefined);
    },
    { lingerMs: INGEST_ENQUEUE_LINGER_MS },
  );
  const receiver = createWebhookReceiver({
    connections: deps.connections,
    inbox: store.inbox,
    handshakes,
    enqueueIngest: (inboxIds) => ingestAdds.submit(inboxIds),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    logger,
  });
  const pushBack = createPushBackService({
    pushBacks: store.pushBacks,
    connections: deps.connections,
    limiter,
    logger,
  });
  const sync = createSyncService({
    links: store.links,
    tasks: store.tasks,
    connections: deps.connections,
    ingest,
    limiter,
    scopeIdOf: deps.scopeIdOf,
    logger,
  });
  const intervalFor = async (connectionId: string) => {
    const c = await store.connections.get(connectionId);
    const minutes = Number(c?.settings.syncIntervalMinutes);
    return Number.isFinite(minutes) && minutes >= 1 ? minutes * 60_000 : config.syncIntervalMs;
  };
  const registration = createWebhookRegistrationService({
    store,
    connections: deps.connections,
    limiter,
    handshakes,
    publicUrl: config.publicUrl,
    logger,
  });
  const links = createLinkService({
    store,
    onLinked: async (link) => {
      await startSync(queues, link.id, true);
      await scheduleLinkSync(queues, link, await intervalFor(link.connectionId));
    },
    onUnlinked: async (link) => {
      // The deletion has committed: when Redis is unreachable the hourly recompute catches up,
      // and a leftover schedule's sync fails as the link is not found.
      try {
        await unscheduleLinkSync(queues, link.id);
        await scheduleRecompute(queues, link.engagementId);
      } catch (err) {
        logger.warn(
          { linkId: link.id, err: { message: (err as Error).message } },
          'link removal not followed up',
        );
      }
    },
  });
  return {
    receiver,
    ingest,
    sync,
    links,
    pushBack,
    registration,
    processors: [
      ingestProcessor({
        ingest,
        queues,
        markFailed: (id, error) => store.inbox.markFailed(id, error),
        workerConcurrency: config.workerConcurrency,
      }),
      relayProcessor({ inbox: store.inbox, pushBacks: store.pushBacks, queues }),
      pushBackProcessor({ pushBack, pushBacks: store.pushBacks }),
      syncProcessor({ sync }),
      webhookRefreshProcessor({ registration }),
    ],
    syncs: {
      async start(connectionId, full) {
        await deps.connections.get(connectionId);
        const linked = await store.links.listByConnection(connectionId);
        return Promise.all(
          linked.map(async (l) => ({ linkId: l.id, jobId: await startSync(queues, l.id, full) })),
        );
      },
      async status(connectionId, jobId) {
        const job = await queues.queue(syncJob.queue).getJob(jobId);
        const payload = SyncPayload.safeParse(job?.data);
        const link = payload.success ? await store.links.get(payload.data.linkId) : null;
        if (!job || !link || link.connectionId !== connectionId) throw new NotFound('Sync job', jobId);
        return {
          jobId,
          linkId: link.id,
          state: await job.getState(),
          progress: job.progress,
          result: job.returnvalue ?? null,
          failedReason: job.failedReason ?? null,
        };
      },
    },
    async schedule() {
      await scheduleRelay(queues);
      await scheduleWebhookRefresh(queues);
      for (const link of await store.links.all()) {
        await scheduleLinkSync(queues, link, await intervalFor(link.connectionId));
      }
    },
  };
}
