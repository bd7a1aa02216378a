import { z } from 'zod';
import type { PushBackStore } from '../core/sync-ports.ts';
import type { PushBackService } from '../services/pushback.service.ts';
import type { JobDefinition, QueueProcessor } from './job.ts';

export const PushBackPayload = z.object({ pushBackId: z.string().min(1) });
export type PushBackPayload = z.infer<typeof PushBackPayload>;

/** One job per (decision, task); retried with exponential backoff and jitter for about a day. */
export const pushBackJob: JobDefinition<PushBackPayload> = {
  queue: 'pushback',
  name: 'pushback',
  payload: PushBackPayload,
  jobId: (p) => `pushback-${p.pushBackId}`,
  options: { attempts: 15, backoff: { type: 'exponential', delay: 2000, jitter: 0.5 } },
};

export function pushBackProcessor(deps: {
  pushBack: Pick<PushBackService, 'deliver'>;
  pushBacks: Pick<PushBackStore, 'markFailed'>;
}): QueueProcessor {
  return {
    queue: pushBackJob.queue,
    process: async (data) => deps.pushBack.deliver(PushBackPayload.parse(data).pushBackId),
    onFinalFailure: async (data, error) =>
      deps.pushBacks.markFailed(PushBackPayload.parse(data).pushBackId, error.message),
  };
}
