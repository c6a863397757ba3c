-- The read model (READ-MODEL.md) over the wallets platform (seed 003: a NestJS + Prisma wallet backend). One file
-- for both variants of its schema: the repository's Prisma migration (wallets-fixture.sql: TEXT ids, DECIMAL(12,2)
-- dollars, Prisma enums, TIMESTAMP(3) in UTC) and a drifted one (wallets-variant-fixture.sql: UUID ids,
-- DECIMAL(65,30), TEXT + CHECK, TIMESTAMPTZ(3)). The two share table and column names; every type difference goes
-- through payops' overloaded helpers (readmodel-helpers.sql), which the planner inlines, so that
-- wallets-indexes.sql indexes exactly these expressions:
--     payops.utc(x)    TIMESTAMP(3) (written in UTC: install with the default --timezone UTC) or TIMESTAMPTZ(3)
--     payops.minor(x)  DECIMAL of dollars (major units) -> bigint cents, half away from zero
--     payops.uid(x)    TEXT holding Prisma's uuid() or UUID -> uuid
--     payops.txt(x)    Prisma enum (a CASE over its labels), VARCHAR(n) or TEXT -> text
-- Status labels the platform spells differently are mapped by a CASE on the native column (immutable for an enum
-- and for text alike, so indexable): orders' PENDING / PAYMENT_PROCESSING / COMPLETED / FAILED / CANCELLED /
-- REFUNDED and the ledger's PENDING / COMPLETED / FAILED / REVERSED.
--
-- How the platform's notions map:
--   payments   = orders (one product, one unit each); venue_id = the merchant (a user with role MERCHANT),
--                event_id = the product, user_id = the buyer; no fees and no tax: the merchant's wallet gets the
--                whole amount (platform_fee 0, venue_payout = amount).
--   events     = the audit trail: each order's creation ('order.created', with the client address and user agent
--                the order's metadata carries, if any) and every ledger row (wallet_transactions) that references an
--                order (reference_type 'order', reference_id = the order's idempotency_key), event_type = the
--                ledger type, payload = amount, balance before and after (cents), reference. Ledger rows about no
--                order (deposits, withdrawals, payout debits) have no payment to belong to: left out.
--   refunds    = REFUND ledger rows that reference an order (the buyer's credit; payops' refund hook writes them,
--                the published platform has no refund flow).
--   balances   = merchant wallets: 'available' is the balance; 'reserved' is the whole balance while the wallet is
--                locked (the platform refuses debits then), else 0; no 'pending'.
--   venues     = merchants, named by their first and last name (else payops.venue_names, else their email).
-- What the platform lacks (no webhook inbox, outbox, dead letters, mint queue, fraud checks, Stripe event sequence,
-- client addresses) is an empty relation of the contract's types and a line in payops_read.notes. Payout requests
-- live in payops.payout_requests (the platform has none). Soft-deleted rows (deleted_at) are shown: money moved;
-- deleted merchants are marked "(deleted)".
--
-- The ledger alarms this platform needs (payops_read.findings at the end of this file raises them in the Overview),
-- and the SQL that finds the offending rows by hand:
--   1. a ledger row that does not add up: balance_after <> balance_before + amount (DEPOSIT, EARNING, REFUND) or
--      - amount (WITHDRAWAL, PAYMENT), for rows that moved money (COMPLETED):
--          SELECT t.id, t.wallet_id, t.type, t.amount, t.balance_before, t.balance_after
--          FROM wallet_transactions t
--          WHERE t.status = 'COMPLETED'
--            AND t.balance_after <> t.balance_before
--                + CASE WHEN t.type IN ('DEPOSIT', 'EARNING', 'REFUND') THEN t.amount ELSE -t.amount END;
--   2. a wallet whose balance is not its last ledger row's balance_after (a lost update, a write that bypassed the
--      ledger); last = newest created_at (TIMESTAMP(3): rows of one millisecond tie, and the one that matches wins,
--      so a tie raises no false alarm):
--          SELECT w.id, w.balance, l.balance_after, l.id AS last_row
--          FROM wallets w
--          LEFT JOIN LATERAL (
--              SELECT t.id, t.balance_after FROM wallet_transactions t
--              WHERE t.wallet_id = w.id AND t.status = 'COMPLETED'
--              ORDER BY t.created_at DESC, t.balance_after = w.balance DESC
--              LIMIT 1) l ON true
--          WHERE w.balance <> coalesce(l.balance_after, 0);
--      created_at is the order rows were written in only where writers stamp it under the wallet's lock (payops'
--      hooks use clock_timestamp()); the platform's own rows get the transaction's start time, which concurrent
--      writers can invert. The order-free form of the same invariant (every wallet starts at 0):
--          SELECT w.id, w.balance, s.total FROM wallets w
--          CROSS JOIN LATERAL (
--              SELECT coalesce(sum(CASE WHEN t.type IN ('DEPOSIT', 'EARNING', 'REFUND') THEN t.amount
--                                       ELSE -t.amount END), 0) AS total
--              FROM wallet_transactions t WHERE t.wallet_id = w.id AND t.status = 'COMPLETED') s
--          WHERE w.balance <> s.total;
--      (Both read a wallet's rows through the platform's index (wallet_id, created_at); 1 scans the whole ledger:
--      run it over a window of created_at, or incrementally.)

