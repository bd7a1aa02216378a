import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/database.ts';
import { TEST_REDIS_URL } from '../support/env.ts';

const main = new URL('../../src/main.ts', import.meta.url).pathname;

function run(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', JALON_DATA_DIR: mkdtempSync(join(tmpdir(), 'jalon-main-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

/**
 * Polls `url` until it answers 2xx. Gives up at `deadline`, or at once if the process `p` exited
 * (a port taken, a failed start), with what the process printed.
 */
async function waitFor(url: string, deadline: number, p?: ReturnType<typeof run>): Promise<Response> {
  let exited: number | null | undefined;
  void p?.exit.then((code) => {
    exited = code;
  });
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return res;
    } catch {}
    if (exited !== undefined)
      throw new Error(`the process exited (${exited}) before ${url} answered:\n${p?.output()}`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer in time:\n${p?.output() ?? ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A port no socket holds now, from the OS. A random number in 20,000–40,000 could fall in the
 * ephemeral range (32768–60999) while the other suites' connections held it.
 */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the process', () => {
  it('stops on an invalid variable with a message naming it', async () => {
    const p = run({ PORT: 'eighty', REDIS_URL: TEST_REDIS_URL });
    expect(await p.exit).toBe(78);
    expect(p.output()).toContain('PORT:');
    expect(p.output()).not.toContain('    at ');
  });

  it('says how to start Redis when it cannot reach it, without a stack trace', async () => {
    const p = run({ REDIS_URL: 'redis://127.0.0.1:1' });
    expect(await p.exit).toBe(69);
    expect(p.output()).toContain('cannot reach Redis');
    expect(p.output()).toContain('docker compose up -d redis');
    expect(p.output()).not.toContain('    at ');
  });

  it('starts on the embedded database, is ready, and exits 0 within 10 s of SIGTERM', async () => {
    const port = String(await freePort());
    const p = run({
      PORT: port,
      REDIS_URL: TEST_REDIS_URL,
      JALON_QUEUE_PREFIX: `jt-main-${port}`,
      LOG_LEVEL: 'info',
    });
    const ready = await waitFor(`http://127.0.0.1:${port}/ready`, Date.now() + 100_000, p);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
    // A first start says what it is doing while the embedded database is created and migrated,
    // then where the dashboard is and how to get the first API key.
    const messages = p
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; [k: string]: unknown });
    const said = messages.map((m) => m.msg);
    const order = [
      'creating the embedded database',
      'database opened',
      'migrations applied',
      'jalon started',
    ];
    const at = order.map((start) => said.findIndex((msg) => msg.startsWith(start)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(messages.find((m) => m.msg === 'jalon started')).toMatchObject({
      dashboard: `http://127.0.0.1:${port}/app`,
      docs: `http://127.0.0.1:${port}/docs`,
    });
    expect(said.find((msg) => msg.startsWith('No JALON_BOOTSTRAP_ADMIN_KEY'))).toContain('POST /v1/api-keys');
    const stoppedAt = Date.now();
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
  }, 120_000);

  it('as a worker alone, serves /health, /ready and /metrics on JALON_METRICS_PORT and no API', async () => {
    const [port, apiPort] = [await freePort(), await freePort()];
    const p = run({
      JALON_ROLE: 'worker',
      JALON_METRICS_PORT: String(port),
      PORT: String(apiPort),
      REDIS_URL: TEST_REDIS_URL,
      JALON_QUEUE_PREFIX: `jt-main-worker-${port}`,
      LOG_LEVEL: 'warn',
    });
    const base = `http://127.0.0.1:${port}`;
    const ready = await waitFor(`${base}/ready`, Date.now() + 45_000, p);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
    const metrics = await (await waitFor(`${base}/metrics`, Date.now() + 5000)).text();
    expect(metrics).toContain('# TYPE jalon_job_duration_seconds histogram');
    expect(metrics).toContain('# TYPE jalon_tracker_calls_total counter');
    expect(metrics).toContain('jalon_queue_jobs{queue="ingest",state="waiting"}');
    const api = await fetch(`${base}/v1/engagements`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    await expect(fetch(`http://127.0.0.1:${apiPort}/health`)).rejects.toThrow();
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
  }, 60_000);

  it('stops with a clear message when its port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const p = run({
        JALON_ROLE: 'worker',
        JALON_METRICS_PORT: String(port),
        REDIS_URL: TEST_REDIS_URL,
        JALON_QUEUE_PREFIX: `jt-main-taken-${port}`,
        LOG_LEVEL: 'warn',
      });
      expect(await p.exit).toBe(69);
      expect(p.output()).toContain(`cannot listen on 127.0.0.1:${port} (EADDRINUSE); set JALON_METRICS_PORT`);
      expect(p.output()).not.toContain('    at ');
    } finally {
      taken.close();
    }
  }, 60_000);

  it('names HOST, not PORT, when HOST does not resolve', async () => {
    const db = await createTestDatabase();
    try {
      const p = run({
        HOST: 'no-such-host.invalid',
        DATABASE_URL: db.url,
        REDIS_URL: TEST_REDIS_URL,
        JALON_QUEUE_PREFIX: `jt-main-host-${process.pid}`,
        LOG_LEVEL: 'warn',
      });
      expect(await p.exit).toBe(69);
      expect(p.output()).toMatch(
        /cannot listen on no-such-host\.invalid:3000 \((ENOTFOUND|EAI_AGAIN)\): HOST /,
      );
      expect(p.output()).toContain('set HOST to an address or name of this machine');
      expect(p.output()).not.toContain('set PORT');
      expect(p.output()).not.toContain('    at ');
    } finally {
      await db.drop();
    }
  }, 120_000);
});
