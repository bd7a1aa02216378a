import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './demo/jalon-process.ts';

/**
 * `node scripts/measure-rss.ts [postgres-url]`: the resident memory of an idle `npm start` process
 * (the same node flags, JALON_ROLE=all), on a fresh embedded database or on the PostgreSQL given.
 * Linux only (reads /proc). Prints the time to /ready and the RSS after IDLE_S seconds idle.
 */
const IDLE_S = Number(process.env.IDLE_S ?? 30);
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const args = (pkg.scripts.start as string).split(/\s+/).slice(1);
// RSS_DATA_DIR: an embedded database made by an earlier run (a later start, not the first).
const kept = process.env.RSS_DATA_DIR;
const dataDir = kept ?? mkdtempSync(join(tmpdir(), 'jalon-rss-'));
const firstStart = !process.argv[2] && !existsSync(join(dataDir, 'pgdata', 'PG_VERSION'));
const port = await freePort();
const startedAt = Date.now();
const child = spawn(process.execPath, args, {
  cwd: new URL('..', import.meta.url).pathname,
  env: {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    JALON_DATA_DIR: dataDir,
    JALON_QUEUE_PREFIX: `jalon-rss-${port}`,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    LOG_LEVEL: 'warn',
    ...(process.argv[2] ? { DATABASE_URL: process.argv[2] } : {}),
  },
  stdio: 'inherit',
});
const rssMb = () => {
  const line = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return Math.round(Number(line?.[1]) / 1024);
};
for (;;) {
  const ok = await fetch(`http://127.0.0.1:${port}/ready`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  await new Promise((r) => setTimeout(r, 250));
}
const readyMs = Date.now() - startedAt;
const atReady = rssMb();
await new Promise((r) => setTimeout(r, IDLE_S * 1000));
process.stdout.write(
  `${JSON.stringify({ database: process.argv[2] ? 'postgres' : 'pglite', firstStart, readyMs, rssAtReadyMb: atReady, rssIdleMb: rssMb(), idleSeconds: IDLE_S })}\n`,
);
child.kill('SIGTERM');
await new Promise((r) => child.on('exit', r));
if (!kept) rmSync(dataDir, { recursive: true, force: true });
