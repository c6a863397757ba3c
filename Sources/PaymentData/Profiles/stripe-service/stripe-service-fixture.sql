-- The stripe-service platform as seed 002 describes it (shared/seeds/002_2883773425e5b0a2.txt): a Node.js /
-- Express payment service on PostgreSQL 16 with Prisma ORM, Stripe for payments, Kafka for events. This file
-- is its schema in schema public as `npx prisma migrate dev` would create it (Prisma's migration SQL: quoted
-- names, TEXT ids, TIMESTAMP(3), DECIMAL(65,30), JSONB, a native enum, "<table>_pkey" / "<table>_<cols>_key" /
-- "<table>_<cols>_idx" / "<table>_<col>_fkey" names). A fixture for tests and demos; `payops db install`
-- never runs it.
--
-- What the seed gives (its lines):
--     line 75 "PostgreSQL 16 with Prisma ORM"; lines 89-92 "Database Schema": exactly three tables,
--         payments (payment records), payment_status_history (status change tracking), idempotency_logs
--         (duplicate request prevention). Their snake_case plural names mean the models carry @@map (Prisma's
--         default would be "Payment", "PaymentStatusHistory", "IdempotencyLog"); the seed maps no field, so the
--         columns keep Prisma's default: the field names, camelCase ("createdAt").
--     lines 79-84 published events (payment.initiated, .authorized "Payment successful", .failed, .captured,
--         .refunded) and lines 124-128 handled webhooks (payment_intent.succeeded, payment_intent.payment_failed,
--         charge.refunded, charge.captured): the status labels of the PaymentStatus enum below.
--     lines 94-108 idempotency: the client's Idempotency-Key header (a uuid-v4) is looked up in
--         idempotency_logs, the cached response is returned, 24-hour window: key, response, expiry.
--     lines 63-69 the API (create intent, get status, refund, Stripe webhook); lines 215-220 failures
--         (insufficient funds, declined, expired card …): Stripe's failure code and message on the payment.
--     lines 199-204 PCI: only Stripe ids are stored (no card data, no fingerprints, no client addresses).
-- The real repository could not be found (the search index holds this README alone, with no repository;
-- no Prisma schema or migration of a service with these three tables and this README turned up), so every
-- column below is assumed, chosen as a Prisma + Stripe service of this shape writes it:
--
--     payments                 id (uuid() text), orderId (from order.placed, line 87), userId, amount (Prisma
--                              Decimal: MAJOR units, 12.50 = $12.50), currency (Stripe's lower-case 'usd'),
--                              status (enum), stripePaymentIntentId (unique), stripeChargeId (charge.captured /
--                              charge.refunded), idempotencyKey (the header's key, unique), refundedAmount
--                              (Stripe's cumulative amount_refunded, major units), failureCode / failureMessage
--                              (payment_intent.payment_failed's last_payment_error), metadata (Json), createdAt,
--                              updatedAt (@updatedAt: set by the client, no database default).
--     payment_status_history   one row per status change: paymentId → payments, fromStatus (NULL on the first
--                              row), toStatus, reason (Stripe's failure code or refund reason), metadata (Json: a
--                              refund's row carries {"refundId": "re_…", "amount": "<major units>"}), createdAt.
--                              Written by the service only; nothing in the database makes it append-only.
--     idempotency_logs         key (unique), requestPath, requestHash, statusCode, response (the cached body),
--                              paymentId (the payment the request created, NULL when it created none; relation
--                              with onDelete SetNull), createdAt, expiresAt (createdAt + 24 h).
--     _prisma_migrations       Prisma Migrate's own bookkeeping table, exactly as Prisma creates it (empty here).
-- Not here, because the seed's schema has no table for them: Stripe webhooks are verified and applied on
-- receipt (replay protection is the signature's timestamp tolerance, lines 130-133), Kafka events are published
-- directly (no outbox), refunds are Stripe refunds recorded as status changes (no refund table), and there are
-- no merchants/venues, balances, payouts, fraud checks or client addresses. No tenants.
-- Indexes: Prisma's for the @unique fields, and @@index on the foreign keys and the obvious filters (orderId,
-- userId, status, expiresAt) — assumed. No CHECK constraints and no triggers (the seed shows none; Prisma
-- makes none): nothing keeps refundedAmount <= amount.

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('INITIATED', 'PROCESSING', 'AUTHORIZED', 'CAPTURED', 'FAILED', 'CANCELLED', 'REFUNDED', 'PARTIALLY_REFUNDED');

-- CreateTable
CREATE TABLE "payments" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "amount" DECIMAL(65,30) NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'usd',
    "status" "PaymentStatus" NOT NULL DEFAULT 'INITIATED',
    "stripePaymentIntentId" TEXT,
    "stripeChargeId" TEXT,
    "idempotencyKey" TEXT,
    "refundedAmount" DECIMAL(65,30) NOT NULL DEFAULT 0,
    "failureCode" TEXT,
    "failureMessage" TEXT,
    "metadata" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_status_history" (
    "id" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "fromStatus" "PaymentStatus",
    "toStatus" "PaymentStatus" NOT NULL,
    "reason" TEXT,
    "metadata" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_status_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_logs" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestPath" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "statusCode" INTEGER NOT NULL,
    "response" JSONB NOT NULL,
    "paymentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "idempotency_logs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "payments_stripePaymentIntentId_key" ON "payments"("stripePaymentIntentId");

-- CreateIndex
CREATE UNIQUE INDEX "payments_idempotencyKey_key" ON "payments"("idempotencyKey");

-- CreateIndex
CREATE INDEX "payments_orderId_idx" ON "payments"("orderId");

-- CreateIndex
CREATE INDEX "payments_userId_idx" ON "payments"("userId");

-- CreateIndex
CREATE INDEX "payments_status_idx" ON "payments"("status");

-- CreateIndex
CREATE INDEX "payment_status_history_paymentId_idx" ON "payment_status_history"("paymentId");

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_logs_key_key" ON "idempotency_logs"("key");

-- CreateIndex
CREATE INDEX "idempotency_logs_expiresAt_idx" ON "idempotency_logs"("expiresAt");

-- AddForeignKey
ALTER TABLE "payment_status_history" ADD CONSTRAINT "payment_status_history_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idempotency_logs" ADD CONSTRAINT "idempotency_logs_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "payments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Prisma Migrate's bookkeeping table (created by the first `prisma migrate`, before the migration above).
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
