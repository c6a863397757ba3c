-- The advanced-payments platform with the types its real service uses (github.com/mansi57/payment-processing,
-- src/migrations/001_initial_schema.sql and 002_add_users_and_auth.sql, read for the facts; written here by us),
-- under seed 004's table and column names (advanced-payments-fixture.sql), so that one read model, one write
-- file and one indexes file fit both. A fixture for tests and demos; `payops db install` never runs it.
--
-- How it differs from the seed's fixture, the way real schemas do:
--   * money DECIMAL(15,2) (major units) instead of unconstrained DECIMAL; currency VARCHAR(3); names, emails,
--     ids, actions VARCHAR(n) with the real service's lengths instead of text; TIMESTAMPTZ instead of TIMESTAMP;
--   * an enum where the seed has text and text + CHECK where the seed has an enum: refunds.status is the real
--     service's refund_status enum and orders.status its order_status enum (text in the seed's fixture), while
--     transactions.transaction_type is VARCHAR(20) + CHECK (an enum in the seed) and webhook_deliveries.status
--     VARCHAR(20) + CHECK (an enum in the seed's fixture);
--   * transaction_status has the real service's labels: 001's (pending, processing, succeeded, failed,
--     cancelled, expired) plus those 002 adds (authorized, captured, voided, refunded), in that order;
--   * extra columns the real service has: transactions.failure_reason, auth_code, response_code,
--     response_message, gateway_response, processor_response; correlation_id and request_id on orders,
--     transactions, refunds and audit_logs; refunds.refund_transaction_id; audit_logs.ip_address (INET) and
--     user_agent; audit_logs.user_id VARCHAR(255) (uuid in the seed); customers' address in columns plus metadata;
--   * extra indexes: the real service's (by order, gateway id, type, status, amount, currency, created_at,
--     correlation and request ids, GIN on the JSONB responses, audit_logs by entity, action, user, time);
--   * the real service's updated_at triggers (BEFORE UPDATE), beside the seed's audit trigger (AFTER, as in the
--     seed's fixture: the real service's migrations attach no audit trigger; payops' refunds must go through one).
-- Kept from the seed where the real service names things otherwise (a read model cannot branch on index lines,
-- see advanced-payments-indexes.sql): transactions.gateway_transaction_id (real: transaction_id),
-- transactions.transaction_type (real: type), transactions.payment_method JSONB (real: payment_method_type,
-- _last4, _brand, ... columns), refunds.transaction_id = the refunded transaction (real: original_transaction_id,
-- with transaction_id pointing at a separate 'refund' transaction).
-- The webhook tables are not in the real service's database (it keeps endpoints and deliveries in memory and
-- Redis); they are the seed fixture's, with this fixture's types. Not here: the real service's users and
-- refresh_tokens tables (002), database_stats/order_summary views, the uuid-ossp extension (gen_random_uuid()).

CREATE TYPE order_status AS ENUM ('pending', 'processing', 'completed', 'failed', 'cancelled', 'refunded',
                                  'partially_refunded');
CREATE TYPE transaction_status AS ENUM ('pending', 'processing', 'succeeded', 'failed', 'cancelled', 'expired',
                                        'authorized', 'captured', 'voided', 'refunded');
CREATE TYPE refund_status AS ENUM ('pending', 'processing', 'succeeded', 'failed', 'cancelled');

CREATE TABLE customers (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    first_name           VARCHAR(100) NOT NULL,
    last_name            VARCHAR(100) NOT NULL,
    email                VARCHAR(255) NOT NULL UNIQUE,
    phone                VARCHAR(20),
    address_street       VARCHAR(255),
    address_city         VARCHAR(100),
    address_state        VARCHAR(50),
    address_postal_code  VARCHAR(20),
    address_country      VARCHAR(50),
    metadata             JSONB,
    created_at           TIMESTAMPTZ DEFAULT NOW(),
    updated_at           TIMESTAMPTZ DEFAULT NOW()
);
CREATE INDEX idx_customers_email ON customers (email);
CREATE INDEX idx_customers_created_at ON customers (created_at);

