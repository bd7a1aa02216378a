-- One engagement per tracker scope (issue 16 item 12). A task row belongs to one connection and
-- carries one deliverable: two engagements following the same Jira project, Trello board or Asana
-- project of one connection each unset the other's assignments on every recompute. A scope
-- (connection, scope_key) is now linked at most once; a second link is refused with a 409 naming
-- the engagement that holds it (services/links.service.ts), and this index makes that hold under
-- concurrent requests.
--
-- Links that already share a scope are kept (removing them here would lose who linked what, and
-- only an audited DELETE /v1/engagements/{id}/links/{linkId} removes a link): the index leaves out
-- every link but the oldest of each shared scope, so it can be built, and refuses any new one.
-- Until an operator removes them, membership keeps those engagements from taking each other's
-- tasks (services/membership.service.ts).
DO $$
DECLARE
  extra text;
BEGIN
  SELECT string_agg(quote_literal(id), ', ' ORDER BY id) INTO extra
  FROM (
    SELECT id, row_number() OVER (PARTITION BY connection_id, scope_key ORDER BY created_at, id) AS n
    FROM links
  ) l
  WHERE n > 1;
  IF extra IS NULL THEN
    CREATE UNIQUE INDEX links_one_per_scope ON links (connection_id, scope_key);
  ELSE
    EXECUTE format(
      'CREATE UNIQUE INDEX links_one_per_scope ON links (connection_id, scope_key) WHERE id NOT IN (%s)',
      extra
    );
  END IF;
END
$$;
