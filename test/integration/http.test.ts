import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/auth.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('health and readiness', () => {
  it('answers /health and /ready with the database and Redis checked', async () => {
    expect((await t.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok' } });
  });
});

describe('API keys and roles on a protected route', () => {
  const create = (
    headers: Record<string, string>,
    payload: Record<string, unknown> = { name: 'k', role: 'finance' },
  ) => t.app.inject({ method: 'POST', url: '/v1/api-keys', headers, payload });

  it('401 without a key, with a malformed key and with an unknown key', async () => {
    for (const headers of [
      {},
      { authorization: 'Basic abc' },
      {
        authorization:
          'Bearer jln_key_00000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      },
    ]) {
      const res = await create(headers);
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
    }
  });

  it.each<Role>(['pmo', 'finance'])('403 for a %s key', async (role) => {
    const res = await create(await t.keyFor(role));
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden' });
  });

  it('403 for a provider key', async () => {
    const provider = await t.app.inject({
      method: 'POST',
      url: '/v1/providers',
      headers: t.admin,
      payload: { name: 'Keyed provider' },
    });
    const res = await create(await t.keyFor('provider', provider.json().id));
    expect(res.statusCode).toBe(403);
  });

  it('201 for the bootstrap admin key and for a created admin key; the key is shown once and works', async () => {
    const first = await create(t.admin, { name: 'ops', role: 'admin' });
    expect(first.statusCode).toBe(201);
    const { key, id } = first.json<{ key: string; id: string }>();
    expect(key).toMatch(/^jln_key_/);
    const second = await create(
      { authorization: `Bearer ${key}` },
      { name: 'by-created-admin', role: 'pmo' },
    );
    expect(second.statusCode).toBe(201);
    const [row] = await t.container.database.rawTransaction((tx) =>
      tx.query<{ secret_hash: string }>('select secret_hash from api_keys where id = $1', [id]),
    );
    expect(row?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain(row?.secret_hash);
  });

  it('rejects a tampered key', async () => {
    const { key } = (await create(t.admin, { name: 'x', role: 'admin' })).json<{ key: string }>();
    const tampered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    expect((await create({ authorization: `Bearer ${tampered}` })).statusCode).toBe(401);
  });

  it('requires providerId for provider keys and refuses it for others', async () => {
    const missing = await create(t.admin, { name: 'p', role: 'provider' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toEqual([
      { path: 'body.providerId', message: 'is required for a provider key' },
    ]);
    const extra = await create(t.admin, { name: 'p', role: 'pmo', providerId: 'prv_1' });
    expect(extra.statusCode).toBe(422);
  });
});

describe('problem+json', () => {
  it('lists each bad field of an invalid body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: t.admin,
      payload: { name: '', role: 'boss', extra: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body).toMatchObject({
      type: 'urn:jalon:problem:validation_failed',
      status: 400,
      code: 'validation_failed',
    });
    expect(body.requestId).toBe(res.headers['x-request-id']);
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body',
      'body.name',
      'body.role',
    ]);
  });

  it('answers malformed JSON, unknown routes and oversized bodies with problems', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: { ...t.admin, 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('malformed_body');
    const missing = await t.app.inject({ url: '/v1/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('route_not_found');
    const huge = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: { ...t.admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2_000_000), role: 'pmo' }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('body_too_large');
  });

  it('sets security headers', async () => {
    const res = await t.app.inject({ url: '/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('serves the spec and Swagger UI', async () => {
    const spec = await t.app.inject({ url: '/openapi.json' });
    expect(spec.json().paths['/v1/api-keys'].post.operationId).toBe('createApiKey');
    const docs = await t.app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('serves /docs over plain HTTP on any host: nothing is upgraded to HTTPS and every asset loads', async () => {
    const headers = { host: 'jalon.intranet.example:3000' };
    const page = await t.app.inject({ url: '/docs/', headers });
    const assets = [...page.body.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(1);
    for (const res of [
      page,
      ...(await Promise.all(assets.map((a) => t.app.inject({ url: `/docs/${a}`, headers })))),
    ]) {
      expect(res.statusCode).toBe(200);
      expect(`${res.headers['content-security-policy']}`).not.toContain('upgrade-insecure-requests');
    }
  });
});
