-- The stripe-service platform (seed 002) as a second, equally plausible Prisma schema of the same service:
-- the same three tables under the same @@map names (payments, payment_status_history, idempotency_logs),
-- with the types and names varying the way real Prisma schemas do. stripe-service-fixture.sql is the first
-- variant and says where each table and column comes from; this one differs in:
--
--   naming      every field carries @map("snake_case") (created_at, payment_id, stripe_payment_intent_id …):
--               Prisma's other common naming; the read model finds either name in the catalogue.
--   ids         String @db.Uuid: UUID columns instead of TEXT.
--   money       Decimal @db.Decimal(12, 2) instead of Prisma's default DECIMAL(65,30) (still major units).
--   strings     String @db.VarChar(n) for currency, Stripe ids, keys and codes instead of TEXT.
--   status      String @db.VarChar(32) with a CHECK constraint added by hand to the migration, instead of the
--               native enum (the labels are the same eight).
--   times       DateTime @db.Timestamptz(3) instead of TIMESTAMP(3).
--   extra       payments.stripe_customer_id and payment_status_history.source (which part of the service made
--               the change: 'api', 'webhook' or 'kafka'), and the extra index
--               payments_status_created_at_idx (@@index([status, createdAt])).
-- Everything else (keys, unique indexes, foreign keys, no triggers, no tenants) as in the first variant.

-- CreateTable
CREATE TABLE "payments" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    "currency" VARCHAR(3) NOT NULL DEFAULT 'usd',
    "status" VARCHAR(32) NOT NULL DEFAULT 'INITIATED',
    "stripe_payment_intent_id" VARCHAR(255),
    "stripe_charge_id" VARCHAR(255),
    "stripe_customer_id" VARCHAR(255),
    "idempotency_key" VARCHAR(255),
    "refunded_amount" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "failure_code" VARCHAR(64),
    "failure_message" TEXT,
    "metadata" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id"),
    -- Added by hand to the generated migration: Prisma keeps String fields unconstrained.
    CONSTRAINT "payments_status_check" CHECK ("status" IN ('INITIATED', 'PROCESSING', 'AUTHORIZED', 'CAPTURED', 'FAILED', 'CANCELLED', 'REFUNDED', 'PARTIALLY_REFUNDED'))
);

-- CreateTable
CREATE TABLE "payment_status_history" (
    "id" UUID NOT NULL,
    "payment_id" UUID NOT NULL,
    "from_status" VARCHAR(32),
    "to_status" VARCHAR(32) NOT NULL,
    "reason" TEXT,
    "source" VARCHAR(16) NOT NULL DEFAULT 'api',
    "metadata" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_status_history_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payment_status_history_from_status_check" CHECK ("from_status" IN ('INITIATED', 'PROCESSING', 'AUTHORIZED', 'CAPTURED', 'FAILED', 'CANCELLED', 'REFUNDED', 'PARTIALLY_REFUNDED')),
    CONSTRAINT "payment_status_history_to_status_check" CHECK ("to_status" IN ('INITIATED', 'PROCESSING', 'AUTHORIZED', 'CAPTURED', 'FAILED', 'CANCELLED', 'REFUNDED', 'PARTIALLY_REFUNDED'))
);

-- CreateTable
CREATE TABLE "idempotency_logs" (
    "id" UUID NOT NULL,
    "key" VARCHAR(255) NOT NULL,
    "request_path" VARCHAR(255) NOT NULL,
    "request_hash" VARCHAR(64) NOT NULL,
    "status_code" INTEGER NOT NULL,
    "response" JSONB NOT NULL,
    "payment_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_logs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "payments_stripe_payment_intent_id_key" ON "payments"("stripe_payment_intent_id");

-- CreateIndex
CREATE UNIQUE INDEX "payments_idempotency_key_key" ON "payments"("idempotency_key");

-- CreateIndex
CREATE INDEX "payments_order_id_idx" ON "payments"("order_id");

-- CreateIndex
CREATE INDEX "payments_user_id_idx" ON "payments"("user_id");

-- CreateIndex
CREATE INDEX "payments_status_created_at_idx" ON "payments"("status", "created_at");

-- CreateIndex
CREATE INDEX "payment_status_history_payment_id_idx" ON "payment_status_history"("payment_id");

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_logs_key_key" ON "idempotency_logs"("key");

-- CreateIndex
CREATE INDEX "idempotency_logs_expires_at_idx" ON "idempotency_logs"("expires_at");

-- AddForeignKey
ALTER TABLE "payment_status_history" ADD CONSTRAINT "payment_status_history_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idempotency_logs" ADD CONSTRAINT "idempotency_logs_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Prisma Migrate's bookkeeping table.
CREATE TABLE "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);
