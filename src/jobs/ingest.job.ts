import { z } from 'zod';
import { Unavailable } from '../core/errors.ts';
import type { IngestService } from '../services/ingest.service.ts';
import type { JobDefinition, QueueProcessor } from './job.ts';
import type { Queues } from './queues.ts';

export const IngestPayload = z.object({ inboxId: z.number().int().positive() });
export type IngestPayload = z.infer<typeof IngestPayload>;

/** One job per stored delivery; the inbox row, not the job, says whether it was applied. */
export const ingestJob: JobDefinition<IngestPayload> = {
  queue: 'ingest',
  name: 'ingest',
  payload: IngestPayload,
  jobId: (p) => ingestJobId(p.inboxId),
};

export const ingestJobId = (inboxId: number): string => `ingest-${inboxId}`;

/**
 * Queues the ingest of many stored deliveries in one Redis round trip (BullMQ `addBulk`: one
 * MULTI of the add scripts) instead of one `add` each. Each job keeps its jobId, so a delivery
 * already queued stays one job. Rejects with Unavailable when Redis is down; the relay then
 * re-queues the stored rows.
 */
export async function enqueueIngests(
  queues: Pick<Queues, 'queue'>,
  inboxIds: readonly number[],
): Promise<void> {
  if (inboxIds.length === 0) return;
  const jobs = [...new Set(inboxIds)].map((inboxId) => ({
    name: ingestJob.name,
    data: IngestPayload.parse({ inboxId }),
    opts: { ...ingestJob.options, jobId: ingestJobId(inboxId) },
  }));
  try {
    await queues.queue(ingestJob.queue).addBulk(jobs);
  } catch (err) {
    throw new Unavailable('The job queue (Redis)', err);
  }
}

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
