-- The indexes the panes need on the wallets platform that its Prisma migration does not give. Each is on the very
-- expressions wallets-read-model.sql's views use (payops.utc(created_at), payops.uid(id), the status CASE, the
-- address CASE over metadata, the views' predicates), so that the planner, which inlines those helpers in the
-- query and in the index alike, matches them. Created by `payops db install --create-indexes`; dropped by uninstall,
-- which finds them by the payops_ prefix. One file for both schemas (the same table and column names): on the
-- variant (UUID ids, TIMESTAMPTZ) payops.uid(id) and payops.utc(created_at) inline to the bare columns, so some of
-- these equal an index it has (its primary keys, its reference_id index) and are reported present or built as
-- duplicates (IndexCheck compares the written definitions).
-- One index per line, each after one comment line "-- <pane>: <why>".
-- Transactions: newest first, keyset on (created_at, id)
CREATE INDEX payops_w_orders_created ON orders ((payops.utc(created_at)), (payops.uid(id)));
-- Overview: changed payments since the rollups' watermark (rollup maintenance, and the rollup-backed reads)
CREATE INDEX payops_w_orders_updated ON orders ((payops.utc(updated_at)));
-- Overview: the window's counts by status and revenue from the index alone
CREATE INDEX payops_w_orders_created_covering ON orders ((payops.utc(created_at))) INCLUDE (created_at, status, amount, currency);
-- Transactions: a payment by id (detail, timeline, refund lock, id-prefix search)
CREATE INDEX payops_w_orders_id ON orders ((payops.uid(id)));
-- Transactions: status filter, newest first (and the Overview's failed payments in the window)
CREATE INDEX payops_w_orders_by_status ON orders ((CASE status WHEN 'PENDING' THEN 'pending' WHEN 'PAYMENT_PROCESSING' THEN 'processing' WHEN 'COMPLETED' THEN 'completed' WHEN 'FAILED' THEN 'failed' WHEN 'CANCELLED' THEN 'cancelled' WHEN 'REFUNDED' THEN 'refunded' END), (payops.utc(created_at)), (payops.uid(id)));
-- Transactions: venue (merchant) filter, newest first
CREATE INDEX payops_w_orders_merchant ON orders ((payops.uid(merchant_id)), (payops.utc(created_at)), (payops.uid(id)));
-- Transactions: search by user id, newest first
CREATE INDEX payops_w_orders_user ON orders ((payops.uid(user_id)), (payops.utc(created_at)), (payops.uid(id)));
-- Transactions: search by idempotency key (the view shows the platform's key where it is a uuid)
CREATE INDEX payops_w_orders_idempotency ON orders ((CASE WHEN idempotency_key ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN payops.uid(idempotency_key) END));
-- Transactions: search by Stripe intent id
CREATE INDEX payops_w_orders_intent ON orders (stripe_payment_intent_id);
-- Suspicious IPs: failed and cancelled orders in the window
CREATE INDEX payops_w_orders_failed ON orders ((payops.utc(created_at))) WHERE status IN ('FAILED', 'CANCELLED');
-- Suspicious IPs: orders from an address or network (drill-down; the events' client address)
CREATE INDEX payops_w_orders_ip ON orders ((CASE WHEN (metadata ->> 'ipAddress') ~* '^(::ffff:)?[0-9]{1,3}(\.[0-9]{1,3}){3}$' THEN CASE WHEN split_part(ltrim(metadata ->> 'ipAddress', ':fF'), '.', 1)::int < 256 AND split_part(ltrim(metadata ->> 'ipAddress', ':fF'), '.', 2)::int < 256 AND split_part(ltrim(metadata ->> 'ipAddress', ':fF'), '.', 3)::int < 256 AND split_part(ltrim(metadata ->> 'ipAddress', ':fF'), '.', 4)::int < 256 THEN ltrim(metadata ->> 'ipAddress', ':fF')::inet END WHEN (metadata ->> 'ipAddress') ~* '^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$' THEN CASE WHEN strpos(metadata ->> 'ipAddress', ':::') = 0 AND (metadata ->> 'ipAddress') !~ '^:[^:]|[^:]:$' AND CASE WHEN strpos(metadata ->> 'ipAddress', '::') = 0 THEN (metadata ->> 'ipAddress') ~ '^[^:]+(:[^:]+){7}$' ELSE strpos(substr(metadata ->> 'ipAddress', strpos(metadata ->> 'ipAddress', '::') + 2), '::') = 0 END THEN (metadata ->> 'ipAddress')::inet END END));
-- Audit trail: ledger rows about orders, newest first, keyset on (created_at, id)
CREATE INDEX payops_w_ledger_created ON wallet_transactions ((payops.utc(created_at)), (payops.uid(id))) WHERE reference_type = 'order';
-- Audit trail: ledger rows about orders by type, newest first
CREATE INDEX payops_w_ledger_type ON wallet_transactions ((payops.txt(type)), (payops.utc(created_at)), (payops.uid(id))) WHERE reference_type = 'order';
-- Transactions: a payment's ledger rows and refunds by the order's key (timeline, refund rule, over-refund alarm)
CREATE INDEX payops_w_ledger_reference ON wallet_transactions (reference_id);
-- Overview: refunds made in the window
CREATE INDEX payops_w_ledger_refunds ON wallet_transactions ((payops.utc(created_at))) WHERE type = 'REFUND';
-- Venues: a merchant's wallet (balances, payout locks)
CREATE INDEX payops_w_wallets_user ON wallets ((payops.uid(user_id)));
-- Venues: a merchant by id (venue names beside every payment)
CREATE INDEX payops_w_users_merchant ON users ((payops.uid(id))) WHERE role = 'MERCHANT';
-- Overview: the ledger's rows in the window, for the ledger alarms
CREATE INDEX payops_w_ledger_window ON wallet_transactions ((payops.utc(created_at)));
-- Overview: a wallet's last ledger row, for the balance alarm
CREATE INDEX payops_w_ledger_wallet ON wallet_transactions (wallet_id, created_at);
-- Overview: wallets updated in the window, for the balance alarm (each checked against its last ledger row)
CREATE INDEX payops_w_wallets_updated ON wallets ((payops.utc(updated_at)));
-- Venues: a merchant's last payout (its newest completed WITHDRAWAL), one index step instead of its whole ledger
CREATE INDEX payops_w_ledger_withdrawals ON wallet_transactions (wallet_id, (payops.utc(created_at))) WHERE type = 'WITHDRAWAL' AND status = 'COMPLETED';
