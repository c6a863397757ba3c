-- The wallets platform (seed 003) as a variant of its Prisma schema, the way real deployments of the same models
-- drift: the same tables and columns as wallets-fixture.sql (the repository's @@map / @map snake_case names), with
-- other types. A fixture for tests and demos; `payops db install` never runs it. One read model, one set of write
-- hooks, one indexes file and one demo converter serve both fixtures.
--
-- What differs from wallets-fixture.sql, and the Prisma attribute that would produce it:
--   * ids are UUID (String @db.Uuid) instead of TEXT, foreign keys too; reference_id and idempotency_key stay TEXT
--     (free-form strings in the model);
--   * money is Prisma's default Decimal mapping, DECIMAL(65,30), instead of @db.Decimal(12, 2) (seed line 109 asks
--     for Decimal(12,2); a schema without the attribute gets this);
--   * strings are TEXT (no @db.VarChar(n)): currency, reference_type, products.name;
--   * enums are TEXT with a CHECK over the same labels (a hand-edited migration; Prisma has no CHECK of its own);
--   * DateTime is TIMESTAMPTZ(3) (@db.Timestamptz(3)) instead of TIMESTAMP(3);
--   * an extra column: wallets.version, the optimistic-locking counter of the seed's "Version fields for conflict
--     detection" (line 105), bumped on every balance change;
--   * an extra index: wallet_transactions (reference_id), the ledger rows of an order by its key;
--   * a trigger the seed implies ("WalletTransaction records never updated", line 114): the ledger refuses UPDATE
--     and DELETE.
-- Foreign keys, unique keys and the other indexes are the repository's (see wallets-fixture.sql).

CREATE TABLE users (
    id          UUID NOT NULL,
    email       TEXT NOT NULL,
    password    TEXT NOT NULL,
    role        TEXT NOT NULL DEFAULT 'USER' CONSTRAINT users_role_check CHECK (role IN ('USER', 'MERCHANT')),
    first_name  TEXT,
    last_name   TEXT,
    is_active   BOOLEAN NOT NULL DEFAULT true,
    last_login  TIMESTAMPTZ(3),
    created_at  TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMPTZ(3) NOT NULL,
    deleted_at  TIMESTAMPTZ(3),
    CONSTRAINT users_pkey PRIMARY KEY (id)
);

CREATE TABLE wallets (
    id          UUID NOT NULL,
    balance     DECIMAL(65, 30) NOT NULL DEFAULT 0,
    currency    TEXT NOT NULL DEFAULT 'USD',
    is_locked   BOOLEAN NOT NULL DEFAULT false,
    version     INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMPTZ(3) NOT NULL,
    deleted_at  TIMESTAMPTZ(3),
    user_id     UUID NOT NULL,
    CONSTRAINT wallets_pkey PRIMARY KEY (id)
);

CREATE TABLE wallet_transactions (
    id              UUID NOT NULL,
    type            TEXT NOT NULL CONSTRAINT wallet_transactions_type_check
                        CHECK (type IN ('DEPOSIT', 'WITHDRAWAL', 'PAYMENT', 'EARNING', 'REFUND')),
    status          TEXT NOT NULL DEFAULT 'COMPLETED' CONSTRAINT wallet_transactions_status_check
                        CHECK (status IN ('PENDING', 'COMPLETED', 'FAILED', 'REVERSED')),
    amount          DECIMAL(65, 30) NOT NULL,
    balance_before  DECIMAL(65, 30) NOT NULL,
    balance_after   DECIMAL(65, 30) NOT NULL,
    currency        TEXT NOT NULL DEFAULT 'USD',
    description     TEXT,
    reference_type  TEXT,
    reference_id    TEXT,
    metadata        JSONB,
    created_at      TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      TIMESTAMPTZ(3) NOT NULL,
    deleted_at      TIMESTAMPTZ(3),
    wallet_id       UUID NOT NULL,
    CONSTRAINT wallet_transactions_pkey PRIMARY KEY (id)
);

