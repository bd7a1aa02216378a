import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Container, createContainer } from '../../src/container.ts';
import { createLogger } from '../../src/logger.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { uniq } from '../support/env.ts';

/**
 * Admins list and revoke API keys. A revoked key is refused at once by every API process: here a
 * second app on the same database stands for another process, and it has just used the key.
 */

let t: TestApp;
let other: { container: Container; app: FastifyInstance };

beforeAll(async () => {
  t = await buildTestApp();
  const container = await createContainer(t.config, createLogger('silent'));
  other = { container, app: await container.buildHttp() };
  await other.app.ready();
});
afterAll(async () => {
  await other?.app.close();
  await other?.container.close();
  await t?.close();
});

const raw = <R>(text: string, params: unknown[] = []) =>
  t.container.database.rawTransaction((tx) => tx.query<R>(text, params));

async function createKey(role: 'pmo' | 'finance', name = uniq(role)) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/api-keys',
    headers: t.admin,
    payload: { name, role },
  });
  expect(res.statusCode, res.body).toBe(201);
  const { id, key } = res.json<{ id: string; key: string }>();
  return { id, key, name, headers: { authorization: `Bearer ${key}` } };
}

const lastUsedAt = async (id: string) =>
  (await raw<{ last_used_at: Date | null }>('select last_used_at from api_keys where id = $1', [id]))[0]
    ?.last_used_at ?? null;

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not reached');
}

