-- The read model (READ-MODEL.md) over the stripe-service platform, seed 002's Prisma payment service. One file
-- for both variants of its schema: stripe-service-fixture.sql (camelCase columns, TEXT ids, DECIMAL(65,30) major
-- units, the "PaymentStatus" enum, TIMESTAMP(3)) and stripe-service-variant-fixture.sql (snake_case columns,
-- UUID ids, DECIMAL(12,2), VARCHAR(n), VARCHAR status with CHECK, TIMESTAMPTZ(3)).
--
-- Names: each view is written once with the first variant's column names (p."createdAt") and created by
-- pg_temp.ss_view, which looks every alias."column" up in the catalogue and, where the table has no such column
-- but has its snake_case form (created_at), writes that instead. Types: every converted column goes through
-- payops' overloaded helpers (readmodel-helpers.sql), inlined by the planner, so stripe-service-indexes.sql
-- indexes exactly these expressions:
--     payops.uid(x)    TEXT holding a uuid, or UUID                  -> uuid
--     payops.minor(x)  DECIMAL of major units (12.50)                -> bigint cents (1250), half away from zero
--     payops.utc(x)    TIMESTAMP(3) (Prisma writes UTC: install with the default zone UTC) or TIMESTAMPTZ(3)
--     payops.txt(x)    the enum (a CASE over its labels), VARCHAR or TEXT -> text
-- Statuses: the platform's eight labels map onto the contract's six with one CASE over payops.txt(status)
-- (immutable, indexed as written): INITIATED → pending, PROCESSING → processing, AUTHORIZED and CAPTURED →
-- completed (the seed calls payment.authorized "Payment successful"), FAILED → failed, CANCELLED → cancelled, REFUNDED,
-- PARTIALLY_REFUNDED → refunded, partially_refunded; the platform's own label stays in metadata.platform_status.
--
-- What the platform has: payments, their status history (the events relation: one event per status change,
-- 'payment.' || the new status, payload {from, to, reason, metadata}), refunds as the history's changes to
-- REFUNDED / PARTIALLY_REFUNDED. What it lacks, said in payops_read.notes: venues (a single Stripe account: one
-- pseudo-venue, the nil uuid), balances and payouts, client addresses and fraud checks, webhook inbox, outbox,
-- dead letters, mint jobs, Stripe event sequence. Those relations are typed and empty. payouts reads
-- payops.payout_requests, as on every platform without payouts of its own (it stays empty: there is no balance
-- to pay out). idempotency_logs is the idempotency relation (searched by key, shown in a payment's timeline);
-- payments.idempotency_key is the payment's own key, where it is a uuid.

-- Creates a view from a definition written with the first variant's camelCase column names: for each
-- 'alias:table' pair, every alias."column" the table lacks becomes alias.snake_column where the table has that.
CREATE FUNCTION pg_temp.ss_view(p_sql text, p_aliases text[]) RETURNS void
    LANGUAGE plpgsql AS $fn$
DECLARE
    v_sql text := p_sql;
    v_pair text;
    v_alias text;
    v_table regclass;
    v_column text;
    v_snake text;
BEGIN
    FOREACH v_pair IN ARRAY p_aliases LOOP
        v_alias := split_part(v_pair, ':', 1);
        v_table := pg_catalog.to_regclass('public.' || quote_ident(split_part(v_pair, ':', 2)));
        FOR v_column IN SELECT DISTINCT m[1]
                        FROM regexp_matches(p_sql, '\m' || v_alias || '\."([A-Za-z0-9_]+)"', 'g') AS m LOOP
            CONTINUE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                                  WHERE a.attrelid = v_table AND a.attname = v_column AND a.attnum > 0
                                    AND NOT a.attisdropped);
            v_snake := lower(regexp_replace(v_column, '([a-z0-9])([A-Z])', '\1_\2', 'g'));
            IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                       WHERE a.attrelid = v_table AND a.attname = v_snake AND a.attnum > 0 AND NOT a.attisdropped) THEN
                v_sql := replace(v_sql, v_alias || '."' || v_column || '"', v_alias || '.' || quote_ident(v_snake));
            END IF;
        END LOOP;
    END LOOP;
    EXECUTE v_sql;
END
$fn$;

