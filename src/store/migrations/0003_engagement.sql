-- The engagement model: providers, engagements (the contract), deliverables, payment milestones,
-- change requests, contract versions, journal entries and evaluations. Money is bigint minor units;
-- civil dates are `date`; instants are timestamptz.

CREATE TABLE providers (
  id                text PRIMARY KEY,
  name              text NOT NULL,
  -- references checked before selection: [{ client, contact, outcome }]
  client_references jsonb NOT NULL DEFAULT '[]',
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Provider keys point at a provider. NOT VALID: keys made before providers existed are left alone;
-- every new or changed key is checked.
ALTER TABLE api_keys
  ADD CONSTRAINT api_keys_provider_fk FOREIGN KEY (provider_id) REFERENCES providers (id) NOT VALID;

CREATE TABLE engagements (
  id                   text PRIMARY KEY,
  provider_id          text NOT NULL REFERENCES providers (id),
  title                text NOT NULL,
  objective            text,
  specification_url    text,
  currency             text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  contract_value_minor bigint NOT NULL CHECK (contract_value_minor >= 0),
  payment_terms_days   integer CHECK (payment_terms_days BETWEEN 0 AND 365),
  confidentiality      text,
  ip_ownership         text,
  client_contact       jsonb,   -- { name, email }
  provider_contact     jsonb,   -- { name, email }
  start_date           date NOT NULL,
  end_date             date NOT NULL,
  time_zone            text NOT NULL DEFAULT 'UTC',
  status               text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'closed')),
  contract_version     integer NOT NULL DEFAULT 1 CHECK (contract_version >= 1),
  activated_at         timestamptz,
  closed_at            timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date >= start_date)
);
CREATE INDEX engagements_provider ON engagements (provider_id, id);
CREATE INDEX engagements_status ON engagements (status, id);

CREATE TABLE deliverables (
  id                  text PRIMARY KEY,
  engagement_id       text NOT NULL REFERENCES engagements (id),
  title               text NOT NULL,
  description         text,
  due_date            date NOT NULL,
  acceptance_criteria jsonb NOT NULL DEFAULT '[]',
  weight              double precision NOT NULL DEFAULT 1 CHECK (weight > 0),
  selector            jsonb NOT NULL DEFAULT '{}',
  status              text NOT NULL DEFAULT 'planned'
                      CHECK (status IN ('planned', 'in_progress', 'ready_for_review', 'accepted', 'rejected')),
  -- Removed by an approved change request: kept for the record and the earlier contract versions.
  removed_at          timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, engagement_id)
);
CREATE INDEX deliverables_engagement ON deliverables (engagement_id, id);

CREATE TABLE payment_milestones (
  id                   text PRIMARY KEY,
  engagement_id        text NOT NULL REFERENCES engagements (id),
  label                text NOT NULL,
  amount_minor         bigint NOT NULL CHECK (amount_minor >= 0),
  not_before           date,
  retention_bps        integer NOT NULL DEFAULT 0 CHECK (retention_bps BETWEEN 0 AND 10000),
  penalty_bps_per_day  integer CHECK (penalty_bps_per_day BETWEEN 0 AND 10000),
  penalty_grace_days   integer CHECK (penalty_grace_days BETWEEN 0 AND 3650),
  penalty_cap_bps      integer CHECK (penalty_cap_bps BETWEEN 0 AND 10000),
  bonus_bps_per_day    integer CHECK (bonus_bps_per_day BETWEEN 0 AND 10000),
  bonus_cap_bps        integer CHECK (bonus_cap_bps BETWEEN 0 AND 10000),
  status               text NOT NULL DEFAULT 'locked'
                       CHECK (status IN ('locked', 'unlocked', 'invoiced', 'paid')),
  -- Filled when the milestone unlocks (settlement) and as finance invoices and pays it.
  bonus_minor          bigint,
  penalty_minor        bigint,
  retention_minor      bigint,
  net_minor            bigint,
  days_late            integer,
  days_early           integer,
  unlocked_at          timestamptz,
  invoice_ref          text,
  invoiced_at          timestamptz,
  payment_ref          text,
  paid_at              timestamptz,
  removed_at           timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, engagement_id),
  -- A penalty rule or a bonus rule is whole or absent.
  CHECK ((penalty_bps_per_day IS NULL) = (penalty_grace_days IS NULL)
     AND (penalty_bps_per_day IS NULL) = (penalty_cap_bps IS NULL)),
  CHECK ((bonus_bps_per_day IS NULL) = (bonus_cap_bps IS NULL))
);
CREATE INDEX payment_milestones_engagement ON payment_milestones (engagement_id, id);
CREATE INDEX payment_milestones_status ON payment_milestones (status, id);

