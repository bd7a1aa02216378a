import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../../src/core/errors.ts';
import {
  defaultPeriod,
  duePeriod,
  reportPeriod,
  type StatusReport,
  startOfDay,
} from '../../src/core/report.ts';
import { reportMarkdown } from '../../src/core/report-markdown.ts';

describe('report periods in the engagement time zone', () => {
  it('starts a civil day at local midnight, across daylight-saving changes', () => {
    expect(startOfDay('2027-03-27', 'Europe/Paris').toISOString()).toBe('2027-03-26T23:00:00.000Z');
    // The 28th starts in CET; the 29th in CEST.
    expect(startOfDay('2027-03-28', 'Europe/Paris').toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(startOfDay('2027-03-29', 'Europe/Paris').toISOString()).toBe('2027-03-28T22:00:00.000Z');
    expect(startOfDay('2027-01-10', 'Pacific/Auckland').toISOString()).toBe('2027-01-09T11:00:00.000Z');
    expect(startOfDay('2027-11-07', 'America/New_York').toISOString()).toBe('2027-11-07T04:00:00.000Z');
    expect(startOfDay('2027-11-08', 'America/New_York').toISOString()).toBe('2027-11-08T05:00:00.000Z');
  });

  it('covers inclusive days: end is the midnight after `to`', () => {
    expect(reportPeriod('2027-03-22', '2027-03-28', 'Europe/Paris')).toEqual({
      from: '2027-03-22',
      to: '2027-03-28',
      timeZone: 'Europe/Paris',
      start: '2027-03-21T23:00:00.000Z',
      end: '2027-03-28T22:00:00.000Z',
    });
  });

  it('refuses a period ending before it starts or longer than a year', () => {
    expect(() => reportPeriod('2027-03-02', '2027-03-01', 'UTC')).toThrow(ValidationFailed);
    expect(() => reportPeriod('2027-01-01', '2028-01-02', 'UTC')).toThrow(ValidationFailed);
    expect(reportPeriod('2027-01-01', '2028-01-01', 'UTC').to).toBe('2028-01-01');
  });

  it('defaults to the last N days, today included, in the zone', () => {
    // 23:30Z on the 10th is the 11th in Paris.
    expect(defaultPeriod(new Date('2027-03-10T23:30:00Z'), 'Europe/Paris', 7)).toEqual({
      from: '2027-03-05',
      to: '2027-03-11',
    });
  });

  it('is due once N whole days have passed since the last report (or activation)', () => {
    const at = (iso: string, lastTo: string | null) =>
      duePeriod({
        now: new Date(iso),
        timeZone: 'Europe/Paris',
        everyDays: 7,
        lastTo,
        activatedOn: '2027-03-01',
      });
    // Activated on the 1st: the 1st–7th is due on the 8th in Paris (23:00Z on the 7th), not before.
    expect(at('2027-03-07T22:59:00Z', null)).toBeNull();
    expect(at('2027-03-07T23:00:00Z', null)).toEqual({ from: '2027-03-01', to: '2027-03-07' });
    // After that report the next starts on the 8th; days missed by a stopped worker are covered too.
    expect(at('2027-03-14T12:00:00Z', '2027-03-07')).toBeNull();
    expect(at('2027-03-15T12:00:00Z', '2027-03-07')).toEqual({ from: '2027-03-08', to: '2027-03-14' });
    expect(at('2027-03-30T12:00:00Z', '2027-03-07')).toEqual({ from: '2027-03-08', to: '2027-03-29' });
  });
});

const REPORT: StatusReport = {
  engagement: { id: 'eng_1', title: 'Portal | v2', providerId: 'prv_1', status: 'active', currency: 'JPY' },
  period: reportPeriod('2027-03-01', '2027-03-07', 'Asia/Tokyo'),
  generatedAt: '2027-03-08T00:15:00.000Z',
  progress: {
    overall: 0.5,
    deliverables: [
      {
        deliverableId: 'dlv_1',
        title: 'Design system',
        dueDate: '2027-03-31',
        status: 'ready_for_review',
        progress: 1,
        forecastDate: null,
        scheduleStatus: 'on_track',
        reasons: [],
        blockedTasks: 0,
      },
      {
        deliverableId: 'dlv_2',
        title: 'Checkout',
        dueDate: '2027-03-05',
        status: 'in_progress',
        progress: null,
        forecastDate: null,
        scheduleStatus: null,
        reasons: ['no tasks selected'],
        blockedTasks: 1,
      },
    ],
  },
  blockers: [
    {
      deliverableId: 'dlv_2',
      taskId: 'tsk_1',
      tracker: 'jira',
      key: 'P-1',
      title: 'Payment API',
      url: 'https://x.example/P-1',
    },
  ],
  awaitingDecision: [{ deliverableId: 'dlv_1', title: 'Design system', dueDate: '2027-03-31' }],
  milestonesUnlocked: [
    {
      milestoneId: 'pms_1',
      label: 'Kick-off',
      status: 'unlocked',
      amountMinor: 1_000_000,
      penaltyMinor: 10_000,
      bonusMinor: 0,
      retentionMinor: 0,
      netMinor: 990_000,
      daysLate: 2,
      daysLateRaw: 4,
      daysCharged: 2,
      unlockedAt: '2027-03-03T01:00:00.000Z',
    },
  ],
  decisions: [],
  changeRequestsApproved: [],
};

describe('reportMarkdown', () => {
  it('renders every section with escaped cells and amounts in the currency digits', () => {
    const md = reportMarkdown(REPORT);
    expect(md).toContain('# Status report: Portal \\| v2');
    expect(md).toContain('Period 2027-03-01 to 2027-03-07 (Asia/Tokyo)');
    expect(md).toContain('## Progress: 50 %');
    expect(md).toContain('| Design system | 2027-03-31 | ready_for_review | 100 % | — | on_track | — |');
    expect(md).toContain(
      '| Checkout | 2027-03-05 | in_progress | — | — | not computed | no tasks selected |',
    );
    expect(md).toContain('## Blockers (1)');
    expect(md).toContain('| [P-1](https://x.example/P-1) | jira | Payment API |');
    expect(md).toContain('## Awaiting a decision (1)');
    // JPY has no minor digits: 1 000 000 minor units are 1000000 JPY.
    expect(md).toContain(
      '| Kick-off | 2027-03-03T01:00:00.000Z | 4 | 2 | 1000000 JPY | 0 JPY | 10000 JPY | 0 JPY | 990000 JPY | unlocked |',
    );
    expect(md).toMatch(/## Decisions \(0\)\n\n_None._/);
  });

  it('writes euro cents with two digits', () => {
    const eur = { ...REPORT, engagement: { ...REPORT.engagement, currency: 'EUR' } };
    expect(reportMarkdown(eur)).toContain(
      '| 10000.00 EUR | 0.00 EUR | 100.00 EUR | 0.00 EUR | 9900.00 EUR |',
    );
  });

  it('shows retention so that each milestone row adds up: gross + bonus − penalty − retention = net', () => {
    const held = {
      ...REPORT,
      engagement: { ...REPORT.engagement, currency: 'EUR' },
      milestonesUnlocked: [
        {
          ...REPORT.milestonesUnlocked[0],
          amountMinor: 6_000_000,
          bonusMinor: 0,
          penaltyMinor: 60_000,
          retentionMinor: 300_000,
          netMinor: 5_640_000,
        } as StatusReport['milestonesUnlocked'][number],
      ],
    };
    const md = reportMarkdown(held);
    expect(md).toContain(
      '| Milestone | Unlocked | Days late | Days charged | Gross | Bonus | Penalty | Retention | Net | Status |',
    );
    expect(md).toContain(
      '| 4 | 2 | 60000.00 EUR | 0.00 EUR | 600.00 EUR | 3000.00 EUR | 56400.00 EUR | unlocked |',
    );
  });

  it('rounds progress down as the dashboard does: 99.6 % done is not 100 %', () => {
    const almost = { ...REPORT, progress: { ...REPORT.progress, overall: 0.996 } };
    expect(reportMarkdown(almost)).toContain('## Progress: 99 %');
    expect(reportMarkdown({ ...REPORT, progress: { ...REPORT.progress, overall: 0.29 } })).toContain(
      '## Progress: 29 %',
    );
  });

  it('lists the change requests approved in the period with their impact', () => {
    const md = reportMarkdown({
      ...REPORT,
      engagement: { ...REPORT.engagement, currency: 'EUR' },
      changeRequestsApproved: [
        {
          changeRequestId: 'chr_1',
          title: 'Checkout moves two weeks',
          approvedAt: '2027-03-04T09:00:00.000Z',
          contractVersion: 2,
          impact: { costMinor: 250_000, scheduleDays: 14, quality: 'none' },
        },
      ],
    });
    expect(md).toContain('## Change requests approved (1)');
    expect(md).toContain(
      '| Checkout moves two weeks | 2027-03-04T09:00:00.000Z | 2 | 2500.00 EUR | +14 day(s) | none |',
    );
  });
});