-- payments: orders. Decimal dollars -> cents, ids -> uuid, TIMESTAMP(3) -> timestamptz, status mapped (CANCELLED:
-- an abandoned checkout, 'cancelled', not a failure; the platform has no partially-refunded status: a partly refunded order
-- stays 'completed'). metadata: the order's own JSON object plus what the pane should see of its columns.
-- idempotency_key: the platform's key is free text (randomUUID() in practice): shown where it is a uuid.
CREATE VIEW payops_read.payments AS
SELECT payops.uid(o.id) AS id, NULL::uuid AS tenant_id, payops.uid(o.merchant_id) AS venue_id,
       payops.uid(o.user_id) AS user_id, payops.uid(o.product_id) AS event_id, payops.minor(o.amount) AS amount,
       payops.txt(o.currency) AS currency,
       CASE o.status WHEN 'PENDING' THEN 'pending' WHEN 'PAYMENT_PROCESSING' THEN 'processing'
                     WHEN 'COMPLETED' THEN 'completed' WHEN 'FAILED' THEN 'failed' WHEN 'CANCELLED' THEN 'cancelled'
                     WHEN 'REFUNDED' THEN 'refunded' END AS status,
       0::bigint AS platform_fee, payops.minor(o.amount) AS venue_payout, NULL::bigint AS gas_fee_paid,
       NULL::bigint AS tax_amount, payops.txt(o.stripe_payment_intent_id) AS stripe_payment_intent_id,
       NULL::text AS device_fingerprint, NULL::text AS payment_method_fingerprint,
       CASE WHEN jsonb_typeof(o.metadata) = 'object' THEN o.metadata ELSE '{}'::jsonb END
           || jsonb_strip_nulls(jsonb_build_object(
                  'payment_method', payops.txt(o.payment_method), 'order_status', payops.txt(o.status),
                  'failure_reason', coalesce(o.failure_reason, CASE WHEN o.status = 'CANCELLED' THEN 'cancelled' END),
                  'product_id', o.product_id, 'stripe_session_id', o.stripe_session_id,
                  'order_idempotency_key', o.idempotency_key, 'notes', o.notes,
                  'completed_at', payops.utc(o.completed_at), 'failed_at', payops.utc(o.failed_at),
                  'deleted_at', payops.utc(o.deleted_at))) AS metadata,
       CASE WHEN o.idempotency_key ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
            THEN payops.uid(o.idempotency_key) END AS idempotency_key,
       payops.utc(o.created_at) AS created_at, payops.utc(o.updated_at) AS updated_at
FROM public.orders o;

