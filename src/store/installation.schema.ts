import { boolean, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row (0022_installation.sql): the id that keeps this installation's queues apart in Redis. */
export const installation = pgTable('jalon_installation', {
  singleton: boolean('singleton').primaryKey().default(true),
  id: text('id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
