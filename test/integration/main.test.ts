import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
      LOG_LEVEL: 'warn',
    });
    const ready = await waitFor(`http://127.0.0.1:${port}/ready`, Date.now() + 45_000, p);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
    const stoppedAt = Date.now();
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
  }, 60_000);

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
});
