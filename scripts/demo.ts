import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Schemas } from '../clients/typescript/src/index.ts';
import { type Sandbox, startSandbox } from '../sandbox/sandbox.ts';
import { DAY_MS } from './demo/days.ts';
import { acceptCheckout, type Decision } from './demo/decide.ts';
import { createJalonClient, type JalonClient, must } from './demo/jalon-client.ts';

import { freePort, type JalonProcess, startJalon } from './demo/jalon-process.ts';
import { type Features, playWeeks } from './demo/play.ts';
import { requestedPort } from './demo/port.ts';
import { printReport } from './demo/report.ts';
import { type DemoKeys, setUpDemo } from './demo/setup.ts';

/**
 * `npm run demo`: the tracker sandbox (in this process) and Jalon (`node src/main.ts`, API and
 * workers, embedded PGlite in a fresh temporary directory), then a contract, four weeks of provider
 * activity and a PMO decision through both APIs; it prints where to look and keeps running until
 * Ctrl-C. Needs only Redis (REDIS_URL, default redis://127.0.0.1:6379). DEMO_PORT, else PORT, picks
 * Jalon's port (default 3000, or a free one), DEMO_KEEP_DATA=1 keeps the data directory on exit.
 */

type Role = Schemas['ApiKey']['role'];

const say = (text: string) => process.stdout.write(`${text}\n`);

/** `wanted` when nothing listens on it, else a free port. */
async function preferredPort(wanted: number): Promise<number> {
  const free = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(wanted, '127.0.0.1', () => server.close(() => resolve(true)));
  });
  return free ? wanted : freePort();
}

/** Which parts of the product this build has (the demo plays what exists and says what it skipped). */
async function detect(api: JalonClient): Promise<Features> {
  const spec = await api.expect<{ paths: Record<string, unknown> }>('GET', '/openapi.json');
  const has = (path: string) => path in spec.paths;
  const ui = (await api.request('GET', '/app')).status === 200;
  return {
    decision: has('/v1/deliverables/{id}/decision'),
    payments: has('/v1/payment-milestones'),
    providersDashboard: has('/v1/dashboard/providers'),
    engagementDashboard: has('/v1/engagements/{id}/dashboard'),
    ui,
  };
}

async function newKey(admin: JalonClient, role: Role, name: string, providerId?: string) {
  const created = await must(
    admin.api.POST('/v1/api-keys', { body: { name, role, ...(providerId ? { providerId } : {}) } }),
  );
  return admin.as(created.key);
}

async function dropRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } catch {
    // Redis gone: nothing to tidy
  } finally {
    redis.disconnect();
  }
}

/** The contract, four weeks of work, the decision, and the report. */
async function story(admin: JalonClient, sandbox: Sandbox, logFile: string): Promise<void> {
  const features = await detect(admin);
  const skipped: string[] = [];
  // The story starts four weeks ago by the trackers' clock.
  await sandbox.control.setClock(new Date(Date.now() - 28 * DAY_MS).toISOString());
  say('\nSetting up the contract and the trackers:');
  const pmo = await newKey(admin, 'pmo', 'Claire Martin (PMO)');
  const finance = await newKey(admin, 'finance', 'Finance');
  const world = await setUpDemo({ admin, pmo }, sandbox.control, sandbox, say);
  const provider = await newKey(admin, 'provider', 'Atelier Nord', world.providerId);
  const keys: DemoKeys = { admin, pmo, finance, provider };
  say('\nFour weeks of work in the provider’s trackers (webhooks carry each change to Jalon):');
  const changeRequest = await playWeeks(keys, sandbox.control, world, say);
  say('\nThe PMO decides:');
  let decision: Decision | null = null;
  if (features.decision) decision = await acceptCheckout(keys, sandbox.control, world, say);
  else skipped.push('the PMO decision (POST /v1/deliverables/{id}/decision) and its write-back');
  if (!features.payments) skipped.push('the finance query (GET /v1/payment-milestones)');
  if (!features.providersDashboard) skipped.push('the PMO portfolio (GET /v1/dashboard/providers)');
  if (!features.engagementDashboard)
    skipped.push('the engagement dashboard (GET /v1/engagements/{id}/dashboard)');
  if (!features.ui) skipped.push('the dashboard UI (/app)');
  await printReport(
    {
      keys,
      sb: sandbox.control,
      sandboxUrls: sandbox.urls,
      world,
      features,
      changeRequest,
      decision,
      skipped,
      logFile,
    },
    say,
  );
}

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const dataDir = mkdtempSync(join(tmpdir(), 'jalon-demo-'));
  const logFile = join(dataDir, 'jalon.log');
  const log = createWriteStream(logFile);
  const prefix = `jalon-demo-${randomBytes(4).toString('hex')}`;
  const adminKey = randomBytes(24).toString('hex');
  say('Jalon demo: starting the tracker sandbox and Jalon (embedded database, needs Redis)…');
  const sandbox = await startSandbox({ timeFactor: 0.01 });
  let jalon: JalonProcess | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('\nStopping Jalon and the sandbox…');
    await jalon?.stop();
    await sandbox.close();
    await dropRedisPrefix(redisUrl, prefix);
    log.end();
    if (process.env.DEMO_KEEP_DATA === '1') say(`Data kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGHUP', () => void stop(0));

  const port = requestedPort(process.env) ?? (await preferredPort(3000));
  try {
    jalon = await startJalon({
      port,
      readyTimeoutMs: 120_000,
      onOutput: (chunk) => log.write(chunk),
      env: {
        REDIS_URL: redisUrl,
        JALON_DATA_DIR: dataDir,
        JALON_ROLE: 'all',
        JALON_QUEUE_PREFIX: prefix,
        JALON_BOOTSTRAP_ADMIN_KEY: adminKey,
        JALON_SECRET_KEY: randomBytes(32).toString('base64'),
        JALON_PUBLIC_URL: `http://127.0.0.1:${port}`,
        JALON_SYNC_INTERVAL_MS: '60000',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      },
    });
  } catch (err) {
    say(`\nJalon did not start.\n${err instanceof Error ? err.message : String(err)}`);
    return stop(1);
  }
  void jalon.exited.then((code) => {
    if (stopping) return;
    say(`\nJalon stopped unexpectedly (exit ${code}); its log: ${logFile}`);
    void stop(1);
  });
  say(`  Jalon ready at ${jalon.url} (log: ${logFile}); sandbox control API at ${sandbox.urls.control}`);

  try {
    await story(createJalonClient(jalon.url, adminKey), sandbox, logFile);
  } catch (err) {
    say(`\nThe demo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await stop(1);
  }
}

try {
  await main();
} catch (err) {
  say(`\nThe demo could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
