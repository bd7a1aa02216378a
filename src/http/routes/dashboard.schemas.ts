import { z } from 'zod';
import {
  ChangeRequestStatus,
  DeliverableStatus,
  EngagementStatus,
  MilestoneStatus,
} from '../../core/lifecycle.ts';
import { ScheduleStatus } from '../../core/progress.ts';
import { RetentionStatus } from '../../core/retention.ts';
import { StatusCategory, Tracker } from '../../core/task.ts';
import { CivilDate, Link, Timestamp } from '../schemas.ts';
import { EXAMPLE_IDS } from './contract.schemas.ts';

/** The dashboards' response shapes (GET /v1/dashboard/providers, GET /v1/engagements/{id}/dashboard). */

const Count = z.number().int().min(0);
const Money = z.number().int();
const BySchedule = z
  .object({ on_track: Count, at_risk: Count, late: Count, accepted: Count, not_computed: Count })
  .describe('Deliverables by stored schedule status; not_computed: no recompute has seen it yet');

const DUE_EXAMPLE = {
  deliverableId: EXAMPLE_IDS.deliverable,
  engagementId: EXAMPLE_IDS.engagement,
  title: 'Design system',
  dueDate: '2027-03-31',
  status: 'in_progress',
  scheduleStatus: 'at_risk',
};

export const DueDeliverable = z
  .object({
    deliverableId: z.string(),
    engagementId: z.string(),
    title: z.string(),
    dueDate: CivilDate,
    status: DeliverableStatus,
    scheduleStatus: ScheduleStatus,
  })
  .meta({ id: 'DueDeliverable', example: DUE_EXAMPLE });

export const ProviderPortfolio = z
  .object({
    providerId: z.string(),
    name: z.string(),
    activeEngagements: Count,
    deliverables: z.object({ total: Count, bySchedule: BySchedule }).describe('Of its active engagements'),
    overdue: z
      .object({ count: Count, items: z.array(DueDeliverable).describe('The 5 most overdue') })
      .describe("Not accepted and past the due date (today in each engagement's time zone)"),
    nextDue: z.array(DueDeliverable).describe('The next 5 due, not accepted'),
    blockedTasks: Count.describe('Blocked tasks, not done, of deliverables not accepted'),
    awaitingReview: Count.describe('Deliverables ready_for_review: the decisions backlog'),
    money: z
      .array(
        z.object({
          currency: z.string(),
          unlockedMinor: Money,
          invoicedMinor: Money,
          paidMinor: Money,
        }),
      )
      .describe('Milestones by status and currency, net where settled (else gross); every engagement'),
    retention: z
      .array(
        z.object({
          currency: z.string(),
          heldMinor: Money.describe('Held back until released after the warranty period'),
          payableMinor: Money.describe('Released or invoiced, not paid yet'),
          paidMinor: Money,
        }),
      )
      .describe(
        'Retention of its settled milestones by currency (not part of the net in money); every engagement',
      ),
    onTime: z
      .object({ accepted: Count, onTime: Count, rate: z.number().min(0).max(1).nullable() })
      .describe('Deliverables accepted on or before their due date, over those accepted; every engagement'),
  })
  .meta({
    id: 'ProviderPortfolio',
    example: {
      providerId: EXAMPLE_IDS.provider,
      name: 'Atelier Durand',
      activeEngagements: 2,
      deliverables: {
        total: 7,
        bySchedule: { on_track: 3, at_risk: 1, late: 1, accepted: 2, not_computed: 0 },
      },
      overdue: { count: 1, items: [{ ...DUE_EXAMPLE, dueDate: '2027-02-28', scheduleStatus: 'late' }] },
      nextDue: [DUE_EXAMPLE],
      blockedTasks: 2,
      awaitingReview: 1,
      money: [{ currency: 'EUR', unlockedMinor: 3_420_000, invoicedMinor: 0, paidMinor: 2_850_000 }],
      retention: [{ currency: 'EUR', heldMinor: 330_000, payableMinor: 0, paidMinor: 0 }],
      onTime: { accepted: 2, onTime: 1, rate: 0.5 },
    },
  });

