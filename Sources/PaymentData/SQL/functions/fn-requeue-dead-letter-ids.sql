-- 10. Requeue exactly the marked dead letters a dry run showed (any error groups), or none: PX031 one was requeued
--     meanwhile, PX002 one is gone.
CREATE OR REPLACE FUNCTION payops.requeue_dead_letter_ids(p_ids bigint[], p_idempotency_key text)
    RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, payops, pg_temp AS $fn$
DECLARE
    v_ids bigint[] := ARRAY(SELECT DISTINCT unnest(p_ids) ORDER BY 1);
    v_request jsonb := jsonb_build_object('dead_letter_ids', to_jsonb(v_ids));
    v_result jsonb;
    v_outbox bigint[] := '{}';
    v_row record;
    v_found integer := 0;
BEGIN
    v_result := payops.idempotent_replay(p_idempotency_key, 'dlq.requeue_marked', v_request);
    IF v_result IS NOT NULL THEN RETURN v_result; END IF;
    IF p_ids IS NULL OR cardinality(v_ids) = 0 OR array_position(v_ids, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'the dead letters to requeue are required' USING ERRCODE = 'PX005';
    END IF;
    FOR v_row IN SELECT * FROM payops.lock_dead_letters(v_ids) LOOP
        v_found := v_found + 1;
        IF v_row.requeued_at IS NOT NULL THEN
            RAISE EXCEPTION 'dead letter % was requeued meanwhile, at %', v_row.id, v_row.requeued_at
                USING ERRCODE = 'PX031', HINT = 'run the dry run again';
        END IF;
    END LOOP;
    IF v_found <> cardinality(v_ids) THEN
        RAISE EXCEPTION '% of the % dead letters do not exist', cardinality(v_ids) - v_found, cardinality(v_ids)
            USING ERRCODE = 'PX002';
    END IF;
    FOR v_row IN SELECT unnest(v_ids) AS id LOOP
        v_outbox := v_outbox || payops_write.requeue(v_row.id);
    END LOOP;
    v_result := jsonb_build_object('dry_run', false, 'error_group', NULL, 'count', cardinality(v_ids),
                                   'dead_letter_ids', to_jsonb(v_ids), 'outbox_ids', to_jsonb(v_outbox));
    PERFORM payops.audit('dlq.requeue_marked', 'dead_letter_set', cardinality(v_ids) || ' marked', NULL, v_request,
                         v_result, p_idempotency_key);
    RETURN v_result;
END
$fn$;
REVOKE ALL ON FUNCTION payops.requeue_dead_letter_ids(bigint[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payops.requeue_dead_letter_ids(bigint[], text) TO payops_oncall;
