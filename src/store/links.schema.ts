import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { LinkScope } from '../core/task.ts';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const links = pgTable('links', {
  id: text('id').primaryKey(),
  engagementId: text('engagement_id').notNull(),
  connectionId: text('connection_id').notNull(),
  scope: jsonb('scope').$type<LinkScope>().notNull(),
  scopeKey: text('scope_key').notNull(),
  syncCursor: text('sync_cursor'),
  lastSyncAt: tstz('last_sync_at'),
  lastFullSyncAt: tstz('last_full_sync_at'),
  createdBy: text('created_by').notNull(),
  createdAt: tstz('created_at').notNull().defaultNow(),
});
