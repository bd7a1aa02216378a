import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  type ActiveContract,
  contractApi,
  engagementBody,
  milestoneBody,
  type Row,
} from '../support/engagement.ts';

/**
 * Every engagement route against every kind of caller, as an attacker would try them: no key (401),
 * a role the route does not admit (403), a provider key on another provider's objects (404, also
 * for routes it may use on its own), and each admitted caller (the route's success status).
 */

type Caller = 'none' | 'admin' | 'pmo' | 'finance' | 'own' | 'other';
type Admitted = 'pmo' | 'finance' | 'provider';
type Headers = Record<string, string>;

interface Fixture {
  readonly providerId: string;
  readonly draft: ActiveContract;
  readonly active: ActiveContract;
  readonly closed: ActiveContract;
  /** Change requests on `active`, by side and status. */
  readonly cr: { providerDraft: string; providerSubmitted: string; clientDraft: string };
}

interface Route {
  readonly name: string;
  readonly admits: readonly Admitted[];
  readonly ok: number;
  /** A list: another provider's key gets its own (empty) view, not a 404. */
  readonly list?: boolean;
  /** Changes the fixture's state: each admitted call gets a fresh fixture. */
  readonly mutates?: boolean;
  request(
    f: Fixture,
    caller: Caller,
  ): { method: 'GET' | 'POST' | 'PATCH' | 'PUT'; url: string; payload?: unknown };
}

const cr = (f: Fixture, caller: Caller) =>
  caller === 'own' || caller === 'other' ? f.cr.providerDraft : f.cr.clientDraft;
const READ: Admitted[] = ['pmo', 'finance', 'provider'];
const dueDateChange = (f: Fixture) => [
  { op: 'modify_deliverable', deliverableId: f.active.deliverableId, set: { dueDate: '2027-04-20' } },
];
const journalEntry = {
  kind: 'note',
  occurredAt: '2027-02-01T10:00:00Z',
  participants: ['A'],
  summary: 'Noted',
};
const scores = { quality: 4, timeliness: 4, communication: 4, autonomy: 4, budget: 4 };

