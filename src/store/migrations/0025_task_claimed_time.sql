-- Tracker times later than the receipt are clamped to it (issue 16 item 1): `updated_at_tracker`
-- is the clamped time newest-wins compares, and this column keeps what the tracker claimed when it
-- was later. Two snapshots claiming the same instant are a tie (a fresh read wins it when content
-- differs, a webhook payload never does) even though their clamped times differ by their receipts.
-- Null: the claim equals `updated_at_tracker` (every row stored before this migration).
ALTER TABLE tasks ADD COLUMN claimed_updated_at timestamptz;
