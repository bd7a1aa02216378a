-- The PMO portfolio (GET /v1/dashboard/providers) per provider, kept by the database itself so that
-- a page reads one row per provider instead of aggregating every engagement, progress summary and
-- milestone of the page's providers on each request (issue 6's read benchmark).
--
-- Exactly the live aggregation (store/dashboard.repo.ts portfolioQuery, kept as the reference and
-- compared with this table in test/integration/portfolio-summary.test.ts), never older than a
-- committed write:
-- * Every input is watched by a trigger: engagements (provider, status, currency), engagement_progress
--   (any change), deliverables (added, removed, moved: the not-yet-computed count), payment_milestones
--   (status, amount, net, removal). Providers themselves are not: the page joins providers live for
--   the name, and a provider with no row here reads as zeros, as the live aggregation writes it.
-- * Those triggers only mark the provider; a deferred trigger refreshes each marked provider once, at
--   COMMIT, by recomputing its whole row after locking it: under READ COMMITTED each statement of
--   the function takes a new snapshot, so the computation, made after the lock, sees every
--   transaction that refreshed this provider before (it held the lock until its commit) plus this
--   one's own writes. Two writers of one provider cannot lose each other's change. Taken at COMMIT,
--   the lock comes after every other row lock of the transaction: it adds no lock-order deadlock
--   between writers of the same provider.
-- * Nothing here depends on today's date: overdue and next-due lists are the engagements' stored
--   ones (the recompute job rewrites them as days pass), so the row is right whenever its inputs are.
-- The due lists are the provider's first DUE_ITEMS (5) in firstDue's order, already written as
-- JSON text, so that a page neither parses nor writes them again.
CREATE TABLE provider_portfolio (
  provider_id        text PRIMARY KEY,
  active_engagements integer NOT NULL DEFAULT 0,
  deliverables       integer NOT NULL DEFAULT 0,
  on_track           integer NOT NULL DEFAULT 0,
  at_risk            integer NOT NULL DEFAULT 0,
  late               integer NOT NULL DEFAULT 0,
  accepted           integer NOT NULL DEFAULT 0,
  not_computed       integer NOT NULL DEFAULT 0,
  awaiting_review    integer NOT NULL DEFAULT 0,
  blocked_tasks      integer NOT NULL DEFAULT 0,
  -- accepted and on time over every engagement, closed ones included (the on-time rate)
  accepted_all       integer NOT NULL DEFAULT 0,
  on_time            integer NOT NULL DEFAULT 0,
  -- the first five overdue and next-due items of its active engagements, as the page writes them
  -- (JSON objects separated by commas, without the brackets); NULL if an item could not be written
  overdue            text DEFAULT '',
  next_due           text DEFAULT '',
  -- [{ currency, unlockedMinor, invoicedMinor, paidMinor }] by currency, as the live jsonb_agg
  money              jsonb NOT NULL DEFAULT '[]'
);

