import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createHandshakeGate, HANDSHAKE_WINDOW_MS } from '../../src/jobs/handshake-gate.ts';
import { TEST_REDIS_URL, uniq } from '../support/env.ts';

/** Two connections stand for two processes: the one registering and the API process Asana reaches. */
const registering = new Redis(TEST_REDIS_URL);
const receiving = new Redis(TEST_REDIS_URL);
const prefix = uniq('jt-hs');

afterAll(async () => {
  const keys = await registering.keys(`${prefix}:*`);
  if (keys.length > 0) await registering.del(...keys);
  registering.disconnect();
  receiving.disconnect();
});

describe('the handshake gate', () => {
  it('lets another process answer exactly one handshake per expectation, and none after withdrawal', async () => {
    const worker = createHandshakeGate(registering, { prefix });
    const api = createHandshakeGate(receiving, { prefix });
    expect(await api.consume('con_a')).toBe(false);
    const withdraw = await worker.expect('con_a');
    expect(await api.consume('con_b')).toBe(false);
    expect(await api.consume('con_a')).toBe(true);
    expect(await api.consume('con_a')).toBe(false);
    await withdraw();
    const unused = await worker.expect('con_a');
    await unused();
    expect(await api.consume('con_a')).toBe(false);
  });

  it('forgets an expectation after its window (at most a minute), even if its process died', async () => {
    expect(HANDSHAKE_WINDOW_MS).toBeLessThanOrEqual(60_000);
    const worker = createHandshakeGate(registering, { prefix, windowMs: 100 });
    const api = createHandshakeGate(receiving, { prefix, windowMs: 100 });
    await worker.expect('con_c');
    await new Promise((r) => setTimeout(r, 200));
    expect(await api.consume('con_c')).toBe(false);
  });
});
