import PaymentData
import Testing
import TestSupport

/// Rollups plus the raw tail equal the raw query (README, "### Rollups"), on real PostgreSQL: seeded random rounds
/// of new payments, late rows (an old created_at written now), status changes (pending → completed → refunded,
/// → failed with a reason), refunds and failed attempts, a writer whose transaction starts before a maintenance
/// step and commits after it, and two maintainers at once. After each round, for several windows and asOf values,
/// the Overview's counts, revenue and failure reasons and the Suspicious IPs list read through the rollups equal
/// the raw statements' answer; and once no writer is in flight, every bucket equals its minute's raw aggregate.
@Suite("rollup exactness", .serialized)
struct RollupExactnessTests {
    @Test("rollups plus tail equal the raw query", arguments: [RollupPlatform.canonical, RollupPlatform.tickettoken])
    func exact(platform: RollupPlatform) throws {
        let url = try TestCluster.shared.freshDatabase(fixture: platform.fixture, seeded: false)
        let db = try PGConnection(url), writer = try PGConnection(url), late = try PGConnection(url)
        let maintainer = try PGConnection(url), other = try PGConnection(url)
        var run = RollupRun(platform: platform, seed: 12)
        try db.execute(platform.setup)
        // History: 26 hours of payments (and their attempts) before the rollups exist.
        try db.execute(run.history(count: 400))
        try stepUntilCaughtUp(maintainer)
        try #require(try db.run(RollupQueries.lag()).inUse, "the rollups are built and fresh")
        try compare(db, run: run, label: "after the first build")

        for round in 1...6 {
            try writer.execute(run.round(changes: 40))
            // A transaction that starts before the step and commits after it (its now() is older than the step's).
            try late.execute("BEGIN")
            try late.execute(run.round(changes: 8))
            // Two maintainers at once: the second finds the lock taken and does nothing.
            try maintainer.execute("BEGIN")
            let first = try maintainer.run(RollupQueries.step(maxRows: 50))
            let second = try other.run(RollupQueries.step(maxRows: 50))
            try maintainer.execute("COMMIT")
            #expect(first.allSatisfy { !$0.busy } && second.allSatisfy(\.busy), "round \(round): one maintainer at a time")
            try late.execute("COMMIT")
            try compare(db, run: run, label: "round \(round), the late commit not yet stepped")
            try stepUntilCaughtUp(other)
            try #require(try db.run(RollupQueries.lag()).inUse)
            let differences = try bucketDifferences(db)
            #expect(differences.allSatisfy { $0 == 0 }, "round \(round): every bucket equals its minute's raw rows (payments, attempts, refunds, open refunds, alarms, address hours): \(differences)")
            try compare(db, run: run, label: "round \(round), stepped")
        }
        #expect(try db.query("SELECT count(*) FROM payops.rollup_payments")[0].decode(0, as: Int.self) > 0)
        if platform.refund != nil {
            // The refund rollups were exercised: buckets, refunds still open, and payments that break an alarm.
            let kept = try db.query("""
                SELECT (SELECT count(*) FROM payops.rollup_refunds), (SELECT count(*) FROM payops.rollup_open_refunds),
                       (SELECT count(*) FROM payops.rollup_refund_alarms)
                """)[0]
            let (buckets, open, alarms) = (try kept.decode(0, as: Int.self), try kept.decode(1, as: Int.self), try kept.decode(2, as: Int.self))
            #expect(buckets > 0 && open > 0 && alarms > 0, "refund buckets, open refunds and alarms: \(buckets), \(open), \(alarms)")
        }
    }

