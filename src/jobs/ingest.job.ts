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
 * The inbox row an ingest job id names: a single job's delivery, or a batch job's first delivery
 * (the receiver's `ingest-batch-<first>`, the relay's `ingest-relay-<first>-<pass>`). The relay
 * reads the live jobs' coverage from their ids alone (relay.job.ts ingestCoverage).
 */
export function inboxIdNamedBy(jobId: string): { kind: 'single' | 'batch'; inboxId: number } | null {
  const match = /^ingest-(?:(\d+)|batch-(\d+)|relay-(\d+)-\d+)$/.exec(jobId);
  if (!match) return null;
  const [, single, batch, relay] = match;
  return single !== undefined
    ? { kind: 'single', inboxId: Number(single) }
    : { kind: 'batch', inboxId: Number(batch ?? relay) };
}

const MAX_INGEST_BATCH = 500;

/**
 * Deliveries ingested by one job: the receiver queues the deliveries its group commits stored
 * within INGEST_ENQUEUE_LINGER_MS of each other as one job, not one job per delivery or per stored
 * batch. An add cost the api process 0.13–0.23 ms of CPU whatever it carried (bench/; at half load
 * a stored batch held 1.4 deliveries, and the adds were a fifth of the receiver's main thread).
 * Its jobId is its first inbox id; the relay queues its own jobs under ids of its own (the relay
 * pass in the id) and leaves alone the rows a live ingest job covers (relay.job.ts). A delivery that fails in it
 * gets a job of its own (`ingest`), with that job's attempts, backoff and final failure.
 */
export const IngestBatchPayload = z.object({
  inboxIds: z.array(z.number().int().positive()).min(1).max(MAX_INGEST_BATCH),
  /** Set on the relay's jobs: the relay pass that queued them (its start, epoch ms). */
  relayPass: z.number().int().nonnegative().optional(),
});
export type IngestBatchPayload = z.infer<typeof IngestBatchPayload>;

export const ingestBatchJob: JobDefinition<IngestBatchPayload> = {
  queue: 'ingest',
  name: 'ingest-batch',
  payload: IngestBatchPayload,
  jobId: (p) => {
    const first = Math.min(...p.inboxIds);
    return p.relayPass === undefined ? `ingest-batch-${first}` : `ingest-relay-${first}-${p.relayPass}`;
  },
};

/**
 * How long the receiver gathers stored deliveries before queuing them as one job. It is added to
 * the time from acknowledgement to ingest (the goal there is 1 s), never to the acknowledgement.
 */
export const INGEST_ENQUEUE_LINGER_MS = 5;

/**
 * Queues stored deliveries for ingest as one job (or one per MAX_INGEST_BATCH). Rejects with
 * Unavailable when Redis is down; the relay then queues the stored rows again.
 */
export const enqueueIngestBatch = (
  queues: Pick<Queues, 'enqueueMany'>,
  inboxIds: readonly number[],
  relayPass?: number,
) =>
  queues.enqueueMany(
    ingestBatchJob,
    chunks([...new Set(inboxIds)], MAX_INGEST_BATCH).map((ids) => ({
      inboxIds: ids,
      ...(relayPass === undefined ? {} : { relayPass }),
    })),
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
