-- 9. Reset a stuck outbox row (unprocessed for over 10 minutes, attempted before) for another try.
CREATE OR REPLACE FUNCTION payops.reset_outbox(p_outbox bigint, p_idempotency_key text)
    RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, payops, pg_temp AS $fn$
DECLARE
    v_request jsonb := jsonb_build_object('outbox', p_outbox);
    v_result jsonb;
    v_row record;
BEGIN
    v_result := payops.idempotent_replay(p_idempotency_key, 'outbox.reset', v_request);
    IF v_result IS NOT NULL THEN RETURN v_result; END IF;
    IF p_outbox IS NULL THEN
        RAISE EXCEPTION 'an outbox id is required' USING ERRCODE = 'PX005';
    END IF;
    SELECT * INTO v_row FROM payops_read.outbox WHERE id = p_outbox FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'outbox row % not found', p_outbox USING ERRCODE = 'PX002';
    END IF;
    IF v_row.processed_at IS NOT NULL THEN
        RAISE EXCEPTION 'outbox row % was already processed at %', p_outbox, v_row.processed_at
            USING ERRCODE = 'PX034';
    END IF;
    IF v_row.created_at > now() - interval '10 minutes' THEN
        RAISE EXCEPTION 'outbox row % is not stuck: created % ago, under 10 minutes', p_outbox,
            date_trunc('second', now() - v_row.created_at)
            USING ERRCODE = 'PX035', HINT = 'the outbox worker may still be processing it';
    END IF;
    IF v_row.attempts = 0 AND v_row.last_attempt_at IS NULL THEN
        RAISE EXCEPTION 'outbox row % has never been attempted: resetting it would change nothing', p_outbox
            USING ERRCODE = 'PX037', HINT = 'the outbox worker has not picked it up at all; check that it runs';
    END IF;
    PERFORM payops_write.reset_outbox(p_outbox);
    v_result := jsonb_build_object('outbox_id', p_outbox, 'event_type', v_row.event_type,
                                   'previous_attempts', v_row.attempts,
                                   'previous_attempt_at', v_row.last_attempt_at,
                                   'last_error', v_row.last_error);
    PERFORM payops.audit('outbox.reset', 'outbox', p_outbox::text, NULL, v_request, v_result,
                         p_idempotency_key);
    RETURN v_result;
END
$fn$;
REVOKE ALL ON FUNCTION payops.reset_outbox(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payops.reset_outbox(bigint, text) TO payops_oncall;
