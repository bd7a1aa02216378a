import {
  bigserial,
  boolean,
  customType,
  date,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const connections = pgTable('connections', {
  id: text('id').primaryKey(),
  tracker: text('tracker', { enum: ['jira', 'trello', 'asana'] }).notNull(),
  name: text('name').notNull(),
  baseUrl: text('base_url'),
  credentialsEnc: text('credentials_enc').notNull(),
  webhookSecretsEnc: text('webhook_secrets_enc'),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  integrationAccountId: text('integration_account_id'),
  health: text('health', { enum: ['unknown', 'healthy', 'unhealthy'] })
    .notNull()
    .default('unknown'),
  lastDeliveryAt: tstz('last_delivery_at'),
  lastSyncAt: tstz('last_sync_at'),
  lastError: text('last_error'),
  lastErrorAt: tstz('last_error_at'),
  deletedAt: tstz('deleted_at'),
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

export const webhookRegistrations = pgTable('webhook_registrations', {
  id: text('id').primaryKey(),
  connectionId: text('connection_id').notNull(),
  scopeKey: text('scope_key').notNull(),
  externalId: text('external_id').notNull(),
  expiresAt: tstz('expires_at'),
  createdAt: tstz('created_at').notNull().defaultNow(),
  refreshedAt: tstz('refreshed_at'),
});

export const webhookInbox = pgTable('webhook_inbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  connectionId: text('connection_id').notNull(),
  deliveryKey: text('delivery_key').notNull(),
  headers: jsonb('headers').$type<Record<string, string>>().notNull(),
  body: bytea('body').notNull(),
  receivedAt: tstz('received_at').notNull().defaultNow(),
  status: text('status', { enum: ['pending', 'processed', 'failed'] })
    .notNull()
    .default('pending'),
  attempts: integer('attempts').notNull().default(0),
  processedAt: tstz('processed_at'),
  lastError: text('last_error'),
});

export const tasks = pgTable('tasks', {
  id: text('id').primaryKey(),
  connectionId: text('connection_id').notNull(),
  tracker: text('tracker', { enum: ['jira', 'trello', 'asana'] }).notNull(),
  externalId: text('external_id').notNull(),
  key: text('key'),
  url: text('url').notNull(),
  title: text('title').notNull(),
  statusCategory: text('status_category', { enum: ['todo', 'in_progress', 'done'] }).notNull(),
  status: text('status').notNull(),
  cancelled: boolean('cancelled').notNull().default(false),
  blocked: boolean('blocked').notNull().default(false),
  assignee: text('assignee'),
  dueDate: date('due_date', { mode: 'string' }),
  labels: jsonb('labels').$type<string[]>().notNull().default([]),
  parentExternalId: text('parent_external_id'),
  estimate: doublePrecision('estimate'),
  completedAt: tstz('completed_at'),
  createdAtTracker: tstz('created_at_tracker').notNull(),
  updatedAtTracker: tstz('updated_at_tracker').notNull(),
  /** The tracker's own `updatedAt` when it was later than the receipt (then clamped); null: equal. */
  claimedUpdatedAt: tstz('claimed_updated_at'),
  deleted: boolean('deleted').notNull().default(false),
  facets: jsonb('facets').$type<Record<string, string[]>>().notNull().default({}),
  scopeIds: jsonb('scope_ids').$type<string[]>().notNull().default([]),
  revision: integer('revision').notNull().default(1),
  firstSeenAt: tstz('first_seen_at').notNull().defaultNow(),
  syncedAt: tstz('synced_at').notNull().defaultNow(),
  deliverableId: text('deliverable_id'),
});

export const taskChanges = pgTable('task_changes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  taskId: text('task_id').notNull(),
  revision: integer('revision').notNull(),
  statusCategory: text('status_category').notNull(),
  deleted: boolean('deleted').notNull(),
  cancelled: boolean('cancelled').notNull(),
  updatedAtTracker: tstz('updated_at_tracker').notNull(),
  recordedAt: tstz('recorded_at').notNull().defaultNow(),
});
