-- The relay reads the deliveries still pending in inbox-id order, a page at a time from the last
-- id it read (relay.job.ts): the partial index of pending rows is kept by id instead of by time,
-- so a page is an index range however many processed rows the table holds. Same cost per insert:
-- one entry in one partial index.
CREATE INDEX webhook_inbox_pending_id ON webhook_inbox (id) WHERE status = 'pending';
DROP INDEX webhook_inbox_pending;
