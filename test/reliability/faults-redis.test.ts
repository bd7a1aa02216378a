import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relayProcessor } from '../../src/jobs/relay.job.ts';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { untilStatus } from '../support/decisions.ts';
import { rawQuery } from '../support/engagement.ts';
import {
  acceptDeliverable,
  type EffectsWorld,
  ledgerContract,
  relayEffects,
  startEffectsWorld,
  verifyEffects,
} from './effects.ts';
import { converge, type Delivery, deliveryOf, type Ledger, send, verify } from './harness.ts';

/**
 * The ledger harness with Redis itself failing. The test owns its Redis: a private
 * `redis-server` child on a free loopback port (append-only file on, no snapshots, in a temporary
 * directory), never the machine's shared one. Under load it is killed with SIGKILL and started
 * again on the same files (JALON_FAULT_REDIS_DOWN_MS down, 1 s in CI), and, separately, emptied
 * with FLUSHDB; the relays rebuild the work from PostgreSQL (the inbox, the push-backs, the event
 * deliveries), and every change and every effect must happen exactly once.
 */

const TASKS = Number(process.env.JALON_FAULT_TASKS ?? 10);
const CHANGES = Number(process.env.JALON_FAULT_CHANGES ?? 4);
const DOWN_MS = Number(process.env.JALON_FAULT_REDIS_DOWN_MS ?? 1000);

let t: TestApp;
let workers: Workers;
let world: EffectsWorld;
let server: ChildProcess | undefined;
let port = 0;
const dir = mkdtempSync(join(tmpdir(), 'jalon-redis-'));

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const address = probe.address();
  await new Promise((r) => probe.close(r));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts the private Redis on `port` over the files of `dir` (its AOF is replayed), once it answers PING. */
