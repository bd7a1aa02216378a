import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { untilStatus } from '../support/decisions.ts';
import { JIRA_SECRET } from '../support/jira-deliveries.ts';
import {
  acceptDeliverable,
  type EffectsWorld,
  type LedgerContract,
  ledgerContract,
  relayEffects,
  startEffectsWorld,
  verifyEffects,
} from './effects.ts';
import { converge, deliveryOf, generate, send, shuffle, verify } from './harness.ts';

/**
 * The ledger harness under faults, CI-scaled (JALON_FAULT_TASKS × JALON_FAULT_CHANGES changes per
 * fault): each fault gets a connection, ledger and contract of its own; after convergence the
 * stored state must match the ledger exactly (see harness.ts for the invariants), and the contract's
 * effects — push-backs, milestone unlock, outgoing events, progress — must have happened exactly
 * once (effects.ts).
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
  'webhook-refresh',
];

let t: TestApp;
let workers: Workers;
let world: EffectsWorld;

beforeAll(async () => {
  t = await buildTestApp();
  workers = t.container.startWorkers();
  world = await startEffectsWorld(t);
});
afterAll(async () => {
  await workers?.close();
  await world?.close();
  for (const q of QUEUES) await t?.container.queues.queue(q).obliterate({ force: true });
  await t?.close();
});

async function relayNow(): Promise<void> {
  const { relayProcessor } = await import('../../src/jobs/relay.job.ts');
  const relay = t.container.queues.queue('relay');
  await relayProcessor({ inbox: t.container.store.inbox, queues: t.container.queues, graceMs: 0 }).process(
    {},
    await relay.add('relay', {}),
  );
}

/** The decision over the converged ledger, then every effect checked (exactly once). */
async function effects(c: LedgerContract): Promise<void> {
  await verifyEffects(t, world, c, await acceptDeliverable(t, c));
}

describe('ledger harness: every change applied once, whatever the fault', () => {
  it('holds without a fault (the baseline)', async () => {
    const c = await ledgerContract(t, world, TASKS, CHANGES);
    const { ledger } = c;
    await send(
      t,
      ledger,
      ledger.changes.map((c) => deliveryOf(c)),
      1,
    );
    await converge(t, ledger);
    await verify(t, ledger);
    await effects(c);
  });

  it('holds when every delivery arrives three times, concurrently', async () => {
    const c = await ledgerContract(t, world, TASKS, CHANGES);
    const { ledger } = c;
    const byTask = Map.groupBy(ledger.changes, (c) => c.issueId);
    // In order per task; the three copies of each delivery race each other.
    for (let j = 0; j < CHANGES; j++) {
      const round = [...byTask.values()].flatMap((cs) => {
        const c = cs[j];
        return c ? [c, c, c] : [];
      });
      const statuses = await send(
        t,
        ledger,
        round.map((c) => deliveryOf(c)),
        round.length,
      );
      expect(statuses.every((s) => s === 200)).toBe(true);
      await converge(t, ledger);
    }
    await verify(t, ledger);
    await effects(c);
  });

  it('holds when each task’s changes arrive shuffled (the newest wins, older ones change nothing)', async () => {
    const c = await ledgerContract(t, world, TASKS, CHANGES);
    const { ledger } = c;
    await send(
      t,
      ledger,
      shuffle(ledger.changes).map((c) => deliveryOf(c)),
    );
    await converge(t, ledger);
    await verify(t, ledger);
    await effects(c);
  });

  it('holds when Redis loses the queued jobs (own queues obliterated) and the relay rebuilds them', async () => {
    const c = await ledgerContract(t, world, TASKS, CHANGES);
    const { ledger } = c;
    await workers.close();
    await send(
      t,
      ledger,
      ledger.changes.map((c) => deliveryOf(c)),
      1,
    );
    await t.container.queues.queue('ingest').obliterate({ force: true });
    workers = t.container.startWorkers();
    await relayNow();
    await converge(t, ledger);
    await verify(t, ledger);
    // The decision's push-backs and events are queued while no worker runs, then lost with their queues.
    await untilStatus(t, c.acceptedId, 'ready_for_review');
    await workers.close();
    const decisionId = await acceptDeliverable(t, c);
    for (const q of ['pushback', 'events', 'event-delivery']) {
      await t.container.queues.queue(q).obliterate({ force: true });
    }
    workers = t.container.startWorkers();
    await relayEffects(t);
    await verifyEffects(t, world, c, decisionId);
  });

  it('holds when the webhook secret is rotated under load (the replaced one stays valid for the grace period)', async () => {
    const [oldSecret, newSecret, third] = [
      JIRA_SECRET,
      'rotated-jira-secret-0000001',
      'rotated-jira-secret-0000002',
    ];
    const c = await ledgerContract(t, world, TASKS, CHANGES, { secret: oldSecret });
    const { ledger } = c;
    const rotate = (webhookSecret: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `/v1/connections/${ledger.connectionId}`,
        headers: t.admin,
        payload: { webhookSecret },
      });
    const half = Math.floor(ledger.changes.length / 2);
    const rotation = rotate(newSecret);
    await send(
      t,
      ledger,
      ledger.changes.slice(0, half).map((c) => deliveryOf(c, oldSecret)),
      1,
    );
    expect((await rotation).statusCode).toBe(200);
    // After the rotation, deliveries signed with either secret verify (retries of old ones too).
    const rest = ledger.changes.slice(half).map((c, i) => deliveryOf(c, i % 2 ? oldSecret : newSecret));
    expect((await send(t, ledger, rest)).every((s) => s === 200)).toBe(true);
    await converge(t, ledger);
    await verify(t, ledger);
    await effects(c);
    // A second rotation drops the first secret; a stranger's secret never verified.
    expect((await rotate(third)).statusCode).toBe(200);
    const replay = ledger.changes.slice(0, 2);
    const refused = generate(ledger.connectionId, 1, 2);
    for (const secret of [oldSecret, 'a-stranger-secret-000000']) {
      const statuses = await send(
        t,
        refused,
        refused.changes.map((c) => deliveryOf(c, secret)),
      );
      expect(statuses).toEqual([401, 401]);
    }
    expect(
      (
        await send(
          t,
          ledger,
          replay.map((c) => deliveryOf(c, newSecret)),
        )
      ).every((s) => s === 200),
    ).toBe(true);
  });
});
