import { z } from 'zod';
import { IsoDate } from '../../core/dates.ts';
import { DeliverableStatus, MilestoneStatus } from '../../core/lifecycle.ts';
import { AmountMinor, Bps, MAX_GRACE_DAYS } from '../../core/money.ts';
import { RetentionStatus, WarrantyDays } from '../../core/retention.ts';
import { CivilDate, Id, Timestamp } from '../schemas.ts';

/** Schemas several engagement routes share: contacts, deliverables, milestones, warnings. */

export const DateOnly = IsoDate.meta({ format: 'date', description: 'A civil date, YYYY-MM-DD' });
export const Instant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);
const strings = (max = 200) => z.array(text(200)).max(max);

export const EXAMPLE_IDS = {
  provider: 'prv_019a0b1c2d3e4f5a6b7c8d9e0f',
  engagement: 'eng_019a0b1c2d3e4f5a6b7c8d9e0f',
  deliverable: 'dlv_019a0b1c2d3e4f5a6b7c8d9e0f',
  milestone: 'pms_019a0b1c2d3e4f5a6b7c8d9e0f',
  changeRequest: 'chg_019a0b1c2d3e4f5a6b7c8d9e0f',
  key: 'key_019a0b1c2d3e4f5a6b7c8d9e0f',
} as const;
export const AT = '2027-01-04T09:00:00.000Z';

export const IncludeRemoved = z
  .enum(['true', 'false'])
  .optional()
  .describe('Also list what approved change requests removed (default false)');

export const FieldWarning = z.object({ path: z.string(), message: z.string() }).meta({
  id: 'FieldWarning',
  description: 'Accepted, but worth a look',
  example: { path: 'body.dueDate', message: 'is outside the engagement (2027-01-04 to 2027-06-30)' },
});
export const Warnings = z
  .array(FieldWarning)
  .describe(
    'On single reads and writes: what is valid but unusual (due dates outside the engagement, milestones below the contract value)',
  );

export const Contact = z
  .object({ name: text(200), email: z.email().max(320) })
  .strict()
  .meta({ id: 'Contact', example: { name: 'Claire Martin', email: 'claire.martin@client.example' } });

