-- The tickettoken platform as seed 001 writes it (shared/seeds/001_344150356b0dce2a.txt, section
-- "DATABASE SCHEMA", lines 163-515): the payment service's tables, in schema public, with the seed's own
-- names and types. A fixture for tests and demos; `payops db install` never runs it.
--
-- Types, as the seed lists them: money is DECIMAL holding integer cents ("MONEY HANDLING", line 1508:
-- 1050 means $10.50); times are TIMESTAMP without time zone; ids are UUID with DEFAULT gen_random_uuid()
-- (outbox and outbox_dlq: SERIAL); VARCHAR without a length; JSONB; INET.
-- The columns the seed marks ENUM get an enum type each; the seed names none, so the names are ours:
--     payment_transactions_status   (pending, processing, completed, failed, refunded)        line 175
--     venue_balances_balance_type   (available, pending, reserved)                           line 214
--     payment_refunds_status        (pending, processing, completed, failed)                 line 229
--     fraud_checks_decision         (approve, review, challenge, decline)                    line 247
-- Note that payment_transactions_status has no 'partially_refunded': the seed's enum lacks it.
--
-- Tables and the seed lines each follows:
--     payment_transactions    167-192   indexes of lines 188-191; UNIQUE stripe_payment_intent_id;
--                                       "idempotency_key unique per tenant" = UNIQUE (tenant_id, idempotency_key)
--     payment_intents         194-209   UNIQUE stripe_intent_id
--     venue_balances          211-221   the seed says "venue_id (UUID, PK)" and also "One row per venue per
--                                       balance type" (line 220): the key is PRIMARY KEY (venue_id, balance_type)
--     payment_refunds         223-235   "idempotency_key unique per tenant" = UNIQUE (tenant_id, idempotency_key);
--                                       transaction_id REFERENCES payment_transactions (the arrow of line 226)
--     fraud_checks            239-249   no payment_id column (the seed has none); score "DECIMAL 0.00-1.00" is
--                                       DECIMAL(3,2); the column "timestamp" is quoted
--     known_scalpers          273-282
--     payment_event_sequence  377-393   UNIQUE stripe_event_id and the two UNIQUEs of lines 391-392
--     payment_idempotency     395-406   PRIMARY KEY idempotency_key
--     payment_state_machine   408-418   PRIMARY KEY (from_state, to_state, event_type)
--     webhook_inbox           422-439   UNIQUE webhook_id; indexes of line 438
--     outbox                  441-456   id SERIAL; the partial index of line 455
--     outbox_dlq              458-470   id SERIAL
--     nft_mint_queue          474-490   payment_id REFERENCES payment_transactions (the arrow of line 477)
-- Left out: the seed's other tables (device_activity, bot_detections, marketplace, group payments, tax,
-- waiting room), which no pane reads; there is no venues table (venues live in venue-service, line 170),
-- no tenants table (line 185 points at one, which this service does not define) and no payment_events table
-- (seed 000 has it, 001 not).
--
-- Assumed where the seed says nothing:
--   * NOT NULL only on primary keys: the seed marks some columns "nullable" but states NOT NULL nowhere,
--     and its "nullable" marks are not a complete list (nft_mint_queue.processed_at is unmarked yet empty
--     until a mint is processed).
--   * DEFAULTs are the seed's own ('USD', 'pending', 'queued', 'standard', 0) plus CURRENT_TIMESTAMP on the
--     creation/update times (created_at, updated_at, received_at, moved_to_dlq_at, added_at, "timestamp").
--   * The times the seed lists without a type (created_at, updated_at, completed_at, processed_at of
--     payment_intents, payment_refunds, payment_event_sequence, webhook_inbox, nft_mint_queue) are TIMESTAMP.
--   * Lengths: none (plain VARCHAR, DECIMAL), except fraud_checks.score.
--   * webhook_inbox's index "provider+event_id" (line 438): the table has no event_id column; webhook_id is
--     "provider's event ID" (line 425), so the index is (provider, webhook_id).
--   * outbox's "unprocessed events" index (line 455) orders them by created_at:
--     (created_at) WHERE processed_at IS NULL.
--   * Foreign keys only where the seed draws an arrow to a table of this service (refunds and mint jobs to
--     payment_transactions); its other arrows point at other services (venues, users, events, tenants).
--   * No CHECK constraints: the seed states none. Nothing keeps a balance >= 0 or a payment's refunds <= its
--     amount; that is deliberate (payops' Overview alarms watch for both).

CREATE TYPE payment_transactions_status AS ENUM ('pending', 'processing', 'completed', 'failed', 'refunded');
CREATE TYPE venue_balances_balance_type AS ENUM ('available', 'pending', 'reserved');
CREATE TYPE payment_refunds_status AS ENUM ('pending', 'processing', 'completed', 'failed');
CREATE TYPE fraud_checks_decision AS ENUM ('approve', 'review', 'challenge', 'decline');

CREATE TABLE payment_transactions (
    id                          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    venue_id                    UUID,
    user_id                     UUID,
    event_id                    UUID,
    amount                      DECIMAL,
    currency                    VARCHAR DEFAULT 'USD',
    status                      payment_transactions_status,
    platform_fee                DECIMAL,
    venue_payout                DECIMAL,
    gas_fee_paid                DECIMAL,
    tax_amount                  DECIMAL,
    stripe_payment_intent_id    VARCHAR UNIQUE,
    device_fingerprint          VARCHAR,
    payment_method_fingerprint  VARCHAR,
    metadata                    JSONB,
    idempotency_key             UUID,
    tenant_id                   UUID,
    created_at                  TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at                  TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX idx_payment_transactions_user_id ON payment_transactions (user_id);
CREATE INDEX idx_payment_transactions_venue_id ON payment_transactions (venue_id);
CREATE INDEX idx_payment_transactions_event_id ON payment_transactions (event_id);
CREATE INDEX idx_payment_transactions_status ON payment_transactions (status);
CREATE INDEX idx_payment_transactions_device_fingerprint ON payment_transactions (device_fingerprint);
CREATE INDEX idx_payment_transactions_created_at ON payment_transactions (created_at);

CREATE TABLE payment_intents (
    id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id              UUID,
    stripe_intent_id      VARCHAR UNIQUE,
    amount                DECIMAL,
    currency              VARCHAR,
    status                VARCHAR,
    platform_fee          DECIMAL,
    venue_id              UUID,
    metadata              JSONB,
    last_sequence_number  BIGINT,
    last_event_timestamp  TIMESTAMP,
    version               INTEGER,
    created_at            TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at            TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE venue_balances (
    venue_id        UUID,
    balance_type    venue_balances_balance_type,
    amount          DECIMAL,
    currency        VARCHAR,
    last_payout_at  TIMESTAMP,
    created_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (venue_id, balance_type)
);

CREATE TABLE payment_refunds (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    transaction_id    UUID REFERENCES payment_transactions (id),
    amount            DECIMAL,
    reason            TEXT,
    status            payment_refunds_status,
    stripe_refund_id  VARCHAR,
    metadata          JSONB,
    idempotency_key   UUID,
    tenant_id         UUID,
    created_at        TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    completed_at      TIMESTAMP,
    updated_at        TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (tenant_id, idempotency_key)
);

CREATE TABLE fraud_checks (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id             UUID,
    device_fingerprint  VARCHAR,
    ip_address          INET,
    score               DECIMAL(3, 2),
    signals             JSONB,
    decision            fraud_checks_decision,
    "timestamp"         TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE known_scalpers (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id             UUID,
    device_fingerprint  VARCHAR,
    reason              TEXT,
    confidence_score    DECIMAL,
    active              BOOLEAN,
    added_at            TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE payment_event_sequence (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    payment_id       UUID,
    order_id         UUID,
    event_type       VARCHAR,
    sequence_number  BIGINT,
    event_timestamp  TIMESTAMP,
    stripe_event_id  VARCHAR UNIQUE,
    idempotency_key  VARCHAR,
    payload          JSONB,
    processed_at     TIMESTAMP,
    created_at       TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (payment_id, sequence_number),
    UNIQUE (payment_id, event_type, idempotency_key)
);

CREATE TABLE payment_idempotency (
    idempotency_key  VARCHAR PRIMARY KEY,
    operation        VARCHAR,
    request_hash     VARCHAR,
    response         JSONB,
    status_code      INTEGER,
    created_at       TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    expires_at       TIMESTAMP
);

CREATE TABLE payment_state_machine (
    from_state  VARCHAR,
    to_state    VARCHAR,
    event_type  VARCHAR,
    is_valid    BOOLEAN,
    PRIMARY KEY (from_state, to_state, event_type)
);

CREATE TABLE webhook_inbox (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    webhook_id     VARCHAR UNIQUE,
    provider       VARCHAR,
    event_type     VARCHAR,
    payload        JSONB,
    signature      VARCHAR,
    received_at    TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    processed_at   TIMESTAMP,
    status         VARCHAR DEFAULT 'pending',
    attempts       INTEGER DEFAULT 0,
    error_message  TEXT,
    tenant_id      UUID,
    created_at     TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at     TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_webhook_inbox_status ON webhook_inbox (status);
CREATE INDEX idx_webhook_inbox_provider_webhook_id ON webhook_inbox (provider, webhook_id);
CREATE INDEX idx_webhook_inbox_received_at ON webhook_inbox (received_at);
CREATE INDEX idx_webhook_inbox_tenant_id ON webhook_inbox (tenant_id);

CREATE TABLE outbox (
    id               SERIAL PRIMARY KEY,
    aggregate_id     UUID,
    aggregate_type   VARCHAR,
    event_type       VARCHAR,
    payload          JSONB,
    created_at       TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    processed_at     TIMESTAMP,
    attempts         INTEGER DEFAULT 0,
    last_attempt_at  TIMESTAMP,
    last_error       TEXT,
    tenant_id        UUID
);
CREATE INDEX idx_outbox_unprocessed ON outbox (created_at) WHERE processed_at IS NULL;

CREATE TABLE outbox_dlq (
    id               SERIAL PRIMARY KEY,
    original_id      INTEGER,
    aggregate_id     UUID,
    aggregate_type   VARCHAR,
    event_type       VARCHAR,
    payload          JSONB,
    attempts         INTEGER,
    last_error       TEXT,
    created_at       TIMESTAMP,
    moved_to_dlq_at  TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE nft_mint_queue (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    payment_id        UUID REFERENCES payment_transactions (id),
    ticket_ids        UUID[],
    venue_id          UUID,
    event_id          UUID,
    blockchain        VARCHAR,
    status            VARCHAR DEFAULT 'queued',
    priority          VARCHAR DEFAULT 'standard',
    transaction_hash  VARCHAR,
    gas_fee_paid      DECIMAL,
    mint_batch_id     VARCHAR,
    attempts          INTEGER DEFAULT 0,
    error_message     TEXT,
    created_at        TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    processed_at      TIMESTAMP,
    updated_at        TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
