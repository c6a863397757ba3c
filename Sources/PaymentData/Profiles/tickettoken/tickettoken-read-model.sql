-- The read model (READ-MODEL.md) over the tickettoken platform, seed 001's payment service. One file for
-- both variants of its schema: the seed's (tickettoken-fixture.sql: DECIMAL cents, ENUM statuses, TIMESTAMP
-- without zone) and the real service's (tickettoken-rls-fixture.sql: decimal(10,2) cents, varchar statuses,
-- timestamptz, row-level security, no outbox table).
--
-- Every converted column goes through payops' helper functions (readmodel-helpers.sql), which have one
-- overload per native type and which the planner inlines, so that tickettoken-indexes.sql indexes exactly
-- these expressions:
--     payops.utc(x)    timestamp (in the installed zone) or timestamptz  -> timestamptz
--     payops.cents(x)  numeric of integer cents                          -> bigint
--     payops.txt(x)    enum (a CASE over its labels), varchar or text    -> text   (never enum::text: not immutable)
-- What the panes miss here is said in payops_read.notes: no payment_events (the audit stream is empty), no card
-- fingerprints on fraud checks, no venue names until an operator fills payops.venue_names, and, in the real
-- service's schema, no outbox table. What the platform does not keep, payops keeps in its own tables: payout
-- requests (payops.payout_requests), requeue stamps of dead letters (payops.dead_letter_requeues), venue names.

-- payments: payment_transactions, every column; DECIMAL cents -> bigint, enum/varchar -> text,
-- TIMESTAMP -> timestamptz.
-- (The real service's soft-deleted rows, deleted_at, are shown too: seed 001 has no such column.)
CREATE VIEW payops_read.payments AS
SELECT t.id, t.tenant_id, t.venue_id, t.user_id, t.event_id, payops.cents(t.amount) AS amount,
       payops.txt(t.currency) AS currency, payops.txt(t.status) AS status,
       payops.cents(t.platform_fee) AS platform_fee, payops.cents(t.venue_payout) AS venue_payout,
       payops.cents(t.gas_fee_paid) AS gas_fee_paid, payops.cents(t.tax_amount) AS tax_amount,
       payops.txt(t.stripe_payment_intent_id) AS stripe_payment_intent_id,
       payops.txt(t.device_fingerprint) AS device_fingerprint,
       payops.txt(t.payment_method_fingerprint) AS payment_method_fingerprint,
       t.metadata, t.idempotency_key, payops.utc(t.created_at) AS created_at, payops.utc(t.updated_at) AS updated_at
FROM public.payment_transactions t
WHERE payops.tenant_guard();

-- ip_attempts: fraud_checks decided decline or challenge, with an address, are the failed attempts;
-- at = "timestamp" -> timestamptz; card = device_fingerprint (no card fingerprint is stored); no payment link.
-- The predicate is written as tickettoken-indexes.sql's partial index (payops_tt_fraud_failed) writes it:
-- on an enum column or a varchar one, the same text parses the same in both, so the index matches.
CREATE VIEW payops_read.ip_attempts AS
SELECT f.ip_address, payops.utc(f."timestamp") AS at, f.user_id, payops.txt(f.device_fingerprint) AS card,
       NULL::uuid AS payment_id
FROM public.fraud_checks f
WHERE payops.tenant_guard() AND f.decision IN ('decline', 'challenge') AND f.ip_address IS NOT NULL;

-- refunds: payment_refunds; DECIMAL cents -> bigint, enum/varchar status -> text, times -> timestamptz.
CREATE VIEW payops_read.refunds AS
SELECT r.id, r.transaction_id, payops.cents(r.amount) AS amount, r.reason, payops.txt(r.status) AS status,
       r.tenant_id, payops.utc(r.created_at) AS created_at, payops.utc(r.completed_at) AS completed_at
FROM public.payment_refunds r
WHERE payops.tenant_guard();

-- balances: venue_balances, one row per venue and balance type; enum/varchar balance_type -> text, cents -> bigint.
CREATE VIEW payops_read.balances AS
SELECT b.venue_id, payops.txt(b.balance_type) AS balance_type, payops.cents(b.amount) AS amount,
       payops.txt(b.currency) AS currency, payops.utc(b.last_payout_at) AS last_payout_at
FROM public.venue_balances b
WHERE payops.tenant_guard();

-- payouts: the platform keeps no payout requests; payops' own table holds them (already in the contract's
-- types). idempotency_key last, as the canonical profile's view has it (READ-MODEL.md does not list it).
-- idempotency: the platform's idempotency records (payment_idempotency): key, the payment its cached response
-- names (response.payment_id, where it is a uuid), the operation, the status code and the response itself.
CREATE VIEW payops_read.idempotency AS
SELECT payops.txt(i.idempotency_key) AS key,
       CASE WHEN (i.response ->> 'payment_id') ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN (i.response ->> 'payment_id')::uuid END AS payment_id,
       payops.txt(i.operation) AS request, i.status_code, i.response, payops.utc(i.created_at) AS created_at,
       payops.utc(i.expires_at) AS expires_at
