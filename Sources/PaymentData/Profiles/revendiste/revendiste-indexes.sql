-- The indexes the panes need on the revendiste platform that its own migrations do not create. Each is on the
-- very expressions revendiste-read-model.sql's views compute (the status CASE, payops.txt(event_type), the
-- ip_address text -> inet conversion), so that the planner matches them. Created by `payops db install
-- --create-indexes`; dropped by uninstall, which finds them by the payops_ prefix. The same file serves
-- revendiste-variant-fixture.sql (enums or text + CHECK, varchar or text: the expressions are the same text, and
-- payops.txt picks the overload of each column's type). Already there on both: orders(user_id) and
-- orders(event_id) (user search and the venue filter go order -> payment through payments(order_id)) and
-- payment_events(payment_id) (a payment's timeline and refunds).
-- One index per line, each after one comment line "-- <pane>: <why>".
-- Transactions: newest first, keyset on (created_at, id), covering a page's payment columns and the Overview's window counts (so it beats payments_created_at_idx)
CREATE INDEX payops_rv_payments_created ON payments (created_at, id) INCLUDE (order_id, status, amount, currency, provider_payment_id);
-- Overview: changed payments since the rollups' watermark (rollup maintenance, and the rollup-backed reads)
CREATE INDEX payops_rv_payments_updated ON payments (updated_at);
-- Transactions: status filter as the read model maps it (paid = completed; cancelled, expired = failed), newest first; the Overview's failed payments
CREATE INDEX payops_rv_payments_by_status ON payments ((CASE status WHEN 'paid' THEN 'completed' WHEN 'pending' THEN 'pending' WHEN 'processing' THEN 'processing' WHEN 'failed' THEN 'failed' WHEN 'cancelled' THEN 'cancelled' WHEN 'expired' THEN 'cancelled' WHEN 'refunded' THEN 'refunded' WHEN 'partially_refunded' THEN 'partially_refunded' ELSE 'pending' END), created_at, id) INCLUDE (order_id, amount, currency, provider_payment_id);
-- Transactions: search by the provider's payment id (the platform's unique key leads with provider)
CREATE INDEX payops_rv_payments_provider_id ON payments (provider_payment_id);
-- Audit trail: newest first, keyset on (created_at, id)
CREATE INDEX payops_rv_events_created ON payment_events (created_at, id);
-- Audit trail: type filter (seed 000's webhook history: webhook_received, newest first)
CREATE INDEX payops_rv_events_type ON payment_events ((coalesce(payops.txt(event_type), 'unknown')), created_at, id);
-- Suspicious IPs: an address's or a network's events (drill-down, mean fraud score), by time
CREATE INDEX payops_rv_events_ip ON payment_events ((CASE WHEN ip_address ~ '^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$' THEN ip_address::inet WHEN ip_address ~* '^::ffff:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$' THEN substr(ip_address, 8)::inet WHEN ip_address ~ '^(([[:xdigit:]]{1,4}:){7}[[:xdigit:]]{1,4}|([[:xdigit:]]{1,4}:){1,7}:|([[:xdigit:]]{1,4}:){1,6}:[[:xdigit:]]{1,4}|([[:xdigit:]]{1,4}:){1,5}(:[[:xdigit:]]{1,4}){1,2}|([[:xdigit:]]{1,4}:){1,4}(:[[:xdigit:]]{1,4}){1,3}|([[:xdigit:]]{1,4}:){1,3}(:[[:xdigit:]]{1,4}){1,4}|([[:xdigit:]]{1,4}:){1,2}(:[[:xdigit:]]{1,4}){1,5}|[[:xdigit:]]{1,4}:(:[[:xdigit:]]{1,4}){1,6}|:((:[[:xdigit:]]{1,4}){1,7}|:)|([[:xdigit:]]{1,4}:){6}((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])|::(ffff(:0{1,4})?:)?((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])|([[:xdigit:]]{1,4}:){1,4}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]))$' THEN ip_address::inet END), created_at);
-- Suspicious IPs: failed payments, covering what an attempt shows (its order and the payer's document), read without the table
CREATE INDEX payops_rv_payments_failed ON payments (id) INCLUDE (order_id, payer_document_type, payer_document) WHERE status = 'failed';
-- Overview: refunds requested in the window (refund_initiated events)
CREATE INDEX payops_rv_refunds_created ON payment_events (created_at) WHERE event_type = 'refund_initiated';
-- Overview: each refund's completion (the refund_completed events of its payment), for the refunds and alarms in the window
CREATE INDEX payops_rv_refunds_completed ON payment_events (payment_id) WHERE event_type = 'refund_completed';
-- Venues: by name, keyset on (name, id)
CREATE INDEX payops_rv_events_name ON events (name, id);
-- Venues: an event's currency (its orders' first, one index step instead of every order of the event)
CREATE INDEX payops_rv_orders_event_currency ON orders (event_id, currency);
