/**
 * npm run bench: runs each benchmark in a process of its own, one after the other (they would
 * share the CPU otherwise), then prints the table and writes it into bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { RESULTS_DIR } from './support/report.ts';

const BENCHES = ['ingest', 'e2e'] as const;
const README = new URL('./README.md', import.meta.url);
const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

interface Goal {
  value: number;
  goal: string;
  met: boolean;
}
interface Load {
  targetRate: number | null;
  throughputRps: number;
  latencyMs: { p50: number; p99: number };
  mainThreadMsPerAccepted: number;
  workersAfterRun?: { cpuMsPerDelivery: number | null };
}
interface Common {
  at: string;
  command: string;
  machine: {
    cores: number;
    cpu: string;
    node: string;
    postgres: string;
    redis: string;
    loadAverage1mBefore: number;
  };
  goals: Record<string, Goal>;
}
type SplitLoad = Omit<Load, 'mainThreadMsPerAccepted'> & { apiProcessCpuMsPerAccepted: number | null };
type Ingest = Common & {
  bare: Load;
  receiver: Load;
  halfBare: Load;
  halfReceiver: Load;
  workersPaused: { max: Load; half: Load };
  split?: { max: SplitLoad; halfBare: SplitLoad; halfOwn: SplitLoad };
};
type E2e = Common & { load: Load; ackToTaskMs: { p50: number; p99: number }; tasksListedByApi: number };

const mark = (g: Goal) => (g.met ? 'met' : '**not met**');
const rate = (l: Pick<Load, 'throughputRps'>) => `${l.throughputRps} req/s`;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const lat = (l: Pick<Load, 'latencyMs'>) => `p50 ${l.latencyMs.p50} ms, p99 ${l.latencyMs.p99} ms`;

/** The same receiver measured as it is deployed at scale: api and worker in separate processes. */
function splitRows(ingest: Ingest): string[] {
  const g = ingest.goals;
  const split = ingest.split;
  if (!split) return [];
  return [
    `| Split deployment (a JALON_ROLE=api and a JALON_ROLE=worker process), receiver, 50 connections | ${rate(split.max)}; ${lat(split.max)} | | |`,
    `| Split: receiver / bare throughput | ${g.splitThroughputRatio?.value} | ${g.splitThroughputRatio?.goal} | ${g.splitThroughputRatio && mark(g.splitThroughputRatio)} |`,
    `| Split: at half the bare route's rate (${split.halfBare.targetRate} req/s offered, ${rate(split.halfBare)} answered) | p99 ${split.halfBare.latencyMs.p99} ms | ${g.splitP99AckAtHalfBareRateMs?.goal} ms | ${g.splitP99AckAtHalfBareRateMs && mark(g.splitP99AckAtHalfBareRateMs)} |`,
    `| Split: at half its own maximum (${split.halfOwn.targetRate} req/s offered) | ${lat(split.halfOwn)} | (other reading of the goal) | |`,
    `| Split: CPU | api process ${split.max.apiProcessCpuMsPerAccepted} ms/request; worker process ${split.max.workersAfterRun?.cpuMsPerDelivery} ms/delivery | | |`,
  ];
}

