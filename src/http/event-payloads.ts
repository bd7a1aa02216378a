import { z } from 'zod';
import type { EventType } from '../core/events.ts';
import { DeliverableStatus } from '../core/lifecycle.ts';
import { ScheduleStatus } from '../core/progress.ts';
import { CriterionResult } from './routes/decisions.schemas.ts';
import { UnlockEvidence } from './routes/payments.schemas.ts';
import { CivilDate, Timestamp } from './schemas.ts';

/**
 * What each outgoing event's `data` holds (docs/EVENTS.md), written once: the OpenAPI document's
 * `webhooks:` section is built from it, and test/integration/openapi-responses.test.ts checks
 * delivered events against it. The Record over every EventType makes a new event type a compile
 * error until its payload is described here.
 */
const money = z.number().int();

const DeliverableRef = {
  deliverableId: z.string(),
  title: z.string(),
  dueDate: CivilDate.describe('As amended by approved change requests'),
};

const Settlement = {
  milestoneId: z.string(),
  label: z.string(),
  currency: z.string(),
  amountMinor: money,
  bonusMinor: money,
  penaltyMinor: money,
  retentionMinor: money,
  netMinor: money.describe('What is payable: amount + bonus − penalty − retention'),
  daysLate: z.number().int().describe('After grace'),
  daysLateRaw: z.number().int().describe('Calendar days late before grace'),
  daysCharged: z.number().int().describe('Days the late-penalty rule charges'),
  daysEarly: z.number().int(),
  unlockedAt: Timestamp,
  warrantyEndsOn: CivilDate.nullable().describe('The first day its retention may be released'),
  evidence: UnlockEvidence,
};

const Previous = z.object({
  amountMinor: money,
  bonusMinor: money,
  penaltyMinor: money,
  retentionMinor: money,
  netMinor: money,
  daysLate: z.number().int(),
  daysEarly: z.number().int(),
});

const Decided = z.object({
  ...DeliverableRef,
  decisionId: z.string(),
  decision: z.enum(['accept', 'reject']),
  override: z.boolean(),
  note: z.string().nullable(),
  criteria: z.array(CriterionResult),
  decidedAt: Timestamp,
});

const Schedule = z.object({
  ...DeliverableRef,
  engagementId: z.string(),
  scheduleStatus: ScheduleStatus,
  reasons: z.array(z.string()),
});

const FinanceMove = {
  milestoneId: z.string(),
  label: z.string(),
  currency: z.string(),
  amountMinor: money,
  netMinor: money,
  invoiceRef: z.string().nullable(),
};

const ItemChanges = z.object({
  added: z.array(z.string()),
  modified: z.array(z.string()),
  removed: z.array(z.string()),
});

export const EVENT_DATA: Record<EventType, { summary: string; data: z.ZodType }> = {
  'deliverable.ready_for_review': {
    summary: 'All of a deliverable’s tasks are done',
    data: z.object({
      ...DeliverableRef,
      engagementId: z.string(),
      from: DeliverableStatus.describe('The status it left'),
      taskCount: z.number().int(),
    }),
  },
  'deliverable.rework_started': {
    summary: 'A rejected deliverable went back to work (in_progress), by its tasks or on request',
    data: z.object({
      ...DeliverableRef,
      engagementId: z.string(),
      from: DeliverableStatus.describe('The status it left: rejected'),
      by: z.enum(['tasks', 'api']).describe('A task left done at the tracker, or POST …/rework'),
      requestedByRole: z.string().optional().describe('The role of the caller, when by api'),
    }),
  },
  'deliverable.accepted': { summary: 'A PMO accepted a deliverable', data: Decided },
  'deliverable.rejected': { summary: 'A PMO rejected a deliverable', data: Decided },
  'deliverable.at_risk': { summary: 'A deliverable’s schedule status became at_risk', data: Schedule },
  'deliverable.late': { summary: 'A deliverable’s schedule status became late', data: Schedule },
  'milestone.unlocked': {
    summary: 'A payment milestone’s last condition became true: it is payable',
    data: z.object(Settlement),
  },
  'milestone.resettled': {
    summary: 'An approved change request changed the money of an unlocked milestone',
    data: z.object({ ...Settlement, changeRequestId: z.string(), previous: Previous }),
  },
  'milestone.removed': {
    summary: 'An approved change request removed an unlocked milestone: it is no longer payable',
    data: z.object({ ...Settlement, changeRequestId: z.string() }),
  },
  'milestone.retention_released': {
    summary: 'A PMO released a paid milestone’s retention after its warranty: it is payable',
    data: z.object({
      milestoneId: z.string(),
      label: z.string(),
      currency: z.string(),
      retentionMinor: money,
      warrantyEndsOn: CivilDate,
      releasedAt: Timestamp,
    }),
  },
  'milestone.invoiced': {
    summary: 'Finance recorded the invoice of a milestone',
    data: z.object({ ...FinanceMove, invoicedAt: Timestamp }),
  },
  'milestone.paid': {
    summary: 'Finance recorded the payment of a milestone',
    data: z.object({ ...FinanceMove, paymentRef: z.string().nullable(), paidAt: Timestamp }),
  },
  'change_request.approved': {
    summary: 'A change request was applied; the contract version went up by one',
    data: z.object({
      changeRequestId: z.string(),
      engagementId: z.string(),
      providerId: z.string(),
      title: z.string(),
      contractVersion: z.number().int(),
      previousContractVersion: z.number().int(),
      impact: z.object({
        costMinor: money,
        scheduleDays: z.number().int(),
        quality: z.string().nullable(),
      }),
      summary: z.object({ deliverables: ItemChanges, milestones: ItemChanges, termsChanged: z.boolean() }),
      changes: z.array(z.object({ op: z.string() }).loose()),
    }),
  },
};

/** The body of one event of `type`, as a subscriber receives it. */
export function eventBody(type: EventType) {
  return z.object({
    id: z.string().describe('The event id, also sent as `webhook-id`: the same on every attempt'),
    type: z.literal(type),
    occurredAt: Timestamp,
    subject: z.object({ type: z.enum(['deliverable', 'milestone', 'change_request']), id: z.string() }),
    engagementId: z.string().nullable(),
    providerId: z.string().nullable(),
    data: EVENT_DATA[type].data,
  });
}
