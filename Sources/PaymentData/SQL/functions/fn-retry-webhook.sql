-- 5. Retry a failed webhook: back to pending for the platform's webhook worker.
CREATE OR REPLACE FUNCTION payops.retry_webhook(p_webhook uuid, p_idempotency_key text)
    RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, payops, pg_temp AS $fn$
DECLARE
    v_request jsonb := jsonb_build_object('webhook', p_webhook);
    v_result jsonb;
    v_status text;
    v_error text;
BEGIN
    v_result := payops.idempotent_replay(p_idempotency_key, 'webhook.retry', v_request);
    IF v_result IS NOT NULL THEN RETURN v_result; END IF;
    IF p_webhook IS NULL THEN
        RAISE EXCEPTION 'a webhook id is required' USING ERRCODE = 'PX005';
    END IF;
    BEGIN
        SELECT status, error_message INTO v_status, v_error FROM payops_read.webhooks WHERE id = p_webhook FOR UPDATE;
    EXCEPTION WHEN lock_not_available THEN
        RAISE EXCEPTION 'webhook % is locked by another transaction; nothing was done; try again', left(p_webhook::text, 8)
            USING ERRCODE = '55P03';
    END;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'webhook % not found', p_webhook USING ERRCODE = 'PX002';
    END IF;
    IF v_status <> 'failed' THEN
        RAISE EXCEPTION 'webhook % is %; only failed webhooks can be retried', p_webhook, v_status
            USING ERRCODE = 'PX030';
    END IF;
    PERFORM payops_write.retry_webhook(p_webhook);
    v_result := jsonb_build_object('webhook_id', p_webhook, 'status', 'pending', 'previous_error', v_error);
    PERFORM payops.audit('webhook.retry', 'webhook', p_webhook::text, NULL, v_request, v_result,
                         p_idempotency_key);
    RETURN v_result;
END
$fn$;
REVOKE ALL ON FUNCTION payops.retry_webhook(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payops.retry_webhook(uuid, text) TO payops_oncall;