const ROUTES: Route[] = [
  {
    name: 'POST /v1/providers',
    admits: ['pmo'],
    ok: 201,
    request: () => ({ method: 'POST', url: '/v1/providers', payload: { name: 'New' } }),
  },
  {
    name: 'GET /v1/providers',
    admits: READ,
    ok: 200,
    list: true,
    request: () => ({ method: 'GET', url: '/v1/providers' }),
  },
  {
    name: 'GET /v1/providers/{id}',
    admits: READ,
    ok: 200,
    request: (f) => ({ method: 'GET', url: `/v1/providers/${f.providerId}` }),
  },
  {
    name: 'PATCH /v1/providers/{id}',
    admits: ['pmo'],
    ok: 200,
    request: (f) => ({ method: 'PATCH', url: `/v1/providers/${f.providerId}`, payload: { references: [] } }),
  },
  {
    name: 'GET /v1/providers/{id}/scorecard',
    admits: ['pmo', 'finance'],
    ok: 200,
    request: (f) => ({ method: 'GET', url: `/v1/providers/${f.providerId}/scorecard` }),
  },
  {
    name: 'POST /v1/engagements',
    admits: ['pmo'],
    ok: 201,
    request: (f) => ({ method: 'POST', url: '/v1/engagements', payload: engagementBody(f.providerId) }),
  },
  {
    name: 'GET /v1/engagements',
    admits: READ,
    ok: 200,
    list: true,
    request: () => ({ method: 'GET', url: '/v1/engagements' }),
  },
  {
    name: 'GET /v1/engagements/{id}',
    admits: READ,
    ok: 200,
    request: (f) => ({ method: 'GET', url: `/v1/engagements/${f.active.engagementId}` }),
  },
  {
    name: 'GET /v1/engagements/{id}?version=1',
    admits: READ,
    ok: 200,
    request: (f) => ({ method: 'GET', url: `/v1/engagements/${f.active.engagementId}?version=1` }),
  },
  {
    name: 'PATCH /v1/engagements/{id}',
    admits: ['pmo'],
    ok: 200,
    request: (f) => ({
      method: 'PATCH',
      url: `/v1/engagements/${f.draft.engagementId}`,
      payload: { objective: 'Sharper' },
    }),
  },
  {
    name: 'POST /v1/engagements/{id}/activate',
    admits: ['pmo'],
    ok: 200,
    mutates: true,
    request: (f) => ({ method: 'POST', url: `/v1/engagements/${f.draft.engagementId}/activate` }),
  },
  {
    name: 'POST /v1/engagements/{id}/close',
    admits: ['pmo'],
    ok: 200,
    mutates: true,
    request: (f) => ({ method: 'POST', url: `/v1/engagements/${f.active.engagementId}/close` }),
  },
  {
    name: 'POST /v1/engagements/{id}/deliverables',
    admits: ['pmo'],
    ok: 201,
    request: (f) => ({
      method: 'POST',
      url: `/v1/engagements/${f.draft.engagementId}/deliverables`,
      payload: { title: 'D', dueDate: '2027-03-01', acceptanceCriteria: [] },
    }),
  },
  {
    name: 'GET /v1/engagements/{id}/deliverables',
    admits: READ,
    ok: 200,
    request: (f) => ({ method: 'GET', url: `/v1/engagements/${f.active.engagementId}/deliverables` }),
  },
  {
    name: 'GET /v1/deliverables/{id}',
    admits: READ,
    ok: 200,
    request: (f) => ({ method: 'GET', url: `/v1/deliverables/${f.active.deliverableId}` }),
  },
  {
    name: 'PATCH /v1/deliverables/{id}',
    admits: ['pmo'],
    ok: 200,
    request: (f) => ({
      method: 'PATCH',
      url: `/v1/deliverables/${f.draft.deliverableId}`,
      payload: { description: 'More' },
    }),
  },
  {
    name: 'POST /v1/engagements/{id}/milestones',
    admits: ['pmo'],
    ok: 201,
    request: (f) => ({
      method: 'POST',
      url: `/v1/engagements/${f.draft.engagementId}/milestones`,
      payload: milestoneBody([f.draft.deliverableId], { amountMinor: 100 }),
    }),
  },
  {
    name: 'GET /v1/engagements/{id}/milestones',
    admits: READ,
    ok: 200,
    request: (f) => ({ method: 'GET', url: `/v1/engagements/${f.active.engagementId}/milestones` }),
  },
  {
    name: 'GET /v1/milestones/{id}',
    admits: READ,
    ok: 200,
    request: (f) => ({ method: 'GET', url: `/v1/milestones/${f.active.milestoneId}` }),
  },
  {
    name: 'PATCH /v1/milestones/{id}',
    admits: ['pmo'],
    ok: 200,
    request: (f) => ({
      method: 'PATCH',
      url: `/v1/milestones/${f.draft.milestoneId}`,
      payload: { label: 'Renamed' },
    }),
  },
  {
    name: 'POST /v1/engagements/{id}/change-requests',
    admits: ['pmo', 'provider'],
    ok: 201,
    request: (f) => ({
      method: 'POST',
      url: `/v1/engagements/${f.active.engagementId}/change-requests`,
      payload: {
        title: 'T',
        rationale: 'R',
        changes: dueDateChange(f),
        impact: { costMinor: 0, scheduleDays: 20 },
      },
    }),
  },
  {
    name: 'GET /v1/engagements/{id}/change-requests',
    admits: READ,
    ok: 200,
    request: (f) => ({ method: 'GET', url: `/v1/engagements/${f.active.engagementId}/change-requests` }),
  },
  {
    name: 'GET /v1/change-requests/{id}',
    admits: READ,
    ok: 200,
    request: (f) => ({ method: 'GET', url: `/v1/change-requests/${f.cr.providerDraft}` }),
  },
  {
    name: 'POST /v1/change-requests/{id}/submit',
    admits: ['pmo', 'provider'],
    ok: 200,
    mutates: true,
    request: (f, c) => ({ method: 'POST', url: `/v1/change-requests/${cr(f, c)}/submit` }),
  },
  {
    name: 'POST /v1/change-requests/{id}/withdraw',
    admits: ['pmo', 'provider'],
    ok: 200,
    mutates: true,
    request: (f, c) => ({ method: 'POST', url: `/v1/change-requests/${cr(f, c)}/withdraw` }),
  },
  {
    name: 'POST /v1/change-requests/{id}/approve',
    admits: ['pmo'],
    ok: 200,
    mutates: true,
    request: (f) => ({ method: 'POST', url: `/v1/change-requests/${f.cr.providerSubmitted}/approve` }),
  },
  {
    name: 'POST /v1/change-requests/{id}/reject',
    admits: ['pmo'],
    ok: 200,
    mutates: true,
    request: (f) => ({
      method: 'POST',
      url: `/v1/change-requests/${f.cr.providerSubmitted}/reject`,
      payload: { note: 'No' },
    }),
  },
  {
    name: 'POST /v1/engagements/{id}/journal',
    admits: ['pmo', 'provider'],
    ok: 201,
    request: (f) => ({
      method: 'POST',
      url: `/v1/engagements/${f.active.engagementId}/journal`,
      payload: journalEntry,
    }),
  },
  {
    name: 'GET /v1/engagements/{id}/journal',
    admits: READ,
    ok: 200,
    request: (f) => ({ method: 'GET', url: `/v1/engagements/${f.active.engagementId}/journal` }),
  },
  {
    name: 'PUT /v1/engagements/{id}/evaluation',
    admits: ['pmo'],
    ok: 200,
    request: (f) => ({
      method: 'PUT',
      url: `/v1/engagements/${f.closed.engagementId}/evaluation`,
      payload: scores,
    }),
  },
  {
    name: 'GET /v1/engagements/{id}/evaluation',
    admits: ['pmo', 'finance'],
    ok: 200,
    request: (f) => ({ method: 'GET', url: `/v1/engagements/${f.closed.engagementId}/evaluation` }),
  },
];

