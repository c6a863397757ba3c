-- One bounded maintenance step of the rollups (README, "### Rollups"): for each source, first the changes
-- (payops_read.payments.updated_at from the cursor minus the margin: the margin always, then at most p_max_rows
-- rows after the cursor; every minute, or payment, they touch is recomputed entirely from the raw rows), then the minutes closed since the last step (at
-- most about p_max_rows rows). Two maintainers at once: the one that does not get the lock does nothing and says
-- busy. Returns where each source stands and how many raw rows the step read.
--
-- Why it is exact (with the caveats the README lists): a row changed by a transaction that commits after a step's
-- snapshot has updated_at >= its transaction's start >= (its commit - margin) > (the step's start - margin), so the
-- next step, which scans from the step's start minus the margin, sees it; and so does a pane's read in between
-- (it reads such minutes, or payments, raw). ip_attempts rows are stamped when they are written (at = insertion
-- time), so minutes newer than the step's start minus the margin are left open (read raw) for them.
CREATE OR REPLACE FUNCTION payops.rollup_step(p_max_rows integer DEFAULT 50000)
 RETURNS TABLE (r_source text, r_closed_until timestamptz, r_changes_until timestamptz, r_rows bigint, r_busy boolean)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path = pg_catalog, payops, pg_temp
 SET plan_cache_mode = force_custom_plan
AS $fn$
DECLARE
    v_now timestamptz := now();
    v_state payops.rollup_state%ROWTYPE;
    v_from timestamptz;
    v_to timestamptz;
    v_start timestamptz;
    v_end timestamptz;
    v_target timestamptz;
    v_minutes timestamptz[];
    v_ids uuid[];
    v_rows_payments bigint := 0;
    v_rows_attempts bigint := 0;
    v_rows_refunds bigint := 0;
    v_payments uuid[];
    v_open_after uuid;
    v_n bigint;
