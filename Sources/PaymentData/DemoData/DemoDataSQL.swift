/// The set-based demo-data generator: static SQL run inside PostgreSQL, parameterised by settings.
///
/// Inputs, set by the caller with `set_config(name, value, false)` before the first step:
/// - `payops.seed_transactions`: N, the number of payment_transactions (200 … 100,000,000; tested to 10 M);
/// - `payops.seed`: S, a bigint seed;
/// - `payops.seed_anchor`: the data set's "now" (timestamptz text); every time is relative to it.
/// Same (N, S, anchor) gives identical rows: every value is a hash of (row, seed, salt), no `random()`,
/// no `now()`, and intervals are counted in seconds/hours, never in days, so TimeZone does not matter.
/// Run the steps in one session, in order, each with PQexec, against a freshly migrated, empty database.
/// Rows g ≤ 16 are hand-placed (recent times, hostile user agents, failed webhooks, stuck outbox rows)
/// so every N shows them; the last `na` rows are attacker bursts of failed payments.
enum DemoDataSQL {
    /// Statements run in order, each with PQexec (no parameters; settings carry the inputs).
    static let steps: [(name: String, sql: String)] = [
        ("prepare", #"""
        -- Session settings, parameters (seed_params), hash helpers (pg_temp.u/r/alnum/bps) and small pools.
        SET client_min_messages = warning;  -- no NOTICEs from DROP ... IF EXISTS on the caller's stderr
        SET work_mem = '256MB';
        SET maintenance_work_mem = '512MB';
        SET synchronous_commit = off;
        SET jit = off;  -- compiling these wide expressions costs more than it saves
        DO $$ BEGIN PERFORM set_config('temp_buffers', '1GB', false);
        EXCEPTION WHEN OTHERS THEN NULL; END $$;   -- only possible before the session's first temp table
        DO $$ BEGIN
            IF current_setting('payops.seed_transactions')::bigint NOT BETWEEN 200 AND 100000000 THEN
                RAISE EXCEPTION 'payops.seed_transactions must be between 200 and 100000000';
            END IF;
            IF EXISTS (SELECT 1 FROM payment_transactions) OR EXISTS (SELECT 1 FROM venues) THEN
                RAISE EXCEPTION 'demo data goes into an empty database';
            END IF;
        END $$;
        -- Hash helpers, inlined by the planner: uniform [0,1), integer [0,m), a uuid, n (<= 32) letters and
        -- digits, 64 hex digits, half-up basis points. Each use passes (row number, k + its own salt).
        CREATE OR REPLACE FUNCTION pg_temp.u(i bigint, key bigint) RETURNS float8 LANGUAGE sql IMMUTABLE
            AS 'SELECT (hashint8extended(i, key) & 9007199254740991)::float8 / 9007199254740992::float8';
        CREATE OR REPLACE FUNCTION pg_temp.r(i bigint, key bigint, m bigint) RETURNS bigint LANGUAGE sql IMMUTABLE
            AS 'SELECT (hashint8extended(i, key) & 9007199254740991) % m';
        CREATE OR REPLACE FUNCTION pg_temp.uid(i bigint, key bigint) RETURNS uuid LANGUAGE sql IMMUTABLE
            AS $f$SELECT encode(int8send(hashint8extended(i, key)) || int8send(hashint8extended(i, key # 6148914691236517205)), 'hex')::uuid$f$;
        CREATE OR REPLACE FUNCTION pg_temp.alnum(i bigint, key bigint, n int) RETURNS text LANGUAGE sql IMMUTABLE
            AS $f$SELECT left(replace(replace(encode(int8send(hashint8extended(i, key)) || int8send(hashint8extended(i, key # 6148914691236517205))
                   || int8send(hashint8extended(i, key # 3074457345618258602)), 'base64'), '+', 'x'), '/', 'Q'), n)$f$;
        CREATE OR REPLACE FUNCTION pg_temp.hex(i bigint, key bigint) RETURNS text LANGUAGE sql IMMUTABLE
            AS $f$SELECT encode(int8send(hashint8extended(i, key)) || int8send(hashint8extended(i, key # 6148914691236517205))
                   || int8send(hashint8extended(i, key # 3074457345618258602)) || int8send(hashint8extended(i, key # 1537228672809129301)), 'hex')$f$;
        CREATE OR REPLACE FUNCTION pg_temp.bps(amount bigint, bps bigint) RETURNS bigint LANGUAGE sql IMMUTABLE
            AS 'SELECT (amount * bps + 5000) / 10000';

        DROP TABLE IF EXISTS seed_params, seed_ua, seed_attackers, seed_event_tmpl, seed_seq_tmpl;
        -- n transactions, s seed, k hash key, nv venues, nu users, ar/ao attacker payments per burst, na in all,
        -- bk the share of would-be waiting queue rows (webhooks, mints) that still wait: 1 up to 100 k payments, then
        -- 100 k / n, so a queue's backlog stays the same from 100 k to 10 M payments (a drained queue does not grow
        -- with history; issue 12: queue depth reads only what waits)
        CREATE TEMP TABLE seed_params AS
        SELECT n, s, anchor, hashint8extended(s, 0) >> 12 AS k, greatest(12, n / 5000) AS nv,
               greatest(50, n / 4) AS nu, greatest(4, n / 20000) AS ar, greatest(2, n / 20000) AS ao,
               6 * greatest(4, n / 20000) + 8 * greatest(2, n / 20000) AS na,
               least(1.0, 100000.0 / greatest(n, 1)) AS bk
        FROM (SELECT current_setting('payops.seed_transactions')::bigint AS n,
                     current_setting('payops.seed')::bigint AS s,
                     current_setting('payops.seed_anchor')::timestamptz AS anchor) AS x;

        -- User agents: 0-17 ordinary, 100-108 hostile, 200-205 attackers' tools, 300 Stripe, 301 support.
        CREATE TEMP TABLE seed_ua (ix int PRIMARY KEY, ua text NOT NULL, channel text NOT NULL);
        INSERT INTO seed_ua VALUES
          (0, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 'web'),
          (1, 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 'web'),
          (2, 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15', 'web'),
          (3, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0', 'web'),
          (4, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67', 'web'),
          (5, 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36', 'web'),
          (6, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1', 'web'),
          (7, 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_7_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1', 'web'),
          (8, 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36', 'web'),
          (9, 'Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36', 'web'),
          (10, 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1', 'web'),
          (11, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 327.0.0.32.120 (iPhone14,5; iOS 17_3; en_US)', 'web'),
          (12, 'TicketApp/5.12.0 (iPhone; iOS 17.4.1; Scale/3.00)', 'ios'),
          (13, 'TicketApp/5.11.2 (iPhone; iOS 16.7.7; Scale/2.00)', 'ios'),
          (14, 'TicketApp/5.12.0 (Linux; Android 14; Pixel 7 Build/AP1A.240405.002) okhttp/4.12.0', 'android'),
          (15, 'TicketApp/5.10.4 (Linux; Android 12; SM-A525F) okhttp/4.11.0', 'android'),
          (16, 'okhttp/4.12.0', 'android'),
          (17, 'BoxOfficePOS/3.4.1 (Windows 10; kiosk)', 'pos'),
          (100, E'Mozilla/5.0 \x1b[2J\x1b[H(Windows NT 10.0; Win64; x64) Chrome/124.0.0.0', 'web'),
          (101, E'curl/8.4.0 \x1b]52;c;cm0gLXJmIH4vKgo=\x07', 'web'),
          (102, E'Mozilla/5.0 \x1b[31m(Macintosh; Intel Mac OS X 10_15_7)\x1b[0m Safari/605.1.15', 'web'),
          (103, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) ' || repeat('AppleWebKit/537.36 (KHTML, like Gecko) ', 55) || 'Chrome/124.0.0.0 Safari/537.36', 'web'),
          (104, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47 NetType/WIFI Language/zh_CN 微信支付', 'web'),
          (105, 'チケット購入アプリ/2.3.1 (iPhone; iOS 17.2; 日本語)', 'ios'),
          (106, 'TicketApp/5.12.0 🎟️🎶 (iPhone; iOS 17.4.1; Scale/3.00) 🔥', 'ios'),
          (107, E'Mozilla/5.0\x07\x08\x08\x08 (Windows NT 10.0)\rGotcha/1.0', 'web'),
          (108, E'Mozilla/5.0 (X11; Linux x86_64) \u202Eexe.txt\u202C Firefox/125.0', 'web'),
          (200, 'python-requests/2.31.0', 'web'), (201, 'curl/8.4.0', 'web'),
          (202, 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/122.0.6261.94 Safari/537.36', 'web'),
          (203, 'Go-http-client/2.0', 'web'), (204, 'axios/1.6.7', 'web'),
          (205, 'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.110 Safari/537.36', 'web'),
          (300, 'Stripe/1.0 (+https://stripe.com/docs/webhooks)', 'web'),
          (301, 'AdminPortal/2.14.1 (support; Chrome/124.0.0.0)', 'web');

        -- Attackers: 0-5 burst in the last hour (4 of them in 203.0.113.0/24, one IPv6), all 8 had two older bursts.
        CREATE TEMP TABLE seed_attackers AS
        SELECT x.a, x.ip::inet AS ip, 200 + x.a % 6 AS ua_ix, x.a % 4 AS vix, x.center_min * 60 AS center_s,
               2 + pg_temp.r(x.a, p.k + 901, 40) AS day1, 45 + pg_temp.r(x.a, p.k + 902, 40) AS day2,
               'fp_' || pg_temp.alnum(x.a, p.k + 1205, 20) AS dev_fp
        FROM seed_params p, (VALUES (0, '203.0.113.17', 9), (1, '203.0.113.42', 15), (2, '203.0.113.99', 22),
            (3, '198.51.100.23', 30), (4, '2001:db8:bad:1::66', 38), (5, '203.0.113.200', 46),
            (6, '198.51.100.7', 20), (7, '198.51.100.151', 20)) AS x(a, ip, center_min);

        -- payment_events per timeline template (tmpl = seed_tx.tmpl); pos/npos place the event inside the span.
        -- src: client (payer's ip/ua), stripe (webhook), r1req/r1done/r1/r2 (refund times and actors).
        CREATE TEMP TABLE seed_event_tmpl (tmpl int, k int, event_type text, src text, pos int, npos int);
        INSERT INTO seed_event_tmpl
        SELECT t.tmpl, e.ord::int, e.event_type, CASE WHEN e.event_type = 'webhook_received' THEN 'stripe'
               WHEN e.event_type LIKE 'refund%' THEN t.srcs[e.ord - t.n] ELSE 'client' END,
               (e.ord - 1)::int, t.n
        FROM (VALUES
            (1, 4, ARRAY['payment.created', 'payment.processing', 'payment.succeeded', 'webhook_received'], NULL::text[]),
            (2, 5, ARRAY['payment.created', 'payment.processing', 'payment.requires_action', 'payment.succeeded', 'webhook_received'], NULL),
            (3, 3, ARRAY['payment.created', 'payment.processing', 'payment.failed'], NULL),
            (4, 4, ARRAY['payment.created', 'payment.processing', 'payment.requires_action', 'payment.failed'], NULL),
            (5, 3, ARRAY['payment.created', 'payment_method.attached', 'payment.requires_action'], NULL),
            (6, 3, ARRAY['payment.created', 'payment_method.attached', 'payment.processing'], NULL),
            (7, 4, ARRAY['payment.created', 'payment.processing', 'payment.succeeded', 'webhook_received', 'refund.requested', 'refund.completed'], ARRAY['r1req', 'r1done']),
            (8, 4, ARRAY['payment.created', 'payment.processing', 'payment.succeeded', 'webhook_received', 'refund.completed', 'refund.completed'], ARRAY['r1', 'r2'])
        ) AS t(tmpl, n, types, srcs), unnest(t.types) WITH ORDINALITY AS e(event_type, ord);

        -- payment_event_sequence: kk rows of Stripe events per kind of outcome.
        CREATE TEMP TABLE seed_seq_tmpl AS
        SELECT x.kind, x.kk, e.n::int AS n, e.event_type
        FROM (VALUES ('succeeded', 2, ARRAY['payment_intent.created', 'payment_intent.succeeded']),
            ('succeeded', 3, ARRAY['payment_intent.created', 'payment_intent.processing', 'payment_intent.succeeded']),
            ('succeeded', 4, ARRAY['payment_intent.created', 'payment_intent.processing', 'charge.succeeded', 'payment_intent.succeeded']),
            ('failed', 2, ARRAY['payment_intent.created', 'payment_intent.payment_failed']),
            ('failed', 3, ARRAY['payment_intent.created', 'payment_intent.processing', 'payment_intent.payment_failed']),
            ('failed', 4, ARRAY['payment_intent.created', 'payment_intent.processing', 'charge.failed', 'payment_intent.payment_failed']),
            ('pending', 2, ARRAY['payment_intent.created', 'payment_intent.requires_action']),
            ('processing', 2, ARRAY['payment_intent.created', 'payment_intent.processing'])
        ) AS x(kind, kk, types), unnest(x.types) WITH ORDINALITY AS e(event_type, n);
        ANALYZE seed_params, seed_ua, seed_attackers, seed_event_tmpl, seed_seq_tmpl;
        """#),

        ("venues", #"""
        -- Venues: max(12, N/5000). The first 14 are hand-written (every tier, EUR and GBP, CJK, emoji,
        -- an apostrophe, an ANSI escape); the rest are "<city> <kind>", 90 % USD, 6 % EUR, 4 % GBP.
        -- seed_venues also keeps the tier's fee in basis points and the venue's tenant (3 tenants).
        DROP TABLE IF EXISTS seed_venues;
        CREATE TEMP TABLE seed_venues AS
        WITH v AS (
            SELECT ix, p.k, p.anchor, sp.name AS sname, sp.tier AS stier, sp.currency AS scur,
                   CASE WHEN pg_temp.u(ix, p.k + 51) < 0.90 THEN 'USD'
                        WHEN pg_temp.u(ix, p.k + 51) < 0.96 THEN 'EUR' ELSE 'GBP' END AS gcur,
                   pg_temp.u(ix, p.k + 52) AS ut
            FROM seed_params p CROSS JOIN generate_series(0, p.nv - 1) AS ix
            LEFT JOIN (VALUES (0, 'Blue Door Music Hall', 'starter', 'USD'), (1, 'Harbor Lights Arena', 'pro', 'USD'),
                (2, 'Grand Meridian Stadium', 'enterprise', 'USD'), (3, 'Rosie''s Honky Tonk', 'starter', 'USD'),
                (4, '金龍 Golden Dragon Theater', 'pro', 'USD'), (5, 'Paradiso Noord', 'pro', 'EUR'),
                (6, 'Café Tacuba 🎸 Live', 'starter', 'USD'), (7, 'Brixton Electric', 'pro', 'GBP'),
                (8, E'Neon \x1b[31mRed\x1b[0m Room', 'starter', 'USD'), (9, 'Velvet Lantern Club', 'starter', 'USD'),
                (10, 'Riverside Amphitheater', 'enterprise', 'USD'), (11, 'Sala Apolo Barcelona', 'starter', 'EUR'),
                (12, 'Roundhouse Yard', 'pro', 'GBP'), (13, '🎤 Karaoke Kingdom 카라오케', 'starter', 'USD')
            ) AS sp(six, name, tier, currency) ON sp.six = ix
        )
        SELECT ix, pg_temp.uid(ix, k + 1101) AS id,
               coalesce(sname, CASE gcur
                   WHEN 'USD' THEN (ARRAY['Nashville', 'Austin', 'Memphis', 'Chicago', 'Denver', 'Portland', 'Seattle',
                       'Atlanta', 'Brooklyn', 'Oakland', 'Detroit', 'Phoenix', 'Tulsa', 'Boise', 'Raleigh', 'Savannah',
                       'Asheville', 'Louisville', 'Omaha', 'Richmond'])[1 + ix % 20]
                   WHEN 'EUR' THEN (ARRAY['Berlin', 'Lisboa', 'Madrid', 'Lyon', 'Milano', 'Wien', 'Rotterdam', 'Köln',
                       'Göteborg', 'Dublin'])[1 + ix % 10]
                   ELSE (ARRAY['Manchester', 'Leeds', 'Bristol', 'Glasgow', 'Brighton', 'Sheffield', 'Cardiff',
                       'Liverpool'])[1 + ix % 8] END
                   || ' ' || (ARRAY['Music Hall', 'Ballroom', 'Amphitheater', 'Theatre', 'Arena', 'Social Club',
                       'Opera House', 'Jazz Club', 'Pavilion', 'Warehouse', 'Listening Room', 'Event Center'])[1 + (ix / 20) % 12]
                   || CASE WHEN ix >= 240 THEN ' ' || (ix / 240 + 1) ELSE '' END) AS name,
               coalesce(stier, CASE WHEN ut < 0.55 THEN 'starter' WHEN ut < 0.87 THEN 'pro' ELSE 'enterprise' END) AS tier,
               coalesce(scur, gcur) AS currency,
               CASE coalesce(stier, CASE WHEN ut < 0.55 THEN 'starter' WHEN ut < 0.87 THEN 'pro' ELSE 'enterprise' END)
                   WHEN 'starter' THEN 820 WHEN 'pro' THEN 790 ELSE 750 END AS bps,
               pg_temp.uid(CASE WHEN pg_temp.u(ix, k + 53) < 0.6 THEN 0
                   WHEN pg_temp.u(ix, k + 53) < 0.85 THEN 1 ELSE 2 END, k + 1102) AS tenant,
               anchor - (120 * 86400 + pg_temp.r(ix, k + 54, 900 * 86400)) * interval '1 second' AS created_at
        FROM v;
        INSERT INTO venues (id, name, tier, currency, created_at)
        SELECT id, name, tier, currency, created_at FROM seed_venues ORDER BY ix;
        ANALYZE seed_venues;
        """#),

        ("plan transactions", #"""
        -- seed_tx: one row per payment with every attribute the later steps need, stored in id order so the
        -- payment_id-leading indexes of the child tables fill left to right (random inserts cost 3x).
        -- Times are "age" seconds before the anchor: 90 days, density ∝ age^-1/3 (u·√u), g ≤ 16 fixed.
        -- Refund plan: nref refunds summing to rtotal (= amount when refunded, 0 < rtotal < amount when
        -- partially refunded); r?_age are their request/completion ages; rf_failed adds a failed attempt.
        DROP TABLE IF EXISTS seed_tx;
        CREATE TEMP TABLE seed_tx AS
        WITH d AS (
            SELECT gs.g, p.k, p.anchor, p.nv, p.nu, p.ar, f.status AS fstatus, f.age AS fage,
                   CASE WHEN gs.g > p.n - p.na THEN gs.g - (p.n - p.na) - 1 END AS aj,
                   pg_temp.u(gs.g, p.k + 1) AS u1, pg_temp.u(gs.g, p.k + 2) AS u2, pg_temp.u(gs.g, p.k + 3) AS u3,
                   pg_temp.u(gs.g, p.k + 4) AS u4, pg_temp.u(gs.g, p.k + 5) AS u5, pg_temp.u(gs.g, p.k + 6) AS u6,
                   pg_temp.u(gs.g, p.k + 7) AS u7, pg_temp.u(gs.g, p.k + 8) AS u8, pg_temp.u(gs.g, p.k + 9) AS u9,
                   pg_temp.u(gs.g, p.k + 10) AS u10
            FROM seed_params p CROSS JOIN generate_series(1, p.n) AS gs(g)
            LEFT JOIN (VALUES (1, 'processing', 15), (2, 'completed', 40), (3, 'completed', 90), (4, 'failed', 420),
                (5, 'completed', 1260), (6, 'pending', 2880), (7, 'completed', 5400), (8, 'completed', 14400),
                (9, 'failed', 30000), (10, 'completed', 46000), (11, 'completed', 61000), (12, 'processing', 80000),
                (13, 'completed', 190000), (14, 'partially_refunded', 260000), (15, 'refunded', 330000),
                (16, 'completed', 470000)) AS f(fg, status, age) ON f.fg = gs.g
            OFFSET 0  -- OFFSET 0 keeps each layer from being flattened (expressions would multiply)
        ), a AS (
            SELECT d.*, x.a AS att, x.ip AS aip, x.ua_ix AS aua, x.vix AS avix, x.dev_fp AS adev,
                   CASE WHEN d.aj < 6 * d.ar THEN x.center_s + (d.u2 - 0.5) * 600
                        WHEN d.aj IS NOT NULL THEN CASE WHEN (d.aj - 6 * d.ar) / 8 % 2 = 0 THEN x.day1 ELSE x.day2 END
                            * 86400 + x.center_s + (d.u2 - 0.5) * 1200 END AS aage,
                   coalesce(d.fstatus, CASE WHEN d.aj IS NOT NULL THEN 'failed' WHEN d.u1 < 0.84 THEN 'completed'
                        WHEN d.u1 < 0.89 THEN 'failed' WHEN d.u1 < 0.91 THEN 'pending' WHEN d.u1 < 0.92 THEN 'processing'
                        WHEN d.u1 < 0.97 THEN 'partially_refunded' ELSE 'refunded' END) AS status
            FROM d LEFT JOIN seed_attackers x
              ON x.a = CASE WHEN d.aj < 6 * d.ar THEN d.aj % 6 ELSE (d.aj - 6 * d.ar) % 8 END
            OFFSET 0
        ), b AS (
            SELECT a.*,
                   coalesce(fage, aage, greatest(20, CASE
                       WHEN status IN ('pending', 'processing') AND u3 < 0.8 THEN 155520 * u2 * sqrt(u2)
                       WHEN status IN ('partially_refunded', 'refunded') THEN 86400 + 7689600 * u2 * sqrt(u2)
                       ELSE 7776000 * u2 * sqrt(u2) END))::float8 AS age,
                   CASE WHEN att IS NOT NULL THEN avix ELSE floor(nv * u4 * sqrt(u4))::int END AS vix,
                   CASE WHEN att IS NOT NULL THEN nu + att * 4 + pg_temp.r(g, k + 31, 4)
                        WHEN u9 < 0.1 THEN pg_temp.r(g, k + 32, greatest(5, nu / 100))
                        ELSE pg_temp.r(g, k + 33, nu) END AS uidx,
                   CASE WHEN att IS NOT NULL AND u5 < 0.7 THEN 1500
                        ELSE (ARRAY[1500, 1999, 2500, 2900, 3500, 3900, 4500, 4900, 5500, 6500, 7500, 8900, 9900, 12500,
                              12900, 14900, 17500, 19900, 24900, 29900, 34900, 39900, 44900, 50000])[1 + floor(24 * u5 * sqrt(u5))::int]
                   END::bigint AS price,
                   CASE WHEN att IS NOT NULL OR u6 < 0.42 THEN 1 WHEN u6 < 0.76 THEN 2 WHEN u6 < 0.86 THEN 3 ELSE 4 END AS qty,
                   CASE WHEN status <> 'failed' THEN NULL
                        WHEN att IS NOT NULL THEN CASE WHEN u7 < 0.45 THEN 'card_declined' WHEN u7 < 0.70 THEN 'fraud_suspected'
                            WHEN u7 < 0.85 THEN 'authentication_required' WHEN u7 < 0.95 THEN 'insufficient_funds' ELSE 'expired_card' END
                        WHEN u7 < 0.45 THEN 'card_declined' WHEN u7 < 0.67 THEN 'insufficient_funds' WHEN u7 < 0.77 THEN 'expired_card'
                        WHEN u7 < 0.85 THEN 'processing_error' WHEN u7 < 0.95 THEN 'authentication_required' ELSE 'fraud_suspected' END AS fr,
                   CASE status WHEN 'partially_refunded' THEN CASE WHEN u10 < 0.75 THEN 1 ELSE 2 END
                               WHEN 'refunded' THEN CASE WHEN u10 < 0.85 THEN 1 ELSE 2 END ELSE 0 END AS nref
            FROM a OFFSET 0
        ), c AS (
            SELECT b.*, least(240, age / 2) * (0.3 + 0.7 * pg_temp.u(g, k + 11)) AS span, price * qty AS amount,
                   round((CASE WHEN att IS NOT NULL THEN 0.80 + 0.19 * u8 WHEN fr = 'fraud_suspected' THEN 0.75 + 0.24 * u8
                          WHEN fr IS NOT NULL THEN 0.05 + 0.55 * u8 ELSE 0.45 * u8 * u8 * u8 END)::numeric, 2) AS score,
                   CASE WHEN pg_temp.u(g, k + 12) < 0.15 THEN -g ELSE uidx END AS ipkey,
                   CASE WHEN att IS NOT NULL THEN aua WHEN g <= 9 THEN 99 + g::int
                        WHEN pg_temp.u(g, k + 13) < 0.0005 THEN 100 + pg_temp.r(g, k + 14, 9)::int
                        WHEN pg_temp.u(g, k + 15) < 0.1 THEN pg_temp.r(g, k + 16, 18)::int
                        ELSE pg_temp.r(uidx, k + 17, 18)::int END AS ua_ix
            FROM b OFFSET 0
        ), e AS (
            SELECT c.*, (age - span) * (0.98 - 0.45 * pg_temp.u(g, k + 20)) AS r1a,
                   CASE WHEN status = 'refunded' THEN amount WHEN status = 'partially_refunded' THEN
                       CASE WHEN qty >= 2 THEN price * (1 + pg_temp.r(g, k + 18, qty - 1))
                            ELSE pg_temp.bps(amount, 2000 + pg_temp.r(g, k + 19, 6001)) END END AS rtotal,
                   CASE WHEN status = 'partially_refunded' AND pg_temp.u(g, k + 21) < 0.12 THEN 'pending' ELSE 'completed' END AS last_rs
            FROM c OFFSET 0
        ), f AS (
            SELECT e.*, CASE nref WHEN 1 THEN rtotal WHEN 2 THEN CASE WHEN rtotal % price = 0 AND rtotal / price >= 2
                        THEN price ELSE rtotal / 2 END END AS r1,
                   r1a - least(129600, r1a * 0.5) * pg_temp.u(g, k + 22) AS r1d
            FROM e OFFSET 0
        ), h AS (
            SELECT f.*, r1d * (0.9 - 0.5 * pg_temp.u(g, k + 23)) AS r2a FROM f OFFSET 0
        )
        SELECT h.g, pg_temp.uid(h.g, h.k + 1103) AS id, h.att, h.vix, v.id AS venue_id, v.currency, v.tenant,
               h.uidx, pg_temp.uid(h.uidx, h.k + 1104) AS user_id, h.status, h.fr, h.score, h.age, h.span,
               h.anchor - h.age * interval '1 second' AS created_at, h.price, h.qty, h.amount,
               pg_temp.bps(h.amount, v.bps) AS fee, pg_temp.bps(h.amount, 700) + pg_temp.bps(h.amount, 225) AS tax,
               CASE WHEN pg_temp.u(h.g, h.k + 24) >= 0.2 THEN 50 END AS gas,
               coalesce(h.aip, CASE WHEN pg_temp.u(h.ipkey, h.k + 25) < 0.12
                   THEN (ARRAY['2600:1700:4a90:1f20::', '2607:fb90:8d21:4400::', '2a02:c7c:8b4e:9e00::', '2001:569:7c3f:2a00::',
                         '2a01:cb00:84f:6d00::', '2603:6080:ad05:3100::']::inet[])[1 + pg_temp.r(h.ipkey, h.k + 26, 6)]
                         + pg_temp.r(h.ipkey, h.k + 27, 4611686018427387904)
                   ELSE '0.0.0.0'::inet + ((ARRAY[24, 47, 50, 63, 64, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 96, 97, 98,
                         99, 104, 107, 108, 142, 173, 174, 184, 31, 37, 46, 77, 78, 79, 81, 82, 86, 90, 92, 93, 94, 95, 109,
                         151, 176, 178, 185, 188, 212, 213, 217])[1 + pg_temp.r(h.ipkey, h.k + 28, 50)]::bigint * 16777216
                         + pg_temp.r(h.ipkey, h.k + 29, 65536 * 254) / 254 * 256 + 1 + pg_temp.r(h.ipkey, h.k + 29, 65536 * 254) % 254)
                   END) AS ip,
               h.ua_ix,
               coalesce(h.adev, 'fp_' || pg_temp.alnum(h.uidx * 2 + (pg_temp.u(h.g, h.k + 30) < 0.2)::int, h.k + 1201, 20)) AS dev_fp,
               'pmfp_' || CASE WHEN h.att IS NOT NULL THEN pg_temp.alnum(h.g, h.k + 1203, 16)
                   ELSE pg_temp.alnum(h.uidx * 2 + (pg_temp.u(h.g, h.k + 31) < 0.15)::int, h.k + 1202, 16) END AS pm_fp,
               'pi_' || pg_temp.alnum(h.g, h.k + 1204, 24) AS pi,
               pg_temp.uid(h.vix * 16 + pg_temp.r(h.g, h.k + 32, 12), h.k + 1105) AS event_id,
               pg_temp.uid(h.g, h.k + 1106) AS idem,
               CASE WHEN h.fr IS NOT NULL THEN jsonb_build_object('fraud_score', h.score, 'failure_reason', h.fr, 'channel', u.channel)
                    ELSE jsonb_build_object('fraud_score', h.score, 'channel', u.channel) END AS metadata,
               CASE h.status WHEN 'completed' THEN CASE WHEN pg_temp.u(h.g, h.k + 33) < 0.15 THEN 2 ELSE 1 END
                    WHEN 'failed' THEN CASE WHEN h.fr = 'authentication_required' THEN 4 ELSE 3 END
                    WHEN 'pending' THEN 5 WHEN 'processing' THEN 6 ELSE 6 + h.nref END AS tmpl,
               h.nref, h.r1, CASE WHEN h.nref = 2 THEN h.rtotal - h.r1 END AS r2,
               CASE WHEN h.nref = 1 THEN h.last_rs WHEN h.nref = 2 THEN 'completed' END AS r1_status,
               CASE WHEN h.nref = 2 THEN h.last_rs END AS r2_status,
               CASE WHEN h.nref > 0 THEN h.r1a END AS r1_age, CASE WHEN h.nref > 0 THEN h.r1d END AS r1_done_age,
               CASE WHEN h.nref = 2 THEN h.r2a END AS r2_age,
               CASE WHEN h.nref = 2 THEN h.r2a - least(129600, h.r2a * 0.5) * pg_temp.u(h.g, h.k + 34) END AS r2_done_age,
               CASE WHEN h.nref > 0 AND pg_temp.u(h.g, h.k + 35) < 0.04 THEN (h.age - h.span + h.r1a) / 2 END AS rf_fail_age,
               CASE WHEN h.nref = 0 THEN NULL
                    WHEN h.status = 'refunded' THEN CASE WHEN pg_temp.u(h.g, h.k + 36) < 0.55 THEN 'requested_by_customer'
                        WHEN pg_temp.u(h.g, h.k + 36) < 0.75 THEN 'duplicate' WHEN pg_temp.u(h.g, h.k + 36) < 0.90 THEN 'fraudulent' ELSE 'other' END
                    WHEN pg_temp.u(h.g, h.k + 36) < 0.70 THEN 'requested_by_customer' WHEN pg_temp.u(h.g, h.k + 36) < 0.85 THEN 'other'
                    WHEN pg_temp.u(h.g, h.k + 36) < 0.95 THEN 'duplicate' ELSE 'fraudulent' END AS rf_reason,
               h.anchor - CASE h.nref WHEN 0 THEN h.age - h.span WHEN 1 THEN CASE h.last_rs WHEN 'pending' THEN h.r1a ELSE h.r1d END
                    ELSE CASE h.last_rs WHEN 'pending' THEN h.r2a ELSE h.r2a - least(129600, h.r2a * 0.5) * pg_temp.u(h.g, h.k + 34) END
               END * interval '1 second' AS updated_at
        FROM h JOIN seed_venues v ON v.ix = h.vix JOIN seed_ua u ON u.ix = h.ua_ix
        ORDER BY id;
        ANALYZE seed_tx;
        """#),

        ("drop payment indexes", #"""
        -- Bulk loading is faster without the secondary indexes of payment_transactions and payment_events:
        -- save their exact pg_indexes.indexdef and drop them; "rebuild indexes" re-executes the definitions.
        DROP TABLE IF EXISTS seed_saved_indexes;
        CREATE TEMP TABLE seed_saved_indexes AS
        SELECT x.schemaname, x.indexname, x.indexdef
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_indexes x ON x.schemaname = c.relnamespace::regnamespace::text AND x.indexname = c.relname
        WHERE i.indrelid IN ('payment_transactions'::regclass, 'payment_events'::regclass)
          AND NOT i.indisprimary AND NOT i.indisunique
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid);
        DO $$ DECLARE r record; BEGIN
            FOR r IN SELECT schemaname, indexname FROM seed_saved_indexes ORDER BY indexname LOOP
                EXECUTE format('DROP INDEX %I.%I', r.schemaname, r.indexname);
            END LOOP;
        END $$;
        """#),

        ("payment_transactions", #"""
        -- N payments; fee = tier bps half-up, tax = 700 bps + 225 bps each half-up, payout = amount - fee.
        INSERT INTO payment_transactions (id, tenant_id, venue_id, user_id, event_id, amount, currency, status,
            platform_fee, venue_payout, gas_fee_paid, tax_amount, stripe_payment_intent_id, device_fingerprint,
            payment_method_fingerprint, metadata, idempotency_key, created_at, updated_at)
        SELECT id, tenant, venue_id, user_id, event_id, amount, currency, status, fee, amount - fee, gas, tax, pi,
               dev_fp, pm_fp, metadata, idem, created_at, updated_at
        FROM seed_tx
        ORDER BY created_at, id;  -- time order, as a live system appends them: recent pages sit together on disk
        """#),

        ("payment_events", #"""
        -- 3-6 audit events per payment from seed_event_tmpl, inside the payment's span (refund events at the
        -- refund's times). Payer events carry the payer's ip/ua, webhooks Stripe's, support refunds the office's.
        -- Inserted in time order, as a live system appends them (windowed scans then read few heap pages); the
        -- random-uuid primary key is dropped for the load and rebuilt by one sort afterwards.
        ALTER TABLE payment_events DROP CONSTRAINT payment_events_pkey;
        INSERT INTO payment_events (id, payment_id, event_type, ip_address, user_agent, payload, created_at)
        SELECT pg_temp.uid(t.g * 8 + e.k, p.k + 1107), t.id, x.event_type,
               CASE x.who WHEN 'client' THEN t.ip
                   WHEN 'stripe' THEN (ARRAY['3.18.12.63', '3.130.192.231', '13.235.14.237', '13.235.122.149', '18.211.135.69',
                       '35.154.171.200', '52.15.183.38', '54.88.130.119', '54.88.130.237', '54.187.174.169', '54.187.205.235',
                       '54.187.216.72']::inet[])[1 + pg_temp.r(t.g * 8 + e.k, p.k + 201, 12)]
                   ELSE ('10.40.12.' || 11 + pg_temp.r(t.g, p.k + 202, 20))::inet END,
               ua.ua,
               CASE x.event_type
                   WHEN 'payment.created' THEN jsonb_build_object('amount', t.amount, 'currency', t.currency, 'quantity', t.qty)
                   WHEN 'payment.failed' THEN jsonb_build_object('failure_reason', t.fr)
                   WHEN 'payment.succeeded' THEN jsonb_build_object('amount_received', t.amount)
                   WHEN 'webhook_received' THEN jsonb_build_object('provider', 'stripe', 'type', 'payment_intent.succeeded')
                   WHEN 'payment.requires_action' THEN '{"next_action": "use_stripe_sdk"}'::jsonb
                   ELSE CASE WHEN e.src LIKE 'r%' THEN jsonb_build_object('amount', CASE e.src WHEN 'r2' THEN t.r2 ELSE t.r1 END,
                       'reason', t.rf_reason) ELSE '{}'::jsonb END END,
               x.at
        FROM seed_params p CROSS JOIN seed_tx t
        JOIN seed_event_tmpl e ON e.tmpl = t.tmpl
        CROSS JOIN LATERAL (SELECT
            CASE WHEN e.src = 'r2' AND t.r2_status = 'pending' THEN 'refund.requested' ELSE e.event_type END AS event_type,
            CASE WHEN e.src IN ('client', 'stripe') THEN e.src
                 WHEN e.src = 'r1req' OR (e.src = 'r2' AND t.r2_status = 'pending')
                     THEN CASE WHEN t.rf_reason = 'requested_by_customer' THEN 'client' ELSE 'support' END
                 ELSE 'stripe' END AS who,
            CASE WHEN e.pos = 0 THEN t.created_at
                 WHEN e.src IN ('client', 'stripe')
                     THEN t.created_at + t.span * (e.pos + pg_temp.u(t.g * 8 + e.k, p.k + 203)) / e.npos * interval '1 second'
                 ELSE p.anchor - CASE e.src WHEN 'r1req' THEN t.r1_age WHEN 'r2' THEN
                     CASE t.r2_status WHEN 'pending' THEN t.r2_age ELSE t.r2_done_age END ELSE t.r1_done_age END * interval '1 second'
            END AS at) AS x
        JOIN seed_ua ua ON ua.ix = CASE x.who WHEN 'client' THEN t.ua_ix WHEN 'stripe' THEN 300 ELSE 301 END
        WHERE NOT (e.src = 'r1done' AND t.r1_status = 'pending')
        ORDER BY 7, 1;
        ALTER TABLE payment_events ADD CONSTRAINT payment_events_pkey PRIMARY KEY (id);
        """#),

        ("payment_refunds", #"""
        -- Refunds of partially_refunded / refunded payments (m = 1, 2) plus a few failed attempts (m = 0).
        -- Σ non-failed = amount for refunded, strictly between 0 and amount for partially_refunded.
        INSERT INTO payment_refunds (id, transaction_id, amount, reason, status, stripe_refund_id, metadata,
            idempotency_key, tenant_id, created_at, completed_at, updated_at)
        SELECT pg_temp.uid(t.g * 4 + m, p.k + 1108), t.id, CASE m WHEN 2 THEN t.r2 ELSE t.r1 END, t.rf_reason,
               x.st, 're_' || pg_temp.alnum(t.g * 4 + m, p.k + 1206, 24),
               CASE WHEN m = 0 THEN jsonb_build_object('failure_reason', (ARRAY['charge_disputed', 'expired_or_canceled_card',
                        'insufficient_platform_balance'])[1 + pg_temp.r(t.g, p.k + 211, 3)])
                    WHEN t.rf_reason = 'other' THEN jsonb_build_object('note', (ARRAY['event cancelled by organiser',
                        'show moved to a smaller room', 'goodwill after a two-hour entry delay'])[1 + pg_temp.r(t.g, p.k + 212, 3)])
                    ELSE '{}'::jsonb END,
               'rfnd_' || pg_temp.alnum(t.g * 4 + m, p.k + 1213, 24), t.tenant, x.created_at, x.done,
               coalesce(x.done, x.created_at + CASE WHEN m = 0 THEN interval '3 seconds' ELSE interval '0' END)
        FROM seed_params p CROSS JOIN seed_tx t CROSS JOIN generate_series(0, 2) AS gn(m)
        CROSS JOIN LATERAL (SELECT
            CASE m WHEN 0 THEN 'failed' WHEN 1 THEN t.r1_status ELSE t.r2_status END AS st,
            p.anchor - CASE m WHEN 0 THEN t.rf_fail_age WHEN 1 THEN t.r1_age ELSE t.r2_age END * interval '1 second' AS created_at,
            CASE WHEN m = 1 AND t.r1_status = 'completed' THEN p.anchor - t.r1_done_age * interval '1 second'
                 WHEN m = 2 AND t.r2_status = 'completed' THEN p.anchor - t.r2_done_age * interval '1 second' END AS done) AS x
        WHERE t.nref > 0 AND (m BETWEEN 1 AND t.nref OR (m = 0 AND t.rf_fail_age IS NOT NULL));
        """#),

        ("fraud_checks", #"""
        -- A fraud check for every attacker payment and 30 % of the others, scored like the payment's metadata.
        INSERT INTO fraud_checks (id, user_id, payment_id, device_fingerprint, ip_address, score, signals, decision, "timestamp")
        SELECT pg_temp.uid(t.g, p.k + 1109), t.user_id, t.id, t.dev_fp, t.ip, t.score,
               CASE WHEN t.score >= 0.8 THEN '["ip_velocity", "card_testing_pattern", "new_device"]'::jsonb
                    WHEN t.score >= 0.5 THEN '["new_device", "billing_country_mismatch"]'::jsonb
                    WHEN t.score >= 0.3 THEN '["new_device"]'::jsonb ELSE '[]'::jsonb END,
               CASE WHEN t.score < 0.30 THEN 'approve' WHEN t.score < 0.60 THEN 'review'
                    WHEN t.score < 0.80 THEN 'challenge' ELSE 'decline' END,
               t.created_at + t.span * 0.05 * interval '1 second'
        FROM seed_params p CROSS JOIN seed_tx t
        WHERE t.att IS NOT NULL OR pg_temp.u(t.g, p.k + 221) < 0.3;
        """#),

        ("webhook_inbox", #"""
        -- Stripe (90 %) and Square webhooks for rows g <= 16 and 20 % of the others; data.object.id is the
        -- intent id. g = 1, 13, 14 pending (13, 14 received days ago), g = 2..6 failed with fixed error texts
        -- (2: escape sequences, 3: very long); otherwise 88 % processed, 6 % failed, 5 % pending, 1 % processing.
        INSERT INTO webhook_inbox (id, webhook_id, provider, event_type, payload, signature, received_at, processed_at,
            status, attempts, error_message, tenant_id, created_at, updated_at)
        SELECT pg_temp.uid(w.g, w.k + 1110), w.wid, w.provider, w.etype,
               CASE w.provider WHEN 'stripe' THEN jsonb_build_object('id', w.wid, 'object', 'event', 'type', w.etype,
                   'api_version', '2023-10-16', 'created', extract(epoch FROM w.received)::bigint, 'livemode', true,
                   'data', jsonb_build_object('object', jsonb_build_object('id', w.pi, 'object', 'payment_intent',
                       'amount', w.amount, 'currency', lower(w.currency), 'status', w.pstatus,
                       'last_payment_error', CASE WHEN w.fr IS NOT NULL THEN jsonb_build_object('code', w.fr) END,
                       'metadata', jsonb_build_object('payment_id', w.id))))
               ELSE jsonb_build_object('merchant_id', 'ML' || upper(pg_temp.alnum(0, w.k + 1208, 12)), 'type', w.etype,
                   'event_id', w.wid, 'created_at', to_char(w.received AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                   'data', jsonb_build_object('type', 'payment', 'id', w.pi, 'object', jsonb_build_object('id', w.pi,
                       'payment', jsonb_build_object('amount_money', jsonb_build_object('amount', w.amount, 'currency', w.currency),
                       'status', upper(w.pstatus))))) END,
               CASE w.provider WHEN 'stripe' THEN 't=' || extract(epoch FROM w.received)::bigint || ',v1='
                   || pg_temp.hex(w.g, w.k + 1214)
                   ELSE pg_temp.alnum(w.g, w.k + 1215, 32) || pg_temp.alnum(w.g, w.k + 1216, 11) || '=' END,
               w.received, CASE WHEN w.st = 'processed' THEN w.received + (0.02 + 2.5 * w.u1) * interval '1 second' END,
               w.st, CASE w.st WHEN 'processed' THEN CASE WHEN w.u1 < 0.08 THEN 2 ELSE 1 END WHEN 'failed' THEN 1 + floor(w.u1 * 5)::int
                   WHEN 'processing' THEN 1 ELSE 0 END,
               CASE WHEN w.st = 'failed' THEN CASE w.g
                   WHEN 2 THEN E'handler crashed: \x1b[31mFATAL\x1b[0m \x1b]52;c;cm0gLXJmIC8=\x07\x1b[2J'
                   WHEN 3 THEN 'unhandled error in payment_intent handler: TypeError: Cannot read properties of undefined (reading ''orderId'')'
                       || repeat(E'\n    at OrderService.confirm (/srv/order-service/dist/confirm.js:118:23)', 40)
                   WHEN 4 THEN 'signature verification failed' WHEN 5 THEN 'timeout after 30000ms calling order-service'
                   WHEN 6 THEN 'duplicate key value violates unique constraint "orders_payment_intent_id_key"'
                   ELSE (ARRAY['signature verification failed', 'signature verification failed', 'timeout after 30000ms calling order-service',
                       'timeout after 30000ms calling order-service', 'timeout after 30000ms calling order-service',
                       'duplicate key value violates unique constraint "orders_payment_intent_id_key"'])[1 + floor(w.u2 * 6)::int] END END,
               w.tenant, w.received,
               CASE WHEN w.st = 'processed' THEN w.received + (0.02 + 2.5 * w.u1) * interval '1 second'
                    ELSE w.received + extract(epoch FROM w.anchor - w.received) * 0.5 * w.u2 * interval '1 second' END
        FROM (SELECT t.*, p.k, p.anchor, pg_temp.u(t.g, p.k + 232) AS u1, pg_temp.u(t.g, p.k + 233) AS u2,
                     CASE WHEN pg_temp.u(t.g, p.k + 231) < 0.9 THEN 'stripe' ELSE 'square' END AS provider,
                     t.created_at + t.span * 0.75 * interval '1 second' AS received,
                     CASE WHEN t.status IN ('completed', 'partially_refunded', 'refunded') THEN 'succeeded'
                          WHEN t.status = 'pending' THEN 'requires_action' ELSE t.status END AS pstatus,
                     CASE WHEN pg_temp.u(t.g, p.k + 231) < 0.9 THEN 'evt_' || pg_temp.alnum(t.g * 8 + 7, p.k + 1207, 24)
                          ELSE pg_temp.uid(t.g, p.k + 1111)::text END AS wid,
                     CASE WHEN pg_temp.u(t.g, p.k + 231) >= 0.9 THEN CASE t.status WHEN 'pending' THEN 'payment.created' ELSE 'payment.updated' END
                          WHEN t.status = 'failed' THEN 'payment_intent.payment_failed' WHEN t.status = 'pending' THEN 'payment_intent.requires_action'
                          WHEN t.status = 'processing' THEN 'payment_intent.processing' ELSE 'payment_intent.succeeded' END AS etype,
                     CASE WHEN t.g IN (1, 13, 14) THEN 'pending' WHEN t.g BETWEEN 2 AND 6 THEN 'failed'
                          WHEN pg_temp.u(t.g, p.k + 234) < 0.88 OR pg_temp.u(t.g, p.k + 235) >= p.bk THEN 'processed' WHEN pg_temp.u(t.g, p.k + 234) < 0.94 THEN 'failed'
                          WHEN pg_temp.u(t.g, p.k + 234) < 0.99 THEN 'pending' ELSE 'processing' END AS st
              FROM seed_params p CROSS JOIN seed_tx t
              WHERE t.g <= 16 OR pg_temp.u(t.g, p.k + 230) < 0.2) AS w;
        """#),

        ("outbox", #"""
        -- Outbox events for rows g <= 16, attacker payments and 20 % of the rest (aggregate_id = payment id),
        -- numbered rn by created_at. Of them, max(12, min(N, 100k)/2000) become dead letters (their rn stay gaps in
        -- outbox), max(6, min(N, 100k)/20000) are stuck (unprocessed, 10 min .. 48 h old, attempts 1-4, last_error);
        -- those under 30 s old are unprocessed with 0 attempts; the rest were processed within seconds.
        DROP TABLE IF EXISTS seed_ob, seed_ob_pick;
        CREATE TEMP TABLE seed_ob AS
        SELECT row_number() OVER (ORDER BY b.created_at, b.aggregate_id, b.event_type) AS rn, b.*,
               b.created_at < b.anchor - interval '1 hour'
                   AND (b.created_at < b.anchor - interval '48 hours' OR b.event_type = 'order.paid') AS dlq_ok,
               b.created_at BETWEEN b.anchor - interval '48 hours' AND b.anchor - interval '10 minutes'
                   AND b.event_type <> 'order.paid' AS stuck_ok
        FROM (SELECT t.id AS aggregate_id, o.aggregate_type, o.event_type, t.tenant, p.anchor, t.venue_id, t.amount,
                     t.currency, t.r1, pg_temp.u(t.g * 4 + o.n, p.k + 241) AS h, pg_temp.u(t.g * 4 + o.n, p.k + 242) AS h2,
                     CASE o.event_type WHEN 'refund.requested' THEN p.anchor - t.r1_age * interval '1 second'
                          WHEN 'refund.completed' THEN p.anchor - t.r1_done_age * interval '1 second'
                          ELSE t.created_at + (t.span * 0.5 + o.n) * interval '1 second' END AS created_at
              FROM seed_params p CROSS JOIN seed_tx t
              JOIN (VALUES ('completed', 0, 'payment', 'payment.completed'), ('completed', 1, 'order', 'order.paid'),
                  ('completed', 2, 'payment', 'nft.mint_requested'), ('failed', 0, 'payment', 'payment.failed'),
                  ('pending', 0, 'payment', 'payment.created'), ('processing', 0, 'payment', 'payment.created'),
                  ('partially_refunded', 0, 'payment', 'payment.completed'), ('partially_refunded', 1, 'refund', 'refund.requested'),
                  ('partially_refunded', 2, 'refund', 'refund.completed'), ('refunded', 0, 'payment', 'payment.completed'),
                  ('refunded', 1, 'refund', 'refund.requested'), ('refunded', 2, 'refund', 'refund.completed')
              ) AS o(status, n, aggregate_type, event_type) ON o.status = t.status
              WHERE (t.g <= 16 OR t.att IS NOT NULL OR pg_temp.u(t.g, p.k + 240) < 0.2)
                AND (o.event_type <> 'nft.mint_requested' OR pg_temp.u(t.g, p.k + 501) < 0.2)
                AND (o.event_type <> 'refund.completed' OR t.r1_status = 'completed')) AS b;
        CREATE TEMP TABLE seed_ob_pick AS
        (SELECT rn, 'dlq' AS pick, row_number() OVER (ORDER BY h, rn) AS pos FROM seed_ob WHERE dlq_ok ORDER BY h, rn
         LIMIT (SELECT greatest(12, least(n, 100000) / 2000) FROM seed_params))
        UNION ALL
        (SELECT rn, 'stuck', row_number() OVER (ORDER BY h, rn) FROM seed_ob WHERE stuck_ok ORDER BY h, rn
         LIMIT (SELECT greatest(6, least(n, 100000) / 20000) FROM seed_params));
        INSERT INTO outbox (id, aggregate_id, aggregate_type, event_type, payload, created_at, processed_at, attempts,
            last_attempt_at, last_error, tenant_id)
        SELECT o.rn, o.aggregate_id, o.aggregate_type, o.event_type, o.payload, o.created_at,
               CASE WHEN NOT o.stuck AND NOT o.fresh THEN o.created_at + (0.05 + 2 * o.h2) * interval '1 second' END,
               CASE WHEN o.stuck THEN 1 + floor(o.h2 * 4)::int WHEN o.fresh THEN 0 ELSE 1 END,
               CASE WHEN o.stuck THEN o.created_at + extract(epoch FROM o.anchor - o.created_at) * o.h2 * interval '1 second'
                    WHEN NOT o.fresh THEN o.created_at + (0.05 + 2 * o.h2) * interval '1 second' END,
               CASE WHEN o.stuck THEN (ARRAY['connection refused: rabbitmq:5672',
                   'timeout publishing to exchange "payments" after 5000ms',
                   'channel 1 closed: NOT_FOUND - no exchange ''orders'' in vhost ''/'''])[1 + floor(o.h * 300)::int % 3] END,
               o.tenant
        FROM (SELECT s.*, k.pick IS NOT NULL AS stuck, s.created_at > s.anchor - interval '30 seconds' AS fresh,
                     jsonb_build_object('payment_id', s.aggregate_id, 'venue_id', s.venue_id, 'amount', s.amount,
                         'currency', s.currency) || CASE WHEN s.aggregate_type = 'refund'
                         THEN jsonb_build_object('refund_amount', s.r1) ELSE '{}' END AS payload
              FROM seed_ob s LEFT JOIN seed_ob_pick k ON k.rn = s.rn
              WHERE k.pick IS DISTINCT FROM 'dlq') AS o
        ORDER BY o.rn;
        SELECT setval(pg_get_serial_sequence('outbox', 'id'), (SELECT max(rn) FROM seed_ob));
        INSERT INTO outbox_dlq (original_id, aggregate_id, aggregate_type, event_type, payload, attempts, last_error,
            created_at, moved_to_dlq_at)
        SELECT s.rn, s.aggregate_id, s.aggregate_type, s.event_type,
               jsonb_build_object('payment_id', s.aggregate_id, 'venue_id', s.venue_id, 'amount', s.amount, 'currency', s.currency)
               || CASE WHEN s.aggregate_type = 'refund' THEN jsonb_build_object('refund_amount', s.r1) ELSE '{}' END, 5,
               CASE WHEN k.pos % 10 < 4 THEN 'connection refused: rabbitmq:5672'     -- 4 recurring error groups, skewed
                    WHEN k.pos % 10 < 7 THEN '422 Unprocessable Entity from ticket-service: {"error":"ticket_already_issued"}'
                    WHEN k.pos % 10 < 9 THEN '503 Service Unavailable from notification-service'
                    ELSE 'timeout after 30000ms calling ledger-service' END,
               s.created_at, s.created_at + (31 + 5 * s.h2) * interval '1 minute'
        FROM seed_ob s JOIN seed_ob_pick k ON k.rn = s.rn AND k.pick = 'dlq'
        ORDER BY s.created_at + (31 + 5 * s.h2) * interval '1 minute', s.rn;
        """#),

        ("nft_mint_queue", #"""
        -- Mints for 20 % of completed payments (the ones with an nft.mint_requested outbox row): minted (with a
        -- chain hash), failed (error), queued/processing when recent; solana 65 %, priority mostly standard.
        INSERT INTO nft_mint_queue (id, payment_id, ticket_ids, venue_id, event_id, blockchain, status, priority,
            transaction_hash, gas_fee_paid, mint_batch_id, attempts, error_message, created_at, processed_at, updated_at)
        SELECT pg_temp.uid(m.g, m.k + 1112), m.id,
               (ARRAY[pg_temp.uid(m.g * 4, m.k + 1113), pg_temp.uid(m.g * 4 + 1, m.k + 1113), pg_temp.uid(m.g * 4 + 2, m.k + 1113),
                      pg_temp.uid(m.g * 4 + 3, m.k + 1113)])[1:m.qty],
               m.venue_id, m.event_id, m.chain, m.st,
               CASE WHEN m.u2 < 0.80 THEN 'standard' WHEN m.u2 < 0.95 THEN 'high' ELSE 'urgent' END,
               CASE WHEN m.st = 'minted' THEN CASE m.chain
                   WHEN 'solana' THEN translate(pg_temp.alnum(m.g, m.k + 1209, 32) || pg_temp.alnum(m.g, m.k + 1210, 32)
                       || pg_temp.alnum(m.g, m.k + 1211, 24), '0OIl', '1PJm')
                   ELSE '0x' || pg_temp.hex(m.g, m.k + 1217) END END,
               CASE WHEN m.st = 'minted' THEN CASE m.chain WHEN 'solana' THEN 1 ELSE 2 + floor(m.u3 * 9)::int END END,
               CASE WHEN m.st = 'minted' THEN 'batch_' || to_char(m.done AT TIME ZONE 'UTC', 'YYYYMMDD_HH24') || '_' || m.chain END,
               CASE m.st WHEN 'minted' THEN CASE WHEN m.u3 < 0.05 THEN 2 ELSE 1 END WHEN 'failed' THEN 3
                   WHEN 'processing' THEN 1 ELSE 0 END,
               CASE WHEN m.st = 'failed' THEN (ARRAY['insufficient SOL balance in minting wallet',
                   'RPC timeout: https://api.mainnet-beta.solana.com (15000ms)', 'nonce too low',
                   'gas price 412 gwei above cap 350 gwei'])[1 + floor(m.u3 * 4)::int] END,
               m.created, CASE WHEN m.st IN ('minted', 'failed') THEN m.done END,
               CASE WHEN m.st IN ('minted', 'failed') THEN m.done ELSE m.created END
        FROM (SELECT t.*, p.k, CASE WHEN pg_temp.u(t.g, p.k + 251) < 0.65 THEN 'solana' ELSE 'polygon' END AS chain,
                     pg_temp.u(t.g, p.k + 252) AS u2, pg_temp.u(t.g, p.k + 253) AS u3,
                     t.created_at + (t.span + (t.age - t.span) * 0.1 * pg_temp.u(t.g, p.k + 254)) * interval '1 second' AS created,
                     t.created_at + (t.span + (t.age - t.span) * (0.1 + 0.2 * pg_temp.u(t.g, p.k + 255))) * interval '1 second' AS done,
                     CASE WHEN t.age < 900 THEN CASE WHEN pg_temp.u(t.g, p.k + 256) < 0.6 THEN 'queued' ELSE 'processing' END
                          WHEN pg_temp.u(t.g, p.k + 256) < 0.95 OR pg_temp.u(t.g, p.k + 257) >= p.bk THEN 'minted' WHEN pg_temp.u(t.g, p.k + 256) < 0.99 THEN 'failed'
                          ELSE 'queued' END AS st
              FROM seed_params p CROSS JOIN seed_tx t
              WHERE t.status = 'completed' AND pg_temp.u(t.g, p.k + 501) < 0.2) AS m;
        """#),

        ("payment_event_sequence", #"""
        -- For 12 % of payments, 2-4 Stripe events numbered 1..k; the last one's stripe_event_id is the
        -- webhook_id of the payment's Stripe webhook_inbox row when it has one.
        INSERT INTO payment_event_sequence (id, payment_id, order_id, event_type, sequence_number, event_timestamp,
            stripe_event_id, idempotency_key, payload, processed_at, created_at)
        SELECT pg_temp.uid(q.g * 4 + st.n, q.k + 1114), q.id, pg_temp.uid(q.g, q.k + 1115), st.event_type, st.n,
               q.created_at + q.span * st.n / (q.kk + 1) * interval '1 second',
               'evt_' || pg_temp.alnum(q.g * 8 + CASE WHEN st.n = q.kk THEN 7 ELSE st.n END, q.k + 1207, 24),
               'seq_' || pg_temp.alnum(q.g * 4 + st.n, q.k + 1218, 24),
               jsonb_build_object('amount', q.amount, 'currency', lower(q.currency)),
               q.created_at + (q.span * st.n / (q.kk + 1) + 0.2 + 2.5 * pg_temp.u(q.g * 4 + st.n, q.k + 262)) * interval '1 second',
               q.created_at + (q.span * st.n / (q.kk + 1) + 0.05) * interval '1 second'
        FROM (SELECT t.*, p.k,
                     CASE WHEN t.status IN ('completed', 'partially_refunded', 'refunded') THEN 'succeeded' ELSE t.status END AS kind,
                     CASE WHEN t.status IN ('pending', 'processing') THEN 2 ELSE 2 + pg_temp.r(t.g, p.k + 261, 3)::int END AS kk
              FROM seed_params p CROSS JOIN seed_tx t
              WHERE pg_temp.u(t.g, p.k + 260) < 0.12) AS q
        JOIN seed_seq_tmpl st ON st.kind = q.kind AND st.kk = q.kk;
        """#),

        ("venue_payouts history", #"""
        -- Payout history. net = Σ venue_payout of settled payments − Σ non-failed refunds of them (settled as in
        -- "venue_balances"). 70-85 % of max(net, 0) is paid out in np = min(12, budget / 25000) approved/paid
        -- payouts, one every ~7 days on distinct UTC days, each ≤ 4,800,000 (debit amount + fee ≤ its share,
        -- amount ≥ 10000; instant ones carry fee = 100 bps half-up); paid when decided over 48 h ago.
        -- Plus 0-2 rejected / failed payouts per venue, which debit nothing.
        DROP TABLE IF EXISTS seed_net;
        CREATE TEMP TABLE seed_net AS
        SELECT v.ix, v.id, v.currency, (coalesce(x.settled, 0) - coalesce(y.refunded, 0))::bigint AS net
        FROM seed_venues v
        LEFT JOIN (SELECT t.venue_id, sum(t.venue_payout) AS settled FROM seed_params p, payment_transactions t
                   WHERE t.status IN ('completed', 'partially_refunded', 'refunded') AND t.created_at < p.anchor - interval '168 hours'
                   GROUP BY t.venue_id) AS x ON x.venue_id = v.id
        LEFT JOIN (SELECT t.venue_id, sum(r.amount) AS refunded FROM seed_params p, payment_refunds r
                   JOIN payment_transactions t ON t.id = r.transaction_id
                   WHERE r.status <> 'failed' AND t.status IN ('completed', 'partially_refunded', 'refunded')
                     AND t.created_at < p.anchor - interval '168 hours'
                   GROUP BY t.venue_id) AS y ON y.venue_id = v.id;
        INSERT INTO venue_payouts (id, venue_id, amount, fee, currency, instant, status, requested_by, requested_at,
            decided_by, decided_at, decision_reason, idempotency_key)
        SELECT pg_temp.uid(q.ix * 16 + q.j, p.k + 1116), q.id,
               CASE WHEN q.instant THEN q.part * 100 / 101 ELSE q.part END,
               CASE WHEN q.instant THEN pg_temp.bps(q.part * 100 / 101, 100) ELSE 0 END, q.currency, q.instant,
               CASE WHEN q.age > 172800 THEN 'paid' ELSE 'approved' END,
               (ARRAY['alice.finance', 'bob.finance', 'carol.finance'])[1 + q.ro],
               p.anchor - (q.age + 3600 + pg_temp.r(q.ix * 16 + q.j, p.k + 706, 100800)) * interval '1 second',
               (ARRAY['alice.finance', 'bob.finance', 'carol.finance'])[1 + (q.ro + 1 + pg_temp.r(q.ix * 16 + q.j, p.k + 707, 2)) % 3],
               p.anchor - q.age * interval '1 second', NULL, 'payout-' || pg_temp.alnum(q.ix * 16 + q.j, p.k + 1219, 24)
        FROM seed_params p CROSS JOIN LATERAL (
            SELECT w.*, w.used * w.cw / w.wt - w.used * (w.cw - w.w) / w.wt AS part,
                   pg_temp.u(w.ix * 16 + w.j, p.k + 703) < 0.15 AS instant,
                   ((w.j - 1) * 7 + 1 + pg_temp.r(w.ix * 16 + w.j, p.k + 704, 5)) * 86400 + pg_temp.r(w.ix * 16 + w.j, p.k + 705, 72000) AS age,
                   pg_temp.r(w.ix * 16 + w.j, p.k + 708, 3) AS ro
            FROM (SELECT b.*, j, 80 + pg_temp.r(b.ix * 16 + j, p.k + 702, 41) AS w,
                         (sum(80 + pg_temp.r(b.ix * 16 + j, p.k + 702, 41)) OVER (PARTITION BY b.ix ORDER BY j))::bigint AS cw,
                         (sum(80 + pg_temp.r(b.ix * 16 + j, p.k + 702, 41)) OVER (PARTITION BY b.ix))::bigint AS wt
                  FROM (SELECT n.*, a.np, least(a.budget, a.np * 3200000) AS used
                        FROM seed_net n CROSS JOIN LATERAL (SELECT greatest(n.net, 0) * (70 + pg_temp.r(n.ix, p.k + 701, 16)) / 100 AS budget) AS x0
                        CROSS JOIN LATERAL (SELECT x0.budget, least(12, x0.budget / 25000) AS np) AS a) AS b
                  CROSS JOIN generate_series(1, b.np) AS j) AS w) AS q
        UNION ALL
        SELECT pg_temp.uid(n.ix * 4 + j, p.k + 1117), n.id,
               (10000 + pg_temp.r(n.ix * 4 + j, p.k + 711, 2000000)) / 100 * 100, 0, n.currency, false, x.st,
               (ARRAY['alice.finance', 'bob.finance', 'carol.finance'])[1 + x.ro], x.at - (3600 + pg_temp.r(n.ix * 4 + j, p.k + 713, 90000)) * interval '1 second',
               (ARRAY['alice.finance', 'bob.finance', 'carol.finance'])[1 + (x.ro + 1 + pg_temp.r(n.ix * 4 + j, p.k + 714, 2)) % 3], x.at,
               CASE x.st WHEN 'rejected' THEN (ARRAY['amount exceeds payable balance', 'bank account verification pending',
                   'duplicate of an earlier request', 'venue under chargeback review'])[1 + pg_temp.r(n.ix * 4 + j, p.k + 715, 4)]
                   ELSE (ARRAY['bank returned R03: no account / unable to locate account', 'bank returned R04: invalid account number',
                   'beneficiary bank timeout; funds returned to available'])[1 + pg_temp.r(n.ix * 4 + j, p.k + 715, 3)] END,
               'payout-' || pg_temp.alnum(n.ix * 4 + j, p.k + 1220, 24)
        FROM seed_params p CROSS JOIN seed_net n CROSS JOIN generate_series(1, 2) AS j
        CROSS JOIN LATERAL (SELECT CASE WHEN pg_temp.u(n.ix * 4 + j, p.k + 712) < 0.7 THEN 'rejected' ELSE 'failed' END AS st,
               pg_temp.r(n.ix * 4 + j, p.k + 716, 3) AS ro,
               p.anchor - ((j * 19 + pg_temp.r(n.ix * 4 + j, p.k + 717, 30)) * 86400 + pg_temp.r(n.ix * 4 + j, p.k + 718, 80000)) * interval '1 second' AS at) AS x
        WHERE j <= pg_temp.r(n.ix, p.k + 710, 3);
        """#),

        ("venue_balances", #"""
        -- Three rows per venue in its currency. With anchor = payops.seed_anchor:
        --   settled(t)  := t.status IN ('completed', 'partially_refunded', 'refunded') AND t.created_at < anchor - 168 hours
        --   available   := greatest(0, Σ settled t.venue_payout
        --                              − Σ r.amount of refunds r with r.status <> 'failed' of settled payments
        --                              − Σ (amount + fee) of the venue's payouts with status IN ('approved', 'paid'))
        --                  (greatest never bites when the venue's settled net is >= 0, which the data makes nearly certain)
        --   pending     := Σ venue_payout of completed payments with created_at >= anchor - 168 hours
        --   reserved    := (available * 500 + 5000) / 10000          (5 %, half-up, integer cents)
        --   last_payout_at := max(decided_at) of approved/paid payouts (NULL if none), on all three rows;
        --   created_at = the venue's created_at, updated_at = anchor.
        INSERT INTO venue_balances (venue_id, balance_type, amount, currency, last_payout_at, created_at, updated_at)
        SELECT b.id, bt.t, CASE bt.t WHEN 'available' THEN b.available WHEN 'pending' THEN b.pending
                   ELSE pg_temp.bps(b.available, 500) END, b.currency, b.last_payout_at, b.created_at, p.anchor
        FROM seed_params p CROSS JOIN (
            SELECT v.id, v.currency, v.created_at, greatest(0, n.net - coalesce(o.debited, 0))::bigint AS available,
                   coalesce(pe.pending, 0)::bigint AS pending, o.last_payout_at
            FROM seed_venues v JOIN seed_net n ON n.id = v.id
            LEFT JOIN (SELECT venue_id, sum(amount + fee) AS debited, max(decided_at) AS last_payout_at FROM venue_payouts
                       WHERE status IN ('approved', 'paid') GROUP BY venue_id) AS o ON o.venue_id = v.id
            LEFT JOIN (SELECT t.venue_id, sum(t.venue_payout) AS pending FROM seed_params p, payment_transactions t
                       WHERE t.status = 'completed' AND t.created_at >= p.anchor - interval '168 hours'
                       GROUP BY t.venue_id) AS pe ON pe.venue_id = v.id) AS b
        CROSS JOIN (VALUES ('available'), ('pending'), ('reserved')) AS bt(t);
        """#),

        ("open payout requests", #"""
        -- The finance queue: one open 'requested' payout on max(5, venues/10) venues whose payable
        -- (available − reserved) is >= 20000; amount 30-90 % of payable, ≥ 10000, ≤ 4,000,000, amount + fee ≤ payable.
        INSERT INTO venue_payouts (id, venue_id, amount, fee, currency, instant, status, requested_by, requested_at,
            idempotency_key)
        SELECT pg_temp.uid(c.ix, p.k + 1118), c.id, c.amount, CASE WHEN c.instant THEN pg_temp.bps(c.amount, 100) ELSE 0 END,
               c.currency, c.instant, 'requested', (ARRAY['alice.finance', 'bob.finance', 'carol.finance'])[1 + c.rk % 3],
               p.anchor - (300 + pg_temp.r(c.ix, p.k + 722, 172800)) * interval '1 second', 'payout-' || pg_temp.alnum(c.ix, p.k + 1221, 24)
        FROM seed_params p CROSS JOIN LATERAL (
            SELECT z.*, pg_temp.u(z.ix, p.k + 723) < 0.3 AND z.amount + pg_temp.bps(z.amount, 100) <= z.payable AS instant
            FROM (SELECT y.*, least(4000000, greatest(10000, y.payable * (30 + pg_temp.r(y.ix, p.k + 721, 61)) / 10000 * 100)) AS amount
                  FROM (SELECT v.ix, v.id, v.currency, a.amount - r.amount AS payable,
                               row_number() OVER (ORDER BY pg_temp.u(v.ix, p.k + 720), v.ix) AS rk
                        FROM seed_venues v JOIN venue_balances a ON a.venue_id = v.id AND a.balance_type = 'available'
                        JOIN venue_balances r ON r.venue_id = v.id AND r.balance_type = 'reserved'
                        WHERE a.amount - r.amount >= 20000) AS y
                  WHERE y.rk <= greatest(5, p.nv / 10)) AS z) AS c;
        """#),

        ("scalpers and idempotency", #"""
        -- known_scalpers: the 8 attackers (one no longer active) and 4 bulk buyers from the frequent-user pool.
        -- payment_idempotency: the 300 newest payments' create-payment keys (24 h expiry).
        INSERT INTO known_scalpers (id, user_id, device_fingerprint, reason, confidence_score, active, added_at)
        SELECT pg_temp.uid(a.a, p.k + 1119), pg_temp.uid(p.nu + a.a * 4, p.k + 1104), a.dev_fp,
               'card testing from ' || host(a.ip) || ' (' || CASE WHEN family(a.ip) = 6 THEN host(a.ip) ELSE
               host(set_masklen(a.ip, 24)::cidr) || '/24' END || ')', 0.90 + a.a * 0.01, a.a <> 7,
               p.anchor - (a.day2 * 86400 - 7200) * interval '1 second'
        FROM seed_params p CROSS JOIN seed_attackers a
        UNION ALL
        SELECT pg_temp.uid(j, p.k + 1120), pg_temp.uid(x.uidx, p.k + 1104),
               'fp_' || pg_temp.alnum(x.uidx * 2, p.k + 1201, 20),
               (ARRAY['bought 46 tickets for one event across 5 accounts in 10 minutes', 'resold 120 tickets above face value',
                      'shared payment method with 9 accounts', 'bot-like checkout timing (1.2 s median)'])[j],
               0.60 + j * 0.07, true, p.anchor - (j * 9 + 3) * interval '24 hours'
        FROM seed_params p CROSS JOIN generate_series(1, 4) AS j
        CROSS JOIN LATERAL (SELECT pg_temp.r(j, p.k + 801, greatest(5, p.nu / 100)) AS uidx) AS x;
        INSERT INTO payment_idempotency (idempotency_key, operation, request_hash, response, status_code, created_at, expires_at)
        SELECT 'pay_' || t.idem, 'payment.create', pg_temp.hex(t.g, p.k + 1222),
               jsonb_build_object('payment_id', t.id, 'status', t.status, 'payment_intent', t.pi),
               CASE WHEN t.status = 'failed' THEN 402 ELSE 201 END, t.created_at, t.created_at + interval '24 hours'
        FROM seed_params p CROSS JOIN (SELECT * FROM seed_tx ORDER BY age, g LIMIT 300) AS t;
        """#),

        ("rebuild indexes", #"""
        -- Re-create the saved secondary indexes from their exact definitions, refresh statistics, drop the temp
        -- objects and reset the session settings (temp_buffers cannot be reset once temp tables were used).
        DO $$ DECLARE r record; BEGIN
            FOR r IN SELECT indexdef FROM seed_saved_indexes ORDER BY indexname LOOP EXECUTE r.indexdef; END LOOP;
        END $$;
        ANALYZE venues, payment_transactions, payment_events, payment_refunds, fraud_checks, webhook_inbox, outbox,
            outbox_dlq, nft_mint_queue, payment_event_sequence, venue_balances, venue_payouts, known_scalpers, payment_idempotency;
        DROP TABLE seed_tx, seed_ob, seed_ob_pick, seed_net, seed_venues, seed_ua, seed_attackers, seed_event_tmpl, seed_seq_tmpl,
            seed_saved_indexes, seed_params;
        DROP FUNCTION pg_temp.u(bigint, bigint), pg_temp.r(bigint, bigint, bigint), pg_temp.uid(bigint, bigint),
            pg_temp.alnum(bigint, bigint, int), pg_temp.hex(bigint, bigint), pg_temp.bps(bigint, bigint);
        RESET work_mem; RESET maintenance_work_mem; RESET synchronous_commit; RESET jit; RESET client_min_messages;
        """#),
    ]
}
