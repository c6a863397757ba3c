-- How payops' actions write on a stripe-service platform (seed 002, either schema variant): the payops_write
-- hooks the action functions in SQL/functions call after they have locked and validated through the read
-- model, with the signatures of every profile's hooks. On this platform none of them has a place to write:
--   * refunds are Stripe refunds the service makes itself (POST /api/payments/:id/refund) and records as a
--     status change once Stripe confirms; there is no refund table and no queue (the service consumes only
--     order.placed from Kafka) in which payops could leave a request for it to carry out;
--   * payment_status_history records the service's own status changes: payops changes no status;
--   * events go straight to Kafka: no outbox; no webhook inbox (Stripe redelivers failed webhooks itself),
--     no dead letters;
--   * one Stripe account: no venues, balances or payouts (Stripe holds the balance and pays it out).
-- Each hook therefore refuses with SQLSTATE PX060 and one line of reason; the action's transaction rolls
-- back, so nothing is written, payops' audit row included. (The actions on queues and payouts stop earlier,
-- with PX002, since their relations are empty; these hooks are the backstop.) Blocking IPs needs no hook: it
-- writes payops.ip_blocklist only.

CREATE FUNCTION payops_write.insert_refund(p_payment uuid, p_amount bigint, p_reason text, p_metadata jsonb,
                                           p_key text, p_tenant uuid) RETURNS uuid
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    RAISE EXCEPTION 'stripe-service refunds through Stripe from its own API (POST /api/payments/%/refund): '
        'its database has no refund table or queue for payops to write a refund request to', p_payment
        USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.record_event(p_payment uuid, p_type text, p_payload jsonb, p_tenant uuid) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    RAISE EXCEPTION 'payment_status_history records the service''s own status changes; payops changes no payment status'
        USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.emit(p_aggregate uuid, p_aggregate_type text, p_event text, p_payload jsonb,
                                  p_tenant uuid) RETURNS bigint
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    RAISE EXCEPTION 'stripe-service publishes its events straight to Kafka: there is no outbox table to write % to',
        p_event USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.insert_payout(p_venue uuid, p_amount bigint, p_fee bigint, p_currency text,
                                           p_instant boolean, p_key text) RETURNS uuid
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    RAISE EXCEPTION 'stripe-service is one Stripe account: no venue balances or payouts in its database (Stripe pays out)'
        USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.decide_payout(p_payout uuid, p_status text, p_reason text) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    RAISE EXCEPTION 'stripe-service is one Stripe account: no venue balances or payouts in its database (Stripe pays out)'
        USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.debit_available(p_venue uuid, p_amount bigint) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    RAISE EXCEPTION 'stripe-service is one Stripe account: no venue balance in its database to debit'
        USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.retry_webhook(p_webhook uuid) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    RAISE EXCEPTION 'stripe-service keeps no webhook inbox: Stripe redelivers failed webhooks itself'
        USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.requeue(p_dead_letter bigint) RETURNS bigint
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    RAISE EXCEPTION 'stripe-service has no outbox or dead-letter table: its events go straight to Kafka'
        USING ERRCODE = 'PX060';
END
$fn$;

CREATE FUNCTION payops_write.reset_outbox(p_outbox bigint) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    RAISE EXCEPTION 'stripe-service has no outbox table: its events go straight to Kafka'
        USING ERRCODE = 'PX060';
END
$fn$;
