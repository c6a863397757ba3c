-- The read model (READ-MODEL.md) over the advanced-payments platform, seed 004's single-merchant payment API.
-- One file for both variants of its schema: the seed's (advanced-payments-fixture.sql: DECIMAL major units,
-- TIMESTAMP without zone, text statuses beside two enums, audit_logs without addresses) and the real service's
-- types (advanced-payments-variant-fixture.sql: DECIMAL(15,2), TIMESTAMPTZ, VARCHAR(n), other enums, and extra
-- columns: transactions.failure_reason, audit_logs.ip_address and user_agent). Where a column or table is
-- optional, a DO block asks the catalogue at install and writes the view for what is there.
--
-- Every converted column goes through payops' helpers (readmodel-helpers.sql), inlined by the planner, so that
-- advanced-payments-indexes.sql indexes exactly these expressions:
--     payops.utc(x)    TIMESTAMP (in the installed zone) or TIMESTAMPTZ  -> timestamptz
--     payops.minor(x)  DECIMAL of dollars                                 -> bigint cents (half away from zero)
--     payops.txt(x)    enum (a CASE over its labels), varchar or text     -> text
-- Status vocabularies are mapped to the contract's with CASE over payops.txt(...) (immutable, indexable):
--     transactions  succeeded, captured -> completed; authorized -> processing; cancelled, expired, voided ->
--                   cancelled; an 'authorize' transaction that succeeded is a hold, not money taken -> processing;
--                   pending, processing, failed, refunded as they are
--     refunds       succeeded -> completed; cancelled -> failed; pending, processing, failed as they are
--     deliveries    succeeded -> processed; retrying -> pending; abandoned -> failed; pending, failed as they are
-- What the platform is: one merchant taking payments from its customers. So payments are its purchase,
-- authorize and capture transactions (void and refund transactions act on another one); user = the order's
-- customer; venue = one pseudo-venue, the nil uuid, standing for the merchant (no venue, no balances, no
-- payouts); the audit stream is audit_logs (its trigger's rows and the application's own). What it lacks is said
-- in payops_read.notes, one line per pane.

-- payments: purchase, authorize and capture transactions with their order's customer. An inner join, not a LEFT
-- JOIN the planner could drop when no order column is asked for: the action functions lock a payment through this
-- view (FOR UPDATE), which a nullable side refuses. The Overview's window pays one orders lookup per payment.
-- DECIMAL dollars -> bigint cents, enums/varchar -> text, TIMESTAMP(TZ) -> timestamptz; no fees, tax, tenants,
-- events or idempotency keys on this platform (platform_fee 0, venue_payout = amount: the merchant keeps it all).
-- metadata gathers what the Transactions detail shows: order id and metadata, transaction type, the platform's
-- own status label, payment method and, where the schema has it, failure_reason (the Overview reads it).
DO $payments$
DECLARE
    v_failure text := '';
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
               WHERE attrelid = 'public.transactions'::regclass AND attname = 'failure_reason' AND NOT attisdropped) THEN
        v_failure := $f$, 'failure_reason', t.failure_reason$f$;
    END IF;
    EXECUTE format($v$
        CREATE VIEW payops_read.payments AS
        SELECT t.id, NULL::uuid AS tenant_id, '00000000-0000-0000-0000-000000000000'::uuid AS venue_id,
               o.customer_id AS user_id, NULL::uuid AS event_id, payops.minor(t.amount) AS amount,
               payops.txt(t.currency) AS currency,
               CASE WHEN payops.txt(t.status) IN ('cancelled', 'expired', 'voided') THEN 'cancelled' WHEN t.transaction_type = 'authorize' AND payops.txt(t.status) IN ('succeeded', 'authorized', 'captured') THEN 'processing' WHEN payops.txt(t.status) IN ('succeeded', 'captured') THEN 'completed' WHEN payops.txt(t.status) = 'authorized' THEN 'processing' ELSE payops.txt(t.status) END AS status,
               0::bigint AS platform_fee, payops.minor(t.amount) AS venue_payout, NULL::bigint AS gas_fee_paid,
               NULL::bigint AS tax_amount, payops.txt(t.gateway_transaction_id) AS stripe_payment_intent_id,
               NULL::text AS device_fingerprint,
               (t.payment_method ->> 'brand') || ' ' || (t.payment_method ->> 'last4') AS payment_method_fingerprint,
               jsonb_strip_nulls(jsonb_build_object('order_id', t.order_id,
                   'transaction_type', payops.txt(t.transaction_type), 'gateway_status', payops.txt(t.status),
                   'payment_method', t.payment_method, 'order', o.metadata %s)) AS metadata,
               NULL::uuid AS idempotency_key, payops.utc(t.created_at) AS created_at,
               payops.utc(t.updated_at) AS updated_at
        FROM public.transactions t
        JOIN public.orders o ON o.id = t.order_id
        WHERE t.transaction_type IN ('purchase', 'authorize', 'capture')$v$, v_failure);
