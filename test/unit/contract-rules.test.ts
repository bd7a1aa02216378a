import { describe, expect, it } from 'vitest';
import {
  assertValid,
  type EngagementTermsInput,
  isValidCurrency,
  type MilestoneInput,
  validateActivation,
  validateDeliverable,
  validateEngagementTerms,
  validateMilestone,
  validateMilestones,
} from '../../src/core/contract-rules.ts';
import { ValidationFailed } from '../../src/core/errors.ts';

const engagement: EngagementTermsInput = {
  startDate: '2027-01-01',
  endDate: '2027-06-30',
  currency: 'EUR',
  contractValueMinor: 10_000_000,
  timeZone: 'Europe/Paris',
  clientContact: { name: 'Claire Martin', email: 'claire@client.example' },
  providerContact: { name: 'Paul Durand', email: 'paul@agency.example' },
};
const deliverables = [
  { id: 'dlv_1', dueDate: '2027-03-01' },
  { id: 'dlv_2', dueDate: '2027-05-15' },
];
const milestone = (over: Partial<MilestoneInput> = {}): MilestoneInput => ({
  amountMinor: 5_000_000,
  requiredDeliverableIds: ['dlv_1'],
  ...over,
});
const paths = (xs: readonly { path: string }[]) => xs.map((x) => x.path);

describe('validateEngagementTerms', () => {
  it('accepts sound terms, a one-day engagement included', () => {
    expect(validateEngagementTerms(engagement)).toEqual({ errors: [], warnings: [] });
    expect(validateEngagementTerms({ ...engagement, endDate: '2027-01-01' }).errors).toEqual([]);
  });

  it('names each broken term under the given path', () => {
    const check = validateEngagementTerms({
      startDate: '2027-06-30',
      endDate: '2027-01-01',
      currency: 'eur',
      contractValueMinor: -5,
      timeZone: 'Paris',
      paymentTermsDays: 1.5,
    });
    expect(paths(check.errors)).toEqual([
      'body.endDate',
      'body.currency',
      'body.contractValueMinor',
      'body.timeZone',
      'body.paymentTermsDays',
    ]);
    expect(check.errors[0]?.message).toContain('on or after startDate 2027-06-30');
  });

  it('refuses impossible dates and unknown currencies', () => {
    const check = validateEngagementTerms(
      { ...engagement, startDate: '2027-02-30', currency: 'ABC' },
      'terms',
    );
    expect(paths(check.errors)).toEqual(['terms.startDate', 'terms.currency']);
  });

  it('knows ISO 4217 codes', () => {
    expect(['EUR', 'USD', 'JPY', 'INR', 'CHF'].every(isValidCurrency)).toBe(true);
    expect(['eur', 'EURO', 'ABC', ''].some(isValidCurrency)).toBe(false);
  });
});

describe('validateDeliverable', () => {
  it('flags a due date outside the engagement as a warning, not an error', () => {
    const check = validateDeliverable({ dueDate: '2027-07-15' }, engagement);
    expect(check.errors).toEqual([]);
    expect(paths(check.warnings)).toEqual(['body.dueDate']);
    expect(check.warnings[0]?.message).toContain('2027-01-01 to 2027-06-30');
    expect(validateDeliverable({ dueDate: '2027-06-30' }, engagement).warnings).toEqual([]);
  });

  it('refuses a bad due date and a non-positive weight', () => {
    expect(paths(validateDeliverable({ dueDate: '2027-6-1', weight: 0 }, engagement).errors)).toEqual([
      'body.dueDate',
      'body.weight',
    ]);
  });
});

