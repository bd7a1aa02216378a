import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Drizzle's view of the tables the SQL migrations create. The migrations are the truth; a test
 * (test/integration/store.test.ts) selects every column declared here so the two cannot drift.
 */
export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: ['admin', 'pmo', 'finance', 'provider'] }).notNull(),
  providerId: text('provider_id'),
  secretHash: text('secret_hash').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
});
export * from './audit.schema.ts';
export * from './connections.schema.ts';
export * from './decisions.schema.ts';
export * from './engagement.schema.ts';
export * from './installation.schema.ts';
export * from './links.schema.ts';
export * from './outbox.schema.ts';
export * from './progress.schema.ts';
export * from './push-backs.schema.ts';