END
$payments$;

-- events: audit_logs rows about transactions and refunds (the trigger's INSERT/UPDATE/DELETE rows, and rows the
-- application or payops writes with an action of their own, such as 'refund.requested'). payment_id: the
-- transaction itself, or for a refund the transaction its row image names; event_type: '<table>.<operation>'
-- for the trigger's rows ('transactions.update'), the action itself otherwise; payload: the whole audit row
-- (old_values, new_values, user_id). Rows about customers and orders are not payment events: left out.
-- The platform's trigger keeps old_values only for DELETE (an UPDATE row holds the new image alone), so an UPDATE's
-- old_values are the entity's previous image: the new_values of its latest earlier audit row (an INSERT of the same
-- instant counts as earlier). payops_read.change_line() then shows the fields that changed, old → new.
-- ip_address and user_agent where the schema has them (the real service's), NULL otherwise.
DO $events$
DECLARE
    v_ip text := 'NULL::inet';
    v_ua text := 'NULL::text';
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
               WHERE attrelid = 'public.audit_logs'::regclass AND attname = 'ip_address' AND NOT attisdropped) THEN
        v_ip := 'a.ip_address';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
               WHERE attrelid = 'public.audit_logs'::regclass AND attname = 'user_agent' AND NOT attisdropped) THEN
        v_ua := 'payops.txt(a.user_agent)';
    END IF;
    EXECUTE format($v$
        CREATE VIEW payops_read.events AS
        SELECT a.id,
               CASE WHEN a.entity_type = 'refunds' THEN ((coalesce(a.new_values, a.old_values) ->> 'transaction_id'))::uuid ELSE a.entity_id END AS payment_id,
               CASE WHEN a.action IN ('INSERT', 'UPDATE', 'DELETE') THEN a.entity_type || '.' || lower(a.action) ELSE payops.txt(a.action) END AS event_type,
               %s AS ip_address, %s AS user_agent,
               jsonb_strip_nulls(jsonb_build_object('entity_type', a.entity_type, 'entity_id', a.entity_id,
                   'action', a.action, 'user_id', a.user_id,
                   'old_values', coalesce(a.old_values, CASE WHEN a.action = 'UPDATE' THEN (
                       SELECT p.new_values FROM public.audit_logs p
                       WHERE p.entity_type = a.entity_type AND p.entity_id = a.entity_id AND p.new_values IS NOT NULL
                         AND p.id <> a.id
                         AND (p.created_at < a.created_at OR (p.created_at = a.created_at AND p.action = 'INSERT'))
                       ORDER BY p.created_at DESC, p.action = 'INSERT', p.id DESC LIMIT 1) END),
                   'new_values', a.new_values)) AS payload,
               payops.utc(a.created_at) AS created_at
        FROM public.audit_logs a
        WHERE a.entity_type IN ('transactions', 'refunds')$v$, v_ip, v_ua);