const SELECTOR_EXAMPLE = { jira: { epicKeys: ['PORTAL-1'], labels: ['design-system'] } };
export const DeliverableSelector = z
  .object({
    jira: z
      .object({
        epicKeys: strings().optional(),
        labels: strings().optional(),
        components: strings().optional(),
        fixVersions: strings().optional(),
        issueKeys: strings(1000).optional(),
      })
      .strict()
      .optional(),
    trello: z
      .object({
        listIds: strings().optional(),
        labels: strings().optional(),
        cardIds: strings(1000).optional(),
      })
      .strict()
      .optional(),
    asana: z
      .object({
        sectionGids: strings().optional(),
        tags: strings().optional(),
        taskGids: strings(1000).optional(),
        customField: z
          .object({ gid: text(100), values: strings() })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .meta({
    id: 'DeliverableSelector',
    description: 'Which tracker tasks the deliverable takes: a task matches if it matches any listed value',
    example: SELECTOR_EXAMPLE,
  });

const deliverableFields = {
  title: text(300),
  description: z.string().max(10_000).nullable().optional(),
  dueDate: DateOnly,
  acceptanceCriteria: strings(100).describe('Each criterion the client checks at acceptance'),
  weight: z.number().positive().max(1_000_000).optional().describe('Relative weight in progress; default 1'),
  selector: DeliverableSelector.optional(),
};

const DELIVERABLE_EXAMPLE = {
  title: 'Design system',
  description: 'Tokens, components and their documentation',
  dueDate: '2027-03-31',
  acceptanceCriteria: ['All components documented', 'Accessibility audit passed (WCAG 2.1 AA)'],
  weight: 2,
  selector: SELECTOR_EXAMPLE,
};

export const NewDeliverable = z
  .object(deliverableFields)
  .strict()
  .meta({ id: 'NewDeliverable', example: DELIVERABLE_EXAMPLE });

export const DeliverablePatch = z
  .object({
    title: deliverableFields.title.optional(),
    description: deliverableFields.description,
    dueDate: DateOnly.optional(),
    acceptanceCriteria: deliverableFields.acceptanceCriteria.optional(),
    weight: deliverableFields.weight,
    selector: DeliverableSelector.optional(),
  })
  .strict()
  .meta({ id: 'DeliverablePatch', example: { dueDate: '2027-04-15' } });

export const Deliverable = z
  .object({
    id: z.string(),
    engagementId: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    dueDate: CivilDate,
    acceptanceCriteria: z.array(z.string()),
    weight: z.number(),
    selector: DeliverableSelector,
    status: DeliverableStatus,
    removedAt: Timestamp.nullable().describe('Set when an approved change request removed it'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    warnings: Warnings.optional(),
  })
  .meta({
    id: 'Deliverable',
    example: {
      id: EXAMPLE_IDS.deliverable,
      engagementId: EXAMPLE_IDS.engagement,
      ...DELIVERABLE_EXAMPLE,
      status: 'planned',
      removedAt: null,
      createdAt: AT,
      updatedAt: AT,
    },
  });

export const LatePenalty = z
  .object({
    bpsPerDay: Bps,
    graceDays: z.number().int().min(0).max(MAX_GRACE_DAYS),
    capBps: Bps,
  })
  .strict()
  .meta({
    id: 'LatePenalty',
    description: 'Basis points of the amount per day late after the grace days, capped',
    example: { bpsPerDay: 50, graceDays: 2, capBps: 1000 },
  });

export const EarlyBonus = z
  .object({ bpsPerDay: Bps, capBps: Bps })
  .strict()
  .meta({
    id: 'EarlyBonus',
    description: 'Basis points of the amount per day early, capped',
    example: { bpsPerDay: 20, capBps: 500 },
  });

const milestoneFields = {
  label: text(300),
  amountMinor: AmountMinor.describe("Integer minor units of the engagement's currency"),
  requiredDeliverableIds: z.array(Id).max(200).describe('Deliverables that must all be accepted'),
  notBefore: DateOnly.nullable().optional().describe('It cannot unlock before this date'),
  retentionBps: Bps.optional().describe('Holdback on the gross amount; default 0'),
  latePenalty: LatePenalty.nullable().optional(),
  earlyBonus: EarlyBonus.nullable().optional(),
  warrantyDays: WarrantyDays.optional().describe(
    'Days after the unlock before its retention may be released (retenue de garantie); default 0',
  ),
};

const MILESTONE_EXAMPLE = {
  label: 'Design sign-off',
  amountMinor: 3_600_000,
  requiredDeliverableIds: [EXAMPLE_IDS.deliverable],
  notBefore: '2027-03-01',
  retentionBps: 500,
  latePenalty: { bpsPerDay: 50, graceDays: 2, capBps: 1000 },
  earlyBonus: { bpsPerDay: 20, capBps: 500 },
};

export const NewMilestone = z
  .object(milestoneFields)
  .strict()
  .meta({ id: 'NewMilestone', example: MILESTONE_EXAMPLE });

export const MilestonePatch = z
  .object({
    label: milestoneFields.label.optional(),
    amountMinor: milestoneFields.amountMinor.optional(),
    requiredDeliverableIds: milestoneFields.requiredDeliverableIds.optional(),
    notBefore: milestoneFields.notBefore,
    retentionBps: milestoneFields.retentionBps,
    latePenalty: milestoneFields.latePenalty,
    earlyBonus: milestoneFields.earlyBonus,
    warrantyDays: milestoneFields.warrantyDays,
  })
  .strict()
  .meta({ id: 'MilestonePatch', example: { amountMinor: 4_000_000 } });

const nullableMoney = z.number().int().nullable();
export const Milestone = z
  .object({
    id: z.string(),
    engagementId: z.string(),
    label: z.string(),
    currency: z.string(),
    amountMinor: z.number().int(),
    requiredDeliverableIds: z.array(z.string()),
    notBefore: z.string().nullable(),
    retentionBps: z.number().int(),
    latePenalty: LatePenalty.nullable(),
    earlyBonus: EarlyBonus.nullable(),
    warrantyDays: z.number().int(),
    status: MilestoneStatus,
    bonusMinor: nullableMoney,
    penaltyMinor: nullableMoney,
    retentionMinor: nullableMoney,
    netMinor: nullableMoney.describe('Set when it unlocks: amount + bonus − penalty − retention'),
    daysLate: z.number().int().nullable().describe('After grace (see PaymentMilestone)'),
    daysLateRaw: z.number().int().nullable().describe('Before grace'),
    daysCharged: z.number().int().nullable().describe('Days the late-penalty rule charges'),
    retentionStatus: RetentionStatus.nullable(),
    unlockedAt: Timestamp.nullable(),
    invoiceRef: z.string().nullable(),
    invoicedAt: Timestamp.nullable(),
    paymentRef: z.string().nullable(),
    paidAt: Timestamp.nullable(),
    removedAt: Timestamp.nullable().describe('Set when an approved change request removed it'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    warnings: Warnings.optional(),
  })
  .meta({
    id: 'Milestone',
    example: {
      id: EXAMPLE_IDS.milestone,
      engagementId: EXAMPLE_IDS.engagement,
      currency: 'EUR',
      ...MILESTONE_EXAMPLE,
      warrantyDays: 0,
      status: 'locked',
      bonusMinor: null,
      penaltyMinor: null,
      retentionMinor: null,
      netMinor: null,
      daysLate: null,
      daysLateRaw: null,
      daysCharged: null,
      retentionStatus: null,
      unlockedAt: null,
      invoiceRef: null,
      invoicedAt: null,
      paymentRef: null,
      paidAt: null,
      removedAt: null,
      createdAt: AT,
      updatedAt: AT,
    },
  });
