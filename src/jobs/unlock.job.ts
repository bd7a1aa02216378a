import { z } from 'zod';
import type { UnlockCheck } from '../services/milestone-unlock.ts';
import type { JobDefinition, QueueProcessor } from './job.ts';
import type { Queues } from './queues.ts';

/**
 * The scheduled milestone check: unlocks milestones whose `notBefore` has passed once their other
 * conditions hold (the decision that accepts the last deliverable unlocks the others at once).
 */
export const UnlockCheckPayload = z.object({});
export const unlockCheckJob: JobDefinition<z.infer<typeof UnlockCheckPayload>> = {
  queue: 'unlock-check',
  name: 'unlock-check',
  payload: UnlockCheckPayload,
};

/**
 * At least daily, as the issue asks, but hourly on the hour: `notBefore` passes at midnight in each
 * engagement's own time zone, and those midnights fall on every UTC hour, so a once-a-day run would
 * unlock up to a day late in some zones.
 */
export const UNLOCK_CHECK_PATTERN = '0 * * * *';

export function unlockCheckProcessor(deps: { check: Pick<UnlockCheck, 'run'> }): QueueProcessor {
  return {
    queue: unlockCheckJob.queue,
    concurrency: 1,
    process: async () => deps.check.run(),
  };
}

/** Registers the schedule (idempotent across processes: one scheduler id). */
export async function scheduleUnlockCheck(queues: Pick<Queues, 'queue'>): Promise<void> {
  await queues
    .queue(unlockCheckJob.queue)
    .upsertJobScheduler(
      'milestone-unlock-check',
      { pattern: UNLOCK_CHECK_PATTERN, tz: 'UTC' },
      { name: unlockCheckJob.name, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
}
