import Synchronization

/// The SQL the rollup-backed reads share (README, "### Rollups"). A window (since, until] is read as three parts:
/// the whole closed minutes [lo, hi) from payops' per-minute buckets, except minutes (or payments) changed since the
/// last maintenance step; the raw rows of those changed minutes; and the raw head (since, lo) and tail [hi, until].
/// lo is the first minute boundary after since; hi the last boundary at or before until that the rollups have
/// closed, or lo when the rollups are missing or stale (then every row is read raw: the automatic fallback).
/// Bounds computed from the rollup state are read as `(SELECT lo FROM r)`: a parameter, which a platform's row-level
/// security lets the planner put into an index condition (date_trunc, not leakproof, it would not). The partial
/// first minute is bounded by the clock's own expression instead, which the planner can estimate (from the InitPlan
/// value it guessed 30× the minute's rows and hash-joined every failed payment: Suspicious IPs 1 h 112 → 43 ms at
/// 10 M payments); where row-level security isolates tenants the console sends the raw statements alone
/// (`tenantIsolated`), so that bound never meets the policies. The tail has
/// two branches, one skipped at run time: with fresh rollups it starts at hi, which is at or after
/// least(until - 1 min, now() - horizon), written out so that the planner knows the tail is short; without, the
/// whole window is raw.
public enum RollupSQL {
    /// How far back (seconds) a rollup-backed read looks for changed payments; rollups whose last step's cursor
    /// minus its margin, or whose closed minutes, are older than this are stale: the read falls back to the raw rows.
    public static let changeHorizonSeconds = 300

    /// False when `--no-rollups` was given: every pane then reads only the raw rows (the oracle). Set once at start.
    public static let readsEnabled = Atomic<Bool>(true)

    /// True while the console is on a database whose row-level security isolates tenants: no rollup can be shared
    /// there (payops.rollup_step does nothing), so the panes send the raw statements alone.
    public static let tenantIsolated = Atomic<Bool>(false)

    /// Whether reads built now use rollups (the default of the queries' `rollups` parameter).
    public static var enabled: Bool { readsEnabled.load(ordering: .relaxed) && !tenantIsolated.load(ordering: .relaxed) }

    /// The CTE `r` (lo, hi, fresh, changed_from) for a source ('payments', 'ip_attempts' or 'refunds'); since/until/
    /// horizon are SQL expressions. changed_from: rows updated at or after it may be newer than the buckets (the
    /// step's change cursor minus its margin); the reads also bound them by the horizon, which the planner can
    /// estimate (from changed_from alone it would guess a third of the table).
    static func bounds(_ source: String, since: String, until: String, horizon: String) -> String {
        """
        r AS (
            SELECT w.lo, CASE WHEN st.closed_until IS NULL THEN w.lo
                              ELSE greatest(w.lo, least(payops.rollup_minute(\(until)), st.closed_until)) END AS hi,
                   st.closed_until IS NOT NULL AS fresh, st.changes_until - st.margin AS changed_from
            FROM (SELECT payops.rollup_minute(\(since)) + interval '1 minute' AS lo) w
            LEFT JOIN payops.rollup_state st ON st.source = '\(source)' AND st.closed_until >= now() - make_interval(secs => \(horizon))
                 AND st.changes_until - st.margin >= now() - make_interval(secs => \(horizon))
        )
        """
    }

    /// CTEs `r`, `dirty` and `pay` (status, currency, reason, payments, amount): every payment created in
    /// (since, until], from buckets where they are clean, raw elsewhere. reason is set for failed payments only.
    static func paymentRows(since: String, until: String, horizon: String) -> String {
        let raw = """
            t.status, t.currency,
                   CASE WHEN t.status = 'failed' THEN coalesce(t.metadata ->> 'failure_reason', '(none recorded)') END,
                   1::bigint, t.amount::numeric
            """
        return """
            \(bounds("payments", since: since, until: until, horizon: horizon)),
            dirty AS (
                SELECT DISTINCT payops.rollup_minute(p.created_at) AS minute FROM payops_read.payments p
                WHERE p.updated_at >= now() - make_interval(secs => \(horizon)) AND p.updated_at >= (SELECT changed_from FROM r)
                  AND p.created_at >= (SELECT lo FROM r) AND p.created_at < (SELECT hi FROM r)
            ),
            pay (status, currency, reason, payments, amount) AS (
                SELECT x.status, x.currency, x.reason, x.payments, x.amount FROM payops.rollup_payments x
                WHERE x.minute >= (SELECT lo FROM r) AND x.minute < (SELECT hi FROM r)
                  AND NOT EXISTS (SELECT 1 FROM dirty d WHERE d.minute = x.minute)
                UNION ALL
                SELECT \(raw) FROM payops_read.payments t
                WHERE t.created_at > \(since) AND t.created_at < payops.rollup_minute(\(since)) + interval '1 minute' AND t.created_at <= \(until)
                UNION ALL
                SELECT \(raw) FROM payops_read.payments t
                WHERE (SELECT fresh FROM r) AND t.created_at >= (SELECT hi FROM r) AND t.created_at <= \(until)
                  AND t.created_at >= least(\(until) - interval '1 minute', now() - make_interval(secs => \(horizon)))
                UNION ALL
                SELECT \(raw) FROM payops_read.payments t
                WHERE NOT (SELECT fresh FROM r) AND t.created_at >= (SELECT lo FROM r)
                  AND t.created_at > \(since) AND t.created_at <= \(until)
                UNION ALL
                SELECT \(raw) FROM dirty d
                JOIN payops_read.payments t ON t.created_at >= d.minute AND t.created_at < d.minute + interval '1 minute'
            )
            """
    }

