import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { BOOTSTRAP_KEY } from '../support/env.ts';

/**
 * What a caller without a valid key can learn or cost: nothing about the API's schemas (the key
 * is checked before the body is read), a bounded error for a hostile body even with a key, and a
 * connection closed when a body trickles in too slowly.
 */

let t: TestApp;
let finance: { authorization: string };
const REQUEST_TIMEOUT_MS = 1000;

beforeAll(async () => {
  t = await buildTestApp({ env: { JALON_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) } });
  finance = await t.keyFor('finance');
});
afterAll(async () => {
  await t?.close();
});

/** A 1 MB JSON object of unknown keys: once echoed whole in a 2.26 MB validation error. */
const hostileBody = (): string => {
  const keys: string[] = [];
  for (let i = 0, size = 2; size < 1_000_000; i++) {
    const entry = `"unknown_key_${i}_${'x'.repeat(20)}":1`;
    keys.push(entry);
    size += entry.length + 1;
  }
  return `{${keys.join(',')}}`;
};

const post = (url: string, headers: Record<string, string>, payload: string) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload });

describe('authentication before the body', () => {
  it('answers an anonymous caller 401 with a Bearer challenge and no schema detail', async () => {
    const res = await post('/v1/engagements', {}, JSON.stringify({ title: 7, nonsense: true }));
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="jalon"');
    expect(res.json()).toMatchObject({ code: 'unauthenticated' });
    expect(res.json().errors).toBeUndefined();
    expect(res.body).not.toMatch(/nonsense|providerId|expected/);
  });

  it('answers a wrong key 401 with error="invalid_token"', async () => {
    const res = await post('/v1/providers', { authorization: 'Bearer jln_key_nope' }, '{"name":1}');
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="jalon", error="invalid_token"');
    expect(res.body).not.toMatch(/name/);
  });

  it('answers a key whose role may not call the route 403 before validating its body', async () => {
    const res = await post('/v1/providers', finance, JSON.stringify({ name: 7, nonsense: true }));
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().errors).toBeUndefined();
    expect(res.body).not.toMatch(/nonsense/);
  });

  it('does not read a hostile 1 MB body from an anonymous caller', async () => {
    const res = await post('/v1/providers', {}, hostileBody());
    expect(res.statusCode).toBe(401);
    expect(res.body.length).toBeLessThan(1000);
  });

  it('accepts the Bearer scheme in any case', async () => {
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      const res = await t.app.inject({
        url: '/v1/providers',
        headers: { authorization: `${scheme} ${BOOTSTRAP_KEY}` },
      });
      expect(res.statusCode, scheme).toBe(200);
    }
  });
});

describe('validation errors', () => {
  it('stay small for a 1 MB body of unknown keys from a valid key', async () => {
    const res = await post('/v1/providers', t.admin, hostileBody());
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed' });
    expect(res.body.length).toBeLessThan(16 * 1024);
    expect(res.json().errors.length).toBeLessThanOrEqual(20);
    expect(res.json().detail.length).toBeLessThanOrEqual(1200);
  });

  it('still name the bad fields of an ordinary mistake', async () => {
    const res = await post('/v1/providers', t.admin, JSON.stringify({ name: 7 }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'body.name' })]);
  });
});

describe('webhook receivers', () => {
  it('give an unsigned caller with a malformed connection id no validation detail', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/webhooks/jira/${'bad.id!'.repeat(3)}`,
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'invalid_signature' });
    expect(res.json().errors).toBeUndefined();
    expect(res.body).not.toMatch(/connectionId|must be an id/);
  });
});

describe('a body that arrives too slowly', () => {
  it('is cut off with 408 (or a closed connection) within JALON_REQUEST_TIMEOUT_MS', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const socket = connect(port, '127.0.0.1');
    const started = Date.now();
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.write(
      `POST /v1/providers HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${BOOTSTRAP_KEY}\r\n` +
        'content-type: application/json\r\ncontent-length: 1000\r\n\r\n{"name":"',
    );
    // One byte every 100 ms: 1000 bytes would take 100 s.
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write('a');
    }, 100);
    const closedAfter = await new Promise<number>((resolve) => {
      socket.on('close', () => resolve(Date.now() - started));
      socket.on('error', () => {});
    });
    clearInterval(drip);
    expect(closedAfter).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(closedAfter).toBeLessThan(REQUEST_TIMEOUT_MS + 1500);
    if (answer) expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });
});
