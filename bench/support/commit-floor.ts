import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { percentile, round } from './report.ts';
import type { BenchService } from './service.ts';

const run = promisify(execFile);

export interface CommitFloor {
  readonly commitsPerS: number;
  readonly connections: number;
  readonly commits: number;
  readonly latencyMs: {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
  };
}

/**
 * PostgreSQL's own durable commit at a fixed rate, with no Node.js, HTTP or queue in the way: the
 * database's floor for an acknowledgement that waits for its delivery's commit. pgbench (the C
 * client shipped with PostgreSQL) inserts one delivery row per transaction into a copy of
 * webhook_inbox (same columns, indexes, compression and storage) at `commitsPerS` on
 * `connections`, and its latency is counted from each transaction's scheduled time (`--rate`: a
 * Poisson schedule, a little burstier than the paced generator's even one), as the paced generator
 * counts the receiver's. The rows are the bench's own deliveries (`bodies`), so they compress as
 * the receiver's do; their ids come from the inbox's own sequence (the copied default), which only
 * leaves a gap in the bench's throwaway database. Null when pgbench is not installed: the floor is
 * then simply not reported.
 */
export async function commitFloor(
  service: Pick<BenchService, 'query' | 'databaseUrl'>,
  opts: { commitsPerS: number; durationS: number; connections: number; bodies: readonly Uint8Array[] },
): Promise<CommitFloor | null> {
  pgbench ??= findPgbench();
  if (!pgbench || opts.commitsPerS < 1) return null;
  // Made by the first round, kept by the next ones (the bench's database is dropped at its end).
  await service.query('create table if not exists bench_floor_inbox (like webhook_inbox including all)');
  await service.query(
    'create table if not exists bench_floor_bodies (n int primary key, body bytea not null)',
  );
  await service.query(
    `insert into bench_floor_bodies (n, body) select n, body from unnest($1::bytea[]) with ordinality as b(body, n)
     on conflict (n) do nothing`,
    [opts.bodies.map((body) => Buffer.from(body.buffer, body.byteOffset, body.byteLength))],
  );
  const dir = mkdtempSync(join(tmpdir(), 'jalon-floor-'));
  try {
    const script = join(dir, 'insert.sql');
    writeFileSync(
      script,
      `\\set n random(1, ${opts.bodies.length})\n` +
        'insert into bench_floor_inbox (connection_id, delivery_key, headers, body) ' +
        `select 'bench-floor', gen_random_uuid()::text, '{}'::jsonb, body from bench_floor_bodies where n = :n;\n`,
    );
    await run(
      pgbench,
      [
        '--no-vacuum',
        `--file=${script}`,
        `--client=${opts.connections}`,
        '--jobs=1',
        `--rate=${opts.commitsPerS}`,
        `--time=${opts.durationS}`,
        '--log',
        `--log-prefix=${join(dir, 'log')}`,
        service.databaseUrl,
      ],
      { cwd: dir },
    );
    // Log lines: client, transaction, time (µs), script, epoch s, epoch µs, schedule lag (µs).
    const latencies = readdirSync(dir)
      .filter((f) => f.startsWith('log'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'))
      .map((line) => line.split(' ').map(Number))
      .map((c) => ((c[2] ?? 0) + (c[6] ?? 0)) / 1000)
      .sort((a, b) => a - b);
    return {
      commitsPerS: opts.commitsPerS,
      connections: opts.connections,
      commits: latencies.length,
      latencyMs: {
        p50: round(percentile(latencies, 50)),
        p90: round(percentile(latencies, 90)),
        p99: round(percentile(latencies, 99)),
        max: round(latencies.at(-1) ?? Number.NaN),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await service.query('truncate bench_floor_inbox');
  }
}

/** Where pgbench is (null: not installed), found by the first round. */
let pgbench: string | null | undefined;

/** pgbench on PATH (Debian's wrapper, Homebrew) or in Debian's versioned directories. */
function findPgbench(): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    try {
      if (readdirSync(dir).includes('pgbench')) return join(dir, 'pgbench');
    } catch {
      // a PATH entry that does not exist
    }
  }
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort().reverse();
    for (const v of versions) {
      const candidate = `/usr/lib/postgresql/${v}/bin/pgbench`;
      if (readdirSync(`/usr/lib/postgresql/${v}/bin`).includes('pgbench')) return candidate;
    }
  } catch {
    // not Debian's layout
  }
  return null;
}
