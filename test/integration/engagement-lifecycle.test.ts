import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { contractApi, type Row, rawQuery } from '../support/engagement.ts';

let t: TestApp;
let api: ReturnType<typeof contractApi>;
beforeAll(async () => {
  t = await buildTestApp();
  api = contractApi(t);
});
afterAll(async () => {
  await t?.close();
});

describe('the whole life of an engagement, through the API', () => {
  it('drafts, activates, amends by change request, closes, evaluates and scores', async () => {
    const pmo = await t.keyFor('pmo');
    const finance = await t.keyFor('finance');
    const { call, expectStatus } = api;
    const providerId = await api.provider(pmo);
    const providerKey = await t.keyFor('provider', providerId);

    // Draft: engagement, two deliverables, two milestones (below the contract value: a warning).
    const draft = await expectStatus(
      call('POST', '/v1/engagements', pmo, {
        providerId,
        title: 'Customer portal',
        currency: 'EUR',
        contractValueMinor: 12_000_000,
        clientContact: { name: 'Claire Martin', email: 'claire@client.example' },
        providerContact: { name: 'Paul Durand', email: 'paul@atelier.example' },
        startDate: '2027-01-04',
        endDate: '2027-06-30',
        timeZone: 'Europe/Paris',
      }),
      201,
    );
    expect(draft).toMatchObject({ status: 'draft', contractVersion: 1, allowedActions: ['activate'] });
    const eng = String(draft.id);
    const d1 = await api.deliverable(eng, pmo, { title: 'Design system', dueDate: '2027-03-31' });
    const d2 = await api.deliverable(eng, pmo, { title: 'Checkout', dueDate: '2027-05-31' });
    await api.milestone(eng, [d1], pmo, { amountMinor: 6_000_000 });
    const m2 = await expectStatus(
      call('POST', `/v1/engagements/${eng}/milestones`, pmo, {
        label: 'Checkout live',
        amountMinor: 5_000_000,
        requiredDeliverableIds: [d2],
        earlyBonus: { bpsPerDay: 20, capBps: 500 },
      }),
      201,
    );
    expect(m2).toMatchObject({ currency: 'EUR', status: 'locked', retentionBps: 0, netMinor: null });
    expect(m2.warnings).toEqual([
      { path: 'body.amountMinor', message: expect.stringContaining('1000000 below the contract value') },
    ]);

    // Activation locks version 1 and records the kickoff.
    const active = await expectStatus(call('POST', `/v1/engagements/${eng}/activate`, pmo), 200);
    expect(active).toMatchObject({ status: 'active', contractVersion: 1, allowedActions: ['close'] });
    expect(active.activatedAt).toEqual(expect.any(String));
    const kickoff = await expectStatus(
      call('GET', `/v1/engagements/${eng}/journal?kind=kickoff`, providerKey),
      200,
    );
    expect(kickoff.items).toHaveLength(1);
    expect(kickoff.items[0].participants).toEqual([
      'Claire Martin <claire@client.example>',
      'Paul Durand <paul@atelier.example>',
    ]);

    // The provider proposes: move the design system by two weeks, add an analytics deliverable paid
    // by a new milestone.
    const cr = await expectStatus(
      call('POST', `/v1/engagements/${eng}/change-requests`, providerKey, {
        title: 'Avenant 1',
        rationale: 'Analytics needed before summer',
        changes: [
          { op: 'modify_deliverable', deliverableId: d1, set: { dueDate: '2027-04-15' } },
          {
            op: 'add_deliverable',
            ref: 'analytics',
            deliverable: {
              title: 'Analytics',
              dueDate: '2027-06-15',
              acceptanceCriteria: ['WAU per segment'],
            },
          },
          {
            op: 'add_milestone',
            milestone: {
              label: 'Analytics live',
              amountMinor: 1_000_000,
              requiredDeliverableIds: ['analytics'],
            },
          },
        ],
        impact: { costMinor: 1_000_000, scheduleDays: 15, quality: 'none' },
      }),
      201,
    );
    expect(cr).toMatchObject({
      status: 'draft',
      baseVersion: 1,
      appliedVersion: null,
      proposedBy: { role: 'provider', providerId },
      allowedActions: ['submit', 'withdraw'],
    });
    await expectStatus(call('POST', `/v1/change-requests/${cr.id}/submit`, providerKey), 200);
    const approved = await expectStatus(
      call('POST', `/v1/change-requests/${cr.id}/approve`, pmo, { note: 'Steering committee' }),
      200,
    );
    expect(approved).toMatchObject({
      status: 'approved',
      appliedVersion: 2,
      decisionNote: 'Steering committee',
    });

    // Version 2 shows the change; version 1 still reads as before.
    const now = await expectStatus(call('GET', `/v1/engagements/${eng}`, finance), 200);
    expect(now.contractVersion).toBe(2);
    const v2 = await expectStatus(call('GET', `/v1/engagements/${eng}?version=2`, pmo), 200);
    expect(v2).toMatchObject({ version: 2, changeRequestId: cr.id, engagement: { contractVersion: 2 } });
    expect(v2.deliverables.map((d: Row) => [d.title, d.dueDate])).toEqual([
      ['Design system', '2027-04-15'],
      ['Checkout', '2027-05-31'],
      ['Analytics', '2027-06-15'],
    ]);
    const analyticsId = v2.deliverables[2].id;
    expect(v2.milestones.at(-1)).toMatchObject({
      label: 'Analytics live',
      requiredDeliverableIds: [analyticsId],
    });
    const v1 = await expectStatus(call('GET', `/v1/engagements/${eng}?version=1`, providerKey), 200);
    expect(v1).toMatchObject({ version: 1, changeRequestId: null, engagement: { contractVersion: 1 } });
    expect(v1.deliverables.map((d: Row) => [d.title, d.dueDate])).toEqual([
      ['Design system', '2027-03-31'],
      ['Checkout', '2027-05-31'],
    ]);
    expect(v1.milestones).toHaveLength(2);
    const d1Now = await expectStatus(call('GET', `/v1/deliverables/${d1}`, pmo), 200);
    expect(d1Now.dueDate).toBe('2027-04-15');

    // Journal, close, evaluate, scorecard.
    await expectStatus(
      call('POST', `/v1/engagements/${eng}/journal`, providerKey, {
        kind: 'status_meeting',
        occurredAt: '2027-02-01T10:00:00+01:00',
        participants: ['Claire Martin', 'Paul Durand'],
        summary: 'On track',
        actionItems: [{ description: 'Share staging URL', owner: 'Paul' }],
      }),
      201,
    );
    const closed = await expectStatus(call('POST', `/v1/engagements/${eng}/close`, pmo), 200);
    expect(closed).toMatchObject({ status: 'closed', allowedActions: [] });
    const scores = { quality: 4, timeliness: 3, communication: 5, autonomy: 4, budget: 4 };
    await expectStatus(
      call('PUT', `/v1/engagements/${eng}/evaluation`, pmo, { ...scores, lessons: 'x' }),
      201,
    );
    const evaluation = await expectStatus(
      call('PUT', `/v1/engagements/${eng}/evaluation`, pmo, {
        ...scores,
        quality: 5,
        lessons: 'Scope early',
      }),
      200,
    );
    expect(evaluation).toMatchObject({ engagementId: eng, providerId, quality: 5, lessons: 'Scope early' });
    const card = await expectStatus(call('GET', `/v1/providers/${providerId}/scorecard`, finance), 200);
    expect(card).toEqual({
      providerId,
      engagements: { total: 1, draft: 0, active: 0, closed: 1 },
      evaluations: {
        count: 1,
        averages: { quality: 5, timeliness: 3, communication: 5, autonomy: 4, budget: 4, overall: 4.2 },
      },
      delivery: {
        decidedDeliverables: 0,
        acceptedDeliverables: 0,
        onTimeRate: null,
        firstPassAcceptanceRate: null,
        averageDaysLate: null,
        rejections: 0,
        rejectionRate: null,
        settledMilestones: 0,
        penalties: [],
        bonuses: [],
      },
    });

    // Every write left its audit row, and the chain verifies.
    const audit = await expectStatus(call('GET', '/v1/audit?limit=500', pmo), 200);
    const actions = (audit.items as Row[]).map((r) => `${r.entityType}:${r.action}`);
    for (const expected of [
      'provider:create',
      'engagement:create',
      'deliverable:create',
      'payment_milestone:create',
      'engagement:activate',
      'contract_version:record',
      'journal_entry:create',
      'change_request:create',
      'change_request:submit',
      'deliverable:amend',
      'deliverable:add',
      'payment_milestone:add',
      'engagement:amend',
      'change_request:approve',
      'engagement:close',
      'evaluation:create',
      'evaluation:update',
    ])
      expect(actions).toContain(expected);
    expect(actions.filter((a) => a === 'contract_version:record')).toHaveLength(2);
    const amend = (audit.items as Row[]).find((r) => r.entityId === d1 && r.action === 'amend');
    expect(amend).toMatchObject({ before: { dueDate: '2027-03-31' }, after: { dueDate: '2027-04-15' } });
    const verify = await expectStatus(call('GET', '/v1/audit/verify', pmo), 200);
    expect(verify).toMatchObject({ valid: true });
  });
});

