-- 7. Requeue a whole error group; the dry run (which neither checks nor consumes its key) lists it first.
CREATE OR REPLACE FUNCTION payops.requeue_dead_letters(p_error_group text, p_dry_run boolean, p_idempotency_key text)
    RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, payops, pg_temp AS $fn$
DECLARE
    v_request jsonb := jsonb_build_object('error_group', p_error_group);
    v_result jsonb;
    v_ids bigint[];
    v_outbox bigint[] := '{}';
    v_id bigint;
BEGIN
    IF p_dry_run IS NULL THEN
        RAISE EXCEPTION 'dry_run must be true or false' USING ERRCODE = 'PX005';
    END IF;
    IF NOT p_dry_run THEN
        v_result := payops.idempotent_replay(p_idempotency_key, 'dlq.requeue_group', v_request);
        IF v_result IS NOT NULL THEN RETURN v_result; END IF;
    END IF;
    IF payops.is_blank(p_error_group) THEN
        RAISE EXCEPTION 'an error group is required' USING ERRCODE = 'PX005';
    END IF;
    SELECT coalesce(array_agg(d.id ORDER BY d.id), '{}') INTO v_ids FROM payops_read.dead_letters d
        WHERE d.requeued_at IS NULL AND d.last_error = p_error_group;
    IF p_dry_run THEN
        RETURN jsonb_build_object('dry_run', true, 'error_group', p_error_group,
                                  'count', cardinality(v_ids), 'dead_letter_ids', to_jsonb(v_ids));
    END IF;
    -- Lock, then keep those still waiting in the group (another requeue may have won the race).
    SELECT coalesce(array_agg(l.id ORDER BY l.id), '{}') INTO v_ids FROM payops.lock_dead_letters(v_ids) l
        WHERE l.requeued_at IS NULL AND l.last_error = p_error_group;
    IF cardinality(v_ids) = 0 THEN
        RAISE EXCEPTION 'no waiting dead letters with error %', p_error_group USING ERRCODE = 'PX033';
    END IF;
    FOREACH v_id IN ARRAY v_ids LOOP
        v_outbox := v_outbox || payops_write.requeue(v_id);
    END LOOP;
    v_result := jsonb_build_object('dry_run', false, 'error_group', p_error_group, 'count', cardinality(v_ids),
                                   'dead_letter_ids', to_jsonb(v_ids), 'outbox_ids', to_jsonb(v_outbox));
    PERFORM payops.audit('dlq.requeue_group', 'error_group', p_error_group, NULL, v_request, v_result,
                         p_idempotency_key);
    RETURN v_result;
END
$fn$;
REVOKE ALL ON FUNCTION payops.requeue_dead_letters(text, boolean, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payops.requeue_dead_letters(text, boolean, text) TO payops_oncall;
