-- 2. Payout request. Fee: instant payouts cost 1 % (100 basis points, half-up, integer cents), computed in
--    numeric so that a huge amount is refused as over payable and never overflows bigint.
CREATE OR REPLACE FUNCTION payops.request_payout(p_venue uuid, p_amount bigint, p_instant boolean,
                                                 p_idempotency_key text)
    RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, payops, pg_temp AS $fn$
DECLARE
    v_request jsonb := jsonb_build_object('venue', p_venue, 'amount', p_amount, 'instant', p_instant);
    v_result jsonb;
    v_currency text;
    v_available bigint;
    v_reserved bigint;
    v_fee bigint;
    v_fee_exact numeric;
    v_payout uuid;
BEGIN
    v_result := payops.idempotent_replay(p_idempotency_key, 'payout.request', v_request);
    IF v_result IS NOT NULL THEN RETURN v_result; END IF;
    -- The platform may keep payout keys of its own (unique): a key it already used is PX001 too.
    IF EXISTS (SELECT 1 FROM payops_read.payouts WHERE idempotency_key = p_idempotency_key) THEN
        RAISE EXCEPTION 'idempotency key % was already used for another payout', p_idempotency_key
            USING ERRCODE = 'PX001', HINT = 'open the form again to get a new key';
    END IF;
    IF p_venue IS NULL OR p_amount IS NULL OR p_instant IS NULL THEN
        RAISE EXCEPTION 'venue, amount and instant are required' USING ERRCODE = 'PX005';
    END IF;
    SELECT currency INTO v_currency FROM payops_read.venues WHERE id = p_venue;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'venue % not found', p_venue USING ERRCODE = 'PX002';
    END IF;
    IF p_amount < 10000 THEN
        RAISE EXCEPTION 'payout of % is below the minimum of %', payops.money_text(p_amount, v_currency),
            payops.money_text(10000, v_currency) USING ERRCODE = 'PX020';
    END IF;
    PERFORM 1 FROM payops_read.balances WHERE venue_id = p_venue ORDER BY balance_type FOR UPDATE;
    SELECT coalesce(sum(amount) FILTER (WHERE balance_type = 'available'), 0),
           coalesce(sum(amount) FILTER (WHERE balance_type = 'reserved'), 0)
        INTO v_available, v_reserved FROM payops_read.balances WHERE venue_id = p_venue;
    v_fee_exact := CASE WHEN p_instant THEN floor((p_amount::numeric * 100 + 5000) / 10000) ELSE 0 END;
    IF p_amount::numeric + v_fee_exact > v_available - v_reserved THEN
        RAISE EXCEPTION 'payout of % plus fee % exceeds payable %', payops.money_text(p_amount, v_currency),
            payops.money_text(v_fee_exact, v_currency), payops.money_text(v_available - v_reserved, v_currency)
            USING ERRCODE = 'PX021';
    END IF;
    v_fee := v_fee_exact::bigint;
    v_payout := payops_write.insert_payout(p_venue, p_amount, v_fee, v_currency, p_instant, p_idempotency_key);
    v_result := jsonb_build_object('payout_id', v_payout, 'venue_id', p_venue, 'amount', p_amount, 'fee', v_fee,
                                   'currency', v_currency, 'instant', p_instant, 'status', 'requested');
    PERFORM payops.audit('payout.request', 'venue', p_venue::text, NULL, v_request, v_result, p_idempotency_key);
    RETURN v_result;
END
$fn$;
REVOKE ALL ON FUNCTION payops.request_payout(uuid, bigint, boolean, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payops.request_payout(uuid, bigint, boolean, text) TO payops_finance;