FROM public.payment_idempotency i;

CREATE VIEW payops_read.payouts AS
SELECT p.id, p.venue_id, p.amount, p.fee, p.currency, p.instant, p.status, p.requested_by, p.requested_at,
       p.decided_by, p.decided_at, p.decision_reason, p.idempotency_key
FROM payops.payout_requests p;

-- outbox: outbox; serial id -> bigint, varchar -> text, TIMESTAMP -> timestamptz. The real service has no
-- outbox table: then the view is empty (with the contract's types) and payops_read.notes says so.
DO $outbox$
BEGIN
    IF pg_catalog.to_regclass('public.outbox') IS NOT NULL THEN
        CREATE VIEW payops_read.outbox AS
        SELECT o.id::bigint AS id, o.aggregate_id, payops.txt(o.aggregate_type) AS aggregate_type,
               payops.txt(o.event_type) AS event_type, o.payload, payops.utc(o.created_at) AS created_at,
               payops.utc(o.processed_at) AS processed_at, o.attempts, payops.utc(o.last_attempt_at) AS last_attempt_at,
               o.last_error, o.tenant_id
        FROM public.outbox o
        WHERE payops.tenant_guard();
    ELSE
        CREATE VIEW payops_read.outbox AS
        SELECT NULL::bigint AS id, NULL::uuid AS aggregate_id, NULL::text AS aggregate_type, NULL::text AS event_type,
               NULL::jsonb AS payload, NULL::timestamptz AS created_at, NULL::timestamptz AS processed_at,
               NULL::integer AS attempts, NULL::timestamptz AS last_attempt_at, NULL::text AS last_error,
               NULL::uuid AS tenant_id
        WHERE false;
    END IF;
END
$outbox$;

-- dead_letters: outbox_dlq, with payops' requeue stamps (payops.dead_letter_requeues: the table has no
-- columns for them); serial ids -> bigint, varchar -> text, TIMESTAMP -> timestamptz.
CREATE VIEW payops_read.dead_letters AS
SELECT d.id::bigint AS id, d.original_id::bigint AS original_id, d.aggregate_id,
       payops.txt(d.aggregate_type) AS aggregate_type, payops.txt(d.event_type) AS event_type, d.payload, d.attempts,
       d.last_error, payops.utc(d.created_at) AS created_at, payops.utc(d.moved_to_dlq_at) AS moved_to_dlq_at,
       q.requeued_at, q.requeued_by, q.outbox_id AS requeued_outbox_id
FROM public.outbox_dlq d
LEFT JOIN payops.dead_letter_requeues q ON q.dlq_id = d.id
WHERE payops.tenant_guard();

-- webhooks: webhook_inbox; varchar -> text (status included: varchar in both schemas), TIMESTAMP -> timestamptz.
CREATE VIEW payops_read.webhooks AS
SELECT w.id, payops.txt(w.webhook_id) AS webhook_id, payops.txt(w.provider) AS provider,
       payops.txt(w.event_type) AS event_type, w.payload, payops.txt(w.status) AS status,
       payops.utc(w.received_at) AS received_at, payops.utc(w.processed_at) AS processed_at, w.attempts,
       w.error_message, w.tenant_id
