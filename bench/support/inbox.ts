import { percentile, round, sleep } from './report.ts';
import type { BenchService } from './service.ts';

/**
 * Zero loss, checked key by key: every delivery answered 2xx must be in the inbox. A stored delivery
 * that was not answered 2xx can only be one in flight when a timed run stopped (the tracker would
 * retry it and the unique key would recognise it).
 */
export async function inboxCheck(
  service: Pick<BenchService, 'query'>,
  connectionId: string,
  keyPrefix: string,
  acked: readonly string[],
) {
  const rows = await service.query<{ delivery_key: string }>(
    'select delivery_key from webhook_inbox where connection_id = $1 and delivery_key like $2',
    [connectionId, `${keyPrefix}-%`],
  );
  const stored = new Set(rows.map((r) => r.delivery_key));
  const lost = acked.filter((k) => !stored.has(k)).length;
  return {
    accepted: acked.length,
    inboxRows: stored.size,
    lost,
    storedNotAcknowledged: stored.size - (acked.length - lost),
    batches: await batchSizes(service, connectionId, keyPrefix),
  };
}

/**
 * The group commit's batch sizes, read back from the rows: received_at defaults to now(), the
 * start of the inserting transaction, so the rows of one batch share it exactly.
 */
async function batchSizes(service: Pick<BenchService, 'query'>, connectionId: string, keyPrefix: string) {
  const rows = await service.query<{ n: number }>(
    `select count(*)::int as n from webhook_inbox where connection_id = $1 and delivery_key like $2
     group by received_at order by n`,
    [connectionId, `${keyPrefix}-%`],
  );
  const sizes = rows.map((r) => r.n);
  const total = sizes.reduce((a, b) => a + b, 0);
  return {
    count: sizes.length,
    mean: sizes.length ? round(total / sizes.length, 1) : 0,
    p50: percentile(sizes, 50),
    p99: percentile(sizes, 99),
    max: sizes.at(-1) ?? 0,
  };
}

/** This process's user + system CPU milliseconds so far. */
const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Waits (at most `timeoutMs`) until the workers have applied every stored delivery. With no load
 * running, the CPU time over that wait of the process running the workers (`cpuMs`: this one by
 * default) is the workers' price of one delivery.
 */
export async function drain(
  service: Pick<BenchService, 'query'>,
  timeoutMs = 30_000,
  cpuMs: () => number | null = ownCpuMs,
) {
  const pending = async () =>
    Number(
      (
        await service.query<{ n: string }>(`select count(*) as n from webhook_inbox where status = 'pending'`)
      )[0]?.n ?? 0,
    );
  const start = performance.now();
  const cpuBefore = cpuMs();
  const initial = await pending();
  let left = initial;
  while (left > 0 && performance.now() - start < timeoutMs) {
    await sleep(200);
    left = await pending();
  }
  const seconds = (performance.now() - start) / 1000;
  const cpuAfter = cpuMs();
  const usedMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  const failed = await service.query<{ n: string }>(
    `select count(*) as n from webhook_inbox where status = 'failed'`,
  );
  const applied = initial - left;
  return {
    pendingAtStart: initial,
    seconds: round(seconds, 1),
    appliedPerSecond: Math.round(applied / seconds),
    cpuMsPerDelivery: applied > 0 && usedMs !== null ? round(usedMs / applied) : null,
    stillPending: left,
    failed: Number(failed[0]?.n ?? 0),
  };
}