-- The deliverables a milestone waits for; the composite keys keep both in the same engagement.
CREATE TABLE milestone_deliverables (
  milestone_id   text NOT NULL,
  deliverable_id text NOT NULL,
  engagement_id  text NOT NULL,
  position       integer NOT NULL,
  PRIMARY KEY (milestone_id, deliverable_id),
  FOREIGN KEY (milestone_id, engagement_id) REFERENCES payment_milestones (id, engagement_id) ON DELETE CASCADE,
  FOREIGN KEY (deliverable_id, engagement_id) REFERENCES deliverables (id, engagement_id)
);
CREATE INDEX milestone_deliverables_deliverable ON milestone_deliverables (deliverable_id);

CREATE TABLE change_requests (
  id                          text PRIMARY KEY,
  engagement_id               text NOT NULL REFERENCES engagements (id),
  title                       text NOT NULL,
  rationale                   text NOT NULL,
  changes                     jsonb NOT NULL,
  impact_cost_minor           bigint NOT NULL,
  impact_schedule_days        integer NOT NULL,
  impact_quality              text,
  affects_unlocked_milestones boolean NOT NULL DEFAULT false,
  status                      text NOT NULL DEFAULT 'draft'
                              CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'withdrawn')),
  proposed_by                 text NOT NULL,  -- API key id
  proposed_by_role            text NOT NULL,
  proposed_by_provider_id     text REFERENCES providers (id),
  base_version                integer NOT NULL,
  applied_version             integer,
  submitted_at                timestamptz,
  decided_at                  timestamptz,
  decided_by                  text,
  decision_note               text,
  created_at                  timestamptz NOT NULL DEFAULT now(),
  updated_at                  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_requests_engagement ON change_requests (engagement_id, id);

-- The contract as it stood at each version: version 1 at activation, one more per approved change.
CREATE TABLE contract_versions (
  engagement_id     text NOT NULL REFERENCES engagements (id),
  version           integer NOT NULL CHECK (version >= 1),
  change_request_id text REFERENCES change_requests (id),
  snapshot          jsonb NOT NULL,
  recorded_by       text NOT NULL,
  recorded_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (engagement_id, version)
);

CREATE TABLE journal_entries (
  id              text PRIMARY KEY,
  engagement_id   text NOT NULL REFERENCES engagements (id),
  kind            text NOT NULL
                  CHECK (kind IN ('kickoff', 'status_meeting', 'decision', 'debrief', 'note', 'status_report')),
  occurred_at     timestamptz NOT NULL,
  participants    jsonb NOT NULL DEFAULT '[]',
  summary         text NOT NULL,
  decisions       jsonb NOT NULL DEFAULT '[]',
  action_items    jsonb NOT NULL DEFAULT '[]',
  author_key_id   text NOT NULL,
  author_role     text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX journal_entries_engagement ON journal_entries (engagement_id, id);

CREATE TABLE evaluations (
  engagement_id text PRIMARY KEY REFERENCES engagements (id),
  quality       smallint NOT NULL CHECK (quality BETWEEN 1 AND 5),
  timeliness    smallint NOT NULL CHECK (timeliness BETWEEN 1 AND 5),
  communication smallint NOT NULL CHECK (communication BETWEEN 1 AND 5),
  autonomy      smallint NOT NULL CHECK (autonomy BETWEEN 1 AND 5),
  budget        smallint NOT NULL CHECK (budget BETWEEN 1 AND 5),
  strengths     text,
  improvements  text,
  lessons       text,
  evaluated_by  text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Evidence is never edited: journal entries and contract snapshots refuse UPDATE, DELETE and
-- TRUNCATE in the database itself, as audit_log does.
CREATE FUNCTION jalon_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER journal_entries_no_update BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION jalon_append_only();
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION jalon_append_only();
CREATE TRIGGER contract_versions_no_update BEFORE UPDATE OR DELETE ON contract_versions
  FOR EACH ROW EXECUTE FUNCTION jalon_append_only();
CREATE TRIGGER contract_versions_no_truncate BEFORE TRUNCATE ON contract_versions
  FOR EACH STATEMENT EXECUTE FUNCTION jalon_append_only();
