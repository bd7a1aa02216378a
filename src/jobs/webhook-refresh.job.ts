import { z } from 'zod';
import type { WebhookRegistrationService } from '../services/webhook-registration.service.ts';
import type { JobDefinition, QueueProcessor } from './job.ts';
import type { Queues } from './queues.ts';

/**
 * Keeps expiring tracker webhooks alive (Jira's dynamic webhooks die 30 days after their last
 * refresh): every 6 hours, and once when a worker starts, the registrations that expire within
 * 7 days are refreshed. Running it twice changes nothing: a refreshed registration is no longer due.
 */
export const WebhookRefreshPayload = z.object({});
export const webhookRefreshJob: JobDefinition<z.infer<typeof WebhookRefreshPayload>> = {
  queue: 'webhook-refresh',
  name: 'webhook-refresh',
  payload: WebhookRefreshPayload,
};

export const WEBHOOK_REFRESH_EVERY_MS = 6 * 3600_000;

export function webhookRefreshProcessor(deps: {
  registration: Pick<WebhookRegistrationService, 'refreshDue'>;
}): QueueProcessor {
  return {
    queue: webhookRefreshJob.queue,
    concurrency: 1,
    process: async (data) => {
      WebhookRefreshPayload.parse(data);
      return deps.registration.refreshDue();
    },
  };
}

const OPTS = {
  removeOnComplete: 100,
  removeOnFail: 100,
  attempts: 5,
  backoff: { type: 'exponential', delay: 5000 },
};

/** Registers the schedule (one scheduler id: idempotent across processes) and runs it once now. */
export async function scheduleWebhookRefresh(
  queues: Pick<Queues, 'queue'>,
  everyMs: number = WEBHOOK_REFRESH_EVERY_MS,
): Promise<void> {
  const queue = queues.queue(webhookRefreshJob.queue);
  await queue.upsertJobScheduler(
    'webhook-refresh',
    // From one period on: the run at start is the one queued below (an `every` scheduler would
    // otherwise run at once as well; `startDate` only counts when the scheduler is created).
    { every: everyMs, startDate: Date.now() + everyMs },
    { name: webhookRefreshJob.name, data: {}, opts: OPTS },
  );
  await runWebhookRefreshNow(queues, 'webhook-refresh-start');
}

/** Queues one refresh now; calls with the same `dedupeId` within a minute coalesce into one run. */
export async function runWebhookRefreshNow(
  queues: Pick<Queues, 'queue'>,
  dedupeId = `webhook-refresh-${Date.now()}`,
): Promise<string | undefined> {
  const job = await queues
    .queue(webhookRefreshJob.queue)
    .add(webhookRefreshJob.name, {}, { ...OPTS, deduplication: { id: dedupeId, ttl: 60_000 } });
  return job.id;
}
