import { createConnection, type Socket } from 'node:net';
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
 * Requests go out on keep-alive TCP connections, at most PACED_SOCKETS at once (more than the
 * in-flight count of any rate measured here), one request at a time on each; request n carries
 * pool body n and delivery key `<keyPrefix>-<n>`, as in the closed-loop generator. Each request
 * is written as bytes (its head, then the pooled body) and each answer read by its status line
 * and Content-Length: node:http's client cost this thread ~4 times the CPU per request, and on two
 * cores the thread measuring competed with the server it measured (bare route at 2,500 req/s: p99
 * 5.3–25.9 ms with node:http, 2.8–4.7 ms with this). `generatorBusy` is this thread's busy share.
 */
const PACED_SOCKETS = 256;
/** The first second's requests are sent and checked like the others, but not timed (sockets open). */
const WARMUP_MS = 1000;
const TIMEOUT_MS = 10_000;

const opts = workerData as LoadOptions;
const rate = opts.overallRate ?? 0;
if (rate <= 0) throw new Error('the paced generator needs overallRate');
const total = opts.amount ?? Math.floor(rate * (opts.durationS ?? 10));
const target = new URL(opts.url);
const port = Number(target.port);
// Each request is its head (a short string) and a pooled body, written together: what a tracker
// sends, built for a few microseconds of this thread instead of an http.ClientRequest each.
const headPrefix =
  `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nContent-Type: application/json\r\n` +
  'Connection: keep-alive\r\n';
const pool = opts.pool.map((p) => ({
  body: Buffer.from(p.body.buffer, p.body.byteOffset, p.body.byteLength),
  signature: p.signature,
}));

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

interface Pending {
  readonly n: number;
  readonly dueAt: number;
}
/** A keep-alive connection with at most one request on it, and its answer being read. */
interface Conn {
  readonly socket: Socket;
  current: Pending | null;
  head: Buffer;
  /** Bytes of body still to come once the head is read (-1: head not complete yet). */
  remaining: number;
  status: number;
  timer: NodeJS.Timeout | null;
}
const idle: Conn[] = [];
const waiting: Pending[] = [];
let open = 0;

const HEAD_END = Buffer.from('\r\n\r\n');

function settle(c: Conn, ok: boolean): void {
  const p = c.current;
  if (!p) return;
  c.current = null;
  if (c.timer) clearTimeout(c.timer);
  c.timer = null;
  settled += 1;
  if (!ok) return;
  if (c.status >= 200 && c.status <= 299) {
    const latency = performance.now() - p.dueAt;
    if (p.dueAt - started >= WARMUP_MS) latencies.push(latency);
    if (process.env.PACED_TRACE) trace.push([p.dueAt - started, latency]);
    acked.push(`${opts.keyPrefix}-${p.n}`);
    if (opts.recordAckTimes) ackedAt.push(Date.now());
  } else {
    non2xx += 1;
  }
}

/** Reads answers: status line, Content-Length, then that many body bytes (Fastify always sets it). */
function onData(c: Conn, chunk: Buffer): void {
  let data = chunk;
  while (data.length > 0 && c.current) {
    if (c.remaining < 0) {
      c.head = c.head.length === 0 ? data : Buffer.concat([c.head, data]);
      const end = c.head.indexOf(HEAD_END);
      if (end < 0) return;
      const head = c.head.toString('latin1', 0, end);
      data = c.head.subarray(end + 4);
      c.head = Buffer.alloc(0);
      c.status = Number(head.slice(9, 12));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (!length) {
        errors += 1;
        settle(c, false);
        c.socket.destroy();
        return;
      }
      c.remaining = Number(length[1]);
    }
    const take = Math.min(c.remaining, data.length);
    c.remaining -= take;
    data = data.subarray(take);
    if (c.remaining === 0) {
      c.remaining = -1;
      settle(c, true);
      release(c);
    }
  }
}

function release(c: Conn): void {
  const next = waiting.shift();
  if (next) write(c, next);
  else idle.push(c);
}

function connect(first: Pending): void {
  open += 1;
  const socket = createConnection({ host: target.hostname, port, noDelay: true });
  const c: Conn = { socket, current: null, head: Buffer.alloc(0), remaining: -1, status: 0, timer: null };
  socket.on('data', (chunk: Buffer) => onData(c, chunk));
  socket.on('error', () => {});
  socket.on('close', () => {
    open -= 1;
    const i = idle.indexOf(c);
    if (i >= 0) idle.splice(i, 1);
    if (c.current) {
      errors += 1;
      settle(c, false);
    }
  });
  write(c, first);
}

function write(c: Conn, p: Pending): void {
  const pooled = pool[p.n % pool.length];
  if (!pooled) throw new Error('empty pool');
  c.current = p;
  c.remaining = -1;
  c.timer = setTimeout(() => {
    timeouts += 1;
    settle(c, false);
    c.socket.destroy();
  }, TIMEOUT_MS);
  c.socket.cork();
  c.socket.write(
    `${headPrefix}Content-Length: ${pooled.body.length}\r\nX-Atlassian-Webhook-Identifier: ${opts.keyPrefix}-${p.n}\r\nX-Hub-Signature: ${pooled.signature}\r\n\r\n`,
    'latin1',
  );
  c.socket.write(pooled.body);
  c.socket.uncork();
}

function send(n: number, dueAt: number): void {
  lags.push(performance.now() - dueAt);
  sent += 1;
  const p = { n, dueAt };
  const c = idle.pop();
  if (c) write(c, p);
  else if (open < PACED_SOCKETS) connect(p);
  else waiting.push(p);
}

// Every millisecond, send the requests whose due time has come (due times are n / rate).
const busyBefore = performance.eventLoopUtilization();
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
while (settled < sent && performance.now() - started < sendingMs + TIMEOUT_MS + 1000) {
  await new Promise((r) => setTimeout(r, 5));
}
const generatorBusy = performance.eventLoopUtilization(busyBefore).utilization;
for (const c of idle) c.socket.destroy();
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
  generatorBusy: round(generatorBusy),
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
