import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { uniq } from '../support/env.ts';
import { contractValidator } from '../support/openapi-validator.ts';

let t: TestApp;
let overloaded: FastifyInstance;
/** Readiness probes the overloaded app ran (its /ready handler calls one). */
let probes = 0;
beforeAll(async () => {
  t = await buildTestApp();
  // A heap limit of one byte: the process is always "overloaded" for this app instance.
  overloaded = await buildApp({
    logger: pino({ level: 'silent' }),
    services: t.container.services,
    readiness: () => {
      probes += 1;
      return t.container.readiness();
    },
    pressure: { maxHeapUsedBytes: 1, maxEventLoopDelayMs: 0 },
  });
  await overloaded.ready();
  await new Promise((r) => setTimeout(r, 1500)); // one sampling interval
});
afterAll(async () => {
  await overloaded?.close();
  await t?.close();
});

const contract = contractValidator();

describe('the overload guard', () => {
  it('answers 503 problem+json with Retry-After when the process is over its limits', async () => {
    const res = await overloaded.inject({ url: '/v1/audit', headers: t.admin });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 503, code: 'overloaded' });
  });

  it.each([['/ready'], ['/health'], ['/v1/audit']])(
    'answers %s with the overload problem, as openapi.yaml declares it',
    async (url) => {
      const res = await overloaded.inject({ url, headers: t.admin });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toEqual({
        type: expect.any(String),
        title: 'Service Unavailable',
        status: 503,
        detail: expect.stringMatching(/^The service is overloaded/),
        code: 'overloaded',
        requestId: res.headers['x-request-id'],
      });
      expect(contract.check('GET', url, res)).toEqual([]);
    },
  );

  it('sheds the request before its handler runs: no readiness probe, an overloaded write changes nothing', async () => {
    const before = probes;
    expect((await overloaded.inject({ url: '/ready' })).statusCode).toBe(503);
    expect(probes).toBe(before);
    const name = uniq('Shed provider');
    const res = await overloaded.inject({
      method: 'POST',
      url: '/v1/providers',
      headers: t.admin,
      payload: { name },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'overloaded' });
    const listed = await t.app.inject({ url: '/v1/providers?limit=500', headers: t.admin });
    expect(listed.json().items.map((p: { name: string }) => p.name)).not.toContain(name);
  });

  it('answers /ready with its readiness report when not overloaded', async () => {
    const res = await t.app.inject({ url: '/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
    expect(contract.check('GET', '/ready', res)).toEqual([]);
  });
});
