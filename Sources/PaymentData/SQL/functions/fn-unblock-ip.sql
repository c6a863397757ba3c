-- 11. Unblock a network that is on the blocklist (a reason required).
CREATE OR REPLACE FUNCTION payops.unblock_ip(p_network cidr, p_reason text, p_idempotency_key text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path = pg_catalog, payops, pg_temp
AS $fn$
DECLARE
    v_reason text := payops.trimmed(p_reason);
    v_request jsonb := jsonb_build_object('network', p_network::text, 'reason', v_reason);
    v_result jsonb;
    v_old payops.ip_blocklist%ROWTYPE;
BEGIN
    v_result := payops.idempotent_replay(p_idempotency_key, 'ip.unblock', v_request);
    IF v_result IS NOT NULL THEN RETURN v_result; END IF;
    IF p_network IS NULL THEN
        RAISE EXCEPTION 'a network is required' USING ERRCODE = 'PX005';
    END IF;
    IF v_reason IS NULL THEN
        RAISE EXCEPTION 'unblocking needs a reason' USING ERRCODE = 'PX003';
    END IF;
    SELECT * INTO v_old FROM payops.ip_blocklist WHERE network = p_network FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'network % is not blocked', p_network USING ERRCODE = 'PX042';
    END IF;
    DELETE FROM payops.ip_blocklist WHERE network = p_network;
    v_result := jsonb_build_object('network', p_network::text, 'blocked', false,
                                   'was_blocked_by', v_old.created_by, 'was_reason', v_old.reason);
    PERFORM payops.audit('ip.unblock', 'network', p_network::text, v_reason, v_request, v_result,
                         p_idempotency_key);
    RETURN v_result;
END
$fn$;
REVOKE ALL ON FUNCTION payops.unblock_ip(cidr, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payops.unblock_ip(cidr, text, text) TO payops_support;
