-- The wallets platform (seed 003, shared/seeds/003_abcedafc3520d834.txt: a NestJS + Prisma wallet backend) as
-- its Prisma migration writes it, in schema public. A fixture for tests and demos; `payops db install` never
-- runs it. The seed lists the five Prisma models and their fields ("Database Schema (Prisma)", lines 32-99);
-- the system's public repository (github.com/yahyamohmuedpro99/payment-flow: backend/prisma/schema.prisma and
-- prisma/migrations/20251025183331_init/migration.sql) gives what the seed leaves out, and this file follows
-- it: every model is @@map-ped to a snake_case table and every field @map-ped to a snake_case column; ids are
-- TEXT holding Prisma's client-side uuid() (no database default); DateTime is TIMESTAMP(3) without time zone,
-- which Prisma writes in UTC; @updatedAt columns are NOT NULL without a default (Prisma sets them).
--
-- Tables and the seed lines each follows:
--     users                User model, lines 34-44: role enum USER | MERCHANT, UNIQUE email, soft delete
--                          (deleted_at, line 116)
--     wallets              Wallet model, lines 46-54: balance Decimal(12,2) in MAJOR units (dollars, line 109),
--                          currency VARCHAR(3) default USD, is_locked, user_id UNIQUE (one-to-one with User)
--     wallet_transactions  WalletTransaction model, lines 56-69, "Immutable Audit Log" (line 114): type enum
--                          DEPOSIT | WITHDRAWAL | PAYMENT | EARNING | REFUND, status enum PENDING | COMPLETED |
--                          FAILED | REVERSED (default COMPLETED), amount / balance_before / balance_after
--                          Decimal(12,2), reference_type VARCHAR(50) + reference_id TEXT, metadata JSONB; indexes
--                          (wallet_id, created_at) and (type, status) from the repository's @@index lines
--     products             Product model, lines 71-82: price Decimal(12,2), available_units / initial_units
--                          (stock, locked FOR UPDATE by the purchase flow, lines 210-238); index (merchant_id,
--                          created_at)
--     orders               Order model, lines 84-99: payment_method enum WALLET | GATEWAY, status enum PENDING |
--                          PAYMENT_PROCESSING | COMPLETED | FAILED | CANCELLED | REFUNDED, UNIQUE idempotency_key
--                          (line 106), Stripe session and intent ids, completed_at / failed_at / failure_reason;
--                          indexes (user_id, created_at), (merchant_id, created_at), (status, created_at) (line 331:
--                          "Index on order status + createdAt")
-- Enum type names are Prisma's (the enum's name, quoted): "UserRole", "TransactionType", "TransactionStatus",
-- "PaymentMethod", "OrderStatus". Constraint and index names are Prisma's (<table>_pkey, <table>_<cols>_key/_idx,
-- <table>_<col>_fkey). Foreign keys as the repository declares them: wallets.user_id, wallet_transactions.wallet_id,
-- products.merchant_id, orders.user_id and orders.product_id (orders.merchant_id is "denormalized for queries" and has
-- no foreign key).
--
-- What the platform does, from the repository's services (it matters to payops' read model and write hooks):
--   * Amounts are positive; the type gives the direction: DEPOSIT, EARNING, REFUND credit the wallet, WITHDRAWAL
--     and PAYMENT debit it; balance_after = balance_before ± amount, and the wallet's balance is the last row's
--     balance_after. Nothing in the database enforces either (no CHECK, no trigger): payops' alarms would have to.
--   * A wallet purchase writes, in one serializable transaction, a PAYMENT row on the buyer's wallet and an EARNING
--     row on the merchant's, both with reference_type 'order' and reference_id = the order's idempotency_key (the
--     order id does not exist yet), then the COMPLETED order. A gateway (Stripe) order is PENDING until the
--     checkout.session.completed webhook credits the merchant (EARNING, same reference) and completes it. A failed
--     wallet purchase leaves no row at all; the published code never sets FAILED or CANCELLED (the schema has them).
--   * Deposits and withdrawals write a DEPOSIT / WITHDRAWAL row without a reference. They read the wallet without
--     FOR UPDATE in a READ COMMITTED transaction, so two at once can lose an update: exactly what the
--     "wallet balance <> last ledger row" alarm detects.
--   * The platform keeps no refund flow (seed line 369, "Future Enhancements: Refund flow"), no payouts, no webhook
--     inbox, no outbox, no audit of client addresses. Stripe webhooks are handled in memory.
-- Assumed where both are silent: nothing (the migration states every type, default and constraint); no triggers
-- (neither shows one: the ledger's immutability is the application's promise only).