describe('every draft edit is audited with its before and after', () => {
  it('records provider, engagement, deliverable and milestone updates', async () => {
    const c = await api.readyDraft();
    const edits: [string, string, unknown, string, Row][] = [
      [`/v1/providers/${c.providerId}`, 'provider', { name: 'Renamed' }, c.providerId, { name: 'Renamed' }],
      [
        `/v1/engagements/${c.engagementId}`,
        'engagement',
        { paymentTermsDays: 45 },
        c.engagementId,
        { paymentTermsDays: 45 },
      ],
      [`/v1/deliverables/${c.deliverableId}`, 'deliverable', { weight: 5 }, c.deliverableId, { weight: 5 }],
      [
        `/v1/milestones/${c.milestoneId}`,
        'payment_milestone',
        { notBefore: '2027-02-01' },
        c.milestoneId,
        { notBefore: '2027-02-01' },
      ],
    ];
    for (const [url, entityType, body, entityId, after] of edits) {
      await api.expectStatus(api.call('PATCH', url, t.admin, body), 200);
      const rows = await api.expectStatus(
        api.call('GET', `/v1/audit?entityType=${entityType}&entityId=${entityId}`, t.admin),
        200,
      );
      expect(rows.items.map((r: Row) => r.action)).toEqual(['create', 'update']);
      expect(rows.items[1].after).toMatchObject(after);
      expect(rows.items[1].before).not.toMatchObject(after);
    }
  });
});

describe('evidence is append-only in the database', () => {
  it('refuses to update or delete journal entries and contract versions', async () => {
    const c = await api.activeContract();
    await expect(rawQuery(t, `update journal_entries set summary = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(rawQuery(t, 'delete from journal_entries')).rejects.toThrow(/append-only/);
    await expect(
      rawQuery(t, `update contract_versions set snapshot = '{}' where engagement_id = $1`, [c.engagementId]),
    ).rejects.toThrow(/append-only/);
    await expect(rawQuery(t, 'delete from contract_versions')).rejects.toThrow(/append-only/);
  });
});
