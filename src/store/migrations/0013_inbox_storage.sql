-- Webhook bodies are written once and read once by the ingest worker: compressing them (TOAST's
-- default for bytea, EXTENDED) cost the group commit about half its time in bench/ (25 rows of
-- 7 KB: 8.5 ms compressed, 4.3 ms not). EXTERNAL keeps large bodies out of line, uncompressed.
-- Applies to rows written from now on; existing rows keep their storage.
ALTER TABLE webhook_inbox ALTER COLUMN body SET STORAGE EXTERNAL;
