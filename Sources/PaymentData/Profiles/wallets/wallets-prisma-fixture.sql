-- The wallets platform (seed 003) as Prisma creates it when the schema names nothing itself: the seed's "Database
-- Schema (Prisma)" section (lines 32-99) lists the five models and their camelCase fields and no @@map / @map, so
-- each model's name is its table ("User", "Wallet", "WalletTransaction", "Product", "Order") and each field's name
-- its column ("balanceBefore", "createdAt", "isLocked", …), quoted because of the capitals. A fixture for tests and
-- demos; `payops db install` never runs it. wallets-fixture.sql is the same platform as its public repository
-- writes it (every model @@map-ped to snake_case): the defaults, enums and constraints here are that file's; the
-- names differ, and the String fields the seed gives no length are TEXT, as `prisma migrate` writes them:
--     ids          String @id @default(uuid()) -> TEXT, the uuid made by the client (seed: "id: UUID")
--     DateTime     TIMESTAMP(3) without time zone, written in UTC; @updatedAt NOT NULL without a default
--     Decimal      DECIMAL(12,2), dollars (seed line 109)
--     String       TEXT (currency, name, referenceType: VARCHAR(n) in the repository's @db attributes)
--     enums        "UserRole", "TransactionType", "TransactionStatus", "PaymentMethod", "OrderStatus"
--     names        <Model>_pkey, <Model>_<field>_key (unique), <Model>_<fields>_idx, <Model>_<field>_fkey
-- Assumed where the seed is silent: the indexes and foreign keys of the repository's schema, renamed the same way.

CREATE TYPE "UserRole" AS ENUM ('USER', 'MERCHANT');
CREATE TYPE "TransactionType" AS ENUM ('DEPOSIT', 'WITHDRAWAL', 'PAYMENT', 'EARNING', 'REFUND');
CREATE TYPE "TransactionStatus" AS ENUM ('PENDING', 'COMPLETED', 'FAILED', 'REVERSED');
CREATE TYPE "PaymentMethod" AS ENUM ('WALLET', 'GATEWAY');
CREATE TYPE "OrderStatus" AS ENUM ('PENDING', 'PAYMENT_PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED', 'REFUNDED');

CREATE TABLE "User" (
    "id"         TEXT NOT NULL,
    "email"      TEXT NOT NULL,
    "password"   TEXT NOT NULL,
    "role"       "UserRole" NOT NULL DEFAULT 'USER',
    "firstName"  TEXT,
    "lastName"   TEXT,
    "isActive"   BOOLEAN NOT NULL DEFAULT true,
    "lastLogin"  TIMESTAMP(3),
    "createdAt"  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"  TIMESTAMP(3) NOT NULL,
    "deletedAt"  TIMESTAMP(3),
    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Wallet" (
    "id"         TEXT NOT NULL,
    "balance"    DECIMAL(12, 2) NOT NULL DEFAULT 0,
    "currency"   TEXT NOT NULL DEFAULT 'USD',
    "isLocked"   BOOLEAN NOT NULL DEFAULT false,
    "createdAt"  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"  TIMESTAMP(3) NOT NULL,
    "deletedAt"  TIMESTAMP(3),
    "userId"     TEXT NOT NULL,
    CONSTRAINT "Wallet_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "WalletTransaction" (
    "id"             TEXT NOT NULL,
    "type"           "TransactionType" NOT NULL,
    "status"         "TransactionStatus" NOT NULL DEFAULT 'COMPLETED',
    "amount"         DECIMAL(12, 2) NOT NULL,
    "balanceBefore"  DECIMAL(12, 2) NOT NULL,
    "balanceAfter"   DECIMAL(12, 2) NOT NULL,
    "currency"       TEXT NOT NULL DEFAULT 'USD',
    "description"    TEXT,
    "referenceType"  TEXT,
    "referenceId"    TEXT,
    "metadata"       JSONB,
    "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"      TIMESTAMP(3) NOT NULL,
    "deletedAt"      TIMESTAMP(3),
    "walletId"       TEXT NOT NULL,
    CONSTRAINT "WalletTransaction_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Product" (
    "id"              TEXT NOT NULL,
    "name"            TEXT NOT NULL,
    "description"     TEXT,
    "price"           DECIMAL(12, 2) NOT NULL,
    "currency"        TEXT NOT NULL DEFAULT 'USD',
    "availableUnits"  INTEGER NOT NULL,
    "initialUnits"    INTEGER NOT NULL,
    "isActive"        BOOLEAN NOT NULL DEFAULT true,
    "createdAt"       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"       TIMESTAMP(3) NOT NULL,
    "deletedAt"       TIMESTAMP(3),
    "merchantId"      TEXT NOT NULL,
    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Order" (
    "id"                     TEXT NOT NULL,
    "paymentMethod"          "PaymentMethod" NOT NULL,
    "status"                 "OrderStatus" NOT NULL DEFAULT 'PENDING',
    "amount"                 DECIMAL(12, 2) NOT NULL,
    "currency"               TEXT NOT NULL DEFAULT 'USD',
    "stripeSessionId"        TEXT,
    "stripePaymentIntentId"  TEXT,
    "idempotencyKey"         TEXT,
    "notes"                  TEXT,
    "metadata"               JSONB,
    "completedAt"            TIMESTAMP(3),
    "failedAt"               TIMESTAMP(3),
    "failureReason"          TEXT,
    "createdAt"              TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"              TIMESTAMP(3) NOT NULL,
    "deletedAt"              TIMESTAMP(3),
    "userId"                 TEXT NOT NULL,
    "productId"              TEXT NOT NULL,
    "merchantId"             TEXT NOT NULL,
    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "User_email_key" ON "User" ("email");
CREATE UNIQUE INDEX "Wallet_userId_key" ON "Wallet" ("userId");
CREATE INDEX "WalletTransaction_walletId_createdAt_idx" ON "WalletTransaction" ("walletId", "createdAt");
CREATE INDEX "WalletTransaction_type_status_idx" ON "WalletTransaction" ("type", "status");
CREATE INDEX "Product_merchantId_createdAt_idx" ON "Product" ("merchantId", "createdAt");
CREATE UNIQUE INDEX "Order_idempotencyKey_key" ON "Order" ("idempotencyKey");
CREATE INDEX "Order_userId_createdAt_idx" ON "Order" ("userId", "createdAt");
CREATE INDEX "Order_merchantId_createdAt_idx" ON "Order" ("merchantId", "createdAt");
CREATE INDEX "Order_status_createdAt_idx" ON "Order" ("status", "createdAt");

ALTER TABLE "Wallet" ADD CONSTRAINT "Wallet_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id")
    ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "WalletTransaction" ADD CONSTRAINT "WalletTransaction_walletId_fkey" FOREIGN KEY ("walletId")
    REFERENCES "Wallet" ("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Product" ADD CONSTRAINT "Product_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "User" ("id")
    ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Order" ADD CONSTRAINT "Order_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id")
    ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Order" ADD CONSTRAINT "Order_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id")
    ON DELETE RESTRICT ON UPDATE CASCADE;
