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

-- One row per engagement, summed from its deliverables' figures by the same recompute: the PMO
-- portfolio reads one row per engagement instead of every deliverable and task.
CREATE TABLE engagement_progress (
  engagement_id    text PRIMARY KEY REFERENCES engagements (id),
  provider_id      text NOT NULL REFERENCES providers (id),
  deliverables     integer NOT NULL CHECK (deliverables >= 0),
  on_track         integer NOT NULL CHECK (on_track >= 0),
  at_risk          integer NOT NULL CHECK (at_risk >= 0),
  late             integer NOT NULL CHECK (late >= 0),
  accepted         integer NOT NULL CHECK (accepted >= 0),
  accepted_on_time integer NOT NULL CHECK (accepted_on_time BETWEEN 0 AND accepted),
  awaiting_review  integer NOT NULL CHECK (awaiting_review >= 0),
  blocked_tasks    integer NOT NULL CHECK (blocked_tasks >= 0),
  progress         double precision CHECK (progress BETWEEN 0 AND 1),
  -- [{ deliverableId, engagementId, title, dueDate, status, scheduleStatus }], at most 5 each; json,
  -- not jsonb: the portfolio concatenates them as they are, which jsonb would parse and rebuild
  overdue          json NOT NULL DEFAULT '[]',
  next_due         json NOT NULL DEFAULT '[]',
  computed_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX engagement_progress_provider ON engagement_progress (provider_id);
