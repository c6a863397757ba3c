-- 6. Requeue one dead letter: the profile copies it back into the outbox and stamps it as requeued.
CREATE OR REPLACE FUNCTION payops.requeue_dead_letter(p_dead_letter bigint, p_idempotency_key text)
    RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, payops, pg_temp AS $fn$
DECLARE
    v_request jsonb := jsonb_build_object('dead_letter', p_dead_letter);
    v_result jsonb;
    v_row record;
    v_outbox bigint;
BEGIN
    v_result := payops.idempotent_replay(p_idempotency_key, 'dlq.requeue', v_request);
    IF v_result IS NOT NULL THEN RETURN v_result; END IF;
    IF p_dead_letter IS NULL THEN
        RAISE EXCEPTION 'a dead letter id is required' USING ERRCODE = 'PX005';
    END IF;
    SELECT * INTO v_row FROM payops.lock_dead_letters(ARRAY[p_dead_letter]);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'dead letter % not found', p_dead_letter USING ERRCODE = 'PX002';
    END IF;
    IF v_row.requeued_at IS NOT NULL THEN
        RAISE EXCEPTION 'dead letter % was already requeued at %', p_dead_letter, v_row.requeued_at
            USING ERRCODE = 'PX031';
    END IF;
    v_outbox := payops_write.requeue(p_dead_letter);
    v_result := jsonb_build_object('dead_letter_id', p_dead_letter, 'outbox_id', v_outbox);
    PERFORM payops.audit('dlq.requeue', 'dead_letter', p_dead_letter::text, NULL, v_request, v_result,
                         p_idempotency_key);
    RETURN v_result;
END
$fn$;
REVOKE ALL ON FUNCTION payops.requeue_dead_letter(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payops.requeue_dead_letter(bigint, text) TO payops_oncall;
