import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../src/services/secret-box.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { errorPaths, rawQuery } from '../support/engagement.ts';
import { uniq } from '../support/env.ts';

let t: TestApp;
const SECRET = `whsec-${'s3cr3t'.repeat(4)}`;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  url: `https://erp.client.example/hooks/${uniq('jalon')}`,
  events: ['milestone.unlocked', 'milestone.paid'],
  secret: SECRET,
  ...over,
});

async function create(headers = t.admin, over: Record<string, unknown> = {}) {
  const res = await t.app.inject({ method: 'POST', url: '/v1/subscriptions', headers, payload: body(over) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; url: string; events: string[] }>();
}

describe('POST /v1/subscriptions', () => {
  it('creates a subscription; the secret is sealed at rest and never shown', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/subscriptions',
      headers: t.admin,
      payload: body(),
    });
    expect(res.statusCode).toBe(201);
    const sub = res.json();
    expect(sub).toMatchObject({ events: ['milestone.unlocked', 'milestone.paid'], deletedAt: null });
    expect(sub.id).toMatch(/^sub_/);
    expect(res.body).not.toContain(SECRET);
    expect(Object.keys(sub)).not.toContain('secret');
    const [row] = await rawQuery<{ secret_enc: string }>(
      t,
      'select secret_enc from subscriptions where id = $1',
      [sub.id],
    );
    expect(row?.secret_enc).not.toContain(SECRET);
    // Bound to its row: it opens with the subscription id, not with another one.
    const box = createSecretBox(t.config.secretKey);
    expect(box.open(row?.secret_enc ?? '', sub.id)).toBe(SECRET);
    expect(() => box.open(row?.secret_enc ?? '', 'sub_other')).toThrow();
  });

  it('lists each event type once, however often it is asked for', async () => {
    const sub = await create(t.admin, { events: ['milestone.paid', 'milestone.paid', 'deliverable.late'] });
    expect(sub.events).toEqual(['milestone.paid', 'deliverable.late']);
  });

  it.each([
    ['an ftp URL', { url: 'ftp://files.example/x' }, 'body.url'],
    ['a relative URL', { url: '/hooks' }, 'body.url'],
    ['no events', { events: [] }, 'body.events'],
    ['an unknown event', { events: ['milestone.stolen'] }, 'body.events.0'],
    ['a short secret', { secret: 'short' }, 'body.secret'],
    ['no secret', { secret: undefined }, 'body.secret'],
    ['an unknown field', { active: true }, 'body'],
  ])('refuses %s (400)', async (_label, over, path) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/subscriptions',
      headers: t.admin,
      payload: body(over),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(errorPaths(res)).toContain(path);
    expect(res.body).not.toContain(SECRET);
  });

  it('refuses credentials inside the URL (422)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/subscriptions',
      headers: t.admin,
      payload: body({ url: 'https://user:pass@erp.client.example/hooks' }),
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(errorPaths(res)).toEqual(['body.url']);
    expect(res.body).not.toContain('pass@');
  });
});

