-- When each API key was last used, written at most once a minute per key (api-keys.service.ts),
-- so an admin can see which keys are idle before revoking them.
ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;

-- The inbox prune job deletes processed deliveries older than the retention, oldest first, in
-- batches: this partial index finds them without reading the pending rows or the whole table.
CREATE INDEX webhook_inbox_processed_at ON webhook_inbox (processed_at) WHERE status = 'processed';
