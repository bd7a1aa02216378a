import { z } from 'zod';
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
 * Queues the ingest of many stored deliveries in one Redis round trip instead of one `add` each.
 * Each job keeps its jobId, so a delivery already queued stays one job. Rejects with Unavailable
 * when Redis is down; the relay then re-queues the stored rows.
 */
export const enqueueIngests = (queues: Pick<Queues, 'enqueueMany'>, inboxIds: readonly number[]) =>
  queues.enqueueMany(
    ingestJob,
    [...new Set(inboxIds)].map((inboxId) => ({ inboxId })),
  );

/**
 * Ingest jobs run this many times the process's worker concurrency. They wait on I/O almost all
 * the time and their reads and writes are batched across concurrent jobs (group commits), so more
 * jobs in flight make larger batches rather than more statements: at 10 in flight the drain rate
 * was bounded by the batches' round trips (~220–500 deliveries/s with the CPU half idle, bench/).
 */
export const INGEST_CONCURRENCY_FACTOR = 5;

export function ingestProcessor(deps: {
  ingest: Pick<IngestService, 'process'>;
  markFailed: (inboxId: number, error: string) => Promise<void>;
  /** The process's worker concurrency (JALON_WORKER_CONCURRENCY). */
  workerConcurrency?: number;
}): QueueProcessor {
  return {
    queue: ingestJob.queue,
    ...(deps.workerConcurrency ? { concurrency: deps.workerConcurrency * INGEST_CONCURRENCY_FACTOR } : {}),
    process: async (data) => deps.ingest.process(IngestPayload.parse(data).inboxId),
    onFinalFailure: async (data, error) => deps.markFailed(IngestPayload.parse(data).inboxId, error.message),
  };
}
