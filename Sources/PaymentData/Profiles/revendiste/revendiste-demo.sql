-- Demo data for the revendiste platform: converts the canonical demo data set (schema payops_seed, the canonical
-- fixture's tables filled by payops' generator) into revendiste's tables in schema public. Works on both
-- schemas (revendiste-fixture.sql and revendiste-variant-fixture.sql): every table is filled by
--     SELECT pg_temp.rv_copy('public.t', $q$ <canonical rows, named as t's columns> $q$);
-- which inserts the columns t has (names it lacks, such as the variant's exchange_rate on the seed's schema,
-- are dropped), each cast to t's column type (an enum or text + CHECK, numeric or numeric(12,2), varchar(n) or
-- text: the INSERT checks typmods and CHECKs, nothing is truncated). Every time is timestamptz, so the setting
-- payops.seed_timezone does not matter here. Run once, into empty tables, after the fixture and `payops db
-- install`, in one transaction; the caller drops payops_seed afterwards. Names are schema-qualified throughout:
-- the caller's search_path starts with payops_seed, which has its own payment_events.
--
-- Conversions:
--   * One order per canonical payment (id md5('revendiste order ' || payment id)), the payment's user and
--     event; total = the payment amount, platform_commission = its platform fee, vat_on_commission = its tax,
--     subtotal = amount - fee - tax; one order item (the quantity of the payment's 'payment.created' event)
--     and one ticket reservation per order (released, i.e. soft-deleted, when the order is not confirmed).
--   * Money goes to MAJOR units (cents / 100). revendiste sells in USD and UYU only: USD stays USD; EUR and GBP
--     payments become UYU at 40 UYU a unit (every amount of the payment, its order and its refunds times 40, so
--     sums and refund limits hold exactly).
--   * Statuses: completed -> paid; pending older than 24 h before the data set's anchor -> expired (a payment link
--     lives for minutes), pending between 1 h and 24 h old -> cancelled for a third of them; the rest as they
--     are. Failure reasons in revendiste's upper case (CARD_DECLINED).
--   * Providers: 15 % stripe (the canonical pi_ ids), the rest dlocal with sequential ids DP-10000001….
--   * Users: one per canonical user id (users.email unique, clerk_id made up); events: one per canonical event
--     id, named "<venue name> · <show>", venue_name = the canonical venue's name (hostile names included).
--   * payment_events: the canonical audit events, renamed to revendiste's types (payment.created ->
--     payment_created; processing, succeeded, failed, requires_action, payment_method.attached -> status_change
--     with from_status/to_status; webhook_received stays, from dLocal's two documented addresses for dlocal
--     payments), with a status_change to expired or cancelled where the status became one. The canonical
--     refund.* events are replaced by revendiste's refund rows: a 'refund_initiated' event per canonical refund
--     that is pending or completed (same id; the requesting event's address and user agent) and a
--     'refund_completed' event naming it (event_data.refund_id) for completed ones; failed refund attempts are
--     dropped (the platform records none). Canonical fraud checks decided decline or challenge become
--     'fraud_check_failed' events, review ones 'manual_review_required' (score, decision, signals in
--     event_data); approved checks leave no event.
--   * ip_address is text here: canonical addresses as host(ip); one client event in ten (of any payment) in
--     Node's IPv4-mapped form '::ffff:a.b.c.d', which the read model reads back as a.b.c.d, so the attackers'
--     counts are kept; a few events of payments that did not fail carry text no address parser takes
--     ('unknown', an X-Forwarded-For chain), which the read model shows as no address. User agents (ANSI escapes,
--     bidi overrides, CJK, emoji, a very long one) are kept as they are.
--   * Deliberate anomaly (nothing in the schema prevents it, so the Overview's alarm fires on the demo): the first
--     partially refunded payment (else completed, else any, by id) gets one more completed refund of its amount
--     minus its refunds plus 10.00, so its refunds exceed it by 10.00 (400.00 in UYU).
-- Nothing else of the canonical set has a place here (venue balances and payouts, outbox, dead letters, webhook
-- inbox, mint queue, event sequence, idempotency keys, device fingerprints). Card fingerprints become payer
-- documents (8 digits from a hash of the fingerprint, type CI), which the read model hashes back into a card.
-- For speed (1 M payments and their rows), the target tables' plain indexes and their foreign keys are dropped
-- before the load and re-created from their exact definitions after it (validated in one pass each).
-- Deterministic (no random(), no now()); set-based, one INSERT per table.

SET client_min_messages = warning;
SET work_mem = '256MB';
SET jit = off;  -- compiling these wide expressions costs more than it saves

-- The data set's "now": payops.seed_anchor where the generator set it, else the newest canonical change.
CREATE TEMP TABLE rv_anchor AS
SELECT coalesce(nullif(pg_catalog.current_setting('payops.seed_anchor', true), '')::timestamptz,
                (SELECT max(t.updated_at) FROM payops_seed.payment_transactions t)) AS at;

-- A deterministic fraction [0, 1) of a uuid and a salt.
CREATE FUNCTION pg_temp.rv_u(id uuid, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
    SELECT (hashtextextended(id::text, salt) & 9007199254740991)::float8 / 9007199254740992::float8
$$;

-- Insert into `target` the rows of the query `source`: the columns the target has, cast to their types.
-- Returns the row count; NULL when the schema has no such table.
CREATE FUNCTION pg_temp.rv_copy(target text, source text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    rel regclass := pg_catalog.to_regclass(target);
    cols text;
    vals text;
    n bigint;
BEGIN
    IF rel IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE 'CREATE TEMP VIEW rv_source AS ' || source;
    SELECT string_agg(quote_ident(t.attname), ', ' ORDER BY s.attnum),
           string_agg(format('s.%I::%s', t.attname, t.atttypid::regtype), ', ' ORDER BY s.attnum)
    INTO cols, vals
    FROM pg_catalog.pg_attribute s
    JOIN pg_catalog.pg_attribute t ON t.attrelid = rel AND t.attname = s.attname AND t.attnum > 0 AND NOT t.attisdropped
    WHERE s.attrelid = 'pg_temp.rv_source'::regclass AND s.attnum > 0;
    EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM pg_temp.rv_source s', rel, cols, vals);
    GET DIAGNOSTICS n = ROW_COUNT;
    DROP VIEW pg_temp.rv_source;
    RETURN n;
END
$$;

-- The target tables' plain indexes and foreign keys, saved and dropped for the load (re-created at the end).
CREATE TEMP TABLE rv_targets AS
SELECT pg_catalog.to_regclass('public.' || t) AS rel
FROM unnest(ARRAY['users', 'events', 'orders', 'order_items', 'order_ticket_reservations', 'payments',
                  'payment_events']) AS t;
CREATE TEMP TABLE rv_saved_indexes AS
SELECT c.relname::text AS indexname, pg_catalog.pg_get_indexdef(i.indexrelid) AS indexdef
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid IN (SELECT rel FROM rv_targets) AND NOT i.indisprimary AND NOT i.indisunique
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid);
CREATE TEMP TABLE rv_saved_fkeys AS
SELECT k.conrelid::regclass::text AS tbl, k.conname::text AS conname, pg_catalog.pg_get_constraintdef(k.oid) AS condef
FROM pg_catalog.pg_constraint k
WHERE k.contype = 'f' AND k.conrelid IN (SELECT rel FROM rv_targets);
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT tbl, conname FROM pg_temp.rv_saved_fkeys ORDER BY tbl, conname LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
    END LOOP;
    FOR r IN SELECT indexname FROM pg_temp.rv_saved_indexes ORDER BY indexname LOOP
        EXECUTE format('DROP INDEX public.%I', r.indexname);
    END LOOP;
END
$$;

-- The quantity of each canonical payment's 'payment.created' event (its tickets), for the order item.
CREATE TEMP TABLE rv_qty AS
SELECT e.payment_id, max(CASE WHEN (e.payload ->> 'quantity') ~ '^[0-9]{1,4}$' THEN (e.payload ->> 'quantity')::int END) AS qty
FROM payops_seed.payment_events e
WHERE e.event_type = 'payment.created'
GROUP BY e.payment_id;
ALTER TABLE rv_qty ADD PRIMARY KEY (payment_id);
ANALYZE rv_qty;

-- One row per canonical payment with everything the tables below need: g (time order), the revendiste status
-- (ns), the currency and factor (f: 1 for USD, 40 for EUR/GBP -> UYU), the provider and its id, the order id,
-- the quantity.
CREATE TEMP TABLE rv_pay AS
SELECT x.*,
       CASE x.ns WHEN 'paid' THEN 'confirmed' WHEN 'refunded' THEN 'confirmed' WHEN 'partially_refunded' THEN 'confirmed'
                 WHEN 'expired' THEN 'expired' WHEN 'pending' THEN 'pending' WHEN 'processing' THEN 'pending'
                 ELSE 'cancelled' END AS order_status,
       CASE x.ns WHEN 'expired' THEN x.created_at + interval '30 minutes'
                 WHEN 'cancelled' THEN x.created_at + interval '5 minutes' ELSE x.updated_at END AS changed_at,
       CASE WHEN x.provider = 'stripe' THEN x.pi ELSE 'DP-' || (10000000 + x.g) END AS ppid
FROM (SELECT t.id, row_number() OVER (ORDER BY t.created_at, t.id) AS g, t.venue_id, t.event_id, t.user_id,
             t.amount, t.platform_fee AS fee, coalesce(t.tax_amount, 0) AS tax, t.stripe_payment_intent_id AS pi,
             t.payment_method_fingerprint AS pm_fp, t.metadata, t.status AS cstatus, t.created_at, t.updated_at,
             CASE WHEN t.currency = 'USD' THEN 'USD' ELSE 'UYU' END AS cur,
             CASE WHEN t.currency = 'USD' THEN 1 ELSE 40 END AS f,
             CASE WHEN t.status = 'completed' THEN 'paid'
                  WHEN t.status = 'pending' AND t.created_at < (SELECT a.at FROM rv_anchor a) - interval '24 hours'
                      THEN 'expired'
                  WHEN t.status = 'pending' AND t.created_at < (SELECT a.at FROM rv_anchor a) - interval '1 hour'
                       AND pg_temp.rv_u(t.id, 11) < 0.33 THEN 'cancelled'
                  ELSE t.status END AS ns,
             CASE WHEN get_byte(uuid_send(t.id), 0) < 38 AND t.stripe_payment_intent_id IS NOT NULL THEN 'stripe'
                  ELSE 'dlocal' END AS provider,
             md5('revendiste order ' || t.id)::uuid AS order_id,
             coalesce(q.qty, 1) AS qty
      FROM payops_seed.payment_transactions t
      LEFT JOIN rv_qty q ON q.payment_id = t.id) x;
CREATE UNIQUE INDEX ON rv_pay (id);
ANALYZE rv_pay;

-- users: one per canonical user; emails unique by construction.
SELECT pg_temp.rv_copy('public.users', $q$
    SELECT u.user_id AS id, 'user_' || left(md5('clerk ' || u.user_id), 24) AS clerk_id,
           'buyer.' || left(md5('mail ' || u.user_id), 12) || '@example.com' AS email,
           (ARRAY['Lucía', 'Martín', 'Sofía', 'Mateo', 'Valentina', 'Joaquín', 'Camila', 'Agustín', 'Florencia',
                  'Ñeco', 'Zoë', 'Renée'])[1 + (get_byte(uuid_send(u.user_id), 3) % 12)] AS first_name,
           (ARRAY['Rodríguez', 'González', 'Fernández', 'Pérez', 'Martínez', 'O''Neill', 'da Silva',
                  'Núñez'])[1 + (get_byte(uuid_send(u.user_id), 5) % 8)] AS last_name,
           u.first_at AS last_active_at, '{}'::jsonb AS metadata,
           u.first_at - interval '30 days' AS created_at, u.last_at AS updated_at
    FROM (SELECT p.user_id, min(p.created_at) AS first_at, max(p.updated_at) AS last_at
          FROM pg_temp.rv_pay p GROUP BY p.user_id) u
    ORDER BY u.first_at, u.user_id
$q$);

-- events: one per canonical event, at its canonical venue.
SELECT pg_temp.rv_copy('public.events', $q$
    SELECT e.event_id AS id, 'demo-' || replace(e.event_id::text, '-', '') AS external_id,
           (ARRAY['entraste', 'redtickets', 'tickantel', 'passline'])[1 + (get_byte(uuid_send(e.event_id), 2) % 4)]
               AS platform,
           v.name || ' · ' || (ARRAY['Noche de Tango', 'Cuarteto de Nos', 'No Te Va Gustar', 'La Vela Puerca',
               'Jazz a la Calle', 'Festival de Murga', 'Stand-up en vivo', 'Orquesta Filarmónica', 'Rock en el Río',
               'Candombe y Cumbia', 'Fiesta Bresh', 'Los Fabulosos'])[1 + (get_byte(uuid_send(e.event_id), 4) % 12)]
               AS name,
           'Demo event at ' || v.name AS description,
           date_trunc('hour', e.last_at) + interval '3 days' AS event_start_date,
           date_trunc('hour', e.last_at) + interval '3 days 4 hours' AS event_end_date,
           v.name AS venue_name,
           'Av. 18 de Julio ' || (1000 + get_byte(uuid_send(e.event_id), 6) * 3) || ', Montevideo' AS venue_address,
           'https://example.com/eventos/demo-' || replace(e.event_id::text, '-', '') AS external_url,
           'active' AS status, jsonb_build_object('canonical_venue_id', e.venue_id) AS metadata,
           e.first_at - interval '7 days' AS created_at, e.last_at AS updated_at, e.last_at AS last_scraped_at
    FROM (SELECT p.event_id, min(p.venue_id::text)::uuid AS venue_id, min(p.created_at) AS first_at,
                 max(p.updated_at) AS last_at
          FROM pg_temp.rv_pay p GROUP BY p.event_id) e
    JOIN payops_seed.venues v ON v.id = e.venue_id
    ORDER BY e.first_at, e.event_id
$q$);

-- orders: one per payment, created two minutes before it.
SELECT pg_temp.rv_copy('public.orders', $q$
    SELECT p.order_id AS id, p.user_id, p.event_id, p.order_status AS status,
           round((p.amount * p.f)::numeric / 100, 2) AS total_amount,
           round(((p.amount - p.fee - p.tax) * p.f)::numeric / 100, 2) AS subtotal_amount,
           round((p.fee * p.f)::numeric / 100, 2) AS platform_commission, round((p.tax * p.f)::numeric / 100, 2) AS vat_on_commission,
           p.cur AS currency, p.created_at + interval '8 minutes' AS reservation_expires_at,
           CASE WHEN p.order_status = 'confirmed' THEN p.created_at + least(p.updated_at - p.created_at, interval '4 minutes')
               END AS confirmed_at,
           CASE WHEN p.order_status = 'cancelled' THEN p.changed_at END AS cancelled_at,
           p.created_at - interval '2 minutes' AS created_at, p.changed_at AS updated_at
    FROM pg_temp.rv_pay p
    ORDER BY p.g
$q$);

-- order_items: one per order (the quantity of the canonical payment.created event).
SELECT pg_temp.rv_copy('public.order_items', $q$
    SELECT md5('revendiste item ' || p.id)::uuid AS id, p.order_id,
           md5('revendiste wave ' || p.event_id || ' ' || ((p.amount - p.fee - p.tax) / p.qty))::uuid AS ticket_wave_id,
           round(((p.amount - p.fee - p.tax) * p.f)::numeric / 100 / p.qty, 2) AS price_per_ticket, p.qty AS quantity,
           round(((p.amount - p.fee - p.tax) * p.f)::numeric / 100, 2) AS subtotal,
           p.created_at - interval '2 minutes' AS created_at, p.created_at - interval '2 minutes' AS updated_at
    FROM pg_temp.rv_pay p
    ORDER BY p.g
$q$);

-- order_ticket_reservations: one per order; released (soft-deleted) when the order did not go through.
SELECT pg_temp.rv_copy('public.order_ticket_reservations', $q$
    SELECT md5('revendiste reservation ' || p.id)::uuid AS id, p.order_id,
           md5('revendiste listing ticket ' || p.id)::uuid AS listing_ticket_id,
           p.created_at - interval '2 minutes' AS reserved_at, p.created_at + interval '8 minutes' AS reserved_until,
           p.created_at - interval '2 minutes' AS created_at, p.changed_at AS updated_at,
           CASE WHEN p.order_status IN ('cancelled', 'expired') THEN p.changed_at END AS deleted_at,
           CASE WHEN p.ns = 'refunded' THEN 'refunded' WHEN p.order_status IN ('cancelled', 'expired') THEN 'cancelled'
                ELSE 'active' END AS status
    FROM pg_temp.rv_pay p
    ORDER BY p.g
$q$);

-- payments, in time order as a live system appends them.
SELECT pg_temp.rv_copy('public.payments', $q$
    SELECT p.id, p.order_id, p.provider, p.ppid AS provider_payment_id, p.ns AS status,
           CASE WHEN p.ns IN ('paid', 'refunded', 'partially_refunded')
                THEN CASE WHEN pg_temp.rv_u(p.id, 12) < 0.70 THEN 'credit_card' WHEN pg_temp.rv_u(p.id, 12) < 0.95
                          THEN 'debit_card' ELSE 'bank_transfer' END END AS payment_method,
           round((p.amount * p.f)::numeric / 100, 2) AS amount, p.cur AS currency,
           CASE WHEN s.settled THEN round((p.amount * p.f)::numeric / 100, 2) * s.rate - s.fee END AS balance_amount,
           CASE WHEN s.settled THEN s.fee END AS balance_fee,
           CASE WHEN s.settled THEN 'UYU' END AS balance_currency,
           CASE WHEN s.settled THEN s.rate END AS exchange_rate,
           p.created_at,
           CASE WHEN s.settled THEN p.created_at + least(p.updated_at - p.created_at, interval '4 minutes') END AS approved_at,
           CASE WHEN p.ns = 'failed' THEN p.updated_at END AS failed_at,
           CASE WHEN p.ns = 'cancelled' THEN p.changed_at END AS cancelled_at,
           CASE WHEN p.ns = 'expired' THEN p.changed_at END AS expired_at,
           CASE WHEN p.ns IN ('refunded', 'partially_refunded') THEN p.updated_at END AS refunded_at,
           upper(p.metadata ->> 'failure_reason') AS failure_reason,
           CASE p.provider WHEN 'stripe' THEN 'https://checkout.stripe.com/c/pay/' || p.ppid
                ELSE 'https://checkout.dlocalgo.com/validate/payment/' || p.ppid END AS redirect_url,
           'https://api.revendiste.com/api/webhooks/' || p.provider AS notification_url,
           'https://revendiste.com/checkout/' || p.order_id || '/success' AS success_url,
           'https://revendiste.com/checkout/' || p.order_id AS back_url,
           jsonb_build_object('id', p.ppid, 'status', upper(p.ns), 'order_id', p.order_id) || p.metadata
               AS provider_metadata,
           u.email AS payer_email, u.first_name AS payer_first_name, u.last_name AS payer_last_name,
           CASE WHEN p.pm_fp IS NOT NULL THEN 'CI' END AS payer_document_type,
           CASE WHEN p.pm_fp IS NOT NULL THEN lpad(((hashtext(p.pm_fp) & 2147483647) % 100000000)::text, 8, '0') END
               AS payer_document,
           'UY' AS payer_country, p.changed_at AS updated_at
    FROM pg_temp.rv_pay p
    JOIN public.users u ON u.id = p.user_id
    CROSS JOIN LATERAL (SELECT p.ns IN ('paid', 'refunded', 'partially_refunded') AS settled,
                               CASE WHEN p.cur = 'USD' THEN 40 ELSE 1 END AS rate,
                               round(round((p.amount * p.f)::numeric / 100, 2) * CASE WHEN p.cur = 'USD' THEN 40 ELSE 1 END * 0.05, 2)
                                   AS fee) s
    ORDER BY p.g
$q$);

-- payment_events: the canonical audit events (refund.* left out), revendiste's refund rows, the fraud checks'
-- events and the status changes to expired / cancelled, in time order.
SELECT pg_temp.rv_copy('public.payment_events', $q$
    SELECT x.id, x.payment_id, x.event_type, x.from_status, x.to_status, x.event_data, x.ip_address, x.user_agent,
           x.created_at
    FROM (
        -- the canonical audit log
        SELECT e.id, e.payment_id,
               CASE e.event_type WHEN 'payment.created' THEN 'payment_created'
                    WHEN 'webhook_received' THEN 'webhook_received' ELSE 'status_change' END AS event_type,
               CASE e.event_type WHEN 'payment.processing' THEN 'pending' WHEN 'payment.succeeded' THEN 'processing'
                    WHEN 'payment.failed' THEN 'processing' WHEN 'payment.requires_action' THEN 'pending'
                    WHEN 'payment_method.attached' THEN 'pending' END AS from_status,
               CASE e.event_type WHEN 'payment.created' THEN 'pending' WHEN 'payment.processing' THEN 'processing'
                    WHEN 'payment.succeeded' THEN 'paid' WHEN 'payment.failed' THEN 'failed'
                    WHEN 'payment.requires_action' THEN 'pending' WHEN 'payment_method.attached' THEN 'pending' END
                   AS to_status,
               CASE e.event_type
                    WHEN 'payment.created' THEN e.payload || jsonb_build_object('amount', round((p.amount * p.f)::numeric / 100, 2),
                                                                                'currency', p.cur)
                    WHEN 'payment.succeeded' THEN jsonb_build_object('amount_received', round((p.amount * p.f)::numeric / 100, 2))
                    WHEN 'webhook_received' THEN jsonb_build_object('provider', p.provider, 'payment_id', p.ppid,
                                                                    'status', 'PAID')
                    WHEN 'payment.failed' THEN jsonb_build_object('failure_reason', upper(e.payload ->> 'failure_reason'))
                    WHEN 'payment.requires_action' THEN e.payload || '{"provider_event": "requires_action"}'::jsonb
                    WHEN 'payment_method.attached' THEN e.payload || '{"provider_event": "payment_method_attached"}'::jsonb
                    ELSE e.payload END AS event_data,
               CASE WHEN e.event_type = 'webhook_received' AND p.provider = 'dlocal'
                        THEN (ARRAY['52.89.214.238', '34.212.75.30'])[1 + (get_byte(uuid_send(e.id), 7) % 2)]
                    WHEN e.ip_address IS NULL THEN NULL
                    WHEN p.ns NOT IN ('failed') AND pg_temp.rv_u(e.id, 13) < 0.002 THEN 'unknown'
                    WHEN p.ns NOT IN ('failed') AND family(e.ip_address) = 4 AND pg_temp.rv_u(e.id, 13) < 0.004
                        THEN host(e.ip_address) || ', 10.0.3.17'
                    WHEN e.event_type <> 'webhook_received' AND family(e.ip_address) = 4 AND pg_temp.rv_u(e.id, 14) < 0.10
                        THEN '::ffff:' || host(e.ip_address)
                    ELSE host(e.ip_address) END AS ip_address,
               CASE WHEN e.event_type = 'webhook_received' AND p.provider = 'dlocal' THEN 'dLocal-Webhooks/1.0'
                    ELSE e.user_agent END AS user_agent,
               e.created_at
        FROM payops_seed.payment_events e
        JOIN pg_temp.rv_pay p ON p.id = e.payment_id
        WHERE e.event_type NOT LIKE 'refund.%'
        UNION ALL
        -- the status change to expired or cancelled
        SELECT md5('revendiste status ' || p.id)::uuid, p.id, 'status_change', 'pending', p.ns,
               jsonb_build_object('reason', CASE p.ns WHEN 'expired' THEN 'payment link expired'
                                                      ELSE 'buyer went back from the checkout' END),
               NULL, NULL, p.changed_at
        FROM pg_temp.rv_pay p
        WHERE p.ns IN ('expired', 'cancelled')
        UNION ALL
        -- refunds: requested (pending or completed canonical refunds) ...
        SELECT r.id, r.transaction_id, 'refund_initiated', NULL, NULL,
               jsonb_strip_nulls(jsonb_build_object('refund_id', r.id, 'amount', round((r.amount * p.f)::numeric / 100, 2),
                   'currency', p.cur, 'reason', r.reason, 'note', r.metadata ->> 'note', 'status', 'pending',
                   'provider_refund_id', r.stripe_refund_id, 'idempotency_key', r.idempotency_key)),
               CASE WHEN q.ip_address IS NULL THEN NULL ELSE host(q.ip_address) END, q.user_agent, r.created_at
        FROM payops_seed.payment_refunds r
        JOIN pg_temp.rv_pay p ON p.id = r.transaction_id
        LEFT JOIN LATERAL (SELECT e.ip_address, e.user_agent FROM payops_seed.payment_events e
                           WHERE e.payment_id = r.transaction_id AND e.event_type = 'refund.requested'
                             AND e.created_at = r.created_at
                           ORDER BY e.id LIMIT 1) q ON true
        WHERE r.status <> 'failed'
        UNION ALL
        -- ... and completed
        SELECT md5('revendiste refund completed ' || r.id)::uuid, r.transaction_id, 'refund_completed', NULL, NULL,
               jsonb_build_object('refund_id', r.id, 'amount', round((r.amount * p.f)::numeric / 100, 2), 'currency', p.cur,
                                  'provider_refund_id', r.stripe_refund_id),
               CASE p.provider WHEN 'dlocal' THEN (ARRAY['52.89.214.238', '34.212.75.30'])[1 + (get_byte(uuid_send(r.id), 7) % 2)]
                    ELSE '54.187.174.169' END,
               CASE p.provider WHEN 'dlocal' THEN 'dLocal-Webhooks/1.0' ELSE 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' END,
               coalesce(r.completed_at, r.updated_at)
        FROM payops_seed.payment_refunds r
        JOIN pg_temp.rv_pay p ON p.id = r.transaction_id
        WHERE r.status = 'completed'
        UNION ALL
        -- the deliberate over-refund: requested and completed, 10.00 (times f) more than the payment has left
        SELECT CASE z.event_type WHEN 'refund_initiated' THEN y.rid
                    ELSE md5('payops demo over-refund completed ' || y.id)::uuid END, y.id, z.event_type, NULL, NULL,
               jsonb_build_object('refund_id', y.rid, 'amount', y.over, 'currency', y.cur, 'reason', 'duplicate',
                                  'note', 'deliberate demo anomaly: this refund takes the refunds above the payment amount'),
               NULL, CASE z.event_type WHEN 'refund_initiated' THEN 'AdminPortal/2.14.1 (support; Chrome/124.0.0.0)' END,
               y.at + z.later
        FROM (SELECT md5('payops demo over-refund ' || a.id)::uuid AS rid, a.id, a.cur, a.at,
                     round(((a.amount - a.refunded + 1000) * a.f)::numeric / 100, 2) AS over
              FROM (SELECT p.id, p.amount, p.f, p.cur, p.created_at + (p.updated_at - p.created_at) / 2 AS at,
                           (SELECT coalesce(sum(x.amount), 0) FROM payops_seed.payment_refunds x
                            WHERE x.transaction_id = p.id AND x.status <> 'failed') AS refunded
                    FROM pg_temp.rv_pay p
                    ORDER BY CASE p.ns WHEN 'partially_refunded' THEN 0 WHEN 'paid' THEN 1 WHEN 'refunded' THEN 2 ELSE 3 END, p.id
                    LIMIT 1) a) y
        CROSS JOIN (VALUES ('refund_initiated', interval '0'), ('refund_completed', interval '1 minute')) AS z(event_type, later)
        UNION ALL
        -- fraud checks that flagged the payment
        SELECT f.id, f.payment_id,
               CASE f.decision WHEN 'review' THEN 'manual_review_required' ELSE 'fraud_check_failed' END, NULL, NULL,
               jsonb_build_object('score', f.score, 'decision', f.decision, 'signals', f.signals),
               CASE WHEN f.ip_address IS NULL THEN NULL ELSE host(f.ip_address) END, NULL, f."timestamp"
        FROM payops_seed.fraud_checks f
        JOIN pg_temp.rv_pay p ON p.id = f.payment_id
        WHERE f.decision IN ('decline', 'challenge', 'review')
    ) x
    ORDER BY x.created_at, x.id
$q$);

-- Re-create the dropped indexes and foreign keys from their exact definitions, refresh statistics, clean up.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT indexdef FROM pg_temp.rv_saved_indexes ORDER BY indexname LOOP
        EXECUTE r.indexdef;
    END LOOP;
    FOR r IN SELECT tbl, conname, condef FROM pg_temp.rv_saved_fkeys ORDER BY tbl, conname LOOP
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.tbl, r.conname, r.condef);
    END LOOP;
    FOR r IN SELECT rel FROM pg_temp.rv_targets WHERE rel IS NOT NULL LOOP
        EXECUTE format('ANALYZE %s', r.rel);
    END LOOP;
END
$$;

DROP TABLE pg_temp.rv_pay, pg_temp.rv_qty, pg_temp.rv_saved_indexes, pg_temp.rv_saved_fkeys, pg_temp.rv_targets, pg_temp.rv_anchor;
DROP FUNCTION pg_temp.rv_copy(text, text), pg_temp.rv_u(uuid, int);
RESET work_mem;
RESET jit;
RESET client_min_messages;
