import { z } from 'zod';
import type { InboxStore, PushBackStore } from '../core/sync-ports.ts';
import { enqueueIngestBatch, inboxIdNamedBy, ingestJob } from './ingest.job.ts';
import type { JobDefinition, QueueProcessor } from './job.ts';
import { pushBackJob } from './pushback.job.ts';
import type { Queues } from './queues.ts';

/**
 * The relay: deliveries stored but not processed after `graceMs` (Redis was down when they
 * arrived, or lost its data) are queued again. Rows a live ingest job covers are left to it
 * (ingestCoverage), so a backlog is not queued twice; the inbox status makes a row already
 * applied a no-op if it is.
 */
export const RelayPayload = z.object({});
export const relayJob: JobDefinition<z.infer<typeof RelayPayload>> = {
  queue: 'relay',
  name: 'relay',
  payload: RelayPayload,
};

export const RELAY_EVERY_MS = 15_000;
/** Pending rows read per page, and at most per pass (the next pass goes on). */
const PAGE = 500;
const MAX_ROWS_PER_PASS = 10_000;
/** The states in which a job will still run. */
const LIVE_STATES = ['active', 'waiting', 'delayed', 'prioritized', 'waiting-children'] as const;

export function relayProcessor(deps: {
  inbox: Pick<InboxStore, 'pending'>;
  pushBacks?: Pick<PushBackStore, 'pending'>;
  queues: Pick<Queues, 'enqueue' | 'enqueueMany' | 'queue'>;
  graceMs?: number;
}): QueueProcessor {
  return {
    queue: relayJob.queue,
    concurrency: 1,
    process: async () => {
      const pass = Date.now();
      const cutoff = new Date(pass - (deps.graceMs ?? 10_000));
      // Read before the rows: a job that ends in between leaves its rows processed (not read) or
      // queued again by itself (a failure goes to a job of its own, covered as its batch was).
      const coverage = ingestCoverage(
        await deps.queues.queue(ingestJob.queue).getRanges([...LIVE_STATES], 0, -1),
      );
      let requeued = 0;
      let read = 0;
      let afterId = 0;
      while (read < MAX_ROWS_PER_PASS) {
        // Rows from the oldest live batch's first on are the jobs' (ingestCoverage): not even read,
        // so a large healthy backlog costs a pass nothing but the live job ids.
        const rows = await deps.inbox.pending(cutoff, PAGE, afterId, coverage.firstCoveredRange);
        const lost = rows.filter((r) => !coverage.covers(r.id)).map((r) => r.id);
        // One add per page (Redis rejecting it fails the pass; the next one starts over). The
        // pass is in the jobIds: a job this relay queued earlier and that failed for good is
        // still known to BullMQ under its own id, and would make an add under the same id a no-op.
        await enqueueIngestBatch(deps.queues, lost, pass);
        requeued += lost.length;
        read += rows.length;
        const last = rows.at(-1);
        if (!last || rows.length < PAGE) break;
        afterId = last.id;
      }
      // Push-backs recorded with their decision but never queued (Redis down at that moment).
      const pushBacks = (await deps.pushBacks?.pending(cutoff, 1000)) ?? [];
      for (const pushBackId of pushBacks) await deps.queues.enqueue(pushBackJob, { pushBackId });
      return { requeued, leftToLiveJobs: read - requeued, pushBacks: pushBacks.length };
    },
  };
}

export interface IngestCoverage {
  /** Whether a live ingest job will reach this inbox row. */
  covers(inboxId: number): boolean;
  /** The first row of the range the live batch jobs cover (every row from it on); none: no batch is live. */
  readonly firstCoveredRange: number | undefined;
}

/**
 * The rows the ingest queue's live jobs (`jobIds`) will reach, read from the ids alone: a
 * single-delivery job names its row; a batch job (the receiver's or the relay's) is named after
 * its first row, and every row from the oldest live batch's first row on is left to the jobs.
 * That holds back a row whose job was lost only until the older batches are done, since no job
 * made later starts below it except the relay's own; it never queues a row its batch still holds.
 */
export function ingestCoverage(jobIds: readonly string[]): IngestCoverage {
  const singles = new Set<number>();
  let from = Number.POSITIVE_INFINITY;
  for (const id of jobIds) {
    const named = inboxIdNamedBy(id);
    if (named?.kind === 'single') singles.add(named.inboxId);
    else if (named) from = Math.min(from, named.inboxId);
  }
  return {
    covers: (inboxId) => inboxId >= from || singles.has(inboxId),
    firstCoveredRange: Number.isFinite(from) ? from : undefined,
  };
}

/** Whether the inbox relay's scheduler is registered (it is gone when Redis lost its data). */
export async function hasRelaySchedule(queues: Pick<Queues, 'queue'>): Promise<boolean> {
  return (await queues.queue(relayJob.queue).getJobScheduler('relay')) !== undefined;
}

/** Registers the relay's schedule (idempotent across processes: one scheduler id). */
export async function scheduleRelay(queues: Pick<Queues, 'queue'>, everyMs = RELAY_EVERY_MS): Promise<void> {
  await queues
    .queue(relayJob.queue)
    .upsertJobScheduler(
      'relay',
      { every: everyMs },
      { name: relayJob.name, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
}