END
$events$;

-- ip_attempts: seed 000's rule on this platform's audit log: every audit row with an address about a payment
-- transaction that failed (the platform's own 'failed' label) is a failed attempt from that address; card =
-- the payment method's brand and last four digits (no card fingerprint is stored). The seed's audit_logs has
-- no address column: then the relation is empty (typed), and payops_read.notes says so.
DO $ip_attempts$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
               WHERE attrelid = 'public.audit_logs'::regclass AND attname = 'ip_address' AND NOT attisdropped) THEN
        EXECUTE $v$
            CREATE VIEW payops_read.ip_attempts AS
            SELECT a.ip_address, payops.utc(a.created_at) AS at, o.customer_id AS user_id,
                   (t.payment_method ->> 'brand') || ' ' || (t.payment_method ->> 'last4') AS card, t.id AS payment_id
            FROM public.audit_logs a
            JOIN public.transactions t ON t.id = a.entity_id
            JOIN public.orders o ON o.id = t.order_id
            WHERE a.entity_type IN ('transactions', 'refunds') AND a.entity_type = 'transactions'
              AND a.ip_address IS NOT NULL AND t.status = 'failed'
              AND t.transaction_type IN ('purchase', 'authorize', 'capture')$v$;
    ELSE
        CREATE VIEW payops_read.ip_attempts AS
        SELECT NULL::inet AS ip_address, NULL::timestamptz AS at, NULL::uuid AS user_id, NULL::text AS card,
               NULL::uuid AS payment_id
        WHERE false;
    END IF;
END
$ip_attempts$;

-- refunds: refunds (transaction_id = the refunded transaction); dollars -> cents; a missing reason is ''; no
-- completion time is kept: a succeeded refund's updated_at stands for it.
CREATE VIEW payops_read.refunds AS
SELECT r.id, r.transaction_id, payops.minor(r.amount) AS amount, coalesce(r.reason, '') AS reason,
       CASE payops.txt(r.status) WHEN 'succeeded' THEN 'completed' WHEN 'cancelled' THEN 'failed' ELSE payops.txt(r.status) END AS status,
       NULL::uuid AS tenant_id, payops.utc(r.created_at) AS created_at,
       CASE WHEN payops.txt(r.status) IN ('succeeded', 'completed') THEN payops.utc(r.updated_at) END AS completed_at
FROM public.refunds r;

-- payouts: the platform keeps no payout requests; payops' own table (empty here: nothing can be paid out).
CREATE VIEW payops_read.payouts AS
SELECT p.id, p.venue_id, p.amount, p.fee, p.currency, p.instant, p.status, p.requested_by, p.requested_at,
       p.decided_by, p.decided_at, p.decision_reason, p.idempotency_key
FROM payops.payout_requests p;

-- webhooks: webhook_deliveries, the platform's outgoing webhooks (one row per event and endpoint); webhook_id =
-- the event's id, provider = the endpoint's URL, payload = the event body, received_at = when the delivery was
-- queued, processed_at = when it completed, attempts = attempt_number. Status mapped as above (the CASE of
-- payops_ap_webhooks_status). Without the table (the real service keeps deliveries in Redis): empty.
DO $webhooks$
DECLARE
    v_provider text := 'd.endpoint_id::text';
