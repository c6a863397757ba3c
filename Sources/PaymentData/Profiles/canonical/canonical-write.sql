-- How payops' actions write on the canonical demo platform: the hooks the action functions in
-- SQL/functions call after they have locked and validated through the read model. Each runs inside the
-- action's transaction, as the functions' owner; none is executable by anyone else.

CREATE FUNCTION payops_write.insert_refund(p_payment uuid, p_amount bigint, p_reason text, p_metadata jsonb,
                                           p_key text, p_tenant uuid) RETURNS uuid
    LANGUAGE sql SET search_path = pg_catalog, public, pg_temp AS $fn$
    INSERT INTO payment_refunds (transaction_id, amount, reason, status, metadata, idempotency_key, tenant_id)
    VALUES (p_payment, p_amount, p_reason, 'pending', p_metadata, p_key, p_tenant)
    RETURNING id
$fn$;

-- The platform's audit log (seed 000) records the request too.
CREATE FUNCTION payops_write.record_event(p_payment uuid, p_type text, p_payload jsonb, p_tenant uuid) RETURNS void
    LANGUAGE sql SET search_path = pg_catalog, public, pg_temp AS $fn$
    INSERT INTO payment_events (payment_id, event_type, payload) VALUES (p_payment, p_type, p_payload)
$fn$;

CREATE FUNCTION payops_write.emit(p_aggregate uuid, p_aggregate_type text, p_event text, p_payload jsonb,
                                  p_tenant uuid) RETURNS bigint
    LANGUAGE sql SET search_path = pg_catalog, public, pg_temp AS $fn$
    INSERT INTO outbox (aggregate_id, aggregate_type, event_type, payload, tenant_id)
    VALUES (p_aggregate, p_aggregate_type, p_event, p_payload, p_tenant)
    RETURNING id
$fn$;

CREATE FUNCTION payops_write.insert_payout(p_venue uuid, p_amount bigint, p_fee bigint, p_currency text,
                                           p_instant boolean, p_key text) RETURNS uuid
    LANGUAGE sql SET search_path = pg_catalog, public, pg_temp AS $fn$
    INSERT INTO venue_payouts (venue_id, amount, fee, currency, instant, status, requested_by, idempotency_key)
    VALUES (p_venue, p_amount, p_fee, p_currency, p_instant, 'requested', session_user, p_key)
    RETURNING id
$fn$;

CREATE FUNCTION payops_write.decide_payout(p_payout uuid, p_status text, p_reason text) RETURNS void
    LANGUAGE sql SET search_path = pg_catalog, public, pg_temp AS $fn$
    UPDATE venue_payouts SET status = p_status, decided_by = session_user, decided_at = now(),
                             decision_reason = p_reason
    WHERE id = p_payout
$fn$;

CREATE FUNCTION payops_write.debit_available(p_venue uuid, p_amount bigint) RETURNS void
    LANGUAGE sql SET search_path = pg_catalog, public, pg_temp AS $fn$
    UPDATE venue_balances SET amount = amount - p_amount, updated_at = now()
    WHERE venue_id = p_venue AND balance_type = 'available';
    UPDATE venue_balances SET last_payout_at = now(), updated_at = now() WHERE venue_id = p_venue;
$fn$;

CREATE FUNCTION payops_write.retry_webhook(p_webhook uuid) RETURNS void
    LANGUAGE sql SET search_path = pg_catalog, public, pg_temp AS $fn$
    UPDATE webhook_inbox SET status = 'pending', updated_at = now() WHERE id = p_webhook
$fn$;

-- Copies the dead letter back into the outbox and stamps it (dead letters are never deleted).
CREATE FUNCTION payops_write.requeue(p_dead_letter bigint) RETURNS bigint
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $fn$
DECLARE
    v_outbox bigint;
BEGIN
    INSERT INTO outbox (aggregate_id, aggregate_type, event_type, payload, attempts)
    SELECT aggregate_id, aggregate_type, event_type, payload, 0 FROM outbox_dlq WHERE id = p_dead_letter
    RETURNING id INTO v_outbox;
    UPDATE outbox_dlq SET requeued_at = now(), requeued_by = session_user, requeued_outbox_id = v_outbox
        WHERE id = p_dead_letter;
    RETURN v_outbox;
END
$fn$;

CREATE FUNCTION payops_write.reset_outbox(p_outbox bigint) RETURNS void
    LANGUAGE sql SET search_path = pg_catalog, public, pg_temp AS $fn$
    UPDATE outbox SET attempts = 0, last_attempt_at = NULL WHERE id = p_outbox
$fn$;
