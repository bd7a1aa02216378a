import type { Logger } from 'pino';
import { z } from 'zod';
import type { InboxStore } from '../core/sync-ports.ts';
import type { JobDefinition, QueueProcessor } from './job.ts';
import type { Queues } from './queues.ts';

/**
 * The inbox prune job: deletes webhook deliveries processed more than JALON_INBOX_RETENTION_DAYS
 * ago, in batches, once a day. Only processed rows go: pending ones are work still to do and
 * failed ones wait for an operator's retry. Running it twice, or in two workers at once, deletes
 * nothing more than once: each batch is a statement that deletes what is still there.
 */
export const InboxPrunePayload = z.object({});
export const inboxPruneJob: JobDefinition<z.infer<typeof InboxPrunePayload>> = {
  queue: 'inbox-prune',
  name: 'inbox-prune',
  payload: InboxPrunePayload,
};

/** Every day at 03:25 UTC, away from the hourly checks at :05 and :15. */
export const INBOX_PRUNE_PATTERN = '25 3 * * *';
export const INBOX_PRUNE_BATCH = 1000;

export function inboxPruneProcessor(deps: {
  inbox: Pick<InboxStore, 'pruneProcessed'>;
  retentionDays: number;
  batch?: number;
  now?: () => Date;
  logger?: Logger;
}): QueueProcessor {
  const batch = deps.batch ?? INBOX_PRUNE_BATCH;
  return {
    queue: inboxPruneJob.queue,
    concurrency: 1,
    process: async (data) => {
      InboxPrunePayload.parse(data);
      const before = new Date((deps.now?.() ?? new Date()).getTime() - deps.retentionDays * 86_400_000);
      let deleted = 0;
      for (let n = batch; n === batch; ) {
        n = await deps.inbox.pruneProcessed(before, batch);
        deleted += n;
      }
      if (deleted > 0) deps.logger?.info({ deleted, before: before.toISOString() }, 'inbox pruned');
      return { deleted };
    },
  };
}

/** Registers the schedule (idempotent across processes: one scheduler id). */
export async function scheduleInboxPrune(queues: Pick<Queues, 'queue'>): Promise<void> {
  await queues.queue(inboxPruneJob.queue).upsertJobScheduler(
    'inbox-prune-daily',
    { pattern: INBOX_PRUNE_PATTERN, tz: 'UTC' },
    {
      name: inboxPruneJob.name,
      data: {},
      opts: {
        removeOnComplete: 100,
        removeOnFail: 100,
        attempts: 5,
        backoff: { type: 'exponential', delay: 5000 },
      },
    },
  );
}
