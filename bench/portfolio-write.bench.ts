/**
 * What keeping the PMO portfolio costs a writer (migration 0014): every transaction that changes an
 * engagement's progress summary (each recompute after a tracker change), a deliverable or a
 * payment milestone recomputes its provider's portfolio row at COMMIT, under that row's lock. The
 * cost grows with the provider's engagement count. On the read benchmark's data set (1,000
 * engagements), one progress-summary write is timed for a provider holding 10 engagements, then
 * again once one provider holds all 1,000; each next to the same write with the triggers off
 * (session_replication_role = replica), measured in the same run.
 *   node bench/portfolio-write.bench.ts        (npm run bench:portfolio-write)
 */
import { loadavg } from 'node:os';
import pg from 'pg';
import { SHAPE, seed } from './support/read-seed.ts';
import { machine, percentile, round, writeResult } from './support/report.ts';
import { startService } from './support/service.ts';

const WRITES = Number(process.env.BENCH_PORTFOLIO_WRITES ?? 300);

const log = (line: string) => process.stdout.write(`${line}\n`);
const loadBefore = round(loadavg()[0] ?? 0);
const service = await startService({ workers: false });
try {
  const databaseUrl = service.container.config.databaseUrl ?? '';
  log('seeding…');
  await seed(service.container, databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const providerOf = async () =>
      (await client.query<{ id: string }>('select provider_id as id from engagements order by id limit 1'))
        .rows[0]?.id ?? '';
    const provider = await providerOf();
    const engagementsOf = async (id: string) =>
      (
        await client.query<{ id: string }>('select id from engagements where provider_id = $1 order by id', [
          id,
        ])
      ).rows.map((r) => r.id);

    /** `WRITES` one-row transactions on the provider's engagements' summaries, in turn; ms each. */
    const timeWrites = async (engagements: readonly string[], triggers: boolean) => {
      await client.query(`set session_replication_role = ${triggers ? 'origin' : 'replica'}`);
      const ms: number[] = [];
      for (let i = 0; i < WRITES + 20; i += 1) {
        const t = performance.now();
        await client.query('begin');
        await client.query('update engagement_progress set at_risk = at_risk where engagement_id = $1', [
          engagements[i % engagements.length],
        ]);
        await client.query('commit');
        if (i >= 20) ms.push(performance.now() - t);
      }
      await client.query('set session_replication_role = origin');
      const sorted = ms.sort((a, b) => a - b);
      return { p50: round(percentile(sorted, 50), 3), p99: round(percentile(sorted, 99), 3) };
    };
    const measure = async (engagements: readonly string[]) => {
      const withTriggers = await timeWrites(engagements, true);
      const without = await timeWrites(engagements, false);
      return {
        engagements: engagements.length,
        writeMs: withTriggers,
        sameWriteWithoutTheTriggersMs: without,
        portfolioUpkeepMsP50: round(withTriggers.p50 - without.p50, 3),
      };
    };

    log(`${SHAPE.engagements / SHAPE.providers} engagements…`);
    const small = await measure(await engagementsOf(provider));
    // One provider takes every engagement (the triggers recompute both sides of each move).
    await client.query('begin');
    await client.query('update engagements set provider_id = $1', [provider]);
    await client.query('update engagement_progress set provider_id = $1', [provider]);
    await client.query('commit');
    await client.query('analyze');
    log(`${SHAPE.engagements} engagements…`);
    const large = await measure(await engagementsOf(provider));
    const pgVersion = (await client.query<{ v: string }>('select version() as v')).rows[0]?.v ?? 'unknown';
    const result = {
      at: new Date().toISOString(),
      command: 'npm run bench:portfolio-write',
      machine: { ...machine(pgVersion.split(' on ')[0] ?? pgVersion), loadAverage1mBefore: loadBefore },
      write: 'one transaction updating one engagement_progress row (what each progress recompute does)',
      writes: WRITES,
      providerWith: { [small.engagements]: small, [large.engagements]: large },
    };
    writeResult('portfolio-write', result);
    log(JSON.stringify(result.providerWith));
  } finally {
    await client.end();
  }
} finally {
  await service.close();
}