CREATE TABLE orders (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    customer_id     UUID NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    amount          DECIMAL(15, 2) NOT NULL CHECK (amount >= 0),
    currency        VARCHAR(3) NOT NULL DEFAULT 'USD',
    status          order_status NOT NULL DEFAULT 'pending',
    description     TEXT,
    metadata        JSONB,
    correlation_id  VARCHAR(255),
    created_at      TIMESTAMPTZ DEFAULT NOW(),
    updated_at      TIMESTAMPTZ DEFAULT NOW()
);
CREATE INDEX idx_orders_customer_id ON orders (customer_id);
CREATE INDEX idx_orders_status ON orders (status);
CREATE INDEX idx_orders_created_at ON orders (created_at);
CREATE INDEX idx_orders_correlation_id ON orders (correlation_id);
CREATE INDEX idx_orders_metadata ON orders USING GIN (metadata);

CREATE TABLE transactions (
    id                      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id                UUID NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,
    gateway_transaction_id  VARCHAR(255) NOT NULL,
    transaction_type        VARCHAR(20) NOT NULL
                                CHECK (transaction_type IN ('purchase', 'authorize', 'capture', 'void', 'refund')),
    amount                  DECIMAL(15, 2) NOT NULL CHECK (amount >= 0),
    currency                VARCHAR(3) NOT NULL DEFAULT 'USD',
    status                  transaction_status NOT NULL DEFAULT 'pending',
    auth_code               VARCHAR(50),
    response_code           VARCHAR(10),
    response_message        TEXT,
    gateway_response        JSONB,
    payment_method          JSONB NOT NULL DEFAULT '{}',
    processor_response      JSONB,
    failure_reason          TEXT,
    correlation_id          VARCHAR(255),
    request_id              VARCHAR(255),
    created_at              TIMESTAMPTZ DEFAULT NOW(),
    updated_at              TIMESTAMPTZ DEFAULT NOW()
);
CREATE INDEX idx_transactions_order_id ON transactions (order_id);
CREATE INDEX idx_transactions_gateway_transaction_id ON transactions (gateway_transaction_id);
CREATE INDEX idx_transactions_type ON transactions (transaction_type);
CREATE INDEX idx_transactions_status ON transactions (status);
CREATE INDEX idx_transactions_amount ON transactions (amount);
CREATE INDEX idx_transactions_currency ON transactions (currency);
CREATE INDEX idx_transactions_created_at ON transactions (created_at);
CREATE INDEX idx_transactions_correlation_id ON transactions (correlation_id);
CREATE INDEX idx_transactions_request_id ON transactions (request_id);
CREATE INDEX idx_transactions_gateway_response ON transactions USING GIN (gateway_response);

CREATE TABLE refunds (
    id                     UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    transaction_id         UUID NOT NULL REFERENCES transactions (id) ON DELETE RESTRICT,
    amount                 DECIMAL(15, 2) NOT NULL CHECK (amount >= 0),
    currency               VARCHAR(3) NOT NULL DEFAULT 'USD',
    reason                 TEXT,
    status                 refund_status NOT NULL DEFAULT 'pending',
    refund_transaction_id  VARCHAR(255),
    correlation_id         VARCHAR(255),
    request_id             VARCHAR(255),
    created_at             TIMESTAMPTZ DEFAULT NOW(),
    updated_at             TIMESTAMPTZ DEFAULT NOW()
);
CREATE INDEX idx_refunds_transaction_id ON refunds (transaction_id);
CREATE INDEX idx_refunds_status ON refunds (status);
CREATE INDEX idx_refunds_created_at ON refunds (created_at);
CREATE INDEX idx_refunds_request_id ON refunds (request_id);

