import { Redis } from 'ioredis';

/**
 * Connections as BullMQ's production guide sets them: producers fail fast when Redis is down (no
 * offline queue, one retry), workers wait for Redis forever (maxRetriesPerRequest: null) so a
 * Redis restart pauses them instead of killing them.
 */
export function producerConnection(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

export function workerConnection(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(times * 500, 5000),
  });
}

/** One PING with a deadline; used at start to say clearly when Redis is missing. */
export async function probeRedis(url: string, timeoutMs = 3000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}
