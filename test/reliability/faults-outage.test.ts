import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import type { createTestDatabase } from '../support/database.ts';
import { untilStatus } from '../support/decisions.ts';
import { databaseBehindProxy, type startTcpProxy } from '../support/tcp-proxy.ts';
import {
  acceptDeliverable,
  type EffectsWorld,
  ledgerContract,
  startEffectsWorld,
  verifyEffects,
} from './effects.ts';
import { converge, type Delivery, deliveryOf, type Ledger, send, verify } from './harness.ts';

/**
 * The ledger harness with PostgreSQL stopped under load (JALON_FAULT_OUTAGE_MS, 3 s in CI, 60 s with
 * `npm run reliability -- --full`): the app reaches the database through a TCP proxy the test
 * closes. Deliveries refused meanwhile (503) are sent again, as a tracker would; after recovery
 * everything converges and matches the ledger. Then PostgreSQL stops again right after the
 * contract's decision, while its push-backs and events are going out: each still happens once.
 */

const TASKS = Number(process.env.JALON_FAULT_TASKS ?? 10);
const CHANGES = Number(process.env.JALON_FAULT_CHANGES ?? 4);
const OUTAGE_MS = Number(process.env.JALON_FAULT_OUTAGE_MS ?? 3000);
const QUEUES = ['ingest', 'relay', 'sync', 'recompute', 'events', 'pushback', 'noop', 'unlock-check'];

let t: TestApp;
let workers: Workers;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let world: EffectsWorld;

beforeAll(async () => {
  let viaProxy: string;
  ({ db, proxy, url: viaProxy } = await databaseBehindProxy());
  t = await buildTestApp({ env: { DATABASE_URL: viaProxy } });
  workers = t.container.startWorkers();
  world = await startEffectsWorld(t);
});
/** Waits for `step` at most `ms`; clean-up after a cut connection must not hang the suite. */
const bounded = (step: Promise<unknown>, ms: number) =>
  Promise.race([step.catch(() => {}), new Promise((r) => setTimeout(r, ms))]);

afterAll(async () => {
  await bounded(workers?.close() ?? Promise.resolve(), 15_000);
  await bounded(workers?.close(true) ?? Promise.resolve(), 5_000);
  for (const q of QUEUES) await t?.container.queues.queue(q).obliterate({ force: true });
  await bounded(t?.close() ?? Promise.resolve(), 15_000);
  await proxy?.stop();
  await world?.close();
  await db?.drop();
}, 90_000);

/** Sends each delivery until it is acknowledged, as a tracker retries; returns every status seen. */
async function sendUntilAcked(ledger: Ledger, deliveries: Delivery[], stopAt: number): Promise<number[]> {
  const seen: number[] = [];
  let pending = deliveries;
  while (pending.length > 0) {
    if (Date.now() > stopAt) throw new Error(`${pending.length} deliveries never acknowledged`);
    const statuses = await send(t, ledger, pending, 4);
    seen.push(...statuses);
    pending = pending.filter((_, i) => statuses[i] !== 200);
    if (pending.length > 0) await new Promise((r) => setTimeout(r, 250));
  }
  return seen;
}

describe('ledger harness: PostgreSQL stopped under load', () => {
  it('refuses with 503 while it is down (never a 2xx); every change, and every effect of a decision cut off by a second stop, happens once after', async () => {
    const contract = await ledgerContract(t, world, TASKS, CHANGES);
    const { ledger } = contract;
    const started = Date.now();
    const deadline = started + OUTAGE_MS + 60_000;
    const load = sendUntilAcked(
      ledger,
      ledger.changes.map((c) => deliveryOf(c)),
      deadline,
    );
    await new Promise((r) => setTimeout(r, 100));
    await proxy.stop();
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    await proxy.start();
    const statuses = await load;
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(statuses.filter((s) => s === 503).length, 'deliveries refused during the outage').toBeGreaterThan(
      0,
    );
    await converge(t, ledger, OUTAGE_MS + 120_000);
    await verify(t, ledger);
    await untilStatus(t, contract.acceptedId, 'ready_for_review');
    const decisionId = await acceptDeliverable(t, contract);
    await proxy.stop();
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    await proxy.start();
    await verifyEffects(t, world, contract, decisionId, OUTAGE_MS + 120_000);
  }, 360_000);
});
