-- How payops' actions write on an advanced-payments platform (seed 004 as written, or with the real service's
-- types): the hooks the action functions in SQL/functions call after they have locked and validated through the
-- read model, inside the action's one transaction. Amounts go into the platform's DECIMAL columns as dollars
-- (cents / 100, exact); statuses as the platform's labels (a text, varchar or enum column takes the same literal);
-- times through `SET TimeZone = {{tz}}`, so now() and the columns' CURRENT_TIMESTAMP defaults land in a
-- zone-less TIMESTAMP column as the platform's own local time.
--
-- A refund is a plain INSERT into refunds: the platform's own audit trigger (audit_trigger_function) writes its
-- audit_logs row ('refunds' / 'INSERT' / the new row's image) in the same transaction, as it does for the
-- platform's API. record_event adds the application-level audit row that says who asked and why.
-- What this platform has no place for is refused with SQLSTATE PX060, before anything is written: payouts (a
-- single merchant with no balances), dead-letter requeues and outbox resets (its queues live in Redis).

-- Has public.<tbl> a column <col> (of one of <types>, when given)?
CREATE FUNCTION payops_write.has_column(p_table text, p_column text, p_types regtype[] DEFAULT NULL) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT EXISTS (SELECT 1 FROM pg_attribute a
                   WHERE a.attrelid = to_regclass('public.' || quote_ident(p_table)) AND a.attname = p_column
                     AND a.attnum > 0 AND NOT a.attisdropped
                     AND (p_types IS NULL OR a.atttypid::regtype = ANY (p_types)))
$fn$;

-- A pending refund of the transaction, in its currency, for the platform's payment service to execute. The
-- reason is payops' reason code, with the operator's note after a colon; the real service's request_id (its
-- per-request idempotency column) gets payops' idempotency key where the schema has it.
CREATE FUNCTION payops_write.insert_refund(p_payment uuid, p_amount bigint, p_reason text, p_metadata jsonb,
                                           p_key text, p_tenant uuid) RETURNS uuid
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp SET TimeZone = {{tz}} AS $fn$
DECLARE
    v_refund uuid;
    v_currency text;
    v_with_key boolean := payops_write.has_column('refunds', 'request_id');
BEGIN
    SELECT t.currency INTO v_currency FROM transactions t WHERE t.id = p_payment;
    EXECUTE format('INSERT INTO refunds (transaction_id, amount, currency, reason, status%s)
                    VALUES ($1, $2, $3, $4, ''pending''%s) RETURNING id',
                   CASE WHEN v_with_key THEN ', request_id' ELSE '' END,
                   CASE WHEN v_with_key THEN ', $5' ELSE '' END)
        INTO v_refund
        USING p_payment, round(p_amount::numeric / 100, 2), coalesce(v_currency, 'USD'),
              p_reason || coalesce(': ' || (p_metadata ->> 'note'), ''), left(p_key, 255);
    RETURN v_refund;
END
$fn$;

-- The application-level audit row of the request, beside the trigger's row of the refund: about the transaction,
-- action = the event type ('refund.requested'), new_values = what payops asked (amount in cents, reason, note,
-- operator). The operator's login goes into user_id where that column is text (the real service's VARCHAR; the
-- seed's is a uuid, left NULL), and 'payops' into user_agent where there is one.
CREATE FUNCTION payops_write.record_event(p_payment uuid, p_type text, p_payload jsonb, p_tenant uuid) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp SET TimeZone = {{tz}} AS $fn$
DECLARE
    v_user boolean := payops_write.has_column('audit_logs', 'user_id', ARRAY['text', 'character varying']::regtype[]);
    v_agent boolean := payops_write.has_column('audit_logs', 'user_agent');
BEGIN
    EXECUTE format('INSERT INTO audit_logs (entity_type, entity_id, action, old_values, new_values%s%s)
                    VALUES (''transactions'', $1, $2, NULL, $3%s%s)',
                   CASE WHEN v_user THEN ', user_id' ELSE '' END, CASE WHEN v_agent THEN ', user_agent' ELSE '' END,
                   CASE WHEN v_user THEN ', $4' ELSE '' END, CASE WHEN v_agent THEN ', ''payops''' ELSE '' END)
        USING p_payment, left(p_type, 50), p_payload, session_user::text;
END
$fn$;

-- No outbox in this database (the platform's events go to Bull queues in Redis): nothing to emit to, and the
-- action's result names no outbox row. Not a refusal: the refund row and its audit rows are the record.
CREATE FUNCTION payops_write.emit(p_aggregate uuid, p_aggregate_type text, p_event text, p_payload jsonb,
                                  p_tenant uuid) RETURNS bigint
    LANGUAGE sql AS $fn$ SELECT NULL::bigint $fn$;

CREATE FUNCTION payops_write.insert_payout(p_venue uuid, p_amount bigint, p_fee bigint, p_currency text,
                                           p_instant boolean, p_key text) RETURNS uuid
    LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'this platform is a single merchant with no balances to pay out: payouts are not available'
        USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.decide_payout(p_payout uuid, p_status text, p_reason text) RETURNS void
    LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'this platform is a single merchant with no balances to pay out: payouts are not available'
        USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.debit_available(p_venue uuid, p_amount bigint) RETURNS void
    LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'this platform keeps no balances: there is no available balance to debit'
        USING ERRCODE = 'PX060';
END
$fn$;

-- A failed or abandoned delivery goes back to pending, due now; its attempt count and last error stay as the
-- history. The platform's webhook worker takes its jobs from Bull (Redis), so the delivery is sent again when the
-- platform re-enqueues pending deliveries (Availability: limited).
CREATE FUNCTION payops_write.retry_webhook(p_webhook uuid) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp SET TimeZone = {{tz}} AS $fn$
BEGIN
    IF to_regclass('public.webhook_deliveries') IS NULL THEN
        RAISE EXCEPTION 'this platform keeps no webhook deliveries in the database: nothing to retry'
            USING ERRCODE = 'PX060';
    END IF;
    EXECUTE 'UPDATE webhook_deliveries SET status = ''pending'', next_retry_at = now(), updated_at = now()
             WHERE id = $1' USING p_webhook;
END
$fn$;

CREATE FUNCTION payops_write.requeue(p_dead_letter bigint) RETURNS bigint
    LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'this platform has no dead-letter table or outbox in the database (its queues live in Redis)'
        USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.reset_outbox(p_outbox bigint) RETURNS void
    LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'this platform has no outbox table (its events go to Bull queues in Redis)'
        USING ERRCODE = 'PX060';
END
$fn$;
