import { Worker } from 'node:worker_threads';
import type autocannon from 'autocannon';
import { round } from './report.ts';

export interface PooledBody {
  readonly body: Uint8Array;
  /** The X-Hub-Signature header for this body. */
  readonly signature: string;
}

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  /** Run for this long, or send exactly `amount` requests (then every answer is awaited). */
  readonly durationS?: number;
  readonly amount?: number;
  /** Requests per second across all connections; unset: as fast as the server answers. */
  readonly overallRate?: number;
  readonly pool: readonly PooledBody[];
  readonly keyPrefix: string;
  /** Keep each 2xx's wall-clock time (Date.now()) next to its key. */
  readonly recordAckTimes?: boolean;
}

export interface LoadOutcome {
  readonly result: autocannon.Result;
  /** Delivery keys answered 2xx, in answer order. */
  readonly acked: readonly string[];
  /** Date.now() of each answer in `acked` (when recordAckTimes). */
  readonly ackedAt: readonly number[];
  /** Share of the run the main thread (both servers, the BullMQ workers) was busy, 0–1. */
  readonly mainThreadBusy: number;
}

/**
 * Runs the load in a worker thread: autocannon's closed loop (each connection sends its next
 * request when the last is answered) at full speed, or, with `overallRate`, the paced open-loop
 * generator (paced.worker.ts: evenly spaced requests, latency from each one's due time).
 */
export function runLoad(opts: LoadOptions): Promise<LoadOutcome> {
  const before = performance.eventLoopUtilization();
  const script = opts.overallRate ? './paced.worker.ts' : './load.worker.ts';
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(script, import.meta.url), { workerData: opts });
    worker.once('message', (outcome: Omit<LoadOutcome, 'mainThreadBusy'>) =>
      resolve({ ...outcome, mainThreadBusy: performance.eventLoopUtilization(before).utilization }),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
  });
}

export interface LoadSummary {
  readonly connections: number;
  readonly durationS: number;
  readonly targetRate: number | null;
  readonly sent: number;
  readonly accepted: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Accepted (2xx) answers per second over the run. */
  readonly throughputRps: number;
  readonly latencyMs: {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
  };
  /** Main-thread busy share, and busy milliseconds per accepted request (the CPU price of one). */
  readonly mainThreadBusy: number;
  readonly mainThreadMsPerAccepted: number;
  /** Fixed-rate phases: how late requests left, and the generator thread's busy share. */
  readonly sendLagMs?: { p50: number; p99: number; max: number };
  readonly generatorBusy?: number;
}

export function summarize(outcome: LoadOutcome, targetRate: number | null = null): LoadSummary {
  const r = outcome.result;
  return {
    connections: r.connections,
    durationS: round(r.duration),
    targetRate,
    sent: r.requests.sent,
    accepted: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    throughputRps: Math.round(r['2xx'] / r.duration),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    mainThreadBusy: round(outcome.mainThreadBusy),
    mainThreadMsPerAccepted: round((outcome.mainThreadBusy * r.duration * 1000) / Math.max(1, r['2xx']), 3),
    ...paced(r),
  };
}

/** The paced generator's own figures, when the run was paced (autocannon has neither). */
function paced(r: autocannon.Result): Pick<LoadSummary, 'sendLagMs' | 'generatorBusy'> {
  const extra = r as unknown as Pick<LoadSummary, 'sendLagMs' | 'generatorBusy'>;
  return {
    ...(extra.sendLagMs ? { sendLagMs: extra.sendLagMs } : {}),
    ...(extra.generatorBusy === undefined ? {} : { generatorBusy: extra.generatorBusy }),
  };
}
