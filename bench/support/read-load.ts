import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import type autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { percentile, round } from './report.ts';

export interface ReadLoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly durationS: number;
  readonly headers: Record<string, string>;
}

export interface ReadLoadOutcome {
  readonly result: autocannon.Result;
  /** Every 2xx answer's latency in milliseconds (float). */
  readonly timesMs: Float64Array;
}

/** What a phase reports: exact percentiles from the recorded times, autocannon's counts. */
export interface PhaseSummary {
  readonly connections: number;
  readonly durationS: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly throughputRps: number;
  readonly latencyMs: {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
  };
}

export function runGetLoad(opts: ReadLoadOptions): Promise<ReadLoadOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./read-load.worker.ts', import.meta.url), { workerData: opts });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
  });
}

export function summarizeTimes(
  timesMs: ArrayLike<number>,
  durationS: number,
  connections: number,
  extra: { non2xx?: number; errors?: number } = {},
): PhaseSummary {
  const sorted = Float64Array.from(timesMs).sort();
  const p = (q: number) => round(percentile(Array.from(sorted), q), 3);
  return {
    connections,
    durationS: round(durationS),
    requests: sorted.length,
    non2xx: extra.non2xx ?? 0,
    errors: extra.errors ?? 0,
    throughputRps: Math.round(sorted.length / durationS),
    latencyMs: { p50: p(50), p90: p(90), p99: p(99), max: round(sorted.at(-1) ?? Number.NaN, 3) },
  };
}

export async function httpPhase(opts: ReadLoadOptions): Promise<PhaseSummary> {
  const { result, timesMs } = await runGetLoad(opts);
  return summarizeTimes(timesMs, result.duration, result.connections, {
    non2xx: result.non2xx,
    errors: result.errors,
  });
}

/** `SELECT 1` round trips from `clients` concurrent callers through one pg Pool, for `durationS`. */
export async function selectOnePhase(databaseUrl: string, clients: number, durationS: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: clients });
  try {
    await Promise.all(Array.from({ length: clients }, () => pool.query('select 1')));
    const times: number[] = [];
    const start = performance.now();
    const end = start + durationS * 1000;
    const caller = async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await pool.query('select 1');
        times.push(performance.now() - t);
      }
    };
    await Promise.all(Array.from({ length: clients }, caller));
    return summarizeTimes(times, (performance.now() - start) / 1000, clients);
  } finally {
    await pool.end();
  }
}

/** The HTTP yardstick: a bare Fastify GET route answering a small JSON body. No plugins, no logger. */
export async function startBareGet(): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ logger: false });
  app.get('/bare', async () => ({ items: [], nextCursor: null }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/bare`, close: () => app.close() };
}