    /// CTEs `r`, `changed`, `loose`, `heavy`, `mine` and `tried` (ip_address, user_id, card, attempts, last_at,
    /// payment_id): every failed attempt in (since, until] from an address that may have more than `threshold` of
    /// them (and from no address), exact. Two passes:
    /// - `heavy`, the addresses that may be over: an upper bound of each address's attempts from the per-hour sums of
    ///   the window's whole hours, the minute buckets of its edge hours (a bucket partly outside, or of a payment
    ///   changed since, counted whole) and the raw rows (`loose`);
    /// - `tried`, exact for those addresses: their minute buckets wholly inside the window (first_at after since,
    ///   last_at at or before until) except those of payments changed since the last step, the raw rows of their
    ///   buckets that straddle an edge (first or last minute), and the raw rows.
    /// The raw rows (`loose`): the tail after the closed minutes, the attempts of changed payments in the closed
    /// minutes, or the whole window without fresh rollups.
    static func attemptRows(since: String, until: String, horizon: String, threshold: String) -> String {
        let raw = "a.ip_address, a.user_id, a.card, 1::bigint, a.at, a.payment_id"
        let within = "a.at > \(since) AND a.at <= \(until)"
        // A straddling bucket's own raw rows: same minute, inside the window, same key.
        let straddled = """
            a.at >= s.minute AND a.at < s.minute + interval '1 minute' AND \(within)
                  AND a.user_id IS NOT DISTINCT FROM s.user_id AND a.card IS NOT DISTINCT FROM s.card
            """
        return """
            r AS (
                SELECT w.blo, w.bhi, w.fresh, w.changed_from, h.hlo, greatest(h.hlo, payops.rollup_hour(w.bhi)) AS hhi
                FROM (SELECT m.blo, CASE WHEN st.closed_until IS NULL THEN m.blo
                                         ELSE greatest(m.blo, least(payops.rollup_minute(\(until)) + interval '1 minute',
                                                                    st.closed_until)) END AS bhi,
                             st.closed_until IS NOT NULL AS fresh, st.changes_until - st.margin AS changed_from
                      FROM (SELECT payops.rollup_minute(\(since)) AS blo) m
                      LEFT JOIN payops.rollup_state st ON st.source = 'ip_attempts'
                           AND st.closed_until >= now() - make_interval(secs => \(horizon))
                           AND st.changes_until - st.margin >= now() - make_interval(secs => \(horizon))) w
                CROSS JOIN LATERAL (SELECT payops.rollup_hour(w.blo + interval '59 minutes') AS hlo) h
            ),
            changed AS (
                SELECT p.id FROM payops_read.payments p WHERE p.updated_at >= now() - make_interval(secs => \(horizon))
                  AND p.updated_at >= (SELECT changed_from FROM r)
            ),
            loose (ip_address, user_id, card, attempts, last_at, payment_id) AS (
                SELECT \(raw) FROM payops_read.ip_attempts a
                WHERE (SELECT fresh FROM r) AND a.at >= (SELECT bhi FROM r) AND \(within)
                  AND a.at >= least(\(until) - interval '1 minute', now() - make_interval(secs => \(horizon)))
                UNION ALL
                SELECT \(raw) FROM payops_read.ip_attempts a
                WHERE NOT (SELECT fresh FROM r) AND \(within)
                UNION ALL
                SELECT \(raw) FROM payops_read.ip_attempts a
                WHERE a.payment_id IN (SELECT c.id FROM changed c)
                  AND a.at >= (SELECT blo FROM r) AND a.at < (SELECT bhi FROM r) AND \(within)
            ),
            heavy AS (
                SELECT s.ip_address FROM (
                    SELECT h.ip_address, h.attempts FROM payops.rollup_ip_hours h
                    WHERE h.hour >= (SELECT hlo FROM r) AND h.hour < (SELECT hhi FROM r)
                    UNION ALL
                    SELECT x.ip_address, x.attempts FROM payops.rollup_ip_attempts x
                    WHERE x.minute >= (SELECT blo FROM r) AND x.minute < least((SELECT hlo FROM r), (SELECT bhi FROM r))
                    UNION ALL
                    SELECT x.ip_address, x.attempts FROM payops.rollup_ip_attempts x
                    WHERE x.minute >= (SELECT hhi FROM r) AND x.minute < (SELECT bhi FROM r)
                    UNION ALL
                    SELECT l.ip_address, l.attempts FROM loose l
                ) s
                WHERE s.ip_address IS NOT NULL
                GROUP BY s.ip_address HAVING sum(s.attempts) > \(threshold)
            ),
            mine AS (
                SELECT x.* FROM payops.rollup_ip_attempts x
                WHERE x.ip_address IN (SELECT k.ip_address FROM heavy k)
                  AND x.minute >= (SELECT blo FROM r) AND x.minute < (SELECT bhi FROM r)
                  AND (x.payment_id IS NULL OR NOT EXISTS (SELECT 1 FROM changed c WHERE c.id = x.payment_id))
                UNION ALL
                SELECT x.* FROM payops.rollup_ip_attempts x
                WHERE x.ip_address IS NULL AND x.minute >= (SELECT blo FROM r) AND x.minute < (SELECT bhi FROM r)
                  AND (x.payment_id IS NULL OR NOT EXISTS (SELECT 1 FROM changed c WHERE c.id = x.payment_id))
            ),
            straddle AS (
                SELECT s.minute, s.ip_address, s.payment_id, s.user_id, s.card FROM mine s
                WHERE NOT coalesce((s.minute > \(since) OR s.first_at > \(since)) AND s.last_at <= \(until), false)
                  AND s.last_at > \(since) AND (s.first_at IS NULL OR s.first_at <= \(until))
            ),
            tried (ip_address, user_id, card, attempts, last_at, payment_id) AS (
                SELECT s.ip_address, s.user_id, s.card, s.attempts, s.last_at, s.payment_id FROM mine s
                WHERE (s.minute > \(since) OR s.first_at > \(since)) AND s.last_at <= \(until)
                UNION ALL
                SELECT \(raw) FROM straddle s JOIN payops_read.ip_attempts a ON a.payment_id = s.payment_id
                WHERE a.ip_address IS NOT DISTINCT FROM s.ip_address AND \(straddled)
                UNION ALL
                SELECT \(raw) FROM straddle s JOIN payops_read.ip_attempts a ON a.ip_address = s.ip_address
                WHERE s.payment_id IS NULL AND a.payment_id IS NULL AND \(straddled)
                UNION ALL
                SELECT \(raw) FROM straddle s JOIN payops_read.ip_attempts a
                     ON a.at >= s.minute AND a.at < s.minute + interval '1 minute'
                WHERE s.payment_id IS NULL AND s.ip_address IS NULL AND a.payment_id IS NULL AND a.ip_address IS NULL
                  AND \(straddled)
                UNION ALL
                SELECT l.* FROM loose l WHERE l.ip_address IN (SELECT k.ip_address FROM heavy k) OR l.ip_address IS NULL
            )
            """
    }

