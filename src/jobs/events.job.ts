import { z } from 'zod';
import type { EventDeliveryStore } from '../core/event-ports.ts';
import type { EventDeliveryService } from '../services/event-delivery.service.ts';
import type { JobDefinition, QueueProcessor } from './job.ts';
import type { Queues } from './queues.ts';

/**
 * Outgoing events (FLOW.md step 11). The `events` queue runs two scheduled jobs: `dispatch` turns
 * undispatched outbox events into delivery rows (every second), `relay` re-queues deliveries that
 * are due but were never queued or whose job was lost. The `event-delivery` queue runs one job per
 * attempt; the delivery row, not the job, says whether the event went out.
 */
export const EventsPayload = z.object({});
export const dispatchJob: JobDefinition<z.infer<typeof EventsPayload>> = {
  queue: 'events',
  name: 'dispatch',
  payload: EventsPayload,
};

export const DeliveryPayload = z.object({
  deliveryId: z.number().int().positive(),
  /** Attempts made before this one: a new job id per attempt, so a retry is never absorbed. */
  attempt: z.number().int().min(0),
});
export type DeliveryPayload = z.infer<typeof DeliveryPayload>;

export const deliveryJobId = (p: DeliveryPayload) => `delivery-${p.deliveryId}-${p.attempt}`;

/** HTTP failures are handled by the service (recorded, retried by a new job); these retries cover Jalon's own trouble (database down). */
export const deliveryJob: JobDefinition<DeliveryPayload> = {
  queue: 'event-delivery',
  name: 'deliver',
  payload: DeliveryPayload,
  jobId: deliveryJobId,
  options: { attempts: 5, backoff: { type: 'exponential', delay: 2000, jitter: 0.5 } },
};

export const DISPATCH_EVERY_MS = 1000;
export const EVENT_RELAY_EVERY_MS = 15_000;
/** A pending delivery this late past its due time is taken as lost by BullMQ and queued again. */
export const EVENT_RELAY_GRACE_MS = 30_000;

/** Jobs BullMQ still holds to run: a relay must not add a second one beside them. */
const QUEUED_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

export function enqueueDelivery(queues: Pick<Queues, 'enqueue'>) {
  return async (deliveryId: number, attempt: number, delayMs: number) => {
    await queues.enqueue(deliveryJob, { deliveryId, attempt }, delayMs > 0 ? { delay: delayMs } : {});
  };
}

/** Re-queues due deliveries that BullMQ no longer holds (Redis was down or lost its data). */
async function relayDeliveries(
  deps: { deliveries: Pick<EventDeliveryStore, 'due'>; queues: Pick<Queues, 'enqueue' | 'queue'> },
  graceMs: number,
): Promise<{ requeued: number }> {
  const queue = deps.queues.queue(deliveryJob.queue);
  let requeued = 0;
  for (const row of await deps.deliveries.due(new Date(Date.now() - graceMs), 500)) {
    const payload = { deliveryId: row.id, attempt: row.attempts };
    const job = await queue.getJob(deliveryJobId(payload));
    if (job) {
      if (QUEUED_STATES.has(await job.getState())) continue;
      await job.remove().catch(() => {}); // finished (it ran early or gave up): make room for a new one
    }
    await deps.queues.enqueue(deliveryJob, payload);
    requeued++;
  }
  return { requeued };
}

export function eventsProcessor(deps: {
  events: Pick<EventDeliveryService, 'dispatch'>;
  deliveries: Pick<EventDeliveryStore, 'due'>;
  queues: Pick<Queues, 'enqueue' | 'queue'>;
  graceMs?: number;
}): QueueProcessor {
  return {
    queue: dispatchJob.queue,
    concurrency: 1,
    process: async (_data, job) =>
      job.name === 'relay'
        ? relayDeliveries(deps, deps.graceMs ?? EVENT_RELAY_GRACE_MS)
        : deps.events.dispatch(),
  };
}

export function deliveryProcessor(deps: { events: Pick<EventDeliveryService, 'deliver'> }): QueueProcessor {
  return {
    queue: deliveryJob.queue,
    process: async (data) => deps.events.deliver(DeliveryPayload.parse(data).deliveryId),
  };
}

/** Registers the dispatcher's and the relay's schedules (idempotent: one scheduler id each). */
export async function scheduleEvents(
  queues: Pick<Queues, 'queue'>,
  opts: { dispatchEveryMs?: number; relayEveryMs?: number } = {},
): Promise<void> {
  const queue = queues.queue(dispatchJob.queue);
  const jobOpts = { removeOnComplete: 100, removeOnFail: 100 };
  await queue.upsertJobScheduler(
    'events-dispatch',
    { every: opts.dispatchEveryMs ?? DISPATCH_EVERY_MS },
    { name: 'dispatch', data: {}, opts: jobOpts },
  );
  await queue.upsertJobScheduler(
    'events-relay',
    { every: opts.relayEveryMs ?? EVENT_RELAY_EVERY_MS },
    { name: 'relay', data: {}, opts: jobOpts },
  );
}
