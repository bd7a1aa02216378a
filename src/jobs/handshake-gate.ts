import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { HandshakeGate } from '../core/sync-ports.ts';

/** Asana answers `createWebhook` only after the handshake, within seconds; a minute is plenty. */
export const HANDSHAKE_WINDOW_MS = 60_000;

// One sorted set per connection: a member per registration in flight, scored by when it expires.
// The server's clock decides, so API and worker processes on different machines agree.
const NOW_MS = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

const EXPECT = `${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

// Uses up the oldest live expectation: the first handshake consumes it, a second one finds none.
const CONSUME = `${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local first = redis.call('ZPOPMIN', KEYS[1])
if #first == 0 then return 0 end
return 1`;

/**
 * The expectations of Asana handshakes in Redis, shared by every API and worker process: the
 * registration may run in a worker (the refresh job) or another API process than the one Asana's
 * handshake reaches.
 */
export function createHandshakeGate(
  redis: Redis,
  opts: { prefix: string; windowMs?: number },
): HandshakeGate {
  const windowMs = opts.windowMs ?? HANDSHAKE_WINDOW_MS;
  const keyOf = (connectionId: string) => `${opts.prefix}:handshake:{${connectionId}}`;
  return {
    async expect(connectionId) {
      const member = randomUUID();
      await redis.eval(EXPECT, 1, keyOf(connectionId), member, windowMs);
      return async () => {
        await redis.zrem(keyOf(connectionId), member);
      };
    },
    async consume(connectionId) {
      return Number(await redis.eval(CONSUME, 1, keyOf(connectionId))) === 1;
    },
  };
}
