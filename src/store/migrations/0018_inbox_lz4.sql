-- Webhook bodies are compressed with lz4 and kept in their row (STORAGE MAIN: compressed first,
-- moved out of line only when still too large for the page). A 7 kB Jira body becomes ~2.8 kB:
-- the inbox writes 2.8 times fewer WAL and heap bytes per delivery, and the disk flushes that an
-- acknowledgement waits for carry less (bench/: 7,504 → 2,786 WAL bytes a row, PostgreSQL CPU a
-- row unchanged within the measurement's resolution). pglz, the default, had cost the group commit
-- half its time (0013): lz4 compresses about ten times faster.
-- PGlite is built without lz4: there the bodies stay uncompressed and inline (0013, 0015).
DO $$
BEGIN
  ALTER TABLE webhook_inbox ALTER COLUMN body SET COMPRESSION lz4;
  ALTER TABLE webhook_inbox ALTER COLUMN body SET STORAGE MAIN;
  ALTER TABLE webhook_inbox RESET (toast_tuple_target);
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END $$;
