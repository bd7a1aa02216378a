-- Tracker connections, their webhook registrations, the durable webhook inbox and the normalised
-- tasks. Credentials and webhook secrets are stored encrypted (AES-256-GCM, JALON_SECRET_KEY).
CREATE TABLE connections (
  id                      text PRIMARY KEY,
  tracker                 text NOT NULL CHECK (tracker IN ('jira', 'trello', 'asana')),
  name                    text NOT NULL,
  base_url                text,
  credentials_enc         text NOT NULL,
  webhook_secrets_enc     text,
  settings                jsonb NOT NULL DEFAULT '{}'::jsonb,
  integration_account_id  text,
  health                  text NOT NULL DEFAULT 'unknown' CHECK (health IN ('unknown', 'healthy', 'unhealthy')),
  last_delivery_at        timestamptz,
  last_sync_at            timestamptz,
  last_error              text,
  last_error_at           timestamptz,
  deleted_at              timestamptz,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_registrations (
  id           text PRIMARY KEY,
  connection_id text NOT NULL REFERENCES connections (id),
  scope_key    text NOT NULL,
  external_id  text NOT NULL,
  expires_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  refreshed_at timestamptz,
  UNIQUE (connection_id, external_id)
);

-- What trackers sent, recorded before the tracker gets its 2xx. Unique on (connection, delivery
-- key): a redelivery is recognised and stored once.
CREATE TABLE webhook_inbox (
  id            bigserial PRIMARY KEY,
  connection_id text NOT NULL REFERENCES connections (id),
  delivery_key  text NOT NULL,
  headers       jsonb NOT NULL,
  body          bytea NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processed', 'failed')),
  attempts      integer NOT NULL DEFAULT 0,
  processed_at  timestamptz,
  last_error    text,
  UNIQUE (connection_id, delivery_key)
);
CREATE INDEX webhook_inbox_pending ON webhook_inbox (received_at) WHERE status = 'pending';

-- The current state of every tracker item, newest snapshot wins (updated_at_tracker).
CREATE TABLE tasks (
  id                  text PRIMARY KEY,
  connection_id       text NOT NULL REFERENCES connections (id),
  tracker             text NOT NULL,
  external_id         text NOT NULL,
  key                 text,
  url                 text NOT NULL,
  title               text NOT NULL,
  status_category     text NOT NULL CHECK (status_category IN ('todo', 'in_progress', 'done')),
  status              text NOT NULL,
  cancelled           boolean NOT NULL DEFAULT false,
  blocked             boolean NOT NULL DEFAULT false,
  assignee            text,
  due_date            date,
  labels              jsonb NOT NULL DEFAULT '[]'::jsonb,
  parent_external_id  text,
  estimate            double precision,
  completed_at        timestamptz,
  created_at_tracker  timestamptz NOT NULL,
  updated_at_tracker  timestamptz NOT NULL,
  deleted             boolean NOT NULL DEFAULT false,
  facets              jsonb NOT NULL DEFAULT '{}'::jsonb,
  scope_ids           jsonb NOT NULL DEFAULT '[]'::jsonb,
  revision            integer NOT NULL DEFAULT 1,
  first_seen_at       timestamptz NOT NULL DEFAULT now(),
  synced_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (connection_id, external_id)
);
CREATE INDEX tasks_scope ON tasks USING gin (scope_ids);

-- One row per effective change of a task: the history throughput and forecasts are computed from.
CREATE TABLE task_changes (
  id                 bigserial PRIMARY KEY,
  task_id            text NOT NULL REFERENCES tasks (id),
  revision           integer NOT NULL,
  status_category    text NOT NULL,
  deleted            boolean NOT NULL,
  cancelled          boolean NOT NULL,
  updated_at_tracker timestamptz NOT NULL,
  recorded_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (task_id, revision)
);