-- events: each order's creation ('order.created', at the order's created_at) and every ledger row that references
-- an order (event_type = the ledger type), both with the order they belong to (see the header). The client's address
-- is the order metadata's ipAddress where it is a well-formed address: dotted IPv4 (also as Node's IPv4-mapped
-- '::ffff:a.b.c.d', read as the IPv4 address) or IPv6 in hex groups; anything else reads as NULL, never as an error
-- (PostgreSQL 15 has no error-free cast: plain string tests guard the cast, cheap enough to index). Its user agent is
-- metadata's userAgent, raw (possibly hostile: the panes sanitise it). The 'order.created' event's id is the
-- order's id.
-- Shape, for speed: the two sources are single-table branches of a UNION ALL without WHERE clauses, so that the
-- planner merges their indexes' orders (Merge Append over payops_w_orders_created and payops_w_ledger_created) for
-- the newest-first keyset pages; the order each row belongs to is joined once, outside, by its idempotency_key (the
-- ledger's reference_id; an order's own key for its creation), so that a payment's timeline finds its rows through
-- that key. An order without an idempotency_key has no events.
CREATE VIEW payops_read.events AS
SELECT u.id, payops.uid(o.id) AS payment_id, u.event_type, u.ip_address, u.user_agent, u.payload, u.created_at
FROM (SELECT payops.uid(x.id) AS id, x.idempotency_key AS reference_id, 'order'::text AS reference_type,
             'order.created'::text AS event_type,
             CASE WHEN (x.metadata ->> 'ipAddress') ~* '^(::ffff:)?[0-9]{1,3}(\.[0-9]{1,3}){3}$'
                      THEN CASE WHEN split_part(ltrim(x.metadata ->> 'ipAddress', ':fF'), '.', 1)::int < 256
                                AND split_part(ltrim(x.metadata ->> 'ipAddress', ':fF'), '.', 2)::int < 256
                                AND split_part(ltrim(x.metadata ->> 'ipAddress', ':fF'), '.', 3)::int < 256
                                AND split_part(ltrim(x.metadata ->> 'ipAddress', ':fF'), '.', 4)::int < 256
                                THEN ltrim(x.metadata ->> 'ipAddress', ':fF')::inet END
                  WHEN (x.metadata ->> 'ipAddress') ~* '^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$'
                      THEN CASE WHEN strpos(x.metadata ->> 'ipAddress', ':::') = 0
                                AND (x.metadata ->> 'ipAddress') !~ '^:[^:]|[^:]:$'
                                AND CASE WHEN strpos(x.metadata ->> 'ipAddress', '::') = 0
                                         THEN (x.metadata ->> 'ipAddress') ~ '^[^:]+(:[^:]+){7}$'
                                         ELSE strpos(substr(x.metadata ->> 'ipAddress',
                                                            strpos(x.metadata ->> 'ipAddress', '::') + 2), '::') = 0 END
                                THEN (x.metadata ->> 'ipAddress')::inet END END AS ip_address,
             x.metadata ->> 'userAgent' AS user_agent,
             jsonb_strip_nulls(jsonb_build_object('payment_method', payops.txt(x.payment_method),
                 'amount', payops.minor(x.amount), 'currency', payops.txt(x.currency), 'product_id', x.product_id,
                 'stripe_session_id', x.stripe_session_id, 'idempotency_key', x.idempotency_key)) AS payload,
             payops.utc(x.created_at) AS created_at
      FROM public.orders x
      UNION ALL
      SELECT payops.uid(t.id), t.reference_id, payops.txt(t.reference_type), payops.txt(t.type), NULL::inet, NULL::text,
             jsonb_strip_nulls(jsonb_build_object('amount', payops.minor(t.amount),
                 'balance_before', payops.minor(t.balance_before), 'balance_after', payops.minor(t.balance_after),
                 'currency', payops.txt(t.currency), 'status', payops.txt(t.status), 'wallet_id', t.wallet_id,
                 'reference_type', payops.txt(t.reference_type), 'reference_id', t.reference_id,
                 'description', t.description, 'metadata', t.metadata)),
             payops.utc(t.created_at)
      FROM public.wallet_transactions t) u
JOIN public.orders o ON o.idempotency_key = u.reference_id
WHERE u.reference_type = 'order';