    /// CTEs `r` and `refs` (currency, refunds, amount): every refund created in (since, until] that is not failed,
    /// with its payment's currency: completed ones of closed minutes from buckets, open ones of closed minutes raw by
    /// id (payops.rollup_open_refunds), the head and tail raw.
    static func refundRows(since: String, until: String, horizon: String) -> String {
        let raw = "t.currency, 1::bigint, r.amount::numeric"
        let join = "payops_read.refunds r JOIN payops_read.payments t ON t.id = r.transaction_id"
        return """
            \(bounds("refunds", since: since, until: until, horizon: horizon)),
            refs (currency, refunds, amount) AS (
                SELECT x.currency, x.refunds, x.amount FROM payops.rollup_refunds x
                WHERE x.minute >= (SELECT lo FROM r) AND x.minute < (SELECT hi FROM r)
                UNION ALL
                SELECT o.currency, 1::bigint, r.amount::numeric FROM payops.rollup_open_refunds o
                JOIN payops_read.refunds r ON r.id = o.refund_id
                WHERE o.minute >= (SELECT lo FROM r) AND o.minute < (SELECT hi FROM r) AND r.status <> 'failed'
                UNION ALL
                SELECT \(raw) FROM \(join)
                WHERE r.created_at > \(since) AND r.created_at < payops.rollup_minute(\(since)) + interval '1 minute' AND r.created_at <= \(until)
                  AND r.status <> 'failed'
                UNION ALL
                SELECT \(raw) FROM \(join)
                WHERE (SELECT fresh FROM r) AND r.created_at >= (SELECT hi FROM r) AND r.created_at <= \(until)
                  AND r.created_at >= least(\(until) - interval '1 minute', now() - make_interval(secs => \(horizon)))
                  AND r.status <> 'failed'
                UNION ALL
                SELECT \(raw) FROM \(join)
                WHERE NOT (SELECT fresh FROM r) AND r.created_at >= (SELECT lo FROM r)
                  AND r.created_at > \(since) AND r.created_at <= \(until) AND r.status <> 'failed'
            )
            """
    }

