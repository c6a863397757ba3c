-- The indexes the panes need on the tickettoken platform that seed 001's own indexes do not give. Each is on
-- the very expressions tickettoken-read-model.sql's views use (payops.utc(created_at), payops.txt(status),
-- id::bigint, the ip_attempts predicate), so that the planner, which inlines those helpers in both the query
-- and the index, matches them. Created by `payops db install --create-indexes`; dropped by uninstall, which
-- finds them by the payops_ prefix. The same file serves the real service's schema (tickettoken-rls-fixture.sql),
-- where the three outbox indexes (the last three lines) have no table, as it has no outbox: skip them there.
-- One index per line, each after one comment line "-- <pane>: <why>".
-- Transactions: newest first, keyset on (created_at, id)
CREATE INDEX payops_tt_payments_created ON payment_transactions ((payops.utc(created_at)), id);
-- Overview: changed payments since the rollups' watermark (rollup maintenance, and the rollup-backed reads)
CREATE INDEX payops_tt_payments_updated ON payment_transactions ((payops.utc(updated_at)));
-- Transactions: status filter, newest first (and the Overview's failed payments in the window)
CREATE INDEX payops_tt_payments_status ON payment_transactions ((payops.txt(status)), (payops.utc(created_at)), id);
-- Transactions: venue filter, newest first
CREATE INDEX payops_tt_payments_venue ON payment_transactions (venue_id, (payops.utc(created_at)), id);
-- Transactions: search by user id, newest first
CREATE INDEX payops_tt_payments_user ON payment_transactions (user_id, (payops.utc(created_at)), id);
-- Transactions: search by idempotency key (the seed's unique key leads with tenant_id)
CREATE INDEX payops_tt_payments_idempotency ON payment_transactions (idempotency_key);
-- Transactions: a payment's refunds (detail, refund rule, over-refund alarm)
CREATE INDEX payops_tt_refunds_payment ON payment_refunds (transaction_id, (payops.utc(created_at)));
-- Overview: refunds made in the window
CREATE INDEX payops_tt_refunds_created ON payment_refunds ((payops.utc(created_at)));
-- Suspicious IPs: an address's fraud checks in the window (mean score, drill-down)
CREATE INDEX payops_tt_fraud_ip ON fraud_checks (ip_address, (payops.utc("timestamp")));
-- Suspicious IPs: failed attempts (checks decided decline or challenge) in the window
CREATE INDEX payops_tt_fraud_failed ON fraud_checks ((payops.utc("timestamp"))) WHERE decision IN ('decline', 'challenge');
-- Queues: webhooks by status, oldest first
CREATE INDEX payops_tt_webhooks_status ON webhook_inbox ((payops.txt(status)), (payops.utc(received_at)), id);
-- Queues: failed webhooks of one error group, oldest first (the group's rows, its retry's dry run)
CREATE INDEX payops_tt_webhooks_error ON webhook_inbox ((payops.txt(status)), error_message, (payops.utc(received_at)), id);
-- Transactions: the timeline's webhooks, by intent id
CREATE INDEX payops_tt_webhooks_intent ON webhook_inbox ((payload #>> '{data,object,id}'));
-- Queues: mint jobs by status, oldest first
CREATE INDEX payops_tt_mints_status ON nft_mint_queue ((payops.txt(status)), (payops.utc(created_at)), id);
-- Transactions: the timeline's mint jobs
CREATE INDEX payops_tt_mints_payment ON nft_mint_queue (payment_id);
-- Queues: dead letters, oldest first
CREATE INDEX payops_tt_dead_letters_moved ON outbox_dlq ((payops.utc(moved_to_dlq_at)), (id::bigint));
-- Queues: a dead letter by id (the view's id is the serial id as bigint)
CREATE INDEX payops_tt_dead_letters_id ON outbox_dlq ((id::bigint));
-- Transactions: the timeline's dead letters
CREATE INDEX payops_tt_dead_letters_aggregate ON outbox_dlq (aggregate_id);
-- Queues: waiting outbox rows, oldest first (predicate as the view writes it; not on the real service's schema)
CREATE INDEX payops_tt_outbox_waiting ON outbox ((payops.utc(created_at)), (id::bigint)) WHERE payops.utc(processed_at) IS NULL;
-- Transactions: the timeline's outbox rows (not on the real service's schema: it has no outbox table)
CREATE INDEX payops_tt_outbox_aggregate ON outbox (aggregate_id, (payops.utc(created_at)));
-- Queues: an outbox row by id (the view's id is the serial id as bigint; not on the real service's schema)
CREATE INDEX payops_tt_outbox_id ON outbox ((id::bigint));
-- Transactions: a payment's idempotency records (timeline), by the payment its cached response names
CREATE INDEX payops_tt_idempotency_payment ON payment_idempotency ((CASE WHEN (response ->> 'payment_id') ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN (response ->> 'payment_id')::uuid END));
