import { describe, expect, it } from 'vitest';
import type { JobDefinition } from '../../src/jobs/job.ts';
import type { Queues } from '../../src/jobs/queues.ts';
import { ingestCoverage, relayProcessor } from '../../src/jobs/relay.job.ts';

describe('the relay: what live ingest jobs cover', () => {
  it('reads single jobs as their row, batch and relay jobs as every row from their first on', () => {
    const c = ingestCoverage(['ingest-7', 'ingest-batch-120', 'ingest-relay-90-1795750000000', 'sync-3']);
    expect([7, 8, 89, 90, 91, 120, 5000].map((id) => c.covers(id))).toEqual([
      true,
      false,
      false,
      true,
      true,
      true,
      true,
    ]);
    expect(c.firstCoveredRange).toBe(90);
  });

  it('covers nothing when no ingest job is live (Redis lost its data)', () => {
    const c = ingestCoverage(['repeat:relay:1', 'ingest-batchx-3']);
    expect([1, 3, 10_000].some((id) => c.covers(id))).toBe(false);
    expect(c.firstCoveredRange).toBeUndefined();
  });
});

/** An inbox of pending rows 1..n (all old enough) and a queue recording what is added. */
function relayWith(pendingIds: number[], liveJobIds: string[]) {
  const added: { name: string; data: { inboxIds: number[]; relayPass?: number } }[] = [];
  const reads: number[] = [];
  const inbox = {
    async pending(_olderThan: Date, limit: number, afterId = 0, beforeId = Number.POSITIVE_INFINITY) {
      reads.push(afterId);
      return pendingIds
        .filter((id) => id > afterId && id < beforeId)
        .slice(0, limit)
        .map((id) => ({ id, connectionId: 'c', receivedAt: new Date(0) }));
    },
  };
  const queues = {
    async enqueue() {
      return 'x';
    },
    async enqueueMany<P>(def: JobDefinition<P>, payloads: readonly P[]) {
      for (const p of payloads) added.push({ name: def.name, data: p as never });
    },
    queue: () => ({ getRanges: async () => liveJobIds }),
  } as unknown as Pick<Queues, 'enqueue' | 'enqueueMany' | 'queue'>;
  return { relay: relayProcessor({ inbox, queues, graceMs: 0 }), added, reads };
}

describe('the relay pass', () => {
  it('pages through the pending rows by id and queues only those no live job covers', async () => {
    const ids = Array.from({ length: 1_200 }, (_, i) => i + 1);
    const r = relayWith(ids, ['ingest-batch-1101', 'ingest-50']);
    const result = await r.relay.process({}, {} as never);
    expect(r.reads).toEqual([0, 500, 1000]);
    const queued = r.added.flatMap((a) => a.data.inboxIds);
    expect(queued).toEqual(ids.filter((id) => id < 1101 && id !== 50));
    // Rows 1101 on, the live batch's, are not read at all; row 50 is read and left to its job.
    expect(result).toEqual({ requeued: 1_099, leftToLiveJobs: 1, pushBacks: 0 });
    // Its jobs carry the pass, so their ids are its own (a job of an earlier pass that failed for
    // good keeps its id in BullMQ's failed set and would turn an add under the same id into a no-op).
    const passes = new Set(r.added.map((a) => a.data.relayPass));
    expect(passes.size).toBe(1);
    expect([...passes][0]).toBeGreaterThan(0);
  });

  it('reads nothing of a backlog the live batch jobs cover from its first row on', async () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => i + 1);
    const r = relayWith(ids, ['ingest-batch-1', 'ingest-batch-20001', 'ingest-relay-30001-1795750000000']);
    const result = await r.relay.process({}, {} as never);
    expect(r.reads).toEqual([0]);
    expect(result).toEqual({ requeued: 0, leftToLiveJobs: 0, pushBacks: 0 });
  });

  it('stops after 10,000 rows a pass; the next pass goes on', async () => {
    const ids = Array.from({ length: 12_000 }, (_, i) => i + 1);
    const r = relayWith(ids, []);
    const result = await r.relay.process({}, {} as never);
    expect(r.reads).toHaveLength(20);
    expect(result).toMatchObject({ requeued: 10_000 });
  });
});

describe('ingest job ids', () => {
  it('are read back as the ids ingest.job.ts writes them', async () => {
    const { inboxIdNamedBy, ingestBatchJob, ingestJob } = await import('../../src/jobs/ingest.job.ts');
    const single = ingestJob.jobId?.({ inboxId: 7 }) ?? '';
    const batch = ingestBatchJob.jobId?.({ inboxIds: [12, 10, 11] }) ?? '';
    const relayed = ingestBatchJob.jobId?.({ inboxIds: [90, 91], relayPass: 1795750000000 }) ?? '';
    expect([single, batch, relayed].map(inboxIdNamedBy)).toEqual([
      { kind: 'single', inboxId: 7 },
      { kind: 'batch', inboxId: 10 },
      { kind: 'batch', inboxId: 90 },
    ]);
    expect(['ingest-7-3', 'ingest-batchx-3', 'sync-3', 'repeat:relay:1'].map(inboxIdNamedBy)).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});
