import { randomUUID } from 'node:crypto';
import { sleep, TRACKERS, type Tracker } from './common.ts';
import { RETRY_POLICIES } from './webhook-policies.ts';

/**
 * Webhook delivery as the three vendors do it: one POST per delivery, retried on failure on the
 * vendor's schedule (every delay multiplied by the sandbox's time factor), and, on request, sent
 * twice, held back and released out of order, or dropped.
 */

/** One delivery to send. Headers are built per attempt: signatures, JWTs and retry counters. */
export interface Outbound {
  readonly tracker: Tracker;
  readonly hookId: string;
  readonly url: string;
  readonly event: string;
  readonly body: Buffer;
  headers(attempt: number): Record<string, string>;
  /** Told of each attempt: webhook bookkeeping (failure counts, a 410 deleting the webhook). */
  onAttempt?(result: AttemptResult): void;
  /** Asked before each attempt; false when the webhook was deleted or deactivated meanwhile. */
  stillWanted?(): boolean;
}

export interface AttemptResult {
  readonly attempt: number;
  readonly status: number | null;
  readonly ok: boolean;
  /** No further attempt follows (delivered, not retryable, or out of retries). */
  readonly final: boolean;
}

export interface DeliveryRecord {
  readonly id: string;
  readonly tracker: Tracker;
  readonly hookId: string;
  readonly url: string;
  readonly event: string;
  readonly copy: 'original' | 'duplicate';
  status: 'pending' | 'held' | 'delivered' | 'failed' | 'dropped' | 'abandoned';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  readonly enqueuedAt: string;
  finishedAt: string | null;
}

export interface DeliveryMode {
  /** The next N deliveries are never sent (to prove reconciliation finds the change anyway). */
  dropNext: number;
  /** The next N deliveries are each sent twice (identical bytes, same delivery identifier). */
  duplicateNext: number;
  /** The next N deliveries are held, then released newest first once N are held (or after 2 s). */
  reorderNext: number;
}

export interface DeliveryCounters {
  enqueued: number;
  attempts: number;
  delivered: number;
  failedAttempts: number;
  retried: number;
  givenUp: number;
  dropped: number;
  duplicated: number;
  reordered: number;
}

/** How long a receiver has to answer, as the vendors document it for Asana (10 s). */
const ATTEMPT_TIMEOUT_MS = 10_000;
const HOLD_RELEASE_MS = 2_000;
const LOG_LIMIT = 2_000;

export interface Deliverer {
  enqueue(out: Outbound): void;
  /** Counts a delivery about to be enqueued (an Asana batch still collecting) as pending. */
  reserve(): () => void;
  setMode(tracker: Tracker | undefined, patch: Partial<DeliveryMode>): Record<Tracker, DeliveryMode>;
  modes(): Record<Tracker, DeliveryMode>;
  log(filter?: { tracker?: Tracker; hookId?: string }): DeliveryRecord[];
  counters(): Record<Tracker, DeliveryCounters>;
  resetCounters(): void;
  /** Resolves once nothing is pending or held (true), or after `timeoutMs` (false). */
  settle(timeoutMs: number): Promise<boolean>;
  close(): void;
}

const zeroCounters = (): DeliveryCounters => ({
  enqueued: 0,
  attempts: 0,
  delivered: 0,
  failedAttempts: 0,
  retried: 0,
  givenUp: 0,
  dropped: 0,
  duplicated: 0,
  reordered: 0,
});
const perTracker = <T>(make: () => T): Record<Tracker, T> => ({
  jira: make(),
  trello: make(),
  asana: make(),
});

