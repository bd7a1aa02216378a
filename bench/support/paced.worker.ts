import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadOptions, LoadOutcome } from './load.ts';

/**
 * The fixed-rate (open-loop) load generator: requests leave at evenly spaced times whatever the
 * server does, and each latency is counted from the time its request was due, not from when a
 * free socket let it go (so a server that falls behind shows the wait its callers would see:
 * no coordinated omission).
 *
 * autocannon's own rate option does not do this: it gives each connection a quota per second and
 * lets it send back to back until the quota is used, then waits for the next second
 * (autocannon/lib/httpClient.js `reqsMadeThisSecond`). "Half the load" then arrives as a burst at
 * full speed at the start of every second, and its latencies are those of a saturated server.
 *
 * The first second is a warm-up: its requests count as deliveries but not in the latencies.
 * `PACED_TRACE=1` prints the slowest answer of every 250 ms window to stderr.
 * Requests go out on keep-alive sockets, at most PACED_SOCKETS at once (more than the in-flight
 * count of any rate measured here); request n carries pool body n and delivery key
 * `<keyPrefix>-<n>`, as in the closed-loop generator.
 */
const PACED_SOCKETS = 256;
/** The first second's requests are sent and checked like the others, but not timed (sockets open). */
const WARMUP_MS = 1000;
const TIMEOUT_MS = 10_000;

const opts = workerData as LoadOptions;
const rate = opts.overallRate ?? 0;
if (rate <= 0) throw new Error('the paced generator needs overallRate');
const total = opts.amount ?? Math.floor(rate * (opts.durationS ?? 10));
const pool = opts.pool.map((p) => ({
  body: Buffer.from(p.body.buffer, p.body.byteOffset, p.body.byteLength),
  signature: p.signature,
}));
const target = new URL(opts.url);
const agent = new Agent({ keepAlive: true, maxSockets: PACED_SOCKETS });

const acked: string[] = [];
const ackedAt: number[] = [];
const latencies: number[] = [];
/** How late each request left (this thread's own delay, included in its latency). */
const lags: number[] = [];
const trace: [number, number][] = [];
let non2xx = 0;
let errors = 0;
let timeouts = 0;
let sent = 0;
let settled = 0;

function send(n: number, dueAt: number): void {
  lags.push(performance.now() - dueAt);
  const pooled = pool[n % pool.length];
  if (!pooled) throw new Error('empty pool');
  const key = `${opts.keyPrefix}-${n}`;
  sent += 1;
  const req = request(
    {
      agent,
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': pooled.body.length,
        'x-atlassian-webhook-identifier': key,
        'x-hub-signature': pooled.signature,
      },
      timeout: TIMEOUT_MS,
    },
    (res) => {
      res.resume();
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status <= 299) {
          if (dueAt - started >= WARMUP_MS) latencies.push(performance.now() - dueAt);
          if (process.env.PACED_TRACE) trace.push([dueAt - started, performance.now() - dueAt]);
          acked.push(key);
          if (opts.recordAckTimes) ackedAt.push(Date.now());
        } else {
          non2xx += 1;
        }
        settled += 1;
      });
    },
  );
  req.on('timeout', () => {
    timeouts += 1;
    req.destroy(new Error('timeout'));
  });
  req.on('error', () => {
    errors += 1;
    settled += 1;
  });
  req.end(pooled.body);
}

// Every millisecond, send the requests whose due time has come (due times are n / rate).
const started = performance.now();
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const elapsed = performance.now() - started;
    const due = Math.min(total, Math.floor((elapsed * rate) / 1000) + 1);
    while (sent < due) send(sent, started + (sent * 1000) / rate);
    if (sent >= total) {
      clearInterval(timer);
      resolve();
    }
  }, 1);
});
const sendingMs = performance.now() - started;
// Wait for the answers still on their way (bounded by the request timeout).
while (settled + timeouts < sent && performance.now() - started < sendingMs + TIMEOUT_MS + 1000) {
  await new Promise((r) => setTimeout(r, 5));
}
agent.destroy();
if (process.env.PACED_TRACE) {
  const w = new Map<number, number>();
  for (const [t, l] of trace) w.set(Math.floor(t / 250), Math.max(w.get(Math.floor(t / 250)) ?? 0, l));
  console.error(
    [...w.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([k, v]) => `${k * 250}:${v.toFixed(0)}`)
      .join(' '),
  );
}

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
};
const at = (q: number) => percentile(latencies, q);
/** The fields of autocannon's result that summarize() and the reports read, filled the same way. */
const result = {
  connections: PACED_SOCKETS,
  duration: sendingMs / 1000,
  requests: { sent },
  '2xx': acked.length,
  non2xx,
  errors,
  timeouts,
  latency: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) },
  sendLagMs: { p50: percentile(lags, 0.5), p99: percentile(lags, 0.99), max: percentile(lags, 1) },
};
const outcome: Omit<LoadOutcome, 'mainThreadBusy'> = {
  result: result as unknown as LoadOutcome['result'],
  acked,
  ackedAt,
};
parentPort?.postMessage(outcome);

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
