import { afterAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/auth.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { contractApi } from '../support/engagement.ts';
import { deref, fillPath, type Operation, operationName, operationsOf } from './routes.ts';

/**
 * The authorisation matrix generated from the route table: every documented route × every kind
 * of caller. The admitted roles are read from each route's "Roles: …" line (written by the auth
 * plugin from its guard), so a new route is covered the day it is added. Expected: 401 without a
 * key, 403 for a role the route does not admit, never 401/403 (nor a validation error: the bodies
 * are the schemas' own examples) for an admitted role, and never another provider's data for a
 * provider key. test/integration/engagement-authz.test.ts checks exact success statuses on the
 * engagement routes; this matrix covers every route.
 */

type Caller = 'none' | 'pmo' | 'finance' | 'own' | 'other' | 'admin';
/** Admin last: its writes (a deleted subscription, a closed engagement) come after the others'. */
const CALLERS: Caller[] = ['none', 'pmo', 'finance', 'own', 'other', 'admin'];
/** Routes anyone may call (signatures guard the receivers); any other unguarded route fails. */
const PUBLIC = [
  'GET /health',
  'GET /ready',
  'POST /webhooks/jira/{connectionId}',
  'POST /webhooks/trello/{connectionId}',
  'POST /webhooks/asana/{connectionId}',
];

const t: TestApp = await buildTestApp();
const { ops, doc } = operationsOf(t.app);
const guarded = ops.filter((op) => op.roles);
const api = contractApi(t);

interface World {
  keys: Record<Exclude<Caller, 'none'>, Record<string, string>>;
  /** The own provider's objects, by the path prefix that names them. */
  ids: Record<string, string>;
}
let world: Promise<World> | null = null;

async function build(): Promise<World> {
  const providerId = await api.provider();
  const otherProvider = await api.provider();
  const active = await api.activeContract(providerId);
  const closed = await api.activeContract(providerId);
  await api.expectStatus(api.call('POST', `/v1/engagements/${closed.engagementId}/close`, t.admin), 200);
  const own = await t.keyFor('provider', providerId);
  const cr = await api.changeRequest(active.engagementId, own, [
    { op: 'modify_deliverable', deliverableId: active.deliverableId, set: { dueDate: '2027-04-20' } },
  ]);
  const crClient = await api.changeRequest(active.engagementId, t.admin, [
    { op: 'modify_deliverable', deliverableId: active.deliverableId, set: { dueDate: '2027-04-21' } },
  ]);
  const connection = await api.expectStatus(
    api.call('POST', '/v1/connections', t.admin, {
      tracker: 'jira',
      name: 'authz',
      baseUrl: 'http://127.0.0.1:9',
      credentials: { email: 'a@b.example', apiToken: 'tok' },
    }),
    201,
  );
  const subscription = await api.expectStatus(
    api.call('POST', '/v1/subscriptions', t.admin, {
      url: 'http://127.0.0.1:9/hook',
      events: ['milestone.unlocked'],
      secret: 'a-subscription-secret-0123456789',
    }),
    201,
  );
  return {
    keys: {
      admin: t.admin,
      pmo: await t.keyFor('pmo'),
      finance: await t.keyFor('finance'),
      own,
      other: await t.keyFor('provider', otherProvider),
    },
    ids: {
      providers: providerId,
      engagements: active.engagementId,
      deliverables: active.deliverableId,
      milestones: active.milestoneId,
      'payment-milestones': active.milestoneId,
      'change-requests': cr,
      connections: String(connection.id),
      subscriptions: String(subscription.id),
      evaluation: closed.engagementId,
      crClient,
    },
  };
}

/** The request for `op` on the own provider's objects (a change request of the caller's side). */
function requestOf(op: Operation, caller: Caller, w: World) {
  const [, , area = ''] = op.path.split('/');
  const clientSide = area === 'change-requests' && !['own', 'other'].includes(caller);
  const id = op.path.endsWith('/evaluation') ? w.ids.evaluation : clientSide ? w.ids.crClient : w.ids[area];
  const url = fillPath(op.path, {
    id: id ?? 'x',
    queue: 'ingest',
    jobId: 'x',
    connectionId: w.ids.connections ?? 'x',
  });
  const schema = op.body ? deref(doc, op.body) : null;
  const example = schema ? ((schema as { example?: unknown }).example ?? exampleOf(schema)) : undefined;
  return { url, payload: example };
}

/** An example for a body schema that has none of its own: the first alternative's example. */
function exampleOf(schema: ReturnType<typeof deref>): unknown {
  for (const alt of schema.anyOf ?? []) {
    const s = deref(doc, alt) as { example?: unknown };
    if (s.example !== undefined) return s.example;
  }
  return {};
}

/** What `caller` must (or must not) get. */
function verdict(
  op: Operation,
  caller: Caller,
  res: { url: string; status: number; body: string },
  w: World,
): void {
  const { url, status, body } = res;
  const roles = op.roles as readonly Role[];
  const role: Role | 'none' = caller === 'own' || caller === 'other' ? 'provider' : caller;
  if (role === 'none') return void expect(status, body).toBe(401);
  if (!roles.includes(role)) return void expect(status, body).toBe(403);
  expect([401, 403], body).not.toContain(status);
  expect(status, body).not.toBe(400); // the example body passed the schema: the guard decided
  const trackerDown = status === 503 && body.includes('tracker_unavailable');
  if (!trackerDown) expect(status, body).toBeLessThan(500);
  if (caller === 'own') expect(status, body).not.toBe(404);
  if (caller === 'other') {
    if (op.path.includes('{')) expect(status, body).toBe(404);
    // Nothing of the own provider's, beyond the id the caller itself put in the URL.
    for (const id of Object.values(w.ids)) if (!url.includes(id)) expect(body).not.toContain(id);
  }
}

afterAll(async () => {
  await t.close();
});

describe('authorisation matrix: every route × every caller', () => {
  it('guards every route but the public ones', () => {
    expect(
      ops
        .filter((op) => !op.roles)
        .map(operationName)
        .sort(),
    ).toEqual([...PUBLIC].sort());
    expect(guarded.length).toBeGreaterThan(50);
  });

  it.each(guarded.flatMap((op) => CALLERS.map((c) => [operationName(op), c, op] as const)))(
    '%s as %s',
    async (_name, caller, op) => {
      world ??= build();
      const w = await world;
      const { url, payload } = requestOf(op, caller, w);
      const res = await api.call(op.method as 'GET', url, caller === 'none' ? {} : w.keys[caller], payload);
      verdict(op, caller, { url, status: res.statusCode, body: res.body }, w);
      if (res.statusCode >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
    },
  );

  // The guard runs before the body is parsed and validated: a body that breaks every schema
  // (not even JSON) still gets 401 without a key and 403 with a key of another role, never 400.
  const withBody = guarded.filter((op) => op.body && !op.roles?.includes('pmo'));
  it.each(
    withBody.flatMap((op) => (['none', 'pmo'] as const).map((c) => [operationName(op), c, op] as const)),
  )('%s as %s with a malformed body', async (_name, caller, op) => {
    world ??= build();
    const w = await world;
    const { url } = requestOf(op, caller, w);
    const res = await t.app.inject({
      method: op.method as 'POST',
      url,
      headers: { 'content-type': 'application/json', ...(caller === 'none' ? {} : w.keys[caller]) },
      payload: '{"unknown": tru',
    });
    expect(res.statusCode, res.body).toBe(caller === 'none' ? 401 : 403);
    expect(res.json().errors).toBeUndefined();
  });
});
