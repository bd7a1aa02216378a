import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { rawQuery } from '../support/engagement.ts';
import { TEST_SECRET_KEY } from '../support/env.ts';
import {
  acceptDeliverable,
  type EffectsWorld,
  ledgerContract,
  startEffectsWorld,
  verifyEffects,
} from './effects.ts';
import { converge, deliveryOf, send, verify } from './harness.ts';

/**
 * The ledger harness with workers in separate processes, killed with SIGKILL mid-job twice in a
 * row: this process is the API only; the workers run `node src/main.ts` with JALON_ROLE=worker on
 * the same database and queue prefix. Jobs a killed worker held come back once their lock
 * expires (BullMQ's stalled check), so this fault takes 30–60 s whatever the scale. The last
 * worker then carries the contract's decision: its push-backs, unlock and events happen once.
 */

const TASKS = Number(process.env.JALON_FAULT_TASKS ?? 10);
const CHANGES = Number(process.env.JALON_FAULT_CHANGES ?? 4);
const QUEUES = [
  'ingest',
  'relay',
  'sync',
  'recompute',
  'events',
  'event-delivery',
  'pushback',
  'noop',
  'unlock-check',
];
const main = new URL('../../src/main.ts', import.meta.url).pathname;

let t: TestApp;
let world: EffectsWorld;
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  world = await startEffectsWorld(t);
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await world?.close();
  for (const q of QUEUES) await t?.container.queues.queue(q).obliterate({ force: true });
  await t?.close();
});

function worker(): ChildProcess {
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    DATABASE_URL: t.config.databaseUrl ?? '',
    REDIS_URL: t.config.redisUrl,
    JALON_QUEUE_PREFIX: t.config.queuePrefix,
    JALON_SECRET_KEY: TEST_SECRET_KEY,
    JALON_ROLE: 'worker',
    JALON_METRICS_PORT: '0',
    JALON_WORKER_CONCURRENCY: '4',
    LOG_LEVEL: 'silent',
  };
  const child = spawn(process.execPath, [main], { env, stdio: 'ignore' });
  children.push(child);
  return child;
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

/** Waits until at least `n` deliveries are processed, then SIGKILLs the worker; returns the count then. */
async function killAfter(child: ChildProcess, connectionId: string, n: number): Promise<number> {
  const deadline = Date.now() + 30_000;
  while ((await processed(connectionId)) < n) {
    if (Date.now() > deadline) throw new Error(`the worker processed fewer than ${n}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  return processed(connectionId);
}

describe('ledger harness: worker processes killed with SIGKILL mid-job', () => {
  it('loses nothing and applies nothing twice when two workers in a row die mid-job', async () => {
    // Enough changes that neither worker can finish before it is killed.
    const contract = await ledgerContract(t, world, TASKS * 6, CHANGES);
    const { ledger } = contract;
    const total = ledger.changes.length;
    const statuses = await send(
      t,
      ledger,
      ledger.changes.map((c) => deliveryOf(c)),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    const step = Math.max(5, Math.floor(total / 10));
    const first = await killAfter(worker(), ledger.connectionId, step);
    expect(first).toBeLessThan(total);
    const second = await killAfter(worker(), ledger.connectionId, first + step);
    expect(second).toBeLessThan(total);
    // The last worker's stalled check runs at start in every queue a killed worker held jobs of.
    await t.container.queues.connection.del(
      ...QUEUES.map((q) => `${t.container.queues.prefix}:${q}:stalled-check`),
    );
    worker();
    await converge(t, ledger, 120_000);
    await verify(t, ledger);
    await verifyEffects(t, world, contract, await acceptDeliverable(t, contract));
  }, 240_000);
});
