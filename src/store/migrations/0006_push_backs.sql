-- Decisions to write back into trackers: one row per (decision, task), created in the decision's
-- transaction; the push-back worker delivers each once (the tracker comment carries a marker too).
CREATE TABLE push_backs (
  id                text PRIMARY KEY,
  decision_id       text NOT NULL,
  connection_id     text NOT NULL REFERENCES connections (id),
  task_external_id  text NOT NULL,
  task_key          text,
  mark              jsonb NOT NULL,
  status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  attempts          integer NOT NULL DEFAULT 0,
  commented         boolean,
  marked            boolean,
  last_error        text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  done_at           timestamptz,
  UNIQUE (decision_id, connection_id, task_external_id)
);
CREATE INDEX push_backs_pending ON push_backs (created_at) WHERE status = 'pending';