const TaskLine = z.object({
  id: z.string(),
  key: z.string().nullable(),
  title: z.string(),
  url: Link,
  status: z.string(),
  blocked: z.boolean(),
  cancelled: z.boolean(),
});

const TaskGroup = z.object({
  tracker: Tracker,
  statusCategory: StatusCategory,
  count: Count,
  blocked: Count,
  cancelled: Count,
  items: z.array(TaskLine),
});

export const Figures = z
  .object({
    progress: z.number().min(0).max(1).nullable().describe('done weight / total weight; null with no tasks'),
    noTasks: z.boolean().describe('No task counts: flagged, never 100 %'),
    doneWeight: z.number(),
    totalWeight: z.number(),
    taskCount: Count.describe('Tasks that count: not cancelled, not deleted'),
    doneCount: Count,
    blockedCount: Count,
    cancelledCount: Count,
    throughputPerDay: z.number().describe('Done weight per day over the last 14 days'),
    forecastDate: z
      .string()
      .nullable()
      .describe('When the remaining weight will be done; null without throughput'),
    scheduleStatus: ScheduleStatus,
    reasons: z.array(z.string()),
    computedAt: Timestamp.describe('When the recompute job last changed these figures'),
  })
  .meta({
    id: 'DeliverableFigures',
    description: 'Stored by the recompute job; null until it has seen the deliverable',
  });

const DeliverableDashboard = z.object({
  id: z.string(),
  title: z.string(),
  dueDate: CivilDate,
  weight: z.number(),
  status: DeliverableStatus,
  figures: Figures.nullable(),
  tasks: z.object({
    total: Count,
    shown: Count.describe('Task lines listed: at most 200 per deliverable'),
    groups: z.array(TaskGroup).describe('By tracker and status category'),
  }),
});

const MilestoneLine = z.object({
  id: z.string(),
  label: z.string(),
  status: MilestoneStatus,
  currency: z.string(),
  amountMinor: Money.describe('Gross'),
  bonusMinor: Money.nullable(),
  penaltyMinor: Money.nullable(),
  retentionMinor: Money.nullable(),
  netMinor: Money.nullable().describe('Set when it unlocks'),
  daysLate: z.number().int().nullable().describe('After grace (see PaymentMilestone)'),
  daysLateRaw: z.number().int().nullable().describe('Calendar days late before grace'),
  daysCharged: z.number().int().nullable().describe('Days the late-penalty rule charges'),
  retentionStatus: RetentionStatus.nullable().describe('held → released → invoiced → paid; null: none held'),
  notBefore: z.string().nullable(),
  unlockedAt: Timestamp.nullable(),
  requiredDeliverableIds: z.array(z.string()),
});

export const EngagementDashboard = z
  .object({
    engagement: z.object({
      id: z.string(),
      providerId: z.string(),
      title: z.string(),
      status: EngagementStatus,
      currency: z.string(),
      timeZone: z.string(),
      startDate: CivilDate,
      endDate: CivilDate,
      contractVersion: z.number().int(),
    }),
    today: z.string().describe("Today in the engagement's time zone"),
    summary: z.object({
      progress: z
        .number()
        .min(0)
        .max(1)
        .nullable()
        .describe("Deliverables' progress weighted by their weight"),
      deliverables: Count,
      bySchedule: BySchedule,
      retention: z
        .object({ currency: z.string(), heldMinor: Money, payableMinor: Money, paidMinor: Money })
        .describe(
          'Retention of its settled milestones: held back (until released after the warranty), payable (released or invoiced), paid',
        ),
    }),
    deliverables: z.array(DeliverableDashboard),
    milestones: z.array(MilestoneLine),
    journal: z
      .array(
        z.object({
          id: z.string(),
          kind: z.string(),
          occurredAt: Timestamp,
          summary: z.string(),
          participants: z.array(z.string()),
        }),
      )
      .describe('The 10 most recent entries'),
    changeRequests: z
      .array(
        z.object({
          id: z.string(),
          title: z.string(),
          status: ChangeRequestStatus,
          costMinor: Money,
          scheduleDays: z.number().int(),
          submittedAt: Timestamp.nullable(),
          createdAt: Timestamp,
        }),
      )
      .describe('Open change requests: draft or submitted'),
  })
  .meta({ id: 'EngagementDashboard' });
