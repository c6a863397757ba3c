-- The revendiste platform again (seed 000), with its types varied the way real deployments of it differ, to
-- check that one read model, one set of write hooks and one demo converter serve both. Same tables, same
-- column names (the migrations spell every name in snake_case, and the backend's Kysely CamelCasePlugin maps
-- to exactly those names, so the stack offers no other naming for them). What differs from
-- revendiste-fixture.sql:
--   * money: decimal(12,2) / numeric(12,2) instead of unconstrained numeric (still MAJOR units);
--   * text instead of varchar(n): payments.provider_payment_id, currency, failure_reason, payer_*, events.name
--     and venue_name, and payment_events.ip_address (text, so any garbage fits, not only 45 characters);
--   * text + CHECK instead of enums for payments.status, payment_events.event_type, from_status and to_status
--     (with 'status_synced', the label migration 1767205197647_add_status_synced_payment_event_type adds);
--     orders.currency stays varchar(3), as it was before 1762403360594_add_currency_enum_to_orders;
--   * extra columns the later migrations add: payments.exchange_rate numeric(18,8)
--     (1768507082772_add_exchange_rate_to_payments) and order_ticket_reservations.status
--     (1768723754501_add_status_to_order_ticket_reservations, an enum);
--   * extra indexes: idx_orders_created_at (1775791599148_dashboard_indexes), order_ticket_reservations_status_idx,
--     and a (payment_id, created_at) index on payment_events that a DBA might add for the audit trail.
-- Everything else (foreign keys, the pg_trgm index, the partial unique index, what is left out and why) is as in
-- revendiste-fixture.sql, whose header gives the sources.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TYPE order_status AS ENUM ('pending', 'confirmed', 'cancelled', 'expired');
CREATE TYPE payment_provider AS ENUM ('dlocal', 'stripe', 'paypal', 'mercadopago');
CREATE TYPE payment_method AS ENUM ('credit_card', 'debit_card', 'bank_transfer', 'voucher', 'pix', 'cash', 'other');
CREATE TYPE order_ticket_reservation_status AS ENUM ('active', 'cancelled', 'refund_pending', 'refunded');

CREATE TABLE events (
    id                uuid PRIMARY KEY,
    external_id       varchar(255) NOT NULL UNIQUE,
    platform          varchar(50) NOT NULL,
    name              text NOT NULL,
    description       text,
    event_start_date  timestamptz NOT NULL,
    event_end_date    timestamptz NOT NULL,
    venue_name        text,
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
    total_amount            numeric(12, 2) NOT NULL,
    subtotal_amount         numeric(12, 2) NOT NULL,
    platform_commission     numeric(12, 2) NOT NULL,
    vat_on_commission       numeric(12, 2) NOT NULL,
    currency                varchar(3) NOT NULL,
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
CREATE INDEX idx_orders_created_at ON orders (created_at);

CREATE TABLE order_items (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id          uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    ticket_wave_id    uuid NOT NULL,
    price_per_ticket  numeric(12, 2) NOT NULL,
    quantity          integer NOT NULL,
    subtotal          numeric(12, 2) NOT NULL,
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
    deleted_at         timestamptz,
    status             order_ticket_reservation_status NOT NULL DEFAULT 'active'
);
CREATE INDEX order_ticket_reservations_order_id_idx ON order_ticket_reservations (order_id);
CREATE INDEX order_ticket_reservations_listing_ticket_id_idx ON order_ticket_reservations (listing_ticket_id);
CREATE INDEX order_ticket_reservations_reserved_until_idx ON order_ticket_reservations (reserved_until);
CREATE INDEX order_ticket_reservations_deleted_at_idx ON order_ticket_reservations (deleted_at);
CREATE INDEX order_ticket_reservations_status_idx ON order_ticket_reservations (status);
CREATE UNIQUE INDEX order_ticket_reservations_unique_active_reservation ON order_ticket_reservations (listing_ticket_id)
    WHERE deleted_at IS NULL;

CREATE TABLE payments (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id             uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    provider             payment_provider NOT NULL,
    provider_payment_id  text NOT NULL,
    status               text NOT NULL DEFAULT 'pending'
                             CHECK (status IN ('pending', 'processing', 'paid', 'failed', 'cancelled', 'expired',
                                               'refunded', 'partially_refunded')),
    payment_method       payment_method,
    amount               decimal(12, 2) NOT NULL,
    currency             text NOT NULL,
    balance_amount       decimal(12, 2),
    balance_fee          decimal(12, 2),
    balance_currency     text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    approved_at          timestamptz,
    failed_at            timestamptz,
    cancelled_at         timestamptz,
    expired_at           timestamptz,
    refunded_at          timestamptz,
    failure_reason       text,
    redirect_url         text,
    notification_url     text,
    success_url          text,
    back_url             text,
    provider_metadata    jsonb DEFAULT '{}'::jsonb,
    payer_email          text,
    payer_first_name     text,
    payer_last_name      text,
    payer_document_type  text,
    payer_document       text,
    payer_country        text,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    deleted_at           timestamptz,
    exchange_rate        numeric(18, 8)
);

CREATE TABLE payment_events (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    payment_id   uuid NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
    event_type   text NOT NULL
                     CHECK (event_type IN ('payment_created', 'status_change', 'webhook_received', 'refund_initiated',
                                           'refund_completed', 'chargeback_received', 'dispute_opened',
                                           'dispute_resolved', 'fraud_check_failed', 'manual_review_required',
                                           'status_synced')),
    from_status  text CHECK (from_status IN ('pending', 'processing', 'paid', 'failed', 'cancelled', 'expired',
                                             'refunded', 'partially_refunded')),
    to_status    text CHECK (to_status IN ('pending', 'processing', 'paid', 'failed', 'cancelled', 'expired',
                                           'refunded', 'partially_refunded')),
    event_data   jsonb DEFAULT '{}'::jsonb,
    ip_address   text,
    user_agent   text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX payments_order_id_idx ON payments (order_id);
CREATE INDEX payments_provider_payment_id_idx ON payments (provider, provider_payment_id);
CREATE INDEX payments_status_idx ON payments (status);
CREATE INDEX payments_created_at_idx ON payments (created_at);
CREATE INDEX payment_events_payment_id_idx ON payment_events (payment_id);
CREATE INDEX payment_events_created_at_idx ON payment_events (created_at);
CREATE INDEX payment_events_payment_created ON payment_events (payment_id, created_at);
CREATE UNIQUE INDEX payments_provider_payment_id_unique ON payments (provider, provider_payment_id);