CREATE TYPE "UserRole" AS ENUM ('USER', 'MERCHANT');
CREATE TYPE "TransactionType" AS ENUM ('DEPOSIT', 'WITHDRAWAL', 'PAYMENT', 'EARNING', 'REFUND');
CREATE TYPE "TransactionStatus" AS ENUM ('PENDING', 'COMPLETED', 'FAILED', 'REVERSED');
CREATE TYPE "PaymentMethod" AS ENUM ('WALLET', 'GATEWAY');
CREATE TYPE "OrderStatus" AS ENUM ('PENDING', 'PAYMENT_PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED', 'REFUNDED');

CREATE TABLE users (
    id          TEXT NOT NULL,
    email       TEXT NOT NULL,
    password    TEXT NOT NULL,
    role        "UserRole" NOT NULL DEFAULT 'USER',
    first_name  TEXT,
    last_name   TEXT,
    is_active   BOOLEAN NOT NULL DEFAULT true,
    last_login  TIMESTAMP(3),
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMP(3) NOT NULL,
    deleted_at  TIMESTAMP(3),
    CONSTRAINT users_pkey PRIMARY KEY (id)
);

CREATE TABLE wallets (
    id          TEXT NOT NULL,
    balance     DECIMAL(12, 2) NOT NULL DEFAULT 0,
    currency    VARCHAR(3) NOT NULL DEFAULT 'USD',
    is_locked   BOOLEAN NOT NULL DEFAULT false,
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMP(3) NOT NULL,
    deleted_at  TIMESTAMP(3),
    user_id     TEXT NOT NULL,
    CONSTRAINT wallets_pkey PRIMARY KEY (id)
);

CREATE TABLE wallet_transactions (
    id              TEXT NOT NULL,
    type            "TransactionType" NOT NULL,
    status          "TransactionStatus" NOT NULL DEFAULT 'COMPLETED',
    amount          DECIMAL(12, 2) NOT NULL,
    balance_before  DECIMAL(12, 2) NOT NULL,
    balance_after   DECIMAL(12, 2) NOT NULL,
    currency        VARCHAR(3) NOT NULL DEFAULT 'USD',
    description     TEXT,
    reference_type  VARCHAR(50),
    reference_id    TEXT,
    metadata        JSONB,
    created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      TIMESTAMP(3) NOT NULL,
    deleted_at      TIMESTAMP(3),
    wallet_id       TEXT NOT NULL,
    CONSTRAINT wallet_transactions_pkey PRIMARY KEY (id)
);

CREATE TABLE products (
    id               TEXT NOT NULL,
    name             VARCHAR(255) NOT NULL,
    description      TEXT,
    price            DECIMAL(12, 2) NOT NULL,
    currency         VARCHAR(3) NOT NULL DEFAULT 'USD',
    available_units  INTEGER NOT NULL,
    initial_units    INTEGER NOT NULL,
    is_active        BOOLEAN NOT NULL DEFAULT true,
    created_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at       TIMESTAMP(3) NOT NULL,
    deleted_at       TIMESTAMP(3),
    merchant_id      TEXT NOT NULL,
    CONSTRAINT products_pkey PRIMARY KEY (id)
);

CREATE TABLE orders (
    id                        TEXT NOT NULL,
    payment_method            "PaymentMethod" NOT NULL,
    status                    "OrderStatus" NOT NULL DEFAULT 'PENDING',
    amount                    DECIMAL(12, 2) NOT NULL,
    currency                  VARCHAR(3) NOT NULL DEFAULT 'USD',
    stripe_session_id         TEXT,
    stripe_payment_intent_id  TEXT,
    idempotency_key           TEXT,
    notes                     TEXT,
    metadata                  JSONB,
    completed_at              TIMESTAMP(3),
    failed_at                 TIMESTAMP(3),
    failure_reason            TEXT,
    created_at                TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at                TIMESTAMP(3) NOT NULL,
    deleted_at                TIMESTAMP(3),
    user_id                   TEXT NOT NULL,
    product_id                TEXT NOT NULL,
    merchant_id               TEXT NOT NULL,
    CONSTRAINT orders_pkey PRIMARY KEY (id)
);

CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE UNIQUE INDEX wallets_user_id_key ON wallets (user_id);
CREATE INDEX wallet_transactions_wallet_id_created_at_idx ON wallet_transactions (wallet_id, created_at);
CREATE INDEX wallet_transactions_type_status_idx ON wallet_transactions (type, status);
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
