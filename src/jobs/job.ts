import type { Job, JobsOptions } from 'bullmq';
import type { z } from 'zod';

/**
 * A kind of background work: which queue, what payload (ids only, never secrets), the jobId rule
 * that makes a second enqueue of the same work a no-op while the first is waiting or running (a
 * finished job's id is freed for the next add: queues.ts freeFinished), and the processor. The
 * database stays the truth: processors are written so running one twice changes nothing.
 */
export interface JobDefinition<P> {
  readonly queue: string;
  readonly name: string;
  readonly payload: z.ZodType<P>;
  readonly jobId?: (payload: P) => string;
  readonly options?: JobsOptions;
}

export type ProcessFn = (data: unknown, job: Job) => Promise<unknown>;

/** What a worker process runs for one queue. */
export interface QueueProcessor {
  readonly queue: string;
  readonly process: ProcessFn;
  readonly concurrency?: number;
  /** Called once when a job has failed for good (attempts exhausted or not retryable). */
  readonly onFinalFailure?: (data: unknown, error: Error) => Promise<void>;
}

/** Retries with exponential backoff and jitter; bounded history so Redis memory stays flat. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};
