-- The advanced-payments platform as seed 004 writes it (shared/seeds/004_bd1c32be986672d0.txt, "Database
-- Schema & Relationships", lines 187-325): a single-merchant payment API (Node/TypeScript, plain SQL through
-- `pg`, Bull queues in Redis) whose PostgreSQL holds customers, orders, transactions, refunds, a trigger-written
-- audit_logs table, schema_migrations and, per its webhook API (lines 43-52) and delivery flow (lines 143-164),
-- webhook endpoints and deliveries. Tables in schema public, with the seed's own names. A fixture for tests and
-- demos; `payops db install` never runs it.
--
-- Types, as the seed writes them: ids are uuid (line 408, "UUID vs Auto-increment IDs"); its ER diagram's
-- "decimal" is DECIMAL holding MAJOR units (dollars: the real service, github.com/mansi57/payment-processing,
-- parses amounts with parseFloat into DECIMAL(15,2)); "string" is text; "timestamp" is TIMESTAMP without time
-- zone; metadata, addresses and payment methods are JSONB (line 414). The two enums are the seed's own
-- (lines 268-276): transaction_status (no 'partially_refunded': a partly refunded payment stays 'succeeded')
-- and transaction_type.
--
-- Tables and the seed lines each follows:
--     customers           195-204   email UNIQUE (the real service's constraint)
--     orders              206-215   customer_id REFERENCES customers ON DELETE RESTRICT ("cascade delete
--                                   protection", line 322); the index of lines 282-283
--     transactions        217-228   order_id REFERENCES orders ON DELETE RESTRICT (line 323); status and
--                                   transaction_type are the enums of lines 268-276; the index of lines 279-280;
--                                   payment_method holds the PaymentMethod of lines 432-439 (type, last4, brand)
--     refunds             230-239   transaction_id REFERENCES transactions ON DELETE RESTRICT (line 324): the
--                                   transaction refunded
--     audit_logs          241-250   written by audit_trigger_function (lines 289-303, reproduced as the seed
--                                   shows it: old_values only on DELETE, new_values on INSERT and UPDATE)
--     schema_migrations   252-256
--     transaction_summary 309-317   the seed's view
--     webhook_endpoints   43-52     columns of the real service's WebhookEndpoint type (src/types/webhook.types.ts),
--                                   snake_case
--     webhook_deliveries  52, 143-164  columns of its WebhookDelivery type; status an enum of its
--                                   WebhookDeliveryStatus labels (pending, succeeded, failed, retrying, abandoned)
--
-- Assumed where the seed says nothing:
--   * The audit trigger is attached AFTER INSERT OR UPDATE OR DELETE, FOR EACH ROW, to the four entity tables
--     (customers, orders, transactions, refunds): "Entity -> Audit Logs: Polymorphic relationship for complete
--     audit trail" (line 325); the seed shows the function, not its CREATE TRIGGER statements.
--   * NOT NULL on primary keys and on the foreign keys of the three "one-to-many" relations (lines 322-324), as
--     the real service has them; nowhere else. CHECK (amount >= 0) on the money columns, as the real service has
--     it ("amount validation", line 324, is not otherwise stated).
--   * DEFAULTs: gen_random_uuid() on ids (the real service's uuid_generate_v4() without the uuid-ossp
--     extension), CURRENT_TIMESTAMP on created_at/updated_at/applied_at, 'USD' on currencies (the real service's).
--   * The webhook tables (the seed names only their API and flow): one webhook_deliveries row per event and
--     endpoint, updated on every attempt (attempt_number, next_retry_at); 'retrying' = a failed attempt with a
--     retry scheduled, 'abandoned' = retries exhausted (the flow's "Dead Letter Queue", line 154). The event's
--     JSON body is stored as JSONB (request_body), its type in event_type. Indexes: deliveries by endpoint.
--   * No updated_at triggers: the seed shows none (the real service has them; see the variant fixture).
--   * Not here: subscriptions (no table in the seed's schema), the real service's later users/refresh_tokens
--     tables, and the Bull queues and their dead letters, which live in Redis.

CREATE TYPE transaction_status AS ENUM ('pending', 'processing', 'succeeded', 'failed', 'cancelled', 'refunded');
CREATE TYPE transaction_type AS ENUM ('purchase', 'authorize', 'capture', 'void', 'refund');
CREATE TYPE webhook_delivery_status AS ENUM ('pending', 'succeeded', 'failed', 'retrying', 'abandoned');

CREATE TABLE customers (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email       TEXT UNIQUE,
    first_name  TEXT,
    last_name   TEXT,
    phone       TEXT,
    address     JSONB,
    created_at  TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE orders (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    customer_id  UUID NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    amount       DECIMAL CHECK (amount >= 0),
    currency     TEXT DEFAULT 'USD',
    status       TEXT,
    metadata     JSONB,
    created_at   TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at   TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_orders_customer_created ON orders (customer_id, created_at);

CREATE TABLE transactions (
    id                      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id                UUID NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,
    transaction_type        transaction_type,
    amount                  DECIMAL CHECK (amount >= 0),
    currency                TEXT DEFAULT 'USD',
    status                  transaction_status DEFAULT 'pending',
    gateway_transaction_id  TEXT,
    payment_method          JSONB,
    created_at              TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at              TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_transactions_status ON transactions (status);

CREATE TABLE refunds (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    transaction_id  UUID NOT NULL REFERENCES transactions (id) ON DELETE RESTRICT,
    amount          DECIMAL CHECK (amount >= 0),
    currency        TEXT DEFAULT 'USD',
    reason          TEXT,
    status          TEXT DEFAULT 'pending',
    created_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE audit_logs (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    entity_type  TEXT,
    entity_id    UUID,
    action       TEXT,
    old_values   JSONB,
    new_values   JSONB,
    user_id      UUID,
    created_at   TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE schema_migrations (
    version     TEXT PRIMARY KEY,
    checksum    TEXT,
    applied_at  TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

-- The seed's audit trigger function (lines 289-303), as it shows it.
CREATE OR REPLACE FUNCTION audit_trigger_function()
RETURNS TRIGGER AS $$
BEGIN
    INSERT INTO audit_logs (
        entity_type, entity_id, action,
        old_values, new_values, created_at
    ) VALUES (
        TG_TABLE_NAME, COALESCE(NEW.id, OLD.id), TG_OP,
        CASE WHEN TG_OP = 'DELETE' THEN row_to_json(OLD) ELSE NULL END,
        CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN row_to_json(NEW) ELSE NULL END,
        NOW()
    );
    RETURN COALESCE(NEW, OLD);
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_customers AFTER INSERT OR UPDATE OR DELETE ON customers
    FOR EACH ROW EXECUTE FUNCTION audit_trigger_function();
CREATE TRIGGER audit_orders AFTER INSERT OR UPDATE OR DELETE ON orders
    FOR EACH ROW EXECUTE FUNCTION audit_trigger_function();
CREATE TRIGGER audit_transactions AFTER INSERT OR UPDATE OR DELETE ON transactions
    FOR EACH ROW EXECUTE FUNCTION audit_trigger_function();
CREATE TRIGGER audit_refunds AFTER INSERT OR UPDATE OR DELETE ON refunds
    FOR EACH ROW EXECUTE FUNCTION audit_trigger_function();

-- The seed's performance view (lines 309-317).
CREATE VIEW transaction_summary AS
SELECT DATE_TRUNC('day', created_at) AS date, status, currency, COUNT(*) AS transaction_count,
       SUM(amount) AS total_amount
FROM transactions
GROUP BY DATE_TRUNC('day', created_at), status, currency;

CREATE TABLE webhook_endpoints (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    url                 TEXT NOT NULL,
    description         TEXT,
    enabled_events      TEXT[],
    secret              TEXT,
    status              TEXT DEFAULT 'enabled',
    api_version         TEXT,
    metadata            JSONB,
    failure_count       INTEGER DEFAULT 0,
    last_successful_at  TIMESTAMP,
    last_attempt_at     TIMESTAMP,
    created_at          TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at          TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE webhook_deliveries (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id          TEXT NOT NULL,
    endpoint_id       UUID NOT NULL REFERENCES webhook_endpoints (id) ON DELETE RESTRICT,
    event_type        TEXT NOT NULL,
    attempt_number    INTEGER NOT NULL DEFAULT 0,
    status            webhook_delivery_status NOT NULL DEFAULT 'pending',
    http_status_code  INTEGER,
    request_body      JSONB,
    request_headers   JSONB,
    response_body     TEXT,
    response_headers  JSONB,
    scheduled_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    attempted_at      TIMESTAMP,
    completed_at      TIMESTAMP,
    next_retry_at     TIMESTAMP,
    error_message     TEXT,
    duration_ms       INTEGER,
    created_at        TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at        TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);
