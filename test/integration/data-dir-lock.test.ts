import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL, uniq } from '../support/env.ts';

/** Two real processes on one embedded (PGlite) data directory, as src/main.ts is started. */
const main = new URL('../../src/main.ts', import.meta.url).pathname;
const prefix = uniq('jt-lock');
const children: ChildProcess[] = [];
const dataDirs: string[] = [];

function run(dataDir: string, port: number) {
  const child = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      JALON_DATA_DIR: dataDir,
      PORT: String(port),
      REDIS_URL: TEST_REDIS_URL,
      JALON_QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exit };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function ready(port: number, p: ReturnType<typeof run>): Promise<void> {
  const deadline = Date.now() + 150_000; // a first start migrates: slow on a loaded machine
  let exited = false;
  void p.exit.then(() => {
    exited = true;
  });
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (exited || Date.now() > deadline) throw new Error(`no start on ${port}:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  const redis = new Redis(TEST_REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('the embedded database', () => {
  it('refuses a second process on the same data directory, and takes over a dead one’s lock', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jalon-lock-'));
    dataDirs.push(dataDir);
    const firstPort = await freePort();
    const first = run(dataDir, firstPort);
    await ready(firstPort, first);

    const secondPort = await freePort();
    const second = run(dataDir, secondPort);
    const outcome = await Promise.race([second.exit, ready(secondPort, second).then(() => 'started')]);
    expect(outcome).toBe(69);
    expect(second.output()).toContain(`already used by process ${first.child.pid}`);
    expect(second.output()).toContain('DATABASE_URL');
    expect(second.output()).not.toContain('    at ');
    expect(first.child.exitCode).toBeNull(); // the first one still serves
    expect((await fetch(`http://127.0.0.1:${firstPort}/health`)).ok).toBe(true);

    // A process killed outright leaves its lock file behind: the next start sees its pid is dead.
    first.child.kill('SIGKILL');
    await first.exit;
    const thirdPort = await freePort();
    const third = run(dataDir, thirdPort);
    await ready(thirdPort, third);
    third.child.kill('SIGTERM');
    expect(await third.exit).toBe(0);

    // A clean stop removes the lock: the next process starts too.
    const fourthPort = await freePort();
    const fourth = run(dataDir, fourthPort);
    await ready(fourthPort, fourth);
    fourth.child.kill('SIGTERM');
    expect(await fourth.exit).toBe(0);
  }, 500_000);
});
