-- The read model (READ-MODEL.md) over the revendiste platform, seed 000 (revendiste-fixture.sql, and the same
-- platform with other column types, revendiste-variant-fixture.sql): one file for both, as every conversion goes
-- through payops' overloaded helpers (readmodel-helpers.sql) or plain built-in expressions, all IMMUTABLE, so
-- that revendiste-indexes.sql can index exactly what these views compute:
--     payops.minor(x)   numeric MAJOR units (12.50)                    -> bigint cents (1250)
--     payops.txt(x)     enum (a CASE over its labels), varchar or text -> text
--     status            CASE over payment_status ('paid' -> 'completed'; 'cancelled', 'expired' -> 'cancelled')
--     ip_address        varchar(45)/text -> inet, only where the text is an IPv4 or IPv6 address (checked by
--                       regular expressions before the cast, so garbage gives NULL, never an error; built-ins
--                       only, so `payops db detect` can probe the index before payops is installed);
--                       '::ffff:a.b.c.d', as Node reports IPv4 clients on an IPv6 socket, becomes a.b.c.d
-- Times are timestamptz already. How revendiste's concepts land in the contract:
--   * payments  = payments JOIN orders (user, event and fees live on the order; one order per payment);
--   * venue     = the order's event (revendiste has no venues or merchants: it resells tickets per event; the
--                 event's own venue is a free-text label); venue_id = event_id = orders.event_id;
--   * refunds   = payment_events 'refund_initiated' rows (the platform has no refund table), completed when a
--                 'refund_completed' row names them in event_data.refund_id;
--   * fraud_checks = payment_events 'fraud_check_failed' (decline) and 'manual_review_required' (review);
--   * card      = a hash of the payer's identity document (dLocal's payer.document: revendiste never sees cards).
-- What the platform lacks (balances, payouts, outbox, webhook inbox, dead letters, mint jobs, event sequence) is
-- a typed empty relation, and payops_read.notes says so per pane. Payout requests would live in
-- payops.payout_requests (the platform keeps none); the hooks refuse them, as there are no balances to pay from.