describe('validateMilestone(s)', () => {
  it('accepts a milestone with money terms within bounds', () => {
    const m = milestone({
      currency: 'EUR',
      retentionBps: 500,
      notBefore: '2027-03-15',
      latePenalty: { bpsPerDay: 50, graceDays: 5, capBps: 1000 },
      earlyBonus: { bpsPerDay: 10, capBps: 300 },
    });
    expect(validateMilestone(m, engagement, deliverables)).toEqual({ errors: [], warnings: [] });
  });

  it('refuses another currency, foreign or repeated deliverables, and out-of-range terms', () => {
    const m = milestone({
      amountMinor: 12.5,
      currency: 'USD',
      requiredDeliverableIds: ['dlv_1', 'dlv_other', 'dlv_1'],
      notBefore: 'soon',
      retentionBps: 10_001,
      latePenalty: { bpsPerDay: -1, graceDays: 4000, capBps: 100 },
      earlyBonus: { bpsPerDay: 1, capBps: 20_000 },
    });
    expect(paths(validateMilestone(m, engagement, deliverables).errors)).toEqual([
      'body.amountMinor',
      'body.currency',
      'body.requiredDeliverableIds[1]',
      'body.requiredDeliverableIds[2]',
      'body.notBefore',
      'body.retentionBps',
      'body.latePenalty.bpsPerDay',
      'body.latePenalty.graceDays',
      'body.earlyBonus.capBps',
    ]);
  });

  it('refuses a penalty cap that with retention exceeds 100 %', () => {
    const m = milestone({ retentionBps: 2000, latePenalty: { bpsPerDay: 100, graceDays: 0, capBps: 8001 } });
    const check = validateMilestone(m, engagement, deliverables);
    expect(paths(check.errors)).toEqual(['body.latePenalty.capBps']);
  });

  it('allows a down payment that requires no deliverable', () => {
    expect(
      validateMilestone(milestone({ requiredDeliverableIds: [] }), engagement, deliverables).errors,
    ).toEqual([]);
  });

  it('warns when the plan is below the contract value and refuses it above', () => {
    const below = validateMilestones(
      [milestone(), milestone({ amountMinor: 4_000_000 })],
      engagement,
      deliverables,
    );
    expect(below.errors).toEqual([]);
    expect(below.warnings).toEqual([
      {
        path: 'body.milestones',
        message: 'milestone amounts sum to 9000000 EUR, 1000000 below the contract value 10000000',
      },
    ]);
    const exact = validateMilestones([milestone(), milestone()], engagement, deliverables);
    expect(exact).toEqual({ errors: [], warnings: [] });
    const above = validateMilestones(
      [milestone(), milestone({ amountMinor: 5_000_001 })],
      engagement,
      deliverables,
    );
    expect(paths(above.errors)).toEqual(['body.milestones']);
  });

  it('sums exactly, past 2^53', () => {
    const big = { ...engagement, contractValueMinor: 1_000_000_000_000_000 };
    const ten = Array.from({ length: 10 }, () => milestone({ amountMinor: 100_000_000_000_000 }));
    expect(validateMilestones(ten, big, deliverables)).toEqual({ errors: [], warnings: [] });
    // 9 × 10^15 + (10^15 − 1) = 9999999999999999, which a double would print as 10000000000000000.
    const huge = [
      ...Array.from({ length: 9 }, () => milestone({ amountMinor: 1_000_000_000_000_000 })),
      milestone({ amountMinor: 999_999_999_999_999 }),
    ];
    expect(validateMilestones(huge, big, deliverables).errors[0]?.message).toContain('9999999999999999 EUR');
  });

  it('prefixes item paths with their index', () => {
    const check = validateMilestones(
      [milestone(), milestone({ requiredDeliverableIds: ['x'] })],
      engagement,
      deliverables,
    );
    expect(paths(check.errors)).toEqual(['body.milestones[1].requiredDeliverableIds[0]']);
  });
});

describe('validateActivation', () => {
  const ready = [milestone(), milestone({ requiredDeliverableIds: ['dlv_2'] })];

  it('passes a complete contract', () => {
    expect(validateActivation(engagement, deliverables, ready)).toEqual({ errors: [], warnings: [] });
  });

  it('needs both contacts, a deliverable and a milestone', () => {
    const check = validateActivation(
      { ...engagement, clientContact: null, providerContact: { name: ' ', email: 'not-an-email' } },
      [],
      [],
    );
    expect(paths(check.errors)).toEqual([
      'engagement.clientContact.name',
      'engagement.clientContact.email',
      'engagement.providerContact.name',
      'engagement.providerContact.email',
      'deliverables',
      'milestones',
    ]);
  });

  it('flags due dates outside the engagement and checks the milestones', () => {
    const late = [...deliverables, { id: 'dlv_3', dueDate: '2027-08-01' }];
    const check = validateActivation(engagement, late, [
      ...ready,
      milestone({ requiredDeliverableIds: ['dlv_9'] }),
    ]);
    expect(paths(check.warnings)).toEqual(['deliverables[2].dueDate']);
    expect(paths(check.errors)).toEqual(['milestones[2].requiredDeliverableIds[0]', 'milestones']);
  });
});

describe('assertValid', () => {
  it('returns the warnings when there is no error', () => {
    const warnings = [{ path: 'body.dueDate', message: 'outside' }];
    expect(assertValid({ errors: [], warnings })).toBe(warnings);
  });

  it('throws ValidationFailed listing the errors', () => {
    const errors = [{ path: 'body.currency', message: 'bad' }];
    expect(() => assertValid({ errors, warnings: [] })).toThrow(ValidationFailed);
    try {
      assertValid({ errors, warnings: [] }, 'Cannot activate');
    } catch (e) {
      expect((e as ValidationFailed).errors).toEqual(errors);
      expect((e as ValidationFailed).message).toBe('Cannot activate');
    }
  });
});
