-- Demo data for the wallets platform (seed 003): converts the canonical demo data set (schema payops_seed, the
-- canonical fixture's tables filled by payops' generator) into the platform's tables in schema public (users,
-- wallets, wallet_transactions, products, orders) and payops' own tables. Works on both schemas
-- (wallets-fixture.sql and wallets-variant-fixture.sql). Run once, into empty tables, after the fixture and
-- `payops db install`, with the setting payops.seed_timezone = the zone the profile is installed with (default
-- 'UTC'; the platform's TIMESTAMP(3) columns hold UTC, so keep it). The caller drops payops_seed afterwards.
--
-- How one statement fits both schemas: each table is filled by
--     SELECT pg_temp.w_copy('public.t', $q$ <rows, named as t's columns> $q$);
-- which inserts the columns t has, each cast to t's column type: uuid -> TEXT or UUID, numeric dollars ->
-- DECIMAL(12,2) or DECIMAL(65,30), text labels -> the Prisma enum or TEXT + CHECK, timestamptz -> TIMESTAMP(3)
-- (wall-clock time in payops.seed_timezone, which payops.utc() undoes) or TIMESTAMPTZ(3); names t lacks are
-- ignored (wallets.version is given and kept only on the variant). For speed (1 M payments), the tables' plain
-- indexes, payops' included, and their foreign keys are dropped before the load and re-created from their
-- definitions after it; run the file in one transaction to get them back whatever happens.
--
-- The conversion (deterministic: ids are md5 of the canonical ids, no random(), no now(); set-based):
--   * Merchants: each canonical venue is a MERCHANT user (id = the venue id, first_name = the venue's name, hostile
--     strings kept) with a wallet in the venue's currency; payops.venue_names gets name and tier (the platform has no
--     tiers). Buyers: each canonical user_id is a USER with one wallet, in the currency of the buyer's first refunded
--     payment, else of the first payment (the platform has one wallet per user).
--   * Products: one per canonical event_id (its venue's), priced at the cheapest of its payments; stock = its
--     payments + 50, of which 50 are left.
--   * Orders: one per canonical payment (same id, amount in dollars, one unit: the canonical quantity goes to
--     metadata). Method: WALLET for completed, refunded and partially refunded payments in the buyer's wallet
--     currency (all with refunds, and 60 % of the others by id), GATEWAY (Stripe) for the rest — a failed, pending
--     or processing purchase exists only as a gateway order on this platform (a failed wallet purchase writes
--     nothing). Status: pending PENDING, processing PAYMENT_PROCESSING, completed and partially_refunded COMPLETED
--     (the platform has no partial status), failed FAILED (failure_reason and failed_at from the canonical payment),
--     refunded REFUNDED. A refunded or partially refunded payment that has to be a gateway order (another currency
--     than the buyer's wallet) becomes COMPLETED and loses its refunds (the platform cannot refund a card).
--     metadata: the canonical metadata plus ipAddress and userAgent of the payment's first client event (the
--     attackers' addresses and the hostile user agents survive there) and quantity.
--   * Ledger (wallet_transactions), with running balance_before / balance_after per wallet in time order: a DEPOSIT
--     before each buyer's first wallet order (its wallet orders' total plus 10-99 dollars), a PAYMENT (buyer) per
--     completed wallet order, an EARNING (merchant) per completed order of either method (reference_type 'order',
--     reference_id = the order's idempotency_key, as the platform writes them); per canonical refund of a wallet
--     order a REFUND row on the buyer's wallet (COMPLETED and credited at its completion; pending and processing
--     ones PENDING, failed ones FAILED, neither moving money) and, for completed ones, a PAYMENT row debiting the
--     merchant; per approved or paid canonical payout a WITHDRAWAL on the merchant's wallet (reference_type
--     'payout'). Each wallet's balance is its last row's balance_after.
--   * payops' own tables: canonical venue_payouts -> payops.payout_requests (same ids), venues -> venue_names.
--   * Dropped (no place on this platform): payment_events other than the first client event's address and user
--     agent, fraud checks, known scalpers, webhooks, outbox, dead letters, mint jobs, Stripe event sequence,
--     idempotency records, the canonical balances (a merchant's balance is what its ledger adds up to).
--
-- Deliberate anomalies, one of each kind the platform's schema cannot prevent, so that the Overview's alarms (and
-- the two ledger alarms wallets-read-model.sql's header gives) fire on the demo:
--   * over-refunded: the first partially refunded wallet order (else completed, by id) gets one more completed
--     refund (buyer REFUND + merchant PAYMENT, ledger-consistent) of (amount - its refunds not failed + 10.00);
--   * negative balance: the merchant with the smallest id withdraws, last, 123.45 more than its wallet holds;
--   * a ledger row that does not add up: the first DEPOSIT (by wallet id) says balance_after 1.00 more than
--     balance_before + amount (the next row continues from the true balance);
--   * a wallet that is not its last ledger row: the second buyer's wallet holds 5.00 more than its ledger says;
--   * one locked merchant wallet (the second smallest merchant id) and one locked buyer wallet (the third buyer):
--     the platform refuses debits from them (payops shows the merchant's balance as reserved).

SET client_min_messages = warning;
SELECT pg_catalog.set_config('payops.demo_saved_timezone', pg_catalog.current_setting('TimeZone'), false);
SELECT pg_catalog.set_config('TimeZone',
    coalesce(nullif(pg_catalog.current_setting('payops.seed_timezone', true), ''), 'UTC'), false);
SET work_mem = '256MB';

-- A deterministic uuid from text.
CREATE FUNCTION pg_temp.w_id(key text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$ SELECT md5(key)::uuid $$;
-- The money a ledger row moves, in signed cents: credits add, debits subtract, rows not COMPLETED move nothing.
CREATE FUNCTION pg_temp.w_signed(type text, status text, cents bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN status <> 'COMPLETED' THEN 0
                WHEN type IN ('DEPOSIT', 'EARNING', 'REFUND') THEN cents ELSE -cents END
$$;

-- Insert into `target` the rows of the query `source`: the columns the target has, cast to their types.
-- Returns the row count.
CREATE FUNCTION pg_temp.w_copy(target text, source text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    rel regclass := pg_catalog.to_regclass(target);
    cols text;
    vals text;
    n bigint;
BEGIN
    EXECUTE 'CREATE TEMP VIEW w_source AS ' || source;
    SELECT string_agg(quote_ident(t.attname), ', ' ORDER BY s.attnum),
           string_agg(format('s.%I::%s', t.attname, t.atttypid::regtype), ', ' ORDER BY s.attnum)
    INTO cols, vals
    FROM pg_catalog.pg_attribute s
    JOIN pg_catalog.pg_attribute t ON t.attrelid = rel AND t.attname = s.attname AND t.attnum > 0 AND NOT t.attisdropped
    WHERE s.attrelid = 'pg_temp.w_source'::regclass AND s.attnum > 0;
    EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM pg_temp.w_source s', rel, cols, vals);
    GET DIAGNOSTICS n = ROW_COUNT;
    DROP VIEW pg_temp.w_source;
    RETURN n;
END
$$;

-- The target tables' plain indexes, saved and dropped for the load (re-created at the end).
CREATE TEMP TABLE w_saved_indexes AS
SELECT x.schemaname, x.indexname, x.indexdef
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
JOIN pg_catalog.pg_indexes x ON x.schemaname = c.relnamespace::regnamespace::text AND x.indexname = c.relname
WHERE i.indrelid IN (SELECT pg_catalog.to_regclass('public.' || t)
                     FROM unnest(ARRAY['users', 'wallets', 'wallet_transactions', 'products', 'orders']) AS t)
  AND NOT i.indisprimary AND NOT i.indisunique
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid);
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT schemaname, indexname FROM pg_temp.w_saved_indexes ORDER BY indexname LOOP
        EXECUTE format('DROP INDEX %I.%I', r.schemaname, r.indexname);
    END LOOP;
END
$$;

-- Likewise their foreign keys: dropped for the load and added back at the end, each checked in one pass over its
-- table instead of once per inserted row (every row here points at rows loaded before it).
CREATE TEMP TABLE w_saved_fkeys AS
SELECT k.conrelid::regclass AS rel, k.conname, pg_catalog.pg_get_constraintdef(k.oid) AS def
FROM pg_catalog.pg_constraint k
WHERE k.contype = 'f'
  AND k.conrelid IN (SELECT pg_catalog.to_regclass('public.' || t)
                     FROM unnest(ARRAY['users', 'wallets', 'wallet_transactions', 'products', 'orders']) AS t);
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT rel, conname FROM pg_temp.w_saved_fkeys ORDER BY conname LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.rel, r.conname);
    END LOOP;
END
$$;

-- The data set's "now": the generator's anchor, else the newest payment.
CREATE TEMP TABLE w_anchor AS
SELECT coalesce(nullif(pg_catalog.current_setting('payops.seed_anchor', true), '')::timestamptz,
                (SELECT max(created_at) FROM payops_seed.payment_transactions)) AS at;

-- Per payment: the address, user agent and quantity of its first client event (payment.created), and when it
-- succeeded or failed.
CREATE TEMP TABLE w_ev AS
SELECT DISTINCT ON (e.payment_id) e.payment_id, e.ip_address AS ip, e.user_agent AS ua,
       e.payload ->> 'quantity' AS quantity
FROM payops_seed.payment_events e
WHERE e.event_type = 'payment.created'
ORDER BY e.payment_id, e.created_at, e.id;
CREATE TEMP TABLE w_done AS
SELECT e.payment_id, min(e.created_at) FILTER (WHERE e.event_type = 'payment.succeeded') AS succeeded_at,
       min(e.created_at) FILTER (WHERE e.event_type = 'payment.failed') AS failed_at
FROM payops_seed.payment_events e
WHERE e.event_type IN ('payment.succeeded', 'payment.failed')
GROUP BY e.payment_id;

-- Buyers and the currency of their one wallet.
CREATE TEMP TABLE w_buyer AS
SELECT DISTINCT ON (p.user_id) p.user_id, p.currency, min(p.created_at) OVER (PARTITION BY p.user_id) AS first_at
FROM payops_seed.payment_transactions p
ORDER BY p.user_id, (p.status IN ('refunded', 'partially_refunded')) DESC, p.created_at, p.id;
CREATE UNIQUE INDEX ON w_buyer (user_id);
ANALYZE w_buyer;

-- The orders, with their method and status decided (see the header).
CREATE TEMP TABLE w_order AS
SELECT p.id, p.user_id, p.venue_id, p.event_id, p.amount, p.currency, p.created_at, p.updated_at, p.metadata,
       p.stripe_payment_intent_id AS pi,
       coalesce(p.idempotency_key, pg_temp.w_id('payops demo order key ' || p.id))::text AS ikey,
       m.method, e.ip, e.ua, e.quantity, d.failed_at,
       CASE p.status WHEN 'pending' THEN 'PENDING' WHEN 'processing' THEN 'PAYMENT_PROCESSING'
                     WHEN 'failed' THEN 'FAILED'
                     WHEN 'refunded' THEN CASE m.method WHEN 'WALLET' THEN 'REFUNDED' ELSE 'COMPLETED' END
                     ELSE 'COMPLETED' END AS status,
       CASE WHEN p.status IN ('completed', 'partially_refunded', 'refunded')
            THEN CASE m.method WHEN 'WALLET' THEN p.created_at ELSE coalesce(d.succeeded_at, p.created_at) END
       END AS completed_at
FROM payops_seed.payment_transactions p
JOIN w_buyer b ON b.user_id = p.user_id
LEFT JOIN w_ev e ON e.payment_id = p.id
LEFT JOIN w_done d ON d.payment_id = p.id
CROSS JOIN LATERAL (SELECT CASE WHEN p.status IN ('completed', 'partially_refunded', 'refunded')
                                      AND p.currency = b.currency
                                      AND (p.status <> 'completed' OR get_byte(uuid_send(p.id), 0) < 154)
                                 THEN 'WALLET' ELSE 'GATEWAY' END AS method) m;
CREATE UNIQUE INDEX ON w_order (id);

-- Products: one per canonical event (of one venue).
CREATE TEMP TABLE w_product AS
SELECT o.event_id AS id, o.venue_id, min(o.currency) AS currency, min(o.amount) AS price, count(*) AS sold,
       min(o.created_at) AS first_at,
       row_number() OVER (PARTITION BY o.venue_id ORDER BY o.event_id) AS n
FROM w_order o
GROUP BY o.event_id, o.venue_id;

-- Every ledger row, before the running balances: wallet owner, time, order among rows of one time, type, status,
-- amount (cents), reference, metadata (the money each moves is pg_temp.w_signed of it).
CREATE TEMP TABLE w_move (id uuid, owner uuid, at timestamptz, ord int, type text, status text, cents bigint,
                          description text, reference_type text, reference_id text, metadata jsonb);

-- Buyers' deposits before their first wallet order.
INSERT INTO w_move
SELECT pg_temp.w_id('payops demo deposit ' || o.user_id), o.user_id, min(o.created_at) - interval '1 hour', 0,
       'DEPOSIT', 'COMPLETED', sum(o.amount) + (10 + get_byte(uuid_send(o.user_id), 1) % 90) * 100, 'Wallet deposit',
       NULL, NULL, NULL
FROM w_order o WHERE o.method = 'WALLET'
GROUP BY o.user_id;

-- Wallet purchases: the buyer's PAYMENT.
INSERT INTO w_move
SELECT pg_temp.w_id('payops demo payment ' || o.id), o.user_id, o.created_at, 1, 'PAYMENT', 'COMPLETED', o.amount,
       'Purchase: ' || left(v.name, 200), 'order', o.ikey, NULL
FROM w_order o JOIN payops_seed.venues v ON v.id = o.venue_id
WHERE o.method = 'WALLET';

-- Completed orders of either method: the merchant's EARNING.
INSERT INTO w_move
SELECT pg_temp.w_id('payops demo earning ' || o.id), o.venue_id, o.completed_at, 2, 'EARNING', 'COMPLETED', o.amount,
       'Sale: ' || left(v.name, 200) || CASE o.method WHEN 'GATEWAY' THEN ' (Stripe)' ELSE '' END, 'order', o.ikey, NULL
FROM w_order o JOIN payops_seed.venues v ON v.id = o.venue_id
WHERE o.completed_at IS NOT NULL;

-- Refunds of wallet orders: the buyer's REFUND, and the merchant's PAYMENT for completed ones.
INSERT INTO w_move
SELECT pg_temp.w_id('payops demo refund ' || r.id), o.user_id,
       CASE WHEN r.status = 'completed' THEN coalesce(r.completed_at, r.created_at) ELSE r.created_at END, 3, 'REFUND',
       CASE r.status WHEN 'completed' THEN 'COMPLETED' WHEN 'failed' THEN 'FAILED' ELSE 'PENDING' END, r.amount,
       'Refund of order ' || o.id || ' (' || r.reason || ')', 'order', o.ikey,
       jsonb_strip_nulls(jsonb_build_object('reason', r.reason, 'note', r.metadata ->> 'note',
           'failure_reason', r.metadata ->> 'failure_reason', 'stripe_refund_id', r.stripe_refund_id, 'side', 'buyer'))
FROM payops_seed.payment_refunds r JOIN w_order o ON o.id = r.transaction_id
WHERE o.method = 'WALLET'
UNION ALL
SELECT pg_temp.w_id('payops demo refund debit ' || r.id), o.venue_id, coalesce(r.completed_at, r.created_at), 4,
       'PAYMENT', 'COMPLETED', r.amount, 'Refund of order ' || o.id || ' to the buyer', 'order', o.ikey,
       jsonb_build_object('reason', r.reason, 'side', 'merchant')
FROM payops_seed.payment_refunds r JOIN w_order o ON o.id = r.transaction_id
WHERE o.method = 'WALLET' AND r.status = 'completed';

-- Approved and paid payouts: the merchant's WITHDRAWAL.
INSERT INTO w_move
SELECT pg_temp.w_id('payops demo payout ' || p.id), p.venue_id, p.decided_at, 5, 'WITHDRAWAL', 'COMPLETED',
       p.amount + p.fee, 'Payout ' || p.id, 'payout', p.id::text,
       jsonb_build_object('payout_id', p.id, 'amount', p.amount, 'fee', p.fee, 'instant', p.instant)
FROM payops_seed.venue_payouts p
WHERE p.status IN ('approved', 'paid') AND p.decided_at IS NOT NULL;

-- Anomaly: the over-refund (both sides), 30 minutes before the anchor.
INSERT INTO w_move
SELECT pg_temp.w_id('payops demo over-refund ' || x.side || ' ' || a.id),
       CASE x.side WHEN 'buyer' THEN a.user_id ELSE a.venue_id END,
       (SELECT at FROM w_anchor) - interval '30 minutes', 6,
       CASE x.side WHEN 'buyer' THEN 'REFUND' ELSE 'PAYMENT' END,
       'COMPLETED', a.amount - a.refunded + 1000, 'Refund of order ' || a.id || ' (duplicate)', 'order', a.ikey,
       jsonb_build_object('reason', 'duplicate', 'side', x.side,
                          'note', 'deliberate demo anomaly: this refund takes the refunds above the order amount')
FROM (SELECT c.*, (SELECT coalesce(sum(m.cents), 0) FROM w_move m
                    WHERE m.reference_id = c.ikey AND m.type = 'REFUND' AND m.status <> 'FAILED') AS refunded
      FROM (SELECT o.id, o.user_id, o.venue_id, o.amount, o.ikey
            FROM w_order o JOIN payops_seed.payment_transactions p ON p.id = o.id
            WHERE o.method = 'WALLET' AND o.status = 'COMPLETED'
            ORDER BY (p.status = 'partially_refunded') DESC, o.id
            LIMIT 1) c) a
CROSS JOIN (VALUES ('buyer'), ('merchant')) AS x(side);

-- The negative-balance anomaly: the smallest merchant's last row takes it to -123.45.
INSERT INTO w_move
SELECT pg_temp.w_id('payops demo overdraft ' || v.id), v.id,
       greatest((SELECT at FROM w_anchor) - interval '2 hours',
                coalesce((SELECT max(m.at) FROM w_move m WHERE m.owner = v.id), '-infinity') + interval '1 second'),
       7, 'WITHDRAWAL', 'COMPLETED', greatest(1, s.total + 12345), 'Withdrawal', NULL, NULL,
       '{"note": "deliberate demo anomaly: this withdrawal takes the wallet below zero"}'::jsonb
FROM (SELECT id FROM payops_seed.venues ORDER BY id LIMIT 1) v
CROSS JOIN LATERAL (SELECT coalesce(sum(pg_temp.w_signed(m.type, m.status, m.cents)), 0) AS total
                    FROM w_move m WHERE m.owner = v.id) s;

-- Running balances per wallet, in time order.
CREATE TEMP TABLE w_ledger AS
SELECT m.*, pg_temp.w_id('payops demo wallet ' || m.owner) AS wallet_id,
       coalesce(sum(m.signed) OVER (PARTITION BY m.owner ORDER BY m.at, m.ord, m.id
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before_cents,
       count(*) FILTER (WHERE m.signed <> 0) OVER (PARTITION BY m.owner) AS moves
FROM (SELECT w.*, pg_temp.w_signed(w.type, w.status, w.cents) AS signed FROM w_move w) m;

-- Wallets: merchants (venues) and buyers, balance = their ledger's sum (+ the mismatch anomaly).
CREATE TEMP TABLE w_wallet AS
SELECT x.owner, x.currency, x.created_at, x.merchant, coalesce(l.total, 0) AS cents, coalesce(l.moves, 0) AS moves,
       coalesce(l.last_at, x.created_at) AS updated_at,
       row_number() OVER (PARTITION BY x.merchant ORDER BY pg_temp.w_id('payops demo wallet ' || x.owner)) AS rk
FROM (SELECT v.id AS owner, v.currency, v.created_at, true AS merchant FROM payops_seed.venues v
      UNION ALL
      SELECT b.user_id, b.currency, b.first_at - interval '1 day', false FROM w_buyer b) x
LEFT JOIN (SELECT owner, sum(signed) AS total, max(moves) AS moves, max(at) AS last_at FROM w_ledger GROUP BY owner) l
       ON l.owner = x.owner;

-- users: merchants, then buyers.
SELECT pg_temp.w_copy('public.users', $q$
    SELECT v.id, 'merchant-' || replace(v.id::text, '-', '') || '@example.test' AS email,
           'payops demo: no login' AS password, 'MERCHANT' AS role, v.name AS first_name, NULL::text AS last_name,
           true AS is_active, v.created_at, v.created_at AS updated_at
    FROM payops_seed.venues v
    UNION ALL
    SELECT b.user_id, 'buyer-' || replace(b.user_id::text, '-', '') || '@example.test', 'payops demo: no login', 'USER',
           NULL, NULL, true, b.first_at - interval '1 day', b.first_at - interval '1 day'
    FROM w_buyer b
    ORDER BY created_at, id
$q$);

-- wallets; version (the variant's) = the balance changes made.
SELECT pg_temp.w_copy('public.wallets', $q$
    SELECT pg_temp.w_id('payops demo wallet ' || w.owner) AS id,
           (w.cents + CASE WHEN NOT w.merchant AND w.rk = 2 THEN 500 ELSE 0 END)::numeric / 100 AS balance,
           w.currency, (w.rk = 2 AND w.merchant) OR (w.rk = 3 AND NOT w.merchant) AS is_locked, w.moves AS version,
           w.created_at, w.updated_at,
           w.owner AS user_id
    FROM w_wallet w
    ORDER BY w.created_at, w.owner
$q$);

-- products.
SELECT pg_temp.w_copy('public.products', $q$
    SELECT p.id, left('Ticket ' || p.n || ' · ' || v.name, 255) AS name, NULL::text AS description,
           p.price::numeric / 100 AS price, p.currency, (p.sold + 50)::int AS initial_units, 50 AS available_units,
           true AS is_active, p.first_at - interval '7 days' AS created_at,
           p.first_at - interval '7 days' AS updated_at, p.venue_id AS merchant_id
    FROM w_product p JOIN payops_seed.venues v ON v.id = p.venue_id
    ORDER BY p.first_at, p.id
$q$);

-- orders, in time order as the platform appends them.
SELECT pg_temp.w_copy('public.orders', $q$
    SELECT o.id, o.method AS payment_method, o.status, o.amount::numeric / 100 AS amount, o.currency,
           CASE o.method WHEN 'GATEWAY' THEN 'cs_live_' || substr(o.pi, 4) END AS stripe_session_id,
           CASE WHEN o.method = 'GATEWAY' AND o.status <> 'PENDING' THEN o.pi END AS stripe_payment_intent_id,
           o.ikey AS idempotency_key, NULL::text AS notes,
           CASE WHEN jsonb_typeof(o.metadata) = 'object' THEN o.metadata ELSE '{}'::jsonb END
               || jsonb_strip_nulls(jsonb_build_object('ipAddress', host(o.ip), 'userAgent', o.ua,
                                                       'quantity', o.quantity::int)) AS metadata,
           o.completed_at, CASE WHEN o.status = 'FAILED' THEN coalesce(o.failed_at, o.updated_at) END AS failed_at,
           CASE WHEN o.status = 'FAILED' THEN coalesce(o.metadata ->> 'failure_reason', 'payment failed') END
               AS failure_reason,
           o.created_at, o.updated_at, o.user_id, o.event_id AS product_id, o.venue_id AS merchant_id
    FROM w_order o
    ORDER BY o.created_at, o.id
$q$);

-- wallet_transactions, in time order; the first DEPOSIT (by wallet id) carries the arithmetic anomaly.
SELECT pg_temp.w_copy('public.wallet_transactions', $q$
    SELECT l.id, l.type, l.status, l.cents::numeric / 100 AS amount, l.before_cents::numeric / 100 AS balance_before,
           (l.before_cents + l.signed + CASE WHEN l.id = (SELECT d.id FROM w_ledger d WHERE d.type = 'DEPOSIT'
                                                            ORDER BY d.wallet_id LIMIT 1) THEN 100 ELSE 0 END)::numeric
               / 100 AS balance_after,
           w.currency, l.description, l.reference_type, l.reference_id, l.metadata, l.at AS created_at,
           l.at AS updated_at, l.wallet_id
    FROM w_ledger l JOIN w_wallet w ON w.owner = l.owner
    ORDER BY l.at, l.id
$q$);

-- payops' own tables: payout requests (the platform keeps none), venue names and tiers.
INSERT INTO payops.payout_requests (id, venue_id, amount, fee, currency, instant, status, requested_by, requested_at,
    decided_by, decided_at, decision_reason, idempotency_key)
SELECT p.id, p.venue_id, p.amount, p.fee, p.currency, p.instant, p.status, p.requested_by, p.requested_at,
       p.decided_by, p.decided_at, p.decision_reason, p.idempotency_key
FROM payops_seed.venue_payouts p
ORDER BY p.requested_at, p.id;

INSERT INTO payops.venue_names (venue_id, name, tier)
SELECT v.id, v.name, v.tier FROM payops_seed.venues v ORDER BY v.id;

-- Re-create the dropped indexes and foreign keys from their exact definitions, refresh statistics, clean up,
-- restore settings.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT indexdef FROM pg_temp.w_saved_indexes ORDER BY indexname LOOP
        EXECUTE r.indexdef;
    END LOOP;
    FOR r IN SELECT rel, conname, def FROM pg_temp.w_saved_fkeys ORDER BY conname LOOP
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.rel, r.conname, r.def);
    END LOOP;
END
$$;
ANALYZE public.users, public.wallets, public.wallet_transactions, public.products, public.orders,
    payops.payout_requests, payops.venue_names;

DROP TABLE pg_temp.w_saved_indexes, pg_temp.w_saved_fkeys, pg_temp.w_anchor, pg_temp.w_ev, pg_temp.w_done,
    pg_temp.w_buyer, pg_temp.w_order, pg_temp.w_product, pg_temp.w_move, pg_temp.w_ledger, pg_temp.w_wallet;
DROP FUNCTION pg_temp.w_copy(text, text), pg_temp.w_id(text), pg_temp.w_signed(text, text, bigint);
SELECT pg_catalog.set_config('TimeZone', pg_catalog.current_setting('payops.demo_saved_timezone'), false);
RESET work_mem;
RESET client_min_messages;