BEGIN
    IF pg_catalog.to_regclass('public.webhook_endpoints') IS NOT NULL THEN
        v_provider := 'coalesce((SELECT payops.txt(e.url) FROM public.webhook_endpoints e WHERE e.id = d.endpoint_id), '
                      || 'd.endpoint_id::text)';
    END IF;
    IF pg_catalog.to_regclass('public.webhook_deliveries') IS NOT NULL THEN
        EXECUTE format($v$
            CREATE VIEW payops_read.webhooks AS
            SELECT d.id, payops.txt(d.event_id) AS webhook_id, %s AS provider,
                   payops.txt(d.event_type) AS event_type, d.request_body AS payload,
                   CASE payops.txt(d.status) WHEN 'succeeded' THEN 'processed' WHEN 'retrying' THEN 'pending' WHEN 'abandoned' THEN 'failed' ELSE payops.txt(d.status) END AS status,
                   payops.utc(d.created_at) AS received_at, payops.utc(d.completed_at) AS processed_at,
                   d.attempt_number AS attempts, d.error_message, NULL::uuid AS tenant_id
            FROM public.webhook_deliveries d$v$, v_provider);
    ELSE
        CREATE VIEW payops_read.webhooks AS
        SELECT NULL::uuid AS id, NULL::text AS webhook_id, NULL::text AS provider, NULL::text AS event_type,
               NULL::jsonb AS payload, NULL::text AS status, NULL::timestamptz AS received_at,
               NULL::timestamptz AS processed_at, NULL::integer AS attempts, NULL::text AS error_message,
               NULL::uuid AS tenant_id
        WHERE false;
    END IF;
END
$webhooks$;

-- venues: the one pseudo-venue every payment carries (the merchant), named from payops.venue_names when an
-- operator filled it, else its id; USD, the platform's default currency.
CREATE VIEW payops_read.venues AS
SELECT m.id, coalesce(n.name, m.id::text) AS name, n.tier, 'USD'::text AS currency
FROM (SELECT '00000000-0000-0000-0000-000000000000'::uuid AS id) m
LEFT JOIN payops.venue_names n ON n.venue_id = m.id;

-- notes: what this platform lacks, one line per pane; the Audit trail, Suspicious IPs and Queues lines depend on
-- the schema (decided here, at install, as the views above are).
DO $notes$
DECLARE
    v_ip boolean := EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
                            WHERE attrelid = 'public.audit_logs'::regclass AND attname = 'ip_address' AND NOT attisdropped);
    v_failure boolean := EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
                                 WHERE attrelid = 'public.transactions'::regclass AND attname = 'failure_reason'
                                   AND NOT attisdropped);
    v_webhooks boolean := pg_catalog.to_regclass('public.webhook_deliveries') IS NOT NULL;
BEGIN
    EXECUTE format($v$
        CREATE VIEW payops_read.notes AS
        SELECT x.pane, x.note
        FROM (VALUES
            ('Overview', %L),
            ('Transactions', 'payments are purchase, authorize and capture transactions (an authorize that succeeded is '
                || 'a hold: processing); user = the order''s customer; intent id = gateway transaction id; no fees, tax '
                || 'or idempotency keys; cancelled, expired and voided show as cancelled'),
            ('Audit trail', %L),
            ('Suspicious IPs', %L),
            ('Queues', %L),
            ('Venues', 'single-merchant platform: every payment belongs to one pseudo-venue (the nil uuid; name it in '
                || 'payops.venue_names); no balances, no payouts')) AS x(pane, note)$v$,
        'no balances, payouts or outbox here: those alarms never fire'
            || CASE WHEN v_failure THEN '' ELSE '; no failure reasons are stored' END,
        'the stream is audit_logs rows about transactions and refunds (the platform''s trigger; UPDATE rows keep no '
            || 'old values, so no field-by-field diff)'
            || CASE WHEN v_ip THEN '' ELSE '; no address or user agent is recorded' END,
        CASE WHEN v_ip THEN 'failed attempts are audit rows with an address about failed transactions; cards are '
                            || 'brand + last 4 digits; no fraud scores'
             ELSE 'audit_logs has no ip_address column here: no attempts by address, no fraud scores' END,
        'no outbox, dead-letter table or mint queue in the database (Bull queues live in Redis); '
            || CASE WHEN v_webhooks THEN 'webhooks are outgoing webhook_deliveries (retrying = pending, abandoned = '
                                         || 'failed); a retry is picked up only when the platform re-enqueues it'
                    ELSE 'no webhook_deliveries table either' END);
END
$notes$;
