-- Locks a payout that is about to be decided and enforces what approving and rejecting share: it
-- exists, it is still requested, and the decider is not the requester (four-eyes, no superuser
-- exception). One place for the rule, so approve and reject cannot drift apart.
CREATE OR REPLACE FUNCTION payops.lock_decidable_payout(p_payout uuid, p_verb text, p_hint text,
    OUT venue_id uuid, OUT amount bigint, OUT fee bigint, OUT currency text)
    LANGUAGE plpgsql SET search_path = pg_catalog, payops, pg_temp AS $fn$
DECLARE
    v_p record;
BEGIN
    BEGIN
        SELECT * INTO v_p FROM payops_read.payouts p WHERE p.id = p_payout FOR UPDATE;
    EXCEPTION WHEN lock_not_available THEN
        RAISE EXCEPTION 'payout % is locked by another transaction; nothing was done; try again', left(p_payout::text, 8)
            USING ERRCODE = '55P03';
    END;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'payout % not found', p_payout USING ERRCODE = 'PX002';
    END IF;
    IF v_p.status <> 'requested' THEN
        RAISE EXCEPTION 'payout % is %, not requested', p_payout, v_p.status USING ERRCODE = 'PX022';
    END IF;
    IF v_p.requested_by = session_user THEN
        RAISE EXCEPTION 'four-eyes: % requested payout % and may not % it', session_user, p_payout, p_verb
            USING ERRCODE = 'PX023', HINT = p_hint;
    END IF;
    venue_id := v_p.venue_id;
    amount := v_p.amount;
    fee := v_p.fee;
    currency := v_p.currency;
END
$fn$;
REVOKE ALL ON FUNCTION payops.lock_decidable_payout(uuid, text, text) FROM PUBLIC;
