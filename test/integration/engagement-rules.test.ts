import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { type ActiveContract, contractApi, errorPaths, milestoneBody } from '../support/engagement.ts';

let t: TestApp;
let api: ReturnType<typeof contractApi>;
beforeAll(async () => {
  t = await buildTestApp();
  api = contractApi(t);
});
afterAll(async () => {
  await t?.close();
});

const post = (url: string, payload?: unknown) => api.call('POST', url, t.admin, payload);
const get = (url: string) => api.expectStatus(api.call('GET', url, t.admin), 200);
const _paths = errorPaths;
const submitted = (c: ActiveContract) => api.submittedChange(c);

describe('illegal transitions answer 409 naming the current state and the allowed actions', () => {
  it.each([
    ['activate', 'an active engagement', 'active', ['close']],
    ['close', 'a draft engagement', 'draft', ['activate']],
    ['activate', 'a closed engagement', 'closed', []],
    ['close', 'a closed engagement', 'closed', []],
  ] as const)('%s %s', async (action, _label, current, allowed) => {
    const c = current === 'draft' ? await api.readyDraft() : await api.activeContract();
    if (current === 'closed') await api.expectStatus(post(`/v1/engagements/${c.engagementId}/close`), 200);
    const res = await post(`/v1/engagements/${c.engagementId}/${action}`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'invalid_transition',
      entity: 'engagement',
      current,
      action,
      allowed,
    });
    expect(res.json().detail).toContain(`from ${current} the allowed actions are: `);
    expect(res.json().detail).toContain(allowed.length > 0 ? allowed.join(', ') : 'none (final state)');
  });

  const crIn = async (status: string): Promise<string> => {
    const c = await api.activeContract();
    if (status === 'draft')
      return api.changeRequest(c.engagementId, t.admin, [{ op: 'modify_terms', set: {} }]);
    const id = await submitted(c);
    const step = { submitted: null, approved: 'approve', rejected: 'reject', withdrawn: 'withdraw' }[status];
    if (step) await api.expectStatus(post(`/v1/change-requests/${id}/${step}`), 200);
    return id;
  };
  it.each([
    ['approve', 'draft', ['submit', 'withdraw']],
    ['reject', 'draft', ['submit', 'withdraw']],
    ['submit', 'submitted', ['approve', 'reject', 'withdraw']],
    ['approve', 'approved', []],
    ['withdraw', 'approved', []],
    ['reject', 'rejected', []],
    ['submit', 'withdrawn', []],
    ['approve', 'withdrawn', []],
  ] as const)('%s a %s change request', async (action, current, allowed) => {
    const id = await crIn(current);
    const before = await get(`/v1/change-requests/${id}`);
    const res = await post(`/v1/change-requests/${id}/${action}`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'invalid_transition',
      entity: 'change request',
      current,
      allowed,
    });
    expect(await get(`/v1/change-requests/${id}`)).toEqual(before);
  });
});

describe('contract immutability', () => {
  it('refuses every direct change once active, and after close, with 409 contract_locked', async () => {
    const c = await api.activeContract();
    const attempts = [
      () => api.call('PATCH', `/v1/engagements/${c.engagementId}`, t.admin, { title: 'Renamed' }),
      () => api.call('PATCH', `/v1/deliverables/${c.deliverableId}`, t.admin, { dueDate: '2027-04-01' }),
      () => api.call('PATCH', `/v1/milestones/${c.milestoneId}`, t.admin, { amountMinor: 1 }),
      () =>
        post(`/v1/engagements/${c.engagementId}/deliverables`, {
          title: 'X',
          dueDate: '2027-04-01',
          acceptanceCriteria: [],
        }),
      () =>
        post(
          `/v1/engagements/${c.engagementId}/milestones`,
          milestoneBody([c.deliverableId], { amountMinor: 1 }),
        ),
    ];
    const before = await get(`/v1/engagements/${c.engagementId}?version=1`);
    for (const closed of [false, true]) {
      if (closed) await api.expectStatus(post(`/v1/engagements/${c.engagementId}/close`), 200);
      for (const attempt of attempts) {
        const res = await attempt();
        expect(res.statusCode).toBe(409);
        expect(res.json()).toMatchObject({
          code: 'contract_locked',
          engagementStatus: closed ? 'closed' : 'active',
        });
        expect(res.json().detail).toContain('change request');
      }
    }
    const deliverables = await get(`/v1/engagements/${c.engagementId}/deliverables`);
    // The terms are the version's; `figures` (the recompute's progress) is no contract term.
    expect(deliverables.items.map(({ figures: _f, ...d }: Record<string, unknown>) => d)).toEqual(
      before.deliverables,
    );
    expect((await get(`/v1/milestones/${c.milestoneId}`)).amountMinor).toBe(before.milestones[0].amountMinor);
  });

  it('takes change requests on active engagements only', async () => {
    const c = await api.readyDraft();
    const res = await post(`/v1/engagements/${c.engagementId}/change-requests`, {
      title: 'Too early',
      rationale: 'x',
      changes: [{ op: 'modify_terms', set: { endDate: '2027-07-31' } }],
      impact: { costMinor: 0, scheduleDays: 31 },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'engagement_not_active', engagementStatus: 'draft' });
  });

  it('reads past versions; a draft has none yet', async () => {
    const c = await api.readyDraft();
    const draft = await api.call('GET', `/v1/engagements/${c.engagementId}?version=1`, t.admin);
    expect(draft.statusCode).toBe(404);
    expect(draft.json().detail).toContain('recorded at activation');
    await api.expectStatus(post(`/v1/engagements/${c.engagementId}/activate`), 200);
    const future = await api.call('GET', `/v1/engagements/${c.engagementId}?version=2`, t.admin);
    expect(future.statusCode).toBe(404);
    expect(future.json()).toMatchObject({ code: 'contract_version_not_found' });
  });
});
