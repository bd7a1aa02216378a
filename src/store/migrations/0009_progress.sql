-- Progress, forecast and schedule status per deliverable (FLOW.md step 9), written by the recompute
-- job and only read by the dashboards: nothing is computed on the read path.

-- An engagement says whether its tasks weigh their estimate (story points, hours) or 1 each.
ALTER TABLE engagements ADD COLUMN weight_by_estimate boolean NOT NULL DEFAULT false;

CREATE TABLE deliverable_progress (
  deliverable_id     text PRIMARY KEY REFERENCES deliverables (id),
  engagement_id      text NOT NULL REFERENCES engagements (id),
  -- done weight / total weight; null when no task counts (a deliverable with no tasks is never 100%)
  progress           double precision CHECK (progress BETWEEN 0 AND 1),
  done_weight        double precision NOT NULL CHECK (done_weight >= 0),
  total_weight       double precision NOT NULL CHECK (total_weight >= 0),
  task_count         integer NOT NULL CHECK (task_count >= 0),
  done_count         integer NOT NULL CHECK (done_count >= 0),
  blocked_count      integer NOT NULL CHECK (blocked_count >= 0),
  cancelled_count    integer NOT NULL CHECK (cancelled_count >= 0),
  no_tasks           boolean NOT NULL,
  -- done weight per day over the throughput window
  throughput_per_day double precision NOT NULL CHECK (throughput_per_day >= 0),
  forecast_date      date,
  schedule_status    text NOT NULL CHECK (schedule_status IN ('accepted', 'late', 'at_risk', 'on_track')),
  reasons            jsonb NOT NULL DEFAULT '[]',
  -- when these figures were last computed to something different
  computed_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((progress IS NULL) = no_tasks)
);
CREATE INDEX deliverable_progress_engagement ON deliverable_progress (engagement_id);