BEGIN
    IF p_max_rows IS NULL OR p_max_rows < 1 THEN
        RAISE EXCEPTION 'max_rows must be at least 1' USING ERRCODE = 'PX005';
    END IF;
    IF NOT pg_try_advisory_xact_lock(hashtext('payops.rollup')) THEN
        RETURN QUERY SELECT s.source, s.closed_until, s.changes_until, 0::bigint, true
                     FROM payops.rollup_state s ORDER BY s.source;
        RETURN;
    END IF;
    -- Forced row-level security (payops.settings run_as): each session sees its own tenant, so no rollup can be
    -- shared between sessions. No rows: the panes read raw.
    IF EXISTS (SELECT 1 FROM payops.settings st WHERE st.key = 'run_as') THEN
        RETURN;
    END IF;
    INSERT INTO payops.rollup_state (source) VALUES ('payments'), ('ip_attempts'), ('refunds') ON CONFLICT DO NOTHING;

    -- payments, by minute of created_at.
    SELECT * INTO v_state FROM payops.rollup_state s WHERE s.source = 'payments' FOR UPDATE;
    IF v_state.closed_until IS NOT NULL THEN
        -- The margin behind the cursor is always re-read (late commits); the bound applies to the rows after it.
        v_from := v_state.changes_until - v_state.margin;
        v_to := payops.rollup_changes_to(v_state.changes_until, p_max_rows);
        SELECT array_agg(DISTINCT payops.rollup_minute(p.created_at)), count(*) INTO v_minutes, v_n
        FROM payops_read.payments p
        WHERE p.updated_at >= v_from AND (v_to IS NULL OR p.updated_at < v_to) AND p.created_at < v_state.closed_until;
        IF v_minutes IS NOT NULL THEN
            DELETE FROM payops.rollup_payments r WHERE r.minute = ANY (v_minutes);
            INSERT INTO payops.rollup_payments (minute, status, currency, reason, payments, amount)
            SELECT m.minute, p.status, p.currency,
                   CASE WHEN p.status = 'failed' THEN coalesce(p.metadata ->> 'failure_reason', '(none recorded)') END,
                   count(*), sum(p.amount)
            FROM unnest(v_minutes) m(minute)
            JOIN payops_read.payments p ON p.created_at >= m.minute AND p.created_at < m.minute + interval '1 minute'
            GROUP BY 1, 2, 3, 4;
        END IF;
        v_rows_payments := v_rows_payments + v_n;
        v_state.changes_until := CASE WHEN v_to IS NULL THEN v_now ELSE greatest(v_state.changes_until, least(v_to, v_now)) END;
    ELSE
        v_state.changes_until := v_now;
    END IF;
    v_target := payops.rollup_minute(v_now);
    v_start := coalesce(v_state.closed_until,
                        (SELECT payops.rollup_minute(min(p.created_at)) FROM payops_read.payments p), v_target);
    IF v_start < v_target THEN
        SELECT p.created_at INTO v_end FROM payops_read.payments p WHERE p.created_at >= v_start
        ORDER BY p.created_at OFFSET p_max_rows LIMIT 1;
        v_end := CASE WHEN v_end IS NULL THEN v_target
                      ELSE least(v_target, greatest(payops.rollup_minute(v_end), v_start + interval '1 minute')) END;
        DELETE FROM payops.rollup_payments r WHERE r.minute >= v_start AND r.minute < v_end;
        INSERT INTO payops.rollup_payments (minute, status, currency, reason, payments, amount)
        SELECT payops.rollup_minute(p.created_at), p.status, p.currency,
               CASE WHEN p.status = 'failed' THEN coalesce(p.metadata ->> 'failure_reason', '(none recorded)') END,
               count(*), sum(p.amount)
        FROM payops_read.payments p
        WHERE p.created_at >= v_start AND p.created_at < v_end
        GROUP BY 1, 2, 3, 4;
        SELECT coalesce(sum(r.payments), 0) INTO v_n FROM payops.rollup_payments r
        WHERE r.minute >= v_start AND r.minute < v_end;
        v_rows_payments := v_rows_payments + v_n;
        v_start := v_end;
    END IF;
    UPDATE payops.rollup_state s
    SET closed_until = greatest(v_start, coalesce(s.closed_until, v_start)), changes_until = v_state.changes_until,
        stepped_at = v_now, step_rows = v_rows_payments
    WHERE s.source = 'payments';

    -- ip_attempts, by minute of at; recomputed per payment when the payment changes (payops.rollup_ip_replace, which
    -- keeps the per-hour sums by address with them).
    SELECT * INTO v_state FROM payops.rollup_state s WHERE s.source = 'ip_attempts' FOR UPDATE;
    IF v_state.closed_until IS NOT NULL THEN
        -- The margin behind the cursor is always re-read (late commits); the bound applies to the rows after it.
        v_from := v_state.changes_until - v_state.margin;
        v_to := payops.rollup_changes_to(v_state.changes_until, p_max_rows);
        SELECT array_agg(p.id) INTO v_ids FROM payops_read.payments p
        WHERE p.updated_at >= v_from AND (v_to IS NULL OR p.updated_at < v_to);
        IF v_ids IS NOT NULL THEN
            PERFORM payops.rollup_ip_replace(v_ids, '-infinity', v_state.closed_until);
            v_rows_attempts := v_rows_attempts + cardinality(v_ids);
        END IF;
        v_state.changes_until := CASE WHEN v_to IS NULL THEN v_now ELSE greatest(v_state.changes_until, least(v_to, v_now)) END;
    ELSE
        v_state.changes_until := v_now;
    END IF;
    v_target := payops.rollup_minute(v_now - v_state.margin);
    v_start := coalesce(v_state.closed_until,
                        (SELECT payops.rollup_minute(min(a.at)) FROM payops_read.ip_attempts a), v_target);
    IF v_start < v_target THEN
        SELECT a.at INTO v_end FROM payops_read.ip_attempts a WHERE a.at >= v_start
        ORDER BY a.at OFFSET p_max_rows LIMIT 1;
        v_end := CASE WHEN v_end IS NULL THEN v_target
                      ELSE least(v_target, greatest(payops.rollup_minute(v_end), v_start + interval '1 minute')) END;
        v_n := payops.rollup_ip_replace(NULL, v_start, v_end);
        v_rows_attempts := v_rows_attempts + v_n;
        v_start := v_end;
    END IF;
    UPDATE payops.rollup_state s
    SET closed_until = greatest(v_start, coalesce(s.closed_until, v_start)), changes_until = v_state.changes_until,
        stepped_at = v_now, step_rows = v_rows_attempts
    WHERE s.source = 'ip_attempts';

    -- refunds, by minute of created_at (stamped when written, like ip_attempts: minutes newer than the step's start
    -- minus the margin stay open). Only final refunds are in buckets: open ones are listed and read raw by id until
    -- a step finds them final. The alarms (payops.rollup_refund_alarms) are looked at again for every payment
    -- whose refund was closed or settled, and every payment changed since the last step.
    SELECT * INTO v_state FROM payops.rollup_state s WHERE s.source = 'refunds' FOR UPDATE;
    v_payments := '{}';
    IF v_state.closed_until IS NOT NULL THEN
        -- The open refunds in turn by id, from where the step before stopped (at most 500 a step; after the last
        -- one, the next step starts again from the first): final ones go into their buckets (completed) or nowhere
        -- (failed), gone ones are dropped, the ones whose status moved on keep their new status (the others are not
        -- written); each one's payment is looked at again when its refund moved on. (A read re-sums a payment whose
        -- open refund moved on in between.)
        WITH looked AS (
            SELECT o.refund_id, o.transaction_id, o.minute, o.currency, o.status AS was, r.id AS found, r.status, r.amount
            FROM (SELECT * FROM payops.rollup_open_refunds
                  WHERE v_state.open_after IS NULL OR refund_id > v_state.open_after
                  ORDER BY refund_id LIMIT least(p_max_rows, 500)) o
            LEFT JOIN payops_read.refunds r ON r.id = o.refund_id
        ),
        settled AS (
            DELETE FROM payops.rollup_open_refunds o USING looked l
            WHERE o.refund_id = l.refund_id AND (l.found IS NULL OR l.status IN ('completed', 'failed'))
            RETURNING o.refund_id
        ),
        moved AS (
            UPDATE payops.rollup_open_refunds o SET status = l.status, checked_at = v_now FROM looked l
            WHERE o.refund_id = l.refund_id AND l.found IS NOT NULL AND l.status IS DISTINCT FROM 'completed'
              AND l.status IS DISTINCT FROM 'failed' AND l.status IS DISTINCT FROM l.was
            RETURNING o.refund_id
        ),
        folded AS (
            INSERT INTO payops.rollup_refunds AS b (minute, currency, refunds, amount)
            SELECT l.minute, l.currency, count(*), sum(l.amount) FROM looked l
            WHERE l.found IS NOT NULL AND l.status = 'completed'
            GROUP BY 1, 2
            ON CONFLICT (minute, currency) DO UPDATE
            SET refunds = b.refunds + excluded.refunds, amount = coalesce(b.amount + excluded.amount, b.amount, excluded.amount)
        )
        SELECT coalesce(array_agg(DISTINCT l.transaction_id)
                        FILTER (WHERE l.transaction_id IS NOT NULL AND l.status IS DISTINCT FROM l.was), '{}'),
               count(*), CASE WHEN count(*) >= least(p_max_rows, 500) THEN (array_agg(l.refund_id ORDER BY l.refund_id DESC))[1] END
        INTO v_payments, v_n, v_open_after FROM looked l;  -- (settled, moved and folded run whether read or not)
        v_rows_refunds := v_rows_refunds + v_n;
        -- Payments changed since the last step (status, amount): the margin always, then at most p_max_rows rows.
        v_from := v_state.changes_until - v_state.margin;
        v_to := payops.rollup_changes_to(v_state.changes_until, p_max_rows);
        SELECT v_payments || coalesce(array_agg(p.id), '{}'), count(*) INTO v_payments, v_n FROM payops_read.payments p
        WHERE p.updated_at >= v_from AND (v_to IS NULL OR p.updated_at < v_to);
        v_rows_refunds := v_rows_refunds + v_n;
        v_state.changes_until := CASE WHEN v_to IS NULL THEN v_now ELSE greatest(v_state.changes_until, least(v_to, v_now)) END;
    ELSE
        v_state.changes_until := v_now;
    END IF;
    v_target := payops.rollup_minute(v_now - v_state.margin);
    v_start := coalesce(v_state.closed_until,
                        (SELECT payops.rollup_minute(min(r.created_at)) FROM payops_read.refunds r), v_target);
    IF v_start < v_target THEN
        SELECT r.created_at INTO v_end FROM payops_read.refunds r WHERE r.created_at >= v_start
        ORDER BY r.created_at OFFSET p_max_rows LIMIT 1;
        v_end := CASE WHEN v_end IS NULL THEN v_target
                      ELSE least(v_target, greatest(payops.rollup_minute(v_end), v_start + interval '1 minute')) END;
        DELETE FROM payops.rollup_refunds b WHERE b.minute >= v_start AND b.minute < v_end;
        DELETE FROM payops.rollup_open_refunds o WHERE o.minute >= v_start AND o.minute < v_end;
        INSERT INTO payops.rollup_refunds (minute, currency, refunds, amount)
        SELECT payops.rollup_minute(r.created_at), t.currency, count(*), sum(r.amount)
        FROM payops_read.refunds r JOIN payops_read.payments t ON t.id = r.transaction_id
        WHERE r.created_at >= v_start AND r.created_at < v_end AND r.status = 'completed' AND t.currency IS NOT NULL
        GROUP BY 1, 2;
        INSERT INTO payops.rollup_open_refunds (refund_id, transaction_id, minute, currency, status, last_refund_at, checked_at)
        SELECT r.id, r.transaction_id, payops.rollup_minute(r.created_at), t.currency, r.status, r.created_at, v_now
        FROM payops_read.refunds r JOIN payops_read.payments t ON t.id = r.transaction_id
        WHERE r.created_at >= v_start AND r.created_at < v_end AND r.status IS DISTINCT FROM 'completed'
          AND r.status IS DISTINCT FROM 'failed' AND t.currency IS NOT NULL AND r.id IS NOT NULL
        ON CONFLICT DO NOTHING;
        SELECT v_payments || coalesce(array_agg(DISTINCT r.transaction_id) FILTER (WHERE r.transaction_id IS NOT NULL), '{}'),
               count(*)
        INTO v_payments, v_n FROM payops_read.refunds r WHERE r.created_at >= v_start AND r.created_at < v_end;
        v_rows_refunds := v_rows_refunds + v_n;
        v_start := v_end;
    END IF;
    -- The alarms of every payment looked at: only the ones that break one are kept; its open refunds learn its
    -- newest refund's time.
    IF cardinality(v_payments) > 0 THEN
        DELETE FROM payops.rollup_refund_alarms a WHERE a.payment_id = ANY (v_payments);
        WITH looked AS (
            SELECT t.id, s.last_at, coalesce(s.refunded > t.amount, false) AS over_refunded,
                   coalesce(t.status = 'refunded' AND s.completed_refunds <> t.amount, false) AS status_mismatch
            FROM (SELECT DISTINCT u.id FROM unnest(v_payments) u(id)) c
            JOIN payops_read.payments t ON t.id = c.id
            CROSS JOIN LATERAL (
                SELECT coalesce(sum(r.amount) FILTER (WHERE r.status <> 'failed'), 0) AS refunded,
                       coalesce(sum(r.amount) FILTER (WHERE r.status = 'completed'), 0) AS completed_refunds,
                       max(r.created_at) AS last_at
                FROM payops_read.refunds r WHERE r.transaction_id = t.id) s
            WHERE s.last_at IS NOT NULL
        ),
        dated AS (
            UPDATE payops.rollup_open_refunds o SET last_refund_at = l.last_at FROM looked l WHERE o.transaction_id = l.id
        )
        INSERT INTO payops.rollup_refund_alarms (payment_id, last_refund_at, over_refunded, status_mismatch)
        SELECT l.id, l.last_at, l.over_refunded, l.status_mismatch FROM looked l WHERE l.over_refunded OR l.status_mismatch;
    END IF;
    UPDATE payops.rollup_state s
    SET closed_until = greatest(v_start, coalesce(s.closed_until, v_start)), changes_until = v_state.changes_until,
        stepped_at = v_now, step_rows = v_rows_refunds, open_after = v_open_after
    WHERE s.source = 'refunds';

    RETURN QUERY SELECT s.source, s.closed_until, s.changes_until,
                        CASE s.source WHEN 'payments' THEN v_rows_payments WHEN 'refunds' THEN v_rows_refunds
                             ELSE v_rows_attempts END, false
                 FROM payops.rollup_state s ORDER BY s.source;
END
$fn$;
REVOKE ALL ON FUNCTION payops.rollup_step(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payops.rollup_step(integer) TO payops_viewer;
