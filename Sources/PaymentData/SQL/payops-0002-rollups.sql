-- payops' own tables, version 2: per-minute rollups of what the Overview and Suspicious IPs aggregate, so that
-- their reads cost what changed, not what exists (README, "### Rollups"). Filled and kept up to date by
-- payops.rollup_step (functions/fn-rollup-step.sql), never by triggers: the platform's tables are not touched.
-- A minute is [minute, minute + 1 min) in UTC (payops.rollup_minute).

-- Where each source's rollups stand. closed_until: every minute before it has its buckets. changes_until: every
-- change to a row of a closed minute whose updated_at is before changes_until - margin has been folded in (the
-- margin re-scans changes behind the watermark, for transactions that commit late). A step records what it did.
CREATE TABLE payops.rollup_state (
    source text PRIMARY KEY CHECK (source IN ('payments', 'ip_attempts')),
    closed_until timestamptz,
    changes_until timestamptz,
    margin interval NOT NULL DEFAULT interval '2 minutes' CHECK (margin >= interval '0'),
    stepped_at timestamptz,
    step_rows bigint NOT NULL DEFAULT 0
);

-- payops_read.payments per minute of created_at: count and amount per status and currency, and per failure reason
-- (metadata ->> 'failure_reason', '(none recorded)' when absent) for failed payments (reason NULL otherwise).
CREATE TABLE payops.rollup_payments (
    minute timestamptz NOT NULL,
    status text,
    currency text,
    reason text,
    payments bigint NOT NULL,
    amount numeric
);
-- Covering: a window's buckets are read from the index alone once vacuumed.
CREATE INDEX rollup_payments_minute ON payops.rollup_payments (minute) INCLUDE (status, currency, reason, payments, amount);

-- payops_read.ip_attempts per minute of at, address and payment (with the payment's user and card), so that a
-- payment whose status changes has its attempts recomputed alone, and distinct users and cards stay exact.
CREATE TABLE payops.rollup_ip_attempts (
    minute timestamptz NOT NULL,
    ip_address inet,
    payment_id uuid,
    user_id uuid,
    card text,
    attempts bigint NOT NULL,
    last_at timestamptz NOT NULL
);
CREATE INDEX rollup_ip_attempts_minute ON payops.rollup_ip_attempts (minute)
    INCLUDE (ip_address, payment_id, user_id, card, attempts, last_at);
CREATE INDEX rollup_ip_attempts_payment ON payops.rollup_ip_attempts (payment_id) WHERE payment_id IS NOT NULL;
