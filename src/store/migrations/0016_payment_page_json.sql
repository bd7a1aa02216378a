-- Each payment milestone's entry of the finance list (GET /v1/payment-milestones), kept as the JSON
-- text the route sends, so that a page is a concatenation of stored texts instead of a statement
-- that writes every field of every row again (issue 6's read benchmark: the writing took ~4.5 ms of
-- the statement's 4.9 ms for a 50-item page on the Intel machine, to_char and the evidence rebuilt
-- key by key for each row, and the finance list missed its 20 ms p99 there).
--
-- The text is src/store/payments.repo.ts PAYMENT_JSON, written out below (test/unit/payment-json.test.ts
-- checks the two are the same expression; json-pages.test.ts checks the pages byte for byte against
-- the route's serializer). It depends only on the row and on its engagement's provider and currency:
-- a BEFORE trigger writes it on every insert and update of the row, and an engagement whose provider
-- or currency changes rewrites its milestones' texts in the same transaction.
ALTER TABLE payment_milestones ADD COLUMN page_json text;

CREATE FUNCTION jalon_payment_page_json() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT ('{"id":' || to_json(m.id)::text
      || ',"engagementId":' || to_json(m.engagement_id)::text
      || ',"providerId":' || to_json(e.provider_id)::text
      || ',"label":' || to_json(m.label)::text
      || ',"status":' || to_json(m.status)::text
      || ',"currency":' || to_json(e.currency)::text
      || ',"amountMinor":' || (m.amount_minor)::text
      || ',"bonusMinor":' || coalesce((m.bonus_minor)::text, 'null')
      || ',"penaltyMinor":' || coalesce((m.penalty_minor)::text, 'null')
      || ',"retentionMinor":' || coalesce((m.retention_minor)::text, 'null')
      || ',"netMinor":' || coalesce((m.net_minor)::text, 'null')
      || ',"daysLate":' || coalesce((m.days_late)::text, 'null')
      || ',"daysEarly":' || coalesce((m.days_early)::text, 'null')
      || ',"notBefore":' || coalesce(to_json(m.not_before)::text, 'null')
      || ',"unlockedAt":' || coalesce('"' || to_char((m.unlocked_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')
      || ',"invoiceRef":' || coalesce(to_json(m.invoice_ref)::text, 'null')
      || ',"invoicedAt":' || coalesce('"' || to_char((m.invoiced_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')
      || ',"paymentRef":' || coalesce(to_json(m.payment_ref)::text, 'null')
      || ',"paidAt":' || coalesce('"' || to_char((m.paid_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')
      || ',"evidence":' || case when m.unlock_evidence is null or jsonb_typeof(m.unlock_evidence) = 'null' then 'null' else ('{"timeZone":' || to_json(m.unlock_evidence->>'timeZone')::text
      || ',"lateness":' || (m.unlock_evidence->'lateness')::text
      || ',"deliverables":' || (select case when count(*) = count(('{"deliverableId":' || to_json(ed.d->>'deliverableId')::text
      || ',"title":' || to_json(ed.d->>'title')::text
      || ',"dueDate":' || to_json(ed.d->>'dueDate')::text
      || ',"decisionId":' || to_json(ed.d->>'decisionId')::text
      || ',"acceptedAt":' || to_json(ed.d->>'acceptedAt')::text
      || ',"override":' || (ed.d->'override')::text
      || ',"daysLate":' || (ed.d->'daysLate')::text || '}')) then '[' || coalesce(string_agg(('{"deliverableId":' || to_json(ed.d->>'deliverableId')::text
      || ',"title":' || to_json(ed.d->>'title')::text
      || ',"dueDate":' || to_json(ed.d->>'dueDate')::text
      || ',"decisionId":' || to_json(ed.d->>'decisionId')::text
      || ',"acceptedAt":' || to_json(ed.d->>'acceptedAt')::text
      || ',"override":' || (ed.d->'override')::text
      || ',"daysLate":' || (ed.d->'daysLate')::text || '}'), ',' order by ed.i), '') || ']' end from jsonb_array_elements(m.unlock_evidence->'deliverables') with ordinality as ed(d, i)) || '}') end || '}')
  INTO NEW.page_json
  FROM (SELECT NEW.*) AS m
  JOIN engagements e ON e.id = m.engagement_id;
  RETURN NEW;
END
$$;

CREATE TRIGGER payment_page_json BEFORE INSERT OR UPDATE ON payment_milestones
  FOR EACH ROW EXECUTE FUNCTION jalon_payment_page_json();

CREATE FUNCTION jalon_payment_page_json_engagement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Any update of the rows runs the BEFORE trigger above, which writes their text again.
  UPDATE payment_milestones SET page_json = NULL WHERE engagement_id = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER payment_page_json_engagement AFTER UPDATE OF provider_id, currency ON engagements
  FOR EACH ROW WHEN (OLD.provider_id IS DISTINCT FROM NEW.provider_id OR OLD.currency IS DISTINCT FROM NEW.currency)
  EXECUTE FUNCTION jalon_payment_page_json_engagement();

-- The rows already there.
UPDATE payment_milestones SET page_json = NULL;
