import {
  boolean,
  date,
  doublePrecision,
  integer,
  json,
  jsonb,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { ScheduleStatus } from '../core/progress.ts';
import type { DueItem } from '../core/progress-summary.ts';

/** Drizzle's view of migrations/0009_progress.sql (the SQL is the truth). */
export const deliverableProgress = pgTable('deliverable_progress', {
  deliverableId: text('deliverable_id').primaryKey(),
  engagementId: text('engagement_id').notNull(),
  progress: doublePrecision('progress'),
  doneWeight: doublePrecision('done_weight').notNull(),
  totalWeight: doublePrecision('total_weight').notNull(),
  taskCount: integer('task_count').notNull(),
  doneCount: integer('done_count').notNull(),
  blockedCount: integer('blocked_count').notNull(),
  cancelledCount: integer('cancelled_count').notNull(),
  noTasks: boolean('no_tasks').notNull(),
  throughputPerDay: doublePrecision('throughput_per_day').notNull(),
  forecastDate: date('forecast_date', { mode: 'string' }),
  scheduleStatus: text('schedule_status').$type<ScheduleStatus>().notNull(),
  reasons: jsonb('reasons').$type<string[]>().notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const engagementProgress = pgTable('engagement_progress', {
  engagementId: text('engagement_id').primaryKey(),
  providerId: text('provider_id').notNull(),
  deliverables: integer('deliverables').notNull(),
  onTrack: integer('on_track').notNull(),
  atRisk: integer('at_risk').notNull(),
  late: integer('late').notNull(),
  accepted: integer('accepted').notNull(),
  acceptedOnTime: integer('accepted_on_time').notNull(),
  awaitingReview: integer('awaiting_review').notNull(),
  blockedTasks: integer('blocked_tasks').notNull(),
  progress: doublePrecision('progress'),
  overdue: json('overdue').$type<DueItem[]>().notNull(),
  nextDue: json('next_due').$type<DueItem[]>().notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
