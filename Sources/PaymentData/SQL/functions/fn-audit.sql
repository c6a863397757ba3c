-- Writes the one audit row of a successful action, as the session's login.
CREATE OR REPLACE FUNCTION payops.audit(p_action text, p_target_type text, p_target_id text, p_reason text,
                                        p_request jsonb, p_result jsonb, p_key text) RETURNS void
    LANGUAGE sql SET search_path = pg_catalog, payops, pg_temp AS $fn$
    INSERT INTO payops.operator_actions (operator, action, target_type, target_id, reason, request, result,
                                         idempotency_key)
    VALUES (session_user, p_action, p_target_type, p_target_id, p_reason, p_request, p_result, p_key);
$fn$;
REVOKE ALL ON FUNCTION payops.audit(text, text, text, text, jsonb, jsonb, text) FROM PUBLIC;