-- payments: every contract column. id: uuid (Prisma's uuid() ids); user_id: the user service's id as uuid, or
-- when it is not one, md5 of it as a uuid (stable, but not searchable by what an operator pastes); amount: major units -> cents; currency: Stripe's 'usd' ->
-- 'USD'; status: the CASE above; venue_id: the one pseudo-venue (the nil uuid: this Stripe account); no fees,
-- taxes or payouts are stored: platform_fee 0, venue_payout = amount (the account keeps it all; Stripe's own
-- fee is not recorded here), tax and gas NULL; idempotency_key: the payment's key where it is a uuid (the seed's
-- clients send uuid-v4), else NULL; metadata: the platform's metadata (when an object) plus what has no
-- contract column: order_id, the platform's status label, stripe_charge_id, failure_reason (Stripe's failure
-- code, which the Overview counts), failure_message, refunded_amount (cents).
SELECT pg_temp.ss_view($v$
CREATE VIEW payops_read.payments AS
SELECT payops.uid(p."id") AS id, NULL::uuid AS tenant_id, '00000000-0000-0000-0000-000000000000'::uuid AS venue_id,
       CASE WHEN p."userId"::text ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN payops.uid(p."userId") ELSE md5(p."userId"::text)::uuid END AS user_id,
       NULL::uuid AS event_id, payops.minor(p."amount") AS amount,
       upper(payops.txt(p."currency")) AS currency,
       CASE payops.txt(p."status") WHEN 'INITIATED' THEN 'pending' WHEN 'PROCESSING' THEN 'processing' WHEN 'AUTHORIZED' THEN 'completed' WHEN 'CAPTURED' THEN 'completed' WHEN 'FAILED' THEN 'failed' WHEN 'CANCELLED' THEN 'cancelled' WHEN 'REFUNDED' THEN 'refunded' WHEN 'PARTIALLY_REFUNDED' THEN 'partially_refunded' ELSE 'processing' END AS status,
       0::bigint AS platform_fee, payops.minor(p."amount") AS venue_payout, NULL::bigint AS gas_fee_paid,
       NULL::bigint AS tax_amount, payops.txt(p."stripePaymentIntentId") AS stripe_payment_intent_id,
       NULL::text AS device_fingerprint, NULL::text AS payment_method_fingerprint,
       CASE WHEN jsonb_typeof(p."metadata") = 'object' THEN p."metadata" ELSE '{}'::jsonb END
           || jsonb_strip_nulls(jsonb_build_object(
                  'order_id', p."orderId", 'platform_status', payops.txt(p."status"),
                  'stripe_charge_id', p."stripeChargeId", 'failure_reason', p."failureCode",
                  'failure_message', p."failureMessage", 'refunded_amount', payops.minor(p."refundedAmount"))) AS metadata,
       CASE WHEN payops.txt(p."idempotencyKey") ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN payops.uid(payops.txt(p."idempotencyKey")) END AS idempotency_key,
       payops.utc(p."createdAt") AS created_at, payops.utc(p."updatedAt") AS updated_at
FROM public.payments p
$v$, ARRAY['p:payments']);

-- events: payment_status_history, one event per status change: event_type 'payment.' || the new status in
-- lower case (payment.initiated, .authorized, .captured, .failed, .refunded … as the service names the events it
-- publishes); payload {from, to, reason, metadata}; no address or user agent is recorded.
SELECT pg_temp.ss_view($v$
CREATE VIEW payops_read.events AS
SELECT payops.uid(h."id") AS id, payops.uid(h."paymentId") AS payment_id,
       'payment.' || lower(payops.txt(h."toStatus")) AS event_type, NULL::inet AS ip_address, NULL::text AS user_agent,
       jsonb_build_object('from', payops.txt(h."fromStatus"), 'to', payops.txt(h."toStatus"), 'reason', h."reason",
                          'metadata', h."metadata") AS payload,
       payops.utc(h."createdAt") AS created_at
FROM public.payment_status_history h
$v$, ARRAY['h:payment_status_history']);

