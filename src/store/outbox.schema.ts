import { bigserial, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { EventType } from '../core/events.ts';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const outboxEvents = pgTable('outbox_events', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  id: text('id').notNull().unique(),
  type: text('type').$type<EventType>().notNull(),
  subjectType: text('subject_type', { enum: ['deliverable', 'milestone', 'change_request'] }).notNull(),
  subjectId: text('subject_id').notNull(),
  engagementId: text('engagement_id'),
  providerId: text('provider_id'),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  dedupeKey: text('dedupe_key').notNull().unique(),
  occurredAt: tstz('occurred_at').notNull().defaultNow(),
  dispatchedAt: tstz('dispatched_at'),
});

export const subscriptions = pgTable('subscriptions', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  events: jsonb('events').$type<EventType[]>().notNull(),
  secretEnc: text('secret_enc').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: tstz('created_at').notNull().defaultNow(),
  deletedAt: tstz('deleted_at'),
});

export const eventDeliveries = pgTable('event_deliveries', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  subscriptionId: text('subscription_id').notNull(),
  eventId: text('event_id').notNull(),
  status: text('status', { enum: ['pending', 'delivered', 'failed', 'cancelled'] })
    .notNull()
    .default('pending'),
  attempts: integer('attempts').notNull().default(0),
  lastStatusCode: integer('last_status_code'),
  lastError: text('last_error'),
  nextAttemptAt: tstz('next_attempt_at').notNull().defaultNow(),
  lastAttemptAt: tstz('last_attempt_at'),
  deliveredAt: tstz('delivered_at'),
  createdAt: tstz('created_at').notNull().defaultNow(),
});
