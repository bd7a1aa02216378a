import { z } from 'zod';
import type { IngestService } from '../services/ingest.service.ts';
import type { JobDefinition, QueueProcessor } from './job.ts';

export const IngestPayload = z.object({ inboxId: z.number().int().positive() });
export type IngestPayload = z.infer<typeof IngestPayload>;

/** One job per stored delivery; the inbox row, not the job, says whether it was applied. */
export const ingestJob: JobDefinition<IngestPayload> = {
  queue: 'ingest',
  name: 'ingest',
  payload: IngestPayload,
  jobId: (p) => `ingest-${p.inboxId}`,
};

export function ingestProcessor(deps: {
  ingest: Pick<IngestService, 'process'>;
  markFailed: (inboxId: number, error: string) => Promise<void>;
}): QueueProcessor {
  return {
    queue: ingestJob.queue,
    process: async (data) => deps.ingest.process(IngestPayload.parse(data).inboxId),
    onFinalFailure: async (data, error) => deps.markFailed(IngestPayload.parse(data).inboxId, error.message),
  };
}
