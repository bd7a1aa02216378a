-- The audit chain: every write to every entity, append-only. Each row's hash covers the previous
-- row's hash, so an edited or deleted row breaks the chain from that point on.
CREATE TABLE audit_log (
  seq          bigserial PRIMARY KEY,
  id           text NOT NULL UNIQUE,
  at           text NOT NULL,            -- ISO 8601 UTC, exactly as hashed
  actor_key_id text NOT NULL,
  actor_role   text NOT NULL,
  entity_type  text NOT NULL,
  entity_id    text NOT NULL,
  action       text NOT NULL,
  before       jsonb,
  after        jsonb,
  prev_hash    text NOT NULL,
  hash         text NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, seq);

-- Enforced in the database, not only in code: no role may update, delete or truncate audit rows
-- while the trigger is enabled (disabling it needs the table owner or a superuser).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
