import { z } from 'zod';
import { Unavailable } from '../core/errors.ts';
import type { JobDefinition, QueueProcessor } from './job.ts';
import type { Queues } from './queues.ts';

export const RecomputePayload = z.object({ engagementId: z.string().min(1) });
export type RecomputePayload = z.infer<typeof RecomputePayload>;

/** Events for one engagement within this window cause one recompute (BullMQ deduplication). */
export const RECOMPUTE_WINDOW_MS = 1000;

export const recomputeJob: JobDefinition<RecomputePayload> = {
  queue: 'recompute',
  name: 'recompute',
  payload: RecomputePayload,
};

/**
 * Coalesced: while a recompute for the engagement is waiting (delayed by the window), further
 * requests are absorbed into it; the one that runs reads the newest tasks, so nothing is lost.
 */
export async function scheduleRecompute(
  queues: Pick<Queues, 'queue' | 'connection'>,
  engagementId: string,
): Promise<void> {
  // Fail fast while Redis is away, as Queues.enqueue does: a Queue first used now would wait for it.
  if (queues.connection.status !== 'ready')
    throw new Unavailable('The job queue (Redis)', new Error(`Redis connection ${queues.connection.status}`));
  await queues.queue(recomputeJob.queue).add(
    recomputeJob.name,
    { engagementId },
    {
      delay: RECOMPUTE_WINDOW_MS,
      deduplication: { id: `recompute-${engagementId}`, ttl: RECOMPUTE_WINDOW_MS },
      removeOnComplete: { age: 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
    },
  );
}

export function recomputeProcessor(deps: {
  recompute: (engagementId: string) => Promise<unknown>;
}): QueueProcessor {
  return {
    queue: recomputeJob.queue,
    process: async (data) => deps.recompute(RecomputePayload.parse(data).engagementId),
  };
}
