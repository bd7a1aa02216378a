import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { CriterionResult, DecisionEvidence } from '../core/decision.ts';

/** Drizzle's view of migrations/0010_decisions.sql (the SQL is the truth). */

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const decisions = pgTable('decisions', {
  id: text('id').primaryKey(),
  deliverableId: text('deliverable_id').notNull(),
  engagementId: text('engagement_id').notNull(),
  decision: text('decision', { enum: ['accept', 'reject'] }).notNull(),
  override: boolean('override').notNull(),
  note: text('note'),
  criteria: jsonb('criteria').$type<CriterionResult[]>().notNull(),
  decidedBy: text('decided_by').notNull(),
  decidedByRole: text('decided_by_role', { enum: ['admin', 'pmo', 'finance', 'provider'] }).notNull(),
  decidedAt: instant('decided_at').notNull(),
  statusBefore: text('status_before', {
    enum: ['planned', 'in_progress', 'ready_for_review', 'accepted', 'rejected'],
  }).notNull(),
  statusAfter: text('status_after', {
    enum: ['planned', 'in_progress', 'ready_for_review', 'accepted', 'rejected'],
  }).notNull(),
  evidence: jsonb('evidence').$type<DecisionEvidence>().notNull(),
});

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
