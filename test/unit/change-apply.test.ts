import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyChanges,
  type ContractState,
  unlockedMilestonesTouched,
  validateAmendment,
} from '../../src/core/change-apply.ts';
import type { ChangeOp } from '../../src/core/engagement.ts';

const state: ContractState = {
  terms: {
    title: 'Portal',
    objective: null,
    specificationUrl: null,
    currency: 'EUR',
    contractValueMinor: 10_000,
    paymentTermsDays: 30,
    confidentiality: null,
    ipOwnership: null,
    clientContact: { name: 'C', email: 'c@client.example' },
    providerContact: { name: 'P', email: 'p@agency.example' },
    startDate: '2027-01-01',
    endDate: '2027-06-30',
    timeZone: 'Europe/Paris',
  },
  deliverables: [
    {
      id: 'dlv_a',
      status: 'planned',
      title: 'A',
      description: null,
      dueDate: '2027-03-01',
      acceptanceCriteria: [],
      weight: 1,
      selector: {},
    },
    {
      id: 'dlv_b',
      status: 'accepted',
      title: 'B',
      description: null,
      dueDate: '2027-04-01',
      acceptanceCriteria: [],
      weight: 1,
      selector: {},
    },
  ],
  milestones: [
    {
      id: 'pms_a',
      status: 'locked',
      label: 'A',
      amountMinor: 4_000,
      requiredDeliverableIds: ['dlv_a'],
      notBefore: null,
      retentionBps: 0,
      latePenalty: null,
      earlyBonus: null,
      warrantyDays: 0,
    },
    {
      id: 'pms_b',
      status: 'unlocked',
      label: 'B',
      amountMinor: 4_000,
      requiredDeliverableIds: ['dlv_b'],
      notBefore: null,
      retentionBps: 0,
      latePenalty: null,
      earlyBonus: null,
      warrantyDays: 0,
    },
  ],
};

let n = 0;
const makeId = (prefix: string) => `${prefix}_new${++n}`;

describe('applyChanges', () => {
  it('plays changes in order, resolving refs of deliverables added by the same request', () => {
    const changes: ChangeOp[] = [
      { op: 'modify_deliverable', deliverableId: 'dlv_a', set: { dueDate: '2027-03-15', title: undefined } },
      {
        op: 'add_deliverable',
        ref: 'extra',
        deliverable: { title: 'Extra', dueDate: '2027-05-01', acceptanceCriteria: ['x'] },
      },
      {
        op: 'add_milestone',
        milestone: { label: 'Extra', amountMinor: 2_000, requiredDeliverableIds: ['extra'] },
      },
      { op: 'modify_terms', set: { endDate: '2027-07-31' } },
    ];
    const a = applyChanges(state, changes, { makeId });
    const added = a.contract.deliverables[2];
    expect(a.contract.deliverables[0]).toMatchObject({ id: 'dlv_a', title: 'A', dueDate: '2027-03-15' });
    expect(added).toMatchObject({ title: 'Extra', status: 'planned', weight: 1, selector: {} });
    expect(a.contract.milestones[2]).toMatchObject({ status: 'locked', requiredDeliverableIds: [added?.id] });
    expect(a.contract.terms.endDate).toBe('2027-07-31');
    expect(a.deliverables).toEqual({ added: [added?.id], modified: ['dlv_a'], removed: [] });
    expect(a.termsChanged).toBe(true);
    expect(a.origins.get('dlv_a')).toBe('body.changes[0].set');
    expect(a.errors).toEqual([]);
    expect(validateAmendment(a)).toEqual({ errors: [], warnings: [] });
  });

  it('reports changes naming items the contract does not have, and reused refs', () => {
    const a = applyChanges(
      state,
      [
        { op: 'remove_deliverable', deliverableId: 'dlv_a' },
        { op: 'modify_deliverable', deliverableId: 'dlv_a', set: { title: 'Gone' } },
        { op: 'remove_milestone', milestoneId: 'pms_zzz' },
        {
          op: 'add_deliverable',
          ref: 'r',
          deliverable: { title: 'R1', dueDate: '2027-05-01', acceptanceCriteria: [] },
        },
        {
          op: 'add_deliverable',
          ref: 'r',
          deliverable: { title: 'R2', dueDate: '2027-05-01', acceptanceCriteria: [] },
        },
      ],
      { makeId },
    );
    expect(a.errors.map((e) => e.path)).toEqual([
      'body.changes[1].deliverableId',
      'body.changes[2].milestoneId',
      'body.changes[4].ref',
    ]);
  });

  it('counts an item added then modified as added, and forgets one added then removed', () => {
    const add: ChangeOp = {
      op: 'add_deliverable',
      deliverable: { title: 'Tmp', dueDate: '2027-05-01', acceptanceCriteria: [] },
    };
    const modified = applyChanges(
      state,
      [add, { op: 'modify_deliverable', deliverableId: 'dlv_tmp', set: { weight: 3 } }],
      { makeId: () => 'dlv_tmp' },
    );
    expect(modified.deliverables).toEqual({ added: ['dlv_tmp'], modified: [], removed: [] });
    expect(modified.contract.deliverables.at(-1)).toMatchObject({ id: 'dlv_tmp', weight: 3 });
    const removed = applyChanges(state, [add, { op: 'remove_deliverable', deliverableId: 'dlv_tmp' }], {
      makeId: () => 'dlv_tmp',
    });
    expect(removed.deliverables).toEqual({ added: [], modified: [], removed: [] });
    expect(removed.contract.deliverables).toHaveLength(2);
  });

  it('never mutates the contract it is given', () => {
    const frozen = structuredClone(state);
    const op = fc.oneof(
      fc.record({
        op: fc.constant('modify_deliverable' as const),
        deliverableId: fc.constantFrom('dlv_a', 'dlv_b', 'dlv_x'),
        set: fc.record({ dueDate: fc.constantFrom('2027-02-01', '2027-09-01') }),
      }),
      fc.record({
        op: fc.constant('remove_milestone' as const),
        milestoneId: fc.constantFrom('pms_a', 'pms_b'),
      }),
      fc.record({
        op: fc.constant('modify_terms' as const),
        set: fc.record({ contractValueMinor: fc.integer({ min: 0, max: 20_000 }) }),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 8 }), (changes) => {
        const a = applyChanges(state, changes, { makeId });
        validateAmendment(a);
        expect(state).toEqual(frozen);
        const ids = new Set(a.contract.deliverables.map((d) => d.id));
        expect(ids.size).toBe(a.contract.deliverables.length);
      }),
    );
  });
});

