import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { WebhookMetrics } from '../services/webhook-receiver.ts';
import type { Queues } from './queues.ts';
import type { TrackerCallObserver } from './rate-limiter.ts';
import type { JobObserver } from './workers.ts';

/**
 * Prometheus metrics of one container. Each container has its own registry (never prom-client's
 * global one), so several apps in one process (the tests) do not collide. The rest of the code
 * sees only the narrow observers below; nothing outside this file and http/metrics.ts imports
 * prom-client.
 */
export interface Metrics {
  readonly registry: Registry;
  readonly webhooks: WebhookMetrics;
  readonly jobs: JobObserver;
  readonly trackers: TrackerCallObserver;
}

/** Job attempts run from milliseconds (ingest) to minutes (a first full sync). */
const JOB_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

export function createMetrics(deps: {
  queues: Pick<Queues, 'queue'>;
  /** The queues whose depth is reported; read at each scrape (processors may be added late). */
  queueNames: () => Iterable<string>;
}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const webhooks = new Counter({
    name: 'jalon_webhooks_total',
    help: 'Webhook deliveries received, by tracker and result (stored, duplicate, rejected, …)',
    labelNames: ['tracker', 'result'] as const,
    registers,
  });
  const jobDuration = new Histogram({
    name: 'jalon_job_duration_seconds',
    help: 'Duration of each job attempt, by queue and outcome (completed, failed, delayed)',
    labelNames: ['queue', 'outcome'] as const,
    buckets: JOB_BUCKETS,
    registers,
  });
  const trackerCalls = new Counter({
    name: 'jalon_tracker_calls_total',
    help: 'Calls made to trackers, by tracker, kind (read, write) and outcome (ok, rate_limited, error)',
    labelNames: ['tracker', 'kind', 'outcome'] as const,
    registers,
  });
  const rateLimited = new Counter({
    name: 'jalon_tracker_rate_limited_total',
    help: 'Calls a tracker refused with 429 (Retry-After honoured), by tracker',
    labelNames: ['tracker'] as const,
    registers,
  });
  new Gauge({
    name: 'jalon_queue_jobs',
    help: 'Jobs in each BullMQ queue by state, read from Redis at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      this.reset();
      await Promise.all(
        [...new Set(deps.queueNames())].map(async (queue) => {
          try {
            const counts = await deps.queues.queue(queue).getJobCounts();
            for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
          } catch {
            // Redis is down: the scrape still answers (without queue series); /ready reports it.
          }
        }),
      );
    },
  });

  return {
    registry,
    webhooks: { webhook: (tracker, result) => webhooks.inc({ tracker, result }) },
    jobs: { job: (queue, outcome, seconds) => jobDuration.observe({ queue, outcome }, seconds) },
    trackers: {
      call(tracker, kind, outcome) {
        trackerCalls.inc({ tracker, kind, outcome });
        if (outcome === 'rate_limited') rateLimited.inc({ tracker });
      },
    },
  };
}