CREATE FUNCTION jalon_portfolio_refresh(p text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p IS NULL THEN
    RETURN;
  END IF;
  -- The row exists before it is locked: two first writers of a provider then queue on it.
  INSERT INTO provider_portfolio (provider_id) VALUES (p) ON CONFLICT (provider_id) DO NOTHING;
  PERFORM 1 FROM provider_portfolio WHERE provider_id = p FOR UPDATE;
  -- A new statement, so a new snapshot: taken after the lock (see above).
  WITH eng AS (
    SELECT e.id, e.status = 'active' AS active, s.engagement_id IS NOT NULL AS computed,
      s.deliverables, s.on_track, s.at_risk, s.late, s.accepted, s.accepted_on_time, s.awaiting_review,
      s.blocked_tasks, s.overdue, s.next_due
    FROM engagements e
    LEFT JOIN engagement_progress s ON s.engagement_id = e.id
    WHERE e.provider_id = p
  ),
  figures AS (
    SELECT
      count(*) FILTER (WHERE active)::int AS active_engagements,
      coalesce(sum(deliverables) FILTER (WHERE active), 0)::int AS deliverables,
      coalesce(sum(on_track) FILTER (WHERE active), 0)::int AS on_track,
      coalesce(sum(at_risk) FILTER (WHERE active), 0)::int AS at_risk,
      coalesce(sum(late) FILTER (WHERE active), 0)::int AS late,
      coalesce(sum(accepted) FILTER (WHERE active), 0)::int AS accepted,
      coalesce(sum(CASE WHEN active AND NOT computed THEN (
        SELECT count(*) FROM deliverables d WHERE d.engagement_id = eng.id AND d.removed_at IS NULL
      ) ELSE 0 END), 0)::int AS not_computed,
      coalesce(sum(awaiting_review) FILTER (WHERE active), 0)::int AS awaiting_review,
      coalesce(sum(blocked_tasks) FILTER (WHERE active), 0)::int AS blocked_tasks,
      coalesce(sum(accepted), 0)::int AS accepted_all,
      coalesce(sum(accepted_on_time), 0)::int AS on_time
    FROM eng
  ),
  items AS (
    SELECT 'overdue' AS list, item FROM eng, json_array_elements(eng.overdue) AS item WHERE active AND late > 0
    UNION ALL
    SELECT 'next_due', item FROM eng, json_array_elements(eng.next_due) AS item WHERE active AND computed
  ),
  ranked AS (
    -- firstDue's order (core/progress-summary.ts): due date, then id, compared as code units ("C")
    SELECT list,
      row_number() OVER (PARTITION BY list
        ORDER BY (item->>'dueDate') COLLATE "C", (item->>'deliverableId') COLLATE "C") AS n,
      -- the page's text of the item: the schema's keys in its order, strings as JSON.stringify
      -- writes them (to_json), other stored keys dropped; NULL when a field is missing
      '{"deliverableId":' || to_json(item->>'deliverableId')::text
        || ',"engagementId":' || to_json(item->>'engagementId')::text
        || ',"title":' || to_json(item->>'title')::text
        || ',"dueDate":' || to_json(item->>'dueDate')::text
        || ',"status":' || to_json(item->>'status')::text
        || ',"scheduleStatus":' || to_json(item->>'scheduleStatus')::text || '}' AS text
    FROM items
  ),
  due AS (
    -- NULL (refused by the read) rather than a list that silently lost an unwritable item
    SELECT
      CASE WHEN count(*) FILTER (WHERE list = 'overdue') = count(text) FILTER (WHERE list = 'overdue')
        THEN coalesce(string_agg(text, ',' ORDER BY n) FILTER (WHERE list = 'overdue'), '') END AS overdue,
      CASE WHEN count(*) FILTER (WHERE list = 'next_due') = count(text) FILTER (WHERE list = 'next_due')
        THEN coalesce(string_agg(text, ',' ORDER BY n) FILTER (WHERE list = 'next_due'), '') END AS next_due
    FROM ranked WHERE n <= 5
  ),
  currencies AS (
    SELECT e.currency,
      coalesce(sum(coalesce(m.net_minor, m.amount_minor)) FILTER (WHERE m.status = 'unlocked'), 0) AS unlocked,
      coalesce(sum(coalesce(m.net_minor, m.amount_minor)) FILTER (WHERE m.status = 'invoiced'), 0) AS invoiced,
      coalesce(sum(coalesce(m.net_minor, m.amount_minor)) FILTER (WHERE m.status = 'paid'), 0) AS paid
    FROM engagements e
    JOIN payment_milestones m ON m.engagement_id = e.id AND m.removed_at IS NULL
      AND m.status IN ('unlocked', 'invoiced', 'paid')
    WHERE e.provider_id = p
    GROUP BY e.currency
  ),
  money AS (
    SELECT coalesce(jsonb_agg(jsonb_build_object('currency', currency, 'unlockedMinor', unlocked,
      'invoicedMinor', invoiced, 'paidMinor', paid) ORDER BY currency), '[]') AS totals
    FROM currencies
  )
  UPDATE provider_portfolio t SET
    active_engagements = f.active_engagements, deliverables = f.deliverables, on_track = f.on_track,
    at_risk = f.at_risk, late = f.late, accepted = f.accepted, not_computed = f.not_computed,
    awaiting_review = f.awaiting_review, blocked_tasks = f.blocked_tasks, accepted_all = f.accepted_all,
    on_time = f.on_time, overdue = due.overdue, next_due = due.next_due, money = money.totals
  FROM figures f, due, money
  WHERE t.provider_id = p;
END;
$$;

-- Which providers this transaction changed, to refresh at COMMIT: a transaction-local setting (a
-- text[]), so that many rows of one provider (a bulk insert, a change request) refresh it once, and
-- a savepoint rolled back forgets its marks as it forgets its rows.
CREATE FUNCTION jalon_portfolio_mark(p text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  pending text[] := coalesce(nullif(current_setting('jalon.portfolio_pending', true), ''), '{}')::text[];
BEGIN
  IF p IS NOT NULL AND NOT (p = ANY (pending)) THEN
    PERFORM set_config('jalon.portfolio_pending', array_append(pending, p)::text, true);
  END IF;
END;
$$;

-- Deferred to COMMIT (or SET CONSTRAINTS … IMMEDIATE): refreshes the marked providers in id order
-- (two transactions of several providers lock them in one order) and clears the marks; the other
-- deferred events of the transaction then find nothing to do.
CREATE FUNCTION jalon_portfolio_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  pending text[] := coalesce(nullif(current_setting('jalon.portfolio_pending', true), ''), '{}')::text[];
  p text;
BEGIN
  IF cardinality(pending) > 0 THEN
    PERFORM set_config('jalon.portfolio_pending', '{}', true);
    FOR p IN SELECT unnest(pending) ORDER BY 1 LOOP
      PERFORM jalon_portfolio_refresh(p);
    END LOOP;
  END IF;
  RETURN NULL;
END;
$$;

-- An engagement: its provider (old and new), status or currency.
CREATE FUNCTION jalon_portfolio_engagement_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM jalon_portfolio_mark(OLD.provider_id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM jalon_portfolio_mark(NEW.provider_id);
  END IF;
  RETURN NULL;
END;
$$;

-- A row of an engagement (its progress summary, a deliverable, a milestone): the engagement's provider.
CREATE FUNCTION jalon_portfolio_part_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM jalon_portfolio_mark(e.provider_id) FROM engagements e WHERE e.id = OLD.engagement_id;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.engagement_id IS DISTINCT FROM OLD.engagement_id) THEN
    PERFORM jalon_portfolio_mark(e.provider_id) FROM engagements e WHERE e.id = NEW.engagement_id;
  END IF;
  RETURN NULL;
END;
$$;

-- The marks, as each input row changes.
CREATE TRIGGER provider_portfolio_engagement_added_removed AFTER INSERT OR DELETE ON engagements
  FOR EACH ROW EXECUTE FUNCTION jalon_portfolio_engagement_changed();
CREATE TRIGGER provider_portfolio_engagement_updated AFTER UPDATE ON engagements
  FOR EACH ROW WHEN (OLD.provider_id IS DISTINCT FROM NEW.provider_id OR OLD.status IS DISTINCT FROM NEW.status
    OR OLD.currency IS DISTINCT FROM NEW.currency)
  EXECUTE FUNCTION jalon_portfolio_engagement_changed();
-- Any change of a summary (json columns have no equality to compare; the recompute writes only
-- when its figures changed).
CREATE TRIGGER provider_portfolio_progress AFTER INSERT OR UPDATE OR DELETE ON engagement_progress
  FOR EACH ROW EXECUTE FUNCTION jalon_portfolio_part_changed();
CREATE TRIGGER provider_portfolio_deliverable_added_removed AFTER INSERT OR DELETE ON deliverables
  FOR EACH ROW EXECUTE FUNCTION jalon_portfolio_part_changed();
CREATE TRIGGER provider_portfolio_deliverable_updated AFTER UPDATE ON deliverables
  FOR EACH ROW WHEN (OLD.removed_at IS DISTINCT FROM NEW.removed_at
    OR OLD.engagement_id IS DISTINCT FROM NEW.engagement_id)
  EXECUTE FUNCTION jalon_portfolio_part_changed();
CREATE TRIGGER provider_portfolio_milestone_added_removed AFTER INSERT OR DELETE ON payment_milestones
  FOR EACH ROW EXECUTE FUNCTION jalon_portfolio_part_changed();
CREATE TRIGGER provider_portfolio_milestone_updated AFTER UPDATE ON payment_milestones
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.amount_minor IS DISTINCT FROM NEW.amount_minor
    OR OLD.net_minor IS DISTINCT FROM NEW.net_minor OR OLD.removed_at IS DISTINCT FROM NEW.removed_at
    OR OLD.engagement_id IS DISTINCT FROM NEW.engagement_id)
  EXECUTE FUNCTION jalon_portfolio_part_changed();

-- The refresh, at COMMIT, once per transaction that marked a provider (constraint triggers are the
-- deferrable ones; the same events as the marks, without their conditions: a flush with nothing
-- marked does nothing).
CREATE CONSTRAINT TRIGGER provider_portfolio_flush_engagements
  AFTER INSERT OR UPDATE OR DELETE ON engagements DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION jalon_portfolio_flush();
CREATE CONSTRAINT TRIGGER provider_portfolio_flush_progress
  AFTER INSERT OR UPDATE OR DELETE ON engagement_progress DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION jalon_portfolio_flush();
CREATE CONSTRAINT TRIGGER provider_portfolio_flush_deliverables
  AFTER INSERT OR UPDATE OR DELETE ON deliverables DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION jalon_portfolio_flush();
CREATE CONSTRAINT TRIGGER provider_portfolio_flush_milestones
  AFTER INSERT OR UPDATE OR DELETE ON payment_milestones DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION jalon_portfolio_flush();

-- The rows of the providers that already have engagements (the others read as zeros).
SELECT jalon_portfolio_refresh(provider_id) FROM (SELECT DISTINCT provider_id FROM engagements) AS p;
