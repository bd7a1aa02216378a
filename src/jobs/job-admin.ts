import type { Job, Queue } from 'bullmq';
import { Conflict, JalonError, NotFound, Unavailable } from '../core/errors.ts';
import type { InboxStore } from '../core/sync-ports.ts';
import type { JobAdmin, JobView } from '../services/services.ts';
import { IngestPayload, ingestJob } from './ingest.job.ts';
import type { Queues } from './queues.ts';

type Scalar = string | number | boolean | null;
const isScalar = (v: unknown): v is Scalar =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Payloads carry ids only; anything nested is left out rather than trusted to be harmless. */
function idsOf(data: unknown): Record<string, Scalar> {
  if (typeof data !== 'object' || data === null) return {};
  return Object.fromEntries(Object.entries(data).filter(([, v]) => isScalar(v))) as Record<string, Scalar>;
}

function view(queue: string, job: Job, state: string): JobView {
  return {
    queue,
    id: job.id ?? '',
    name: job.name,
    state,
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason || null,
    data: idsOf(job.data),
    timestamp: new Date(job.timestamp).toISOString(),
    finishedOn: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}

/** Redis trouble becomes a 503 for the caller, not an unexplained 500. */
async function redis<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof JalonError) throw err;
    throw new Unavailable('The job queue (Redis)', err);
  }
}

/**
 * Failed work across the app's queues, and its replay. Retrying a failed ingest job first sets its
 * inbox row back to pending: the row, not the job, says whether a delivery was applied, so the
 * relay and the ingest treat it as unprocessed again.
 */
export function createJobAdmin(deps: {
  queues: Pick<Queues, 'queue'>;
  /** The queues Jalon runs; read on each call (processors may be added late). */
  queueNames: () => Iterable<string>;
  inbox: Pick<InboxStore, 'requeue'>;
}): JobAdmin {
  const names = () => [...new Set(deps.queueNames())].sort();
  const queueOf = (name: string): Queue => {
    if (!names().includes(name)) throw new NotFound('Queue', name);
    return deps.queues.queue(name);
  };

  return {
    async list({ state, queue, limit }) {
      if (queue) queueOf(queue);
      const found = await redis(() =>
        Promise.all(
          (queue ? [queue] : names()).map(async (name) => {
            const jobs = await deps.queues.queue(name).getJobs([state], 0, limit - 1, false);
            return jobs.filter((j): j is Job => Boolean(j)).map((j) => view(name, j, state));
          }),
        ),
      );
      const at = (j: JobView) => Date.parse(j.finishedOn ?? j.timestamp);
      return found
        .flat()
        .sort((a, b) => at(b) - at(a))
        .slice(0, limit);
    },

    async retry(queue, id) {
      const q = queueOf(queue);
      const job = await redis(() => q.getJob(id));
      if (!job) throw new NotFound('Job', id);
      const notFailed = (state: string) =>
        new Conflict('job_not_failed', `Job ${id} is ${state}; only a failed job can be retried`, { state });
      const state = await redis(() => job.getState());
      if (state !== 'failed') throw notFailed(state);
      const ingest = queue === ingestJob.queue ? IngestPayload.safeParse(job.data) : null;
      if (ingest?.success) await deps.inbox.requeue(ingest.data.inboxId);
      await redis(async () => {
        try {
          await job.retry('failed');
        } catch (err) {
          const now = await job.getState();
          if (now !== 'failed') throw notFailed(now); // another admin retried it first
          throw err;
        }
      });
      return redis(async () => {
        const retried = (await q.getJob(id)) ?? job;
        return view(queue, retried, await retried.getState());
      });
    },
  };
}
