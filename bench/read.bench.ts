/**
 * Issue 6's read benchmark: the PMO portfolio (GET /v1/dashboard/providers) and the finance list
 * (GET /v1/payment-milestones?status=unlocked) on 1,000 engagements, 10,000 deliverables and
 * 100,000 tasks, 10 concurrent clients, each next to a `SELECT 1` round trip and a bare Fastify
 * route measured in the same run. Writes bench/results/read.json and the table in bench/README.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { SYSTEM_ACTOR } from '../src/core/auth.ts';
import { httpPhase, type PhaseSummary, selectOnePhase, startBareGet } from './support/read-load.ts';
import { SHAPE, seed } from './support/read-seed.ts';
import { machine, round, writeResult } from './support/report.ts';
import { startService } from './support/service.ts';

const CONNECTIONS = Number(process.env.BENCH_READ_CONNECTIONS ?? 10);
const DURATION_S = Number(process.env.BENCH_READ_DURATION_S ?? 20);
const WARMUP_S = Number(process.env.BENCH_READ_WARMUP_S ?? 3);
const GOALS = { dashboard: 50, payments: 20 } as const;
const README = new URL('./README.md', import.meta.url);
const START = '<!-- read-results:start -->';
const END = '<!-- read-results:end -->';

const log = (line: string) => process.stdout.write(`${line}\n`);
const loadBefore = round(loadavg()[0] ?? 0);
const service = await startService({ workers: false });
const bare = await startBareGet();
try {
  const databaseUrl = service.container.config.databaseUrl ?? '';
  log('seeding…');
  const timings = await seed(service.container, databaseUrl);
  log(`seeded in ${round(timings.sqlSeconds, 1)} s SQL + ${round(timings.recomputeSeconds, 1)} s recompute`);
  const counts = await countRows(service.query.bind(service));
  const key = (
    await service.container.services.apiKeys.create(SYSTEM_ACTOR, { name: 'read bench', role: 'finance' })
  ).key;
  const headers = { authorization: `Bearer ${key}` };
  const targets = {
    dashboard: `${service.url}/v1/dashboard/providers`,
    payments: `${service.url}/v1/payment-milestones?status=unlocked`,
  };
  const responses = {
    dashboard: await probe(targets.dashboard, headers),
    payments: await probe(targets.payments, headers),
  };
  const http = async (url: string, h: Record<string, string>) => {
    await httpPhase({ url, connections: CONNECTIONS, durationS: WARMUP_S, headers: h });
    return httpPhase({ url, connections: CONNECTIONS, durationS: DURATION_S, headers: h });
  };
  log('SELECT 1…');
  await selectOnePhase(databaseUrl, CONNECTIONS, WARMUP_S);
  const selectOne = await selectOnePhase(databaseUrl, CONNECTIONS, DURATION_S);
  log('bare route…');
  const bareRoute = await http(bare.url, {});
  log('dashboard…');
  const dashboard = await http(targets.dashboard, headers);
  log('payment milestones…');
  const payments = await http(targets.payments, headers);
  const goal = (name: keyof typeof GOALS, p: PhaseSummary) => ({
    value: p.latencyMs.p99,
    goal: `<= ${GOALS[name]} ms`,
    met: p.latencyMs.p99 <= GOALS[name] && p.non2xx === 0 && p.errors === 0,
    ratioToSelectOneP99: round(p.latencyMs.p99 / selectOne.latencyMs.p99, 1),
    ratioToBareRouteP99: round(p.latencyMs.p99 / bareRoute.latencyMs.p99, 1),
  });
  const pgVersion = (await service.query<{ v: string }>('select version() as v'))[0]?.v ?? 'unknown';
  const result = {
    at: new Date().toISOString(),
    command: 'npm run bench:read',
    machine: { ...machine(pgVersion.split(' on ')[0] ?? pgVersion), loadAverage1mBefore: loadBefore },
    settings: { connections: CONNECTIONS, durationS: DURATION_S, warmupS: WARMUP_S },
    shape: { ...SHAPE, rows: counts },
    seedSeconds: {
      sql: round(timings.sqlSeconds, 1),
      recompute: round(timings.recomputeSeconds, 1),
      vacuumAnalyze: round(timings.analyzeSeconds, 1),
    },
    responses,
    selectOne,
    bareRoute,
    dashboard,
    payments,
    goals: { dashboardP99Ms: goal('dashboard', dashboard), paymentsP99Ms: goal('payments', payments) },
    loadAverage1mAfter: round(loadavg()[0] ?? 0),
  };
  writeResult('read', result);
  const markdown = table(result);
  log(`\n${markdown}`);
  const readme = readFileSync(README, 'utf8');
  const [before, rest] = readme.split(START);
  const after = rest?.split(END)[1];
  if (before !== undefined && after !== undefined) {
    writeFileSync(README, `${before}${START}\n${markdown}\n${END}${after}`);
  }
} finally {
  await bare.close();
  await service.close();
}

/** One request before the load: the route answers 200 with a full page. */
async function probe(url: string, headers: Record<string, string>) {
  const res = await fetch(url, { headers });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${body}`);
  return {
    status: res.status,
    items: (JSON.parse(body) as { items: unknown[] }).items.length,
    bytes: body.length,
  };
}

async function countRows(query: <R>(text: string) => Promise<R[]>) {
  const tables = [
    'providers',
    'engagements',
    'deliverables',
    'tasks',
    'task_changes',
    'decisions',
    'payment_milestones',
    'deliverable_progress',
    'engagement_progress',
  ];
  const out: Record<string, number> = {};
  for (const t of tables)
    out[t] = Number((await query<{ n: string }>(`select count(*) as n from ${t}`))[0]?.n);
  const unlocked = await query<{ n: string }>(
    `select count(*) as n from payment_milestones where status = 'unlocked'`,
  );
  out.unlockedMilestones = Number(unlocked[0]?.n);
  return out;
}

type Result = {
  at: string;
  command: string;
  machine: ReturnType<typeof machine> & { loadAverage1mBefore: number };
  selectOne: PhaseSummary;
  bareRoute: PhaseSummary;
  dashboard: PhaseSummary;
  payments: PhaseSummary;
  responses: Record<'dashboard' | 'payments', { items: number; bytes: number }>;
  goals: Record<'dashboardP99Ms' | 'paymentsP99Ms', GoalRow>;
  loadAverage1mAfter: number;
};
interface GoalRow {
  value: number;
  goal: string;
  met: boolean;
  ratioToSelectOneP99: number;
  ratioToBareRouteP99: number;
}

function table(r: Result): string {
  const m = r.machine;
  const row = (name: string, p: PhaseSummary, g?: GoalRow) =>
    `| ${name} | ${p.latencyMs.p50} | ${p.latencyMs.p99} | ${p.throughputRps} | ${g ? `${g.ratioToSelectOneP99} × / ${g.ratioToBareRouteP99} ×` : ''} | ${g ? `${g.goal}: ${g.met ? 'met' : '**not met**'}` : ''} |`;
  return [
    `Measured ${r.at.slice(0, 16).replace('T', ' ')} UTC with \`${r.command}\` on ${m.cores} cores (\`nproc\`; ${m.cpu}), ` +
      `Node ${m.node}, ${m.postgres}; 1-minute load average ${m.loadAverage1mBefore} before, ${r.loadAverage1mAfter} after. ` +
      `${CONNECTIONS} concurrent clients, ${DURATION_S} s per phase after a ${WARMUP_S} s warm-up.`,
    '',
    '| Phase (10 clients) | p50 ms | p99 ms | req/s | p99 ÷ SELECT 1 p99 / ÷ bare p99 | Goal |',
    '|---|---|---|---|---|---|',
    row('`SELECT 1` through a pg Pool', r.selectOne),
    row('Bare Fastify GET route', r.bareRoute),
    row(
      `GET /v1/dashboard/providers (${r.responses.dashboard.items} providers, ${Math.round(r.responses.dashboard.bytes / 1024)} KB)`,
      r.dashboard,
      r.goals.dashboardP99Ms,
    ),
    row(
      `GET /v1/payment-milestones?status=unlocked (${r.responses.payments.items} items, ${Math.round(r.responses.payments.bytes / 1024)} KB)`,
      r.payments,
      r.goals.paymentsP99Ms,
    ),
  ].join('\n');
}
