-- The indexes the panes need on the advanced-payments platform that its own indexes do not give. Each is on the
-- very expressions advanced-payments-read-model.sql's views use (payops.utc(created_at), the status CASEs, the
-- events' payment_id and event_type CASEs) with the views' own predicates as partial-index predicates, so that the
-- planner, which inlines the helpers in both the query and the index, matches them. Every line fits both schemas
-- (advanced-payments-fixture.sql and advanced-payments-variant-fixture.sql): only columns both have are named.
-- Not here, for that reason: an index on audit_logs.ip_address (only the real service's schema has the column; the
-- Suspicious IPs drill-down by network then scans audit_logs there). Where the platform already has an index with
-- the same leading keys (the variant's transactions(order_id), refunds(transaction_id), both schemas'
-- orders(customer_id)), payops finds it and creates none. Created by `payops db install --create-indexes`;
-- dropped by uninstall, which finds them by the payops_ prefix. One index per line, after one comment line.
-- Transactions: newest first, keyset on (created_at, id)
CREATE INDEX payops_ap_payments_created ON transactions ((payops.utc(created_at)), id) WHERE transaction_type IN ('purchase', 'authorize', 'capture');
-- Overview: changed payments since the rollups' watermark (rollup maintenance, and the rollup-backed reads)
CREATE INDEX payops_ap_payments_updated ON transactions ((payops.utc(updated_at))) WHERE transaction_type IN ('purchase', 'authorize', 'capture');
-- Transactions: status filter, newest first (and the Overview's failed payments in the window)
CREATE INDEX payops_ap_payments_by_status ON transactions ((CASE WHEN payops.txt(status) IN ('cancelled', 'expired', 'voided') THEN 'cancelled' WHEN transaction_type = 'authorize' AND payops.txt(status) IN ('succeeded', 'authorized', 'captured') THEN 'processing' WHEN payops.txt(status) IN ('succeeded', 'captured') THEN 'completed' WHEN payops.txt(status) = 'authorized' THEN 'processing' ELSE payops.txt(status) END), (payops.utc(created_at)), id) WHERE transaction_type IN ('purchase', 'authorize', 'capture');
-- Transactions: search by intent id (the gateway's transaction id)
CREATE INDEX payops_ap_payments_gateway ON transactions (gateway_transaction_id);
-- Transactions: search by user id, the customer's orders first
CREATE INDEX payops_ap_orders_customer ON orders (customer_id);
-- Transactions: search by user id, then the orders' transactions
CREATE INDEX payops_ap_payments_order ON transactions (order_id);
-- Transactions: a payment's refunds (detail, refund rule, over-refund alarm)
CREATE INDEX payops_ap_refunds_payment ON refunds (transaction_id);
-- Overview: refunds made in the window
CREATE INDEX payops_ap_refunds_created ON refunds ((payops.utc(created_at)));
-- Audit trail: the event stream, newest first (and the Suspicious IPs window)
CREATE INDEX payops_ap_events_created ON audit_logs ((payops.utc(created_at)), id) WHERE entity_type IN ('transactions', 'refunds');
-- Audit trail: a payment's events (timeline), a refund's rows by the transaction their image names
CREATE INDEX payops_ap_events_payment ON audit_logs ((CASE WHEN entity_type = 'refunds' THEN ((coalesce(new_values, old_values) ->> 'transaction_id'))::uuid ELSE entity_id END), (payops.utc(created_at))) WHERE entity_type IN ('transactions', 'refunds');
-- Audit trail: filter by event type, newest first
CREATE INDEX payops_ap_events_type ON audit_logs ((CASE WHEN action IN ('INSERT', 'UPDATE', 'DELETE') THEN entity_type || '.' || lower(action) ELSE payops.txt(action) END), (payops.utc(created_at)), id) WHERE entity_type IN ('transactions', 'refunds');
-- Queues: webhook deliveries by status, oldest first
CREATE INDEX payops_ap_webhooks_status ON webhook_deliveries ((CASE payops.txt(status) WHEN 'succeeded' THEN 'processed' WHEN 'retrying' THEN 'pending' WHEN 'abandoned' THEN 'failed' ELSE payops.txt(status) END), (payops.utc(created_at)), id);
-- Queues: failed webhook deliveries of one error group, oldest first (the group's rows, its retry's dry run)
CREATE INDEX payops_ap_webhooks_error ON webhook_deliveries ((CASE payops.txt(status) WHEN 'succeeded' THEN 'processed' WHEN 'retrying' THEN 'pending' WHEN 'abandoned' THEN 'failed' ELSE payops.txt(status) END), error_message, (payops.utc(created_at)), id);
-- Transactions: the timeline's webhooks, by intent id
CREATE INDEX payops_ap_webhooks_intent ON webhook_deliveries ((request_body #>> '{data,object,id}'));
-- Audit trail: an UPDATE's previous image (the entity's latest earlier audit row), for the old → new change
CREATE INDEX payops_ap_events_entity ON audit_logs (entity_type, entity_id, created_at);
