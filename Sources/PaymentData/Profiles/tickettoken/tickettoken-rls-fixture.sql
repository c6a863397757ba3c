-- The tickettoken platform as the real TicketToken payment service creates it: multi-tenant, with row-level
-- security. A fixture for tests and demos (`payops db install` never runs it), written by us from the facts of
-- the real migration, smithciaran833/TicketToken-Platform-Backend,
-- backend/services/payment-service/src/migrations/001_consolidated_baseline.ts (commit 08cf47c1), a Knex
-- migration. Only the tables of seed 001 that payops reads (tickettoken-fixture.sql) and that this migration
-- has; tables in schema public.
--
-- Facts taken from the real migration (its section numbers in brackets):
--   * Knex types on PostgreSQL: string(n) is varchar(n) (255 when no length), timestamp() is timestamptz,
--     decimal(p, s) is numeric(p, s), increments() is serial, bigInteger() bigint, knex.fn.now() is
--     CURRENT_TIMESTAMP. Amounts are decimal(10,2) (venue_balances.amount decimal(12,2)) holding integer cents.
--   * Statuses are varchar; payment_transactions.status has CHECK (... 'refunded', 'partially_refunded')
--     and type a CHECK of its own; fraud_checks.decision has a CHECK; refund, webhook and mint statuses have none.
--   * tenant_id uuid NOT NULL on every tenant table, each with ENABLE and FORCE ROW LEVEL SECURITY and the
--     policy <table>_tenant_isolation FOR ALL, USING and WITH CHECK both
--         tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid
--         OR current_setting('app.is_system_user', true) = 'true'
--     (the missing_ok form of current_setting: an unset tenant sees nothing, it is not an error).
--   * payment_state_machine is one of its four global tables: no tenant_id, no RLS.
--   * No tenants table: tenant_id references nothing in this service (no foreign key, none in its comments of
--     external references); so this fixture has none either.
--   * No outbox table: the consolidation notes say "Removed non-existent outbox table reference". outbox_dlq exists.
--
-- Tables, with the real migration's section:
--     payment_transactions [1]  payment_refunds [2]  payment_intents [3]  venue_balances [4]  fraud_checks [18]
--     known_scalpers [21]  nft_mint_queue [47]  outbox_dlq [48]  payment_event_sequence [49]
--     webhook_inbox [51]  payment_idempotency [54]  payment_state_machine [global 1]
-- Their columns, defaults, NOT NULLs, UNIQUEs, CHECKs, indexes and the internal foreign keys among these
-- tables (refunds, fraud_checks, nft_mint_queue -> payment_transactions) follow the migration; index and
-- constraint names are Knex's conventions or the migration's own.
--
-- Left out: the other 55 tables; its functions and triggers (updated_at, update_user_total_spent, the state
-- machine validator, get_next_sequence_number); the rows it inserts into payment_state_machine (upper-case
-- order states); the escrow_status enum. All tables, and the serial's sequence, are owned by the NOLOGIN role
-- tickettoken_app (created here when missing): with FORCE, RLS applies to the owner too, as it does for the
-- service in production. Superusers and BYPASSRLS roles still see every row.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'tickettoken_app') THEN
        CREATE ROLE tickettoken_app NOLOGIN;
    END IF;
END
$$;

-- [global 1] state transition rules, shared by all tenants.
CREATE TABLE payment_state_machine (
    from_state  varchar(50) NOT NULL,
    to_state    varchar(50) NOT NULL,
    event_type  varchar(100) NOT NULL,
    is_valid    boolean DEFAULT true,
    PRIMARY KEY (from_state, to_state, event_type)
);

