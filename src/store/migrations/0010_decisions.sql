-- Client decisions on deliverables (FLOW.md journey 2) and the idempotency keys of money writes.

-- One row per decision: who decided what, per-criterion results, and the deliverable's tasks as
-- they stood at that moment (the evidence). Decisions are evidence: never edited, never deleted.
CREATE TABLE decisions (
  id               text PRIMARY KEY,
  deliverable_id   text NOT NULL,
  engagement_id    text NOT NULL REFERENCES engagements (id),
  decision         text NOT NULL CHECK (decision IN ('accept', 'reject')),
  -- The PMO accepted before every task was done, or despite an unmet criterion.
  override         boolean NOT NULL DEFAULT false,
  note             text,
  -- [{ criterion, met, comment? }]
  criteria         jsonb NOT NULL DEFAULT '[]',
  decided_by       text NOT NULL,  -- API key id
  decided_by_role  text NOT NULL,
  decided_at       timestamptz NOT NULL,
  status_before    text NOT NULL,
  status_after     text NOT NULL,
  -- { capturedAt, tasks: [{ id, tracker, key, title, statusCategory, status, url, updatedAt, … }], counts }
  evidence         jsonb NOT NULL,
  FOREIGN KEY (deliverable_id, engagement_id) REFERENCES deliverables (id, engagement_id)
);
CREATE INDEX decisions_deliverable ON decisions (deliverable_id, id);
-- `accepted` is final: a deliverable has at most one accepting decision.
CREATE UNIQUE INDEX decisions_one_acceptance ON decisions (deliverable_id) WHERE decision = 'accept';
CREATE TRIGGER decisions_no_update BEFORE UPDATE OR DELETE ON decisions
  FOR EACH ROW EXECUTE FUNCTION jalon_append_only();
CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions
  FOR EACH STATEMENT EXECUTE FUNCTION jalon_append_only();

-- What a milestone's settlement was computed from, recorded when it unlocks:
-- { timeZone, lateness, deliverables: [{ deliverableId, title, dueDate, decisionId, acceptedAt, override, daysLate }] }
ALTER TABLE payment_milestones ADD COLUMN unlock_evidence jsonb;
-- The scheduled unlock check looks only at milestones still locked.
CREATE INDEX payment_milestones_locked ON payment_milestones (engagement_id) WHERE status = 'locked';
CREATE INDEX payment_milestones_unlocked_at ON payment_milestones (unlocked_at, id) WHERE unlocked_at IS NOT NULL;

-- `Idempotency-Key` of writes that move money: the first answer is stored in the same transaction
-- as the change it reports, and replayed for the same key and request; another request under the
-- same key is refused. The scope is the route and the caller's key id.
CREATE TABLE idempotency_keys (
  scope            text NOT NULL,
  key              text NOT NULL,
  request_hash     text NOT NULL,
  -- Written in the claiming transaction before it commits; never seen null by another one.
  response_status  integer,
  response_body    jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
