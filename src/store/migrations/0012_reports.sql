-- Status reports Jalon writes by itself (the scheduled report job): one per engagement and period.
-- The journal entry carries the readable report; this row carries its period (the dedupe key: a
-- retried or concurrent job claims the same (engagement, period_from) and writes nothing more) and
-- the report as JSON. The claim is inserted before its journal entry, in the same transaction,
-- hence the deferred foreign key.
CREATE TABLE status_reports (
  engagement_id     text NOT NULL REFERENCES engagements (id),
  period_from       date NOT NULL,
  period_to         date NOT NULL,
  journal_entry_id  text NOT NULL UNIQUE
                    REFERENCES journal_entries (id) DEFERRABLE INITIALLY DEFERRED,
  content           jsonb NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (engagement_id, period_from),
  CHECK (period_to >= period_from)
);
-- The job asks for each engagement's latest report.
CREATE INDEX status_reports_latest ON status_reports (engagement_id, period_to DESC);
CREATE TRIGGER status_reports_no_update BEFORE UPDATE OR DELETE ON status_reports
  FOR EACH ROW EXECUTE FUNCTION jalon_append_only();
