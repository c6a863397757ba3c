-- 4. Reject a payout (four-eyes, a reason required).
CREATE OR REPLACE FUNCTION payops.reject_payout(p_payout uuid, p_reason text, p_idempotency_key text)
    RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, payops, pg_temp AS $fn$
DECLARE
    v_reason text := payops.trimmed(p_reason);
    v_request jsonb := jsonb_build_object('payout', p_payout, 'reason', v_reason);
    v_result jsonb;
    v_p record;
BEGIN
    v_result := payops.idempotent_replay(p_idempotency_key, 'payout.reject', v_request);
    IF v_result IS NOT NULL THEN RETURN v_result; END IF;
    IF p_payout IS NULL THEN
        RAISE EXCEPTION 'a payout id is required' USING ERRCODE = 'PX005';
    END IF;
    IF v_reason IS NULL THEN
        RAISE EXCEPTION 'rejecting a payout needs a reason' USING ERRCODE = 'PX003';
    END IF;
    v_p := payops.lock_decidable_payout(p_payout, 'reject', 'another finance operator must decide');
    PERFORM payops_write.decide_payout(p_payout, 'rejected', v_reason);
    v_result := jsonb_build_object('payout_id', p_payout, 'venue_id', v_p.venue_id, 'amount', v_p.amount,
                                   'status', 'rejected', 'reason', v_reason);
    PERFORM payops.audit('payout.reject', 'payout', p_payout::text, v_reason, v_request, v_result,
                         p_idempotency_key);
    RETURN v_result;
END
$fn$;
REVOKE ALL ON FUNCTION payops.reject_payout(uuid, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payops.reject_payout(uuid, text, text) TO payops_finance;
