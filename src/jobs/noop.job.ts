import { z } from 'zod';
import type { JobDefinition, QueueProcessor } from './job.ts';

/** Proves the loop producer → Redis → worker → completion; used by the integration tests. */
export const NoopPayload = z.object({ id: z.string().min(1).max(100) });
export type NoopPayload = z.infer<typeof NoopPayload>;

export const noopJob: JobDefinition<NoopPayload> = {
  queue: 'noop',
  name: 'noop',
  payload: NoopPayload,
  jobId: (p) => `noop-${p.id}`,
};

export const noopProcessor: QueueProcessor = {
  queue: noopJob.queue,
  process: async (data) => ({ echoed: NoopPayload.parse(data).id }),
};
