extension Migration {
    /// The write path: one SECURITY DEFINER function per operator action, each locking, validating,
    /// writing and auditing in the caller's single transaction; EXECUTE granted per group.
    static let operatorActions = Migration(version: 4, name: "operator actions", sql: #"""
    -- Error codes raised by the operator-action functions (SQLSTATE, class PX = payops refusals).
    -- A refusal raises, so the whole call rolls back: a refused action writes nothing at all.
    --
    --   code   | raised by                              | meaning
    --   -------+----------------------------------------+-------------------------------------------------
    --   PX001  | every action                           | idempotency key reused with a different action or request
    --   PX002  | every action with a target             | target not found (payment, venue, payout, webhook, dead letter)
    --   PX003  | reject_payout, block_ip, unblock_ip    | a reason is required (null or blank)
    --   PX004  | every action                           | an idempotency key is required (null or blank)
    --   PX005  | every action                           | a required argument is null (or the error group is blank)
    --   PX010  | refund                                 | payment status is not completed / partially_refunded
    --   PX011  | refund                                 | refund amount must be > 0
    --   PX012  | refund                                 | amount + refunds not failed would exceed the payment amount
    --   PX013  | refund                                 | unknown reason code (duplicate, fraudulent, requested_by_customer, other)
    --   PX014  | refund                                 | reason "other" needs a non-empty note
    --   PX020  | request_payout                         | amount below the minimum payout (10000 cents = $100.00)
    --   PX021  | request_payout, approve_payout         | amount + fee exceeds payable (available - reserved)
    --   PX022  | approve_payout, reject_payout          | payout is not in status "requested"
    --   PX023  | approve_payout, reject_payout          | four-eyes: the requester may not decide their own payout
    --   PX024  | approve_payout                         | venue's approved+paid payouts this UTC day would exceed 5,000,000 cents
    --   PX030  | retry_webhook                          | webhook is not in status "failed"
    --   PX031  | requeue_dead_letter                    | dead letter was already requeued
    --   PX033  | requeue_dead_letters (not dry run)     | no waiting dead letters in that error group
    --   PX041  | block_ip                               | expiry is not in the future
    --   PX042  | unblock_ip                             | network is not on the blocklist
    --   PX043  | block_ip                               | network is already blocked (and not expired)
    --   PX050  | create_operator                        | unknown group (viewer, support, finance, oncall)
    --   PX051  | create_operator                        | invalid operator name (blank, pg_*, payops_*, or a group/superuser role)
    --   42501  | create_operator; any function          | caller is not a superuser / lacks EXECUTE (PostgreSQL's own)
    --   23514  | approve_payout (backstop only)         | balance CHECK (amount >= 0) — cannot happen after PX021
    --
    -- Idempotency: every action takes pg_advisory_xact_lock(hashtext(key)) and then looks the key up in
    -- payops.operator_actions: same action and same request → the stored result, nothing done again;
    -- otherwise PX001. The dry run of requeue_dead_letters neither checks nor consumes its key.

    -- Looks up an idempotency key under its advisory lock. NULL: the key is new; otherwise the first result.
    CREATE FUNCTION payops.idempotent_replay(p_key text, p_action text, p_request jsonb) RETURNS jsonb
        LANGUAGE plpgsql SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
    DECLARE
        v_action text;
        v_request jsonb;
        v_result jsonb;
    BEGIN
        IF p_key IS NULL OR btrim(p_key) = '' THEN
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

    -- Writes the one audit row of a successful action.
    CREATE FUNCTION payops.audit(p_action text, p_target_type text, p_target_id text, p_reason text,
                                 p_request jsonb, p_result jsonb, p_key text) RETURNS void
        LANGUAGE sql SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
        INSERT INTO payops.operator_actions (operator, action, target_type, target_id, reason, request, result,
                                             idempotency_key)
        VALUES (session_user, p_action, p_target_type, p_target_id, p_reason, p_request, p_result, p_key);
    $fn$;

    -- Locks a payout that is about to be decided and enforces what approving and rejecting share: it
    -- exists, it is still requested, and the decider is not the requester (four-eyes, no superuser
    -- exception). One place for the rule, so approve and reject cannot drift apart.
    CREATE FUNCTION payops.lock_decidable_payout(p_payout uuid, p_verb text, p_hint text) RETURNS venue_payouts
        LANGUAGE plpgsql SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
    DECLARE
        v_p venue_payouts%ROWTYPE;
    BEGIN
        SELECT * INTO v_p FROM venue_payouts WHERE id = p_payout FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'payout % not found', p_payout USING ERRCODE = 'PX002';
        END IF;
        IF v_p.status <> 'requested' THEN
            RAISE EXCEPTION 'payout % is %, not requested', p_payout, v_p.status USING ERRCODE = 'PX022';
        END IF;
        IF v_p.requested_by = session_user THEN
            RAISE EXCEPTION 'four-eyes: % requested payout % and may not % it', session_user, p_payout, p_verb
                USING ERRCODE = 'PX023', HINT = p_hint;
        END IF;
        RETURN v_p;
    END
    $fn$;

    -- 1. Refund (full or partial). Writes a pending refund; the payment service completes it and moves
    --    payment_transactions.status, so the payment's status is deliberately left alone here.
    CREATE FUNCTION payops.refund(p_payment uuid, p_amount bigint, p_reason text, p_note text, p_idempotency_key text)
        RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
    DECLARE
        v_note text := nullif(btrim(p_note), '');
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

    -- 2. Payout request. Fee: instant payouts cost 1 % (100 basis points, half-up, integer cents).
    CREATE FUNCTION payops.request_payout(p_venue uuid, p_amount bigint, p_instant boolean, p_idempotency_key text)
        RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
    DECLARE
        v_request jsonb := jsonb_build_object('venue', p_venue, 'amount', p_amount, 'instant', p_instant);
        v_result jsonb;
        v_currency text;
        v_available bigint;
        v_reserved bigint;
        v_fee bigint;
        v_payout uuid;
    BEGIN
        v_result := payops.idempotent_replay(p_idempotency_key, 'payout.request', v_request);
        IF v_result IS NOT NULL THEN RETURN v_result; END IF;
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
        v_fee := CASE WHEN p_instant THEN (p_amount * 100 + 5000) / 10000 ELSE 0 END;
        IF p_amount + v_fee > v_available - v_reserved THEN
            RAISE EXCEPTION 'payout of % plus fee % exceeds payable %', p_amount, v_fee, v_available - v_reserved
                USING ERRCODE = 'PX021';
        END IF;
        INSERT INTO venue_payouts (venue_id, amount, fee, currency, instant, status, requested_by, idempotency_key)
        VALUES (p_venue, p_amount, v_fee, v_currency, p_instant, 'requested', session_user, p_idempotency_key)
        RETURNING id INTO v_payout;
        v_result := jsonb_build_object('payout_id', v_payout, 'venue_id', p_venue, 'amount', p_amount, 'fee', v_fee,
                                       'currency', v_currency, 'instant', p_instant, 'status', 'requested');
        PERFORM payops.audit('payout.request', 'venue', p_venue::text, NULL, v_request, v_result, p_idempotency_key);
        RETURN v_result;
    END
    $fn$;

    -- 3. Payout approval: four-eyes, daily limit, payable re-checked; debits available, stamps last_payout_at.
    CREATE FUNCTION payops.approve_payout(p_payout uuid, p_idempotency_key text)
        RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
    DECLARE
        v_request jsonb := jsonb_build_object('payout', p_payout);
        v_result jsonb;
        v_p venue_payouts%ROWTYPE;
        v_available bigint;
        v_reserved bigint;
        v_today bigint;
        v_day_start timestamptz := date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    BEGIN
        v_result := payops.idempotent_replay(p_idempotency_key, 'payout.approve', v_request);
        IF v_result IS NOT NULL THEN RETURN v_result; END IF;
        IF p_payout IS NULL THEN
            RAISE EXCEPTION 'a payout id is required' USING ERRCODE = 'PX005';
        END IF;
        v_p := payops.lock_decidable_payout(p_payout, 'approve', 'another finance operator must approve');
        -- Locking the venue's balances serialises every approval of the venue (daily limit and payable).
        PERFORM 1 FROM venue_balances WHERE venue_id = v_p.venue_id ORDER BY balance_type FOR UPDATE;
        SELECT coalesce(sum(amount), 0) INTO v_today FROM venue_payouts
            WHERE venue_id = v_p.venue_id AND status IN ('approved', 'paid')
              AND decided_at >= v_day_start AND decided_at < v_day_start + interval '1 day';
        IF v_today + v_p.amount > 5000000 THEN
            RAISE EXCEPTION 'approving % would bring the venue''s approved payouts today to %, over the 5000000 limit',
                v_p.amount, v_today + v_p.amount USING ERRCODE = 'PX024';
        END IF;
        SELECT coalesce(sum(amount) FILTER (WHERE balance_type = 'available'), 0),
               coalesce(sum(amount) FILTER (WHERE balance_type = 'reserved'), 0)
            INTO v_available, v_reserved FROM venue_balances WHERE venue_id = v_p.venue_id;
        IF v_p.amount + v_p.fee > v_available - v_reserved THEN
            RAISE EXCEPTION 'payout of % plus fee % exceeds payable % at approval', v_p.amount, v_p.fee,
                v_available - v_reserved USING ERRCODE = 'PX021';
        END IF;
        UPDATE venue_payouts SET status = 'approved', decided_by = session_user, decided_at = now()
            WHERE id = p_payout;
        UPDATE venue_balances SET amount = amount - (v_p.amount + v_p.fee), updated_at = now()
            WHERE venue_id = v_p.venue_id AND balance_type = 'available';
        UPDATE venue_balances SET last_payout_at = now(), updated_at = now() WHERE venue_id = v_p.venue_id;
        v_result := jsonb_build_object('payout_id', p_payout, 'venue_id', v_p.venue_id, 'amount', v_p.amount,
                                       'fee', v_p.fee, 'currency', v_p.currency, 'status', 'approved',
                                       'available_after', v_available - v_p.amount - v_p.fee,
                                       'approved_today', v_today + v_p.amount);
        PERFORM payops.audit('payout.approve', 'payout', p_payout::text, NULL, v_request, v_result, p_idempotency_key);
        RETURN v_result;
    END
    $fn$;

    -- 4. Payout rejection: needs a reason; the requester may not reject their own request either.
    CREATE FUNCTION payops.reject_payout(p_payout uuid, p_reason text, p_idempotency_key text)
        RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
    DECLARE
        v_reason text := nullif(btrim(p_reason), '');
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

    -- 5. Webhook retry: failed → pending. The last error_message and attempts are kept as history.
    CREATE FUNCTION payops.retry_webhook(p_webhook uuid, p_idempotency_key text)
        RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
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
        SELECT status, error_message INTO v_status, v_error FROM webhook_inbox WHERE id = p_webhook FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'webhook % not found', p_webhook USING ERRCODE = 'PX002';
        END IF;
        IF v_status <> 'failed' THEN
            RAISE EXCEPTION 'webhook % is %; only failed webhooks can be retried', p_webhook, v_status
                USING ERRCODE = 'PX030';
        END IF;
        UPDATE webhook_inbox SET status = 'pending', updated_at = now() WHERE id = p_webhook;
        v_result := jsonb_build_object('webhook_id', p_webhook, 'status', 'pending', 'previous_error', v_error);
        PERFORM payops.audit('webhook.retry', 'webhook', p_webhook::text, NULL, v_request, v_result,
                             p_idempotency_key);
        RETURN v_result;
    END
    $fn$;

    -- Copies one locked, waiting dead letter back into the outbox and stamps it; returns the outbox id.
    CREATE FUNCTION payops.requeue_one(p_dead_letter bigint) RETURNS bigint
        LANGUAGE plpgsql SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
    DECLARE
        v_outbox bigint;
    BEGIN
        INSERT INTO outbox (aggregate_id, aggregate_type, event_type, payload, attempts)
        SELECT aggregate_id, aggregate_type, event_type, payload, 0 FROM outbox_dlq WHERE id = p_dead_letter
        RETURNING id INTO v_outbox;
        UPDATE outbox_dlq SET requeued_at = now(), requeued_by = session_user, requeued_outbox_id = v_outbox
            WHERE id = p_dead_letter;
        RETURN v_outbox;
    END
    $fn$;

    -- 6a. Requeue one dead letter (never deleted; stamped requeued_at/by/outbox id).
    CREATE FUNCTION payops.requeue_dead_letter(p_dead_letter bigint, p_idempotency_key text)
        RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
    DECLARE
        v_request jsonb := jsonb_build_object('dead_letter', p_dead_letter);
        v_result jsonb;
        v_requeued timestamptz;
        v_outbox bigint;
    BEGIN
        v_result := payops.idempotent_replay(p_idempotency_key, 'dlq.requeue', v_request);
        IF v_result IS NOT NULL THEN RETURN v_result; END IF;
        IF p_dead_letter IS NULL THEN
            RAISE EXCEPTION 'a dead letter id is required' USING ERRCODE = 'PX005';
        END IF;
        SELECT requeued_at INTO v_requeued FROM outbox_dlq WHERE id = p_dead_letter FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'dead letter % not found', p_dead_letter USING ERRCODE = 'PX002';
        END IF;
        IF v_requeued IS NOT NULL THEN
            RAISE EXCEPTION 'dead letter % was already requeued at %', p_dead_letter, v_requeued
                USING ERRCODE = 'PX031';
        END IF;
        v_outbox := payops.requeue_one(p_dead_letter);
        v_result := jsonb_build_object('dead_letter_id', p_dead_letter, 'outbox_id', v_outbox);
        PERFORM payops.audit('dlq.requeue', 'dead_letter', p_dead_letter::text, NULL, v_request, v_result,
                             p_idempotency_key);
        RETURN v_result;
    END
    $fn$;

    -- 6b. Requeue every waiting dead letter whose last_error is the error group. A dry run returns what
    --     it would touch and writes nothing (it neither checks nor consumes the idempotency key).
    CREATE FUNCTION payops.requeue_dead_letters(p_error_group text, p_dry_run boolean, p_idempotency_key text)
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
        IF p_error_group IS NULL OR btrim(p_error_group) = '' THEN
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

    -- 7a. Block an IP or CIDR with a reason and an optional expiry (an expired entry is replaced).
    CREATE FUNCTION payops.block_ip(p_network cidr, p_reason text, p_expires_at timestamptz, p_idempotency_key text)
        RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
    DECLARE
        v_reason text := nullif(btrim(p_reason), '');
        v_request jsonb := jsonb_build_object('network', p_network::text, 'reason', v_reason,
                                              'expires_at', p_expires_at);
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
        v_result := jsonb_build_object('network', p_network::text, 'blocked', true, 'expires_at', p_expires_at,
                                       'replaced_expired', v_old.network IS NOT NULL);
        PERFORM payops.audit('ip.block', 'network', p_network::text, v_reason, v_request, v_result,
                             p_idempotency_key);
        RETURN v_result;
    END
    $fn$;

    -- 7b. Unblock: removes the blocklist entry (the audit log keeps who blocked and unblocked, and why).
    CREATE FUNCTION payops.unblock_ip(p_network cidr, p_reason text, p_idempotency_key text)
        RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
    DECLARE
        v_reason text := nullif(btrim(p_reason), '');
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

    -- Makes a login role for a person in one group (viewer, support, finance, oncall; "payops_" optional).
    -- No password: operators authenticate as the cluster is configured (peer, cert, ~/.pgpass set by a DBA).
    -- Superusers only. Running it again for an existing operator adds the group.
    -- Equivalent SQL: CREATE ROLE alice LOGIN; GRANT payops_finance TO alice;
    CREATE FUNCTION payops.create_operator(p_name text, p_group text)
        RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, payops, pg_temp AS $fn$
    DECLARE
        v_group text := 'payops_' || regexp_replace(lower(btrim(coalesce(p_group, ''))), '^payops_', '');
        v_created boolean := false;
    BEGIN
        IF NOT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false) THEN
            RAISE EXCEPTION 'only a superuser may create operators' USING ERRCODE = '42501';
        END IF;
        IF v_group NOT IN ('payops_viewer', 'payops_support', 'payops_finance', 'payops_oncall') THEN
            RAISE EXCEPTION 'unknown group %', p_group
                USING ERRCODE = 'PX050', HINT = 'viewer, support, finance or oncall';
        END IF;
        IF p_name IS NULL OR btrim(p_name) = '' OR p_name <> btrim(p_name) OR p_name ~* '^(pg_|payops_)'
           OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name AND rolsuper) THEN
            RAISE EXCEPTION 'invalid operator name %', coalesce(p_name, 'NULL') USING ERRCODE = 'PX051';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name) THEN
            EXECUTE format('CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE', p_name);
            v_created := true;
        END IF;
        EXECUTE format('GRANT %I TO %I', v_group, p_name);
        RETURN jsonb_build_object('operator', p_name, 'group', v_group, 'created', v_created);
    END
    $fn$;

    -- Nobody but the owner (and superusers) may run any of these by default; then each group its own.
    REVOKE ALL ON FUNCTION payops.idempotent_replay(text, text, jsonb),
        payops.audit(text, text, text, text, jsonb, jsonb, text),
        payops.requeue_one(bigint),
        payops.lock_decidable_payout(uuid, text, text),
        payops.refund(uuid, bigint, text, text, text),
        payops.request_payout(uuid, bigint, boolean, text),
        payops.approve_payout(uuid, text),
        payops.reject_payout(uuid, text, text),
        payops.retry_webhook(uuid, text),
        payops.requeue_dead_letter(bigint, text),
        payops.requeue_dead_letters(text, boolean, text),
        payops.block_ip(cidr, text, timestamptz, text),
        payops.unblock_ip(cidr, text, text),
        payops.create_operator(text, text) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION payops.refund(uuid, bigint, text, text, text),
        payops.block_ip(cidr, text, timestamptz, text),
        payops.unblock_ip(cidr, text, text) TO payops_support;
    GRANT EXECUTE ON FUNCTION payops.request_payout(uuid, bigint, boolean, text),
        payops.approve_payout(uuid, text),
        payops.reject_payout(uuid, text, text) TO payops_finance;
    GRANT EXECUTE ON FUNCTION payops.retry_webhook(uuid, text),
        payops.requeue_dead_letter(bigint, text),
        payops.requeue_dead_letters(text, boolean, text) TO payops_oncall;

    -- No group may create objects in public or payops; tables the migrating role creates later are
    -- readable by viewers and writable by nobody (PUBLIC holds no table privileges by default, and no
    -- group is granted any). Functions created later must REVOKE EXECUTE FROM PUBLIC themselves, as above.
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    REVOKE CREATE ON SCHEMA payops FROM PUBLIC;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public, payops GRANT SELECT ON TABLES TO payops_viewer;
    """#)
}
