-- The revendiste platform (seed 000: shared/seeds/000_d53de341133a0c6b.txt, the backend's docs/README.md) as its
-- own migrations write it: a Uruguayan ticket-resale marketplace (Express + Kysely, dLocal Go as the main
-- payment provider). A fixture for tests and demos; `payops db install` never runs it.
--
-- Sources. The seed names the tables (section "Database Tables", lines 118-133: payments, payment_events, orders,
-- order_items, order_ticket_reservations), says payment_events is immutable (lines 100-103, 123-124) and shows
-- the SQL support types today (lines 137-170). It gives no column list; the columns, types, enums, defaults,
-- foreign keys and indexes below follow the real repository (github.com/mathfalcon/revendiste,
-- apps/backend/src/db/migrations, read as reference, not copied), as they stand once the payments migration
-- has run (the schema the seed's README describes):
--     events                     1755646206213_create_events_table
--     users                      1756433794569_create_users_table
--     events_name_trigram        1756774426694_add_trigram_to_event_name (pg_trgm)
--     orders, order_items,       1761618289511_add_order_system_and_ticket_reservations
--     order_ticket_reservations  + 1761623984132_add_unique_constraint_to_reservations (partial unique index)
--                                + 1762403360594_add_currency_enum_to_orders (orders.currency -> event_ticket_currency)
--     event_ticket_currency      1756261499346_modify_event_ticket_waves_enum ('USD', 'UYU')
--     payments, payment_events   1762405174327_add_payments_and_payment_events_tables: the enums payment_provider,
--                                payment_status ('paid', not 'completed'; also 'cancelled' and 'expired'),
--                                payment_method, payment_event_type; amounts `numeric` in MAJOR units (12.50 is
--                                $12.50); ip_address varchar(45) (text, not inet); every time timestamptz.
-- Names are the migrations' own snake_case ones: the backend's Kysely has a CamelCasePlugin, and these
-- migrations spell the names in snake_case anyway, so the database never sees another naming for them.
--
-- Assumed or left out:
--   * order_items.ticket_wave_id and order_ticket_reservations.listing_ticket_id reference event_ticket_waves and
--     listing_tickets in the real schema; those tables (and event_images, listings, ticket_listings) are left
--     out, as no pane reads them, and so are the two foreign keys. Every other foreign key is the real one.
--   * The seed calls payment_events immutable, but the real schema enforces that only in the application (the
--     repository has no update method): no trigger here either.
--   * Refunds have no table of their own: the platform records them as payment_events 'refund_initiated' and
--     'refund_completed' rows (PaymentEventsRepository.logRefundInitiated / logRefundCompleted). What their
--     event_data holds is not in the repository; payops assumes (and writes) {"refund_id": <the initiating
--     event's id>, "amount": <major units>, "currency", "reason", ...}; a 'refund_completed' row names the
--     'refund_initiated' row it completes by refund_id.
--   * No tenants, venues, balances, payouts, outbox, webhook inbox or dead letters exist in this schema (seller
--     payouts, seller_earnings and a jobs queue came in later migrations, not part of the seed's schema).
--   * No CHECK constraints: the migrations have none. Nothing keeps refunds <= the payment amount.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TYPE event_ticket_currency AS ENUM ('USD', 'UYU');
CREATE TYPE order_status AS ENUM ('pending', 'confirmed', 'cancelled', 'expired');
CREATE TYPE payment_provider AS ENUM ('dlocal', 'stripe', 'paypal', 'mercadopago');
CREATE TYPE payment_status AS ENUM ('pending', 'processing', 'paid', 'failed', 'cancelled', 'expired', 'refunded',
                                    'partially_refunded');
CREATE TYPE payment_method AS ENUM ('credit_card', 'debit_card', 'bank_transfer', 'voucher', 'pix', 'cash', 'other');
CREATE TYPE payment_event_type AS ENUM ('payment_created', 'status_change', 'webhook_received', 'refund_initiated',
                                        'refund_completed', 'chargeback_received', 'dispute_opened', 'dispute_resolved',
                                        'fraud_check_failed', 'manual_review_required');

CREATE TABLE events (
    id                uuid PRIMARY KEY,
    external_id       varchar(255) NOT NULL UNIQUE,
    platform          varchar(50) NOT NULL,
    name              varchar(500) NOT NULL,
    description       text,
    event_start_date  timestamptz NOT NULL,
    event_end_date    timestamptz NOT NULL,
    venue_name        varchar(255),
    venue_address     text NOT NULL,
    external_url      varchar(1000) NOT NULL,
    status            varchar(50) NOT NULL DEFAULT 'active',
    metadata          jsonb,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    last_scraped_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_platform_idx ON events (platform);
CREATE INDEX events_external_id_idx ON events (external_id);
CREATE INDEX events_name_trigram ON events USING gin (name gin_trgm_ops);

CREATE TABLE users (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    clerk_id        varchar(255) NOT NULL UNIQUE,
    email           varchar(255) NOT NULL UNIQUE,
    first_name      varchar(100),
    last_name       varchar(100),
    image_url       varchar(1000),
    last_active_at  timestamptz,
    metadata        jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz
);

CREATE TABLE orders (
    id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id                 uuid NOT NULL REFERENCES users (id),
    event_id                uuid NOT NULL REFERENCES events (id),
    status                  order_status NOT NULL DEFAULT 'pending',
    total_amount            numeric NOT NULL,
    subtotal_amount         numeric NOT NULL,
    platform_commission     numeric NOT NULL,
    vat_on_commission       numeric NOT NULL,
    currency                event_ticket_currency NOT NULL,
    reservation_expires_at  timestamptz NOT NULL,
    confirmed_at            timestamptz,
    cancelled_at            timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    deleted_at              timestamptz
);
CREATE INDEX orders_user_id_idx ON orders (user_id);
CREATE INDEX orders_event_id_idx ON orders (event_id);
CREATE INDEX orders_status_idx ON orders (status);
CREATE INDEX orders_reservation_expires_at_idx ON orders (reservation_expires_at);

CREATE TABLE order_items (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id          uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    ticket_wave_id    uuid NOT NULL,
    price_per_ticket  numeric NOT NULL,
    quantity          integer NOT NULL,
    subtotal          numeric NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    deleted_at        timestamptz
);
CREATE INDEX order_items_order_id_idx ON order_items (order_id);
CREATE INDEX order_items_ticket_wave_id_idx ON order_items (ticket_wave_id);

CREATE TABLE order_ticket_reservations (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id           uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    listing_ticket_id  uuid NOT NULL,
    reserved_at        timestamptz NOT NULL DEFAULT now(),
    reserved_until     timestamptz NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    deleted_at         timestamptz
);
CREATE INDEX order_ticket_reservations_order_id_idx ON order_ticket_reservations (order_id);
CREATE INDEX order_ticket_reservations_listing_ticket_id_idx ON order_ticket_reservations (listing_ticket_id);
CREATE INDEX order_ticket_reservations_reserved_until_idx ON order_ticket_reservations (reserved_until);
CREATE INDEX order_ticket_reservations_deleted_at_idx ON order_ticket_reservations (deleted_at);
CREATE UNIQUE INDEX order_ticket_reservations_unique_active_reservation ON order_ticket_reservations (listing_ticket_id)
    WHERE deleted_at IS NULL;

CREATE TABLE payments (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id             uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    provider             payment_provider NOT NULL,
    provider_payment_id  varchar(255) NOT NULL,
    status               payment_status NOT NULL DEFAULT 'pending',
    payment_method       payment_method,
    amount               numeric NOT NULL,
    currency             varchar(3) NOT NULL,
    balance_amount       numeric,
    balance_fee          numeric,
    balance_currency     varchar(3),
    created_at           timestamptz NOT NULL DEFAULT now(),
    approved_at          timestamptz,
    failed_at            timestamptz,
    cancelled_at         timestamptz,
    expired_at           timestamptz,
    refunded_at          timestamptz,
    failure_reason       varchar(255),
    redirect_url         text,
    notification_url     text,
    success_url          text,
    back_url             text,
    provider_metadata    jsonb DEFAULT '{}'::jsonb,
    payer_email          varchar(255),
    payer_first_name     varchar(255),
    payer_last_name      varchar(255),
    payer_document_type  varchar(50),
    payer_document       varchar(255),
    payer_country        varchar(2),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    deleted_at           timestamptz
);

-- The immutable audit log (seed lines 100-103, 123-124): IP and user agent of whoever caused the event (the
-- payer's browser, or the provider calling the webhook).
CREATE TABLE payment_events (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    payment_id   uuid NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
    event_type   payment_event_type NOT NULL,
    from_status  payment_status,
    to_status    payment_status,
    event_data   jsonb DEFAULT '{}'::jsonb,
    ip_address   varchar(45),
    user_agent   text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX payments_order_id_idx ON payments (order_id);
CREATE INDEX payments_provider_payment_id_idx ON payments (provider, provider_payment_id);
CREATE INDEX payments_status_idx ON payments (status);
CREATE INDEX payments_created_at_idx ON payments (created_at);
CREATE INDEX payment_events_payment_id_idx ON payment_events (payment_id);
CREATE INDEX payment_events_created_at_idx ON payment_events (created_at);
CREATE UNIQUE INDEX payments_provider_payment_id_unique ON payments (provider, provider_payment_id);
