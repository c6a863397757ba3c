-- payops' own tables, version 3: rollups of refunds, so that the Overview's refund totals and refund alarms cost
-- what changed, not what exists (README, "### Rollups"). Maintained by payops.rollup_step like the others.
--
-- The read model's refunds carry no updated_at, so a refund's status change cannot be found by a scan. What makes
-- them exact anyway: a refund in a final status (completed or failed) does not change again; a refund still open
-- (any other status) when its minute is closed is listed in rollup_open_refunds, read raw by its id until a step
-- finds it final and folds it into its bucket.
ALTER TABLE payops.rollup_state DROP CONSTRAINT rollup_state_source_check;
ALTER TABLE payops.rollup_state ADD CONSTRAINT rollup_state_source_check
    CHECK (source IN ('payments', 'ip_attempts', 'refunds'));

-- Completed refunds per minute of created_at and their payment's currency (failed ones count nowhere).
CREATE TABLE payops.rollup_refunds (
    minute timestamptz NOT NULL,
    currency text NOT NULL,
    refunds bigint NOT NULL,
    amount numeric,
    PRIMARY KEY (minute, currency)
);

-- Refunds of closed minutes not final when last looked at: read raw (by id) until a step finds them final. status:
-- theirs when last looked at; last_refund_at: their payment's newest refund then (a read re-sums a payment whose
-- open refund changed status since, when that payment has a refund in its window). A step looks again at the
-- ones looked at longest ago (checked_at), a bounded number each time.
CREATE TABLE payops.rollup_open_refunds (
    refund_id uuid PRIMARY KEY,
    transaction_id uuid,
    minute timestamptz NOT NULL,
    currency text NOT NULL,
    status text,
    last_refund_at timestamptz,
    checked_at timestamptz NOT NULL
);
CREATE INDEX rollup_open_refunds_minute ON payops.rollup_open_refunds (minute);
CREATE INDEX rollup_open_refunds_last ON payops.rollup_open_refunds (last_refund_at);
CREATE INDEX rollup_open_refunds_checked ON payops.rollup_open_refunds (checked_at);
CREATE INDEX rollup_open_refunds_payment ON payops.rollup_open_refunds (transaction_id);

-- Payments whose refunds break an alarm (more refunded than paid; status refunded without completed refunds equal
-- to the amount), as of the step that last looked at them: one looks again when a refund of theirs is closed or
-- settles, or when the payment changes (updated_at). last_refund_at: their newest refund's created_at.
CREATE TABLE payops.rollup_refund_alarms (
    payment_id uuid PRIMARY KEY,
    last_refund_at timestamptz NOT NULL,
    over_refunded boolean NOT NULL,
    status_mismatch boolean NOT NULL
);
CREATE INDEX rollup_refund_alarms_last ON payops.rollup_refund_alarms (last_refund_at)
    INCLUDE (payment_id, over_refunded, status_mismatch);
