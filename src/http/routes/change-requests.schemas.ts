import { z } from 'zod';
import { ChangeRequestAction, ChangeRequestStatus } from '../../core/lifecycle.ts';
import { AmountMinor, MAX_AMOUNT_MINOR } from '../../core/money.ts';
import { Id, Timestamp } from '../schemas.ts';
import {
  DateOnly,
  DeliverablePatch,
  EXAMPLE_IDS,
  MilestonePatch,
  NewDeliverable,
  NewMilestone,
  Warnings,
} from './contract.schemas.ts';

/** The change request body and read shapes; the `changes` ops are those listed in API.md. */

const op = <T extends string>(name: T) => z.literal(name);

const ModifyTerms = z
  .object({
    endDate: DateOnly.optional(),
    contractValueMinor: AmountMinor.optional(),
    paymentTermsDays: z.number().int().min(0).max(365).nullable().optional(),
  })
  .strict()
  .meta({ id: 'TermsChange', example: { endDate: '2027-07-31', contractValueMinor: 13_500_000 } });

const EXAMPLE_CHANGES = [
  { op: 'modify_deliverable', deliverableId: EXAMPLE_IDS.deliverable, set: { dueDate: '2027-04-15' } },
  {
    op: 'add_deliverable',
    ref: 'analytics',
    deliverable: {
      title: 'Usage analytics dashboard',
      dueDate: '2027-06-15',
      acceptanceCriteria: ['Weekly active users per segment'],
    },
  },
  {
    op: 'add_milestone',
    milestone: {
      label: 'Analytics delivered',
      amountMinor: 1_500_000,
      requiredDeliverableIds: ['analytics'],
    },
  },
  { op: 'modify_terms', set: { contractValueMinor: 13_500_000 } },
];

export const ChangeOp = z
  .discriminatedUnion('op', [
    z.object({ op: op('modify_deliverable'), deliverableId: Id, set: DeliverablePatch }).strict(),
    z
      .object({
        op: op('add_deliverable'),
        ref: Id.optional().describe(
          'A name later changes of this request may list in requiredDeliverableIds, before the deliverable has an id',
        ),
        deliverable: NewDeliverable,
      })
      .strict(),
    z.object({ op: op('remove_deliverable'), deliverableId: Id }).strict(),
    z.object({ op: op('modify_milestone'), milestoneId: Id, set: MilestonePatch }).strict(),
    z.object({ op: op('add_milestone'), milestone: NewMilestone }).strict(),
    z.object({ op: op('remove_milestone'), milestoneId: Id }).strict(),
    z.object({ op: op('modify_terms'), set: ModifyTerms }).strict(),
  ])
  .meta({
    id: 'ChangeOp',
    description: 'One change; the changes of a request are applied in order, all at once, on approval',
    example: EXAMPLE_CHANGES[0],
  });

const Impact = z
  .object({
    costMinor: z
      .number()
      .int()
      .min(-MAX_AMOUNT_MINOR)
      .max(MAX_AMOUNT_MINOR)
      .describe('Cost change, minor units'),
    scheduleDays: z.number().int().min(-3650).max(3650).describe('Schedule change in days'),
    quality: z.string().trim().min(1).max(5000).nullable().optional(),
  })
  .strict()
  .meta({
    id: 'ChangeImpact',
    example: {
      costMinor: 1_500_000,
      scheduleDays: 15,
      quality: 'Analytics added; no change to acceptance criteria',
    },
  });

export const NewChangeRequest = z
  .object({
    title: z.string().trim().min(1).max(300),
    rationale: z.string().trim().min(1).max(10_000),
    changes: z.array(ChangeOp).min(1).max(200),
    impact: Impact,
    affectsUnlockedMilestones: z
      .boolean()
      .optional()
      .describe('Must be true to change the money of a milestone already unlocked, invoiced or paid'),
  })
  .strict()
  .meta({
    id: 'NewChangeRequest',
    example: {
      title: 'Avenant 1: analytics dashboard',
      rationale: 'Marketing needs usage analytics before the summer campaign',
      changes: EXAMPLE_CHANGES,
      impact: { costMinor: 1_500_000, scheduleDays: 15 },
    },
  });

export const DecisionNote = z
  .object({ note: z.string().trim().min(1).max(5000).optional() })
  .strict()
  .meta({
    id: 'ChangeRequestDecision',
    example: { note: 'Approved at the steering committee of 2027-02-10' },
  });

const AT = '2027-02-10T14:30:00.000Z';
export const ChangeRequest = z
  .object({
    id: z.string(),
    engagementId: z.string(),
    title: z.string(),
    rationale: z.string(),
    changes: z.array(ChangeOp),
    impact: z.object({
      costMinor: z.number().int(),
      scheduleDays: z.number().int(),
      quality: z.string().nullable(),
    }),
    affectsUnlockedMilestones: z.boolean(),
    status: ChangeRequestStatus,
    allowedActions: z.array(ChangeRequestAction).describe('What its status allows now (roles apply)'),
    proposedBy: z.object({ keyId: z.string(), role: z.string(), providerId: z.string().nullable() }),
    baseVersion: z.number().int().describe('The contract version it was proposed against'),
    appliedVersion: z.number().int().nullable().describe('The contract version its approval made'),
    submittedAt: Timestamp.nullable(),
    decidedAt: Timestamp.nullable(),
    decidedBy: z.string().nullable(),
    decisionNote: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    warnings: Warnings.optional(),
  })
  .meta({
    id: 'ChangeRequest',
    example: {
      id: EXAMPLE_IDS.changeRequest,
      engagementId: EXAMPLE_IDS.engagement,
      title: 'Avenant 1: analytics dashboard',
      rationale: 'Marketing needs usage analytics before the summer campaign',
      changes: EXAMPLE_CHANGES,
      impact: { costMinor: 1_500_000, scheduleDays: 15, quality: null },
      affectsUnlockedMilestones: false,
      status: 'approved',
      allowedActions: [],
      proposedBy: { keyId: EXAMPLE_IDS.key, role: 'provider', providerId: EXAMPLE_IDS.provider },
      baseVersion: 1,
      appliedVersion: 2,
      submittedAt: '2027-02-03T08:00:00.000Z',
      decidedAt: AT,
      decidedBy: 'key_019a0b1c2d3e4f5a6b7c8d9e10',
      decisionNote: 'Approved at the steering committee of 2027-02-10',
      createdAt: '2027-02-02T16:00:00.000Z',
      updatedAt: AT,
    },
  });
