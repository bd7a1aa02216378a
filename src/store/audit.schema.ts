import { bigserial, jsonb, pgTable, text } from 'drizzle-orm/pg-core';

export const auditLog = pgTable('audit_log', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  id: text('id').notNull().unique(),
  at: text('at').notNull(),
  actorKeyId: text('actor_key_id').notNull(),
  actorRole: text('actor_role').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id').notNull(),
  action: text('action').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});