describe('GET and DELETE /v1/subscriptions', () => {
  it('pages the live subscriptions with a cursor', async () => {
    const fresh = await buildTestApp();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await fresh.app.inject({
          method: 'POST',
          url: '/v1/subscriptions',
          headers: fresh.admin,
          payload: body(),
        });
        ids.push(res.json().id);
      }
      const first = await fresh.app.inject({ url: '/v1/subscriptions?limit=2', headers: fresh.admin });
      expect(first.json().items.map((s: { id: string }) => s.id)).toEqual(ids.slice(0, 2));
      const next = first.json().nextCursor;
      expect(next).toEqual(expect.any(String));
      const second = await fresh.app.inject({
        url: `/v1/subscriptions?limit=2&cursor=${next}`,
        headers: fresh.admin,
      });
      expect(second.json()).toEqual({ items: [expect.objectContaining({ id: ids[2] })], nextCursor: null });
      expect(`${first.body}${second.body}`).not.toContain(SECRET);
    } finally {
      await fresh.close();
    }
  });

  it('soft-deletes: gone from the list, still readable with deletedAt, deleting again changes nothing', async () => {
    const sub = await create();
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/v1/subscriptions/${sub.id}`,
      headers: t.admin,
    });
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    const got = await t.app.inject({ url: `/v1/subscriptions/${sub.id}`, headers: t.admin });
    expect(got.statusCode).toBe(200);
    expect(got.json().deletedAt).toEqual(expect.any(String));
    const list = await t.app.inject({ url: '/v1/subscriptions?limit=500', headers: t.admin });
    expect(list.json().items.map((s: { id: string }) => s.id)).not.toContain(sub.id);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/v1/subscriptions/${sub.id}`,
      headers: t.admin,
    });
    expect(again.statusCode).toBe(204);
    const audit = await t.app.inject({
      url: `/v1/audit?entityType=subscription&entityId=${sub.id}`,
      headers: t.admin,
    });
    expect(audit.json().items.map((a: { action: string }) => a.action)).toEqual(['create', 'delete']);
  });

  it('answers 404 for a subscription that does not exist', async () => {
    for (const [method, url] of [
      ['GET', '/v1/subscriptions/sub_missing'],
      ['DELETE', '/v1/subscriptions/sub_missing'],
      ['GET', '/v1/subscriptions/sub_missing/deliveries'],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: t.admin });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().code).toBe('subscription_not_found');
    }
  });

  it('refuses a cursor it did not issue on the delivery log', async () => {
    const sub = await create();
    const res = await t.app.inject({
      url: `/v1/subscriptions/${sub.id}/deliveries?cursor=${Buffer.from('sub_x').toString('base64url')}`,
      headers: t.admin,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_cursor');
  });
});

describe('the secret stays write-only', () => {
  it('appears in no response and no audit row', async () => {
    const secret = `unique-${uniq('secret')}`;
    const sub = await create(t.admin, { secret });
    const bodies = await Promise.all(
      [
        `/v1/subscriptions/${sub.id}`,
        '/v1/subscriptions?limit=500',
        `/v1/subscriptions/${sub.id}/deliveries`,
        `/v1/audit?entityType=subscription&entityId=${sub.id}`,
      ].map(async (url) => (await t.app.inject({ url, headers: t.admin })).body),
    );
    await t.app.inject({ method: 'DELETE', url: `/v1/subscriptions/${sub.id}`, headers: t.admin });
    for (const b of bodies) expect(b).not.toContain(secret);
    const rows = await rawQuery<{ row: string }>(
      t,
      `select row_to_json(a)::text as row from audit_log a where entity_id = $1`,
      [sub.id],
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.row).not.toContain(secret);
      expect(r.row).not.toContain('secretEnc');
    }
  });
});

describe('who may manage subscriptions', () => {
  it('admin and finance 2xx, pmo and provider 403, no key 401, on every route', async () => {
    const providerId = (
      await t.app.inject({
        method: 'POST',
        url: '/v1/providers',
        headers: t.admin,
        payload: { name: uniq('Atelier') },
      })
    ).json().id as string;
    const callers = {
      admin: t.admin,
      finance: await t.keyFor('finance'),
      pmo: await t.keyFor('pmo'),
      provider: await t.keyFor('provider', providerId),
      none: {},
    };
    const expected = { admin: 2, finance: 2, pmo: 403, provider: 403, none: 401 } as const;
    for (const [role, headers] of Object.entries(callers)) {
      const sub = await create();
      const routes = [
        { method: 'POST' as const, url: '/v1/subscriptions', payload: body() },
        { method: 'GET' as const, url: '/v1/subscriptions' },
        { method: 'GET' as const, url: `/v1/subscriptions/${sub.id}` },
        { method: 'GET' as const, url: `/v1/subscriptions/${sub.id}/deliveries` },
        { method: 'DELETE' as const, url: `/v1/subscriptions/${sub.id}` },
      ];
      for (const route of routes) {
        const res = await t.app.inject({ ...route, headers });
        const want = expected[role as keyof typeof expected];
        const got = want === 2 ? Math.floor(res.statusCode / 100) : res.statusCode;
        expect(got, `${role} ${route.method} ${route.url}: ${res.body}`).toBe(want);
      }
    }
  });
});