CREATE TABLE products (
    id               UUID NOT NULL,
    name             TEXT NOT NULL,
    description      TEXT,
    price            DECIMAL(65, 30) NOT NULL,
    currency         TEXT NOT NULL DEFAULT 'USD',
    available_units  INTEGER NOT NULL,
    initial_units    INTEGER NOT NULL,
    is_active        BOOLEAN NOT NULL DEFAULT true,
    created_at       TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at       TIMESTAMPTZ(3) NOT NULL,
    deleted_at       TIMESTAMPTZ(3),
    merchant_id      UUID NOT NULL,
    CONSTRAINT products_pkey PRIMARY KEY (id)
);

CREATE TABLE orders (
    id                        UUID NOT NULL,
    payment_method            TEXT NOT NULL CONSTRAINT orders_payment_method_check
                                  CHECK (payment_method IN ('WALLET', 'GATEWAY')),
    status                    TEXT NOT NULL DEFAULT 'PENDING' CONSTRAINT orders_status_check
                                  CHECK (status IN ('PENDING', 'PAYMENT_PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED',
                                                    'REFUNDED')),
    amount                    DECIMAL(65, 30) NOT NULL,
    currency                  TEXT NOT NULL DEFAULT 'USD',
    stripe_session_id         TEXT,
    stripe_payment_intent_id  TEXT,
    idempotency_key           TEXT,
    notes                     TEXT,
    metadata                  JSONB,
    completed_at              TIMESTAMPTZ(3),
    failed_at                 TIMESTAMPTZ(3),
    failure_reason            TEXT,
    created_at                TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at                TIMESTAMPTZ(3) NOT NULL,
    deleted_at                TIMESTAMPTZ(3),
    user_id                   UUID NOT NULL,
    product_id                UUID NOT NULL,
    merchant_id               UUID NOT NULL,
    CONSTRAINT orders_pkey PRIMARY KEY (id)
);

CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE UNIQUE INDEX wallets_user_id_key ON wallets (user_id);
CREATE INDEX wallet_transactions_wallet_id_created_at_idx ON wallet_transactions (wallet_id, created_at);
CREATE INDEX wallet_transactions_type_status_idx ON wallet_transactions (type, status);
CREATE INDEX wallet_transactions_reference_id_idx ON wallet_transactions (reference_id);
CREATE INDEX products_merchant_id_created_at_idx ON products (merchant_id, created_at);
CREATE UNIQUE INDEX orders_idempotency_key_key ON orders (idempotency_key);
CREATE INDEX orders_user_id_created_at_idx ON orders (user_id, created_at);
CREATE INDEX orders_merchant_id_created_at_idx ON orders (merchant_id, created_at);
CREATE INDEX orders_status_created_at_idx ON orders (status, created_at);

ALTER TABLE wallets ADD CONSTRAINT wallets_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)
    ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE wallet_transactions ADD CONSTRAINT wallet_transactions_wallet_id_fkey FOREIGN KEY (wallet_id)
    REFERENCES wallets (id) ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE products ADD CONSTRAINT products_merchant_id_fkey FOREIGN KEY (merchant_id) REFERENCES users (id)
    ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)
    ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE orders ADD CONSTRAINT orders_product_id_fkey FOREIGN KEY (product_id) REFERENCES products (id)
    ON DELETE RESTRICT ON UPDATE CASCADE;

-- The ledger is append-only here: a row, once written, is never changed or removed.
CREATE FUNCTION wallet_transactions_immutable() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'wallet_transactions is an immutable ledger: % refused', TG_OP;
END
$fn$;
CREATE TRIGGER wallet_transactions_no_change BEFORE UPDATE OR DELETE ON wallet_transactions
    FOR EACH ROW EXECUTE FUNCTION wallet_transactions_immutable();