async function startRedis(): Promise<void> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'yes',
      '--dir',
      dir,
      '--logfile',
      '',
      '--loglevel',
      'warning',
    ],
    { stdio: 'ignore' },
  );
  server = child;
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
  client.on('error', () => {});
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') break;
    } catch {
      if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not start`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  client.disconnect();
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** SIGKILL: no shutdown, no final fsync. */
async function killRedis(): Promise<void> {
  const child = server;
  if (!child || !running(child)) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** Restarts the private Redis after `DOWN_MS` and waits until the app's producer connection is back. */
async function restartRedis(): Promise<void> {
  await new Promise((r) => setTimeout(r, DOWN_MS));
  await startRedis();
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await t.container.queues.ping();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error('the app did not reconnect to Redis');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function flushRedis(): Promise<void> {
  const client = new Redis({ port, host: '127.0.0.1' });
  await client.flushdb();
  client.disconnect();
}

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  t = await buildTestApp({
    env: { REDIS_URL: `redis://127.0.0.1:${port}`, JALON_SCHEDULER_CHECK_MS: '500' },
  });
  workers = t.container.startWorkers();
  world = await startEffectsWorld(t);
}, 60_000);
afterAll(async () => {
  // A test that failed with Redis down leaves it down: the app's clean-up needs it.
  if (port && (!server || !running(server))) await startRedis();
  await workers?.close(true);
  await world?.close();
  await t?.close();
  await killRedis();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

/**
 * Sends each delivery until it is acknowledged, as a tracker retries. A few at a time, 20 ms apart,
 * as deliveries arrive over time: the faults must land while some are still to come (ingest
 * batches made a burst of 40 land and apply before the fault could).
 */
async function sendUntilAcked(ledger: Ledger, deliveries: Delivery[], stopAt: number): Promise<number[]> {
  const seen: number[] = [];
  let pending = deliveries;
  while (pending.length > 0) {
    if (Date.now() > stopAt) throw new Error(`${pending.length} deliveries never acknowledged`);
    const statuses: number[] = [];
    for (let i = 0; i < pending.length; i += 4) {
      statuses.push(...(await send(t, ledger, pending.slice(i, i + 4), 2)));
      await new Promise((r) => setTimeout(r, 20));
    }
    seen.push(...statuses);
    pending = pending.filter((_, i) => statuses[i] !== 200);
    if (pending.length > 0) await new Promise((r) => setTimeout(r, 250));
  }
  return seen;
}

/** The inbox relay now, with no grace (its schedule would, 15 s later). */
async function relayInbox(): Promise<void> {
  const relay = relayProcessor({ inbox: t.container.store.inbox, queues: t.container.queues, graceMs: 0 });
  await relay.process({}, { name: 'relay' } as never);
}

const processed = async (connectionId: string) =>
  Number(
    (
      await rawQuery<{ n: string }>(
        t,
        "select count(*) as n from webhook_inbox where connection_id = $1 and status = 'processed'",
        [connectionId],
      )
    )[0]?.n,
  );

/** Resolves once `n` of the ledger's deliveries are processed: the fault then lands mid-load. */
async function midLoad(ledger: Ledger, n: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await processed(ledger.connectionId)) < n) {
    if (Date.now() > deadline) throw new Error(`fewer than ${n} deliveries processed`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const schedulers = async (queue: string) => (await t.container.queues.queue(queue).getJobSchedulers()).length;

describe('ledger harness: Redis restarted and flushed', () => {
  it('holds when Redis is killed (SIGKILL) mid-load and restarted, twice: under the deliveries, then during the decision', async () => {
    const c = await ledgerContract(t, world, TASKS, CHANGES);
    const { ledger } = c;
    const stopAt = Date.now() + DOWN_MS + 60_000;
    const load = sendUntilAcked(
      ledger,
      ledger.changes.map((x) => deliveryOf(x)),
      stopAt,
    );
    await midLoad(ledger, Math.floor(ledger.changes.length / 4));
    await killRedis();
    expect(await processed(ledger.connectionId), 'killed mid-load').toBeLessThan(ledger.changes.length);
    await restartRedis();
    const statuses = await load;
    expect(
      statuses.filter((s) => s !== 200 && s !== 503),
      'only 200 or 503',
    ).toEqual([]);
    await relayInbox();
    await converge(t, ledger, 60_000);
    await verify(t, ledger);
    // The decision is taken while Redis is down again: its push-backs and events cannot be queued.
    await untilStatus(t, c.acceptedId, 'ready_for_review');
    await killRedis();
    const decisionId = await acceptDeliverable(t, c);
    await restartRedis();
    await relayEffects(t);
    await verifyEffects(t, world, c, decisionId);
  }, 180_000);

  it('holds when Redis is flushed (FLUSHDB) mid-load: the relays rebuild the work from PostgreSQL', async () => {
    const c = await ledgerContract(t, world, TASKS, CHANGES);
    const { ledger } = c;
    const half = Math.floor(ledger.changes.length / 2);
    const first = send(
      t,
      ledger,
      ledger.changes.slice(0, half).map((x) => deliveryOf(x)),
      2,
    );
    await midLoad(ledger, Math.floor(half / 2));
    await flushRedis();
    expect(await processed(ledger.connectionId), 'flushed mid-load').toBeLessThan(ledger.changes.length);
    expect((await first).every((s) => s === 200)).toBe(true);
    expect(
      (
        await send(
          t,
          ledger,
          ledger.changes.slice(half).map((x) => deliveryOf(x)),
        )
      ).every((s) => s === 200),
    ).toBe(true);
    await relayInbox();
    await converge(t, ledger, 60_000);
    await verify(t, ledger);
    await untilStatus(t, c.acceptedId, 'ready_for_review');
    const decisionId = await acceptDeliverable(t, c);
    await flushRedis();
    // FLUSHDB also drops the job schedulers (relays, event dispatch); the workers notice the inbox
    // relay's is gone and register them all again (JALON_SCHEDULER_CHECK_MS, 500 ms here).
    const deadline = Date.now() + 15_000;
    while ((await schedulers('relay')) === 0 || (await schedulers('events')) === 0) {
      if (Date.now() > deadline) throw new Error('the job schedulers were not registered again');
      await new Promise((r) => setTimeout(r, 100));
    }
    await relayEffects(t);
    await verifyEffects(t, world, c, decisionId);
  }, 180_000);
});
