import { boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { DecisionMark } from '../core/tracker.ts';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const pushBacks = pgTable('push_backs', {
  id: text('id').primaryKey(),
  decisionId: text('decision_id').notNull(),
  connectionId: text('connection_id').notNull(),
  taskExternalId: text('task_external_id').notNull(),
  taskKey: text('task_key'),
  mark: jsonb('mark').$type<DecisionMark>().notNull(),
  status: text('status', { enum: ['pending', 'done', 'failed'] })
    .notNull()
    .default('pending'),
  attempts: integer('attempts').notNull().default(0),
  commented: boolean('commented'),
  marked: boolean('marked'),
  lastError: text('last_error'),
  createdAt: tstz('created_at').notNull().defaultNow(),
  doneAt: tstz('done_at'),
});
