-- How payops' actions write on a revendiste platform (seed 000; both revendiste fixtures): the hooks the action
-- functions in SQL/functions call after they have locked and validated through the read model, inside the
-- action's transaction. Every time here is timestamptz: no zone setting is needed.
--
-- Refunds are the one action this platform has a place for. It keeps no refund table: a refund is a
-- payment_events 'refund_initiated' row (its id is the refund id; amount in MAJOR units, as its payments hold
-- money), completed later by a 'refund_completed' row naming it (event_data.refund_id). payops writes the
-- initiating row only; the payment's status and refunded_at are left to the payment service, and the refund is
-- executed at the provider (dLocal) by whoever works the refund_initiated events: the platform has no outbox or
-- job queue to hand it to.
--
-- Everything else raises PX060 (nothing written): no balances or payout table (sellers are paid per sold
-- ticket, outside this schema), no webhook inbox, no outbox, no dead letters.

-- A pending refund: one 'refund_initiated' audit event of the payment, in the platform's own way. Cents go in
-- as major units with two decimals (revendiste's currencies, USD and UYU, both have two).
CREATE FUNCTION payops_write.insert_refund(p_payment uuid, p_amount bigint, p_reason text, p_metadata jsonb,
                                           p_key text, p_tenant uuid) RETURNS uuid
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $fn$
DECLARE
    v_refund uuid := gen_random_uuid();
    v_currency text;
BEGIN
    SELECT p.currency INTO v_currency FROM payments p WHERE p.id = p_payment;
    INSERT INTO payment_events (id, payment_id, event_type, from_status, to_status, event_data, ip_address,
                                user_agent, created_at)
    VALUES (v_refund, p_payment, 'refund_initiated', NULL, NULL,
            coalesce(p_metadata, '{}'::jsonb) || jsonb_build_object(
                'refund_id', v_refund, 'amount', round(p_amount::numeric / 100, 2), 'currency', v_currency,
                'reason', p_reason, 'status', 'pending', 'idempotency_key', p_key, 'source', 'payops',
                'operator', session_user),
            NULL, 'payops (operator ' || session_user || ')', now());
    RETURN v_refund;
END
$fn$;

-- The refund's audit event is the refund_initiated row insert_refund wrote: nothing more to record.
CREATE FUNCTION payops_write.record_event(p_payment uuid, p_type text, p_payload jsonb, p_tenant uuid) RETURNS void
    LANGUAGE sql AS $fn$ SELECT NULL::void $fn$;

-- No outbox or job queue in this schema: nothing is emitted (the action's result names no outbox row), so the
-- refund can still be recorded.
CREATE FUNCTION payops_write.emit(p_aggregate uuid, p_aggregate_type text, p_event text, p_payload jsonb,
                                  p_tenant uuid) RETURNS bigint
    LANGUAGE sql AS $fn$ SELECT NULL::bigint $fn$;

CREATE FUNCTION payops_write.insert_payout(p_venue uuid, p_amount bigint, p_fee bigint, p_currency text,
                                           p_instant boolean, p_key text) RETURNS uuid
    LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'revendiste keeps no venue balances or payouts (sellers are paid per sold ticket): nothing written'
        USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.decide_payout(p_payout uuid, p_status text, p_reason text) RETURNS void
    LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'revendiste keeps no payouts to approve or reject: nothing written' USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.debit_available(p_venue uuid, p_amount bigint) RETURNS void
    LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'revendiste keeps no venue balances to debit: nothing written' USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.retry_webhook(p_webhook uuid) RETURNS void
    LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'revendiste has no webhook inbox (webhooks are handled as they arrive): nothing to retry'
        USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.requeue(p_dead_letter bigint) RETURNS bigint
    LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'revendiste has no outbox or dead-letter table: nothing to requeue' USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.reset_outbox(p_outbox bigint) RETURNS void
    LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'revendiste has no outbox table: nothing to reset' USING ERRCODE = 'PX060';
END
$fn$;
