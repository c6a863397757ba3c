-- Demo data for the stripe-service platform: converts the canonical demo data set (schema payops_seed, the
-- canonical fixture's tables filled by payops' generator) into the service's three tables in schema public.
-- Works on both schema variants (stripe-service-fixture.sql: camelCase, TEXT ids, DECIMAL(65,30), enum,
-- TIMESTAMP(3); stripe-service-variant-fixture.sql: snake_case, UUID ids, DECIMAL(12,2), VARCHAR + CHECK,
-- TIMESTAMPTZ(3)). Run once, into empty tables, after the fixture and `payops db install`, with the setting
-- payops.seed_timezone = the zone the profile is installed with (default 'UTC'). The caller drops payops_seed.
--
-- How one statement fits both schemas: each table is filled by
--     SELECT pg_temp.ss_copy('public.t', $q$ <canonical rows, named as the first variant's columns> $q$);
-- which inserts each source column into the target column of the same name or, failing that, of its snake_case
-- form ("paymentId" -> payment_id), cast to that column's type (text -> TEXT, UUID, VARCHAR, the enum; numeric
-- major units -> DECIMAL(65,30) or DECIMAL(12,2); timestamptz -> TIMESTAMP(3) or TIMESTAMPTZ(3)); typmods are
-- checked by the INSERT (nothing is truncated). Source columns the target lacks are left out (the variant's
-- history.source exists in one schema only). TimeZone is set to payops.seed_timezone meanwhile, so a
-- TIMESTAMP(3) gets the wall-clock time there, which payops.utc(x) undoes. Times are rounded to milliseconds,
-- as Prisma stores them.
-- For speed (1 M payments, about 3 M history rows) the target tables' keys (primary, unique, foreign) and
-- indexes (payops' included) are dropped before the load and re-created from their exact definitions after it
-- (a sorted build instead of millions of random inserts into uuid-keyed b-trees); run the file in one
-- transaction to get them back whatever happens.
--
-- Conversions:
--   * payments: amounts in major units (cents / 100), currency lower-case as Stripe writes it ('usd'), the id
--     as text (or uuid), orderId a uuid made from the payment id (md5), stripeChargeId 'ch_' + the intent's
--     suffix for payments that succeeded, failureCode = the canonical failure_reason with Stripe's message as
--     failureMessage, refundedAmount = Σ completed refunds, metadata = the canonical metadata.
--     Statuses: pending -> INITIATED, processing -> PROCESSING, failed -> FAILED, completed -> CAPTURED (one in
--     ten, by the id's last byte, AUTHORIZED: not yet captured); refunded / partially_refunded -> REFUNDED when
--     the completed refunds reach the amount, PARTIALLY_REFUNDED when some completed, else CAPTURED (the
--     service records a refund only once Stripe made it: canonical pending refunds have no place here, nor
--     failed ones).
--   * payment_status_history: the canonical audit events that change a status (payment.created -> INITIATED,
--     payment.processing -> PROCESSING, payment.succeeded -> CAPTURED/AUTHORIZED, payment.failed -> FAILED with
--     the failure reason) at their times, their IP address and (possibly hostile) user agent kept in metadata
--     ({"ip", "userAgent"}: the only room the schema has for them, so the attackers' addresses survive there,
--     though no pane can count them); then one row per completed refund at its completion time, to REFUNDED
--     or PARTIALLY_REFUNDED by the running total, metadata {"refundId", "amount" (major units, text)}, reason
--     the refund's. fromStatus is the previous row's toStatus. Other events (requires_action, payment_method,
--     webhook_received, refund.requested) change no status and are dropped.
--   * idempotency_logs: the canonical payment_idempotency rows (the 300 newest payments' create requests),
--     keyed by the payment's idempotency key, requestPath '/api/payments/intents', the cached response.
--   * Nothing else has a place: venues, balances, payouts, fraud checks, webhooks, outbox, dead letters, mint
--     jobs and the Stripe event sequence are dropped (and so payops' payout requests and venue names stay empty).
-- Deliberate anomaly, of the one kind this schema cannot prevent (nothing keeps refunds <= the amount), so the
-- Overview's over-refund alarm fires on the demo: the first partially refunded payment (else completed, else any,
-- by id) gets one more completed refund, a second after its last one, of (amount - its completed refunds + 1000
-- cents), so its refunds exceed it by $10.00 (it becomes REFUNDED, refundedAmount = amount + 10.00).
-- Deterministic (no random(), no now()); set-based, one INSERT per table.

SET client_min_messages = warning;
SELECT pg_catalog.set_config('payops.demo_saved_timezone', pg_catalog.current_setting('TimeZone'), false);
SELECT pg_catalog.set_config('TimeZone',
    coalesce(nullif(pg_catalog.current_setting('payops.seed_timezone', true), ''), 'UTC'), false);
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';

-- The snake_case form of a camelCase name.
CREATE FUNCTION pg_temp.ss_snake(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT lower(regexp_replace(name, '([a-z0-9])([A-Z])', '\1_\2', 'g'))
$$;

-- Insert into `target` the rows of the query `source`: each source column into the target's column of that
-- name or its snake_case form, cast to the column's type. Returns the row count; NULL when there is no table.
CREATE FUNCTION pg_temp.ss_copy(target text, source text) RETURNS bigint
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
    EXECUTE 'CREATE TEMP VIEW ss_source AS ' || source;
    SELECT string_agg(quote_ident(t.attname), ', ' ORDER BY s.attnum),
           string_agg(format('s.%I::%s', s.attname, t.atttypid::regtype), ', ' ORDER BY s.attnum)
    INTO cols, vals
    FROM pg_catalog.pg_attribute s
    CROSS JOIN LATERAL (SELECT a.attname, a.atttypid FROM pg_catalog.pg_attribute a
                        WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped
                          AND a.attname IN (s.attname, pg_temp.ss_snake(s.attname))
                        ORDER BY a.attname = s.attname DESC LIMIT 1) t
    WHERE s.attrelid = 'pg_temp.ss_source'::regclass AND s.attnum > 0;
    EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM pg_temp.ss_source s', rel, cols, vals);
    GET DIAGNOSTICS n = ROW_COUNT;
    DROP VIEW pg_temp.ss_source;
    RETURN n;
END
$$;

-- The target tables' keys and indexes, saved and dropped for the load (re-created at the end): foreign keys,
-- primary keys, unique constraints, and every index (unique ones included) that backs no constraint.
CREATE TEMP TABLE ss_saved_indexes AS
SELECT x.schemaname, x.indexname, x.indexdef
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
JOIN pg_catalog.pg_indexes x ON x.schemaname = c.relnamespace::regnamespace::text AND x.indexname = c.relname
WHERE i.indrelid IN (SELECT pg_catalog.to_regclass('public.' || t)
                     FROM unnest(ARRAY['payments', 'payment_status_history', 'idempotency_logs']) AS t)
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid);
CREATE TEMP TABLE ss_saved_keys AS
SELECT k.conrelid::regclass::text AS rel, k.conname, k.contype, pg_catalog.pg_get_constraintdef(k.oid) AS def
FROM pg_catalog.pg_constraint k
WHERE k.contype IN ('f', 'p', 'u')
  AND k.conrelid IN (SELECT pg_catalog.to_regclass('public.' || t)
                     FROM unnest(ARRAY['payments', 'payment_status_history', 'idempotency_logs']) AS t);
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT rel, conname FROM pg_temp.ss_saved_keys ORDER BY contype <> 'f', rel, conname LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.rel, r.conname);
    END LOOP;
    FOR r IN SELECT schemaname, indexname FROM pg_temp.ss_saved_indexes ORDER BY indexname LOOP
        EXECUTE format('DROP INDEX %I.%I', r.schemaname, r.indexname);
    END LOOP;
END
$$;

-- Completed refunds (the only ones the service records), plus the over-refund anomaly.
CREATE TEMP TABLE ss_refund AS
SELECT r.id, r.transaction_id AS payment_id, r.amount, r.reason, r.stripe_refund_id, r.completed_at AS at
FROM payops_seed.payment_refunds r
WHERE r.status = 'completed' AND r.completed_at IS NOT NULL;
INSERT INTO ss_refund
SELECT md5('payops demo over-refund ' || a.id)::uuid, a.id, a.amount - a.refunded + 1000, 'duplicate',
       're_payopsDemoOverRefund', coalesce(a.last_at, a.updated_at) + interval '1 second'
FROM (SELECT p.id, p.amount, p.updated_at,
             (SELECT coalesce(sum(x.amount), 0) FROM ss_refund x WHERE x.payment_id = p.id) AS refunded,
             (SELECT max(x.at) FROM ss_refund x WHERE x.payment_id = p.id) AS last_at
      FROM payops_seed.payment_transactions p
      ORDER BY CASE p.status WHEN 'partially_refunded' THEN 0 WHEN 'completed' THEN 1 WHEN 'refunded' THEN 2 ELSE 3 END,
               p.id
      LIMIT 1) a;
ANALYZE ss_refund;

-- Every canonical payment with what its platform rows need: the status label it ends in, Σ completed refunds.
CREATE TEMP TABLE ss_pay AS
SELECT t.id, t.user_id, t.amount, t.currency, t.stripe_payment_intent_id AS pi, t.idempotency_key, t.metadata,
       t.created_at, t.updated_at, t.metadata ->> 'failure_reason' AS fr, x.ok_label, x.refunded,
       CASE t.status WHEN 'pending' THEN 'INITIATED' WHEN 'processing' THEN 'PROCESSING' WHEN 'failed' THEN 'FAILED'
            ELSE CASE WHEN x.refunded = 0 THEN x.ok_label WHEN x.refunded >= t.amount THEN 'REFUNDED'
                      ELSE 'PARTIALLY_REFUNDED' END END AS status
FROM payops_seed.payment_transactions t
LEFT JOIN (SELECT payment_id, sum(amount) AS refunded FROM ss_refund GROUP BY payment_id) r ON r.payment_id = t.id
CROSS JOIN LATERAL (SELECT CASE WHEN get_byte(uuid_send(t.id), 15) % 10 = 0 THEN 'AUTHORIZED' ELSE 'CAPTURED' END AS ok_label,
                           coalesce(r.refunded, 0) AS refunded) x;
ALTER TABLE ss_pay ADD PRIMARY KEY (id);
ANALYZE ss_pay;

-- payments, in time order as a live system appends them.
SELECT pg_temp.ss_copy('public.payments', $q$
    SELECT p.id::text AS "id", md5('payops demo order ' || p.id)::uuid::text AS "orderId", p.user_id::text AS "userId",
           p.amount / 100.0 AS "amount", lower(p.currency) AS "currency", p.status AS "status",
           p.pi AS "stripePaymentIntentId",
           CASE WHEN p.status IN ('AUTHORIZED', 'CAPTURED', 'REFUNDED', 'PARTIALLY_REFUNDED')
                THEN 'ch_' || substr(p.pi, 4) END AS "stripeChargeId",
           p.idempotency_key::text AS "idempotencyKey", p.refunded / 100.0 AS "refundedAmount",
           CASE WHEN p.status = 'FAILED' THEN p.fr END AS "failureCode",
           CASE WHEN p.status = 'FAILED' THEN CASE p.fr
               WHEN 'card_declined' THEN 'Your card was declined.'
               WHEN 'insufficient_funds' THEN 'Your card has insufficient funds.'
               WHEN 'expired_card' THEN 'Your card has expired.'
               WHEN 'processing_error' THEN 'An error occurred while processing your card. Try again in a little bit.'
               WHEN 'authentication_required' THEN 'Your card was declined. This transaction requires authentication.'
               WHEN 'fraud_suspected' THEN 'Your card was declined.'
               ELSE NULL END END AS "failureMessage",
           p.metadata AS "metadata", p.created_at AS "createdAt", p.updated_at AS "updatedAt"
    FROM ss_pay p
    ORDER BY p.created_at, p.id
$q$);

-- payment_status_history: the status-changing audit events, then the completed refunds by their running total.
SELECT pg_temp.ss_copy('public.payment_status_history', $q$
    SELECT x.id::text AS "id", x.payment_id::text AS "paymentId",
           lag(x.to_status) OVER (PARTITION BY x.payment_id ORDER BY x.at, x.k, x.id) AS "fromStatus",
           x.to_status AS "toStatus", x.reason AS "reason", x.source AS "source", x.metadata AS "metadata",
           x.at AS "createdAt"
    FROM (
        SELECT e.id, e.payment_id, 0 AS k, e.created_at AS at,
               CASE e.event_type WHEN 'payment.created' THEN 'INITIATED' WHEN 'payment.processing' THEN 'PROCESSING'
                    WHEN 'payment.succeeded' THEN p.ok_label ELSE 'FAILED' END AS to_status,
               CASE WHEN e.event_type = 'payment.failed' THEN coalesce(e.payload ->> 'failure_reason', p.fr) END AS reason,
               CASE WHEN e.event_type IN ('payment.succeeded', 'payment.failed') THEN 'webhook' ELSE 'api' END AS source,
               jsonb_strip_nulls(jsonb_build_object('ip', host(e.ip_address), 'userAgent', e.user_agent)) AS metadata
        FROM payops_seed.payment_events e
        JOIN ss_pay p ON p.id = e.payment_id
        WHERE e.event_type IN ('payment.created', 'payment.processing', 'payment.succeeded', 'payment.failed')
        UNION ALL
        SELECT r.id, r.payment_id, 1, r.at,
               CASE WHEN r.total >= p.amount THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END, r.reason, 'webhook',
               jsonb_build_object('refundId', r.stripe_refund_id, 'amount', ((r.amount / 100.0)::numeric(20, 2))::text)
        FROM (SELECT f.*, sum(f.amount) OVER (PARTITION BY f.payment_id ORDER BY f.at, f.id) AS total
              FROM ss_refund f) r
        JOIN ss_pay p ON p.id = r.payment_id
    ) x
    ORDER BY x.at, x.id
$q$);

-- idempotency_logs: the create-payment requests the canonical set keeps (the 300 newest payments'), keyed by
-- the payment's own idempotency key.
SELECT pg_temp.ss_copy('public.idempotency_logs', $q$
    SELECT md5('payops demo idempotency ' || i.idempotency_key)::uuid::text AS "id",
           coalesce(p.idempotency_key::text, i.idempotency_key) AS "key", '/api/payments/intents' AS "requestPath",
           i.request_hash AS "requestHash", i.status_code AS "statusCode",
           CASE WHEN p.id IS NULL THEN coalesce(i.response, '{}'::jsonb)
                ELSE jsonb_build_object('id', p.id, 'status', p.status, 'stripePaymentIntentId', p.pi,
                                        'amount', ((p.amount / 100.0)::numeric(20, 2))::text, 'currency', lower(p.currency))
           END AS "response",
           p.id::text AS "paymentId", i.created_at AS "createdAt", i.expires_at AS "expiresAt"
    FROM payops_seed.payment_idempotency i
    LEFT JOIN ss_pay p
      ON p.id = CASE WHEN i.response ->> 'payment_id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                     THEN (i.response ->> 'payment_id')::uuid END
    ORDER BY i.created_at, i.idempotency_key
$q$);

-- Re-create the dropped keys and indexes from their exact definitions (primary and unique keys, indexes, then
-- foreign keys, each validated by one scan), refresh statistics, clean up, restore settings.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT rel, conname, def FROM pg_temp.ss_saved_keys WHERE contype <> 'f' ORDER BY rel, conname LOOP
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.rel, r.conname, r.def);
    END LOOP;
    FOR r IN SELECT indexdef FROM pg_temp.ss_saved_indexes ORDER BY indexname LOOP
        EXECUTE r.indexdef;
    END LOOP;
    FOR r IN SELECT rel, conname, def FROM pg_temp.ss_saved_keys WHERE contype = 'f' ORDER BY rel, conname LOOP
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.rel, r.conname, r.def);
    END LOOP;
    FOR r IN SELECT c.oid::regclass AS rel
             FROM unnest(ARRAY['payments', 'payment_status_history', 'idempotency_logs']) AS t
             JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass('public.' || t) LOOP
        EXECUTE format('ANALYZE %s', r.rel);
    END LOOP;
END
$$;

DROP TABLE pg_temp.ss_saved_indexes, pg_temp.ss_saved_keys, pg_temp.ss_refund, pg_temp.ss_pay;
DROP FUNCTION pg_temp.ss_copy(text, text), pg_temp.ss_snake(text);
SELECT pg_catalog.set_config('TimeZone', pg_catalog.current_setting('payops.demo_saved_timezone'), false);
RESET work_mem;
RESET maintenance_work_mem;
RESET client_min_messages;