function table(ingest: Ingest, e2e: E2e): string {
  const g = ingest.goals;
  const e = e2e.goals;
  const m = ingest.machine;
  const paused = ingest.workersPaused;
  return [
    `Measured ${ingest.at.slice(0, 16).replace('T', ' ')} UTC with \`${ingest.command}\` on ${m.cores} cores ` +
      `(${m.cpu}), Node ${m.node}, PostgreSQL ${m.postgres}, Redis ${m.redis}; 1-minute load average ` +
      `before the runs: ${m.loadAverage1mBefore} (ingest), ${e2e.machine.loadAverage1mBefore} (e2e).`,
    '',
    '| Benchmark | Measured | Goal | |',
    '|---|---|---|---|',
    `| Bare Fastify route (parse only), 50 connections | ${rate(ingest.bare)}; ${lat(ingest.bare)} | | |`,
    `| Receiver, 50 connections | ${rate(ingest.receiver)}; ${lat(ingest.receiver)} | | |`,
    `| Receiver / bare throughput | ${g.throughputRatio?.value} | ${g.throughputRatio?.goal} | ${g.throughputRatio && mark(g.throughputRatio)} |`,
    `| Receiver at half the bare route's rate (${ingest.halfBare.targetRate} req/s offered, ${rate(ingest.halfBare)} answered) | p99 ${ingest.halfBare.latencyMs.p99} ms | ${g.p99AckAtHalfBareRateMs?.goal} ms | ${g.p99AckAtHalfBareRateMs && mark(g.p99AckAtHalfBareRateMs)} |`,
    `| Receiver at half its own maximum (${ingest.halfReceiver.targetRate} req/s offered) | p99 ${ingest.halfReceiver.latencyMs.p99} ms | (other reading of the goal) | |`,
    `| Diagnostic, workers paused (the receiver as JALON_ROLE=api runs it) | ${rate(paused.max)} (${round3(paused.max.throughputRps / ingest.bare.throughputRps)} × bare); at ${paused.half.targetRate} req/s p99 ${paused.half.latencyMs.p99} ms | | |`,
    `| Diagnostic, main-thread CPU | bare ${ingest.bare.mainThreadMsPerAccepted} ms/request; receiver ${paused.max.mainThreadMsPerAccepted} ms/request; ingest worker ${ingest.receiver.workersAfterRun?.cpuMsPerDelivery} ms/delivery | | |`,
    ...(ingest.split ? splitRows(ingest) : []),
    `| Acknowledged deliveries missing from the inbox (all phases) | ${g.lostDeliveries?.value} | ${g.lostDeliveries?.goal} | ${g.lostDeliveries && mark(g.lostDeliveries)} |`,
    `| End-to-end at ${e2e.load.targetRate} deliveries/s: acknowledgement | ${lat(e2e.load)} | | |`,
    `| End-to-end: acknowledgement → task in the tasks table | p50 ${e2e.ackToTaskMs.p50} ms, p99 ${e2e.ackToTaskMs.p99} ms | ${e.p99AckToTaskMs?.goal} ms | ${e.p99AckToTaskMs && mark(e.p99AckToTaskMs)} |`,
    `| End-to-end: tasks listed by GET /v1/tasks | ${e2e.tasksListedByApi} | ${e.allTasksListed?.goal} | ${e.allTasksListed && mark(e.allTasksListed)} |`,
    `| End-to-end: acknowledged deliveries missing from the inbox | ${e.lostDeliveries?.value} | ${e.lostDeliveries?.goal} | ${e.lostDeliveries && mark(e.lostDeliveries)} |`,
  ].join('\n');
}

const busy = loadavg()[0] ?? 0;
if (busy > availableParallelism()) {
  process.stdout.write(
    `warning: 1-minute load average ${busy.toFixed(2)} on ${availableParallelism()} cores; other work on ` +
      'this machine will make the numbers pessimistic (they are recorded with the load average)\n',
  );
}
for (const name of BENCHES) {
  process.stdout.write(`\n== ${name} benchmark\n`);
  const run = spawnSync(process.execPath, [new URL(`./${name}.bench.ts`, import.meta.url).pathname], {
    stdio: 'inherit',
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
const read = <T>(name: string) => JSON.parse(readFileSync(new URL(`${name}.json`, RESULTS_DIR), 'utf8')) as T;
const markdown = table(read<Ingest>('ingest'), read<E2e>('e2e'));
process.stdout.write(`\n${markdown}\n`);
const readme = readFileSync(README, 'utf8');
const [before, rest] = readme.split(START);
const after = rest?.split(END)[1];
if (before !== undefined && after !== undefined) {
  writeFileSync(README, `${before}${START}\n${markdown}\n${END}${after}`);
}
