-- 10. Block an address or network (CIDR), optionally until an expiry; an expired entry is replaced.
CREATE OR REPLACE FUNCTION payops.block_ip(p_network cidr, p_reason text, p_expires_at timestamp with time zone, p_idempotency_key text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path = pg_catalog, payops, pg_temp
AS $fn$
DECLARE
    v_reason text := payops.trimmed(p_reason);
    v_request jsonb := jsonb_build_object('network', p_network::text, 'reason', v_reason,
                                          'expires_at', payops.utc_text(p_expires_at));
    v_result jsonb;
    v_old payops.ip_blocklist%ROWTYPE;
BEGIN
    v_result := payops.idempotent_replay(p_idempotency_key, 'ip.block', v_request);
    IF v_result IS NOT NULL THEN RETURN v_result; END IF;
    IF p_network IS NULL THEN
        RAISE EXCEPTION 'a network is required' USING ERRCODE = 'PX005';
    END IF;
    IF v_reason IS NULL THEN
        RAISE EXCEPTION 'blocking needs a reason' USING ERRCODE = 'PX003';
    END IF;
    IF p_expires_at IS NOT NULL AND p_expires_at <= now() THEN
        RAISE EXCEPTION 'expiry % is not in the future', p_expires_at USING ERRCODE = 'PX041';
    END IF;
    -- Serialise blocks of the same network (the row may not exist yet to lock).
    PERFORM pg_advisory_xact_lock(hashtext('payops.ip_blocklist:' || p_network::text));
    SELECT * INTO v_old FROM payops.ip_blocklist WHERE network = p_network FOR UPDATE;
    IF FOUND THEN
        IF v_old.expires_at IS NULL OR v_old.expires_at > now() THEN
            RAISE EXCEPTION 'network % is already blocked', p_network USING ERRCODE = 'PX043';
        END IF;
        DELETE FROM payops.ip_blocklist WHERE network = p_network;
    END IF;
    INSERT INTO payops.ip_blocklist (network, reason, created_by, expires_at)
    VALUES (p_network, v_reason, session_user, p_expires_at);
    v_result := jsonb_build_object('network', p_network::text, 'blocked', true,
                                   'expires_at', payops.utc_text(p_expires_at),
                                   'replaced_expired', v_old.network IS NOT NULL);
    PERFORM payops.audit('ip.block', 'network', p_network::text, v_reason, v_request, v_result,
                         p_idempotency_key);
    RETURN v_result;
END
$fn$;
REVOKE ALL ON FUNCTION payops.block_ip(cidr, text, timestamptz, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payops.block_ip(cidr, text, timestamptz, text) TO payops_support;
