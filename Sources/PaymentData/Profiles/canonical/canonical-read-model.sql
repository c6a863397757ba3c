-- The read model over the canonical demo platform (canonical-fixture.sql). Its tables already hold what the
-- read model promises (bigint cents, timestamptz, text statuses), so every view is a plain projection:
-- the planner sees through it to the platform's own indexes.

CREATE VIEW payops_read.payments AS
SELECT t.id, t.tenant_id, t.venue_id, t.user_id, t.event_id, t.amount, t.currency, t.status, t.platform_fee,
       t.venue_payout, t.gas_fee_paid, t.tax_amount, t.stripe_payment_intent_id, t.device_fingerprint,
       t.payment_method_fingerprint, t.metadata, t.idempotency_key, t.created_at, t.updated_at
FROM public.payment_transactions t;

CREATE VIEW payops_read.events AS
SELECT e.id, e.payment_id, e.event_type, e.ip_address, e.user_agent, e.payload, e.created_at
FROM public.payment_events e;

-- Seed 000's rule: every audit event with an address, of a payment that failed, is a failed attempt.
CREATE VIEW payops_read.ip_attempts AS
SELECT e.ip_address, e.created_at AS at, t.user_id, t.payment_method_fingerprint AS card, e.payment_id
FROM public.payment_events e JOIN public.payment_transactions t ON t.id = e.payment_id
WHERE t.status = 'failed' AND e.ip_address IS NOT NULL;

CREATE VIEW payops_read.refunds AS
SELECT r.id, r.transaction_id, r.amount, r.reason, r.status, r.tenant_id, r.created_at, r.completed_at
FROM public.payment_refunds r;

CREATE VIEW payops_read.balances AS
SELECT b.venue_id, b.balance_type, b.amount, b.currency, b.last_payout_at
FROM public.venue_balances b;

-- idempotency: the platform's idempotency records (payment_idempotency): key, the payment its cached response
-- names (response.payment_id, where it is a uuid), the operation, the status code and the response itself.
CREATE VIEW payops_read.idempotency AS
SELECT payops.txt(i.idempotency_key) AS key,
       CASE WHEN (i.response ->> 'payment_id') ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN (i.response ->> 'payment_id')::uuid END AS payment_id,
       payops.txt(i.operation) AS request, i.status_code, i.response, i.created_at AS created_at,
       i.expires_at AS expires_at
FROM public.payment_idempotency i;

CREATE VIEW payops_read.payouts AS
SELECT p.id, p.venue_id, p.amount, p.fee, p.currency, p.instant, p.status, p.requested_by, p.requested_at,
       p.decided_by, p.decided_at, p.decision_reason, p.idempotency_key
FROM public.venue_payouts p;

CREATE VIEW payops_read.outbox AS
SELECT o.id, o.aggregate_id, o.aggregate_type, o.event_type, o.payload, o.created_at, o.processed_at, o.attempts,
       o.last_attempt_at, o.last_error, o.tenant_id
FROM public.outbox o;

CREATE VIEW payops_read.dead_letters AS
SELECT d.id, d.original_id, d.aggregate_id, d.aggregate_type, d.event_type, d.payload, d.attempts, d.last_error,
       d.created_at, d.moved_to_dlq_at, d.requeued_at, d.requeued_by, d.requeued_outbox_id
FROM public.outbox_dlq d;

CREATE VIEW payops_read.webhooks AS
SELECT w.id, w.webhook_id, w.provider, w.event_type, w.payload, w.status, w.received_at, w.processed_at,
       w.attempts, w.error_message, w.tenant_id
FROM public.webhook_inbox w;

CREATE VIEW payops_read.mint_jobs AS
SELECT n.id, n.payment_id, n.blockchain, n.status, n.priority, n.attempts, n.error_message, n.created_at
FROM public.nft_mint_queue n;

CREATE VIEW payops_read.fraud_checks AS
SELECT f.id, f.payment_id, f.user_id, f.ip_address, f.score, f.decision, f."timestamp" AS at
FROM public.fraud_checks f;

CREATE VIEW payops_read.event_sequence AS
SELECT s.id, s.payment_id, s.event_type, s.sequence_number, s.event_timestamp, s.stripe_event_id, s.processed_at
FROM public.payment_event_sequence s;

CREATE VIEW payops_read.venues AS
SELECT v.id, v.name, v.tier, v.currency
FROM public.venues v;
