-- Demo data for the advanced-payments platform: converts the canonical demo data set (schema payops_seed, the
-- canonical fixture's tables filled by payops' generator) into the platform's tables in schema public. Works on
-- both schemas: seed 004's (advanced-payments-fixture.sql) and the real service's types
-- (advanced-payments-variant-fixture.sql). Run once, into empty tables, after the fixture and `payops db install`,
-- with the setting payops.seed_timezone = the zone the profile is installed with (default 'UTC'). Every name is
-- schema-qualified: the caller's search_path may put payops_seed first. The caller drops payops_seed afterwards.
--
-- How one statement fits both schemas: each table is filled by
--     SELECT pg_temp.ap_copy('public.t', $q$ <rows, named as t's columns> $q$);
-- which inserts the columns that t has (the others keep t's defaults; names t lacks are ignored, so the real
-- service's failure_reason, ip_address, user_agent, description, address_city ... are given for it and dropped on
-- the seed's), each cast to t's column type: dollars (numeric) -> DECIMAL or DECIMAL(15,2), text -> text, varchar
-- or enum, timestamptz -> TIMESTAMP or TIMESTAMPTZ. TimeZone is set to payops.seed_timezone meanwhile, so a
-- TIMESTAMP gets the wall-clock time there, which payops.utc(x) undoes (except in the hour a daylight-saving zone
-- repeats each autumn: those rows read back one hour later; none in UTC).
-- For speed (1 M payments and their rows), the target tables' plain (non-unique, non-constraint) indexes,
-- payops' included, are dropped before the load and re-created from their exact definitions after it, and their
-- user triggers (the audit trigger, the real service's updated_at triggers) are disabled meanwhile: the audit rows
-- the trigger would have written are written set-based instead, in the trigger's shape. Run the file in one
-- transaction to get indexes and triggers back whatever happens.
--
-- Conversions:
--   * customers: one per canonical user (same id), with a deterministic name and e-mail (a few with an
--     apostrophe, CJK or an accent) and a city.
--   * orders: one per canonical payment (id md5 of the payment id), for its user; amount in dollars; status the
--     canonical payment status (the real service's order_status has every label); metadata = venue id, venue
--     NAME (the canonical hostile names: ANSI escapes, CJK, emoji), event id, channel; description (real schema).
--   * transactions: the canonical payments (same ids), all 'purchase'; dollars; status: completed and
--     partially_refunded -> succeeded (neither schema's transaction_status has partially_refunded), the others as
--     they are; gateway_transaction_id = the intent id; payment_method = the seed's PaymentMethod (lines
--     432-439: type 'card', brand, last4), brand and last 4 digits derived from the canonical card fingerprint
--     (the platform stores no fingerprint); failure_reason (real schema) from the canonical metadata.
--   * refunds: the canonical refunds (same ids), dollars, the payment's currency, reason code plus note,
--     completed -> succeeded; the real schema's refund_transaction_id and request_id get the canonical Stripe
--     refund id and idempotency key. Plus the over-refund anomaly below.
--   * audit_logs, in the trigger's shape (entity_type = table, action = INSERT/UPDATE, new_values = the row's
--     JSON image): one row per canonical payment_event about the payment itself (payment.created -> INSERT, the
--     others -> UPDATE, the image's status being the transaction's status after that event), with the event's
--     address and user agent where the schema has columns for them (the real one: attacker bursts and hostile
--     user agents kept; the seed's has no room for them); refund requests as the application's own rows
--     (entity 'transactions', action 'refund.requested', new_values = the event's payload); per refund an INSERT
--     row at its creation (status pending) and, once settled, an UPDATE row. Webhook events are in
--     webhook_deliveries; refund.completed events in the refunds' UPDATE rows. Customers' and orders' audit rows
--     are not generated (no pane reads them).
--   * webhook_endpoints: three fixed endpoints. webhook_deliveries: the canonical webhook_inbox rows (same ids;
--     the payload keeps data.object.id = the intent id, so a payment's timeline finds them), each to one of the
--     endpoints; processed -> succeeded, failed -> failed (abandoned after 5 attempts), pending/processing ->
--     pending; the canonical error texts (escape sequences, a 40-line stack trace) kept.
--   * payops.venue_names names the pseudo-venue (the nil uuid) 'Demo merchant'. Not converted (no place on this
--     platform): venues and balances, payouts, fraud checks, known scalpers, event sequences, idempotency records,
--     outbox, dead letters, mint jobs.
--
-- Deliberate anomaly, of the one kind the schema cannot prevent and payops can see here (no balances): the first
-- partially refunded payment (else completed, else any, by id) gets one more succeeded refund of (amount - its
-- refunds not failed + 1000 cents), so its refunds exceed it by $10.00 and the Overview's over-refund alarm fires.
-- Deterministic (no random(), no now()); set-based, one INSERT per table (audit_logs: three).

SET client_min_messages = warning;
SELECT pg_catalog.set_config('payops.demo_saved_timezone', pg_catalog.current_setting('TimeZone'), false);
SELECT pg_catalog.set_config('TimeZone',
    coalesce(nullif(pg_catalog.current_setting('payops.seed_timezone', true), ''), 'UTC'), false);
SET work_mem = '256MB';

-- Insert into `target` the rows of the query `source`: the columns the target has, cast to their types.
-- Returns the row count; NULL when the schema has no such table.
CREATE FUNCTION pg_temp.ap_copy(target text, source text, conflict text DEFAULT '') RETURNS bigint
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
    EXECUTE 'CREATE TEMP VIEW ap_source AS ' || source;
    SELECT string_agg(pg_catalog.quote_ident(t.attname), ', ' ORDER BY s.attnum),
           string_agg(pg_catalog.format('s.%I::%s', t.attname, t.atttypid::regtype), ', ' ORDER BY s.attnum)
    INTO cols, vals
    FROM pg_catalog.pg_attribute s
    JOIN pg_catalog.pg_attribute t ON t.attrelid = rel AND t.attname = s.attname AND t.attnum > 0 AND NOT t.attisdropped
    WHERE s.attrelid = 'pg_temp.ap_source'::regclass AND s.attnum > 0;
    EXECUTE pg_catalog.format('INSERT INTO %s (%s) SELECT %s FROM pg_temp.ap_source s %s', rel, cols, vals, conflict);
    GET DIAGNOSTICS n = ROW_COUNT;
    DROP VIEW pg_temp.ap_source;
    RETURN n;
END
$$;

-- A number in [0, m) from a text, stable across PostgreSQL versions (md5, not hashtext).
CREATE FUNCTION pg_temp.ap_pick(key text, m integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT (('x' || substr(pg_catalog.md5(key), 1, 8))::bit(32)::bigint % m)::integer
$$;

-- The target tables' plain indexes, saved and dropped for the load (re-created at the end); their user triggers
-- disabled (enabled again at the end).
CREATE TEMP TABLE ap_saved_indexes AS
SELECT x.schemaname, x.indexname, x.indexdef
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
JOIN pg_catalog.pg_indexes x ON x.schemaname = c.relnamespace::regnamespace::text AND x.indexname = c.relname
WHERE i.indrelid IN (SELECT pg_catalog.to_regclass('public.' || t)
                     FROM unnest(ARRAY['customers', 'orders', 'transactions', 'refunds', 'audit_logs',
                                       'webhook_endpoints', 'webhook_deliveries']) AS t)
  AND NOT i.indisprimary AND NOT i.indisunique
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid);
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT schemaname, indexname FROM pg_temp.ap_saved_indexes ORDER BY indexname LOOP
        EXECUTE pg_catalog.format('DROP INDEX %I.%I', r.schemaname, r.indexname);
    END LOOP;
    FOR r IN SELECT c.oid::regclass AS rel
             FROM unnest(ARRAY['customers', 'orders', 'transactions', 'refunds', 'webhook_endpoints',
                               'webhook_deliveries']) AS t
             JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass('public.' || t) LOOP
        EXECUTE pg_catalog.format('ALTER TABLE %s DISABLE TRIGGER USER', r.rel);
    END LOOP;
END
$$;

-- customers: the canonical users, created a day before their first payment.
SELECT pg_temp.ap_copy('public.customers', $q$
    SELECT u.user_id AS id,
           'customer+' || pg_catalog.replace(u.user_id::text, '-', '') || '@example.com' AS email,
           (ARRAY['Ana', 'Ben', 'Chloé', 'Dmitri', 'Emeka', 'Fatima', 'Grace', 'Hiroshi', 'Ines', 'Jamal', '美咲',
                  'Liam'])[1 + pg_temp.ap_pick(u.user_id::text || 'f', 12)] AS first_name,
           (ARRAY['Okafor', 'Smith', 'O''Brien', 'García', 'Nguyen', 'Kowalski', '山田', 'Haddad', 'Müller',
                  'Johnson'])[1 + pg_temp.ap_pick(u.user_id::text || 'l', 10)] AS last_name,
           NULL::text AS phone,
           pg_catalog.jsonb_build_object('city', c.city, 'country', 'US') AS address,
           c.city AS address_city, 'US' AS address_country, '{}'::jsonb AS metadata,
           u.first_at - interval '1 day' AS created_at, u.first_at - interval '1 day' AS updated_at
    FROM (SELECT p.user_id, min(p.created_at) AS first_at FROM payops_seed.payment_transactions p GROUP BY p.user_id) u
    CROSS JOIN LATERAL (SELECT (ARRAY['Nashville', 'Austin', 'Chicago', 'Denver', 'Seattle', 'Brooklyn', 'Oakland',
                                      'Atlanta'])[1 + pg_temp.ap_pick(u.user_id::text || 'c', 8)] AS city) c
    ORDER BY u.first_at, u.user_id
$q$);

-- orders: one per canonical payment.
SELECT pg_temp.ap_copy('public.orders', $q$
    SELECT pg_catalog.md5('payops demo order ' || t.id)::uuid AS id, t.user_id AS customer_id,
           t.amount::numeric / 100 AS amount, t.currency, t.status,
           'Tickets at ' || v.name AS description,
           pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('venue_id', t.venue_id, 'venue_name', v.name,
               'event_id', t.event_id, 'channel', t.metadata ->> 'channel')) AS metadata,
           'corr_' || pg_catalog.replace(t.idempotency_key::text, '-', '') AS correlation_id,
           t.created_at, t.updated_at
    FROM payops_seed.payment_transactions t
    LEFT JOIN payops_seed.venues v ON v.id = t.venue_id
    ORDER BY t.created_at, t.id
$q$);

-- transactions: the canonical payments, as purchases.
SELECT pg_temp.ap_copy('public.transactions', $q$
    SELECT t.id, pg_catalog.md5('payops demo order ' || t.id)::uuid AS order_id, 'purchase' AS transaction_type,
           t.amount::numeric / 100 AS amount, t.currency,
           CASE t.status WHEN 'completed' THEN 'succeeded' WHEN 'partially_refunded' THEN 'succeeded' ELSE t.status END
               AS status,
           t.stripe_payment_intent_id AS gateway_transaction_id,
           pg_catalog.jsonb_build_object('type', 'card',
               'brand', (ARRAY['visa', 'mastercard', 'amex', 'discover'])[1 + pg_temp.ap_pick(t.payment_method_fingerprint, 4)],
               'last4', pg_catalog.lpad(pg_temp.ap_pick(t.payment_method_fingerprint || 'l4', 10000)::text, 4, '0'))
               AS payment_method,
           t.metadata ->> 'failure_reason' AS failure_reason,
           CASE WHEN t.status = 'failed' THEN '2' WHEN t.status IN ('pending', 'processing') THEN NULL ELSE '1' END
               AS response_code,
           'corr_' || pg_catalog.replace(t.idempotency_key::text, '-', '') AS correlation_id,
           t.created_at, t.updated_at
    FROM payops_seed.payment_transactions t
    ORDER BY t.created_at, t.id
$q$);

-- refunds, plus the over-refund anomaly.
SELECT pg_temp.ap_copy('public.refunds', $q$
    SELECT f.id, f.transaction_id, f.amount::numeric / 100 AS amount, p.currency,
           f.reason || coalesce(': ' || (f.metadata ->> 'note'), '') AS reason,
           CASE f.status WHEN 'completed' THEN 'succeeded' ELSE f.status END AS status,
           f.stripe_refund_id AS refund_transaction_id, f.idempotency_key AS request_id,
           f.created_at, coalesce(f.completed_at, f.updated_at) AS updated_at
    FROM payops_seed.payment_refunds f
    JOIN payops_seed.payment_transactions p ON p.id = f.transaction_id
    UNION ALL
    SELECT pg_catalog.md5('payops demo over-refund ' || a.id)::uuid, a.id, (a.amount - a.refunded + 1000)::numeric / 100,
           a.currency, 'duplicate: deliberate demo anomaly, this refund takes the refunds above the payment amount',
           'succeeded', 're_payops_demo_over_refund', 'payops-demo-over-refund', a.at, a.at
    FROM (SELECT p.id, p.amount, p.currency, p.created_at + (p.updated_at - p.created_at) / 2 AS at,
                 (SELECT coalesce(sum(x.amount), 0) FROM payops_seed.payment_refunds x
                  WHERE x.transaction_id = p.id AND x.status <> 'failed') AS refunded
          FROM payops_seed.payment_transactions p
          ORDER BY CASE p.status WHEN 'partially_refunded' THEN 0 WHEN 'completed' THEN 1 WHEN 'refunded' THEN 2
                   ELSE 3 END, p.id
          LIMIT 1) a
    ORDER BY 9, 1
$q$);

-- audit_logs 1/3: the payments' own events, as the trigger writes them (payment.created = the INSERT). The
-- events are read in time order and probe a hash of the transactions' row images, so the rows go in in time
-- order without sorting their wide images (an optimisation of the plan, not a guarantee; nothing depends on it).
SELECT pg_temp.ap_copy('public.audit_logs', $q$
    SELECT e.id, 'transactions' AS entity_type, e.payment_id AS entity_id,
           CASE e.event_type WHEN 'payment.created' THEN 'INSERT' ELSE 'UPDATE' END AS action,
           NULL::jsonb AS old_values,
           x.img || pg_catalog.jsonb_build_object(
               'status', CASE e.event_type WHEN 'payment.created' THEN 'pending' WHEN 'payment_method.attached' THEN 'pending'
                             WHEN 'payment.succeeded' THEN 'succeeded' WHEN 'payment.failed' THEN 'failed'
                             ELSE 'processing' END,
               'updated_at', CASE WHEN z.zoneless THEN pg_catalog.to_jsonb(e.created_at::timestamp)
                                  ELSE pg_catalog.to_jsonb(e.created_at) END) AS new_values,
           e.ip_address, e.user_agent, e.created_at
    FROM (SELECT * FROM payops_seed.payment_events q
          WHERE q.event_type NOT LIKE 'refund%' AND q.event_type <> 'webhook_received'
          ORDER BY q.created_at, q.id) e
    CROSS JOIN LATERAL (SELECT pg_catalog.to_jsonb(t) AS img FROM public.transactions t WHERE t.id = e.payment_id) x
    CROSS JOIN (SELECT a.atttypid = 'timestamp'::regtype AS zoneless FROM pg_catalog.pg_attribute a
                WHERE a.attrelid = 'public.transactions'::regclass AND a.attname = 'updated_at') z
$q$);

-- audit_logs 2/3: refund requests, as the application's own rows (who asked, from where).
SELECT pg_temp.ap_copy('public.audit_logs', $q$
    SELECT e.id, 'transactions' AS entity_type, e.payment_id AS entity_id, 'refund.requested' AS action,
           NULL::jsonb AS old_values, e.payload AS new_values, e.ip_address, e.user_agent, e.created_at
    FROM payops_seed.payment_events e
    WHERE e.event_type = 'refund.requested'
    ORDER BY e.created_at, e.id
$q$);

-- audit_logs 3/3: the refunds' trigger rows: INSERT when created (status pending), UPDATE when settled.
SELECT pg_temp.ap_copy('public.audit_logs', $q$
    SELECT pg_catalog.md5('payops demo audit ' || r.id || ' ' || x.op)::uuid AS id, 'refunds' AS entity_type,
           r.id AS entity_id, x.op AS action, NULL::jsonb AS old_values,
           CASE x.op WHEN 'INSERT' THEN pg_catalog.to_jsonb(r) || pg_catalog.jsonb_build_object('status', 'pending',
                                            'updated_at', pg_catalog.to_jsonb(r) -> 'created_at')
                ELSE pg_catalog.to_jsonb(r) END AS new_values,
           x.at AS created_at
    FROM public.refunds r
    CROSS JOIN LATERAL (SELECT 'INSERT' AS op, r.created_at AS at
                        UNION ALL
                        SELECT 'UPDATE', r.updated_at WHERE r.status::text <> 'pending') x
    ORDER BY created_at, id
$q$);

-- webhook_endpoints: three fixed endpoints, registered before the first payment.
SELECT pg_temp.ap_copy('public.webhook_endpoints', $q$
    SELECT pg_catalog.md5('payops demo endpoint ' || x.n)::uuid AS id, x.url, x.description,
           'whsec_' || pg_catalog.md5('payops demo secret ' || x.n) AS secret, 'enabled' AS status,
           '2023-10-16' AS api_version, s.first_at - interval '30 days' AS created_at,
           s.first_at - interval '30 days' AS updated_at
    FROM (VALUES (0, 'https://shop.example.com/webhooks/payments', 'order fulfilment'),
                 (1, 'https://ledger.example.net/hooks/advanced-payments', 'accounting ledger'),
                 (2, 'https://crm.example.org/api/v2/payment-events', 'CRM timeline')) AS x(n, url, description)
    CROSS JOIN (SELECT min(created_at) AS first_at FROM payops_seed.payment_transactions) s
    ORDER BY x.n
$q$);

-- webhook_deliveries: the canonical webhooks, as deliveries of the platform's events to the endpoints.
SELECT pg_temp.ap_copy('public.webhook_deliveries', $q$
    SELECT w.id, w.webhook_id AS event_id,
           pg_catalog.md5('payops demo endpoint ' || pg_temp.ap_pick(w.id::text, 3))::uuid AS endpoint_id,
           pg_catalog.regexp_replace(w.event_type, '^payment_intent\.(payment_)?', 'payment.') AS event_type,
           w.attempts AS attempt_number, x.status,
           CASE x.status WHEN 'succeeded' THEN 200 WHEN 'pending' THEN NULL
                ELSE CASE WHEN w.error_message LIKE 'timeout%' THEN 504 ELSE 500 END END AS http_status_code,
           w.payload AS request_body,
           pg_catalog.jsonb_build_object('Content-Type', 'application/json', 'X-Webhook-Signature', w.signature)
               AS request_headers,
           w.received_at AS scheduled_at,
           CASE WHEN w.attempts > 0 THEN coalesce(w.processed_at, w.updated_at) END AS attempted_at,
           w.processed_at AS completed_at,
           CASE WHEN x.status = 'failed' THEN w.updated_at + pg_catalog.power(2, w.attempts) * interval '1 second' END
               AS next_retry_at,
           w.error_message,
           CASE WHEN w.processed_at IS NOT NULL
                THEN (extract(epoch FROM w.processed_at - w.received_at) * 1000)::integer END AS duration_ms,
           w.received_at AS created_at, w.updated_at
    FROM payops_seed.webhook_inbox w
    CROSS JOIN LATERAL (SELECT CASE w.status WHEN 'processed' THEN 'succeeded'
                                   WHEN 'failed' THEN CASE WHEN w.attempts >= 5 THEN 'abandoned' ELSE 'failed' END
                                   ELSE 'pending' END AS status) x
    ORDER BY w.received_at, w.id
$q$);

-- The platform's migration record, where missing; payops' name for the pseudo-venue.
SELECT pg_temp.ap_copy('public.schema_migrations', $q$
    SELECT '001_initial_schema' AS version, pg_catalog.md5('001_initial_schema') AS checksum,
           min(created_at) - interval '30 days' AS applied_at
    FROM payops_seed.payment_transactions
$q$, 'ON CONFLICT DO NOTHING');
INSERT INTO payops.venue_names (venue_id, name) VALUES ('00000000-0000-0000-0000-000000000000', 'Demo merchant')
ON CONFLICT DO NOTHING;

-- Re-create the dropped indexes, enable the triggers again, refresh statistics, clean up, restore settings.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT indexdef FROM pg_temp.ap_saved_indexes ORDER BY indexname LOOP
        EXECUTE r.indexdef;
    END LOOP;
    FOR r IN SELECT c.oid::regclass AS rel
             FROM unnest(ARRAY['customers', 'orders', 'transactions', 'refunds', 'webhook_endpoints',
                               'webhook_deliveries']) AS t
             JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass('public.' || t) LOOP
        EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE TRIGGER USER', r.rel);
    END LOOP;
    FOR r IN SELECT c.oid::regclass AS rel
             FROM unnest(ARRAY['customers', 'orders', 'transactions', 'refunds', 'audit_logs', 'webhook_endpoints',
                               'webhook_deliveries', 'schema_migrations']) AS t
             JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass('public.' || t) LOOP
        EXECUTE pg_catalog.format('ANALYZE %s', r.rel);
    END LOOP;
END
$$;
ANALYZE payops.venue_names;

DROP TABLE pg_temp.ap_saved_indexes;
DROP FUNCTION pg_temp.ap_copy(text, text, text), pg_temp.ap_pick(text, integer);
SELECT pg_catalog.set_config('TimeZone', pg_catalog.current_setting('payops.demo_saved_timezone'), false);
RESET work_mem;
RESET client_min_messages;
