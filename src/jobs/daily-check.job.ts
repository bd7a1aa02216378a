import type { Logger } from 'pino';
import { z } from 'zod';
import type { EngagementStore } from '../core/engagement-ports.ts';
import type { JobDefinition, QueueProcessor } from './job.ts';
import type { Queues } from './queues.ts';
import { RecomputePayload, recomputeJob, scheduleRecompute } from './recompute.job.ts';

/**
 * The daily check: it schedules a recompute of every active engagement, so a deliverable becomes
 * `late` the day after its due date even when no tracker says anything. The day turns at a
 * different UTC hour in each engagement's time zone (Tokyo's midnight is 15:00 UTC), so it runs
 * every hour at :05, and once when a worker starts; a recompute that finds nothing new writes
 * nothing. It rides the recompute queue under its own job name, so it needs no queue of its own.
 *
 * Other date-driven work joins through `extraChecks` (e.g. payment milestones whose `notBefore`
 * has passed): each runs after the recomputes are scheduled; one that throws fails the job, which
 * BullMQ retries, and scheduling the recomputes again is harmless (they coalesce).
 */
export const DailyCheckPayload = z.object({});
export const dailyCheckJob: JobDefinition<z.infer<typeof DailyCheckPayload>> = {
  queue: recomputeJob.queue,
  name: 'daily-check',
  payload: DailyCheckPayload,
};

/** Every hour at :05 UTC: within the hour of each time zone's midnight (see above). */
export const DAILY_CHECK_PATTERN = '5 * * * *';

export type DailyCheck = () => Promise<{ engagements: number; extraChecks: number }>;

export function dailyCheck(deps: {
  engagements: Pick<EngagementStore, 'list'>;
  queues: Pick<Queues, 'queue' | 'connection'>;
  extraChecks?: readonly (() => Promise<unknown>)[];
  logger?: Logger;
}): DailyCheck {
  return async () => {
    let engagements = 0;
    for (let afterId: string | null = null; ; ) {
      const page = await deps.engagements.list({ status: 'active' }, { afterId, limit: 500 });
      for (const e of page) await scheduleRecompute(deps.queues, e.id);
      engagements += page.length;
      const last = page.at(-1);
      if (page.length < 500 || !last) break;
      afterId = last.id;
    }
    for (const check of deps.extraChecks ?? []) await check();
    const result = { engagements, extraChecks: deps.extraChecks?.length ?? 0 };
    deps.logger?.info(result, 'daily check scheduled the recomputes');
    return result;
  };
}

/**
 * The recompute queue's processor: `recompute` jobs recompute one engagement, `daily-check` jobs
 * run the daily check. Replaces the recompute-only processor of recompute.job.ts.
 */
export function recomputeQueueProcessor(deps: {
  recompute: (engagementId: string) => Promise<unknown>;
  dailyCheck: DailyCheck;
}): QueueProcessor {
  return {
    queue: recomputeJob.queue,
    process: async (data, job) => {
      if (job.name === dailyCheckJob.name) {
        DailyCheckPayload.parse(data);
        return deps.dailyCheck();
      }
      return deps.recompute(RecomputePayload.parse(data).engagementId);
    },
  };
}

/**
 * Registers the schedule (one scheduler id: idempotent across processes) and runs the check
 * once now, so a worker started just after :05 does not wait an hour; workers starting together
 * coalesce into one run.
 */
export async function scheduleDailyCheck(
  queues: Pick<Queues, 'queue'>,
  pattern: string = DAILY_CHECK_PATTERN,
): Promise<void> {
  const queue = queues.queue(dailyCheckJob.queue);
  const opts = {
    removeOnComplete: 100,
    removeOnFail: 100,
    attempts: 5,
    backoff: { type: 'exponential', delay: 5000 },
  };
  await queue.upsertJobScheduler(
    dailyCheckJob.name,
    { pattern, tz: 'UTC' },
    { name: dailyCheckJob.name, data: {}, opts },
  );
  await queue.add(
    dailyCheckJob.name,
    {},
    { ...opts, deduplication: { id: 'daily-check-start', ttl: 60_000 } },
  );
}
