-- How payops' actions write on the wallets platform (seed 003): the hooks the action functions in SQL/functions
-- call after they have locked and validated through the read model. Both schemas (wallets-fixture.sql and
-- wallets-variant-fixture.sql) take the same statements: row variables have the table's own types (TEXT or UUID
-- ids, DECIMAL(12,2) or DECIMAL(65,30)), labels are written as literals (an enum and a TEXT + CHECK column take
-- the same literal), new ids are gen_random_uuid() (a UUID column takes it, a TEXT one its text), and times are
-- written under `SET TimeZone = {{tz}}`, so that a zone-less TIMESTAMP(3) gets the platform's own UTC wall-clock
-- time and a TIMESTAMPTZ the instant. Where the variant has wallets.version (optimistic locking), every balance
-- change bumps it, as the platform's own writes must.
--
-- Money moves the platform's way: one wallet row updated and one COMPLETED ledger row written per wallet, with
-- balance_before read from the wallet row locked FOR UPDATE in the same transaction (so concurrent writers queue
-- instead of losing an update), balance_after = balance_before ± amount (credit for DEPOSIT, EARNING, REFUND; debit
-- for WITHDRAWAL, PAYMENT). Nothing here updates or deletes a ledger row (the variant's trigger would refuse).
--   * A refund of a wallet-paid order, completed at once: the merchant's wallet is debited (a PAYMENT row) and the
--     buyer's credited (a REFUND row), both referencing the order as the platform's own purchase rows do
--     (reference_type 'order', reference_id = the order's idempotency_key); an order refunded in full becomes
--     REFUNDED. Gateway (Stripe) orders are refused: a card refund goes through Stripe, which payops cannot reach.
--   * An approved payout debits the merchant's wallet with a WITHDRAWAL row (reference_type 'payout', reference_id
--     = the payops payout request). Payout requests and their four-eyes decisions live in payops.payout_requests.
-- The platform has no payment_events, outbox, webhook inbox or dead letters: record_event and emit write nothing
-- (the refund's ledger rows are its record), and the queue actions are refused with PX060.

-- Moves money on one wallet (the caller holds its row lock and passes the row as read after locking): the new
-- balance on the wallet row and one COMPLETED ledger row. Returns the ledger row's id as text. The row's time is
-- clock_timestamp(), taken under the wallet's lock, not now() (the transaction's start): so a wallet's rows are in
-- created_at order exactly as they chain (balance_before = the previous row's balance_after), which the "wallet
-- balance = its last ledger row" alarm relies on; two transactions that queue for one wallet would otherwise stamp
-- their rows in the order they started, not the order they wrote.
CREATE FUNCTION payops_write.move(p_wallet public.wallets, p_type text, p_amount numeric, p_description text,
                                  p_reference_type text, p_reference_id text, p_metadata jsonb) RETURNS text
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp SET TimeZone = {{tz}} AS $fn$
DECLARE
    v_after numeric := p_wallet.balance
        + CASE WHEN p_type IN ('DEPOSIT', 'EARNING', 'REFUND') THEN p_amount ELSE -p_amount END;
    v_id text;
BEGIN
    UPDATE wallets SET balance = v_after, updated_at = clock_timestamp() WHERE id = p_wallet.id;
    IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'public.wallets'::regclass AND attname = 'version'
               AND NOT attisdropped) THEN
        EXECUTE 'UPDATE wallets SET version = version + 1 WHERE id = $1' USING p_wallet.id;
    END IF;
    -- The labels go in as literals (%L), so that an enum column and a text one both take them.
    EXECUTE format('INSERT INTO wallet_transactions (id, type, status, amount, balance_before, balance_after, currency,
                        description, reference_type, reference_id, metadata, created_at, updated_at, wallet_id)
                    VALUES (gen_random_uuid(), %L, %L, $1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp(),
                            clock_timestamp(), $9)
                    RETURNING id::text', p_type, 'COMPLETED')
        INTO v_id
        USING p_amount, p_wallet.balance, v_after, p_wallet.currency, p_description, p_reference_type, p_reference_id,
              p_metadata, p_wallet.id;
    RETURN v_id;
END
$fn$;

-- A refund of a wallet-paid order, completed in one transaction (see the header). payops.refund has locked the
-- order (through payops_read.payments) and checked the amount against the refunds not failed; here the two
-- wallets are locked and the platform's own refusals apply: a locked merchant wallet, or one that
-- cannot cover the refund, is not debited (PX060, nothing written). Returns the buyer's REFUND row id.
CREATE FUNCTION payops_write.insert_refund(p_payment uuid, p_amount bigint, p_reason text, p_metadata jsonb,
                                           p_key text, p_tenant uuid) RETURNS uuid
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp SET TimeZone = {{tz}} AS $fn$
DECLARE
    v_order orders%ROWTYPE;
    v_buyer wallets%ROWTYPE;
    v_merchant wallets%ROWTYPE;
    v_amount numeric := round(p_amount::numeric / 100, 2);
    v_meta jsonb;
    v_refund text;
    v_refunded numeric;
BEGIN
    SELECT * INTO v_order FROM orders o WHERE payops.uid(o.id) = p_payment;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'order % not found', p_payment USING ERRCODE = 'PX002';
    END IF;
    IF v_order.payment_method <> 'WALLET' THEN
        RAISE EXCEPTION 'order % was paid through the gateway (Stripe): refund it in Stripe; the platform has no '
            'card-refund record payops could write', p_payment USING ERRCODE = 'PX060';
    END IF;
    IF v_order.idempotency_key IS NULL THEN
        RAISE EXCEPTION 'order % has no idempotency key: a ledger row could not reference it', p_payment
            USING ERRCODE = 'PX060';
    END IF;
    -- Buyer first, then merchant: the order the platform's own purchase locks them in, so a refund and a purchase
    -- of the same two wallets queue instead of deadlocking.
    SELECT * INTO v_buyer FROM wallets w WHERE w.user_id = v_order.user_id FOR UPDATE;
    SELECT * INTO v_merchant FROM wallets w WHERE w.user_id = v_order.merchant_id FOR UPDATE;
    IF v_buyer.id IS NULL OR v_merchant.id IS NULL THEN
        RAISE EXCEPTION 'order % has no % wallet to refund through', p_payment,
            CASE WHEN v_buyer.id IS NULL THEN 'buyer' ELSE 'merchant' END USING ERRCODE = 'PX060';
    END IF;
    IF v_buyer.currency <> v_order.currency OR v_merchant.currency <> v_order.currency THEN
        RAISE EXCEPTION 'order % is in %, its wallets in % (buyer) and % (merchant): no refund across currencies',
            p_payment, v_order.currency, v_buyer.currency, v_merchant.currency USING ERRCODE = 'PX060';
    END IF;
    IF v_merchant.is_locked THEN
        RAISE EXCEPTION 'the merchant''s wallet % is locked: the platform refuses debits from it', v_merchant.id
            USING ERRCODE = 'PX060';
    END IF;
    IF v_merchant.balance < v_amount THEN
        RAISE EXCEPTION 'the merchant''s wallet holds %, less than the refund of %', round(v_merchant.balance, 2),
            v_amount
            USING ERRCODE = 'PX060', HINT = 'the platform lets no wallet go below zero';
    END IF;
    v_meta := coalesce(p_metadata, '{}'::jsonb) || jsonb_build_object('source', 'payops', 'reason', p_reason,
        'order_id', v_order.id, 'payops_key', p_key);
    PERFORM payops_write.move(v_merchant, 'PAYMENT', v_amount, 'Refund of order ' || v_order.id || ' to the buyer',
                              'order', v_order.idempotency_key, v_meta || '{"side": "merchant"}');
    -- Read the buyer's wallet again: it is the merchant's own when a merchant bought from itself.
    SELECT * INTO v_buyer FROM wallets w WHERE w.id = v_buyer.id;
    v_refund := payops_write.move(v_buyer, 'REFUND', v_amount,
                                  'Refund of order ' || v_order.id || ' (' || p_reason || ')', 'order',
                                  v_order.idempotency_key, v_meta || '{"side": "buyer"}');
    SELECT coalesce(sum(t.amount), 0) INTO v_refunded FROM wallet_transactions t
    WHERE t.reference_id = v_order.idempotency_key AND t.reference_type = 'order' AND t.type = 'REFUND'
      AND t.status NOT IN ('FAILED', 'REVERSED');
    IF v_refunded >= v_order.amount THEN
        UPDATE orders SET status = 'REFUNDED', updated_at = now() WHERE id = v_order.id;
    END IF;
    RETURN payops.uid(v_refund);
END
$fn$;

-- The platform's audit record of a refund is its ledger rows (written by insert_refund): nothing more to write.
CREATE FUNCTION payops_write.record_event(p_payment uuid, p_type text, p_payload jsonb, p_tenant uuid) RETURNS void
    LANGUAGE sql AS $fn$ SELECT NULL::void $fn$;

-- No outbox on this platform: no event is emitted, and the action's result names no outbox row.
CREATE FUNCTION payops_write.emit(p_aggregate uuid, p_aggregate_type text, p_event text, p_payload jsonb,
                                  p_tenant uuid) RETURNS bigint
    LANGUAGE sql AS $fn$ SELECT NULL::bigint $fn$;

CREATE FUNCTION payops_write.insert_payout(p_venue uuid, p_amount bigint, p_fee bigint, p_currency text,
                                           p_instant boolean, p_key text) RETURNS uuid
    LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $fn$
    INSERT INTO payops.payout_requests (venue_id, amount, fee, currency, instant, status, requested_by, idempotency_key)
    VALUES (p_venue, p_amount, p_fee, p_currency, p_instant, 'requested', session_user, p_key)
    RETURNING id
$fn$;

CREATE FUNCTION payops_write.decide_payout(p_payout uuid, p_status text, p_reason text) RETURNS void
    LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $fn$
    UPDATE payops.payout_requests SET status = p_status, decided_by = session_user, decided_at = now(),
                                      decision_reason = p_reason
    WHERE id = p_payout
$fn$;

-- Approving a payout debits the merchant's wallet (amount plus fee, cents) with a WITHDRAWAL ledger row that
-- references the payout request approve_payout has just decided (in this transaction: decided now, by this login).
CREATE FUNCTION payops_write.debit_available(p_venue uuid, p_amount bigint) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp SET TimeZone = {{tz}} AS $fn$
DECLARE
    v_wallet wallets%ROWTYPE;
    v_payout payops.payout_requests%ROWTYPE;
BEGIN
    SELECT w.* INTO v_wallet FROM wallets w JOIN users u ON u.id = w.user_id
    WHERE payops.uid(u.id) = p_venue AND u.role = 'MERCHANT'
    FOR UPDATE OF w;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'merchant % has no wallet to pay out from', p_venue USING ERRCODE = 'PX060';
    END IF;
    IF v_wallet.is_locked THEN
        RAISE EXCEPTION 'the merchant''s wallet % is locked: the platform refuses debits from it', v_wallet.id
            USING ERRCODE = 'PX060';
    END IF;
    SELECT * INTO v_payout FROM payops.payout_requests p
    WHERE p.venue_id = p_venue AND p.status = 'approved' AND p.decided_at = now() AND p.decided_by = session_user
    ORDER BY p.requested_at DESC, p.id LIMIT 1;
    PERFORM payops_write.move(v_wallet, 'WITHDRAWAL', round(p_amount::numeric / 100, 2),
        'Payout approved in payops' || coalesce(' (' || v_payout.id || ')', ''), 'payout', v_payout.id::text,
        jsonb_strip_nulls(jsonb_build_object('source', 'payops', 'payout_id', v_payout.id, 'amount', v_payout.amount,
            'fee', v_payout.fee, 'instant', v_payout.instant, 'requested_by', v_payout.requested_by,
            'approved_by', session_user)));
END
$fn$;

CREATE FUNCTION payops_write.retry_webhook(p_webhook uuid) RETURNS void
    LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'this platform keeps no webhook inbox (Stripe webhooks are handled in memory): nothing to retry'
        USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.requeue(p_dead_letter bigint) RETURNS bigint
    LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'this platform has no outbox or dead letters: nothing to requeue' USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.reset_outbox(p_outbox bigint) RETURNS void
    LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'this platform has no outbox: nothing to reset' USING ERRCODE = 'PX060';
END
$fn$;
