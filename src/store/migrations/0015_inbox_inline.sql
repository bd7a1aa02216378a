-- Webhook bodies up to ~8 kB (Jira's issue events are ~7 kB) stay inside their inbox row instead
-- of being cut into four TOAST chunks, each with its own TOAST index entry: PostgreSQL's CPU per
-- recorded delivery fell by about 35 % in bench/ (12-row batches of 7 kB: 0.127 → 0.080 ms a row;
-- 40-row batches: 0.093 → 0.058). Larger bodies still go out of line, uncompressed (0013).
ALTER TABLE webhook_inbox SET (toast_tuple_target = 8160);
