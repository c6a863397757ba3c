-- How payops' actions write on a TicketToken platform (seed 001 as written, or the real multi-tenant schema):
-- the hooks the action functions in SQL/functions call after they have locked and validated through the read
-- model. Amounts go into the platform's DECIMAL columns as integer cents; statuses as the platform's labels
-- (an enum or a varchar takes the same literal); times through `SET TimeZone = {{tz}}`, so now() lands in a
-- zone-less TIMESTAMP column as the platform's own local time. Where the platform isolates tenants, each write
-- is made inside the tenant of the row it belongs to (app.current_tenant_id), so the policy's WITH CHECK holds.
-- Payout requests and their four-eyes decisions live in payops.payout_requests (the seed has no payout table);
-- requeue stamps in payops.dead_letter_requeues (outbox_dlq has no column for them).

-- Makes the transaction's writes belong to `p_tenant` (RLS's WITH CHECK reads app.current_tenant_id).
CREATE FUNCTION payops_write.enter_tenant(p_tenant uuid) RETURNS void
    LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT CASE WHEN p_tenant IS NULL THEN NULL
                ELSE set_config('app.current_tenant_id', p_tenant::text, true) END;
$fn$;

-- The platform's refund keys are uuids: a key that is one is kept, any other becomes a uuid made from it.
CREATE FUNCTION payops_write.key_uuid(p_key text) RETURNS uuid
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT CASE WHEN p_key ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN p_key::uuid
                ELSE md5('payops:' || p_key)::uuid END;
$fn$;

-- A pending refund for the payment service to execute (with the outbox event emit() writes).
CREATE FUNCTION payops_write.insert_refund(p_payment uuid, p_amount bigint, p_reason text, p_metadata jsonb,
                                           p_key text, p_tenant uuid) RETURNS uuid
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp SET TimeZone = {{tz}} AS $fn$
DECLARE
    v_refund uuid;
BEGIN
    PERFORM payops_write.enter_tenant(p_tenant);
    INSERT INTO payment_refunds (transaction_id, amount, reason, status, metadata, idempotency_key, tenant_id,
                                 created_at, updated_at)
    VALUES (p_payment, p_amount, p_reason, 'pending', p_metadata, payops_write.key_uuid(p_key), p_tenant,
            now(), now())
    RETURNING id INTO v_refund;
    RETURN v_refund;
END
$fn$;

-- TicketToken keeps no payment_events: the refund row and its outbox event are the record.
CREATE FUNCTION payops_write.record_event(p_payment uuid, p_type text, p_payload jsonb, p_tenant uuid) RETURNS void
    LANGUAGE sql AS $fn$ SELECT NULL::void $fn$;

-- An outbox event for the platform's workers; a platform without an outbox table (the real multi-tenant
-- schema has none) gets none, and the action's result names no outbox row.
CREATE FUNCTION payops_write.emit(p_aggregate uuid, p_aggregate_type text, p_event text, p_payload jsonb,
                                  p_tenant uuid) RETURNS bigint
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp SET TimeZone = {{tz}} AS $fn$
DECLARE
    v_id bigint;
BEGIN
    IF to_regclass('public.outbox') IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM payops_write.enter_tenant(p_tenant);
    EXECUTE 'INSERT INTO outbox (aggregate_id, aggregate_type, event_type, payload, tenant_id, created_at, attempts)
             VALUES ($1, $2, $3, $4, $5, now(), 0) RETURNING id'
        INTO v_id USING p_aggregate, p_aggregate_type, p_event, p_payload, p_tenant;
    RETURN v_id;
END
$fn$;

CREATE FUNCTION payops_write.insert_payout(p_venue uuid, p_amount bigint, p_fee bigint, p_currency text,
                                           p_instant boolean, p_key text) RETURNS uuid
    LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $fn$
    INSERT INTO payops.payout_requests (venue_id, amount, fee, currency, instant, status, requested_by, idempotency_key)
    VALUES (p_venue, p_amount, p_fee, p_currency, p_instant, 'requested', session_user, p_key)
    RETURNING id
$fn$;

CREATE FUNCTION payops_write.decide_payout(p_payout uuid, p_status text, p_reason text) RETURNS void
    LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $fn$
    UPDATE payops.payout_requests SET status = p_status, decided_by = session_user, decided_at = now(),
                                      decision_reason = p_reason
    WHERE id = p_payout
$fn$;

-- Approving debits the venue's available balance (DECIMAL cents) and stamps last_payout_at on its rows, in
-- the venue's tenant.
CREATE FUNCTION payops_write.debit_available(p_venue uuid, p_amount bigint) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp SET TimeZone = {{tz}} AS $fn$
DECLARE
    v_tenant uuid;
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = 'public' AND table_name = 'venue_balances' AND column_name = 'tenant_id') THEN
        EXECUTE 'SELECT tenant_id FROM venue_balances WHERE venue_id = $1 LIMIT 1' INTO v_tenant USING p_venue;
        PERFORM payops_write.enter_tenant(v_tenant);
    END IF;
    UPDATE venue_balances SET amount = amount - p_amount, updated_at = now()
    WHERE venue_id = p_venue AND balance_type = 'available';
    UPDATE venue_balances SET last_payout_at = now(), updated_at = now() WHERE venue_id = p_venue;
END
$fn$;

CREATE FUNCTION payops_write.retry_webhook(p_webhook uuid) RETURNS void
    LANGUAGE sql SET search_path = pg_catalog, public, pg_temp SET TimeZone = {{tz}} AS $fn$
    UPDATE webhook_inbox SET status = 'pending', updated_at = now() WHERE id = p_webhook
$fn$;

-- Copies the dead letter back into the outbox and stamps it in payops.dead_letter_requeues (dead letters are
-- never deleted). Without an outbox table there is nowhere to requeue to: refused, nothing written.
CREATE FUNCTION payops_write.requeue(p_dead_letter bigint) RETURNS bigint
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp SET TimeZone = {{tz}} AS $fn$
DECLARE
    v_outbox bigint;
BEGIN
    IF to_regclass('public.outbox') IS NULL THEN
        RAISE EXCEPTION 'this platform has no outbox table: dead letters cannot be requeued from payops'
            USING ERRCODE = 'PX060';
    END IF;
    EXECUTE 'INSERT INTO outbox (aggregate_id, aggregate_type, event_type, payload, tenant_id, created_at, attempts)
             SELECT aggregate_id, aggregate_type, event_type, payload, NULL, now(), 0
             FROM outbox_dlq WHERE id = $1 RETURNING id'
        INTO v_outbox USING p_dead_letter;
    INSERT INTO payops.dead_letter_requeues (dlq_id, outbox_id) VALUES (p_dead_letter, v_outbox);
    RETURN v_outbox;
END
$fn$;

CREATE FUNCTION payops_write.reset_outbox(p_outbox bigint) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $fn$
BEGIN
    EXECUTE 'UPDATE outbox SET attempts = 0, last_attempt_at = NULL WHERE id = $1' USING p_outbox;
END
$fn$;