    /// Steps (at most 50 rows each, so that the catch-up takes several) until the payments are closed up to
    /// the current minute and both sources' change scans reached the step's own start (nothing left to re-read).
    func stepUntilCaughtUp(_ connection: PGConnection) throws {
        for _ in 0..<500 {
            try connection.execute("BEGIN")
            let now: Timestamp = try connection.query("SELECT now()")[0].decode(0)
            let progress = try connection.run(RollupQueries.step(maxRows: 50))
            try connection.execute("COMMIT")
            if let behind = try connection.run(RollupQueries.lag()).minutesBehind, behind == 0,
               progress.allSatisfy({ $0.changesUntil == now }) { return }
        }
        Issue.record("the rollups did not catch up in 500 steps")
    }

    /// Compares rollup-backed and raw reads for several windows and asOf values.
    func compare(_ db: PGConnection, run: RollupRun, label: String) throws {
        let now: Timestamp = try db.query("SELECT now()")[0].decode(0)
        let asOfs = [now.adding(seconds: 1), now.adding(seconds: -2_233), now.adding(seconds: -10_799),
                     Timestamp(microseconds: now.microseconds - 86_400_000_000 / 3 + 500_000)]
        for asOf in asOfs {
            for window in [60, 150, 3_600, 7_213, 86_400, 86_445] {
                let rolled = try db.run(OverviewQueries.overview(windowSeconds: window, asOf: asOf, rollups: true))
                let raw = try db.run(OverviewQueries.overview(windowSeconds: window, asOf: asOf, rollups: false))
                #expect(rolled.refunds == raw.refunds && rolled.refundCount == raw.refundCount && rolled.alarms == raw.alarms,
                        "\(run.platform.fixture), \(label): overview refunds \(window) s as of \(asOf): \(rolled.refunds) \(rolled.refundCount) \(rolled.alarms) vs \(raw.refunds) \(raw.refundCount) \(raw.alarms)")
                #expect(rolled.counts == raw.counts && rolled.revenue == raw.revenue
                            && rolled.topFailureReasons.map { "\($0.reason)=\($0.count)" }
                                == raw.topFailureReasons.map { "\($0.reason)=\($0.count)" },
                        "\(run.platform.fixture), \(label): overview \(window) s as of \(asOf): \(rolled.counts) vs \(raw.counts)")
                let ips = try db.run(SuspiciousIPQueries.list(windowSeconds: window, threshold: 1, asOf: asOf, rollups: true))
                let rawIPs = try db.run(SuspiciousIPQueries.list(windowSeconds: window, threshold: 1, asOf: asOf, rollups: false))
                #expect(ips == rawIPs, "\(run.platform.fixture), \(label): suspicious IPs \(window) s as of \(asOf)")
            }
        }
    }

    /// Bucket rows (per minute and key) that differ from the raw rows' aggregate of their minute, both ways.
    func bucketDifferences(_ db: PGConnection) throws -> [Int] {
        let row = try db.query("""
            WITH st AS (SELECT (SELECT closed_until FROM payops.rollup_state WHERE source = 'payments') AS pay,
                               (SELECT closed_until FROM payops.rollup_state WHERE source = 'ip_attempts') AS ip),
            b AS (SELECT minute, status, currency, reason, sum(payments) AS n, sum(amount) AS amount
                  FROM payops.rollup_payments GROUP BY 1, 2, 3, 4),
            r AS (SELECT payops.rollup_minute(p.created_at) AS minute, p.status, p.currency,
                         CASE WHEN p.status = 'failed' THEN coalesce(p.metadata ->> 'failure_reason', '(none recorded)') END AS reason,
                         count(*)::numeric AS n, sum(p.amount)::numeric AS amount
                  FROM payops_read.payments p, st WHERE p.created_at < st.pay GROUP BY 1, 2, 3, 4),
            bi AS (SELECT minute, ip_address, payment_id, user_id, card, sum(attempts) AS n, min(first_at) AS first_at,
                          max(last_at) AS last_at
                   FROM payops.rollup_ip_attempts GROUP BY 1, 2, 3, 4, 5),
            ri AS (SELECT payops.rollup_minute(a.at) AS minute, a.ip_address, a.payment_id, a.user_id, a.card,
                          count(*)::numeric AS n, min(a.at) AS first_at, max(a.at) AS last_at
                   FROM payops_read.ip_attempts a, st WHERE a.at < st.ip GROUP BY 1, 2, 3, 4, 5),
            -- The per-hour sums by address are the sums of their minute buckets.
            bh AS (SELECT hour, ip_address, attempts::numeric AS n FROM payops.rollup_ip_hours),
            rh AS (SELECT payops.rollup_hour(minute) AS hour, ip_address, sum(attempts) AS n FROM payops.rollup_ip_attempts
                   WHERE ip_address IS NOT NULL GROUP BY 1, 2 HAVING sum(attempts) <> 0),
            rc AS (SELECT (SELECT closed_until FROM payops.rollup_state WHERE source = 'refunds') AS closed),
            bf AS (SELECT minute, currency, refunds::numeric AS n, amount FROM payops.rollup_refunds WHERE refunds > 0),
            rf AS (SELECT payops.rollup_minute(x.created_at) AS minute, t.currency, count(*)::numeric AS n, sum(x.amount)::numeric AS amount
                   FROM payops_read.refunds x JOIN payops_read.payments t ON t.id = x.transaction_id, rc
                   WHERE x.created_at < rc.closed AND x.status = 'completed'
                     AND NOT EXISTS (SELECT 1 FROM payops.rollup_open_refunds o WHERE o.refund_id = x.id) GROUP BY 1, 2),
            -- Every refund of a closed minute that is open now is listed (a listed one may be final already: a step
            -- looks at a bounded number of them; reads take the listed ones raw, and the buckets exclude them).
            bo AS (SELECT refund_id FROM payops.rollup_open_refunds),
            ro AS (SELECT x.id FROM payops_read.refunds x, rc
                   WHERE x.created_at < rc.closed AND x.status NOT IN ('completed', 'failed')),
            settled AS (SELECT t.id, t.amount, t.status, s.* FROM payops_read.payments t
                        CROSS JOIN LATERAL (SELECT coalesce(sum(x.amount) FILTER (WHERE x.status <> 'failed'), 0) AS refunded,
                                                   coalesce(sum(x.amount) FILTER (WHERE x.status = 'completed'), 0) AS done,
                                                   max(x.created_at) AS last_at
                                            FROM payops_read.refunds x WHERE x.transaction_id = t.id) s, rc
                        WHERE s.last_at < rc.closed),
            -- Payments with a refund newer than the closed minutes are read raw (unsettled): compared here only once settled.
            ba AS (SELECT a.payment_id, a.last_refund_at, a.over_refunded, a.status_mismatch FROM payops.rollup_refund_alarms a
                   JOIN settled x ON x.id = a.payment_id),
            ra AS (SELECT id, last_at, refunded > amount, status = 'refunded' AND done <> amount FROM settled
                   WHERE refunded > amount OR (status = 'refunded' AND done <> amount))
            SELECT (SELECT count(*) FROM ((TABLE b EXCEPT TABLE r) UNION ALL (TABLE r EXCEPT TABLE b)) d),
                   (SELECT count(*) FROM ((TABLE bi EXCEPT TABLE ri) UNION ALL (TABLE ri EXCEPT TABLE bi)) d),
                   (SELECT count(*) FROM ((TABLE bf EXCEPT TABLE rf) UNION ALL (TABLE rf EXCEPT TABLE bf)) d),
                   (SELECT count(*) FROM (TABLE ro EXCEPT TABLE bo) d),
                   (SELECT count(*) FROM ((TABLE ba EXCEPT TABLE ra) UNION ALL (TABLE ra EXCEPT TABLE ba)) d),
                   (SELECT count(*) FROM ((TABLE bh EXCEPT TABLE rh) UNION ALL (TABLE rh EXCEPT TABLE bh)) d)
            """)[0]
        return try (0..<6).map { index throws(PGError) in try row.decode(index, as: Int.self) }
    }
}
