-- Delivering outgoing events (FLOW.md step 11): when each delivery was last tried, and a
-- `cancelled` status for deliveries whose subscription was deleted before they went out.
ALTER TABLE event_deliveries ADD COLUMN last_attempt_at timestamptz;
ALTER TABLE event_deliveries DROP CONSTRAINT event_deliveries_status_check;
ALTER TABLE event_deliveries ADD CONSTRAINT event_deliveries_status_check
  CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled'));
-- The delivery log of one subscription, newest first.
CREATE INDEX event_deliveries_by_subscription ON event_deliveries (subscription_id, id DESC);