CREATE TABLE audit_logs (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    entity_type     VARCHAR(50) NOT NULL,
    entity_id       UUID NOT NULL,
    action          VARCHAR(50) NOT NULL,
    old_values      JSONB,
    new_values      JSONB,
    user_id         VARCHAR(255),
    correlation_id  VARCHAR(255),
    request_id      VARCHAR(255),
    ip_address      INET,
    user_agent      TEXT,
    created_at      TIMESTAMPTZ DEFAULT NOW()
);
CREATE INDEX idx_audit_logs_entity_type ON audit_logs (entity_type);
CREATE INDEX idx_audit_logs_entity_id ON audit_logs (entity_id);
CREATE INDEX idx_audit_logs_action ON audit_logs (action);
CREATE INDEX idx_audit_logs_created_at ON audit_logs (created_at);
CREATE INDEX idx_audit_logs_correlation_id ON audit_logs (correlation_id);
CREATE INDEX idx_audit_logs_user_id ON audit_logs (user_id);

CREATE TABLE schema_migrations (
    version     VARCHAR(255) PRIMARY KEY,
    applied_at  TIMESTAMPTZ DEFAULT NOW(),
    checksum    VARCHAR(64)
);
INSERT INTO schema_migrations (version, checksum) VALUES
    ('001_initial_schema', md5('001_initial_schema')),
    ('002_add_users_and_auth', md5('002_add_users_and_auth'));

-- The real service's updated_at maintenance.
CREATE FUNCTION update_updated_at_column() RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER update_customers_updated_at BEFORE UPDATE ON customers
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_orders_updated_at BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_transactions_updated_at BEFORE UPDATE ON transactions
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_refunds_updated_at BEFORE UPDATE ON refunds
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- Seed 004's audit trigger function (lines 289-303), as the seed shows it, on the four entity tables.
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

CREATE VIEW transaction_summary AS
SELECT DATE_TRUNC('day', created_at) AS date, status, currency, COUNT(*) AS transaction_count,
       SUM(amount) AS total_amount
FROM transactions
GROUP BY DATE_TRUNC('day', created_at), status, currency;

CREATE TABLE webhook_endpoints (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    url                 VARCHAR(2048) NOT NULL,
    description         VARCHAR(500),
    enabled_events      JSONB NOT NULL DEFAULT '[]',
    secret              VARCHAR(255) NOT NULL,
    status              VARCHAR(20) NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
    api_version         VARCHAR(20),
    metadata            JSONB,
    failure_count       INTEGER NOT NULL DEFAULT 0,
    last_successful_at  TIMESTAMPTZ,
    last_attempt_at     TIMESTAMPTZ,
    created_at          TIMESTAMPTZ DEFAULT NOW(),
    updated_at          TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE webhook_deliveries (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id          VARCHAR(255) NOT NULL,
    endpoint_id       UUID NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_type        VARCHAR(100) NOT NULL,
    attempt_number    INTEGER NOT NULL DEFAULT 0,
    status            VARCHAR(20) NOT NULL DEFAULT 'pending'
                          CHECK (status IN ('pending', 'succeeded', 'failed', 'retrying', 'abandoned')),
    http_status_code  INTEGER,
    request_body      JSONB NOT NULL DEFAULT '{}',
    request_headers   JSONB,
    response_body     TEXT,
    response_headers  JSONB,
    scheduled_at      TIMESTAMPTZ DEFAULT NOW(),
    attempted_at      TIMESTAMPTZ,
    completed_at      TIMESTAMPTZ,
    next_retry_at     TIMESTAMPTZ,
    error_message     TEXT,
    duration_ms       INTEGER,
    correlation_id    VARCHAR(255),
    created_at        TIMESTAMPTZ DEFAULT NOW(),
    updated_at        TIMESTAMPTZ DEFAULT NOW()
);
CREATE INDEX idx_webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);
CREATE INDEX idx_webhook_deliveries_retry ON webhook_deliveries (next_retry_at) WHERE status = 'retrying';
