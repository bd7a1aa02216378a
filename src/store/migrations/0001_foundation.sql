-- Foundation: API keys. Keys are stored as a SHA-256 of their secret part; the plaintext is shown
-- once at creation and never again.
CREATE TABLE api_keys (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  role         text NOT NULL CHECK (role IN ('admin', 'pmo', 'finance', 'provider')),
  provider_id  text,
  secret_hash  text NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  CHECK ((role = 'provider') = (provider_id IS NOT NULL))
);
