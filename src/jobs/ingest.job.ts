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

const MAX_INGEST_BATCH = 500;

/**
 * The deliveries one group commit stored, ingested by one job: the receiver queues one job per
 * batch, not one per delivery (each `add` cost the api process ~14 % of a request's CPU and Redis
 * 0.06 ms a delivery, bench/). Its jobId is the batch's first inbox id, so queuing the same batch
 * again (the relay, which groups pending rows by their batch's commit time) is a no-op while it is
 * known to BullMQ. A delivery that fails in it gets a job of its own (`ingest`), with that job's
 * attempts, backoff and final failure.
 */
export const IngestBatchPayload = z.object({
  inboxIds: z.array(z.number().int().positive()).min(1).max(MAX_INGEST_BATCH),
});
export type IngestBatchPayload = z.infer<typeof IngestBatchPayload>;

export const ingestBatchJob: JobDefinition<IngestBatchPayload> = {
  queue: 'ingest',
  name: 'ingest-batch',
  payload: IngestBatchPayload,
  jobId: (p) => `ingest-batch-${Math.min(...p.inboxIds)}`,
};

/**
 * Queues stored deliveries for ingest, one job per batch (`batches`: ids stored together).
 * Rejects with Unavailable when Redis is down; the relay then queues the stored rows again.
 */
export const enqueueIngestBatches = (
  queues: Pick<Queues, 'enqueueMany'>,
  batches: readonly (readonly number[])[],
) =>
  queues.enqueueMany(
    ingestBatchJob,
    batches
      .map((ids) => [...new Set(ids)])
      .filter((ids) => ids.length > 0)
      .flatMap((ids) => chunks(ids, MAX_INGEST_BATCH))
      .map((inboxIds) => ({ inboxIds })),
  );

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Ingest jobs run this many times the process's worker concurrency. They wait on I/O almost all
 * the time and their reads and writes are batched across concurrent jobs (group commits), so more
 * jobs in flight make larger batches rather than more statements: at 10 in flight the drain rate
 * was bounded by the batches' round trips (~220–500 deliveries/s with the CPU half idle, bench/).
 */
export const INGEST_CONCURRENCY_FACTOR = 5;

export function ingestProcessor(deps: {
  ingest: Pick<IngestService, 'process'>;
  queues: Pick<Queues, 'enqueueMany'>;
  markFailed: (inboxId: number, error: string) => Promise<void>;
  /** The process's worker concurrency (JALON_WORKER_CONCURRENCY). */
  workerConcurrency?: number;
}): QueueProcessor {
  const concurrency = deps.workerConcurrency ? deps.workerConcurrency * INGEST_CONCURRENCY_FACTOR : undefined;
  // Deliveries in flight in this process, whichever job they came in: batch jobs share the same
  // bound as single jobs, so a backlog of batches does not hold thousands of bodies at once.
  const slots = createSlots(concurrency ?? 10 * INGEST_CONCURRENCY_FACTOR);
  const one = (inboxId: number) => slots.run(() => deps.ingest.process(inboxId));
  return {
    queue: ingestJob.queue,
    ...(concurrency ? { concurrency } : {}),
    process: async (data, job) => {
      if (job.name !== ingestBatchJob.name) return one(IngestPayload.parse(data).inboxId);
      const { inboxIds } = IngestBatchPayload.parse(data);
      const failed: number[] = [];
      await Promise.all(inboxIds.map((id) => one(id).catch(() => void failed.push(id))));
      // Each failure is retried alone, by a job whose jobId it shares with the relay's. If Redis
      // refuses, this batch job fails and runs again; what it applied stays applied.
      if (failed.length > 0) await enqueueIngests(deps.queues, failed);
      return { processed: inboxIds.length - failed.length, retriedAlone: failed.length };
    },
    // A batch job's deliveries are still pending in the inbox after its last attempt: the relay
    // queues them again. A single delivery's last failure is recorded on its row.
    onFinalFailure: async (data, error) => {
      const single = IngestPayload.safeParse(data);
      if (single.success) await deps.markFailed(single.data.inboxId, error.message);
    },
  };
}

/** Queues single-delivery ingest jobs in one Redis round trip (failures out of a batch, retries). */
export const enqueueIngests = (queues: Pick<Queues, 'enqueueMany'>, inboxIds: readonly number[]) =>
  queues.enqueueMany(
    ingestJob,
    [...new Set(inboxIds)].map((inboxId) => ({ inboxId })),
  );

/** At most `size` tasks run at once; the others wait in arrival order. */
function createSlots(size: number) {
  let free = size;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (free > 0) free -= 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else free += 1;
      }
    },
  };
}