    /// CTEs `rr`, `unsettled` and `checks` (id, over_refunded, status_mismatch) for the refund alarms: every payment
    /// with a refund created after `since`, and whether its refunds break each alarm. With fresh rollups only
    /// the payments that break an alarm are kept, from payops.rollup_refund_alarms, except the unsettled ones
    /// (a refund not yet closed, an open refund that moved on since a step looked at it, or the payment changed
    /// since the step's change cursor minus its margin; the closed minutes are fresh, so the tail starts within the
    /// horizon), which are summed raw;
    /// without, every such payment is summed raw.
    static func refundAlarmTotals(since: String, horizon: String) -> String {
        let sums = """
            CROSS JOIN LATERAL (
                    SELECT coalesce(sum(x.amount) FILTER (WHERE x.status <> 'failed'), 0) AS refunded,
                           coalesce(sum(x.amount) FILTER (WHERE x.status = 'completed'), 0) AS completed_refunds,
                           max(x.created_at) AS last_at
                    FROM payops_read.refunds x WHERE x.transaction_id = t.id) s
            """
        // A payment summed raw (`t` with its refunds' sums `s`): whether it breaks each alarm.
        let flags = "t.id, coalesce(s.refunded > t.amount, false), coalesce(t.status = 'refunded' AND s.completed_refunds <> t.amount, false)"
        return """
            rr AS (
                SELECT st.closed_until AS closed, st.changes_until - st.margin AS changed_from FROM payops.rollup_state st
                WHERE st.source = 'refunds' AND st.closed_until >= now() - make_interval(secs => \(horizon))
                  AND st.changes_until - st.margin >= now() - make_interval(secs => \(horizon))
            ),
            unsettled AS (
                SELECT x.transaction_id AS id FROM payops_read.refunds x
                WHERE x.created_at >= (SELECT closed FROM rr) AND x.created_at >= now() - make_interval(secs => \(horizon))
                UNION
                SELECT o.transaction_id FROM payops.rollup_open_refunds o JOIN payops_read.refunds x ON x.id = o.refund_id
                WHERE EXISTS (SELECT 1 FROM rr) AND o.last_refund_at > \(since) AND x.status IS DISTINCT FROM o.status
                UNION
                SELECT p.id FROM payops_read.payments p
                WHERE p.updated_at >= now() - make_interval(secs => \(horizon)) AND p.updated_at >= (SELECT changed_from FROM rr)
            ),
            checks AS (
                SELECT a.payment_id AS id, a.over_refunded, a.status_mismatch FROM payops.rollup_refund_alarms a
                WHERE EXISTS (SELECT 1 FROM rr) AND a.last_refund_at > \(since)
                  AND NOT EXISTS (SELECT 1 FROM unsettled u WHERE u.id = a.payment_id)
                UNION ALL
                SELECT \(flags)
                FROM unsettled u JOIN payops_read.payments t ON t.id = u.id
                \(sums)
                WHERE s.last_at > \(since)
                UNION ALL
                SELECT \(flags)
                FROM (SELECT DISTINCT x.transaction_id FROM payops_read.refunds x
                      WHERE NOT EXISTS (SELECT 1 FROM rr) AND x.created_at > \(since)) recent
                JOIN payops_read.payments t ON t.id = recent.transaction_id
                \(sums)
            )
            """
    }
}
