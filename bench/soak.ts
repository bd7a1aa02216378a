/**
 * The soak (run by `npm run reliability`): the real service as two processes, as production runs
 * it — `JALON_ROLE=api` (HTTP, webhook receivers) and `JALON_ROLE=worker` (BullMQ workers), each
 * `node src/main.ts` behind a small IPC shim (bench/support/soak-child.ts) — on a fresh database
 * and queue prefix, under a steady mixed load from this process on loopback for
 * JALON_SOAK_SECONDS (30 in CI, 600 with --full): signed Jira webhooks, the providers dashboard,
 * an engagement dashboard, the finance reads (unlocked milestones, payments) and client decisions
 * (each deliverable's issue moved to done by webhook, then accepted or rejected once the recompute
 * made it ready_for_review; the push-backs go to a stand-in Jira on loopback).
 *
 * Samples each process's RSS (/proc/<pid>/status VmRSS) and heap (process.memoryUsage() over IPC),
 * Redis used_memory and queue depth; writes bench/results/soak.json. The load generator's own
 * memory is not in the figures.
 *
 * Knobs: JALON_SOAK_SECONDS, JALON_SOAK_RATE (req/s, default 80), JALON_SOAK_DECISIONS_PER_S
 * (default 1), JALON_SOAK_NODE_FLAGS (extra node flags of both service processes, default
 * SERVICE_NODE_FLAGS), JALON_SOAK_HEAPSNAPSHOTS (e.g. `30,150`: heap snapshots of both processes
 * at those seconds into the load, in JALON_SOAK_HEAP_DIR, default /tmp/jalon-soak-heap; compare
 * them with bench/support/soak-heapdiff.ts).
 */

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { createQueues } from '../src/jobs/queues.ts';
import { jiraDelivery } from '../test/support/jira-deliveries.ts';
import { BENCH_REDIS_URL, createBenchDatabase, runTag } from './support/database.ts';
import { SERVICE_NODE_FLAGS } from './support/node-flags.ts';
import { percentile, round, sleep, writeResult } from './support/report.ts';
import { type Role, type ServiceProcess, startProcess } from './support/soak-processes.ts';
import { BULK_ISSUES, BULK_PROJECT, CRITERIA, createContracts, startFakeJira } from './support/soak-setup.ts';

const SECONDS = Number(process.env.JALON_SOAK_SECONDS ?? 30);
const RATE = Number(process.env.JALON_SOAK_RATE ?? 80); // requests per second, all routes but decisions
const DECISIONS_PER_S = Number(process.env.JALON_SOAK_DECISIONS_PER_S ?? 1);
const NODE_FLAGS = process.env.JALON_SOAK_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [...SERVICE_NODE_FLAGS];
const SNAPSHOTS_AT = (process.env.JALON_SOAK_HEAPSNAPSHOTS ?? '').split(',').filter(Boolean).map(Number);
const HEAP_DIR = process.env.JALON_SOAK_HEAP_DIR ?? '/tmp/jalon-soak-heap';
/** A decision is sent this long after its issue's done webhook (recompute window 1 s, then the job). */
const DECISION_LAG_MS = 4000;
const CLIENTS = 8;
const SAMPLE_MS = SECONDS >= 300 ? 10_000 : 2000;
const QUEUES = [
  'ingest',
  'recompute',
  'events',
  'event-delivery',
  'sync',
  'relay',
  'pushback',
  'unlock-check',
  'status-report',
  'webhook-refresh',
];
const ROLES: Role[] = ['api', 'worker'];
const ADMIN = `soak-admin-${randomBytes(16).toString('hex')}`;
const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
/** The code the service processes load: HEAD when they start, and what differed from it. */
const COMMIT = git('rev-parse', 'HEAD');
const UNCOMMITTED = git('status', '--porcelain', '--', 'src', 'adapters', 'package.json')
  .split('\n')
  .filter(Boolean);
const database = await createBenchDatabase();
const prefix = runTag('jsoak');
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  NODE_ENV: 'production',
  JALON_METRICS_TOKEN: 'bench-metrics-token-0001',
  HOST: '127.0.0.1',
  PORT: String(port),
  // A worker-only process serves /health, /ready and /metrics there (when src/main.ts does).
  JALON_METRICS_PORT: String(await freePort()),
  JALON_PUBLIC_URL: base,
  DATABASE_URL: database.url,
  REDIS_URL: BENCH_REDIS_URL,
  JALON_QUEUE_PREFIX: prefix,
  JALON_SECRET_KEY: randomBytes(32).toString('base64'),
  JALON_BOOTSTRAP_ADMIN_KEY: ADMIN,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};
