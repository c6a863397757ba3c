-- 1. Refund (full or partial). Reads the payment and its refunds through the read model (locking the
--    payment's platform row through the view), then writes the platform's way through the profile's
--    hooks: a pending refund, an audit event where the platform keeps them, an outbox event for the
--    payment service to execute. The payment's status is left to the payment service.
CREATE OR REPLACE FUNCTION payops.refund(p_payment uuid, p_amount bigint, p_reason text, p_note text,
                                         p_idempotency_key text)
    RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, payops, pg_temp AS $fn$
DECLARE
    v_note text := payops.trimmed(p_note);
    v_request jsonb := jsonb_build_object('payment', p_payment, 'amount', p_amount, 'reason', p_reason,
                                          'note', v_note);
    v_result jsonb;
    v_pay record;
    v_refunded bigint;
    v_refund uuid;
BEGIN
    v_result := payops.idempotent_replay(p_idempotency_key, 'refund', v_request);
    IF v_result IS NOT NULL THEN RETURN v_result; END IF;
    IF p_payment IS NULL THEN
        RAISE EXCEPTION 'a payment id is required' USING ERRCODE = 'PX005';
    END IF;
    BEGIN
        SELECT id, amount, currency, status, tenant_id INTO v_pay
            FROM payops_read.payments WHERE id = p_payment FOR UPDATE;
    EXCEPTION WHEN lock_not_available THEN
        RAISE EXCEPTION 'payment % is locked by another transaction; nothing was done; try again', left(p_payment::text, 8)
            USING ERRCODE = '55P03', DETAIL = 'the lock_timeout of this session passed while waiting for the payment';
    END;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'payment % not found', p_payment USING ERRCODE = 'PX002';
    END IF;
    IF v_pay.status NOT IN ('completed', 'partially_refunded') THEN
        RAISE EXCEPTION 'payment % is %; only completed or partially refunded payments can be refunded',
            p_payment, v_pay.status USING ERRCODE = 'PX010';
    END IF;
    IF p_amount IS NULL OR p_amount <= 0 THEN
        RAISE EXCEPTION 'refund amount must be positive' USING ERRCODE = 'PX011';
    END IF;
    IF p_reason IS NULL OR p_reason NOT IN ('duplicate', 'fraudulent', 'requested_by_customer', 'other') THEN
        RAISE EXCEPTION 'unknown refund reason %', coalesce(p_reason, 'NULL')
            USING ERRCODE = 'PX013', HINT = 'duplicate, fraudulent, requested_by_customer or other';
    END IF;
    IF p_reason = 'other' AND v_note IS NULL THEN
        RAISE EXCEPTION 'reason "other" needs a note' USING ERRCODE = 'PX014';
    END IF;
    SELECT coalesce(sum(amount), 0) INTO v_refunded
        FROM payops_read.refunds WHERE transaction_id = p_payment AND status <> 'failed';
    IF p_amount > v_pay.amount - v_refunded THEN
        RAISE EXCEPTION 'refund of % exceeds the refundable remainder % of payment %',
            payops.money_text(p_amount, v_pay.currency), payops.money_text(v_pay.amount - v_refunded, v_pay.currency),
            p_payment
            USING ERRCODE = 'PX012',
                  DETAIL = format('amount %s, already refunded or pending %s', payops.money_text(v_pay.amount, v_pay.currency),
                                  payops.money_text(v_refunded, v_pay.currency));
    END IF;

    v_refund := payops_write.insert_refund(p_payment, p_amount, p_reason,
        jsonb_strip_nulls(jsonb_build_object('note', v_note, 'operator', session_user)),
        p_idempotency_key, v_pay.tenant_id);
    v_result := jsonb_build_object(
        'refund_id', v_refund, 'payment_id', p_payment, 'amount', p_amount, 'currency', v_pay.currency,
        -- The platform's own status of the new refund: pending where a payment service completes it, completed
        -- where the hook did (a wallet ledger refund).
        'status', coalesce((SELECT r.status FROM payops_read.refunds r WHERE r.id = v_refund), 'pending'),
        'refundable_before', v_pay.amount - v_refunded,
        'refundable_after', v_pay.amount - v_refunded - p_amount);
    PERFORM payops_write.record_event(p_payment, 'refund.requested', jsonb_strip_nulls(jsonb_build_object(
        'refund_id', v_refund, 'amount', p_amount, 'currency', v_pay.currency, 'reason', p_reason,
        'note', v_note, 'operator', session_user)), v_pay.tenant_id);
    PERFORM payops_write.emit(p_payment, 'refund', 'refund.requested', jsonb_build_object(
        'refund_id', v_refund, 'payment_id', p_payment, 'amount', p_amount, 'currency', v_pay.currency,
        'reason', p_reason, 'operator', session_user), v_pay.tenant_id);
    PERFORM payops.audit('refund', 'payment', p_payment::text,
                         p_reason || coalesce(': ' || v_note, ''), v_request, v_result, p_idempotency_key);
    RETURN v_result;
END
$fn$;
REVOKE ALL ON FUNCTION payops.refund(uuid, bigint, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payops.refund(uuid, bigint, text, text, text) TO payops_support;
