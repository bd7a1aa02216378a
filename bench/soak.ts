/**
 * The soak (run by `npm run reliability`): the real service (one process, JALON_ROLE=all: API and
 * workers) on a fresh database and queue prefix, under a steady mixed load on loopback for
 * JALON_SOAK_SECONDS (30 in CI, 600 with --full): signed Jira webhooks, the providers dashboard, the
 * unlocked milestones and an engagement dashboard. Samples RSS, heap, Redis used_memory and queue
 * depth; writes bench/results/soak.json. The load generator runs in the same process (its RSS
 * counts in the figures).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { createLogger } from '../src/logger.ts';
import { engagementBody } from '../test/support/engagement.ts';
import { JIRA_SECRET, JIRA_SETTINGS, jiraDelivery } from '../test/support/jira-deliveries.ts';
import { BENCH_REDIS_URL, createBenchDatabase, runTag } from './support/database.ts';
import { percentile, round, sleep, writeResult } from './support/report.ts';

const SECONDS = Number(process.env.JALON_SOAK_SECONDS ?? 30);
const RATE = Number(process.env.JALON_SOAK_RATE ?? 80); // requests per second, all routes
const CLIENTS = 8;
const SAMPLE_MS = SECONDS >= 300 ? 10_000 : 2000;
const QUEUES = ['ingest', 'recompute', 'events', 'sync', 'relay'];
const ADMIN = `soak-admin-${randomBytes(16).toString('hex')}`;
const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };

const database = await createBenchDatabase();
const config = loadConfig({
  NODE_ENV: 'production',
  DATABASE_URL: database.url,
  REDIS_URL: BENCH_REDIS_URL,
  JALON_QUEUE_PREFIX: runTag('jsoak'),
  JALON_SECRET_KEY: randomBytes(32).toString('base64'),
  JALON_BOOTSTRAP_ADMIN_KEY: ADMIN,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});
const container = await createContainer(config, createLogger(config.logLevel));
const app = await container.buildHttp();
const workers = container.startWorkers();
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

async function post(path: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}
const providerId = (await post('/v1/providers', { name: 'Soak provider' })).id;
const engagementId = (await post('/v1/engagements', engagementBody(providerId))).id;
const connectionId = (
  await post('/v1/connections', {
    tracker: 'jira',
    name: 'soak',
    baseUrl: 'http://127.0.0.1:9',
    credentials: { email: 'bot@acme.example', apiToken: 'token' },
    webhookSecret: JIRA_SECRET,
    settings: JIRA_SETTINGS,
  })
).id;

type Route = { name: string; request: () => Promise<Response> };
let tick = 0;
const webhook = (): Promise<Response> => {
  const n = tick++;
  const categories = ['todo', 'in_progress', 'done'] as const;
  const d = jiraDelivery({
    id: String(700_000 + (n % 500)),
    key: `SOAK-${n % 500}`,
    category: categories[n % 3] ?? 'todo',
    updated: new Date(Date.UTC(2027, 0, 1) + n * 1000),
  });
  return fetch(`${base}/webhooks/jira/${connectionId}`, { method: 'POST', headers: d.headers, body: d.body });
};
const get = (path: string) => () => fetch(base + path, { headers });
// Weights: half webhooks, the rest dashboard and finance reads.
const ROUTES: Route[] = [
  { name: 'POST /webhooks/jira/{id}', request: webhook },
  { name: 'POST /webhooks/jira/{id}', request: webhook },
  { name: 'POST /webhooks/jira/{id}', request: webhook },
  { name: 'GET /v1/dashboard/providers', request: get('/v1/dashboard/providers') },
  {
    name: 'GET /v1/payment-milestones?status=unlocked',
    request: get('/v1/payment-milestones?status=unlocked'),
  },
  { name: 'GET /v1/engagements/{id}/dashboard', request: get(`/v1/engagements/${engagementId}/dashboard`) },
];

const latencies = new Map<string, number[]>();
const errors: { route: string; status: number }[] = [];
const samples: { atS: number; rssMb: number; heapMb: number; redisMb: number; queued: number }[] = [];
const started = Date.now();
const stopAt = started + SECONDS * 1000;

async function queued(): Promise<number> {
  let n = 0;
  for (const q of QUEUES) {
    // Delayed jobs are left out: each job scheduler (relay, checks) always keeps its next run delayed.
    const c = await container.queues.queue(q).getJobCounts('waiting', 'active', 'prioritized');
    n += Object.values(c).reduce((a, b) => a + b, 0);
  }
  return n;
}
async function sample(): Promise<void> {
  const mem = process.memoryUsage();
  const info = await container.queues.connection.info('memory');
  const used = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
  samples.push({
    atS: round((Date.now() - started) / 1000, 1),
    rssMb: round(mem.rss / 2 ** 20, 1),
    heapMb: round(mem.heapUsed / 2 ** 20, 1),
    redisMb: round(used / 2 ** 20, 2),
    queued: await queued(),
  });
}

async function client(k: number): Promise<void> {
  const interval = (1000 * CLIENTS) / RATE;
  for (let i = k; Date.now() < stopAt; i += CLIENTS) {
    const route = ROUTES[i % ROUTES.length] as Route;
    const t0 = performance.now();
    const res = await route.request();
    await res.arrayBuffer();
    const ms = performance.now() - t0;
    if (res.status >= 400) errors.push({ route: route.name, status: res.status });
    latencies.set(route.name, [...(latencies.get(route.name) ?? []), ms]);
    await sleep(Math.max(0, interval - ms));
  }
}

const sampler = setInterval(() => void sample(), SAMPLE_MS);
await sample();
await Promise.all(Array.from({ length: CLIENTS }, (_, k) => client(k)));
clearInterval(sampler);
const drainStart = Date.now();
while ((await queued()) > 0 && Date.now() - drainStart < 60_000) await sleep(250);
const drainS = round((Date.now() - drainStart) / 1000, 1);
await sample();

const warm = samples.filter((s) => s.atS >= Math.min(60, SECONDS * 0.2));
const rss = warm.map((s) => s.rssMb);
const rssMin = Math.min(...rss);
const rssMax = Math.max(...rss);
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
  seconds: SECONDS,
  targetRate: RATE,
  throughputRps: round(total / SECONDS, 1),
  requests: total,
  errors: errors.length,
  errorSample: errors.slice(0, 5),
  routes,
  samples,
  drainSeconds: drainS,
  goals: {
    rssFlatWithin10Percent: { value: round((rssMax - rssMin) / rssMin, 3), met: rssMax <= rssMin * 1.1 },
    rssBelow300Mb: { value: rssMax, met: rssMax < 300 },
    queuesBackToZero: { value: samples.at(-1)?.queued ?? -1, met: samples.at(-1)?.queued === 0 },
    noErrorResponses: { value: errors.length, met: errors.length === 0 },
  },
};
writeResult('soak', result);
console.log(JSON.stringify({ ...result, samples: samples.length }, null, 2));

await app.close();
await workers.close();
const keys = await container.queues.connection.keys(`${config.queuePrefix}:*`);
if (keys.length > 0) await container.queues.connection.del(...keys);
await container.close();
await database.drop();