FROM public.webhook_inbox w
WHERE payops.tenant_guard();

-- mint_jobs: nft_mint_queue; varchar -> text, TIMESTAMP -> timestamptz.
CREATE VIEW payops_read.mint_jobs AS
SELECT n.id, n.payment_id, payops.txt(n.blockchain) AS blockchain, payops.txt(n.status) AS status,
       payops.txt(n.priority) AS priority, n.attempts, n.error_message, payops.utc(n.created_at) AS created_at
FROM public.nft_mint_queue n
WHERE payops.tenant_guard();

-- fraud_checks: fraud_checks; seed 001's table has no payment_id (so none is shown, on both schemas);
-- DECIMAL(3,2) score -> numeric, enum/varchar decision -> text, at = "timestamp" -> timestamptz.
CREATE VIEW payops_read.fraud_checks AS
SELECT f.id, NULL::uuid AS payment_id, f.user_id, f.ip_address, f.score::numeric AS score,
       payops.txt(f.decision) AS decision, payops.utc(f."timestamp") AS at
FROM public.fraud_checks f
WHERE payops.tenant_guard();

-- event_sequence: payment_event_sequence; varchar -> text, TIMESTAMP -> timestamptz.
CREATE VIEW payops_read.event_sequence AS
SELECT s.id, s.payment_id, payops.txt(s.event_type) AS event_type, s.sequence_number,
       payops.utc(s.event_timestamp) AS event_timestamp, payops.txt(s.stripe_event_id) AS stripe_event_id,
       payops.utc(s.processed_at) AS processed_at
FROM public.payment_event_sequence s
WHERE payops.tenant_guard();

-- venues: no venues table here (venue-service owns them): the venues that have balances, in their
-- balances' currency; name and tier from payops.venue_names when an operator filled it, else the id.
CREATE VIEW payops_read.venues AS
SELECT b.venue_id AS id, coalesce(n.name, b.venue_id::text) AS name, n.tier, b.currency
FROM (SELECT v.venue_id, min(payops.txt(v.currency)) AS currency
      FROM public.venue_balances v
      WHERE payops.tenant_guard()
      GROUP BY v.venue_id) b
LEFT JOIN payops.venue_names n ON n.venue_id = b.venue_id;

-- notes: what this platform lacks, one line per pane. The outbox line only where there is no outbox table
-- (decided here, at install, as the outbox view above is); the venues line while payops.venue_names is empty.
DO $notes$
BEGIN
    EXECUTE format($v$
        CREATE VIEW payops_read.notes AS
        SELECT x.pane, x.note
        FROM (VALUES
            ('Audit trail', 'no payment_events table in this database: the audit stream is empty; a payment''s '
                || 'timeline is built from its refunds, outbox, webhooks, event sequence and mint jobs'),
            ('Suspicious IPs', 'failed attempts are fraud checks decided decline or challenge; distinct cards '
                || 'counts devices (no card fingerprints stored)') %s) AS x(pane, note)
        UNION ALL
        SELECT 'Venues', 'no venue names in this database: showing venue ids'
        WHERE NOT EXISTS (SELECT 1 FROM payops.venue_names)$v$,
        CASE WHEN pg_catalog.to_regclass('public.outbox') IS NULL
             THEN $o$, ('Queues', 'no outbox table in this database: the outbox queue is always empty')$o$
             ELSE '' END);
END
$notes$;

-- The platform's tenants, for `:tenant` and the console's tenant list: read past row-level security (this
-- function belongs to the installer, not to the platform's owner), one index probe per tenant (a loose scan of
-- an index that leads with tenant_id).
CREATE FUNCTION payops_read.tenants() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $fn$
    WITH RECURSIVE t(id) AS (
        (SELECT p.tenant_id FROM payment_transactions p WHERE p.tenant_id IS NOT NULL ORDER BY p.tenant_id LIMIT 1)
        UNION ALL
        SELECT (SELECT p.tenant_id FROM payment_transactions p WHERE p.tenant_id > t.id ORDER BY p.tenant_id LIMIT 1)
        FROM t WHERE t.id IS NOT NULL
    )
    SELECT t.id FROM t WHERE t.id IS NOT NULL
$fn$;
