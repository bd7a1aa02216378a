import {
  bigint,
  boolean,
  date,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type {
  ActionItem,
  ChangeOp,
  Contact,
  ContractSnapshot,
  DeliverableSelector,
  ProviderReference,
} from '../core/engagement.ts';
import type { UnlockEvidence } from '../core/unlock.ts';

/** Drizzle's view of migrations/0003_engagement.sql (the SQL is the truth). */

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => instant('created_at').notNull().defaultNow();
const money = (name: string) => bigint(name, { mode: 'number' });
const civilDate = (name: string) => date(name, { mode: 'string' });

export const providers = pgTable('providers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  references: jsonb('client_references').$type<ProviderReference[]>().notNull(),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

export const engagements = pgTable('engagements', {
  id: text('id').primaryKey(),
  providerId: text('provider_id').notNull(),
  title: text('title').notNull(),
  objective: text('objective'),
  specificationUrl: text('specification_url'),
  currency: text('currency').notNull(),
  contractValueMinor: money('contract_value_minor').notNull(),
  paymentTermsDays: integer('payment_terms_days'),
  confidentiality: text('confidentiality'),
  ipOwnership: text('ip_ownership'),
  clientContact: jsonb('client_contact').$type<Contact>(),
  providerContact: jsonb('provider_contact').$type<Contact>(),
  startDate: civilDate('start_date').notNull(),
  endDate: civilDate('end_date').notNull(),
  timeZone: text('time_zone').notNull(),
  weightByEstimate: boolean('weight_by_estimate').notNull().default(false),
  status: text('status', { enum: ['draft', 'active', 'closed'] }).notNull(),
  contractVersion: integer('contract_version').notNull(),
  activatedAt: instant('activated_at'),
  closedAt: instant('closed_at'),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

export const deliverables = pgTable('deliverables', {
  id: text('id').primaryKey(),
  engagementId: text('engagement_id').notNull(),
  title: text('title').notNull(),
  description: text('description'),
  dueDate: civilDate('due_date').notNull(),
  acceptanceCriteria: jsonb('acceptance_criteria').$type<string[]>().notNull(),
  weight: doublePrecision('weight').notNull(),
  selector: jsonb('selector').$type<DeliverableSelector>().notNull(),
  status: text('status', {
    enum: ['planned', 'in_progress', 'ready_for_review', 'accepted', 'rejected'],
  }).notNull(),
  removedAt: instant('removed_at'),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

export const paymentMilestones = pgTable('payment_milestones', {
  id: text('id').primaryKey(),
  engagementId: text('engagement_id').notNull(),
  label: text('label').notNull(),
  amountMinor: money('amount_minor').notNull(),
  notBefore: civilDate('not_before'),
  retentionBps: integer('retention_bps').notNull(),
  penaltyBpsPerDay: integer('penalty_bps_per_day'),
  penaltyGraceDays: integer('penalty_grace_days'),
  penaltyCapBps: integer('penalty_cap_bps'),
  bonusBpsPerDay: integer('bonus_bps_per_day'),
  bonusCapBps: integer('bonus_cap_bps'),
  status: text('status', { enum: ['locked', 'unlocked', 'invoiced', 'paid'] }).notNull(),
  bonusMinor: money('bonus_minor'),
  penaltyMinor: money('penalty_minor'),
  retentionMinor: money('retention_minor'),
  netMinor: money('net_minor'),
  daysLate: integer('days_late'),
  daysEarly: integer('days_early'),
  /** Migration 0024: lateness before grace, days the penalty rule charges, warranty and retention. */
  daysLateRaw: integer('days_late_raw'),
  daysCharged: integer('days_charged'),
  warrantyDays: integer('warranty_days').notNull().default(0),
  retentionStatus: text('retention_status', { enum: ['held', 'released', 'invoiced', 'paid'] }),
  retentionReleasedAt: instant('retention_released_at'),
  retentionInvoiceRef: text('retention_invoice_ref'),
  retentionInvoicedAt: instant('retention_invoiced_at'),
  retentionPaymentRef: text('retention_payment_ref'),
  retentionPaidAt: instant('retention_paid_at'),
  unlockedAt: instant('unlocked_at'),
  invoiceRef: text('invoice_ref'),
  invoicedAt: instant('invoiced_at'),
  paymentRef: text('payment_ref'),
  paidAt: instant('paid_at'),
  /** What the settlement was computed from (migrations/0010_decisions.sql). */
  unlockEvidence: jsonb('unlock_evidence').$type<UnlockEvidence>(),
  removedAt: instant('removed_at'),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

export const milestoneDeliverables = pgTable(
  'milestone_deliverables',
  {
    milestoneId: text('milestone_id').notNull(),
    deliverableId: text('deliverable_id').notNull(),
    engagementId: text('engagement_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.milestoneId, t.deliverableId] })],
);

export const changeRequests = pgTable('change_requests', {
  id: text('id').primaryKey(),
  engagementId: text('engagement_id').notNull(),
  title: text('title').notNull(),
  rationale: text('rationale').notNull(),
  changes: jsonb('changes').$type<ChangeOp[]>().notNull(),
  impactCostMinor: money('impact_cost_minor').notNull(),
  impactScheduleDays: integer('impact_schedule_days').notNull(),
  impactQuality: text('impact_quality'),
  affectsUnlockedMilestones: boolean('affects_unlocked_milestones').notNull(),
  status: text('status', { enum: ['draft', 'submitted', 'approved', 'rejected', 'withdrawn'] }).notNull(),
  proposedBy: text('proposed_by').notNull(),
  proposedByRole: text('proposed_by_role', { enum: ['admin', 'pmo', 'finance', 'provider'] }).notNull(),
  proposedByProviderId: text('proposed_by_provider_id'),
  baseVersion: integer('base_version').notNull(),
  appliedVersion: integer('applied_version'),
  submittedAt: instant('submitted_at'),
  decidedAt: instant('decided_at'),
  decidedBy: text('decided_by'),
  decisionNote: text('decision_note'),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

export const contractVersions = pgTable(
  'contract_versions',
  {
    engagementId: text('engagement_id').notNull(),
    version: integer('version').notNull(),
    changeRequestId: text('change_request_id'),
    snapshot: jsonb('snapshot').$type<ContractSnapshot>().notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: instant('recorded_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.engagementId, t.version] })],
);

export const journalEntries = pgTable('journal_entries', {
  id: text('id').primaryKey(),
  engagementId: text('engagement_id').notNull(),
  kind: text('kind', {
    enum: ['kickoff', 'status_meeting', 'decision', 'debrief', 'note', 'status_report'],
  }).notNull(),
  occurredAt: instant('occurred_at').notNull(),
  participants: jsonb('participants').$type<string[]>().notNull(),
  summary: text('summary').notNull(),
  decisions: jsonb('decisions').$type<string[]>().notNull(),
  actionItems: jsonb('action_items').$type<ActionItem[]>().notNull(),
  authorKeyId: text('author_key_id').notNull(),
  authorRole: text('author_role').notNull(),
  createdAt: createdAt(),
});

export const evaluations = pgTable('evaluations', {
  engagementId: text('engagement_id').primaryKey(),
  quality: smallint('quality').notNull(),
  timeliness: smallint('timeliness').notNull(),
  communication: smallint('communication').notNull(),
  autonomy: smallint('autonomy').notNull(),
  budget: smallint('budget').notNull(),
  strengths: text('strengths'),
  improvements: text('improvements'),
  lessons: text('lessons'),
  evaluatedBy: text('evaluated_by').notNull(),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});