-- [1]
CREATE TABLE payment_transactions (
    id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id                   uuid NOT NULL,
    venue_id                    uuid NOT NULL,
    user_id                     uuid NOT NULL,
    event_id                    uuid NOT NULL,
    order_id                    uuid,
    type                        varchar(50) NOT NULL,
    amount                      decimal(10, 2) NOT NULL,
    currency                    varchar(3) DEFAULT 'USD',
    status                      varchar(50) NOT NULL,
    platform_fee                decimal(10, 2) NOT NULL,
    venue_payout                decimal(10, 2) NOT NULL,
    gas_fee_paid                decimal(10, 4),
    tax_amount                  decimal(10, 2),
    total_amount                decimal(10, 2),
    stripe_payment_intent_id    varchar(255),
    stripe_charge_id            varchar(50),
    paypal_order_id             varchar(255),
    device_fingerprint          varchar(255),
    payment_method_fingerprint  varchar(255),
    description                 text,
    metadata                    jsonb DEFAULT '{}',
    idempotency_key             uuid,
    created_at                  timestamptz DEFAULT CURRENT_TIMESTAMP,
    updated_at                  timestamptz DEFAULT CURRENT_TIMESTAMP,
    deleted_at                  timestamptz,
    CONSTRAINT payment_transactions_stripe_payment_intent_id_unique UNIQUE (stripe_payment_intent_id),
    CONSTRAINT chk_payment_transactions_status
        CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'refunded', 'partially_refunded')),
    CONSTRAINT chk_payment_transactions_type
        CHECK (type IN ('ticket_purchase', 'refund', 'referral_bonus', 'points_redemption', 'transfer', 'fee', 'payout')),
    CONSTRAINT chk_payment_transactions_amount_positive CHECK (amount > 0),
    CONSTRAINT chk_payment_transactions_fee_non_negative CHECK (platform_fee >= 0)
);
CREATE INDEX payment_transactions_tenant_id_index ON payment_transactions (tenant_id);
CREATE INDEX payment_transactions_venue_id_index ON payment_transactions (venue_id);
CREATE INDEX payment_transactions_user_id_index ON payment_transactions (user_id);
CREATE INDEX payment_transactions_event_id_index ON payment_transactions (event_id);
CREATE INDEX payment_transactions_order_id_index ON payment_transactions (order_id);
CREATE INDEX payment_transactions_type_index ON payment_transactions (type);
CREATE INDEX payment_transactions_status_index ON payment_transactions (status);
CREATE INDEX payment_transactions_device_fingerprint_index ON payment_transactions (device_fingerprint);
CREATE INDEX payment_transactions_stripe_charge_id_index ON payment_transactions (stripe_charge_id);
CREATE UNIQUE INDEX uq_payment_transactions_idempotency ON payment_transactions (tenant_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX idx_payment_transactions_status_created ON payment_transactions (status, created_at);

-- [2] no CHECK on status (default 'pending'); idempotency_key is a uuid.
CREATE TABLE payment_refunds (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id         uuid NOT NULL,
    transaction_id    uuid NOT NULL REFERENCES payment_transactions (id) ON DELETE RESTRICT,
    amount            decimal(10, 2) NOT NULL,
    reason            text,
    status            varchar(50) DEFAULT 'pending',
    stripe_refund_id  varchar(255),
    metadata          jsonb DEFAULT '{}',
    idempotency_key   uuid,
    created_at        timestamptz DEFAULT CURRENT_TIMESTAMP,
    completed_at      timestamptz,
    updated_at        timestamptz DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT chk_payment_refunds_amount_positive CHECK (amount > 0)
);
CREATE INDEX payment_refunds_tenant_id_index ON payment_refunds (tenant_id);
CREATE INDEX payment_refunds_transaction_id_index ON payment_refunds (transaction_id);
CREATE INDEX payment_refunds_status_index ON payment_refunds (status);
CREATE UNIQUE INDEX uq_payment_refunds_idempotency ON payment_refunds (tenant_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- [3]
CREATE TABLE payment_intents (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id             uuid NOT NULL,
    order_id              uuid NOT NULL,
    stripe_intent_id      varchar(255),
    external_id           varchar(255),
    client_secret         varchar(500),
    processor             varchar(50),
    amount                decimal(10, 2) NOT NULL,
    currency              varchar(3) DEFAULT 'USD',
    status                varchar(50) DEFAULT 'pending',
    platform_fee          decimal(10, 2),
    venue_id              uuid,
    metadata              jsonb DEFAULT '{}',
    idempotency_key       uuid,
    last_sequence_number  bigint DEFAULT 0,
    last_event_timestamp  timestamptz,
    version               integer DEFAULT 1,
    created_at            timestamptz DEFAULT CURRENT_TIMESTAMP,
    updated_at            timestamptz DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT payment_intents_stripe_intent_id_unique UNIQUE (stripe_intent_id),
    CONSTRAINT payment_intents_external_id_unique UNIQUE (external_id)
);
CREATE INDEX payment_intents_tenant_id_index ON payment_intents (tenant_id);
CREATE INDEX payment_intents_order_id_index ON payment_intents (order_id);
CREATE INDEX payment_intents_status_index ON payment_intents (status);
CREATE INDEX payment_intents_external_id_index ON payment_intents (external_id);
CREATE UNIQUE INDEX uq_payment_intents_idempotency ON payment_intents (tenant_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- [4] merged from two older migrations: a surrogate id, one row per (venue, tenant, balance type, currency)
-- with amount in cents, plus bigint running balances from the second migration.
CREATE TABLE venue_balances (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id          uuid NOT NULL,
    venue_id           uuid NOT NULL,
    amount             decimal(12, 2) DEFAULT 0,
    balance_type       varchar(50) NOT NULL,
    currency           varchar(3) DEFAULT 'USD',
    available_balance  bigint DEFAULT 0,
    pending_balance    bigint DEFAULT 0,
    held_for_disputes  bigint DEFAULT 0,
    lost_to_disputes   bigint DEFAULT 0,
    reversed_amount    bigint DEFAULT 0,
    last_payout_at     timestamptz,
    created_at         timestamptz DEFAULT CURRENT_TIMESTAMP,
    updated_at         timestamptz DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT venue_balances_venue_id_tenant_id_balance_type_currency_unique
        UNIQUE (venue_id, tenant_id, balance_type, currency)
);
CREATE INDEX venue_balances_tenant_id_index ON venue_balances (tenant_id);
CREATE INDEX venue_balances_venue_id_index ON venue_balances (venue_id);

-- [18] the real table has payment_id (seed 001's has not) and a CHECK on decision.
CREATE TABLE fraud_checks (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id           uuid NOT NULL,
    user_id             uuid NOT NULL,
    payment_id          uuid REFERENCES payment_transactions (id) ON DELETE CASCADE,
    device_fingerprint  varchar(255),
    ip_address          inet,
    score               decimal(3, 2),
    risk_score          decimal(5, 2),
    signals             jsonb,
    reasons             jsonb,
    decision            varchar(50) NOT NULL,
    check_type          varchar(100),
    "timestamp"         timestamptz DEFAULT CURRENT_TIMESTAMP,
    created_at          timestamptz DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT chk_fraud_checks_decision CHECK (decision IN ('approve', 'review', 'challenge', 'decline'))
);
CREATE INDEX fraud_checks_tenant_id_index ON fraud_checks (tenant_id);
CREATE INDEX fraud_checks_user_id_index ON fraud_checks (user_id);
CREATE INDEX fraud_checks_payment_id_index ON fraud_checks (payment_id);
CREATE INDEX fraud_checks_device_fingerprint_index ON fraud_checks (device_fingerprint);
CREATE INDEX fraud_checks_timestamp_index ON fraud_checks ("timestamp");
CREATE INDEX idx_fraud_checks_user_timestamp ON fraud_checks (user_id, "timestamp");

-- [21]
CREATE TABLE known_scalpers (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id           uuid NOT NULL,
    user_id             uuid,
    device_fingerprint  varchar(255),
    reason              text,
    confidence_score    decimal(3, 2),
    added_by            varchar(255),
    active              boolean DEFAULT true,
    added_at            timestamptz DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX known_scalpers_tenant_id_index ON known_scalpers (tenant_id);
CREATE INDEX known_scalpers_user_id_index ON known_scalpers (user_id);
CREATE INDEX known_scalpers_device_fingerprint_index ON known_scalpers (device_fingerprint);

-- [47] no CHECK on status, priority or blockchain.
CREATE TABLE nft_mint_queue (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id         uuid NOT NULL,
    payment_id        uuid REFERENCES payment_transactions (id) ON DELETE SET NULL,
    ticket_ids        uuid[] NOT NULL,
    venue_id          uuid NOT NULL,
    event_id          uuid NOT NULL,
    blockchain        varchar(50) NOT NULL,
    status            varchar(50) DEFAULT 'queued',
    priority          varchar(20) DEFAULT 'standard',
    transaction_hash  varchar(255),
    gas_fee_paid      decimal(10, 6),
    mint_batch_id     varchar(255),
    attempts          integer DEFAULT 0,
    error_message     text,
    created_at        timestamptz DEFAULT CURRENT_TIMESTAMP,
    processed_at      timestamptz,
    updated_at        timestamptz DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX nft_mint_queue_tenant_id_index ON nft_mint_queue (tenant_id);
CREATE INDEX nft_mint_queue_payment_id_index ON nft_mint_queue (payment_id);
CREATE INDEX nft_mint_queue_status_index ON nft_mint_queue (status);

-- [48] serial id, as seed 001's.
CREATE TABLE outbox_dlq (
    id               serial PRIMARY KEY,
    tenant_id        uuid NOT NULL,
    original_id      integer,
    aggregate_id     uuid NOT NULL,
    aggregate_type   varchar(100) NOT NULL,
    event_type       varchar(100) NOT NULL,
    payload          jsonb NOT NULL,
    attempts         integer DEFAULT 0,
    last_error       text,
    created_at       timestamptz DEFAULT CURRENT_TIMESTAMP,
    moved_to_dlq_at  timestamptz DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX outbox_dlq_tenant_id_index ON outbox_dlq (tenant_id);

-- [49]
CREATE TABLE payment_event_sequence (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id        uuid NOT NULL,
    payment_id       uuid NOT NULL,
    order_id         uuid,
    event_type       varchar(100) NOT NULL,
    sequence_number  bigint NOT NULL,
    event_timestamp  timestamptz NOT NULL,
    stripe_event_id  varchar(255),
    idempotency_key  varchar(255),
    payload          jsonb NOT NULL,
    processed_at     timestamptz,
    created_at       timestamptz DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT payment_event_sequence_stripe_event_id_unique UNIQUE (stripe_event_id),
    CONSTRAINT payment_event_sequence_payment_id_sequence_number_unique UNIQUE (payment_id, sequence_number),
    CONSTRAINT payment_event_sequence_payment_event_idempotency_unique
        UNIQUE (payment_id, event_type, idempotency_key)
);
CREATE INDEX payment_event_sequence_tenant_id_index ON payment_event_sequence (tenant_id);
CREATE INDEX payment_event_sequence_event_timestamp_index ON payment_event_sequence (event_timestamp);
CREATE INDEX idx_payment_event_sequence_payment ON payment_event_sequence (payment_id, sequence_number);
CREATE INDEX idx_payment_event_sequence_unprocessed ON payment_event_sequence (processed_at)
    WHERE processed_at IS NULL;

-- [51] event_id (NOT NULL, unique) is the provider's event id; webhook_id is nullable; status has no CHECK.
CREATE TABLE webhook_inbox (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id      uuid NOT NULL,
    provider       varchar(50) NOT NULL,
    event_id       varchar(255) NOT NULL,
    webhook_id     varchar(255),
    event_type     varchar(100) NOT NULL,
    payload        jsonb NOT NULL,
    signature      varchar(500),
    received_at    timestamptz DEFAULT CURRENT_TIMESTAMP,
    processed_at   timestamptz,
    status         varchar(20) DEFAULT 'pending',
    attempts       integer DEFAULT 0,
    retry_count    integer DEFAULT 0,
    error_message  text,
    error          text,
    last_error     text,
    created_at     timestamptz DEFAULT CURRENT_TIMESTAMP,
    updated_at     timestamptz DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT webhook_inbox_event_id_unique UNIQUE (event_id),
    CONSTRAINT webhook_inbox_webhook_id_unique UNIQUE (webhook_id)
);
CREATE INDEX webhook_inbox_tenant_id_index ON webhook_inbox (tenant_id);
CREATE INDEX webhook_inbox_status_index ON webhook_inbox (status);
CREATE INDEX webhook_inbox_received_at_index ON webhook_inbox (received_at);
CREATE INDEX idx_webhook_inbox_provider_event ON webhook_inbox (provider, event_id);
CREATE INDEX idx_webhook_inbox_status_created ON webhook_inbox (status, created_at);

-- [54]
CREATE TABLE payment_idempotency (
    idempotency_key  varchar(255) PRIMARY KEY,
    tenant_id        uuid NOT NULL,
    operation        varchar(100) NOT NULL,
    request_hash     varchar(64) NOT NULL,
    response         jsonb,
    status_code      integer,
    created_at       timestamptz DEFAULT CURRENT_TIMESTAMP,
    expires_at       timestamptz NOT NULL
);
CREATE INDEX payment_idempotency_tenant_id_index ON payment_idempotency (tenant_id);
CREATE INDEX payment_idempotency_expires_at_index ON payment_idempotency (expires_at);

-- Row-level security on every tenant table, the real migration's policy, and the owner that FORCE binds.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['payment_transactions', 'payment_refunds', 'payment_intents', 'venue_balances',
                             'fraud_checks', 'known_scalpers', 'nft_mint_queue', 'outbox_dlq',
                             'payment_event_sequence', 'webhook_inbox', 'payment_idempotency'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format($p$
            CREATE POLICY %I ON %I
                FOR ALL
                USING (
                    tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid
                    OR current_setting('app.is_system_user', true) = 'true'
                )
                WITH CHECK (
                    tenant_id = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid
                    OR current_setting('app.is_system_user', true) = 'true'
                )$p$, t || '_tenant_isolation', t);
        EXECUTE format('ALTER TABLE %I OWNER TO tickettoken_app', t);
    END LOOP;
    -- The global table has no RLS; outbox_dlq's serial sequence followed its table's owner above.
    ALTER TABLE payment_state_machine OWNER TO tickettoken_app;
END
$$;