function expected(route: Route, caller: Caller): number {
  if (caller === 'none') return 401;
  if (caller === 'admin') return route.ok;
  const role: Admitted = caller === 'own' || caller === 'other' ? 'provider' : caller;
  if (!route.admits.includes(role)) return 403;
  if (caller === 'other' && !route.list) return 404;
  return route.ok;
}

let t: TestApp;
let api: ReturnType<typeof contractApi>;
let keys: Record<Exclude<Caller, 'none'>, Headers>;
let providerId: string;
let shared: Fixture;

async function fixture(): Promise<Fixture> {
  const [pmo, own] = [keys.pmo, keys.own];
  const draft = await api.readyDraft(providerId, pmo);
  const active = await api.activeContract(providerId, pmo);
  const closed = await api.activeContract(providerId, pmo);
  await api.expectStatus(api.call('POST', `/v1/engagements/${closed.engagementId}/close`, pmo), 200);
  await api.expectStatus(
    api.call('PUT', `/v1/engagements/${closed.engagementId}/evaluation`, pmo, scores),
    201,
  );
  const partial = { providerId, draft, active, closed } as const;
  const propose = (headers: Headers) =>
    api.changeRequest(active.engagementId, headers, dueDateChange(partial as Fixture));
  const providerSubmitted = await propose(own);
  await api.expectStatus(api.call('POST', `/v1/change-requests/${providerSubmitted}/submit`, own), 200);
  return {
    ...partial,
    cr: { providerDraft: await propose(own), providerSubmitted, clientDraft: await propose(pmo) },
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  api = contractApi(t);
  providerId = await api.provider();
  const otherProvider = await api.provider();
  keys = {
    admin: t.admin,
    pmo: await t.keyFor('pmo'),
    finance: await t.keyFor('finance'),
    own: await t.keyFor('provider', providerId),
    other: await t.keyFor('provider', otherProvider),
  };
  shared = await fixture();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const CALLERS: Caller[] = ['none', 'admin', 'pmo', 'finance', 'own', 'other'];
const CASES = ROUTES.flatMap((route) =>
  CALLERS.map((caller) => [route, caller, expected(route, caller)] as const),
);

describe('authorization matrix: every engagement route × every caller', () => {
  it.each(CASES.map(([r, c, s]) => [r.name, c, s, r] as const))(
    '%s as %s → %i',
    async (_n, caller, status, route) => {
      const f = route.mutates && status < 400 ? await fixture() : shared;
      const { method, url, payload } = route.request(f, caller);
      const headers = caller === 'none' ? {} : keys[caller];
      const res = await api.call(method, url, headers, payload);
      expect(res.statusCode, res.body).toBe(status);
      if (status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
    },
  );

  it('covers every engagement route the app registers', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json();
    const tagged = Object.entries(spec.paths as Record<string, Record<string, { tags?: string[] }>>).flatMap(
      ([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) =>
            [
              'providers',
              'engagements',
              'deliverables',
              'milestones',
              'change-requests',
              'journal',
              'evaluations',
            ].some((tag) => op.tags?.includes(tag)),
          )
          .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    const tested = new Set(ROUTES.map((r) => r.name.split('?')[0]));
    expect(tagged.filter((r) => !tested.has(r))).toEqual([]);
  });
});

describe('ownership beyond the matrix', () => {
  it('lists show a provider key its own provider only, whatever the filter says', async () => {
    const mine = await api.expectStatus(api.call('GET', '/v1/engagements?limit=500', keys.own), 200);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((e: Row) => e.providerId === providerId)).toBe(true);
    const theirs = await api.expectStatus(
      api.call('GET', `/v1/engagements?providerId=${providerId}`, keys.other),
      200,
    );
    expect(theirs.items).toEqual([]);
    const providers = await api.expectStatus(api.call('GET', '/v1/providers', keys.own), 200);
    expect(providers.items.map((p: Row) => p.id)).toEqual([providerId]);
  });

  it('lets only the proposing side submit or withdraw a change request', async () => {
    for (const [headers, id] of [
      [keys.pmo, shared.cr.providerDraft],
      [keys.own, shared.cr.clientDraft],
    ] as const) {
      for (const action of ['submit', 'withdraw']) {
        const res = await api.call('POST', `/v1/change-requests/${id}/${action}`, headers);
        expect(res.statusCode).toBe(403);
        expect(res.json().detail).toContain('side');
      }
    }
  });

  it('answers another provider’s objects exactly like missing ones', async () => {
    const theirs = await api.call('GET', `/v1/deliverables/${shared.active.deliverableId}`, keys.other);
    const missing = await api.call('GET', '/v1/deliverables/dlv_00000000000000000000000000', keys.other);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().code).toBe(missing.json().code);
    expect(theirs.json().detail).not.toContain(providerId);
  });
});
