extension Migration {
    /// The platform's tables, named as seed 001 (and seed 000 for `payment_events`) name them.
    static let platformTables = Migration(version: 1, name: "platform tables", sql: #"""
    CREATE EXTENSION IF NOT EXISTS pgcrypto;

    CREATE TABLE venues (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name        text NOT NULL,
        tier        text NOT NULL CHECK (tier IN ('starter', 'pro', 'enterprise')),
        currency    text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
        created_at  timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE payment_transactions (
        id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id                   uuid,
        venue_id                    uuid NOT NULL REFERENCES venues(id),
        user_id                     uuid NOT NULL,
        event_id                    uuid,
        amount                      bigint NOT NULL CHECK (amount > 0),
        currency                    text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
        status                      text NOT NULL CHECK (status IN ('pending', 'processing', 'completed',
                                        'failed', 'refunded', 'partially_refunded')),
        platform_fee                bigint NOT NULL DEFAULT 0 CHECK (platform_fee >= 0),
        venue_payout                bigint NOT NULL DEFAULT 0,
        gas_fee_paid                bigint CHECK (gas_fee_paid >= 0),
        tax_amount                  bigint CHECK (tax_amount >= 0),
        stripe_payment_intent_id    text UNIQUE,
        device_fingerprint          text,
        payment_method_fingerprint  text,
        metadata                    jsonb NOT NULL DEFAULT '{}',
        idempotency_key             uuid,
        created_at                  timestamptz NOT NULL DEFAULT now(),
        updated_at                  timestamptz NOT NULL DEFAULT now()
    );

    -- Immutable audit log (seed 000). No foreign key: the log must never refuse a write.
    CREATE TABLE payment_events (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id  uuid NOT NULL,
        event_type  text NOT NULL,
        ip_address  inet,
        user_agent  text,
        payload     jsonb NOT NULL DEFAULT '{}',
        created_at  timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE payment_refunds (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        transaction_id    uuid NOT NULL REFERENCES payment_transactions(id),
        amount            bigint NOT NULL CHECK (amount > 0),
        reason            text NOT NULL,
        status            text NOT NULL DEFAULT 'pending'
                              CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
        stripe_refund_id  text,
        metadata          jsonb NOT NULL DEFAULT '{}',
        idempotency_key   text,
        tenant_id         uuid,
        created_at        timestamptz NOT NULL DEFAULT now(),
        completed_at      timestamptz,
        updated_at        timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE venue_balances (
        venue_id        uuid NOT NULL REFERENCES venues(id),
        balance_type    text NOT NULL CHECK (balance_type IN ('available', 'pending', 'reserved')),
        amount          bigint NOT NULL DEFAULT 0 CHECK (amount >= 0),
        currency        text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
        last_payout_at  timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (venue_id, balance_type)
    );

    CREATE TABLE venue_payouts (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        venue_id         uuid NOT NULL REFERENCES venues(id),
        amount           bigint NOT NULL CHECK (amount > 0),
        fee              bigint NOT NULL DEFAULT 0 CHECK (fee >= 0),
        currency         text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
        instant          boolean NOT NULL DEFAULT false,
        status           text NOT NULL DEFAULT 'requested'
                             CHECK (status IN ('requested', 'approved', 'rejected', 'paid', 'failed')),
        requested_by     text NOT NULL,
        requested_at     timestamptz NOT NULL DEFAULT now(),
        decided_by       text,
        decided_at       timestamptz,
        decision_reason  text,
        idempotency_key  text UNIQUE,
        -- Four-eyes, as a constraint too: nobody decides their own request.
        CHECK (decided_by IS NULL OR decided_by <> requested_by)
    );

    CREATE TABLE fraud_checks (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id             uuid,
        payment_id          uuid,
        device_fingerprint  text,
        ip_address          inet,
        score               numeric(3, 2) CHECK (score BETWEEN 0 AND 1),
        signals             jsonb NOT NULL DEFAULT '[]',
        decision            text CHECK (decision IN ('approve', 'review', 'challenge', 'decline')),
        "timestamp"         timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE known_scalpers (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id             uuid,
        device_fingerprint  text,
        reason              text,
        confidence_score    numeric(3, 2),
        active              boolean NOT NULL DEFAULT true,
        added_at            timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE payment_event_sequence (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id       uuid NOT NULL,
        order_id         uuid,
        event_type       text NOT NULL,
        sequence_number  bigint NOT NULL,
        event_timestamp  timestamptz NOT NULL,
        stripe_event_id  text UNIQUE,
        idempotency_key  text,
        payload          jsonb NOT NULL DEFAULT '{}',
        processed_at     timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE (payment_id, sequence_number),
        UNIQUE (payment_id, event_type, idempotency_key)
    );

    CREATE TABLE payment_idempotency (
        idempotency_key  text PRIMARY KEY,
        operation        text NOT NULL,
        request_hash     text NOT NULL,
        response         jsonb,
        status_code      integer,
        created_at       timestamptz NOT NULL DEFAULT now(),
        expires_at       timestamptz NOT NULL DEFAULT now() + interval '24 hours'
    );

    CREATE TABLE payment_state_machine (
        from_state  text NOT NULL,
        to_state    text NOT NULL,
        event_type  text NOT NULL,
        is_valid    boolean NOT NULL DEFAULT true,
        PRIMARY KEY (from_state, to_state, event_type)
    );

    INSERT INTO payment_state_machine (from_state, to_state, event_type) VALUES
        ('pending', 'processing', 'payment.processing'),
        ('pending', 'failed', 'payment.failed'),
        ('processing', 'completed', 'payment.succeeded'),
        ('processing', 'failed', 'payment.failed'),
        ('completed', 'partially_refunded', 'refund.completed'),
        ('completed', 'refunded', 'refund.completed'),
        ('partially_refunded', 'partially_refunded', 'refund.completed'),
        ('partially_refunded', 'refunded', 'refund.completed');

    CREATE TABLE webhook_inbox (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        webhook_id     text NOT NULL UNIQUE,
        provider       text NOT NULL,
        event_type     text NOT NULL,
        payload        jsonb NOT NULL DEFAULT '{}',
        signature      text,
        received_at    timestamptz NOT NULL DEFAULT now(),
        processed_at   timestamptz,
        status         text NOT NULL DEFAULT 'pending'
                           CHECK (status IN ('pending', 'processing', 'processed', 'failed')),
        attempts       integer NOT NULL DEFAULT 0,
        error_message  text,
        tenant_id      uuid,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE outbox (
        id               bigserial PRIMARY KEY,
        aggregate_id     uuid NOT NULL,
        aggregate_type   text NOT NULL,
        event_type       text NOT NULL,
        payload          jsonb NOT NULL DEFAULT '{}',
        created_at       timestamptz NOT NULL DEFAULT now(),
        processed_at     timestamptz,
        attempts         integer NOT NULL DEFAULT 0,
        last_attempt_at  timestamptz,
        last_error       text,
        tenant_id        uuid
    );

    CREATE TABLE outbox_dlq (
        id                  bigserial PRIMARY KEY,
        original_id         bigint,
        aggregate_id        uuid NOT NULL,
        aggregate_type      text NOT NULL,
        event_type          text NOT NULL,
        payload             jsonb NOT NULL DEFAULT '{}',
        attempts            integer NOT NULL DEFAULT 0,
        last_error          text,
        created_at          timestamptz NOT NULL DEFAULT now(),
        moved_to_dlq_at     timestamptz NOT NULL DEFAULT now(),
        -- payops stamps a dead letter when it is requeued; dead letters are never deleted.
        requeued_at         timestamptz,
        requeued_by         text,
        requeued_outbox_id  bigint
    );

    CREATE TABLE nft_mint_queue (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id        uuid NOT NULL,
        ticket_ids        uuid[] NOT NULL DEFAULT '{}',
        venue_id          uuid,
        event_id          uuid,
        blockchain        text NOT NULL CHECK (blockchain IN ('solana', 'polygon')),
        status            text NOT NULL DEFAULT 'queued'
                              CHECK (status IN ('queued', 'processing', 'minted', 'failed')),
        priority          text NOT NULL DEFAULT 'standard' CHECK (priority IN ('standard', 'high', 'urgent')),
        transaction_hash  text,
        gas_fee_paid      bigint,
        mint_batch_id     text,
        attempts          integer NOT NULL DEFAULT 0,
        error_message     text,
        created_at        timestamptz NOT NULL DEFAULT now(),
        processed_at      timestamptz,
        updated_at        timestamptz NOT NULL DEFAULT now()
    );
    """#)
}
