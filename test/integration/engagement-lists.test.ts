import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { contractApi, type Row } from '../support/engagement.ts';

let t: TestApp;
let api: ReturnType<typeof contractApi>;
beforeAll(async () => {
  t = await buildTestApp();
  api = contractApi(t);
});
afterAll(async () => {
  await t?.close();
});

describe('lists', () => {
  it('filter providers by part of their name', async () => {
    const name = `Zephyr ${Date.now()}`;
    const id = await api.expectStatus(api.call('POST', '/v1/providers', t.admin, { name }), 201);
    const found = await api.expectStatus(
      api.call('GET', `/v1/providers?name=${encodeURIComponent(name.slice(2))}`, t.admin),
      200,
    );
    expect(found.items.map((p: Row) => p.id)).toEqual([id.id]);
  });

  it('page engagements with a cursor and filter them by provider and status', async () => {
    const providerId = await api.provider();
    const ids = [await api.draft(providerId), await api.draft(providerId), await api.draft(providerId)];
    const first = await api.expectStatus(
      api.call('GET', `/v1/engagements?providerId=${providerId}&limit=2`, t.admin),
      200,
    );
    expect(first.items.map((e: Row) => e.id)).toEqual(ids.slice(0, 2));
    const next = await api.expectStatus(
      api.call('GET', `/v1/engagements?providerId=${providerId}&limit=2&cursor=${first.nextCursor}`, t.admin),
      200,
    );
    expect(next).toMatchObject({ items: [{ id: ids[2] }], nextCursor: null });
    const active = await api.activeContract(providerId);
    const onlyActive = await api.expectStatus(
      api.call('GET', `/v1/engagements?providerId=${providerId}&status=active`, t.admin),
      200,
    );
    expect(onlyActive.items.map((e: Row) => e.id)).toEqual([active.engagementId]);
    const bad = await api.call(
      'GET',
      `/v1/engagements?cursor=${Buffer.from('not an id!').toString('base64url')}`,
      t.admin,
    );
    expect(bad.statusCode).toBe(400);
  });

  it('filter change requests by status, journal entries by kind, deliverables by status and removal', async () => {
    const c = await api.activeContract();
    const add = [
      {
        op: 'add_deliverable',
        deliverable: { title: 'Extra', dueDate: '2027-05-01', acceptanceCriteria: [] },
      },
    ];
    const kept = await api.changeRequest(c.engagementId, t.admin, add);
    const dropped = await api.changeRequest(c.engagementId, t.admin, add);
    await api.expectStatus(api.call('POST', `/v1/change-requests/${dropped}/withdraw`, t.admin), 200);
    const drafts = await api.expectStatus(
      api.call('GET', `/v1/engagements/${c.engagementId}/change-requests?status=draft`, t.admin),
      200,
    );
    expect(drafts.items.map((r: Row) => r.id)).toEqual([kept]);
    const notes = await api.expectStatus(
      api.call('GET', `/v1/engagements/${c.engagementId}/journal?kind=note`, t.admin),
      200,
    );
    expect(notes.items).toEqual([]);

    const removal = await api.changeRequest(c.engagementId, t.admin, [
      {
        op: 'add_deliverable',
        ref: 'b',
        deliverable: { title: 'B', dueDate: '2027-05-01', acceptanceCriteria: [] },
      },
      { op: 'modify_milestone', milestoneId: c.milestoneId, set: { requiredDeliverableIds: ['b'] } },
      { op: 'remove_deliverable', deliverableId: c.deliverableId },
    ]);
    await api.expectStatus(api.call('POST', `/v1/change-requests/${removal}/submit`, t.admin), 200);
    await api.expectStatus(api.call('POST', `/v1/change-requests/${removal}/approve`, t.admin), 200);
    const url = `/v1/engagements/${c.engagementId}/deliverables`;
    const inContract = await api.expectStatus(api.call('GET', url, t.admin), 200);
    expect(inContract.items.map((d: Row) => d.title)).toEqual(['B']);
    const all = await api.expectStatus(api.call('GET', `${url}?includeRemoved=true`, t.admin), 200);
    expect(all.items.map((d: Row) => d.id)).toContain(c.deliverableId);
    expect(all.items.find((d: Row) => d.id === c.deliverableId)?.removedAt).toEqual(expect.any(String));
    const trail = await api.expectStatus(
      api.call('GET', `/v1/audit?entityType=deliverable&entityId=${c.deliverableId}`, t.admin),
      200,
    );
    expect(trail.items.map((r: Row) => r.action)).toEqual(['create', 'remove']);
    const planned = await api.expectStatus(api.call('GET', `${url}?status=accepted`, t.admin), 200);
    expect(planned.items).toEqual([]);
  });
});
