-- The read model's relations a profile leaves out: each one the profile's own read model did not create is made
-- here, empty, with the contract's columns and types (Profiles/READ-MODEL.md), so every pane's query runs on every
-- platform; the profile's payops_read.notes says why the pane is empty. Applied right after the profile's views.
DO $defaults$
DECLARE
    d record;
BEGIN
    FOR d IN SELECT * FROM (VALUES
        ('payments', 'NULL::uuid AS id, NULL::uuid AS tenant_id, NULL::uuid AS venue_id, NULL::uuid AS user_id, '
            || 'NULL::uuid AS event_id, NULL::bigint AS amount, NULL::text AS currency, NULL::text AS status, '
            || 'NULL::bigint AS platform_fee, NULL::bigint AS venue_payout, NULL::bigint AS gas_fee_paid, '
            || 'NULL::bigint AS tax_amount, NULL::text AS stripe_payment_intent_id, NULL::text AS device_fingerprint, '
            || 'NULL::text AS payment_method_fingerprint, NULL::jsonb AS metadata, NULL::uuid AS idempotency_key, '
            || 'NULL::timestamptz AS created_at, NULL::timestamptz AS updated_at'),
        ('events', 'NULL::uuid AS id, NULL::uuid AS payment_id, NULL::text AS event_type, NULL::inet AS ip_address, '
            || 'NULL::text AS user_agent, NULL::jsonb AS payload, NULL::timestamptz AS created_at'),
        ('ip_attempts', 'NULL::inet AS ip_address, NULL::timestamptz AS at, NULL::uuid AS user_id, NULL::text AS card, '
            || 'NULL::uuid AS payment_id'),
        ('refunds', 'NULL::uuid AS id, NULL::uuid AS transaction_id, NULL::bigint AS amount, NULL::text AS reason, '
            || 'NULL::text AS status, NULL::uuid AS tenant_id, NULL::timestamptz AS created_at, '
            || 'NULL::timestamptz AS completed_at'),
        ('balances', 'NULL::uuid AS venue_id, NULL::text AS balance_type, NULL::bigint AS amount, NULL::text AS currency, '
            || 'NULL::timestamptz AS last_payout_at'),
        ('payouts', 'NULL::uuid AS id, NULL::uuid AS venue_id, NULL::bigint AS amount, NULL::bigint AS fee, '
            || 'NULL::text AS currency, NULL::boolean AS instant, NULL::text AS status, NULL::text AS requested_by, '
            || 'NULL::timestamptz AS requested_at, NULL::text AS decided_by, NULL::timestamptz AS decided_at, '
            || 'NULL::text AS decision_reason, NULL::text AS idempotency_key'),
        ('outbox', 'NULL::bigint AS id, NULL::uuid AS aggregate_id, NULL::text AS aggregate_type, NULL::text AS event_type, '
            || 'NULL::jsonb AS payload, NULL::timestamptz AS created_at, NULL::timestamptz AS processed_at, '
            || 'NULL::integer AS attempts, NULL::timestamptz AS last_attempt_at, NULL::text AS last_error, '
            || 'NULL::uuid AS tenant_id'),
        ('dead_letters', 'NULL::bigint AS id, NULL::bigint AS original_id, NULL::uuid AS aggregate_id, '
            || 'NULL::text AS aggregate_type, NULL::text AS event_type, NULL::jsonb AS payload, NULL::integer AS attempts, '
            || 'NULL::text AS last_error, NULL::timestamptz AS created_at, NULL::timestamptz AS moved_to_dlq_at, '
            || 'NULL::timestamptz AS requeued_at, NULL::text AS requeued_by, NULL::bigint AS requeued_outbox_id'),
        ('webhooks', 'NULL::uuid AS id, NULL::text AS webhook_id, NULL::text AS provider, NULL::text AS event_type, '
            || 'NULL::jsonb AS payload, NULL::text AS status, NULL::timestamptz AS received_at, '
            || 'NULL::timestamptz AS processed_at, NULL::integer AS attempts, NULL::text AS error_message, '
            || 'NULL::uuid AS tenant_id'),
        ('mint_jobs', 'NULL::uuid AS id, NULL::uuid AS payment_id, NULL::text AS blockchain, NULL::text AS status, '
            || 'NULL::text AS priority, NULL::integer AS attempts, NULL::text AS error_message, '
            || 'NULL::timestamptz AS created_at'),
        ('fraud_checks', 'NULL::uuid AS id, NULL::uuid AS payment_id, NULL::uuid AS user_id, NULL::inet AS ip_address, '
            || 'NULL::numeric AS score, NULL::text AS decision, NULL::timestamptz AS at'),
        ('event_sequence', 'NULL::uuid AS id, NULL::uuid AS payment_id, NULL::text AS event_type, '
            || 'NULL::bigint AS sequence_number, NULL::timestamptz AS event_timestamp, NULL::text AS stripe_event_id, '
            || 'NULL::timestamptz AS processed_at'),
        ('venues', 'NULL::uuid AS id, NULL::text AS name, NULL::text AS tier, NULL::text AS currency'),
        ('idempotency', 'NULL::text AS key, NULL::uuid AS payment_id, NULL::text AS request, '
            || 'NULL::integer AS status_code, NULL::jsonb AS response, NULL::timestamptz AS created_at, '
            || 'NULL::timestamptz AS expires_at'),
        ('notes', 'NULL::text AS pane, NULL::text AS note'),
        ('findings', 'NULL::text AS kind, NULL::text AS subject, NULL::timestamptz AS at')
    ) AS r(name, columns) LOOP
        IF to_regclass('payops_read.' || d.name) IS NULL THEN
            EXECUTE format('CREATE VIEW payops_read.%I AS SELECT %s WHERE false', d.name, d.columns);
        END IF;
    END LOOP;
END
$defaults$;
