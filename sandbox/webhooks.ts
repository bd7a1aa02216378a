import { sleep, TRACKERS, type Tracker } from './common.ts';
import { finish, newRecord, type SendEnv, sendWithRetries } from './webhook-retries.ts';

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

interface Held {
  readonly out: Outbound;
  readonly copies: number;
  readonly record: DeliveryRecord;
}

/**
 * Out-of-order delivery: the next `target` deliveries of a tracker are held, then released newest
 * first once all have arrived, or after HOLD_RELEASE_MS if fewer come.
 */
function createHolder(later: SendEnv['later'], start: (h: Held) => void) {
  const held = perTracker<Held[]>(() => []);
  const target = perTracker(() => 0);
  const batch = perTracker(() => 0);
  const release = (tracker: Tracker) => {
    batch[tracker] += 1;
    target[tracker] = 0;
    for (const h of held[tracker].splice(0).reverse()) start(h);
  };
  return {
    holding: (tracker: Tracker) => held[tracker].length > 0,
    hold(tracker: Tracker, h: Held, wanted: number) {
      if (held[tracker].length === 0) {
        target[tracker] = wanted;
        const mine = batch[tracker];
        later(HOLD_RELEASE_MS, () => {
          if (batch[tracker] === mine) release(tracker);
        });
      }
      held[tracker].push(h);
      if (held[tracker].length >= target[tracker]) release(tracker);
    },
    empty: () => TRACKERS.every((t) => held[t].length === 0),
  };
}

export function createDeliverer(opts: { timeFactor: number }): Deliverer {
  const modes = perTracker<DeliveryMode>(() => ({ dropNext: 0, duplicateNext: 0, reorderNext: 0 }));
  let counters = perTracker(zeroCounters);
  const records: DeliveryRecord[] = [];
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
  const env: SendEnv = {
    timeFactor: opts.timeFactor,
    counters: (t) => counters[t],
    later,
    closed: () => closed,
  };
  const record = (out: Outbound, copy: DeliveryRecord['copy'], status: DeliveryRecord['status']) => {
    const entry = newRecord(out, copy, status);
    records.push(entry);
    if (records.length > LOG_LIMIT) records.splice(0, records.length - LOG_LIMIT);
    return entry;
  };
  const start = ({ out, copies, record: first }: Held) => {
    active += 1;
    first.status = 'pending';
    void (async () => {
      await sendWithRetries(out, first, env);
      if (copies > 1 && !closed) await sendWithRetries(out, record(out, 'duplicate', 'pending'), env);
      active -= 1;
    })();
  };
  const holder = createHolder(later, start);

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
      if (mode.reorderNext === 0 && !holder.holding(out.tracker))
        return start({ out, copies, record: entry });
      const wanted = mode.reorderNext;
      mode.reorderNext = Math.max(0, mode.reorderNext - 1);
      c.reordered += 1;
      entry.status = 'held';
      holder.hold(out.tracker, { out, copies, record: entry }, wanted);
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
      const idle = () => active === 0 && holder.empty();
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
