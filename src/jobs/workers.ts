import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { JalonError } from '../core/errors.ts';
import { TrackerRateLimited } from '../core/tracker.ts';
import type { QueueProcessor } from './job.ts';
import { workerConnection } from './redis.ts';

/** Told how long each job attempt ran and how it ended (metrics). */
export interface JobObserver {
  job(queue: string, outcome: 'completed' | 'failed' | 'delayed', seconds: number): void;
}

export interface Workers {
  readonly workers: readonly Worker[];
  /** Stops taking jobs and waits for the running ones to finish (`force`: does not wait). */
  close(force?: boolean): Promise<void>;
}

/**
 * Starts one BullMQ worker per processor. This is the one place that decides what BullMQ does
 * with an error: a JalonError that is not retryable fails the job at once, anything else is
 * retried with the job's backoff.
 */
export function startWorkers(
  processors: readonly QueueProcessor[],
  opts: { redisUrl: string; prefix: string; concurrency: number; logger: Logger; metrics?: JobObserver },
): Workers {
  const connection = workerConnection(opts.redisUrl);
  connection.on('error', () => {});
  const workers = processors.map((p) => {
    const log = opts.logger.child({ queue: p.queue });
    const worker = new Worker(
      p.queue,
      async (job: Job, token?: string) => {
        const started = performance.now();
        const observe = (outcome: 'completed' | 'failed' | 'delayed') =>
          opts.metrics?.job(p.queue, outcome, (performance.now() - started) / 1000);
        try {
          const result = await p.process(job.data, job);
          observe('completed');
          return result;
        } catch (err) {
          if (err instanceof TrackerRateLimited && token) {
            observe('delayed');
            // The tracker asked to wait: delay this job without spending one of its attempts.
            const jitter = Math.floor(Math.random() * 250);
            await job.moveToDelayed(Date.now() + err.retryAfterMs + jitter, token);
            throw new DelayedError();
          }
          observe('failed');
          throw mapError(err);
        }
      },
      {
        connection,
        prefix: opts.prefix,
        concurrency: p.concurrency ?? opts.concurrency,
        autorun: true,
      },
    );
    worker.on('failed', (job, err) => {
      log.warn({ jobId: job?.id, attempt: job?.attemptsMade, code: codeOf(err) }, 'job failed');
      const final =
        err instanceof UnrecoverableError || (job && job.attemptsMade >= (job.opts.attempts ?? 1));
      if (job && final && p.onFinalFailure) {
        p.onFinalFailure(job.data, err).catch((e: unknown) =>
          log.error({ jobId: job.id, err: { message: (e as Error).message } }, 'final-failure hook failed'),
        );
      }
    });
    worker.on('error', (err) => log.error({ err: { message: err.message } }, 'worker error'));
    return worker;
  });
  return {
    workers,
    async close(force = false) {
      await Promise.all(workers.map((w) => w.close(force)));
      connection.disconnect();
    },
  };
}

function mapError(err: unknown): Error {
  if (err instanceof JalonError && !err.retryable) {
    return new UnrecoverableError(`${err.code}: ${err.message}`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

const codeOf = (err: Error): string => (err instanceof JalonError ? err.code : err.name);
