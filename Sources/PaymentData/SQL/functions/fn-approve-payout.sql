-- 3. Approve a payout (four-eyes): the venue's approved payouts in one UTC day stay within 5,000,000 cents
--    and the payout plus its fee within payable; approving debits available and stamps last_payout_at.
CREATE OR REPLACE FUNCTION payops.approve_payout(p_payout uuid, p_idempotency_key text)
    RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, payops, pg_temp AS $fn$
DECLARE
    v_request jsonb := jsonb_build_object('payout', p_payout);
    v_result jsonb;
    v_p record;
    v_available bigint;
    v_reserved bigint;
    v_today bigint;
    v_day_start timestamptz := date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
BEGIN
    v_result := payops.idempotent_replay(p_idempotency_key, 'payout.approve', v_request);
    IF v_result IS NOT NULL THEN RETURN v_result; END IF;
    IF p_payout IS NULL THEN
        RAISE EXCEPTION 'a payout id is required' USING ERRCODE = 'PX005';
    END IF;
    v_p := payops.lock_decidable_payout(p_payout, 'approve', 'another finance operator must approve');
    -- Locking the venue's balances serialises every approval of the venue (daily limit and payable).
    PERFORM 1 FROM payops_read.balances WHERE venue_id = v_p.venue_id ORDER BY balance_type FOR UPDATE;
    SELECT coalesce(sum(amount), 0) INTO v_today FROM payops_read.payouts
        WHERE venue_id = v_p.venue_id AND status IN ('approved', 'paid')
          AND decided_at >= v_day_start AND decided_at < v_day_start + interval '1 day';
    IF v_today + v_p.amount > 5000000 THEN
        RAISE EXCEPTION 'approving % would bring the venue''s approved payouts today to %, over the limit of %',
            payops.money_text(v_p.amount, v_p.currency), payops.money_text(v_today + v_p.amount, v_p.currency),
            payops.money_text(5000000, v_p.currency) USING ERRCODE = 'PX024';
    END IF;
    SELECT coalesce(sum(amount) FILTER (WHERE balance_type = 'available'), 0),
           coalesce(sum(amount) FILTER (WHERE balance_type = 'reserved'), 0)
        INTO v_available, v_reserved FROM payops_read.balances WHERE venue_id = v_p.venue_id;
    IF v_p.amount + v_p.fee > v_available - v_reserved THEN
        RAISE EXCEPTION 'payout of % plus fee % exceeds payable % at approval', payops.money_text(v_p.amount, v_p.currency),
            payops.money_text(v_p.fee, v_p.currency), payops.money_text(v_available - v_reserved, v_p.currency)
            USING ERRCODE = 'PX021';
    END IF;
    PERFORM payops_write.decide_payout(p_payout, 'approved', NULL);
    PERFORM payops_write.debit_available(v_p.venue_id, v_p.amount + v_p.fee);
    v_result := jsonb_build_object('payout_id', p_payout, 'venue_id', v_p.venue_id, 'amount', v_p.amount,
                                   'fee', v_p.fee, 'currency', v_p.currency, 'status', 'approved',
                                   'available_after', v_available - v_p.amount - v_p.fee,
                                   'approved_today', v_today + v_p.amount);
    PERFORM payops.audit('payout.approve', 'payout', p_payout::text, NULL, v_request, v_result, p_idempotency_key);
    RETURN v_result;
END
$fn$;
REVOKE ALL ON FUNCTION payops.approve_payout(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payops.approve_payout(uuid, text) TO payops_finance;