-- ip_attempts: failed or cancelled orders whose metadata carries a client address (the platform records none of
-- its own; the address is read as events reads it); no card fingerprint is stored. The status predicate is written
-- as wallets-indexes.sql's partial index (payops_w_orders_failed) writes it, so the index matches on an enum column
-- and on a text one alike.
CREATE VIEW payops_read.ip_attempts AS
SELECT a.ip_address, a.at, a.user_id, a.card, a.payment_id
FROM (SELECT CASE WHEN (o.metadata ->> 'ipAddress') ~* '^(::ffff:)?[0-9]{1,3}(\.[0-9]{1,3}){3}$'
                      THEN CASE WHEN split_part(ltrim(o.metadata ->> 'ipAddress', ':fF'), '.', 1)::int < 256
                                AND split_part(ltrim(o.metadata ->> 'ipAddress', ':fF'), '.', 2)::int < 256
                                AND split_part(ltrim(o.metadata ->> 'ipAddress', ':fF'), '.', 3)::int < 256
                                AND split_part(ltrim(o.metadata ->> 'ipAddress', ':fF'), '.', 4)::int < 256
                                THEN ltrim(o.metadata ->> 'ipAddress', ':fF')::inet END
                  WHEN (o.metadata ->> 'ipAddress') ~* '^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$'
                      THEN CASE WHEN strpos(o.metadata ->> 'ipAddress', ':::') = 0
                                AND (o.metadata ->> 'ipAddress') !~ '^:[^:]|[^:]:$'
                                AND CASE WHEN strpos(o.metadata ->> 'ipAddress', '::') = 0
                                         THEN (o.metadata ->> 'ipAddress') ~ '^[^:]+(:[^:]+){7}$'
                                         ELSE strpos(substr(o.metadata ->> 'ipAddress',
                                                            strpos(o.metadata ->> 'ipAddress', '::') + 2), '::') = 0 END
                                THEN (o.metadata ->> 'ipAddress')::inet END END AS ip_address,
             payops.utc(o.created_at) AS at, payops.uid(o.user_id) AS user_id, NULL::text AS card,
             payops.uid(o.id) AS payment_id
      FROM public.orders o
      WHERE o.status IN ('FAILED', 'CANCELLED')) a
WHERE a.ip_address IS NOT NULL;

-- refunds: the REFUND ledger rows that reference an order (the buyer's credit). A ledger row is complete when it
-- is written: completed_at = created_at for COMPLETED rows; REVERSED counts as failed (it no longer refunds
-- anything). reason: the reason code payops records in the row's metadata, else the row's description.
CREATE VIEW payops_read.refunds AS
SELECT payops.uid(t.id) AS id, payops.uid(o.id) AS transaction_id, payops.minor(t.amount) AS amount,
       coalesce(t.metadata ->> 'reason', t.description) AS reason,
       CASE t.status WHEN 'PENDING' THEN 'pending' WHEN 'COMPLETED' THEN 'completed' WHEN 'FAILED' THEN 'failed'
                     WHEN 'REVERSED' THEN 'failed' END AS status,
       NULL::uuid AS tenant_id, payops.utc(t.created_at) AS created_at,
       CASE WHEN t.status = 'COMPLETED' THEN payops.utc(t.created_at) END AS completed_at
FROM public.wallet_transactions t
JOIN public.orders o ON o.idempotency_key = t.reference_id
WHERE t.type = 'REFUND' AND t.reference_type = 'order';

-- balances: one 'available' and one 'reserved' row per merchant wallet (see the header); last_payout_at = the
-- wallet's newest completed WITHDRAWAL (the merchant's own withdrawals and the payouts payops approves alike).
-- Plain enough to be locked: the payout functions lock a venue's balances FOR UPDATE (the wallet row).
CREATE VIEW payops_read.balances AS
SELECT payops.uid(w.user_id) AS venue_id, b.balance_type,
       CASE WHEN b.balance_type = 'available' OR w.is_locked THEN payops.minor(w.balance) ELSE 0::bigint END AS amount,
       payops.txt(w.currency) AS currency,
       (SELECT payops.utc(x.created_at) FROM public.wallet_transactions x
        WHERE x.wallet_id = w.id AND x.type = 'WITHDRAWAL' AND x.status = 'COMPLETED'
        ORDER BY payops.utc(x.created_at) DESC LIMIT 1) AS last_payout_at
FROM public.wallets w
CROSS JOIN (VALUES ('available'::text), ('reserved'::text)) AS b(balance_type)
WHERE EXISTS (SELECT 1 FROM public.users u WHERE u.id = w.user_id AND u.role = 'MERCHANT');

-- payouts: the platform keeps no payout requests; payops' own table holds them (already in the contract's types).
-- idempotency: the platform keeps its idempotency keys on the orders themselves (orders.idempotency_key, unique):
-- one record per order that has one, naming the order; no status code or cached response.
CREATE VIEW payops_read.idempotency AS
SELECT o.idempotency_key AS key, payops.uid(o.id) AS payment_id, 'order'::text AS request, NULL::integer AS status_code,
       NULL::jsonb AS response, payops.utc(o.created_at) AS created_at, NULL::timestamptz AS expires_at
FROM public.orders o
WHERE o.idempotency_key IS NOT NULL;

CREATE VIEW payops_read.payouts AS
SELECT p.id, p.venue_id, p.amount, p.fee, p.currency, p.instant, p.status, p.requested_by, p.requested_at,
       p.decided_by, p.decided_at, p.decision_reason, p.idempotency_key