describe('validateAmendment', () => {
  it('checks the result as creation would, pointing at the change responsible', () => {
    const a = applyChanges(
      state,
      [
        { op: 'modify_deliverable', deliverableId: 'dlv_a', set: { dueDate: '2027-09-01' } },
        { op: 'modify_milestone', milestoneId: 'pms_a', set: { amountMinor: 7_000 } },
        { op: 'remove_deliverable', deliverableId: 'dlv_b' },
      ],
      { makeId },
    );
    const check = validateAmendment(a);
    expect(check.errors.map((e) => e.path)).toEqual([
      'contract.milestones[pms_b].requiredDeliverableIds[0]',
      'body.changes',
    ]);
    expect(check.errors[1]?.message).toContain('above the contract value');
    expect(check.warnings.map((w) => w.path)).toEqual(['body.changes[0].set.dueDate']);
  });

  it('keeps at least one deliverable and one milestone', () => {
    const a = applyChanges(state, [
      { op: 'remove_milestone', milestoneId: 'pms_a' },
      { op: 'remove_milestone', milestoneId: 'pms_b' },
      { op: 'remove_deliverable', deliverableId: 'dlv_a' },
      { op: 'remove_deliverable', deliverableId: 'dlv_b' },
    ]);
    expect(validateAmendment(a).errors.map((e) => e.message)).toEqual([
      'the contract must keep at least one deliverable',
      'the contract must keep at least one payment milestone',
    ]);
  });
});

describe('unlockedMilestonesTouched', () => {
  it('names milestones past locked whose money would move, and only those', () => {
    const touched = (changes: ChangeOp[]) => unlockedMilestonesTouched(state, changes).map((m) => m.id);
    expect(touched([{ op: 'modify_milestone', milestoneId: 'pms_a', set: { amountMinor: 1 } }])).toEqual([]);
    expect(touched([{ op: 'modify_milestone', milestoneId: 'pms_b', set: { label: 'B2' } }])).toEqual([]);
    for (const set of [
      { amountMinor: 1 },
      { retentionBps: 0 },
      { notBefore: '2027-09-01' },
      { latePenalty: null },
      { earlyBonus: null },
      { requiredDeliverableIds: ['dlv_a'] },
    ])
      expect(touched([{ op: 'modify_milestone', milestoneId: 'pms_b', set }]), JSON.stringify(set)).toEqual([
        'pms_b',
      ]);
    expect(touched([{ op: 'remove_milestone', milestoneId: 'pms_b' }])).toEqual(['pms_b']);
    expect(
      touched([{ op: 'modify_deliverable', deliverableId: 'dlv_b', set: { dueDate: '2027-05-01' } }]),
    ).toEqual(['pms_b']);
    expect(touched([{ op: 'modify_deliverable', deliverableId: 'dlv_b', set: { title: 'B2' } }])).toEqual([]);
    expect(touched([{ op: 'remove_deliverable', deliverableId: 'dlv_b' }])).toEqual(['pms_b']);
    expect(touched([{ op: 'modify_terms', set: { contractValueMinor: 1 } }])).toEqual([]);
  });

  it('names each milestone once, with its status', () => {
    expect(
      unlockedMilestonesTouched(state, [
        { op: 'modify_milestone', milestoneId: 'pms_b', set: { amountMinor: 1 } },
        { op: 'remove_deliverable', deliverableId: 'dlv_b' },
      ]),
    ).toEqual([{ id: 'pms_b', status: state.milestones[1]?.status }]);
  });
});
