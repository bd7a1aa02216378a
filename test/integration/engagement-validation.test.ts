import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  type ActiveContract,
  contractApi,
  engagementBody,
  errorPaths,
  milestoneBody,
  type Row,
  rawQuery,
} from '../support/engagement.ts';

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
const paths = errorPaths;
const submitted = (c: ActiveContract) => api.submittedChange(c);

describe('validation lists each bad field and changes nothing', () => {
  it('refuses broken engagement terms (422) and malformed bodies (400)', async () => {
    const providerId = await api.provider();
    const broken = await post('/v1/engagements', {
      ...engagementBody(providerId),
      endDate: '2026-12-31',
      currency: 'EUX',
      timeZone: 'Mars/Olympus',
    });
    expect(broken.statusCode).toBe(422);
    expect(paths(broken)).toEqual(['body.endDate', 'body.currency', 'body.timeZone']);
    const malformed = await post('/v1/engagements', { providerId, currency: 'EUR', contractValueMinor: 1.5 });
    expect(malformed.statusCode).toBe(400);
    expect(paths(malformed)).toEqual(
      expect.arrayContaining(['body.title', 'body.contractValueMinor', 'body.startDate', 'body.endDate']),
    );
    const unknown = await post('/v1/engagements', engagementBody('prv_000000000000000000000000ff'));
    expect(unknown.statusCode).toBe(422);
    expect(paths(unknown)).toEqual(['body.providerId']);
    expect((await get(`/v1/engagements?providerId=${providerId}`)).items).toEqual([]);
  });

  it('checks deliverables and milestones against their engagement', async () => {
    const c = await api.readyDraft();
    const other = await api.readyDraft();
    const outside = await post(`/v1/engagements/${c.engagementId}/deliverables`, {
      title: 'Late',
      dueDate: '2027-08-01',
      acceptanceCriteria: ['x'],
    });
    expect(outside.statusCode).toBe(201);
    expect(outside.json().warnings).toEqual([
      { path: 'body.dueDate', message: 'is outside the engagement (2027-01-04 to 2027-06-30)' },
    ]);
    const url = `/v1/engagements/${c.engagementId}/milestones`;
    const cases: [Record<string, unknown>, number, string[]][] = [
      [milestoneBody([c.deliverableId], { amountMinor: 6_000_001 }), 422, ['body.amountMinor']],
      [milestoneBody([other.deliverableId], { amountMinor: 1 }), 422, ['body.requiredDeliverableIds[0]']],
      [milestoneBody([c.deliverableId], { retentionBps: 10_001 }), 400, ['body.retentionBps']],
      [
        milestoneBody([c.deliverableId], {
          amountMinor: 1,
          retentionBps: 5000,
          latePenalty: { bpsPerDay: 10, graceDays: 0, capBps: 6000 },
        }),
        422,
        ['body.latePenalty.capBps'],
      ],
    ];
    for (const [body, status, fields] of cases) {
      const res = await post(url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(paths(res)).toEqual(fields);
    }
    expect((await get(url)).items.map((m: Row) => m.id)).toEqual([c.milestoneId]);
    const lowered = await api.call('PATCH', `/v1/engagements/${c.engagementId}`, t.admin, {
      contractValueMinor: 5_000_000,
    });
    expect(lowered.statusCode).toBe(422);
    expect(paths(lowered)).toEqual(['body.contractValueMinor']);
    expect((await get(`/v1/engagements/${c.engagementId}`)).contractValueMinor).toBe(12_000_000);
  });

  it('lists what activation still needs', async () => {
    const providerId = await api.provider();
    const id = await api.draft(providerId, t.admin, {
      clientContact: null,
      providerContact: null,
    });
    const res = await post(`/v1/engagements/${id}/activate`);
    expect(res.statusCode).toBe(422);
    expect(paths(res)).toEqual([
      'engagement.clientContact.name',
      'engagement.clientContact.email',
      'engagement.providerContact.name',
      'engagement.providerContact.email',
      'deliverables',
      'milestones',
    ]);
    expect((await get(`/v1/engagements/${id}`)).status).toBe('draft');
  });

  it('refuses a change request that would break the contract, at proposal and again at approval', async () => {
    const c = await api.activeContract();
    const url = `/v1/engagements/${c.engagementId}/change-requests`;
    const body = (changes: unknown[]) => ({
      title: 'x',
      rationale: 'y',
      changes,
      impact: { costMinor: 0, scheduleDays: 0 },
    });
    const unknown = await post(url, body([{ op: 'remove_deliverable', deliverableId: 'dlv_nope' }]));
    expect(unknown.statusCode).toBe(422);
    expect(paths(unknown)).toEqual(['body.changes[0].deliverableId']);
    const orphan = await post(url, body([{ op: 'remove_deliverable', deliverableId: c.deliverableId }]));
    expect(orphan.statusCode).toBe(422);
    expect(paths(orphan)).toContain(`contract.milestones[${c.milestoneId}].requiredDeliverableIds[0]`);
    expect((await get(url)).items).toEqual([]);

    // Two requests that each fit alone, not together: the second approval is refused whole.
    const add = (label: string) => [
      {
        op: 'add_deliverable',
        ref: 'n',
        deliverable: { title: label, dueDate: '2027-05-01', acceptanceCriteria: [] },
      },
      { op: 'add_milestone', milestone: { label, amountMinor: 4_000_000, requiredDeliverableIds: ['n'] } },
    ];
    const first = await api.changeRequest(c.engagementId, t.admin, add('A'));
    const second = await api.changeRequest(c.engagementId, t.admin, add('B'));
    for (const id of [first, second]) await api.expectStatus(post(`/v1/change-requests/${id}/submit`), 200);
    await api.expectStatus(post(`/v1/change-requests/${first}/approve`), 200);
    const refused = await post(`/v1/change-requests/${second}/approve`);
    expect(refused.statusCode).toBe(422);
    expect(paths(refused)).toEqual(['changes']);
    expect((await get(`/v1/change-requests/${second}`)).status).toBe('submitted');
    const after = await get(`/v1/engagements/${c.engagementId}`);
    expect(after.contractVersion).toBe(2);
    const titles = (await get(`/v1/engagements/${c.engagementId}/deliverables`)).items.map(
      (d: Row) => d.title,
    );
    expect(titles).not.toContain('B');
  });

  it('changes nothing when a request is rejected or withdrawn', async () => {
    const c = await api.activeContract();
    const before = await get(`/v1/engagements/${c.engagementId}`);
    const rejected = await submitted(c);
    await api.expectStatus(post(`/v1/change-requests/${rejected}/reject`, { note: 'No' }), 200);
    const withdrawn = await submitted(c);
    await api.expectStatus(post(`/v1/change-requests/${withdrawn}/withdraw`), 200);
    const after = await get(`/v1/engagements/${c.engagementId}`);
    expect(after).toEqual(before);
    expect((await get(`/v1/deliverables/${c.deliverableId}`)).dueDate).toBe('2027-03-31');
    const trail = await get(`/v1/audit?entityType=engagement&entityId=${c.engagementId}`);
    expect(trail.items.map((r: Row) => r.action)).toEqual(['create', 'activate']);
    for (const [id, action] of [
      [rejected, 'reject'],
      [withdrawn, 'withdraw'],
    ]) {
      const rows = await get(`/v1/audit?entityType=change_request&entityId=${id}`);
      expect(rows.items.map((r: Row) => r.action)).toEqual(['create', 'submit', action]);
    }
  });

  it('refuses to touch an unlocked milestone unless the request says so', async () => {
    const c = await api.activeContract();
    await rawQuery(t, `update payment_milestones set status = 'unlocked' where id = $1`, [c.milestoneId]);
    const url = `/v1/engagements/${c.engagementId}/change-requests`;
    for (const change of [
      { op: 'modify_milestone', milestoneId: c.milestoneId, set: { amountMinor: 5_000_000 } },
      { op: 'modify_deliverable', deliverableId: c.deliverableId, set: { dueDate: '2027-04-30' } },
    ]) {
      const res = await post(url, {
        title: 'x',
        rationale: 'y',
        changes: [change],
        impact: { costMinor: 0, scheduleDays: 0 },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'affects_unlocked_milestones',
        milestoneIds: [c.milestoneId],
      });
    }
    const renamed = await api.changeRequest(c.engagementId, t.admin, [
      { op: 'modify_deliverable', deliverableId: c.deliverableId, set: { title: 'Renamed only' } },
    ]);
    expect(renamed).toMatch(/^chg_/);
    const explicit = await api.changeRequest(
      c.engagementId,
      t.admin,
      [{ op: 'modify_milestone', milestoneId: c.milestoneId, set: { amountMinor: 5_000_000 } }],
      { affectsUnlockedMilestones: true },
    );
    expect(explicit).toMatch(/^chg_/);
    // Approving it settles the milestone again: test/integration/decision-unlock.test.ts.
  });

  it('evaluates closed engagements only, with scores from 1 to 5; journal kinds are checked', async () => {
    const c = await api.activeContract();
    const url = `/v1/engagements/${c.engagementId}/evaluation`;
    const scores = { quality: 3, timeliness: 3, communication: 3, autonomy: 3, budget: 3 };
    const early = await api.call('PUT', url, t.admin, scores);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'engagement_not_closed', engagementStatus: 'active' });
    await api.expectStatus(post(`/v1/engagements/${c.engagementId}/close`), 200);
    const bad = await api.call('PUT', url, t.admin, { ...scores, quality: 0, budget: 6 });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['body.quality', 'body.budget']);
    expect((await api.call('GET', url, t.admin)).statusCode).toBe(404);
    const report = await post(`/v1/engagements/${c.engagementId}/journal`, {
      kind: 'status_report',
      occurredAt: '2027-02-01T10:00:00Z',
      participants: ['Jalon'],
      summary: 'forged',
    });
    expect(report.statusCode).toBe(400);
    expect(paths(report)).toEqual(['body.kind']);
  });

  it('refuses a provider key for a provider that does not exist', async () => {
    const res = await post('/v1/api-keys', {
      name: 'ghost',
      role: 'provider',
      providerId: 'prv_000000000000000000000000aa',
    });
    expect(res.statusCode).toBe(422);
    expect(paths(res)).toEqual(['body.providerId']);
  });
});
