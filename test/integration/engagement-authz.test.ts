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

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

interface Route {
  /** `METHOD /path`, where `{draft}`, `{active.deliverable}`, `{cr:side}`… name fixture objects. */
  readonly name: string;
  readonly admits: readonly Admitted[];
  readonly ok: number;
  /** A list: another provider's key gets its own (empty) view, not a 404. */
  readonly list?: boolean;
  /** Changes the fixture's state: each admitted call gets a fresh fixture. */
  readonly mutates?: boolean;
  readonly body?: (f: Fixture) => unknown;
}

/** The fixture object a placeholder names; `{cr:side}` is a draft request of the caller's side. */
function resolve(f: Fixture, caller: Caller, placeholder: string): string {
  const [what = '', part] = placeholder.split('.');
  if (what === 'provider') return f.providerId;
  if (what === 'cr:side')
    return caller === 'own' || caller === 'other' ? f.cr.providerDraft : f.cr.clientDraft;
  if (what === 'cr:draft') return f.cr.providerDraft;
  if (what === 'cr:submitted') return f.cr.providerSubmitted;
  const contract = f[what as 'draft' | 'active' | 'closed'];
  return part === 'deliverable'
    ? contract.deliverableId
    : part === 'milestone'
      ? contract.milestoneId
      : contract.engagementId;
}

function requestOf(route: Route, f: Fixture, caller: Caller) {
  const [method, template = ''] = route.name.split(' ');
  const url = template.replace(/\{([^}]+)\}/g, (_m, p: string) => resolve(f, caller, p));
  return { method: method as Method, url, payload: route.body?.(f) };
}

const READ: Admitted[] = ['pmo', 'finance', 'provider'];
const dueDateChange = (f: Fixture) => [
  { op: 'modify_deliverable', deliverableId: f.active.deliverableId, set: { dueDate: '2027-04-20' } },
];
const journalEntry = { kind: 'note', occurredAt: '2027-02-01T10:00:00Z', participants: ['A'], summary: 'Hi' };
const scores = { quality: 4, timeliness: 4, communication: 4, autonomy: 4, budget: 4 };
const newDeliverable = { title: 'D', dueDate: '2027-03-01', acceptanceCriteria: [] };
const newChange = (f: Fixture) => ({
  title: 'T',
  rationale: 'R',
  changes: dueDateChange(f),
  impact: { costMinor: 0, scheduleDays: 20 },
});

const ROUTES: Route[] = [
  { name: 'POST /v1/providers', admits: ['pmo'], ok: 201, body: () => ({ name: 'New' }) },
  { name: 'GET /v1/providers', admits: READ, ok: 200, list: true },
  { name: 'GET /v1/providers/{provider}', admits: READ, ok: 200 },
  { name: 'PATCH /v1/providers/{provider}', admits: ['pmo'], ok: 200, body: () => ({ references: [] }) },
  { name: 'GET /v1/providers/{provider}/scorecard', admits: ['pmo', 'finance'], ok: 200 },
  { name: 'POST /v1/engagements', admits: ['pmo'], ok: 201, body: (f) => engagementBody(f.providerId) },
  { name: 'GET /v1/engagements', admits: READ, ok: 200, list: true },
  { name: 'GET /v1/engagements/{active}', admits: READ, ok: 200 },
  { name: 'GET /v1/engagements/{active}?version=1', admits: READ, ok: 200 },
  { name: 'PATCH /v1/engagements/{draft}', admits: ['pmo'], ok: 200, body: () => ({ objective: 'Sharper' }) },
  { name: 'POST /v1/engagements/{draft}/activate', admits: ['pmo'], ok: 200, mutates: true },
  { name: 'POST /v1/engagements/{active}/close', admits: ['pmo'], ok: 200, mutates: true },
  { name: 'POST /v1/engagements/{draft}/deliverables', admits: ['pmo'], ok: 201, body: () => newDeliverable },
  { name: 'GET /v1/engagements/{active}/deliverables', admits: READ, ok: 200 },
  { name: 'GET /v1/deliverables/{active.deliverable}', admits: READ, ok: 200 },
  {
    name: 'PATCH /v1/deliverables/{draft.deliverable}',
    admits: ['pmo'],
    ok: 200,
    body: () => ({ weight: 3 }),
  },
  {
    name: 'POST /v1/engagements/{draft}/milestones',
    admits: ['pmo'],
    ok: 201,
    body: (f) => milestoneBody([f.draft.deliverableId], { amountMinor: 100 }),
  },
  { name: 'GET /v1/engagements/{active}/milestones', admits: READ, ok: 200 },
  { name: 'GET /v1/milestones/{active.milestone}', admits: READ, ok: 200 },
  {
    name: 'PATCH /v1/milestones/{draft.milestone}',
    admits: ['pmo'],
    ok: 200,
    body: () => ({ label: 'Renamed' }),
  },
  {
    name: 'POST /v1/engagements/{active}/change-requests',
    admits: ['pmo', 'provider'],
    ok: 201,
    body: newChange,
  },
  { name: 'GET /v1/engagements/{active}/change-requests', admits: READ, ok: 200 },
  { name: 'GET /v1/change-requests/{cr:draft}', admits: READ, ok: 200 },
  { name: 'POST /v1/change-requests/{cr:side}/submit', admits: ['pmo', 'provider'], ok: 200, mutates: true },
  {
    name: 'POST /v1/change-requests/{cr:side}/withdraw',
    admits: ['pmo', 'provider'],
    ok: 200,
    mutates: true,
  },
  { name: 'POST /v1/change-requests/{cr:submitted}/approve', admits: ['pmo'], ok: 200, mutates: true },
  { name: 'POST /v1/change-requests/{cr:submitted}/reject', admits: ['pmo'], ok: 200, mutates: true },
  {
    name: 'POST /v1/engagements/{active}/journal',
    admits: ['pmo', 'provider'],
    ok: 201,
    body: () => journalEntry,
  },
  { name: 'GET /v1/engagements/{active}/journal', admits: READ, ok: 200 },
  { name: 'PUT /v1/engagements/{closed}/evaluation', admits: ['pmo'], ok: 200, body: () => scores },
  { name: 'GET /v1/engagements/{closed}/evaluation', admits: ['pmo', 'finance'], ok: 200 },
  { name: 'GET /v1/engagements/{active}/report', admits: READ, ok: 200 },
  { name: 'GET /v1/engagements/{active}/dashboard', admits: READ, ok: 200 },
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
      const { method, url, payload } = requestOf(route, f, caller);
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
    const tested = new Set(ROUTES.map((r) => r.name.split('?')[0]?.replace(/\{[^}]+\}/g, '{id}')));
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
