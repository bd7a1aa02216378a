-- Issue 16 items 14 and 15: a milestone's lateness shown before and after grace, a warranty period
-- on its terms, and its retention (retenue de garantie) with a life of its own, released by the PMO
-- after the warranty and then invoiced and paid by finance (src/core/retention.ts).
ALTER TABLE payment_milestones
  -- max(0, L): calendar days late before grace; days_late stays DOMAIN.md's max(0, L − grace)
  ADD COLUMN days_late_raw integer,
  -- the days the late-penalty rule charges: days_late under a penalty rule, else 0
  ADD COLUMN days_charged integer,
  -- days after the unlock before the retention may be released
  ADD COLUMN warranty_days integer NOT NULL DEFAULT 0 CHECK (warranty_days BETWEEN 0 AND 3650),
  -- NULL while nothing is held back; held → released → invoiced → paid
  ADD COLUMN retention_status text CHECK (retention_status IN ('held', 'released', 'invoiced', 'paid')),
  ADD COLUMN retention_released_at timestamptz,
  ADD COLUMN retention_invoice_ref text,
  ADD COLUMN retention_invoiced_at timestamptz,
  ADD COLUMN retention_payment_ref text,
  ADD COLUMN retention_paid_at timestamptz;

-- The settled rows already there: their lateness from the stored evidence, their retention held.
UPDATE payment_milestones SET
  days_late_raw = greatest(0, (unlock_evidence->>'lateness')::int),
  days_charged = CASE WHEN penalty_bps_per_day IS NOT NULL THEN days_late ELSE 0 END
WHERE days_late IS NOT NULL AND jsonb_typeof(unlock_evidence->'lateness') = 'number';
UPDATE payment_milestones SET retention_status = 'held' WHERE retention_minor > 0;

-- The finance list's entry (migration 0016) with the new fields: src/store/payments.repo.ts
-- PAYMENT_JSON, written out below (test/unit/payment-json.test.ts checks they are the same). The
-- warranty's end depends on the engagement's time zone, which changes only while it is a draft,
-- before any milestone has unlocked.
CREATE OR REPLACE FUNCTION jalon_payment_page_json() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT ('{"id":' || to_json(m.id)::text || ',"engagementId":' || to_json(m.engagement_id)::text || ',"providerId":' || to_json(e.provider_id)::text || ',"label":' || to_json(m.label)::text || ',"status":' || to_json(m.status)::text || ',"currency":' || to_json(e.currency)::text || ',"amountMinor":' || (m.amount_minor)::text || ',"bonusMinor":' || coalesce((m.bonus_minor)::text, 'null') || ',"penaltyMinor":' || coalesce((m.penalty_minor)::text, 'null') || ',"retentionMinor":' || coalesce((m.retention_minor)::text, 'null') || ',"netMinor":' || coalesce((m.net_minor)::text, 'null') || ',"daysLate":' || coalesce((m.days_late)::text, 'null') || ',"daysLateRaw":' || coalesce((m.days_late_raw)::text, 'null') || ',"daysCharged":' || coalesce((m.days_charged)::text, 'null') || ',"daysEarly":' || coalesce((m.days_early)::text, 'null') || ',"notBefore":' || coalesce(to_json(m.not_before)::text, 'null') || ',"unlockedAt":' || coalesce('"' || to_char((m.unlocked_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null') || ',"invoiceRef":' || coalesce(to_json(m.invoice_ref)::text, 'null') || ',"invoicedAt":' || coalesce('"' || to_char((m.invoiced_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null') || ',"paymentRef":' || coalesce(to_json(m.payment_ref)::text, 'null') || ',"paidAt":' || coalesce('"' || to_char((m.paid_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null') || ',"warrantyDays":' || (m.warranty_days)::text || ',"warrantyEndsOn":' || coalesce(to_json(((m.unlocked_at at time zone e.time_zone)::date + m.warranty_days))::text, 'null') || ',"retentionStatus":' || coalesce(to_json(m.retention_status)::text, 'null') || ',"retentionReleasedAt":' || coalesce('"' || to_char((m.retention_released_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null') || ',"retentionInvoiceRef":' || coalesce(to_json(m.retention_invoice_ref)::text, 'null') || ',"retentionInvoicedAt":' || coalesce('"' || to_char((m.retention_invoiced_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null') || ',"retentionPaymentRef":' || coalesce(to_json(m.retention_payment_ref)::text, 'null') || ',"retentionPaidAt":' || coalesce('"' || to_char((m.retention_paid_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null') || ',"evidence":' || case when m.unlock_evidence is null or jsonb_typeof(m.unlock_evidence) = 'null' then 'null' else ('{"timeZone":' || to_json(m.unlock_evidence->>'timeZone')::text || ',"lateness":' || (m.unlock_evidence->'lateness')::text || ',"deliverables":' || (select case when count(*) = count(('{"deliverableId":' || to_json(ed.d->>'deliverableId')::text || ',"title":' || to_json(ed.d->>'title')::text || ',"dueDate":' || to_json(ed.d->>'dueDate')::text || ',"decisionId":' || to_json(ed.d->>'decisionId')::text || ',"acceptedAt":' || to_json(ed.d->>'acceptedAt')::text || ',"override":' || (ed.d->'override')::text || ',"daysLate":' || (ed.d->'daysLate')::text || '}')) then '[' || coalesce(string_agg(('{"deliverableId":' || to_json(ed.d->>'deliverableId')::text || ',"title":' || to_json(ed.d->>'title')::text || ',"dueDate":' || to_json(ed.d->>'dueDate')::text || ',"decisionId":' || to_json(ed.d->>'decisionId')::text || ',"acceptedAt":' || to_json(ed.d->>'acceptedAt')::text || ',"override":' || (ed.d->'override')::text || ',"daysLate":' || (ed.d->'daysLate')::text || '}'), ',' order by ed.i), '') || ']' end from jsonb_array_elements(m.unlock_evidence->'deliverables') with ordinality as ed(d, i)) || '}') end || '}')
  INTO NEW.page_json
  FROM (SELECT NEW.*) AS m
  JOIN engagements e ON e.id = m.engagement_id;
  RETURN NEW;
END
$$;

-- Every row's text again, through the trigger.
UPDATE payment_milestones SET page_json = NULL;
