import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/sandbox.ts';
import { freePort } from '../../scripts/demo/jalon-process.ts';
import { createTestDatabase } from '../support/database.ts';
import { TEST_REDIS_URL, uniq } from '../support/env.ts';

/**
 * docs/GETTING-STARTED.md, run as written: its `sh` blocks in order, in bash with `set -euo
 * pipefail`, against a started Jalon and the tracker sandbox standing in for Jira Cloud. The block
 * that runs `npm start` is the first terminal (run in the background); every other block is the
 * second terminal, one shell, so its variables carry from block to block. The only rewrites are
 * addresses: `localhost:3000` becomes this test's port, the placeholder Jira site the sandbox's.
 * `npm install` is skipped (CI's `npm ci` did it), and the home directory is a fresh one.
 */
const ROOT = new URL('../..', import.meta.url).pathname;
const DOC = readFileSync(new URL('../../docs/GETTING-STARTED.md', import.meta.url), 'utf8');
const BLOCKS = [...DOC.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');

let sb: Sandbox;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: ChildProcess | undefined;
let serverOutput = '';
let port: number;

const rewrite = (block: string) =>
  block
    .replaceAll('localhost:3000', `127.0.0.1:${port}`)
    .replaceAll('https://your-site.atlassian.net', sb.urls.jira)
    .split('\n')
    .filter((line) => line.trim() !== 'npm install')
    .join('\n');

function bash(script: string, env: NodeJS.ProcessEnv, cwd: string) {
  return spawn('bash', ['-c', `set -euo pipefail\n${script}`], { cwd, env, detached: true });
}

beforeAll(async () => {
  sb = await startSandbox({ timeFactor: 0.001 });
  // The provider's team: a Jira project whose checkout work is labelled `checkout`.
  await sb.control.jira.createProject('SHOP', 'Webshop');
  await sb.control.jira.createIssue({ projectKey: 'SHOP', summary: 'Cart service', labels: ['checkout'] });
  await sb.control.jira.createIssue({
    projectKey: 'SHOP',
    summary: 'Payment provider',
    labels: ['checkout'],
  });
  await sb.control.jira.createIssue({ projectKey: 'SHOP', summary: 'Deployment tooling', labels: ['ops'] });
  db = await createTestDatabase();
  port = await freePort();
}, 60_000);

afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.on('exit', resolve));
    process.kill(-server.pid, 'SIGTERM');
    await exited;
  }
  await sb?.close();
  await db?.drop();
}, 30_000);

describe('docs/GETTING-STARTED.md', () => {
  it('takes a new user from npm start to a synced engagement and its dashboard, every command as written', async () => {
    const serverBlocks = BLOCKS.filter((b) => /^\S.*\bnpm start$/m.test(b));
    expect(serverBlocks).toHaveLength(1);
    const home = mkdtempSync(join(tmpdir(), 'jalon-getting-started-'));
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      // Where a real tracker would need JALON_PUBLIC_URL (step 7), the sandbox calls this address.
      JALON_PUBLIC_URL: `http://127.0.0.1:${port}`,
    };
    server = bash(
      rewrite(serverBlocks[0] ?? ''),
      {
        ...env,
        PORT: String(port),
        DATABASE_URL: db.url,
        REDIS_URL: TEST_REDIS_URL,
        JALON_QUEUE_PREFIX: uniq('jt-start'),
        JALON_DATA_DIR: join(home, 'data'),
        LOG_LEVEL: 'warn',
      },
      ROOT,
    );
    server.stdout?.on('data', (d) => (serverOutput += d));
    server.stderr?.on('data', (d) => (serverOutput += d));

    const steps = BLOCKS.filter((b) => !serverBlocks.includes(b)).map(rewrite);
    const user = bash(steps.join('\n'), env, home);
    let out = '';
    let err = '';
    user.stdout?.on('data', (d) => (out += d));
    user.stderr?.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => user.on('exit', resolve));
    expect({ code, err, server: code === 0 ? '' : serverOutput }).toEqual({ code: 0, err: '', server: '' });

    // Step 2 printed the PMO key; step 8 the project's three issues; step 9 the dashboard.
    expect(out).toMatch(/PMO key, shown once: jln_/);
    expect(out).toMatch(/^SHOP-1 {2}todo {2}Cart service$/m);
    expect(out).toMatch(/^SHOP-2 {2}todo {2}Payment provider$/m);
    expect(out).toMatch(/^SHOP-3 {2}todo {2}Deployment tooling$/m);
    // The deliverable picked the two `checkout` issues, not the `ops` one, and its progress is
    // on the dashboard: none of them is started yet.
    expect(out).toMatch(
      /^SHOP-[12]\nSHOP-[12]\n\{\n {2}"title": "Checkout",\n {2}"status": "planned",\n {2}"progress": 0,\n {2}"taskCount": 2,\n {2}"scheduleStatus": "on_track"\n\}$/m,
    );
    expect(out).toContain(`Open http://127.0.0.1:${port}/app and paste the PMO key`);
    // Step 7 registered Jalon's callback at the tracker.
    const hooks = await sb.control.webhooks();
    expect(JSON.stringify(hooks.jira.admin)).toContain(`http://127.0.0.1:${port}/webhooks/jira/`);
  }, 300_000);
});
