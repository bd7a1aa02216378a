import { z } from 'zod';
import { Link } from '../schemas.ts';
import { DateOnly, EXAMPLE_IDS, Instant } from './contract.schemas.ts';

const ratio = z.number().min(0).max(1).nullable();
const minor = z.number().int();

const ReportDeliverable = z.object({
  deliverableId: z.string(),
  title: z.string(),
  dueDate: DateOnly,
  status: z.string(),
  progress: ratio,
  forecastDate: DateOnly.nullable(),
  scheduleStatus: z
    .string()
    .nullable()
    .describe('accepted | late | at_risk | on_track; null before the first computation'),
  reasons: z.array(z.string()),
  blockedTasks: z.number().int(),
});

export const StatusReport = z
  .object({
    engagement: z.object({
      id: z.string(),
      title: z.string(),
      providerId: z.string(),
      status: z.string(),
      currency: z.string(),
    }),
    period: z
      .object({
        from: DateOnly,
        to: DateOnly,
        timeZone: z.string(),
        start: Instant.describe('Midnight starting `from` in the time zone'),
        end: Instant.describe('Midnight ending `to` in the time zone (exclusive)'),
      })
      .describe('Inclusive civil dates in the engagement time zone'),
    generatedAt: Instant,
    progress: z
      .object({ overall: ratio, deliverables: z.array(ReportDeliverable) })
      .describe('As the recompute job last stored it, at generatedAt'),
    blockers: z.array(
      z.object({
        deliverableId: z.string(),
        taskId: z.string(),
        tracker: z.string(),
        key: z.string().nullable(),
        title: z.string(),
        url: Link.nullable(),
      }),
    ),
    awaitingDecision: z.array(z.object({ deliverableId: z.string(), title: z.string(), dueDate: DateOnly })),
    milestonesUnlocked: z
      .array(
        z.object({
          milestoneId: z.string(),
          label: z.string(),
          status: z.string(),
          amountMinor: minor,
          penaltyMinor: minor,
          bonusMinor: minor,
          retentionMinor: minor,
          netMinor: minor.describe('amountMinor + bonusMinor − penaltyMinor − retentionMinor'),
          daysLate: z.number().int().describe('After grace (see PaymentMilestone)'),
          daysLateRaw: z.number().int().describe('Calendar days late before grace'),
          daysCharged: z.number().int().describe('Days the late-penalty rule charges'),
          unlockedAt: Instant,
        }),
      )
      .describe('Unlocked within the period'),
    decisions: z
      .array(
        z.object({
          decisionId: z.string(),
          deliverableId: z.string(),
          title: z.string(),
          decision: z.enum(['accept', 'reject']),
          override: z.boolean(),
          decidedAt: Instant,
          note: z.string().nullable(),
        }),
      )
      .describe('Made within the period'),
    changeRequestsApproved: z
      .array(
        z.object({
          changeRequestId: z.string(),
          title: z.string(),
          approvedAt: Instant,
          contractVersion: z.number().int().nullable().describe('The contract version it made'),
          impact: z.object({
            costMinor: z.number().int(),
            scheduleDays: z.number().int(),
            quality: z.string().nullable(),
          }),
        }),
      )
      .describe('Approved within the period, with the impact they declared'),
  })
  .meta({
    id: 'StatusReport',
    example: {
      engagement: {
        id: EXAMPLE_IDS.engagement,
        title: 'Portal redesign',
        providerId: EXAMPLE_IDS.provider,
        status: 'active',
        currency: 'EUR',
      },
      period: {
        from: '2027-03-01',
        to: '2027-03-07',
        timeZone: 'Europe/Paris',
        start: '2027-02-28T23:00:00.000Z',
        end: '2027-03-07T23:00:00.000Z',
      },
      generatedAt: '2027-03-08T07:15:02.000Z',
      progress: {
        overall: 0.62,
        deliverables: [
          {
            deliverableId: EXAMPLE_IDS.deliverable,
            title: 'Design system',
            dueDate: '2027-03-31',
            status: 'in_progress',
            progress: 0.62,
            forecastDate: '2027-04-04',
            scheduleStatus: 'at_risk',
            reasons: ['forecast 2027-04-04 after due 2027-03-31', '1 blocked task'],
            blockedTasks: 1,
          },
        ],
      },
      blockers: [
        {
          deliverableId: EXAMPLE_IDS.deliverable,
          taskId: 'tsk_019a0b1c2d3e4f5a6b7c8d9e0f',
          tracker: 'jira',
          key: 'PORTAL-12',
          title: 'Colour tokens',
          url: 'https://acme.atlassian.net/browse/PORTAL-12',
        },
      ],
      awaitingDecision: [],
      milestonesUnlocked: [],
      decisions: [],
      changeRequestsApproved: [],
    },
  });
