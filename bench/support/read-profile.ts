/**
 * Where a read request's time goes (issue 6), for the diagnosis in bench/README.md; not the
 * benchmark. On the read benchmark's data set: each route's statement alone (one caller, in
 * sequence), each route alone (one client, in sequence), then a CPU profile of the server's main
 * thread while 10 clients load each route, summarised by where the self time falls.
 *
 *   flock /tmp/bench.lock node bench/support/read-profile.ts     # about 2 minutes
 *
 * Prints a report; writes the profiles to $BENCH_PROFILE_DIR (default /tmp/jalon-read-profile).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { SYSTEM_ACTOR } from '../../src/core/auth.ts';
import { httpPhase } from './read-load.ts';
import { seed } from './read-seed.ts';
import { round } from './report.ts';
import { startService } from './service.ts';

const DIR = process.env.BENCH_PROFILE_DIR ?? '/tmp/jalon-read-profile';
const LOAD_S = Number(process.env.BENCH_PROFILE_LOAD_S ?? 10);
const log = (line: string) => process.stdout.write(`${line}\n`);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Mean milliseconds of `n` sequential calls (after 20 unmeasured). */
async function meanMs(n: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await fn();
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return round((performance.now() - start) / n, 3);
}

/** Self time by package (or file of src/) and the top functions, in % of the sampled time. */
function summarise(profile: Profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const where = (url: string) => {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (m) return m[1] ?? url;
    if (url.includes('/src/')) return `src/${url.split('/src/')[1]}`;
    if (url.startsWith('node:')) return url;
    return url === '' ? '(native/gc/idle)' : url.split('/').slice(-2).join('/');
  };
  const groups = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const g = url === '' ? `(${functionName || 'anonymous'})` : where(url);
    groups.set(g, (groups.get(g) ?? 0) + us);
    const f = `${functionName || '(anonymous)'} ${where(url)}:${lineNumber + 1}`;
    fns.set(f, (fns.get(f) ?? 0) + us);
  }
  const pct = (us: number) => `${round((100 * us) / total, 1)} %`;
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `  ${pct(us).padStart(7)}  ${k}`)
      .join('\n');
  return `by package or file:\n${list(groups)}\ntop functions (self):\n${list(fns)}`;
}

const service = await startService({ workers: false });
try {
  mkdirSync(DIR, { recursive: true });
  const databaseUrl = service.container.config.databaseUrl ?? '';
  log('seeding…');
  await seed(service.container, databaseUrl);
  const key = (
    await service.container.services.apiKeys.create(SYSTEM_ACTOR, { name: 'read profile', role: 'finance' })
  ).key;
  const headers = { authorization: `Bearer ${key}` };
  const { store, services } = service.container;
  const page = { afterId: null, limit: 51 };
  const routes = {
    dashboard: {
      url: `${service.url}/v1/dashboard/providers`,
      statement: () => services.dashboard.providersPage(SYSTEM_ACTOR, page),
      mapping: () => services.dashboard.providers(SYSTEM_ACTOR, page),
    },
    payments: {
      url: `${service.url}/v1/payment-milestones?status=unlocked`,
      statement: () => store.payments.listPage({ status: 'unlocked' }, page),
      mapping: () => store.payments.list({ status: 'unlocked' }, page),
    },
  };
  // The statements each route sends, caught at the pool, then explained (plan and timings).
  const pool = (service.container.database.db as unknown as { $client: pg.Pool }).$client;
  for (const [name, r] of Object.entries(routes)) {
    for (const kind of ['statement', 'mapping'] as const) {
      const seen: { text: string; values: unknown[] | undefined }[] = [];
      const original = pool.query.bind(pool);
      pool.query = ((config: { text: string; values?: unknown[] }, ...rest: unknown[]) => {
        if (typeof config === 'object' && config?.text)
          seen.push({ text: config.text, values: Array.isArray(rest[0]) ? rest[0] : config.values });
        return (original as (...a: unknown[]) => unknown)(config, ...rest);
      }) as typeof pool.query;
      await r[kind]();
      pool.query = original as typeof pool.query;
      for (const q of seen) {
        await service.query(q.text, q.values); // warm
        const plan = await service.query<{ 'QUERY PLAN': string }>(
          `explain (analyze, buffers) ${q.text}`,
          q.values,
        );
        log(`\n## ${name} ${kind}: EXPLAIN ANALYZE\n${plan.map((p) => p['QUERY PLAN']).join('\n')}`);
      }
    }
  }
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  for (const [name, r] of Object.entries(routes)) {
    const statementMs = await meanMs(200, r.statement);
    const mappingMs = await meanMs(200, r.mapping);
    const requestMs = await meanMs(200, async () => (await fetch(r.url, { headers })).text());
    log(
      `\n## ${name}\none caller: statement as JSON text ${statementMs} ms, the old drizzle rows + mapping ${mappingMs} ms, whole request ${requestMs} ms`,
    );
    await httpPhase({ url: r.url, connections: 10, durationS: 2, headers });
    await session.post('Profiler.start');
    const load = await httpPhase({ url: r.url, connections: 10, durationS: LOAD_S, headers });
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    writeFileSync(join(DIR, `${name}.cpuprofile`), JSON.stringify(profile));
    const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
    const busyMs = profile.samples.reduce(
      (sum, id, i) => (idle.has(id) ? sum : sum + (profile.timeDeltas[i] ?? 0) / 1000),
      0,
    );
    log(
      `10 clients, ${LOAD_S} s: ${load.requests} requests, p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms; main thread busy ${round(busyMs / load.requests, 3)} ms per request`,
    );
    log(summarise(profile));
  }
  session.disconnect();
} finally {
  await service.close();
}