-- refunds: the history's changes to REFUNDED or PARTIALLY_REFUNDED, one refund each, completed (the service
-- records a refund once Stripe made it: there are no pending ones). amount: the row's metadata.amount (major
-- units) when it holds a number; else, for a full refund of a payment not partially refunded before, the
-- payment's amount; else 0. reason: the row's reason (Stripe's refund reason), else metadata.reason.
SELECT pg_temp.ss_view($v$
CREATE VIEW payops_read.refunds AS
SELECT payops.uid(h."id") AS id, payops.uid(h."paymentId") AS transaction_id,
       coalesce(CASE WHEN (h."metadata" ->> 'amount') ~ '^[0-9]+(\.[0-9]+)?$' THEN payops.minor((h."metadata" ->> 'amount')::numeric) END,
                CASE WHEN payops.txt(h."toStatus") = 'REFUNDED' AND payops.txt(h."fromStatus") IS DISTINCT FROM 'PARTIALLY_REFUNDED'
                     THEN (SELECT payops.minor(p."amount") FROM public.payments p WHERE p."id" = h."paymentId") END,
                0::bigint) AS amount,
       coalesce(h."reason", h."metadata" ->> 'reason', 'not recorded') AS reason, 'completed'::text AS status,
       NULL::uuid AS tenant_id, payops.utc(h."createdAt") AS created_at, payops.utc(h."createdAt") AS completed_at
FROM public.payment_status_history h
WHERE payops.txt(h."toStatus") IN ('REFUNDED', 'PARTIALLY_REFUNDED')
$v$, ARRAY['h:payment_status_history', 'p:payments']);

-- payouts: the platform keeps none; payops' own table (stays empty here: no balance to pay out).
-- idempotency: idempotency_logs, the service's 24-hour idempotency records: key, the payment it created (paymentId,
-- as uuid like payments.id), the request path, the status code and the cached response.
SELECT pg_temp.ss_view($v$
CREATE VIEW payops_read.idempotency AS
SELECT payops.txt(l."key") AS key, payops.uid(l."paymentId") AS payment_id, payops.txt(l."requestPath") AS request,
       l."statusCode" AS status_code, l."response" AS response, payops.utc(l."createdAt") AS created_at,
       payops.utc(l."expiresAt") AS expires_at
FROM public.idempotency_logs l
$v$, ARRAY['l:idempotency_logs']);

CREATE VIEW payops_read.payouts AS
SELECT p.id, p.venue_id, p.amount, p.fee, p.currency, p.instant, p.status, p.requested_by, p.requested_at,
       p.decided_by, p.decided_at, p.decision_reason, p.idempotency_key
FROM payops.payout_requests p;

-- venues: one pseudo-venue, the Stripe account itself (every payment's venue_id); named from
-- payops.venue_names when an operator fills it, in the currency of the newest payment (read through the
-- keyset index), USD when there is none.
SELECT pg_temp.ss_view($v$
CREATE VIEW payops_read.venues AS
SELECT x.id, coalesce(n.name, 'this Stripe account') AS name, n.tier,
       coalesce((SELECT upper(payops.txt(p."currency")) FROM public.payments p
                 ORDER BY payops.utc(p."createdAt") DESC, payops.uid(p."id") DESC LIMIT 1), 'USD') AS currency
FROM (VALUES ('00000000-0000-0000-0000-000000000000'::uuid)) AS x(id)
LEFT JOIN payops.venue_names n ON n.venue_id = x.id
$v$, ARRAY['p:payments']);

-- notes: what this platform lacks, one line per pane.
CREATE VIEW payops_read.notes AS
SELECT x.pane, x.note
FROM (VALUES
    ('Overview', 'no queues, balances or payouts in this database: queue health and the balance and payout '
        || 'alarms stay empty; amounts are Decimal major units shown as cents'),
    ('Transactions', 'no fees, taxes or venues stored (fee 0, one venue: this Stripe account); AUTHORIZED and '
        || 'CAPTURED show as completed, CANCELLED as cancelled; order id in metadata; refunds only through the service''s API'),
    ('Audit trail', 'events are payment_status_history''s status changes, without IP or user agent; '
        || 'idempotency_logs are searched by key (/) and shown in each payment''s timeline'),
    ('Suspicious IPs', 'the service stores no client addresses and no fraud checks (PCI: Stripe ids only): '
        || 'nothing to show'),
    ('Queues', 'no webhook inbox, outbox or dead-letter table: Stripe webhooks are applied on receipt and '
        || 'events go straight to Kafka'),
    ('Venues', 'a single Stripe account: one pseudo-venue without balances or payouts; name it in '
        || 'payops.venue_names (id 00000000-0000-0000-0000-000000000000)')
) AS x(pane, note);

DROP FUNCTION pg_temp.ss_view(text, text[]);
