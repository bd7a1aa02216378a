import type { Redis } from 'ioredis';
import type { TrackerLimiter } from '../core/sync-ports.ts';
import type { Tracker } from '../core/task.ts';
import { TrackerRateLimited } from '../core/tracker.ts';

/**
 * Per-connection budgets, chosen under each vendor's published limits so Jalon never trips them:
 * - Trello: 100 requests / 10 s per token (300 per key); more than 200 rejections lock the key.
 *   10 + 8 × 10 = 90 requests in any 10 s window. https://developer.atlassian.com/cloud/trello/guides/rest-api/rate-limits/
 * - Asana: 150 requests / minute on free workspaces (1,500 paid), at most 15 concurrent writes
 *   and 50 concurrent reads. https://developers.asana.com/docs/rate-limits
 * - Jira Cloud: cost-based, answered with 429 + Retry-After; 10/s is well within it.
 *   https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */
export const BUDGETS: Readonly<
  Record<Tracker, { perSecond: number; burst: number; concurrentWrites: number; concurrentReads: number }>
> = {
  jira: { perSecond: 10, burst: 20, concurrentWrites: 10, concurrentReads: 20 },
  trello: { perSecond: 8, burst: 10, concurrentWrites: 10, concurrentReads: 10 },
  asana: { perSecond: 2.5, burst: 10, concurrentWrites: 15, concurrentReads: 50 },
};

/** Longest a job waits in place for a token; beyond it the job is delayed instead. */
const MAX_INLINE_WAIT_MS = 5000;
const SLOT_TTL_MS = 120_000;

// Token bucket with a shared pause: returns 0 when a token was taken, else ms to wait.
const TAKE = `
local capacity = tonumber(ARGV[1]); local rate = tonumber(ARGV[2]); local now = tonumber(ARGV[3]); local cost = tonumber(ARGV[4])
local s = redis.call('HMGET', KEYS[1], 'tokens', 'ts', 'pause')
local pause = tonumber(s[3]) or 0
if now < pause then return pause - now end
local tokens = tonumber(s[1]) or capacity
local ts = tonumber(s[2]) or now
tokens = math.min(capacity, tokens + (now - ts) * rate)
local wait = 0
if tokens >= cost then tokens = tokens - cost else wait = math.ceil((cost - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'ts', now)
redis.call('PEXPIRE', KEYS[1], 600000)
return wait`;

// Counting semaphore whose slots expire (a killed process cannot hold one forever).
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4]); redis.call('PEXPIRE', KEYS[1], ARGV[5]); return 1
end
return 0`;

const PAUSE = `
local until_ = tonumber(ARGV[1])
local cur = tonumber(redis.call('HGET', KEYS[1], 'pause')) or 0
if until_ > cur then redis.call('HSET', KEYS[1], 'pause', until_); redis.call('PEXPIRE', KEYS[1], 600000) end
return 1`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Told how each call to a tracker ended (metrics); `rate_limited` is the tracker's own 429. */
export interface TrackerCallObserver {
  call(tracker: Tracker, kind: 'read' | 'write', outcome: 'ok' | 'rate_limited' | 'error'): void;
}

export function createRedisLimiter(
  redis: Redis,
  opts: { prefix: string; budgets?: Partial<typeof BUDGETS>; now?: () => number },
  observer?: TrackerCallObserver,
): TrackerLimiter {
  const now = opts.now ?? Date.now;
  const budget = (t: Tracker) => opts.budgets?.[t] ?? BUDGETS[t];
  const bucketKey = (id: string) => `${opts.prefix}:limit:{${id}}:bucket`;
  const slotsKey = (id: string, kind: string) => `${opts.prefix}:limit:{${id}}:${kind}`;

  async function takeToken(id: string, tracker: Tracker, cost: number): Promise<void> {
    const b = budget(tracker);
    const deadline = now() + MAX_INLINE_WAIT_MS;
    for (;;) {
      const wait = Number(await redis.eval(TAKE, 1, bucketKey(id), b.burst, b.perSecond / 1000, now(), cost));
      if (wait === 0) return;
      if (now() + wait > deadline) throw new TrackerRateLimited(tracker, wait);
      await sleep(wait);
    }
  }

  async function takeSlot(id: string, tracker: Tracker, kind: 'read' | 'write'): Promise<string> {
    const b = budget(tracker);
    const limit = kind === 'write' ? b.concurrentWrites : b.concurrentReads;
    const token = `${process.pid}:${Math.random().toString(36).slice(2)}`;
    const deadline = now() + MAX_INLINE_WAIT_MS;
    for (;;) {
      const t = now();
      const ok = await redis.eval(
        ACQUIRE,
        1,
        slotsKey(id, kind),
        t,
        limit,
        t + SLOT_TTL_MS,
        token,
        SLOT_TTL_MS,
      );
      if (Number(ok) === 1) return token;
      if (t > deadline) throw new TrackerRateLimited(tracker, 1000);
      await sleep(50 + Math.random() * 100);
    }
  }

  const pause = async (id: string, ms: number) => {
    await redis.eval(PAUSE, 1, bucketKey(id), now() + ms);
  };

  return {
    pause,
    async run(id, tracker, kind, cost, call) {
      await takeToken(id, tracker, cost);
      const slot = await takeSlot(id, tracker, kind);
      try {
        const result = await call();
        observer?.call(tracker, kind, 'ok');
        return result;
      } catch (err) {
        observer?.call(tracker, kind, err instanceof TrackerRateLimited ? 'rate_limited' : 'error');
        if (err instanceof TrackerRateLimited) await pause(id, err.retryAfterMs);
        throw err;
      } finally {
        await redis.zrem(slotsKey(id, kind), slot).catch(() => {});
      }
    },
  };
}
