-- payops' own tables, version 1. Everything here lives in schema payops; nothing touches the platform.
-- Functions and the read model are not versioned here: they are repeatable definitions (one per file
-- under functions/ and one read model per profile), re-applied whenever their text changes.
--
-- Error codes raised by the operator-action functions (SQLSTATE, class PX = payops refusals).
-- A refusal raises, so the whole call rolls back: a refused action writes nothing at all.
--
--   code   | raised by                              | meaning
--   -------+----------------------------------------+-------------------------------------------------
--   PX001  | every action                           | idempotency key reused with a different action or request
--   PX002  | every action with a target             | target not found (payment, venue, payout, webhook, dead letter)
--   PX003  | reject_payout, block_ip, unblock_ip    | a reason is required (null or blank)
--   PX004  | every action                           | an idempotency key is required (null or blank)
--   PX005  | every action                           | a required argument is null (or the error group is blank)
--   PX010  | refund                                 | payment status is not completed / partially_refunded
--   PX011  | refund                                 | refund amount must be > 0
--   PX012  | refund                                 | amount + refunds not failed would exceed the payment amount
--   PX013  | refund                                 | unknown reason code (duplicate, fraudulent, requested_by_customer, other)
--   PX014  | refund                                 | reason "other" needs a non-empty note
--   PX020  | request_payout                         | amount below the minimum payout (10000 cents = $100.00)
--   PX021  | request_payout, approve_payout         | amount + fee exceeds payable (available - reserved)
--   PX022  | approve_payout, reject_payout          | payout is not in status "requested"
--   PX023  | approve_payout, reject_payout          | four-eyes: the requester may not decide their own payout
--   PX024  | approve_payout                         | venue's approved+paid payouts this UTC day would exceed 5,000,000 cents
--   PX030  | retry_webhook                          | webhook is not in status "failed"
--   PX031  | requeue_dead_letter(_set)              | dead letter was already requeued (meanwhile)
--   PX033  | requeue_dead_letters (not dry run)     | no waiting dead letters in that error group
--   PX034  | reset_outbox                           | the outbox row was already processed
--   PX035  | reset_outbox                           | the outbox row is not stuck (created under 10 minutes ago)
--   PX036  | requeue_dead_letter_set                | a dead letter is not in the confirmed error group
--   PX037  | reset_outbox                           | the row was never attempted: nothing to reset
--   PX041  | block_ip                               | expiry is not in the future
--   PX042  | unblock_ip                             | network is not on the blocklist
--   PX043  | block_ip                               | network is already blocked (and not expired)
--   PX050  | create_operator                        | unknown group (viewer, support, finance, oncall)
--   PX051  | create_operator                        | invalid operator name (blank, pg_*, payops_*, or a group/superuser role)
--   PX060  | every action                           | payops is installed read-only here / the profile cannot do this action
--   42501  | create_operator; any function          | caller is not a superuser / lacks EXECUTE (PostgreSQL's own)
--
-- Idempotency: every action takes pg_advisory_xact_lock(hashtext(key)) and then looks the key up in
-- payops.operator_actions: same action and same request → the stored result, nothing done again;
-- otherwise PX001. The dry run of requeue_dead_letters neither checks nor consumes its key.

-- What was installed: profile, time zone of zone-less timestamps, platform schema.
CREATE TABLE payops.settings (
    key    text PRIMARY KEY,
    value  text NOT NULL
);

CREATE TABLE payops.operator_actions (
    id               bigserial PRIMARY KEY,
    at               timestamptz NOT NULL DEFAULT now(),
    operator         text NOT NULL DEFAULT session_user,
    action           text NOT NULL,
    target_type      text NOT NULL,
    target_id        text NOT NULL,
    reason           text,
    request          jsonb NOT NULL DEFAULT '{}',
    result           jsonb NOT NULL DEFAULT '{}',
    idempotency_key  text NOT NULL UNIQUE
);
CREATE INDEX operator_actions_target ON payops.operator_actions (target_type, target_id, at);
CREATE INDEX operator_actions_at ON payops.operator_actions (at, id);

CREATE TABLE payops.ip_blocklist (
    network     cidr PRIMARY KEY,
    reason      text NOT NULL,
    created_by  text NOT NULL DEFAULT session_user,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz
);

-- Payout requests and their four-eyes decisions, for platforms that keep none of their own.
CREATE TABLE payops.payout_requests (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    venue_id         uuid NOT NULL,
    amount           bigint NOT NULL CHECK (amount > 0),
    fee              bigint NOT NULL DEFAULT 0 CHECK (fee >= 0),
    currency         text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    instant          boolean NOT NULL DEFAULT false,
    status           text NOT NULL DEFAULT 'requested'
                         CHECK (status IN ('requested', 'approved', 'rejected', 'paid', 'failed')),
    requested_by     text NOT NULL,
    requested_at     timestamptz NOT NULL DEFAULT now(),
    decided_by       text,
    decided_at       timestamptz,
    decision_reason  text,
    idempotency_key  text UNIQUE,
    CHECK (decided_by IS NULL OR decided_by <> requested_by)
);
CREATE INDEX payout_requests_venue ON payops.payout_requests (venue_id, requested_at);
CREATE INDEX payout_requests_open ON payops.payout_requests (requested_at) WHERE status = 'requested';

-- Requeue stamps of dead letters, for platforms whose dead-letter table has no column for them.
CREATE TABLE payops.dead_letter_requeues (
    dlq_id       bigint PRIMARY KEY,
    requeued_at  timestamptz NOT NULL DEFAULT now(),
    requeued_by  text NOT NULL DEFAULT session_user,
    outbox_id    bigint
);

-- Venue names, for platforms whose venues live in another service (optional; ids are shown otherwise).
CREATE TABLE payops.venue_names (
    venue_id  uuid PRIMARY KEY,
    name      text NOT NULL,
    tier      text CHECK (tier IN ('starter', 'pro', 'enterprise'))
);

-- Append-only tables: UPDATE, DELETE and TRUNCATE are refused for everyone, owners included.
CREATE FUNCTION payops.refuse_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog AS $fn$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'P0100', HINT = 'audit rows are immutable; write a new row instead';
END
$fn$;
REVOKE ALL ON FUNCTION payops.refuse_change() FROM PUBLIC;
CREATE TRIGGER operator_actions_immutable BEFORE UPDATE OR DELETE ON payops.operator_actions
    FOR EACH ROW EXECUTE FUNCTION payops.refuse_change();
CREATE TRIGGER operator_actions_no_truncate BEFORE TRUNCATE ON payops.operator_actions
    FOR EACH STATEMENT EXECUTE FUNCTION payops.refuse_change();
