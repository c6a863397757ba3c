-- Looks up an idempotency key under its advisory lock. NULL: the key is new; otherwise the first result.
-- Keys made only of whitespace are missing keys (PX004); the same key for another request is PX001.
CREATE OR REPLACE FUNCTION payops.idempotent_replay(p_key text, p_action text, p_request jsonb) RETURNS jsonb
    LANGUAGE plpgsql SET search_path = pg_catalog, payops, pg_temp AS $fn$
DECLARE
    v_action text;
    v_request jsonb;
    v_result jsonb;
BEGIN
    IF payops.is_blank(p_key) THEN
        RAISE EXCEPTION 'an idempotency key is required' USING ERRCODE = 'PX004';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('payops.idempotency:' || p_key));
    SELECT action, request, result INTO v_action, v_request, v_result
        FROM payops.operator_actions WHERE idempotency_key = p_key;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF v_action <> p_action OR v_request <> p_request THEN
        RAISE EXCEPTION 'idempotency key % was already used for a different request', p_key
            USING ERRCODE = 'PX001',
                  DETAIL = format('first: %s %s; now: %s %s', v_action, v_request, p_action, p_request),
                  HINT = 'open the form again to get a new key';
    END IF;
    RETURN v_result;
END
$fn$;
REVOKE ALL ON FUNCTION payops.idempotent_replay(text, text, jsonb) FROM PUBLIC;
