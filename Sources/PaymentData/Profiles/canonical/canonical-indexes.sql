-- The indexes the panes need on the canonical platform. Its fixture creates all of them under its own
-- names; `payops db install` finds them there (same table, same leading keys, same predicate) and creates
-- none. One index per line, each after one comment line "-- <pane>: <why>".
-- Transactions: newest first, keyset on (created_at, id)
CREATE INDEX payops_payments_created ON payment_transactions (created_at, id);
-- Overview: changed payments since the rollups' watermark (rollup maintenance, and the rollup-backed reads)
CREATE INDEX payops_payments_updated ON payment_transactions (updated_at);
-- Transactions: status filter, newest first
CREATE INDEX payops_payments_status ON payment_transactions (status, created_at, id);
-- Transactions: venue filter, newest first
CREATE INDEX payops_payments_venue ON payment_transactions (venue_id, created_at, id);
-- Transactions: search by user id, newest first
CREATE INDEX payops_payments_user ON payment_transactions (user_id, created_at, id);
-- Transactions: search by idempotency key
CREATE INDEX payops_payments_idempotency ON payment_transactions (idempotency_key);
-- Audit trail: the event stream, newest first
CREATE INDEX payops_events_created ON payment_events (created_at, id);
-- Audit trail: a payment's events (timeline)
CREATE INDEX payops_events_payment ON payment_events (payment_id, created_at);
-- Audit trail: filter by event type
CREATE INDEX payops_events_type ON payment_events (event_type, created_at, id);
-- Suspicious IPs: events from an address or network
CREATE INDEX payops_events_ip ON payment_events (ip_address, created_at);
-- Suspicious IPs: mean fraud score per address
CREATE INDEX payops_fraud_ip ON fraud_checks (ip_address, "timestamp");
-- Transactions: a payment's refunds (detail, refund rule)
CREATE INDEX payops_refunds_payment ON payment_refunds (transaction_id, created_at);
-- Overview: refunds made in the window
CREATE INDEX payops_refunds_created ON payment_refunds (created_at);
-- Transactions: the timeline's outbox rows
CREATE INDEX payops_outbox_aggregate ON outbox (aggregate_id, created_at);
-- Queues: waiting outbox rows
CREATE INDEX payops_outbox_waiting ON outbox (created_at) WHERE processed_at IS NULL;
-- Queues: webhooks by status
CREATE INDEX payops_webhooks_status ON webhook_inbox (status, received_at);
-- Queues: failed webhooks of one error group, oldest first (the group's rows, its retry's dry run)
CREATE INDEX payops_webhooks_failed_error ON webhook_inbox (status, error_message, received_at, id);
-- Transactions: the timeline's webhooks, by intent id
CREATE INDEX payops_webhooks_intent ON webhook_inbox ((payload #>> '{data,object,id}'));
-- Queues: mint jobs by status
CREATE INDEX payops_mints_status ON nft_mint_queue (status, created_at);
-- Transactions: the timeline's mint jobs
CREATE INDEX payops_mints_payment ON nft_mint_queue (payment_id);
-- Venues: payout history
CREATE INDEX payops_payouts_venue ON venue_payouts (venue_id, requested_at);
-- Transactions: a payment's idempotency records (timeline), by the payment its cached response names
CREATE INDEX payops_idempotency_payment ON payment_idempotency ((CASE WHEN (response ->> 'payment_id') ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN (response ->> 'payment_id')::uuid END));