const queues = createQueues({ redisUrl: BENCH_REDIS_URL, prefix });
await queues.ready();
const jira = await startFakeJira();

const procs = {} as Partial<Record<Role, ServiceProcess>>;
const live = procs as Record<Role, ServiceProcess>;
let exitCode = 0;
try {
  // The api process first: it applies the migrations, then the worker starts on a migrated database.
  procs.api = startProcess('api', env, NODE_FLAGS);
  for (const t0 = Date.now(); ; await sleep(200)) {
    const ok = await fetch(`${base}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() - t0 > 60_000) throw new Error('the api process did not become ready in 60 s');
  }
  procs.worker = startProcess('worker', env, NODE_FLAGS);
  for (const t0 = Date.now(); (await queues.queue('ingest').getWorkersCount()) === 0; await sleep(200)) {
    if (Date.now() - t0 > 60_000) throw new Error('the worker process did not start its workers in 60 s');
  }

  const loadAtStart = loadavg();
  const setupStart = Date.now();
  const contracts = await createContracts(base, headers, {
    decisions: Math.ceil((SECONDS + 10) * DECISIONS_PER_S),
    jiraUrl: jira.url,
  });
  const setupSeconds = round((Date.now() - setupStart) / 1000, 1);

  type Route = { name: string; request: () => Promise<Response> };
  const WEBHOOK = 'POST /webhooks/jira/{id}';
  const sendJira = (body: Buffer, h: Record<string, string>) =>
    fetch(`${base}/webhooks/jira/${contracts.connectionId}`, { method: 'POST', headers: h, body });
  let tick = 0;
  const webhook = (): Promise<Response> => {
    const n = tick++;
    const categories = ['todo', 'in_progress', 'done'] as const;
    const d = jiraDelivery({
      id: String(700_000 + (n % BULK_ISSUES)),
      key: `${BULK_PROJECT}-${n % BULK_ISSUES}`,
      category: categories[Math.floor(n / BULK_ISSUES) % 3] ?? 'todo',
      updated: new Date(Date.UTC(2027, 0, 1) + n * 1000),
      project: BULK_PROJECT,
    });
    return sendJira(d.body, d.headers);
  };
  const get = (path: string) => () => fetch(base + path, { headers });
  // Weights: half webhooks, the rest dashboard and finance reads (decisions have their own client).
  const ROUTES: Route[] = [
    { name: WEBHOOK, request: webhook },
    { name: 'GET /v1/dashboard/providers', request: get('/v1/dashboard/providers') },
    { name: WEBHOOK, request: webhook },
    {
      name: 'GET /v1/payment-milestones?status=unlocked',
      request: get('/v1/payment-milestones?status=unlocked'),
    },
    { name: WEBHOOK, request: webhook },
    {
      name: 'GET /v1/engagements/{id}/dashboard',
      request: get(`/v1/engagements/${contracts.portfolioEngagementId}/dashboard`),
    },
  ];

  const latencies = new Map<string, number[]>();
  const errors: { route: string; status: number; body: string }[] = [];
  interface ProcessSample {
    rssMb: number;
    heapMb: number;
    heapTotalMb: number;
    externalMb: number;
  }
  type Sample = { atS: number; redisMb: number; queued: number } & Record<Role, ProcessSample>;
  const samples: Sample[] = [];
  const started = Date.now();
  const stopAt = started + SECONDS * 1000;

  async function record(name: string, request: () => Promise<Response>): Promise<number> {
    const t0 = performance.now();
    const res = await request();
    const body = await res.text();
    const ms = performance.now() - t0;
    if (res.status >= 400) errors.push({ route: name, status: res.status, body: body.slice(0, 300) });
    const list = latencies.get(name) ?? [];
    if (list.length === 0) latencies.set(name, list);
    list.push(ms);
    return ms;
  }

  async function queued(): Promise<number> {
    let n = 0;
    for (const q of QUEUES) {
      // Delayed jobs are left out: each job scheduler (relay, checks) always keeps its next run delayed.
      const c = await queues.queue(q).getJobCounts('waiting', 'active', 'prioritized');
      n += Object.values(c).reduce((a, b) => a + b, 0);
    }
    return n;
  }
  const mb = (bytes: number) => round(bytes / 2 ** 20, 1);
  async function sample(): Promise<void> {
    const atS = round((Date.now() - started) / 1000, 1);
    const info = await queues.connection.info('memory');
    const used = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
    const per = {} as Record<Role, ProcessSample>;
    for (const role of ROLES) {
      const p = live[role];
      const m = await p.memory();
      per[role] = {
        rssMb: mb(p.rss()),
        heapMb: mb(m.heapUsed),
        heapTotalMb: mb(m.heapTotal),
        externalMb: mb(m.external),
      };
    }
    samples.push({ atS, ...per, redisMb: round(used / 2 ** 20, 2), queued: await queued() });
  }

  async function client(k: number): Promise<void> {
    const interval = (1000 * CLIENTS) / RATE;
    for (let i = k; Date.now() < stopAt; i += CLIENTS) {
      const route = ROUTES[i % ROUTES.length] as Route;
      const ms = await record(route.name, route.request);
      await sleep(Math.max(0, interval - ms));
    }
  }

  /** Each step: one deliverable's issue moves to done; the decision on the one sent DECISION_LAG_MS ago. */
  let decided = 0;
  async function decisionClient(): Promise<void> {
    if (DECISIONS_PER_S <= 0) return;
    const interval = 1000 / DECISIONS_PER_S;
    const lag = Math.ceil(DECISION_LAG_MS / interval);
    for (let i = 0; Date.now() < stopAt; i++) {
      const t0 = performance.now();
      const done = contracts.decisions[i];
      if (done) {
        const d = jiraDelivery({
          id: done.issueId,
          key: done.key,
          category: 'done',
          updated: new Date(),
          project: done.project,
        });
        await record(WEBHOOK, () => sendJira(d.body, d.headers));
      }
      const target = contracts.decisions[i - lag];
      if (target) {
        // The last two of every other milestone's ten deliverables are rejected: half the
        // milestones unlock (the finance read then lists them), one decision in ten is a rejection.
        const reject = (i - lag) % 20 >= 18;
        const payload = reject
          ? {
              decision: 'reject',
              note: 'Audit failed',
              criteria: CRITERIA.map((c, j) => ({ criterion: c, met: j === 0 })),
            }
          : { decision: 'accept', criteria: CRITERIA.map((c) => ({ criterion: c, met: true })) };
        await record('POST /v1/deliverables/{id}/decision', () =>
          fetch(`${base}/v1/deliverables/${target.deliverableId}/decision`, {
            method: 'POST',
            headers,
            body: JSON.stringify(payload),
          }),
        );
        decided++;
      }
      await sleep(Math.max(0, interval - (performance.now() - t0)));
    }
  }

  async function snapshots(): Promise<void> {
    if (SNAPSHOTS_AT.length === 0) return;
    mkdirSync(HEAP_DIR, { recursive: true });
    for (const at of SNAPSHOTS_AT) {
      await sleep(Math.max(0, started + at * 1000 - Date.now()));
      if (Date.now() >= stopAt) return;
      for (const role of ROLES) {
        const file = await live[role].heapSnapshot(`${HEAP_DIR}/${role}-${at}s.heapsnapshot`);
        console.error(`heap snapshot: ${file}`);
      }
    }
  }

  const cpuAtStart = Object.fromEntries(ROLES.map((r) => [r, live[r].cpuSeconds()])) as Record<Role, number>;
  let sampling = Promise.resolve();
  const sampler = setInterval(() => {
    sampling = sampling.then(sample).catch((err: unknown) => console.error('sample failed', err));
  }, SAMPLE_MS);
  await sample();
  await Promise.all([...Array.from({ length: CLIENTS }, (_, k) => client(k)), decisionClient(), snapshots()]);
  clearInterval(sampler);
  await sampling;
  const cpuUsed = Object.fromEntries(
    ROLES.map((r) => [r, round(live[r].cpuSeconds() - cpuAtStart[r], 1)]),
  ) as Record<Role, number>;
  const drainStart = Date.now();
  // Back to zero: the first read with nothing waiting or active (a job scheduler's next run may
  // show up as waiting for a moment afterwards; the last sample may then count it).
  let left = await queued();
  while (left > 0 && Date.now() - drainStart < 60_000) {
    await sleep(250);
    left = await queued();
  }
  const drainS = round((Date.now() - drainStart) / 1000, 1);
  await sample();

  const decisionRows = await (async () => {
    const pg = await import('pg');
    const c = new pg.default.Client({ connectionString: database.url });
    await c.connect();
    const r = await c.query<{
      decisions: string;
      pushbacks_done: string;
      pushbacks: string;
      unlocked: string;
    }>(
      `SELECT (SELECT count(*) FROM decisions) AS decisions,
              (SELECT count(*) FROM push_backs) AS pushbacks,
              (SELECT count(*) FROM push_backs WHERE status = 'done') AS pushbacks_done,
              (SELECT count(*) FROM payment_milestones WHERE status <> 'locked') AS unlocked`,
    );
    await c.end();
    const row = r.rows[0];
    return {
      decisions: Number(row?.decisions),
      pushBacks: Number(row?.pushbacks),
      pushBacksDone: Number(row?.pushbacks_done),
      milestonesUnlocked: Number(row?.unlocked),
    };
  })().catch((err: unknown) => ({ error: String(err) }));

  const warmS = Math.min(60, SECONDS * 0.2);
  const warm = samples.filter((s) => s.atS >= warmS);
  const memoryGoals = (role: Role) => {
    const rss = warm.map((s) => s[role].rssMb);
    const min = Math.min(...rss);
    const max = Math.max(...rss);
    return {
      [`${role}RssFlatWithin10Percent`]: { value: round((max - min) / min, 3), met: max <= min * 1.1 },
      [`${role}RssBelow300Mb`]: { value: max, met: max < 300 },
    };
  };
  const routes = Object.fromEntries(
    [...latencies].map(([name, ms]) => {
      const sorted = [...ms].sort((a, b) => a - b);
      return [
        name,
        { requests: ms.length, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)) },
      ];
    }),
  );
  const total = [...latencies.values()].reduce((n, l) => n + l.length, 0);
  const result = {
    at: new Date().toISOString(),
    commit: COMMIT,
    /** Files of the service that differed from that commit when the service processes started. */
    uncommitted: UNCOMMITTED,
    /** From this process's start to the result: setup, load and drain. */
    wallSeconds: Math.round((Date.now() - performance.timeOrigin) / 1000),
    seconds: SECONDS,
    targetRate: RATE,
    decisionsPerSecond: DECISIONS_PER_S,
    nodeFlags: NODE_FLAGS.join(' '),
    processes: ROLES.map((r) => ({
      role: r,
      command: `node ${NODE_FLAGS.join(' ')} src/main.ts`.replace(/ +/g, ' '),
    })),
    setupSeconds,
    /** 1, 5 and 15 min load averages of the machine (2 cores shared with other work). */
    loadAverage: { atStart: loadAtStart.map((l) => round(l)), atEnd: loadavg().map((l) => round(l)) },
    warmUpSeconds: warmS,
    throughputRps: round(total / SECONDS, 1),
    /** CPU seconds each process used during the load, and per request: the cost, whatever the machine's load. */
    cpu: Object.fromEntries(
      ROLES.map((r) => [r, { seconds: cpuUsed[r], msPerRequest: round((cpuUsed[r] * 1000) / total, 2) }]),
    ),
    requests: total,
    decisionsSent: decided,
    database: decisionRows,
    fakeJiraCalls: Object.fromEntries(jira.calls),
    errors: errors.length,
    errorSample: errors.slice(0, 5),
    routes,
    samples,
    drainSeconds: drainS,
    goals: {
      ...memoryGoals('api'),
      ...memoryGoals('worker'),
      queuesBackToZero: { value: left, met: left === 0 },
      noErrorResponses: { value: errors.length, met: errors.length === 0 },
    },
  };
  writeResult('soak', result);
  console.log(JSON.stringify({ ...result, samples: samples.length }, null, 2));
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  const exits = await Promise.all(ROLES.map((r) => procs[r]?.stop()));
  if (exits.some((c) => c !== 0 && c !== undefined)) console.error(`service exit codes: ${exits.join(', ')}`);
  let cursor = '0';
  do {
    const [next, keys] = await queues.connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await queues.connection.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  await queues.close();
  await jira.close();
  await database.drop();
}
process.exit(exitCode);