async function attemptOnce(
  out: Outbound,
  attempt: number,
): Promise<{ status: number | null; error: string | null }> {
  try {
    const res = await fetch(out.url, {
      method: 'POST',
      headers: out.headers(attempt),
      body: out.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    await res.arrayBuffer().catch(() => undefined);
    return { status: res.status, error: null };
  } catch (err) {
    return { status: null, error: err instanceof Error ? err.message : String(err) };
  }
}

export function createDeliverer(opts: { timeFactor: number }): Deliverer {
  const modes = perTracker<DeliveryMode>(() => ({ dropNext: 0, duplicateNext: 0, reorderNext: 0 }));
  let counters = perTracker(zeroCounters);
  const records: DeliveryRecord[] = [];
  const held = perTracker<{ out: Outbound; copies: number; record: DeliveryRecord }[]>(() => []);
  const heldTarget = perTracker(() => 0);
  const heldBatch = perTracker(() => 0);
  const timers = new Set<NodeJS.Timeout>();
  let active = 0;
  let closed = false;

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  const record = (out: Outbound, copy: DeliveryRecord['copy'], status: DeliveryRecord['status']) => {
    const entry: DeliveryRecord = {
      id: randomUUID(),
      tracker: out.tracker,
      hookId: out.hookId,
      url: out.url,
      event: out.event,
      copy,
      status,
      attempts: 0,
      lastStatus: null,
      lastError: null,
      enqueuedAt: new Date().toISOString(),
      finishedAt: null,
    };
    records.push(entry);
    if (records.length > LOG_LIMIT) records.splice(0, records.length - LOG_LIMIT);
    return entry;
  };

  const finish = (entry: DeliveryRecord, status: DeliveryRecord['status']) => {
    entry.status = status;
    entry.finishedAt = new Date().toISOString();
  };

  /** Sends one copy through all its attempts; resolves when it is delivered or given up. */
  const send = (out: Outbound, entry: DeliveryRecord): Promise<void> =>
    new Promise((resolve) => {
      const policy = RETRY_POLICIES[out.tracker];
      const c = () => counters[out.tracker];
      let elapsed = 0;
      const attempt = async (n: number) => {
        if (closed || out.stillWanted?.() === false) {
          finish(entry, 'abandoned');
          return resolve();
        }
        c().attempts += 1;
        entry.attempts = n + 1;
        const { status, error } = await attemptOnce(out, n);
        entry.lastStatus = status;
        entry.lastError = error;
        const ok = status !== null && status >= 200 && status < 300;
        const delay = ok || !policy.retryable(status) ? null : policy.delayMs(n + 1, elapsed);
        out.onAttempt?.({ attempt: n, status, ok, final: ok || delay === null });
        if (ok) {
          c().delivered += 1;
          finish(entry, 'delivered');
          return resolve();
        }
        c().failedAttempts += 1;
        if (delay === null) {
          c().givenUp += 1;
          finish(entry, 'failed');
          return resolve();
        }
        c().retried += 1;
        elapsed += delay;
        later(Math.max(1, Math.round(delay * opts.timeFactor)), () => void attempt(n + 1));
      };
      void attempt(0);
    });

  const start = (out: Outbound, copies: number, first: DeliveryRecord) => {
    active += 1;
    first.status = 'pending';
    void (async () => {
      await send(out, first);
      if (copies > 1 && !closed) await send(out, record(out, 'duplicate', 'pending'));
      active -= 1;
    })();
  };

  const release = (tracker: Tracker) => {
    heldBatch[tracker] += 1;
    const batch = held[tracker].splice(0).reverse();
    heldTarget[tracker] = 0;
    for (const h of batch) start(h.out, h.copies, h.record);
  };

  return {
    enqueue(out) {
      if (closed) return;
      const mode = modes[out.tracker];
      const c = counters[out.tracker];
      c.enqueued += 1;
      if (mode.dropNext > 0) {
        mode.dropNext -= 1;
        c.dropped += 1;
        finish(record(out, 'original', 'dropped'), 'dropped');
        return;
      }
      const copies = mode.duplicateNext > 0 ? 2 : 1;
      if (copies > 1) {
        mode.duplicateNext -= 1;
        c.duplicated += 1;
      }
      const entry = record(out, 'original', 'pending');
      if (mode.reorderNext === 0 && held[out.tracker].length === 0) return start(out, copies, entry);
      if (held[out.tracker].length === 0) {
        heldTarget[out.tracker] = mode.reorderNext;
        const batch = heldBatch[out.tracker];
        later(HOLD_RELEASE_MS, () => {
          if (heldBatch[out.tracker] === batch) release(out.tracker);
        });
      }
      mode.reorderNext = Math.max(0, mode.reorderNext - 1);
      c.reordered += 1;
      entry.status = 'held';
      held[out.tracker].push({ out, copies, record: entry });
      if (held[out.tracker].length >= heldTarget[out.tracker]) release(out.tracker);
    },
    reserve() {
      active += 1;
      let released = false;
      return () => {
        if (!released) active -= 1;
        released = true;
      };
    },
    setMode(tracker, patch) {
      for (const t of tracker === undefined ? TRACKERS : [tracker]) Object.assign(modes[t], patch);
      return this.modes();
    },
    modes: () => structuredClone(modes),
    log: (filter = {}) =>
      records.filter(
        (r) =>
          (filter.tracker === undefined || r.tracker === filter.tracker) &&
          (filter.hookId === undefined || r.hookId === filter.hookId),
      ),
    counters: () => structuredClone(counters),
    resetCounters() {
      counters = perTracker(zeroCounters);
    },
    async settle(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      const idle = () => active === 0 && TRACKERS.every((t) => held[t].length === 0);
      while (!idle() && Date.now() < deadline) await sleep(10);
      return idle();
    },
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