describe('GET /v1/api-keys', () => {
  it('pages through the keys with their names, roles and use, never a secret', async () => {
    const made = [await createKey('pmo'), await createKey('finance'), await createKey('pmo')];
    const seen: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    let bodies = '';
    do {
      const res: { statusCode: number; body: string; json: <T>() => T } = await t.app.inject({
        url: `/v1/api-keys?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        headers: t.admin,
      });
      expect(res.statusCode, res.body).toBe(200);
      bodies += res.body;
      const page: { items: Record<string, unknown>[]; nextCursor: string | null } = res.json<{
        items: Record<string, unknown>[];
        nextCursor: string | null;
      }>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    for (const key of made) {
      expect(seen.find((k) => k.id === key.id)).toEqual({
        id: key.id,
        name: key.name,
        role: expect.any(String),
        providerId: null,
        createdAt: expect.any(String),
        lastUsedAt: null,
        revokedAt: null,
      });
      // The secret is the 43 base64url characters after `jln_<id>_` (it may hold `_` itself).
      const secret = key.key.slice(`jln_${key.id}_`.length);
      expect(secret).toHaveLength(43);
      expect(bodies).not.toContain(secret);
    }
    expect(bodies).not.toMatch(/secret|hash/i);
  });

  it('is for admins only', async () => {
    const pmo = await createKey('pmo');
    const res = await t.app.inject({ url: '/v1/api-keys', headers: pmo.headers });
    expect(res.statusCode).toBe(403);
  });
});

describe('lastUsedAt', () => {
  it('is recorded on use, at most once a minute per key', async () => {
    const key = await createKey('pmo');
    expect((await t.app.inject({ url: '/v1/providers', headers: key.headers })).statusCode).toBe(200);
    const first = await until(
      () => lastUsedAt(key.id),
      (v) => v !== null,
    );
    for (let i = 0; i < 3; i++) await t.app.inject({ url: '/v1/providers', headers: key.headers });
    await new Promise((r) => setTimeout(r, 100));
    expect(await lastUsedAt(key.id)).toEqual(first);
    // A minute later (the stored use moved back), the next request records again.
    await raw(`update api_keys set last_used_at = now() - interval '2 minutes' where id = $1`, [key.id]);
    const old = await lastUsedAt(key.id);
    await other.app.inject({ url: '/v1/providers', headers: key.headers });
    const again = await until(
      () => lastUsedAt(key.id),
      (v) => (v?.getTime() ?? 0) > (old?.getTime() ?? 0),
    );
    expect(again?.getTime()).toBeGreaterThanOrEqual(first?.getTime() ?? 0);
    const listed = await t.app.inject({ url: '/v1/api-keys?limit=500', headers: t.admin });
    const item = listed.json().items.find((k: { id: string }) => k.id === key.id);
    expect(item.lastUsedAt).toBe(again?.toISOString());
  });
});

describe('DELETE /v1/api-keys/{id}', () => {
  it('refuses the key at once in every process, audited with actor, before and after', async () => {
    const key = await createKey('finance');
    // Both processes have just accepted the key.
    expect((await t.app.inject({ url: '/v1/payment-milestones', headers: key.headers })).statusCode).toBe(
      200,
    );
    expect((await other.app.inject({ url: '/v1/payment-milestones', headers: key.headers })).statusCode).toBe(
      200,
    );
    const revoked = await t.app.inject({ method: 'DELETE', url: `/v1/api-keys/${key.id}`, headers: t.admin });
    expect(revoked.statusCode, revoked.body).toBe(204);
    for (const app of [t.app, other.app]) {
      const res = await app.inject({ url: '/v1/payment-milestones', headers: key.headers });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    }
    const audit = await t.app.inject({
      url: `/v1/audit?entityType=api_key&entityId=${key.id}`,
      headers: t.admin,
    });
    const revocation = audit.json().items.find((e: { action: string }) => e.action === 'revoke');
    expect(revocation).toMatchObject({
      actorKeyId: 'bootstrap',
      before: { id: key.id, revokedAt: null },
      after: { id: key.id, revokedAt: expect.any(String) },
    });
    expect(audit.body).not.toContain(key.key.slice(`jln_${key.id}_`.length));
    expect(audit.body).not.toMatch(/secretHash/);
    const listed = await t.app.inject({ url: '/v1/api-keys?limit=500', headers: t.admin });
    expect(listed.json().items.find((k: { id: string }) => k.id === key.id).revokedAt).toEqual(
      revocation.after.revokedAt,
    );
  });

  it('is idempotent (no second audit row), 404 for an unknown key, and admin-only', async () => {
    const key = await createKey('pmo');
    const del = () => t.app.inject({ method: 'DELETE', url: `/v1/api-keys/${key.id}`, headers: t.admin });
    expect((await del()).statusCode).toBe(204);
    expect((await del()).statusCode).toBe(204);
    const rows = await raw<{ n: string }>(
      `select count(*) n from audit_log where entity_type = 'api_key' and entity_id = $1 and action = 'revoke'`,
      [key.id],
    );
    expect(Number(rows[0]?.n)).toBe(1);
    const unknown = await t.app.inject({
      method: 'DELETE',
      url: '/v1/api-keys/key_00000000000000000000000000',
      headers: t.admin,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'api_key_not_found' });
    const pmo = await createKey('pmo');
    const target = await createKey('finance');
    const refused = await t.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${target.id}`,
      headers: pmo.headers,
    });
    expect(refused.statusCode).toBe(403);
    expect((await t.app.inject({ url: '/v1/payment-milestones', headers: target.headers })).statusCode).toBe(
      200,
    );
  });
});

describe('GET /v1/me', () => {
  it('tells a key its role and provider, never its secret; 401 without a key', async () => {
    const pmo = await createKey('pmo');
    const res = await t.app.inject({ method: 'GET', url: '/v1/me', headers: pmo.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'api_key', role: 'pmo', providerId: null, keyId: pmo.id });
    expect(res.body).not.toContain(pmo.key);

    const provider = await t.app.inject({
      method: 'POST',
      url: '/v1/providers',
      headers: t.admin,
      payload: { name: uniq('Provider') },
    });
    const providerId = provider.json<{ id: string }>().id;
    const bound = await t.keyFor('provider', providerId);
    const mine = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bound });
    expect(mine.json()).toMatchObject({ kind: 'api_key', role: 'provider', providerId });

    const anonymous = await t.app.inject({ method: 'GET', url: '/v1/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
  });
});
