import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Jalon as a child process (`node src/main.ts`), for the demo and the end-to-end tests: started
 * with the environment it is given, awaited on `/ready`, stopped with SIGTERM (SIGKILL after a
 * grace period). Its output is kept (the last 200 kB) for error messages and may be teed.
 */

const MAIN = new URL('../../src/main.ts', import.meta.url).pathname;
const KEEP_OUTPUT = 200_000;

export interface JalonProcess {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly child: ChildProcess;
  /** What the process wrote so far (stdout and stderr, the last 200 kB). */
  output(): string;
  /** Resolves with the exit code once the process has stopped. */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

/** A TCP port free on loopback right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startJalon(opts: {
  /** The whole environment of the child (PATH is added); PORT is set from `port`. */
  readonly env: Readonly<Record<string, string>>;
  readonly port: number;
  readonly readyTimeoutMs?: number;
  /** Each chunk of output, as it comes (the demo writes it to a log file). */
  readonly onOutput?: (chunk: string) => void;
}): Promise<JalonProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ...opts.env, PORT: String(opts.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    out = (out + text).slice(-KEEP_OUTPUT);
    opts.onOutput?.(text);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? 128 : null);
      resolve(exitCode);
    }),
  );
  const url = `http://127.0.0.1:${opts.port}`;
  const stop = async (graceMs = 10_000): Promise<number | null> => {
    if (exitCode !== undefined) return exitCode;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exitCode !== undefined)
      throw new Error(`Jalon exited with code ${exitCode} before it was ready:\n${out.trim()}`);
    const ready = await fetch(`${url}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Jalon was not ready at ${url} in time:\n${out.slice(-5000).trim()}`);
    }
    await sleep(150);
  }
  return { url, child, output: () => out, exited, stop };
}
