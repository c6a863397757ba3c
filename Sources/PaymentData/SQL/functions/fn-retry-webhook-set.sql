-- 9. Retry exactly the failed webhooks a dry run showed (marked rows, or one error group), or none: PX030 one is
--    no longer failed (retried or processed meanwhile), PX036 one left the error group, PX002 one is gone.
--    p_error_group NULL: marked rows, whatever their error; otherwise each must still have exactly that error.
CREATE OR REPLACE FUNCTION payops.retry_webhook_set(p_error_group text, p_ids uuid[], p_idempotency_key text)
    RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, payops, pg_temp AS $fn$
DECLARE
    v_ids uuid[] := ARRAY(SELECT DISTINCT x FROM unnest(p_ids) AS x ORDER BY 1);
    v_request jsonb := jsonb_build_object('error_group', p_error_group, 'webhook_ids', to_jsonb(v_ids));
    v_result jsonb;
    v_row record;
    v_found integer := 0;
BEGIN
    v_result := payops.idempotent_replay(p_idempotency_key, 'webhook.retry_set', v_request);
    IF v_result IS NOT NULL THEN RETURN v_result; END IF;
    IF p_ids IS NULL OR cardinality(v_ids) = 0 OR array_position(v_ids, NULL) IS NOT NULL
       OR (p_error_group IS NOT NULL AND payops.is_blank(p_error_group)) THEN
        RAISE EXCEPTION 'the webhooks to retry are required (and an error group, when given, is not blank)'
            USING ERRCODE = 'PX005';
    END IF;
    BEGIN
        FOR v_row IN SELECT w.id, w.status, w.error_message FROM payops_read.webhooks w
                     WHERE w.id = ANY (v_ids) ORDER BY w.id FOR UPDATE LOOP
            v_found := v_found + 1;
            IF v_row.status IS DISTINCT FROM 'failed' THEN
                RAISE EXCEPTION 'webhook % is % now; only failed webhooks can be retried', v_row.id, v_row.status
                    USING ERRCODE = 'PX030', HINT = 'run the dry run again';
            END IF;
            IF p_error_group IS NOT NULL AND v_row.error_message IS DISTINCT FROM p_error_group THEN
                RAISE EXCEPTION 'webhook % is not in error group %', v_row.id, p_error_group
                    USING ERRCODE = 'PX036', HINT = 'run the dry run again';
            END IF;
        END LOOP;
    EXCEPTION WHEN lock_not_available THEN
        RAISE EXCEPTION 'a webhook of the set is locked by another transaction; nothing was done; try again'
            USING ERRCODE = '55P03';
    END;
    IF v_found <> cardinality(v_ids) THEN
        RAISE EXCEPTION '% of the % webhooks do not exist', cardinality(v_ids) - v_found, cardinality(v_ids)
            USING ERRCODE = 'PX002';
    END IF;
    FOR v_row IN SELECT unnest(v_ids) AS id LOOP
        PERFORM payops_write.retry_webhook(v_row.id);
    END LOOP;
    v_result := jsonb_build_object('error_group', p_error_group, 'count', cardinality(v_ids),
                                   'webhook_ids', to_jsonb(v_ids), 'status', 'pending');
    PERFORM payops.audit('webhook.retry_set', CASE WHEN p_error_group IS NULL THEN 'webhook_set' ELSE 'error_group' END,
                         coalesce(p_error_group, cardinality(v_ids) || ' marked'), NULL, v_request, v_result,
                         p_idempotency_key);
    RETURN v_result;
END
$fn$;
REVOKE ALL ON FUNCTION payops.retry_webhook_set(text, uuid[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payops.retry_webhook_set(text, uuid[], text) TO payops_oncall;
