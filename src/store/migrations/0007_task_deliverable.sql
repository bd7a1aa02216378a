-- The deliverable a task is selected into (a task belongs to at most one deliverable of an
-- engagement); set by the recompute step that evaluates the deliverables' selectors.
ALTER TABLE tasks ADD COLUMN deliverable_id text;
CREATE INDEX tasks_deliverable ON tasks (deliverable_id) WHERE deliverable_id IS NOT NULL;
