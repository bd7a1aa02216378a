import { z } from 'zod';
import type { LinkRecord } from '../core/sync-ports.ts';
import type { SyncService } from '../services/sync.service.ts';
import type { JobDefinition, QueueProcessor } from './job.ts';
import type { Queues } from './queues.ts';

export const SyncPayload = z.object({ linkId: z.string().min(1), full: z.boolean() });
export type SyncPayload = z.infer<typeof SyncPayload>;

export const syncJob: JobDefinition<SyncPayload> = {
  queue: 'sync',
  name: 'sync',
  payload: SyncPayload,
  options: { attempts: 5 },
};

export const DEFAULT_SYNC_INTERVAL_MS = 15 * 60_000;
export const FULL_SYNC_INTERVAL_MS = 24 * 3600_000;

export function syncProcessor(deps: { sync: Pick<SyncService, 'syncLink'> }): QueueProcessor {
  return {
    queue: syncJob.queue,
    concurrency: 2,
    process: async (data, job) => {
      const payload = SyncPayload.parse(data);
      return deps.sync.syncLink(payload.linkId, {
        full: payload.full,
        onProgress: async (p) => {
          await job.updateProgress({ ...p });
        },
      });
    },
  };
}

/**
 * One incremental schedule per link (the connection's `syncIntervalMinutes`, else
 * JALON_SYNC_INTERVAL_MS, 15 minutes by default) and a daily full pass; BullMQ job schedulers are
 * idempotent by id, so every process may call this. Each starts one period after it is created:
 * the link's first sync is started by `startSync`, and an `every` scheduler would otherwise run at
 * once, listing a new link's whole scope two more times (`startDate` only counts at creation; an
 * upsert keeps the slot already planned).
 */
export async function scheduleLinkSync(queues: Pick<Queues, 'queue'>, link: LinkRecord, intervalMs: number) {
  const queue = queues.queue(syncJob.queue);
  const opts = { removeOnComplete: 50, removeOnFail: 100 };
  await queue.upsertJobScheduler(
    `link-${link.id}`,
    { every: intervalMs, startDate: Date.now() + intervalMs },
    {
      name: syncJob.name,
      data: { linkId: link.id, full: false },
      opts,
    },
  );
  await queue.upsertJobScheduler(
    `link-${link.id}-full`,
    { every: FULL_SYNC_INTERVAL_MS, startDate: Date.now() + FULL_SYNC_INTERVAL_MS },
    {
      name: syncJob.name,
      data: { linkId: link.id, full: true },
      opts,
    },
  );
}

/** Stops a deleted link's schedules (a sync already queued finds no link and fails as not found). */
export async function unscheduleLinkSync(queues: Pick<Queues, 'queue'>, linkId: string) {
  const queue = queues.queue(syncJob.queue);
  await queue.removeJobScheduler(`link-${linkId}`);
  await queue.removeJobScheduler(`link-${linkId}-full`);
}

/** Starts a sync now; the returned id reads its progress (GET /v1/connections/{id}/sync/{jobId}). */
export async function startSync(
  queues: Pick<Queues, 'enqueue'>,
  linkId: string,
  full: boolean,
): Promise<string> {
  return queues.enqueue(
    syncJob,
    { linkId, full },
    { jobId: `sync-${linkId}-${full ? 'full' : 'inc'}-${Date.now()}` },
  );
}
