-- The installation this database belongs to: one row, made with the database, never changed. Its id
-- is the namespace of the installation's job queues in Redis (src/jobs/queues.ts), so installations
-- that share a Redis and a JALON_QUEUE_PREFIX (staging beside production, the demo beside
-- `npm start`) never share a queue, a job id or a scheduler.
CREATE TABLE jalon_installation (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  id         text NOT NULL CHECK (id ~ '^[0-9a-f]{12}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- The first 12 hex digits of a version-4 UUID are random (48 bits).
INSERT INTO jalon_installation (id) VALUES (left(replace(gen_random_uuid()::text, '-', ''), 12));