FROM payops.payout_requests p;

-- venues: merchants (users with role MERCHANT) and their wallet's currency. name: the merchant's first and last
-- name, else the one an operator gave in payops.venue_names, else the merchant's email; tier only from
-- payops.venue_names (the platform has no tiers).
CREATE VIEW payops_read.venues AS
SELECT payops.uid(u.id) AS id,
       coalesce(nullif(btrim(concat_ws(' ', u.first_name, u.last_name)), ''), n.name, u.email)
           || CASE WHEN u.deleted_at IS NOT NULL THEN ' (deleted)' ELSE '' END AS name,
       n.tier, coalesce(payops.txt(w.currency), 'USD') AS currency
FROM public.users u
LEFT JOIN public.wallets w ON w.user_id = u.id
LEFT JOIN payops.venue_names n ON n.venue_id = payops.uid(u.id)
WHERE u.role = 'MERCHANT';

-- notes: what this platform lacks, one line per pane (pane names as the console's tabs).
CREATE VIEW payops_read.notes AS
SELECT x.pane, x.note
FROM (VALUES
    ('Overview', 'no queues; no fees or tax (merchants get the whole amount); the ledger alarms watch rows whose '
        || 'balance_after is not balance_before +/- amount and wallets that are not their last ledger row'),
    ('Transactions', 'payments are orders (one product each, shown as the event): Decimal dollars read as cents; '
        || 'CANCELLED shows as cancelled; a partly refunded order stays completed (the platform has no such status)'),
    ('Audit trail', 'no audit log with addresses: the stream is each order''s creation and the wallet ledger rows '
        || 'about orders; deposits, withdrawals and payout debits belong to no payment and are left out'),
    ('Suspicious IPs', 'the platform records no client addresses: failed or cancelled orders count only where their '
        || 'metadata carries ipAddress; no card fingerprints or fraud checks'),
    ('Queues', 'no outbox, webhook inbox, dead letters or mint queue in this database: Stripe webhooks are handled '
        || 'in memory'),
    ('Venues', 'venues are merchants and their wallets; no pending balance; a locked wallet''s whole balance shows '
        || 'as reserved; payout requests are payops'' own (payops.payout_requests)')
) AS x(pane, note);

-- Integrity findings of the ledger (the Overview counts those in its window and raises an alarm for each kind):
--   ledger_mismatch          a completed ledger row whose balance_after is not balance_before ± amount (DEPOSIT,
--                            EARNING and REFUND credit the wallet; WITHDRAWAL and PAYMENT debit it);
--   wallet_balance_mismatch  a wallet whose balance is not its last completed ledger row's balance_after (rows in
--                            the order the platform wrote them: created_at, then the one that ends at the balance).
CREATE VIEW payops_read.findings AS
SELECT 'ledger_mismatch'::text AS kind, t.id::text AS subject, payops.utc(t.created_at) AS at
FROM public.wallet_transactions t
WHERE payops.tenant_guard() AND payops.txt(t.status) = 'COMPLETED'
  AND t.balance_after <> t.balance_before
      + CASE WHEN payops.txt(t.type) IN ('DEPOSIT', 'EARNING', 'REFUND') THEN t.amount ELSE -t.amount END
UNION ALL
SELECT 'wallet_balance_mismatch', w.id::text, payops.utc(w.updated_at)
FROM public.wallets w
-- The instant of the wallet's last completed ledger row: one backward step of the (wallet_id, created_at) index
-- (status compared as the column is, enum or text, so that its statistics guide the planner).
LEFT JOIN LATERAL (
    SELECT l.created_at FROM public.wallet_transactions l
    WHERE l.wallet_id = w.id AND l.status = 'COMPLETED'
    ORDER BY l.created_at DESC LIMIT 1) last ON true
WHERE payops.tenant_guard()
  -- Without ledger rows the balance must be 0; with them, some completed row of that last instant must say it
  -- (rows of one instant: any will do). An ARRAY subquery stays a per-wallet index probe: never a hash of the
  -- whole ledger.
  AND CASE WHEN last.created_at IS NULL THEN w.balance <> 0
           ELSE w.balance <> ALL (ARRAY(SELECT l.balance_after FROM public.wallet_transactions l
                                        WHERE l.wallet_id = w.id AND l.created_at = last.created_at
                                          AND l.status = 'COMPLETED')) END;
