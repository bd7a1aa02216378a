import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';

export const RESULTS_DIR = new URL('../results/', import.meta.url);

/** What the numbers depend on: they only compare with numbers from a like machine. */
export function machine(postgres: string) {
  let redis = 'unknown';
  try {
    redis =
      /redis_version:(\S+)/.exec(execFileSync('redis-cli', ['info', 'server'], { encoding: 'utf8' }))?.[1] ??
      redis;
  } catch {
    // redis-cli is optional: the version is only informative
  }
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    postgres,
    redis,
  };
}

export function writeResult(name: string, result: unknown): void {
  writeFileSync(new URL(`${name}.json`, RESULTS_DIR), `${JSON.stringify(result, null, 2)}\n`);
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The machine's pressure over the last 10 s (Linux PSI, /proc/pressure): the share of time some
 * task waited for a CPU, and for the disk. Read after each phase: what else the machine was doing
 * while it ran (a run whose disk was busy flushing shows it here). Null where PSI is not available.
 */
export function pressure(): { cpuSomeAvg10: number | null; ioSomeAvg10: number | null } {
  const some = (resource: string) => {
    try {
      const line = readFileSync(`/proc/pressure/${resource}`, 'utf8').split('\n')[0] ?? '';
      const value = /avg10=([\d.]+)/.exec(line)?.[1];
      return value === undefined ? null : Number(value);
    } catch {
      return null;
    }
  };
  return { cpuSomeAvg10: some('cpu'), ioSomeAvg10: some('io') };
}
