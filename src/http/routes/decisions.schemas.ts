import { z } from 'zod';
import { Role } from '../../core/auth.ts';
import { DeliverableStatus } from '../../core/lifecycle.ts';
import { ScheduleStatus } from '../../core/progress.ts';
import { StatusCategory, Tracker } from '../../core/task.ts';
import { CivilDate, Link, Timestamp } from '../schemas.ts';
import { AT, EXAMPLE_IDS } from './contract.schemas.ts';

/** Schemas of client decisions on deliverables. */

const DECISION_ID = 'dec_019a0b1c2d3e4f5a6b7c8d9e0f';

export const CriterionResult = z
  .object({
    criterion: z.string().trim().min(1).max(500).describe('One of the deliverable’s acceptance criteria'),
    met: z.boolean(),
    comment: z.string().trim().min(1).max(2000).optional(),
  })
  .strict()
  .meta({
    id: 'CriterionResult',
    example: { criterion: 'WCAG 2.1 AA audit passed', met: true, comment: 'Audit report attached' },
  });

export const NewDecision = z
  .object({
    decision: z.enum(['accept', 'reject']),
    note: z.string().trim().max(5000).nullable().optional(),
    criteria: z
      .array(CriterionResult)
      .max(200)
      .optional()
      .describe(
        'Per-criterion results; each names one of the deliverable’s acceptance criteria, at most once (422 otherwise). Accepting with an unmet criterion needs override: true.',
      ),
    override: z
      .boolean()
      .optional()
      .describe(
        'Accept before the deliverable is ready_for_review (from planned or in_progress), or despite an unmet criterion; recorded as an override',
      ),
  })
  .strict()
  .meta({
    id: 'NewDecision',
    example: {
      decision: 'accept',
      note: 'Signed off at the review meeting',
      criteria: [
        { criterion: 'Components documented', met: true },
        { criterion: 'WCAG 2.1 AA audit passed', met: true },
      ],
    },
  });

const EvidenceTask = z.object({
  id: z.string(),
  connectionId: z.string(),
  tracker: Tracker,
  externalId: z.string(),
  key: z.string().nullable(),
  title: z.string(),
  url: Link,
  statusCategory: StatusCategory,
  status: z.string(),
  cancelled: z.boolean(),
  blocked: z.boolean(),
  assignee: z.string().nullable(),
  parentExternalId: z.string().nullable(),
  estimate: z.number().nullable(),
  completedAt: Timestamp.nullable(),
  updatedAt: Timestamp,
});

export const DecisionEvidence = z
  .object({
    capturedAt: Timestamp,
    tasks: z.array(EvidenceTask),
    counts: z.object({
      total: z.number().int(),
      done: z.number().int(),
      inProgress: z.number().int(),
      todo: z.number().int(),
      cancelled: z.number().int(),
      blocked: z.number().int(),
    }),
    progress: z
      .object({
        progress: z.number().nullable(),
        doneWeight: z.number(),
        totalWeight: z.number(),
        taskCount: z.number().int(),
        doneCount: z.number().int(),
        forecastDate: CivilDate.nullable(),
        scheduleStatus: ScheduleStatus,
        reasons: z.array(z.string()),
        computedAt: Timestamp,
      })
      .nullable()
      .describe('The deliverable’s progress as last computed; null when none was yet'),
  })
  .meta({
    id: 'DecisionEvidence',
    description: 'The deliverable’s tasks (deleted ones left out) as they stood when the decision was taken',
  });

export const Decision = z
  .object({
    id: z.string(),
    deliverableId: z.string(),
    engagementId: z.string(),
    decision: z.enum(['accept', 'reject']),
    override: z.boolean().describe('Accepted before ready_for_review or despite an unmet criterion'),
    note: z.string().nullable(),
    criteria: z.array(CriterionResult),
    decidedBy: z.string().describe('The deciding API key id'),
    decidedByRole: Role,
    decidedAt: Timestamp,
    statusBefore: DeliverableStatus,
    statusAfter: DeliverableStatus,
    evidence: DecisionEvidence,
    pushBacks: z
      .number()
      .int()
      .optional()
      .describe('On creation: tracker items the decision is written back to (tasks or their epic / parent)'),
    unlockedMilestoneIds: z
      .array(z.string())
      .optional()
      .describe('On creation: payment milestones this decision unlocked'),
  })
  .meta({
    id: 'Decision',
    example: {
      id: DECISION_ID,
      deliverableId: EXAMPLE_IDS.deliverable,
      engagementId: EXAMPLE_IDS.engagement,
      decision: 'accept',
      override: false,
      note: 'Signed off at the review meeting',
      criteria: [{ criterion: 'Components documented', met: true }],
      decidedBy: EXAMPLE_IDS.key,
      decidedByRole: 'pmo',
      decidedAt: AT,
      statusBefore: 'ready_for_review',
      statusAfter: 'accepted',
      evidence: {
        capturedAt: AT,
        tasks: [],
        counts: { total: 0, done: 0, inProgress: 0, todo: 0, cancelled: 0, blocked: 0 },
        progress: null,
      },
      pushBacks: 3,
      unlockedMilestoneIds: [EXAMPLE_IDS.milestone],
    },
  });
