/**
 * The soak section of docs/RELIABILITY.md, from bench/results/soak.json (scripts/reliability.ts
 * writes it after a full reliability run, or alone with `npm run reliability -- --soak-only`).
 */

interface ProcessSample {
  rssMb: number;
  heapMb: number;
  heapTotalMb: number;
  externalMb: number;
}
export interface SoakResult {
  at: string;
  seconds: number;
  wallSeconds?: number;
  commit?: string;
  uncommitted?: string[];
  targetRate: number;
  decisionsPerSecond: number;
  nodeFlags: string;
  warmUpSeconds: number;
  loadAverage: { atStart: number[]; atEnd: number[] };
  throughputRps: number;
  cpu: Record<'api' | 'worker', { seconds: number; msPerRequest: number }>;
  requests: number;
  decisionsSent: number;
  database: Record<string, number | string>;
  errors: number;
  routes: Record<string, { requests: number; p50Ms: number; p99Ms: number }>;
  samples: ({ atS: number; redisMb: number; queued: number } & Record<'api' | 'worker', ProcessSample>)[];
  drainSeconds: number;
  goals: Record<string, { value: number; met: boolean }>;
}

const GOALS: Record<string, string> = {
  apiRssFlatWithin10Percent: 'api process: RSS flat within 10 % after warm-up ((max − min) / min)',
  apiRssBelow300Mb: 'api process: RSS below 300 MB (max after warm-up, MB)',
  workerRssFlatWithin10Percent: 'worker process: RSS flat within 10 % after warm-up ((max − min) / min)',
  workerRssBelow300Mb: 'worker process: RSS below 300 MB (max after warm-up, MB)',
  queuesBackToZero: 'queue depth back to zero after the load (jobs waiting or active)',
  noErrorResponses: 'no error responses (4xx/5xx)',
};

/** What the memory figures rest on (measured 2026-11-26, two-process soak, 120 s runs). */
const MEMORY_NOTES = `Where the memory goes. With Node's default heap sizing on this 24 GB machine each process
stood at 316–343 MB RSS before any load: V8 grows the young generation up to 128 MB and keeps it
committed (\`v8.getHeapSpaceStatistics()\` after loading \`src/container.ts\` and a full GC: new space
124 MB physical, old space 45 MB; RSS 306 MB). Under load the old generation then grew to about four
times the live set before each full GC (the growing factor V8 allows when the heap limit is 4 GB)
and Buffers (webhook bodies, query results) waited for those rare full GCs: api 317 → 500 MB and
worker 343 → 449 MB in 120 s. That is not a leak: heap snapshots of both processes at 40 s and 140 s
(\`JALON_SOAK_HEAPSNAPSHOTS=40,140\`, compared with \`bench/support/soak-heapdiff.ts\`) held 57 MB
(api, −0.3 MB between them) and 54 MB (worker, +0.6 MB, JIT code) after a full GC, with no
constructor growing with the requests served. The fix is a process setting, in \`npm start\` and the
Dockerfile: \`--max-semi-space-size=8\` (young generation 16 MB) and \`--max-old-space-size=512\`
(eight times the live set; below 2 GB it also caps V8's growing factor near 1.4). Same 120 s soak:
api 171 → 203 MB, worker 167 → 202 MB, heap used 60–78 MB. CPU per request is in
\`bench/results/soak.json\` (\`cpu\`), defaults: api 2.86 ms, worker 3.09 ms.`;

export function soakSection(
  r: SoakResult,
  opts: { wallSeconds?: number | undefined; provenance?: string },
): string {
  const routes = Object.entries(r.routes).map(
    ([name, x]) => `| ${name} | ${x.requests} | ${x.p50Ms} ms | ${x.p99Ms} ms |`,
  );
  const goals = Object.entries(r.goals).map(
    ([name, g]) => `| ${GOALS[name] ?? name} | ${g.value} | ${g.met ? 'met' : '**not met**'} |`,
  );
  const samples = r.samples.map(
    (s) =>
      `| ${s.atS} s | ${s.api.rssMb} | ${s.api.heapMb} / ${s.api.heapTotalMb} | ${s.worker.rssMb} | ${s.worker.heapMb} / ${s.worker.heapTotalMb} | ${s.redisMb} | ${s.queued} |`,
  );
  const warm = r.samples.filter((s) => s.atS >= r.warmUpSeconds);
  const range = (role: 'api' | 'worker') => {
    const rss = warm.map((s) => s[role].rssMb);
    const heap = warm.map((s) => s[role].heapMb);
    return `${role} RSS ${Math.min(...rss)}–${Math.max(...rss)} MB, heap used ${Math.min(...heap)}–${Math.max(...heap)} MB`;
  };
  const db = r.database;
  return `## Soak (\`bench/soak.ts\`): ${r.seconds} s at ${r.targetRate} req/s offered, ${opts.wallSeconds ?? r.wallSeconds} s with setup and drain
${opts.provenance ? `\n${opts.provenance}\n` : ''}
The service as production runs it: two processes, \`JALON_ROLE=api\` and \`JALON_ROLE=worker\`, each
\`node ${r.nodeFlags ? `${r.nodeFlags} ` : ''}src/main.ts\` (the flags of \`npm start\` and the Dockerfile), on a
fresh PostgreSQL database and real Redis. The load generator is a third process (its memory is not
counted): half signed Jira webhooks moving 500 issues of a linked project, the rest the providers
dashboard, that engagement's dashboard and the finance list of unlocked milestones; plus
${r.decisionsPerSecond} decision per second — an issue's "done" webhook, then 4 s later the
client's decision on its deliverable (one in ten a rejection, so that every other milestone of ten
deliverables unlocks), whose push-backs reach a stand-in Jira on loopback. RSS is each process's VmRSS (/proc/<pid>/status), heap its
\`process.memoryUsage()\` read over IPC; warm-up is the first ${r.warmUpSeconds} s.

Throughput ${r.throughputRps} req/s, ${r.requests} requests, ${r.errors} error responses;
${r.decisionsSent} decisions sent, ${db.decisions} stored, ${db.pushBacksDone}/${db.pushBacks} push-backs done, ${db.milestonesUnlocked} milestones unlocked;
CPU during the load: api ${r.cpu.api.seconds} s (${r.cpu.api.msPerRequest} ms per request), worker ${r.cpu.worker.seconds} s (${r.cpu.worker.msPerRequest} ms per request);
queues drained ${r.drainSeconds} s after the load stopped (delayed jobs of the job schedulers left out).
After warm-up: ${range('api')}; ${range('worker')}.
Machine load average (1 min) ${r.loadAverage.atStart[0]} at the start, ${r.loadAverage.atEnd[0]} at the end
(2 cores; other work on the machine slows the service, throughput below the offered rate means
it was saturated).

${MEMORY_NOTES}

| Route | Requests | p50 | p99 |
| --- | --- | --- | --- |
${routes.join('\n')}

| Goal | Value | |
| --- | --- | --- |
${goals.join('\n')}

| At | api RSS MB | api heap used / total MB | worker RSS MB | worker heap used / total MB | Redis used MB | Queued jobs |
| --- | --- | --- | --- | --- | --- | --- |
${samples.join('\n')}
`;
}
