/**
 * npm run bench: runs each benchmark in a process of its own, one after the other (they would
 * share the CPU otherwise), then prints the table and writes it into bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { SERVICE_NODE_FLAGS } from './support/node-flags.ts';
import { RESULTS_DIR } from './support/report.ts';

const BENCHES = ['ingest', 'e2e'] as const;
const README = new URL('./README.md', import.meta.url);
const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

interface Goal {
  value: number;
  goal: string;
  met: boolean;
  /** Each round's figure, where the goal is judged on their median. */
  rounds?: number[];
  /** The same measure on the bare route under the same load (the test bed's floor). */
  bareRouteAtTheSameRate?: { value: number; rounds: number[] };
  /** PostgreSQL's own durable commit (pgbench) at the receiver's commit rate (the database's floor). */
  databaseCommitAtTheSameCommitRate?: { value: number; rounds: number[] };
}
interface Load {
  targetRate: number | null;
  throughputRps: number;
  latencyMs: { p50: number; p99: number };
  mainThreadMsPerAccepted: number;
  workersAfterRun?: { cpuMsPerDelivery: number | null };
  pressure?: { cpuSomeAvg10: number | null; ioSomeAvg10: number | null };
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
type Phases<L> = { max: L; halfOwn: L; halfBare: L };
type Ingest = Common & {
  bare: Load;
  api: Phases<Load>;
  allInOne: Phases<Load>;
  split?: Phases<SplitLoad>;
};
type E2e = Common & { load: Load; ackToTaskMs: { p50: number; p99: number }; tasksListedByApi: number };

const mark = (g: Goal) => (g.met ? 'met' : '**not met**');
const overRounds = (g: Goal | undefined, unit = '') =>
  g?.rounds && g.rounds.length > 1
    ? `median of ${g.rounds.length} rounds: ${g.rounds.map((v) => `${v}${unit}`).join(', ')}`
    : '';
const rate = (l: Pick<Load, 'throughputRps'>) => `${l.throughputRps} req/s`;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const lat = (l: Pick<Load, 'latencyMs'>) => `p50 ${l.latencyMs.p50} ms, p99 ${l.latencyMs.p99} ms`;
/** What else the machine waited on while the phase ran (Linux PSI, share of the last 10 s). */
const pressed = (l: Pick<Load, 'pressure'>) =>
  l.pressure?.ioSomeAvg10 == null
    ? ''
    : ` (pressure over its last 10 s: CPU ${l.pressure.cpuSomeAvg10} %, disk ${l.pressure.ioSomeAvg10} %)`;

const ratio = (l: Load | SplitLoad, bare: Load) => round3(l.throughputRps / bare.throughputRps);
const offered = (l: Pick<Load, 'targetRate' | 'throughputRps'>) =>
  `${l.targetRate} req/s offered, ${rate(l)} answered`;

/** Full speed, then fixed rates, for one way of running the receiver. */
function phaseRows(label: string, p: Phases<Load | SplitLoad>, bare: Load): string[] {
  return [
    `| ${label}: receiver, 50 connections | ${rate(p.max)} (${ratio(p.max, bare)} × bare); ${lat(p.max)} | | |`,
    `| ${label}: at half its own maximum (${offered(p.halfOwn)}) | ${lat(p.halfOwn)} | | |`,
    `| ${label}: at half the bare route's rate (${offered(p.halfBare)}) | ${lat(p.halfBare)} | | |`,
  ];
}

function table(ingest: Ingest, e2e: E2e): string {
  const g = ingest.goals;
  const floor = g.p99AckAtHalfOwnMaxMs?.databaseCommitAtTheSameCommitRate;
  const e = e2e.goals;
  const m = ingest.machine;
  const split = ingest.split;
  return [
    `Measured ${ingest.at.slice(0, 16).replace('T', ' ')} UTC with \`${ingest.command}\` on ${m.cores} cores ` +
      `(${m.cpu}), Node ${m.node}, PostgreSQL ${m.postgres}, Redis ${m.redis}; 1-minute load average ` +
      `before the runs: ${m.loadAverage1mBefore} (ingest), ${e2e.machine.loadAverage1mBefore} (e2e).`,
    '',
    '| Benchmark | Measured | Goal | |',
    '|---|---|---|---|',
    `| Bare Fastify route (parse only), 50 connections, the median round | ${rate(ingest.bare)}; ${lat(ingest.bare)} | | |`,
    `| Receiver as JALON_ROLE=api runs it, 50 connections, the median round | ${rate(ingest.api.max)}; ${lat(ingest.api.max)} | | |`,
    `| Receiver / bare throughput, each round against its own bare run | ${g.throughputRatio?.value} (${overRounds(g.throughputRatio)}) | ${g.throughputRatio?.goal} | ${g.throughputRatio && mark(g.throughputRatio)} |`,
    `| p99 acknowledgement at half the receiver's maximum | ${g.p99AckAtHalfOwnMaxMs?.value} ms (${overRounds(g.p99AckAtHalfOwnMaxMs, ' ms')}) | ${g.p99AckAtHalfOwnMaxMs?.goal} ms | ${g.p99AckAtHalfOwnMaxMs && mark(g.p99AckAtHalfOwnMaxMs)} |`,
    `| p99 of the bare route at the same fixed rate, same rounds (the test bed's floor) | ${g.p99AckAtHalfOwnMaxMs?.bareRouteAtTheSameRate?.value} ms (rounds: ${g.p99AckAtHalfOwnMaxMs?.bareRouteAtTheSameRate?.rounds.map((v) => `${v} ms`).join(', ')}) | | |`,
    ...(floor
      ? [
          `| p99 of PostgreSQL's own durable commit at the receiver's commit rate, same rounds (pgbench, one delivery row a commit; the database's floor) | ${floor.value} ms (rounds: ${floor.rounds.map((v) => `${v} ms`).join(', ')}) | | |`,
        ]
      : []),
    `| The median round's half load (${offered(ingest.api.halfOwn)}) | p50 ${ingest.api.halfOwn.latencyMs.p50} ms, p99 ${ingest.api.halfOwn.latencyMs.p99} ms${pressed(ingest.api.halfOwn)} | | |`,
    `| p99 acknowledgement at half the bare route's rate (${offered(ingest.api.halfBare)}; the other reading of the goal) | p50 ${ingest.api.halfBare.latencyMs.p50} ms, p99 ${ingest.api.halfBare.latencyMs.p99} ms | ${g.p99AckAtHalfBareRateMs?.goal} ms | ${g.p99AckAtHalfBareRateMs && mark(g.p99AckAtHalfBareRateMs)} |`,
    `| Main-thread CPU | bare ${ingest.bare.mainThreadMsPerAccepted} ms/request; receiver ${ingest.api.max.mainThreadMsPerAccepted} ms/request; ingest worker ${ingest.allInOne.max.workersAfterRun?.cpuMsPerDelivery} ms/delivery | | |`,
    ...phaseRows('All in one process, workers ingesting (diagnostic)', ingest.allInOne, ingest.bare),
    ...(split
      ? [
          ...phaseRows('Split deployment, api and worker child processes (diagnostic)', split, ingest.bare),
          `| Split: CPU | api process ${split.max.apiProcessCpuMsPerAccepted} ms/request; worker process ${split.max.workersAfterRun?.cpuMsPerDelivery} ms/delivery | | |`,
        ]
      : []),
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
  // Under the service's own V8 flags (npm start's): the benchmark process runs the service's code.
  const run = spawnSync(
    process.execPath,
    [...SERVICE_NODE_FLAGS, new URL(`./${name}.bench.ts`, import.meta.url).pathname],
    { stdio: 'inherit' },
  );
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
