extension Migration {
    /// Fixes found by the random invariant test (Tests/PaymentDataTests/RandomInvariantTests.swift), as
    /// CREATE OR REPLACE of the functions of migrations 4, 6 and 7 (applied migrations are never edited):
    /// whitespace-only keys, notes, reasons and error groups count as blank (only spaces did); an instant
    /// payout's fee is computed in numeric (a huge amount raised 22003 instead of PX021); a payout key the
    /// platform already used is PX001 (was 23505); block_ip records its expiry in UTC text, so a replay from
    /// another time zone is the same request; reset_outbox refuses a row that was never attempted.
    ///
    ///   code   | meaning
    ///   -------+-------------------------------------------------------------------
    ///   PX037  | reset_outbox: the row was never attempted (attempts 0, no last attempt): nothing to reset
    static let blankAndOverflowFixes = Migration(version: 8, name: "blank inputs, payout overflow, UTC expiry, empty reset", sql: #"""
    -- True for NULL, '' and text made only of whitespace (spaces, tabs, newlines, …).
    CREATE FUNCTION payops.is_blank(p_text text) RETURNS boolean
        LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $fn$
        SELECT p_text IS NULL OR p_text ~ '^[[:space:]]*$'
    $fn$;

    -- The text without leading and trailing whitespace; NULL when nothing is left.
    CREATE FUNCTION payops.trimmed(p_text text) RETURNS text
        LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $fn$
        SELECT nullif(regexp_replace(p_text, '^[[:space:]]+|[[:space:]]+$', '', 'g'), '')
    $fn$;

    -- A timestamptz as ISO 8601 text in UTC, whatever the session's time zone.
    CREATE FUNCTION payops.utc_text(p_at timestamptz) RETURNS text
        LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $fn$
        SELECT to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
    $fn$;

    REVOKE ALL ON FUNCTION payops.is_blank(text), payops.trimmed(text), payops.utc_text(timestamptz) FROM PUBLIC;

    -- Keys made only of whitespace (tabs, newlines) are missing keys too.
    CREATE OR REPLACE FUNCTION payops.idempotent_replay(p_key text, p_action text, p_request jsonb) RETURNS jsonb
        LANGUAGE plpgsql SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
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

    -- A note of tabs or newlines is no note.
    CREATE OR REPLACE FUNCTION payops.refund(p_payment uuid, p_amount bigint, p_reason text, p_note text, p_idempotency_key text)
        RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
    DECLARE
        v_note text := payops.trimmed(p_note);
        v_request jsonb := jsonb_build_object('payment', p_payment, 'amount', p_amount, 'reason', p_reason,
                                              'note', v_note);
        v_result jsonb;
        v_pay payment_transactions%ROWTYPE;
        v_refunded bigint;
        v_refund uuid;
    BEGIN
        v_result := payops.idempotent_replay(p_idempotency_key, 'refund', v_request);
        IF v_result IS NOT NULL THEN RETURN v_result; END IF;
        IF p_payment IS NULL THEN
            RAISE EXCEPTION 'a payment id is required' USING ERRCODE = 'PX005';
        END IF;
        SELECT * INTO v_pay FROM payment_transactions WHERE id = p_payment FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'payment % not found', p_payment USING ERRCODE = 'PX002';
        END IF;
        IF v_pay.status NOT IN ('completed', 'partially_refunded') THEN
            RAISE EXCEPTION 'payment % is %; only completed or partially refunded payments can be refunded',
                p_payment, v_pay.status USING ERRCODE = 'PX010';
        END IF;
        IF p_amount IS NULL OR p_amount <= 0 THEN
            RAISE EXCEPTION 'refund amount must be positive' USING ERRCODE = 'PX011';
        END IF;
        IF p_reason IS NULL OR p_reason NOT IN ('duplicate', 'fraudulent', 'requested_by_customer', 'other') THEN
            RAISE EXCEPTION 'unknown refund reason %', coalesce(p_reason, 'NULL')
                USING ERRCODE = 'PX013', HINT = 'duplicate, fraudulent, requested_by_customer or other';
        END IF;
        IF p_reason = 'other' AND v_note IS NULL THEN
            RAISE EXCEPTION 'reason "other" needs a note' USING ERRCODE = 'PX014';
        END IF;
        SELECT coalesce(sum(amount), 0) INTO v_refunded
            FROM payment_refunds WHERE transaction_id = p_payment AND status <> 'failed';
        IF p_amount > v_pay.amount - v_refunded THEN
            RAISE EXCEPTION 'refund of % exceeds the refundable remainder % of payment %',
                p_amount, v_pay.amount - v_refunded, p_payment
                USING ERRCODE = 'PX012',
                      DETAIL = format('amount %s, already refunded or pending %s', v_pay.amount, v_refunded);
        END IF;

        INSERT INTO payment_refunds (transaction_id, amount, reason, status, metadata, idempotency_key, tenant_id)
        VALUES (p_payment, p_amount, p_reason, 'pending',
                jsonb_strip_nulls(jsonb_build_object('note', v_note, 'operator', session_user)),
                p_idempotency_key, v_pay.tenant_id)
        RETURNING id INTO v_refund;
        v_result := jsonb_build_object(
            'refund_id', v_refund, 'payment_id', p_payment, 'amount', p_amount, 'currency', v_pay.currency,
            'status', 'pending', 'refundable_before', v_pay.amount - v_refunded,
            'refundable_after', v_pay.amount - v_refunded - p_amount);
        INSERT INTO payment_events (payment_id, event_type, payload)
        VALUES (p_payment, 'refund.requested', jsonb_strip_nulls(jsonb_build_object(
            'refund_id', v_refund, 'amount', p_amount, 'currency', v_pay.currency, 'reason', p_reason,
            'note', v_note, 'operator', session_user)));
        INSERT INTO outbox (aggregate_id, aggregate_type, event_type, payload, tenant_id)
        VALUES (p_payment, 'refund', 'refund.requested', jsonb_build_object(
            'refund_id', v_refund, 'payment_id', p_payment, 'amount', p_amount, 'currency', v_pay.currency,
            'reason', p_reason, 'operator', session_user), v_pay.tenant_id);
        PERFORM payops.audit('refund', 'payment', p_payment::text,
                             p_reason || coalesce(': ' || v_note, ''), v_request, v_result, p_idempotency_key);
        RETURN v_result;
    END
    $fn$;

    -- Fee and payable check in numeric (an instant payout near 2^63 raised 22003); a key the platform
    -- already used for a payout is PX001, not a unique violation.
    CREATE OR REPLACE FUNCTION payops.request_payout(p_venue uuid, p_amount bigint, p_instant boolean, p_idempotency_key text)
        RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
    DECLARE
        v_request jsonb := jsonb_build_object('venue', p_venue, 'amount', p_amount, 'instant', p_instant);
        v_result jsonb;
        v_currency text;
        v_available bigint;
        v_reserved bigint;
        v_fee bigint;
        v_fee_exact numeric;
        v_payout uuid;
    BEGIN
        v_result := payops.idempotent_replay(p_idempotency_key, 'payout.request', v_request);
        IF v_result IS NOT NULL THEN RETURN v_result; END IF;
        -- venue_payouts.idempotency_key is UNIQUE and the platform writes keys there too.
        IF EXISTS (SELECT 1 FROM venue_payouts WHERE idempotency_key = p_idempotency_key) THEN
            RAISE EXCEPTION 'idempotency key % was already used for another payout', p_idempotency_key
                USING ERRCODE = 'PX001', HINT = 'open the form again to get a new key';
        END IF;
        IF p_venue IS NULL OR p_amount IS NULL OR p_instant IS NULL THEN
            RAISE EXCEPTION 'venue, amount and instant are required' USING ERRCODE = 'PX005';
        END IF;
        SELECT currency INTO v_currency FROM venues WHERE id = p_venue;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'venue % not found', p_venue USING ERRCODE = 'PX002';
        END IF;
        IF p_amount < 10000 THEN
            RAISE EXCEPTION 'payout of % is below the minimum of 10000 cents', p_amount USING ERRCODE = 'PX020';
        END IF;
        PERFORM 1 FROM venue_balances WHERE venue_id = p_venue ORDER BY balance_type FOR UPDATE;
        SELECT coalesce(sum(amount) FILTER (WHERE balance_type = 'available'), 0),
               coalesce(sum(amount) FILTER (WHERE balance_type = 'reserved'), 0)
            INTO v_available, v_reserved FROM venue_balances WHERE venue_id = p_venue;
        -- In numeric: a huge amount is refused as over payable, never overflows bigint.
        v_fee_exact := CASE WHEN p_instant THEN floor((p_amount::numeric * 100 + 5000) / 10000) ELSE 0 END;
        IF p_amount::numeric + v_fee_exact > v_available - v_reserved THEN
            RAISE EXCEPTION 'payout of % plus fee % exceeds payable %', p_amount, v_fee_exact, v_available - v_reserved
                USING ERRCODE = 'PX021';
        END IF;
        v_fee := v_fee_exact::bigint;
        INSERT INTO venue_payouts (venue_id, amount, fee, currency, instant, status, requested_by, idempotency_key)
        VALUES (p_venue, p_amount, v_fee, v_currency, p_instant, 'requested', session_user, p_idempotency_key)
        RETURNING id INTO v_payout;
        v_result := jsonb_build_object('payout_id', v_payout, 'venue_id', p_venue, 'amount', p_amount, 'fee', v_fee,
                                       'currency', v_currency, 'instant', p_instant, 'status', 'requested');
        PERFORM payops.audit('payout.request', 'venue', p_venue::text, NULL, v_request, v_result, p_idempotency_key);
        RETURN v_result;
    END
    $fn$;

    -- A reason of whitespace is no reason.
    CREATE OR REPLACE FUNCTION payops.reject_payout(p_payout uuid, p_reason text, p_idempotency_key text)
        RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
    DECLARE
        v_reason text := payops.trimmed(p_reason);
        v_request jsonb := jsonb_build_object('payout', p_payout, 'reason', v_reason);
        v_result jsonb;
        v_p venue_payouts%ROWTYPE;
    BEGIN
        v_result := payops.idempotent_replay(p_idempotency_key, 'payout.reject', v_request);
        IF v_result IS NOT NULL THEN RETURN v_result; END IF;
        IF p_payout IS NULL THEN
            RAISE EXCEPTION 'a payout id is required' USING ERRCODE = 'PX005';
        END IF;
        IF v_reason IS NULL THEN
            RAISE EXCEPTION 'rejecting a payout needs a reason' USING ERRCODE = 'PX003';
        END IF;
        v_p := payops.lock_decidable_payout(p_payout, 'reject', 'another finance operator must decide');
        UPDATE venue_payouts SET status = 'rejected', decided_by = session_user, decided_at = now(),
                                 decision_reason = v_reason
            WHERE id = p_payout;
        v_result := jsonb_build_object('payout_id', p_payout, 'venue_id', v_p.venue_id, 'amount', v_p.amount,
                                       'status', 'rejected', 'reason', v_reason);
        PERFORM payops.audit('payout.reject', 'payout', p_payout::text, v_reason, v_request, v_result,
                             p_idempotency_key);
        RETURN v_result;
    END
    $fn$;

    -- The expiry is recorded in UTC text, so a replay from a session in another time zone is the same
    -- request (jsonb wrote timestamptz in the session's zone, and the retry was refused as PX001).
    CREATE OR REPLACE FUNCTION payops.block_ip(p_network cidr, p_reason text, p_expires_at timestamptz, p_idempotency_key text)
        RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
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

    -- A reason of whitespace is no reason.
    CREATE OR REPLACE FUNCTION payops.unblock_ip(p_network cidr, p_reason text, p_idempotency_key text)
        RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
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

    -- An error group of whitespace is no group.
    CREATE OR REPLACE FUNCTION payops.requeue_dead_letters(p_error_group text, p_dry_run boolean, p_idempotency_key text)
        RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
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
        IF p_dry_run THEN
            SELECT coalesce(array_agg(id ORDER BY id), '{}') INTO v_ids FROM outbox_dlq
                WHERE requeued_at IS NULL AND last_error = p_error_group;
            RETURN jsonb_build_object('dry_run', true, 'error_group', p_error_group,
                                      'count', cardinality(v_ids), 'dead_letter_ids', to_jsonb(v_ids));
        END IF;
        SELECT coalesce(array_agg(id ORDER BY id), '{}') INTO v_ids FROM (
            SELECT id FROM outbox_dlq WHERE requeued_at IS NULL AND last_error = p_error_group
            ORDER BY id FOR UPDATE) locked;
        IF cardinality(v_ids) = 0 THEN
            RAISE EXCEPTION 'no waiting dead letters with error %', p_error_group USING ERRCODE = 'PX033';
        END IF;
        FOREACH v_id IN ARRAY v_ids LOOP
            v_outbox := v_outbox || payops.requeue_one(v_id);
        END LOOP;
        v_result := jsonb_build_object('dry_run', false, 'error_group', p_error_group, 'count', cardinality(v_ids),
                                       'dead_letter_ids', to_jsonb(v_ids), 'outbox_ids', to_jsonb(v_outbox));
        PERFORM payops.audit('dlq.requeue_group', 'error_group', p_error_group, NULL, v_request, v_result,
                             p_idempotency_key);
        RETURN v_result;
    END
    $fn$;

    -- An error group of whitespace is no group.
    CREATE OR REPLACE FUNCTION payops.requeue_dead_letter_set(p_error_group text, p_ids bigint[], p_idempotency_key text)
        RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
    DECLARE
        v_ids bigint[] := ARRAY(SELECT DISTINCT unnest(p_ids) ORDER BY 1);
        v_request jsonb := jsonb_build_object('error_group', p_error_group, 'dead_letter_ids', to_jsonb(v_ids));
        v_result jsonb;
        v_outbox bigint[] := '{}';
        v_row record;
        v_found integer := 0;
    BEGIN
        v_result := payops.idempotent_replay(p_idempotency_key, 'dlq.requeue_group', v_request);
        IF v_result IS NOT NULL THEN RETURN v_result; END IF;
        IF payops.is_blank(p_error_group) OR p_ids IS NULL OR cardinality(v_ids) = 0
           OR array_position(v_ids, NULL) IS NOT NULL THEN
            RAISE EXCEPTION 'an error group and the dead letters to requeue are required' USING ERRCODE = 'PX005';
        END IF;
        FOR v_row IN SELECT id, last_error, requeued_at FROM outbox_dlq WHERE id = ANY (v_ids) ORDER BY id FOR UPDATE LOOP
            v_found := v_found + 1;
            IF v_row.requeued_at IS NOT NULL THEN
                RAISE EXCEPTION 'dead letter % was requeued meanwhile, at %', v_row.id, v_row.requeued_at
                    USING ERRCODE = 'PX031', HINT = 'run the dry run again';
            END IF;
            IF v_row.last_error IS DISTINCT FROM p_error_group THEN
                RAISE EXCEPTION 'dead letter % is not in error group %', v_row.id, p_error_group USING ERRCODE = 'PX036';
            END IF;
        END LOOP;
        IF v_found <> cardinality(v_ids) THEN
            RAISE EXCEPTION '% of the % dead letters do not exist', cardinality(v_ids) - v_found, cardinality(v_ids)
                USING ERRCODE = 'PX002';
        END IF;
        FOR v_row IN SELECT unnest(v_ids) AS id LOOP
            v_outbox := v_outbox || payops.requeue_one(v_row.id);
        END LOOP;
        v_result := jsonb_build_object('dry_run', false, 'error_group', p_error_group, 'count', cardinality(v_ids),
                                       'dead_letter_ids', to_jsonb(v_ids), 'outbox_ids', to_jsonb(v_outbox));
        PERFORM payops.audit('dlq.requeue_group', 'error_group', p_error_group, NULL, v_request, v_result,
                             p_idempotency_key);
        RETURN v_result;
    END
    $fn$;

    -- Resetting a row that was never attempted changed nothing yet wrote an audit row: refused now.
    CREATE OR REPLACE FUNCTION payops.reset_outbox(p_outbox bigint, p_idempotency_key text)
        RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
    DECLARE
        v_request jsonb := jsonb_build_object('outbox', p_outbox);
        v_result jsonb;
        v_row outbox%ROWTYPE;
    BEGIN
        v_result := payops.idempotent_replay(p_idempotency_key, 'outbox.reset', v_request);
        IF v_result IS NOT NULL THEN RETURN v_result; END IF;
        IF p_outbox IS NULL THEN
            RAISE EXCEPTION 'an outbox id is required' USING ERRCODE = 'PX005';
        END IF;
        SELECT * INTO v_row FROM outbox WHERE id = p_outbox FOR UPDATE;
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
        UPDATE outbox SET attempts = 0, last_attempt_at = NULL WHERE id = p_outbox;
        v_result := jsonb_build_object('outbox_id', p_outbox, 'event_type', v_row.event_type,
                                       'previous_attempts', v_row.attempts,
                                       'previous_attempt_at', v_row.last_attempt_at,
                                       'last_error', v_row.last_error);
        PERFORM payops.audit('outbox.reset', 'outbox', p_outbox::text, NULL, v_request, v_result,
                             p_idempotency_key);
        RETURN v_result;
    END
    $fn$;
    """#)
}
