import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const raw = <R>(text: string, params: unknown[] = []) =>
  t.container.database.rawTransaction((tx) => tx.query<R>(text, params));

describe('the audit chain', () => {
  it('records who created what, without secrets, and verifies', async () => {
    const pmo = await t.keyFor('pmo');
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: t.admin,
      payload: { name: 'audited', role: 'finance' },
    });
    const { id, key } = created.json<{ id: string; key: string }>();
    const list = await t.app.inject({ url: `/v1/audit?entityType=api_key&entityId=${id}`, headers: pmo });
    expect(list.statusCode).toBe(200);
    const [entry] = list.json().items;
    expect(entry).toMatchObject({
      entityType: 'api_key',
      entityId: id,
      action: 'create',
      actorKeyId: 'bootstrap',
    });
    expect(JSON.stringify(entry)).not.toContain(key.slice(`jln_${id}_`.length));
    expect(entry.after).not.toHaveProperty('secretHash');
    const verify = await t.app.inject({ url: '/v1/audit/verify', headers: pmo });
    expect(verify.json()).toMatchObject({ valid: true });
    expect(verify.json().checked).toBeGreaterThanOrEqual(2);
  });

  it('pages with a cursor', async () => {
    for (let i = 0; i < 3; i++) await t.keyFor('finance');
    const first = await t.app.inject({ url: '/v1/audit?limit=2', headers: t.admin });
    expect(first.json().items).toHaveLength(2);
    const next = await t.app.inject({
      url: `/v1/audit?limit=2&cursor=${first.json().nextCursor}`,
      headers: t.admin,
    });
    expect(next.json().items[0].seq).toBeGreaterThan(first.json().items[1].seq);
    const bad = await t.app.inject({ url: '/v1/audit?cursor=bm9wZQ', headers: t.admin });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses updates, deletes and truncation in the database itself', async () => {
    await t.keyFor('pmo');
    await expect(raw(`update audit_log set action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(raw('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(raw('truncate audit_log')).rejects.toThrow(/append-only/);
  });

  it('reports the first broken link after a superuser tampers with a row', async () => {
    await t.keyFor('finance');
    await t.keyFor('finance');
    const rows = await raw<{ id: string }>('select id from audit_log order by seq');
    const victim = rows[1]?.id ?? '';
    await t.container.database.rawTransaction(async (tx) => {
      // Only a superuser can do this: replica mode skips the append-only triggers.
      await tx.exec('SET LOCAL session_replication_role = replica');
      await tx.query(`update audit_log set after = '{"role":"admin"}' where id = $1`, [victim]);
    });
    const verify = await t.app.inject({ url: '/v1/audit/verify', headers: t.admin });
    expect(verify.json()).toEqual({ valid: false, checked: 2, firstBrokenId: victim });
  });

  it('is closed to finance and provider keys', async () => {
    const provider = await t.app.inject({
      method: 'POST',
      url: '/v1/providers',
      headers: t.admin,
      payload: { name: 'Audit-blind provider' },
    });
    const providerKey = await t.keyFor('provider', provider.json().id);
    for (const headers of [await t.keyFor('finance'), providerKey]) {
      expect((await t.app.inject({ url: '/v1/audit/verify', headers })).statusCode).toBe(403);
    }
  });
});
