import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('the overload guard', () => {
  it('answers 503 problem+json with Retry-After when the process is over its limits', async () => {
    // A heap limit of one byte: the process is always "overloaded" for this app instance.
    const app = await buildApp({
      logger: pino({ level: 'silent' }),
      services: t.container.services,
      readiness: t.container.readiness,
      pressure: { maxHeapUsedBytes: 1, maxEventLoopDelayMs: 0 },
    });
    await app.ready();
    await new Promise((r) => setTimeout(r, 1500)); // one sampling interval
    const res = await app.inject({ url: '/v1/audit', headers: t.admin });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 503, code: 'overloaded' });
    await app.close();
  });
});
