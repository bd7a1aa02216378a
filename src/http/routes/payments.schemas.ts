import { z } from 'zod';
import { MilestoneStatus } from '../../core/lifecycle.ts';
import { RetentionStatus } from '../../core/retention.ts';
import { CivilDate, Id, PageQuery, Timestamp } from '../schemas.ts';
import { AT, DateOnly, EXAMPLE_IDS, Instant } from './contract.schemas.ts';

/** Schemas of the finance API: payment milestones with their settlement and evidence. */

export const UnlockEvidence = z
  .object({
    timeZone: z.string().describe('The engagement’s time zone, in which lateness is counted'),
    lateness: z
      .number()
      .int()
      .describe('The largest daysLate of the required deliverables, before grace (negative: early)'),
    deliverables: z.array(
      z.object({
        deliverableId: z.string(),
        title: z.string(),
        dueDate: CivilDate.describe('The due date as amended by approved change requests'),
        decisionId: z.string().describe('The accepting decision'),
        acceptedAt: Timestamp,
        override: z.boolean(),
        daysLate: z.number().int().describe('Acceptance date − due date in calendar days (negative: early)'),
      }),
    ),
  })
  .meta({
    id: 'UnlockEvidence',
    description:
      'What the settlement was computed from: the accepted deliverables, their decisions and times',
  });

const money = z.number().int().nullable();

export const PaymentMilestone = z
  .object({
    id: z.string(),
    engagementId: z.string(),
    providerId: z.string(),
    label: z.string(),
    status: MilestoneStatus,
    currency: z.string(),
    amountMinor: z.number().int().describe('Gross amount in minor units'),
    bonusMinor: money,
    penaltyMinor: money,
    retentionMinor: money,
    netMinor: money.describe('amount + bonus − penalty − retention; set when it unlocks'),
    daysLate: z
      .number()
      .int()
      .nullable()
      .describe(
        'Days late after grace, as DOMAIN.md defines them: max(0, lateness − graceDays), grace 0 without a penalty rule; null while locked',
      ),
    daysLateRaw: z
      .number()
      .int()
      .nullable()
      .describe('Calendar days late before grace: max(0, evidence.lateness); null while locked'),
    daysCharged: z
      .number()
      .int()
      .nullable()
      .describe(
        'Days the late-penalty rule charges: daysLate under a penalty rule, else 0 (penalty = amount × min(bpsPerDay × daysCharged, capBps) / 10000); null while locked',
      ),
    daysEarly: z.number().int().nullable(),
    notBefore: z.string().nullable(),
    unlockedAt: Timestamp.nullable(),
    invoiceRef: z.string().nullable(),
    invoicedAt: Timestamp.nullable(),
    paymentRef: z.string().nullable(),
    paidAt: Timestamp.nullable(),
    warrantyDays: z.number().int().describe('Days after the unlock before the retention may be released'),
    warrantyEndsOn: CivilDate.nullable().describe(
      'The first day (engagement’s time zone) the retention may be released; null while locked',
    ),
    retentionStatus: RetentionStatus.nullable().describe(
      'held → released → invoiced → paid; null while nothing is held back',
    ),
    retentionReleasedAt: Timestamp.nullable(),
    retentionInvoiceRef: z.string().nullable(),
    retentionInvoicedAt: Timestamp.nullable(),
    retentionPaymentRef: z.string().nullable(),
    retentionPaidAt: Timestamp.nullable(),
    evidence: UnlockEvidence.nullable().describe('Null while locked'),
  })
  .meta({
    id: 'PaymentMilestone',
    example: {
      id: EXAMPLE_IDS.milestone,
      engagementId: EXAMPLE_IDS.engagement,
      providerId: EXAMPLE_IDS.provider,
      label: 'Design sign-off',
      status: 'unlocked',
      currency: 'EUR',
      amountMinor: 6_000_000,
      bonusMinor: 0,
      penaltyMinor: 30_000,
      retentionMinor: 300_000,
      netMinor: 5_670_000,
      daysLate: 1,
      daysLateRaw: 3,
      daysCharged: 1,
      daysEarly: 0,
      notBefore: null,
      unlockedAt: AT,
      invoiceRef: null,
      invoicedAt: null,
      paymentRef: null,
      paidAt: null,
      warrantyDays: 90,
      warrantyEndsOn: '2027-07-02',
      retentionStatus: 'held',
      retentionReleasedAt: null,
      retentionInvoiceRef: null,
      retentionInvoicedAt: null,
      retentionPaymentRef: null,
      retentionPaidAt: null,
      evidence: {
        timeZone: 'Europe/Paris',
        lateness: 3,
        deliverables: [
          {
            deliverableId: EXAMPLE_IDS.deliverable,
            title: 'Design system',
            dueDate: '2027-03-31',
            decisionId: 'dec_019a0b1c2d3e4f5a6b7c8d9e0f',
            acceptedAt: '2027-04-03T09:00:00.000Z',
            override: false,
            daysLate: 3,
          },
        ],
      },
    },
  });

export const PaymentQuery = PageQuery.extend({
  status: MilestoneStatus.optional(),
  providerId: Id.optional(),
  engagementId: Id.optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
    .optional(),
  unlockedSince: z
    .union([Instant, DateOnly])
    .optional()
    .describe('Unlocked at or after this instant (a date means its start, UTC)'),
});

const ref = z.string().trim().min(1).max(200);

export const InvoiceRequest = z
  .object({ invoiceRef: ref.describe('The invoice number in the finance tool') })
  .strict()
  .meta({ id: 'InvoiceRequest', example: { invoiceRef: 'INV-2027-0042' } });

export const PaymentRequest = z
  .object({ paymentRef: ref.describe('The payment or transfer reference') })
  .strict()
  .meta({ id: 'PaymentRequest', example: { paymentRef: 'SEPA-2027-04-30-118' } });
