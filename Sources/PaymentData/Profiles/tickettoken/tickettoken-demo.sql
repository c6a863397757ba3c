-- Demo data for the tickettoken platform: converts the canonical demo data set (schema payops_seed, the
-- canonical fixture's tables filled by payops' generator) into the tickettoken tables in schema public and
-- payops' own tables. Works on both tickettoken schemas: seed 001's (tickettoken-fixture.sql) and the real
-- service's (tickettoken-rls-fixture.sql). Run once, into empty tables, after the fixture and `payops db
-- install`, with the setting payops.seed_timezone = the zone the profile is installed with (default 'UTC').
-- The caller drops payops_seed afterwards.
--
-- How one statement fits both schemas: each table is filled by
--     SELECT pg_temp.tt_copy('public.t', $q$ <canonical rows, named as t's columns> $q$);
-- which inserts the columns that t has (the others it leaves to t's defaults; names t lacks are ignored, so
-- the real schema's event_id, type, payment_id … are given for it and dropped on the seed's), each cast to
-- t's column type: bigint cents -> DECIMAL or decimal(10,2), text -> the enum or varchar (typmods checked by
-- the INSERT, nothing is truncated), timestamptz -> TIMESTAMP or timestamptz. TimeZone is set to
-- payops.seed_timezone meanwhile, so a TIMESTAMP gets the wall-clock time there (x AT TIME ZONE zone), which is
-- what payops.utc(x) undoes (except in the hour a daylight-saving zone repeats each autumn: a zone-less time
-- cannot tell its two passes apart, so those rows read back one hour later; none in UTC). A table the schema
-- lacks (the real service's outbox) is skipped.
-- For speed (1 M payments and their rows), the target tables' plain (non-unique, non-constraint) indexes,
-- payops' included, are dropped before the load and re-created from their exact definitions after it; run the
-- file in one transaction to get them back whatever happens.
--
-- Conversions beyond types:
--   * Statuses: seed 001's payment status enum has no 'partially_refunded': such payments become 'completed'
--     there (the real schema's CHECK has the label: kept). Every other canonical label fits both schemas.
--   * Tenants: every row's tenant is one of three fixed tenants, chosen by the last byte of its venue id
--     (payments, balances, mints) or of its payment's venue id (refunds, fraud checks, event sequence,
--     webhooks, outbox, dead letters, idempotency keys, scalpers by their first payment); the first tenant
--     when nothing leads to a venue. The canonical tenant ids are not kept. A tenants table, if the schema
--     has one, gets the three tenants.
--   * payment_events: seed 001 has no audit table. Every event with an address, of a failed payment, becomes
--     a fraud check decided 'decline' (score = the payment's fraud score, at least 0.80) at the event's time,
--     from that address, by the payment's user, with its device: the Suspicious IPs pane (which counts checks
--     decided decline or challenge) finds the same attackers. Canonical fraud checks are copied as well.
--   * Refund idempotency keys are text in the canonical set and uuid here: md5(key)::uuid unless already a uuid.
--   * venue_payouts -> payops.payout_requests, venues -> payops.venue_names (name, tier), requeued dead letters
--     -> payops.dead_letter_requeues. No canonical source for payment_intents: left empty. The real schema has
--     no outbox table: the canonical outbox rows are dropped there.
--
-- Deliberate anomalies, one of each kind the seed's schema cannot prevent (no CHECK keeps them out), so the
-- Overview's invariant alarms fire on the demo:
--   * a negative balance: the available balance of the venue with the smallest id is -12345 cents (-123.45);
--   * an over-refunded payment: the first partially refunded payment (else completed, else any, by id) gets one
--     more completed refund of (amount - its refunds not failed + 1000), so its refunds exceed it by 1000 cents.
-- Deterministic (no random(), no now()); set-based, one INSERT per table.

SET client_min_messages = warning;
SELECT pg_catalog.set_config('payops.demo_saved_timezone', pg_catalog.current_setting('TimeZone'), false);
SELECT pg_catalog.set_config('TimeZone',
    coalesce(nullif(pg_catalog.current_setting('payops.seed_timezone', true), ''), 'UTC'), false);
-- The real schema's row-level security admits every row for a system user (its policy's second branch);
-- superusers bypass it anyway. Restored at the end.
SELECT pg_catalog.set_config('payops.demo_saved_system_user',
    coalesce(pg_catalog.current_setting('app.is_system_user', true), ''), false);
SELECT pg_catalog.set_config('app.is_system_user', 'true', false);
SET work_mem = '256MB';

-- The tenant of a venue: one of three fixed uuids, by the venue id's last byte; the first without a venue.
CREATE FUNCTION pg_temp.tt_tenant(venue uuid) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
    SELECT (ARRAY['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b',
                  '00000000-0000-4000-8000-00000000000c']::uuid[])[1 + coalesce(get_byte(uuid_send(venue), 15) % 3, 0)]
$$;
-- Does the column accept the label? False only for an enum column whose type lacks it.
CREATE FUNCTION pg_temp.tt_accepts(tbl regclass, col name, label text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
                       WHERE a.attrelid = tbl AND a.attname = col AND t.typtype = 'e')
        OR EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_enum e ON e.enumtypid = a.atttypid
                   WHERE a.attrelid = tbl AND a.attname = col AND e.enumlabel = label)
$$;
-- Text of a uuid, or a uuid made from the text (md5).
CREATE FUNCTION pg_temp.tt_uuid(key text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN key ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN key::uuid
                ELSE md5(key)::uuid END
$$;

-- Insert into `target` the rows of the query `source`: the columns the target has, cast to their types.
-- Returns the row count; NULL when the schema has no such table.
CREATE FUNCTION pg_temp.tt_copy(target text, source text, conflict text DEFAULT '') RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    rel regclass := pg_catalog.to_regclass(target);
    cols text;
    vals text;
    n bigint;
BEGIN
    IF rel IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE 'CREATE TEMP VIEW tt_source AS ' || source;
    SELECT string_agg(quote_ident(t.attname), ', ' ORDER BY s.attnum),
           string_agg(format('s.%I::%s', t.attname, t.atttypid::regtype), ', ' ORDER BY s.attnum)
    INTO cols, vals
    FROM pg_catalog.pg_attribute s
    JOIN pg_catalog.pg_attribute t ON t.attrelid = rel AND t.attname = s.attname AND t.attnum > 0 AND NOT t.attisdropped
    WHERE s.attrelid = 'pg_temp.tt_source'::regclass AND s.attnum > 0;
    EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM pg_temp.tt_source s %s', rel, cols, vals, conflict);
    GET DIAGNOSTICS n = ROW_COUNT;
    DROP VIEW pg_temp.tt_source;
    RETURN n;
END
$$;

-- The target tables' plain indexes, saved and dropped for the load (re-created at the end).
CREATE TEMP TABLE tt_saved_indexes AS
SELECT x.schemaname, x.indexname, x.indexdef
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
JOIN pg_catalog.pg_indexes x ON x.schemaname = c.relnamespace::regnamespace::text AND x.indexname = c.relname
WHERE i.indrelid IN (SELECT pg_catalog.to_regclass('public.' || t)
                     FROM unnest(ARRAY['payment_transactions', 'payment_refunds', 'venue_balances', 'fraud_checks',
                                       'known_scalpers', 'payment_event_sequence', 'payment_idempotency', 'webhook_inbox',
                                       'outbox', 'outbox_dlq', 'nft_mint_queue']) AS t)
  AND NOT i.indisprimary AND NOT i.indisunique
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid);
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT schemaname, indexname FROM pg_temp.tt_saved_indexes ORDER BY indexname LOOP
        EXECUTE format('DROP INDEX %I.%I', r.schemaname, r.indexname);
    END LOOP;
END
$$;

-- Tenants, where the schema has a table for them (neither fixture has): the three fixed ones.
SELECT pg_temp.tt_copy('public.tenants', $q$
    SELECT x.id, x.name, x.slug, 'active' AS status, '{}'::jsonb AS settings,
           timestamptz '2024-01-01 00:00:00+00' AS created_at, timestamptz '2024-01-01 00:00:00+00' AS updated_at
    FROM (VALUES ('00000000-0000-4000-8000-00000000000a'::uuid, 'Demo tenant A', 'demo-a'),
                 ('00000000-0000-4000-8000-00000000000b'::uuid, 'Demo tenant B', 'demo-b'),
                 ('00000000-0000-4000-8000-00000000000c'::uuid, 'Demo tenant C', 'demo-c')) AS x(id, name, slug)
$q$, 'ON CONFLICT DO NOTHING');

-- payment_transactions, in time order as a live system appends them.
SELECT pg_temp.tt_copy('public.payment_transactions', $q$
    SELECT t.id, pg_temp.tt_tenant(t.venue_id) AS tenant_id, t.venue_id, t.user_id, t.event_id,
           'ticket_purchase' AS type, t.amount, t.currency,
           CASE WHEN t.status = 'partially_refunded' AND NOT c.partial THEN 'completed' ELSE t.status END AS status,
           t.platform_fee, t.venue_payout, t.gas_fee_paid, t.tax_amount, t.stripe_payment_intent_id,
           t.device_fingerprint, t.payment_method_fingerprint, t.metadata, t.idempotency_key, t.created_at,
           t.updated_at
    FROM payops_seed.payment_transactions t
    CROSS JOIN (SELECT pg_temp.tt_accepts('public.payment_transactions', 'status', 'partially_refunded') AS partial) c
    ORDER BY t.created_at, t.id
$q$);

-- payment_refunds, plus the over-refund anomaly.
SELECT pg_temp.tt_copy('public.payment_refunds', $q$
    SELECT f.id, f.transaction_id, f.amount, f.reason, f.status, f.stripe_refund_id, f.metadata,
           pg_temp.tt_uuid(f.idempotency_key) AS idempotency_key, pg_temp.tt_tenant(p.venue_id) AS tenant_id,
           f.created_at, f.completed_at, f.updated_at
    FROM payops_seed.payment_refunds f
    LEFT JOIN payops_seed.payment_transactions p ON p.id = f.transaction_id
    UNION ALL
    SELECT md5('payops demo over-refund ' || a.id)::uuid, a.id, a.amount - a.refunded + 1000, 'duplicate', 'completed',
           're_payops_demo_over_refund',
           '{"note": "deliberate demo anomaly: this refund takes the refunds above the payment amount"}'::jsonb,
           md5('payops demo over-refund key ' || a.id)::uuid, pg_temp.tt_tenant(a.venue_id), a.at, a.at, a.at
    FROM (SELECT p.id, p.venue_id, p.amount, p.created_at + (p.updated_at - p.created_at) / 2 AS at,
                 (SELECT coalesce(sum(x.amount), 0) FROM payops_seed.payment_refunds x
                  WHERE x.transaction_id = p.id AND x.status <> 'failed') AS refunded
          FROM payops_seed.payment_transactions p
          ORDER BY CASE p.status WHEN 'partially_refunded' THEN 0 WHEN 'completed' THEN 1 WHEN 'refunded' THEN 2
                   ELSE 3 END, p.id
          LIMIT 1) a
    ORDER BY created_at, id
$q$);

-- venue_balances, plus the negative-balance anomaly. The real schema's surrogate id: md5 of (venue, type);
-- its running balances (available_balance …) keep their default 0.
SELECT pg_temp.tt_copy('public.venue_balances', $q$
    SELECT md5('payops demo balance ' || b.venue_id || ' ' || b.balance_type)::uuid AS id,
           pg_temp.tt_tenant(b.venue_id) AS tenant_id, b.venue_id, b.balance_type,
           CASE WHEN b.balance_type = 'available' AND b.venue_id = n.venue_id THEN -12345 ELSE b.amount END AS amount,
           b.currency, b.last_payout_at, b.created_at, b.updated_at
    FROM payops_seed.venue_balances b
    CROSS JOIN (SELECT v.venue_id FROM payops_seed.venue_balances v WHERE v.balance_type = 'available'
                ORDER BY v.venue_id LIMIT 1) n
    ORDER BY b.venue_id, b.balance_type
$q$);

-- fraud_checks: the canonical checks, and one 'decline' per addressed event of a failed payment.
SELECT pg_temp.tt_copy('public.fraud_checks', $q$
    SELECT f.id, pg_temp.tt_tenant(p.venue_id) AS tenant_id, coalesce(f.user_id, p.user_id) AS user_id,
           f.payment_id, f.device_fingerprint, f.ip_address, f.score, f.score * 100 AS risk_score, f.signals,
           coalesce(f.decision, 'review') AS decision, 'payment' AS check_type, f."timestamp",
           f."timestamp" AS created_at
    FROM payops_seed.fraud_checks f
    LEFT JOIN payops_seed.payment_transactions p ON p.id = f.payment_id
    UNION ALL
    SELECT e.id, pg_temp.tt_tenant(p.venue_id), p.user_id, p.id, p.device_fingerprint, e.ip_address, s.score,
           s.score * 100, jsonb_build_array('payment_failed', e.event_type), 'decline', 'payment_event', e.created_at,
           e.created_at
    FROM payops_seed.payment_events e
    JOIN payops_seed.payment_transactions p ON p.id = e.payment_id
    CROSS JOIN LATERAL (SELECT least(1.00, greatest(0.80, CASE WHEN jsonb_typeof(p.metadata -> 'fraud_score') = 'number'
                                THEN round((p.metadata ->> 'fraud_score')::numeric, 2) END)) AS score) s
    WHERE p.status = 'failed' AND e.ip_address IS NOT NULL
    ORDER BY "timestamp", id
$q$);

-- known_scalpers: tenant of the scalper's first payment.
SELECT pg_temp.tt_copy('public.known_scalpers', $q$
    SELECT k.id, pg_temp.tt_tenant(u.venue_id) AS tenant_id, k.user_id, k.device_fingerprint, k.reason,
           k.confidence_score, 'payops demo' AS added_by, k.active, k.added_at
    FROM payops_seed.known_scalpers k
    LEFT JOIN (SELECT DISTINCT ON (p.user_id) p.user_id, p.venue_id
               FROM payops_seed.payment_transactions p
               WHERE p.user_id IN (SELECT user_id FROM payops_seed.known_scalpers)
               ORDER BY p.user_id, p.created_at, p.id) u ON u.user_id = k.user_id
    ORDER BY k.added_at, k.id
$q$);

-- payment_event_sequence.
SELECT pg_temp.tt_copy('public.payment_event_sequence', $q$
    SELECT s.id, pg_temp.tt_tenant(p.venue_id) AS tenant_id, s.payment_id, s.order_id, s.event_type,
           s.sequence_number, s.event_timestamp, s.stripe_event_id, s.idempotency_key, s.payload, s.processed_at,
           s.created_at
    FROM payops_seed.payment_event_sequence s
    LEFT JOIN payops_seed.payment_transactions p ON p.id = s.payment_id
    ORDER BY s.payment_id, s.sequence_number
$q$);

-- payment_idempotency: tenant of the payment its stored response names.
SELECT pg_temp.tt_copy('public.payment_idempotency', $q$
    SELECT i.idempotency_key, pg_temp.tt_tenant(p.venue_id) AS tenant_id, i.operation, i.request_hash, i.response,
           i.status_code, i.created_at, i.expires_at
    FROM payops_seed.payment_idempotency i
    LEFT JOIN payops_seed.payment_transactions p
      ON p.id = CASE WHEN i.response ->> 'payment_id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                     THEN (i.response ->> 'payment_id')::uuid END
    ORDER BY i.created_at, i.idempotency_key
$q$);

-- payment_state_machine: the canonical transitions (global: no tenant), beside any already there.
SELECT pg_temp.tt_copy('public.payment_state_machine', $q$
    SELECT m.from_state, m.to_state, m.event_type, m.is_valid FROM payops_seed.payment_state_machine m
$q$, 'ON CONFLICT DO NOTHING');

-- webhook_inbox: tenant of the payment whose intent the payload names; the real schema's event_id (its
-- NOT NULL provider event id) is the webhook id.
SELECT pg_temp.tt_copy('public.webhook_inbox', $q$
    SELECT w.id, pg_temp.tt_tenant(p.venue_id) AS tenant_id, w.provider, w.webhook_id AS event_id, w.webhook_id,
           w.event_type, w.payload, w.signature, w.received_at, w.processed_at, w.status, w.attempts,
           w.error_message, w.created_at, w.updated_at
    FROM payops_seed.webhook_inbox w
    LEFT JOIN payops_seed.payment_transactions p ON p.stripe_payment_intent_id = w.payload #>> '{data,object,id}'
    ORDER BY w.received_at, w.id
$q$);

-- outbox, same ids (skipped where the schema has none: the real service's).
SELECT pg_temp.tt_copy('public.outbox', $q$
    SELECT o.id, o.aggregate_id, o.aggregate_type, o.event_type, o.payload, o.created_at, o.processed_at,
           o.attempts, o.last_attempt_at, o.last_error, pg_temp.tt_tenant(p.venue_id) AS tenant_id
    FROM payops_seed.outbox o
    LEFT JOIN payops_seed.payment_transactions p ON p.id = o.aggregate_id
    ORDER BY o.id
$q$);

-- outbox_dlq, same ids (payops.dead_letter_requeues below points at them).
SELECT pg_temp.tt_copy('public.outbox_dlq', $q$
    SELECT d.id, pg_temp.tt_tenant(p.venue_id) AS tenant_id, d.original_id, d.aggregate_id, d.aggregate_type,
           d.event_type, d.payload, d.attempts, d.last_error, d.created_at, d.moved_to_dlq_at
    FROM payops_seed.outbox_dlq d
    LEFT JOIN payops_seed.payment_transactions p ON p.id = d.aggregate_id
    ORDER BY d.id
$q$);

-- The serial sequences continue after the copied ids.
SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence(t, 'id'), m)
FROM (SELECT 'public.outbox' AS t, (SELECT max(id) FROM payops_seed.outbox) AS m
      UNION ALL
      SELECT 'public.outbox_dlq', (SELECT max(id) FROM payops_seed.outbox_dlq)) AS x
WHERE pg_catalog.to_regclass(t) IS NOT NULL AND m IS NOT NULL;

-- nft_mint_queue: the real schema wants venue_id and event_id: the payment's when the job has none.
SELECT pg_temp.tt_copy('public.nft_mint_queue', $q$
    SELECT n.id, pg_temp.tt_tenant(coalesce(n.venue_id, p.venue_id)) AS tenant_id, n.payment_id, n.ticket_ids,
           coalesce(n.venue_id, p.venue_id) AS venue_id, coalesce(n.event_id, p.event_id) AS event_id, n.blockchain,
           n.status, n.priority, n.transaction_hash, n.gas_fee_paid, n.mint_batch_id, n.attempts, n.error_message,
           n.created_at, n.processed_at, n.updated_at
    FROM payops_seed.nft_mint_queue n
    LEFT JOIN payops_seed.payment_transactions p ON p.id = n.payment_id
    ORDER BY n.created_at, n.id
$q$);

-- payops' own tables: payout requests (the platform has no payout table), venue names and tiers (its venues
-- live in another service), requeue stamps of dead letters.
INSERT INTO payops.payout_requests (id, venue_id, amount, fee, currency, instant, status, requested_by, requested_at,
    decided_by, decided_at, decision_reason, idempotency_key)
SELECT p.id, p.venue_id, p.amount, p.fee, p.currency, p.instant, p.status, p.requested_by, p.requested_at,
       p.decided_by, p.decided_at, p.decision_reason, p.idempotency_key
FROM payops_seed.venue_payouts p
ORDER BY p.requested_at, p.id;

INSERT INTO payops.venue_names (venue_id, name, tier)
SELECT v.id, v.name, v.tier FROM payops_seed.venues v ORDER BY v.id;

INSERT INTO payops.dead_letter_requeues (dlq_id, requeued_at, requeued_by, outbox_id)
SELECT d.id, d.requeued_at, coalesce(d.requeued_by, 'payops demo'), d.requeued_outbox_id
FROM payops_seed.outbox_dlq d
WHERE d.requeued_at IS NOT NULL
ORDER BY d.id;

-- Re-create the dropped indexes from their exact definitions, refresh statistics, clean up, restore settings.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT indexdef FROM pg_temp.tt_saved_indexes ORDER BY indexname LOOP
        EXECUTE r.indexdef;
    END LOOP;
    FOR r IN SELECT c.oid::regclass AS rel
             FROM unnest(ARRAY['payment_transactions', 'payment_refunds', 'venue_balances', 'fraud_checks',
                               'known_scalpers', 'payment_event_sequence', 'payment_idempotency', 'payment_state_machine',
                               'webhook_inbox', 'outbox', 'outbox_dlq', 'nft_mint_queue']) AS t
             JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass('public.' || t) LOOP
        EXECUTE format('ANALYZE %s', r.rel);
    END LOOP;
END
$$;
ANALYZE payops.payout_requests, payops.venue_names, payops.dead_letter_requeues;

DROP TABLE pg_temp.tt_saved_indexes;
DROP FUNCTION pg_temp.tt_copy(text, text, text), pg_temp.tt_tenant(uuid), pg_temp.tt_accepts(regclass, name, text),
    pg_temp.tt_uuid(text);
SELECT pg_catalog.set_config('TimeZone', pg_catalog.current_setting('payops.demo_saved_timezone'), false);
SELECT pg_catalog.set_config('app.is_system_user', pg_catalog.current_setting('payops.demo_saved_system_user'), false);
RESET work_mem;
RESET client_min_messages;