-- payments: payments and their order. numeric major units -> bigint cents; the status CASE is the one
-- revendiste-indexes.sql indexes; metadata: the payment row minus the columns shown elsewhere (and the payer's
-- document), with failure_reason filled for cancelled and expired payments and the order's status and amounts.
-- Inner join (orders.id is the payment's NOT NULL foreign key), so FOR UPDATE through the view locks both rows.
CREATE VIEW payops_read.payments AS
SELECT p.id, NULL::uuid AS tenant_id, o.event_id AS venue_id, o.user_id, o.event_id,
       payops.minor(p.amount) AS amount, payops.txt(p.currency) AS currency,
       CASE p.status WHEN 'paid' THEN 'completed' WHEN 'pending' THEN 'pending' WHEN 'processing' THEN 'processing'
            WHEN 'failed' THEN 'failed' WHEN 'cancelled' THEN 'cancelled' WHEN 'expired' THEN 'cancelled'
            WHEN 'refunded' THEN 'refunded' WHEN 'partially_refunded' THEN 'partially_refunded'
            ELSE 'pending' END AS status,
       coalesce(payops.minor(o.platform_commission), 0) AS platform_fee,
       coalesce(payops.minor(o.subtotal_amount), 0) AS venue_payout,
       NULL::bigint AS gas_fee_paid, payops.minor(o.vat_on_commission) AS tax_amount,
       payops.txt(p.provider_payment_id) AS stripe_payment_intent_id, NULL::text AS device_fingerprint,
       CASE WHEN p.payer_document IS NOT NULL
            THEN 'doc_' || md5(coalesce(p.payer_document_type, '') || ':' || p.payer_document) END
           AS payment_method_fingerprint,
       jsonb_strip_nulls((to_jsonb(p) - ARRAY['id', 'order_id', 'amount', 'currency', 'provider_payment_id',
                                                'payer_document', 'redirect_url', 'notification_url', 'success_url',
                                                'back_url', 'created_at', 'updated_at'])
           || jsonb_build_object(
                  'failure_reason', CASE p.status WHEN 'cancelled' THEN coalesce(p.failure_reason, 'CANCELLED')
                                                  WHEN 'expired' THEN coalesce(p.failure_reason, 'EXPIRED')
                                                  ELSE p.failure_reason END,
                  'order_id', o.id, 'order_status', o.status, 'order_total', o.total_amount,
                  'order_currency', o.currency, 'reservation_expires_at', o.reservation_expires_at))
           AS metadata,
       NULL::uuid AS idempotency_key, p.created_at, p.updated_at
FROM public.payments p
JOIN public.orders o ON o.id = p.order_id;

-- events: payment_events as they are; event_type through payops.txt (a label added to the enum after the
-- install reads 'unknown' until `payops db install` runs again); from_status/to_status added to the payload.
CREATE VIEW payops_read.events AS
SELECT e.id, e.payment_id, coalesce(payops.txt(e.event_type), 'unknown') AS event_type,
       CASE WHEN e.ip_address ~ '^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$'
                 THEN e.ip_address::inet
            WHEN e.ip_address ~* '^::ffff:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$'
                 THEN substr(e.ip_address, 8)::inet
            WHEN e.ip_address ~ '^(([[:xdigit:]]{1,4}:){7}[[:xdigit:]]{1,4}|([[:xdigit:]]{1,4}:){1,7}:|'
               '([[:xdigit:]]{1,4}:){1,6}:[[:xdigit:]]{1,4}|'
               '([[:xdigit:]]{1,4}:){1,5}(:[[:xdigit:]]{1,4}){1,2}|'
               '([[:xdigit:]]{1,4}:){1,4}(:[[:xdigit:]]{1,4}){1,3}|'
               '([[:xdigit:]]{1,4}:){1,3}(:[[:xdigit:]]{1,4}){1,4}|'
               '([[:xdigit:]]{1,4}:){1,2}(:[[:xdigit:]]{1,4}){1,5}|'
               '[[:xdigit:]]{1,4}:(:[[:xdigit:]]{1,4}){1,6}|:((:[[:xdigit:]]{1,4}){1,7}|:)|'
               '([[:xdigit:]]{1,4}:){6}((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|'
               '[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])|'
               '::(ffff(:0{1,4})?:)?((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|'
               '[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])|'
               '([[:xdigit:]]{1,4}:){1,4}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|'
               '[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]))$'
                 THEN e.ip_address::inet END AS ip_address,
       e.user_agent,
       CASE WHEN e.from_status IS NULL AND e.to_status IS NULL THEN coalesce(e.event_data, '{}'::jsonb)
            ELSE coalesce(e.event_data, '{}'::jsonb)
                 || jsonb_strip_nulls(jsonb_build_object('from_status', payops.txt(e.from_status),
                                                         'to_status', payops.txt(e.to_status))) END AS payload,
       e.created_at
FROM public.payment_events e;

-- ip_attempts: seed 000's "Detect Suspicious IPs" (lines 161-170) as rows: every audit event, with a readable
-- address, of a payment whose status is 'failed' (the platform's own label: cancelled and expired checkouts are
-- not attempts). Webhook events count too, as in the seed's query. The address is converted (as in events) in a
-- LATERAL subquery, after the join: only the events of failed payments pay for the regular expressions.
CREATE VIEW payops_read.ip_attempts AS
SELECT x.ip_address, e.created_at AS at, o.user_id,
       CASE WHEN p.payer_document IS NOT NULL
            THEN 'doc_' || md5(coalesce(p.payer_document_type, '') || ':' || p.payer_document) END AS card,
       e.payment_id
FROM public.payment_events e
JOIN public.payments p ON p.id = e.payment_id
JOIN public.orders o ON o.id = p.order_id
CROSS JOIN LATERAL (
    SELECT CASE WHEN e.ip_address ~ '^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$'
              THEN e.ip_address::inet
         WHEN e.ip_address ~* '^::ffff:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$'
              THEN substr(e.ip_address, 8)::inet
         WHEN e.ip_address ~ '^(([[:xdigit:]]{1,4}:){7}[[:xdigit:]]{1,4}|([[:xdigit:]]{1,4}:){1,7}:|'
            '([[:xdigit:]]{1,4}:){1,6}:[[:xdigit:]]{1,4}|'
            '([[:xdigit:]]{1,4}:){1,5}(:[[:xdigit:]]{1,4}){1,2}|'
            '([[:xdigit:]]{1,4}:){1,4}(:[[:xdigit:]]{1,4}){1,3}|'
            '([[:xdigit:]]{1,4}:){1,3}(:[[:xdigit:]]{1,4}){1,4}|'
            '([[:xdigit:]]{1,4}:){1,2}(:[[:xdigit:]]{1,4}){1,5}|'
            '[[:xdigit:]]{1,4}:(:[[:xdigit:]]{1,4}){1,6}|:((:[[:xdigit:]]{1,4}){1,7}|:)|'
            '([[:xdigit:]]{1,4}:){6}((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|'
            '[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])|'
            '::(ffff(:0{1,4})?:)?((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|'
            '[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])|'
            '([[:xdigit:]]{1,4}:){1,4}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|'
            '[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]))$'
              THEN e.ip_address::inet END AS ip_address
    OFFSET 0) x
WHERE p.status = 'failed' AND e.ip_address IS NOT NULL AND x.ip_address IS NOT NULL;

-- refunds: each 'refund_initiated' event is a refund (its id is the refund id); 'completed' once a
-- 'refund_completed' event of the same payment names it in event_data.refund_id, else 'pending' (the platform
-- records no failed refunds). The amount is event_data.amount in major units, read only when it is a plain
-- non-negative decimal number (else 0, so one bad row never breaks the view nor lowers what was refunded); the
-- reason is event_data.reason.
CREATE VIEW payops_read.refunds AS
SELECT i.id, i.payment_id AS transaction_id,
       coalesce(CASE WHEN (i.event_data ->> 'amount') ~ '^[0-9]{1,15}(\.[0-9]+)?$'
                     THEN payops.minor((i.event_data ->> 'amount')::numeric) END, 0) AS amount,
       coalesce(i.event_data ->> 'reason', '(none recorded)') AS reason,
       CASE WHEN c.at IS NULL THEN 'pending' ELSE 'completed' END AS status,
       NULL::uuid AS tenant_id, i.created_at, c.at AS completed_at
FROM public.payment_events i
LEFT JOIN LATERAL (SELECT min(d.created_at) AS at FROM public.payment_events d
                   WHERE d.payment_id = i.payment_id AND d.event_type = 'refund_completed'
                     AND (d.event_data ->> 'refund_id') = i.id::text) c ON true
WHERE i.event_type = 'refund_initiated';

-- payouts: the platform keeps no payout requests; payops' own table would hold them (the hooks refuse to write
-- any, see revendiste-write.sql), so this lists what an earlier install may have left there.
CREATE VIEW payops_read.payouts AS
SELECT r.id, r.venue_id, r.amount, r.fee, r.currency, r.instant, r.status, r.requested_by, r.requested_at,
       r.decided_by, r.decided_at, r.decision_reason, r.idempotency_key
