-- Outgoing events (FLOW.md step 10-11): written in the same transaction as the change they
-- announce; a worker delivers each to every matching subscription, once per event id.
CREATE TABLE outbox_events (
  seq          bigserial PRIMARY KEY,
  id           text NOT NULL UNIQUE,
  type         text NOT NULL,
  subject_type text NOT NULL,
  subject_id   text NOT NULL,
  engagement_id text,
  provider_id  text,
  data         jsonb NOT NULL,
  -- A business key that makes the same event impossible to record twice (e.g. milestone.unlocked:<id>).
  dedupe_key   text NOT NULL UNIQUE,
  occurred_at  timestamptz NOT NULL DEFAULT now(),
  dispatched_at timestamptz
);
CREATE INDEX outbox_events_undispatched ON outbox_events (seq) WHERE dispatched_at IS NULL;

CREATE TABLE subscriptions (
  id          text PRIMARY KEY,
  url         text NOT NULL,
  events      jsonb NOT NULL,
  secret_enc  text NOT NULL,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  deleted_at  timestamptz
);

-- One row per (subscription, event): the delivery log, and the guarantee of one delivery each.
CREATE TABLE event_deliveries (
  id              bigserial PRIMARY KEY,
  subscription_id text NOT NULL REFERENCES subscriptions (id),
  event_id        text NOT NULL REFERENCES outbox_events (id),
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  last_status_code integer,
  last_error      text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subscription_id, event_id)
);
CREATE INDEX event_deliveries_due ON event_deliveries (next_attempt_at) WHERE status = 'pending';
