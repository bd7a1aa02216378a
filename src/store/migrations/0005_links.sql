-- Links: which part of a connection (Jira project or JQL, Trello board, Asana project) feeds an
-- engagement, with the reconciliation cursor of each.
CREATE TABLE links (
  id                 text PRIMARY KEY,
  engagement_id      text NOT NULL REFERENCES engagements (id),
  connection_id      text NOT NULL REFERENCES connections (id),
  scope              jsonb NOT NULL,
  scope_key          text NOT NULL,
  sync_cursor        text,
  last_sync_at       timestamptz,
  last_full_sync_at  timestamptz,
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (engagement_id, connection_id, scope_key)
);
CREATE INDEX links_connection ON links (connection_id);