FROM payops.payout_requests r;

-- fraud_checks: the audit events a fraud check left ('fraud_check_failed' = decline, 'manual_review_required' =
-- review), at the event's address; score = event_data.score when it is a plain number, else NULL.
CREATE VIEW payops_read.fraud_checks AS
SELECT e.id, e.payment_id, o.user_id, e.ip_address,
       CASE WHEN (e.payload ->> 'score') ~ '^[0-9]{1,6}(\.[0-9]+)?$' THEN (e.payload ->> 'score')::numeric END AS score,
       CASE e.event_type WHEN 'fraud_check_failed' THEN 'decline' ELSE 'review' END AS decision, e.created_at AS at
FROM payops_read.events e
JOIN public.payments p ON p.id = e.payment_id
JOIN public.orders o ON o.id = p.order_id
WHERE e.event_type IN ('fraud_check_failed', 'manual_review_required');

-- venues: revendiste's events that have orders (the venue of a payment is its order's event), named as the
-- platform names them; no tier; the currency of the event's orders (the first in the column's order where they differ).
CREATE VIEW payops_read.venues AS
SELECT ev.id, payops.txt(ev.name) AS name, NULL::text AS tier,
       (SELECT payops.txt(o.currency) FROM public.orders o WHERE o.event_id = ev.id ORDER BY o.currency LIMIT 1) AS currency
FROM public.events ev
WHERE EXISTS (SELECT 1 FROM public.orders o WHERE o.event_id = ev.id);

-- notes: what this platform lacks, one line per pane.
CREATE VIEW payops_read.notes AS
SELECT x.pane, x.note
FROM (VALUES
    ('Overview', 'amounts are major units converted to cents; paid reads completed, cancelled and expired read cancelled '
        || '(reasons CANCELLED, EXPIRED); no balances, payouts or queues here to raise alarms on'),
    ('Transactions', 'venues are events (each order is for one event; revendiste has no venues); no idempotency keys '
        || 'or device fingerprints; card = a hash of the payer''s document; refunds are refund_initiated events'),
    ('Audit trail', 'payment_events as recorded; status changes carry from_status and to_status in the payload; '
        || 'webhooks are webhook_received events'),
    ('Suspicious IPs', 'every event of a payment with status failed counts, webhooks included (as seed 000''s query): '
        || 'the provider''s webhook addresses can appear; unreadable ip_address text is skipped'),
    ('Queues', 'no outbox, webhook inbox, dead letters or mint queue in this database: webhooks are processed '
        || 'as they arrive and logged as payment_events'),
    ('Venues', 'no balances or payouts: revendiste pays sellers per sold ticket, not venues; the list shows the '
        || 'events that have orders')) AS x(pane, note);
