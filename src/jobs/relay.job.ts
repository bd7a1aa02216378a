import { z } from 'zod';
import type { InboxStore, PushBackStore } from '../core/sync-ports.ts';
import { enqueueIngestBatches } from './ingest.job.ts';
import type { JobDefinition, QueueProcessor } from './job.ts';
import { pushBackJob } from './pushback.job.ts';
import type { Queues } from './queues.ts';

/**
 * The relay: deliveries stored but not processed after `graceMs` (Redis was down when they
 * arrived, or lost its data) are queued again. The ingest jobId makes a row already queued a
 * no-op, and the inbox status makes a row already applied one.
 */
export const RelayPayload = z.object({});
export const relayJob: JobDefinition<z.infer<typeof RelayPayload>> = {
  queue: 'relay',
  name: 'relay',
  payload: RelayPayload,
};

export const RELAY_EVERY_MS = 15_000;

export function relayProcessor(deps: {
  inbox: Pick<InboxStore, 'pending'>;
  pushBacks?: Pick<PushBackStore, 'pending'>;
  queues: Pick<Queues, 'enqueue' | 'enqueueMany' | 'queue'>;
  graceMs?: number;
}): QueueProcessor {
  return {
    queue: relayJob.queue,
    concurrency: 1,
    process: async () => {
      let requeued = 0;
      for (;;) {
        const rows = await deps.inbox.pending(new Date(Date.now() - (deps.graceMs ?? 10_000)), 500);
        // One addBulk per page of rows, one job per batch the receiver stored (its rows share
        // their commit time): while the receiver's job for that batch is known to BullMQ, the same
        // jobId makes this a no-op.
        await enqueueIngestBatches(deps.queues, batchesOf(rows));
        requeued += rows.length;
        if (rows.length < 500 || requeued >= 10_000) break;
      }
      // Push-backs recorded with their decision but never queued (Redis down at that moment).
      const pushBacks =
        (await deps.pushBacks?.pending(new Date(Date.now() - (deps.graceMs ?? 10_000)), 1000)) ?? [];
      for (const pushBackId of pushBacks) await deps.queues.enqueue(pushBackJob, { pushBackId });
      return { requeued, pushBacks: pushBacks.length };
    },
  };
}

/** Ids grouped by the time their batch was stored (rows arrive ordered by that time). */
function batchesOf(rows: readonly { id: number; receivedAt: Date }[]): number[][] {
  const out: number[][] = [];
  let at: number | null = null;
  for (const r of rows) {
    if (r.receivedAt.getTime() !== at) out.push([]);
    at = r.receivedAt.getTime();
    out.at(-1)?.push(r.id);
  }
  return out;
}

/** Whether the inbox relay's scheduler is registered (it is gone when Redis lost its data). */
export async function hasRelaySchedule(queues: Pick<Queues, 'queue'>): Promise<boolean> {
  return (await queues.queue(relayJob.queue).getJobScheduler('relay')) !== undefined;
}

/** Registers the relay's schedule (idempotent across processes: one scheduler id). */
export async function scheduleRelay(queues: Pick<Queues, 'queue'>, everyMs = RELAY_EVERY_MS): Promise<void> {
  await queues
    .queue(relayJob.queue)
    .upsertJobScheduler(
      'relay',
      { every: everyMs },
      { name: relayJob.name, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
}
