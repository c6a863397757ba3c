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
            #expect(try bucketDifferences(db) == 0, "round \(round): every bucket equals its minute's raw rows")
            try compare(db, run: run, label: "round \(round), stepped")
        }
        #expect(try db.query("SELECT count(*) FROM payops.rollup_payments")[0].decode(0, as: Int.self) > 0)
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
    func bucketDifferences(_ db: PGConnection) throws -> Int {
        try db.query("""
            WITH st AS (SELECT (SELECT closed_until FROM payops.rollup_state WHERE source = 'payments') AS pay,
                               (SELECT closed_until FROM payops.rollup_state WHERE source = 'ip_attempts') AS ip),
            b AS (SELECT minute, status, currency, reason, sum(payments) AS n, sum(amount) AS amount
                  FROM payops.rollup_payments GROUP BY 1, 2, 3, 4),
            r AS (SELECT payops.rollup_minute(p.created_at) AS minute, p.status, p.currency,
                         CASE WHEN p.status = 'failed' THEN coalesce(p.metadata ->> 'failure_reason', '(none recorded)') END AS reason,
                         count(*)::numeric AS n, sum(p.amount)::numeric AS amount
                  FROM payops_read.payments p, st WHERE p.created_at < st.pay GROUP BY 1, 2, 3, 4),
            bi AS (SELECT minute, ip_address, payment_id, user_id, card, sum(attempts) AS n, max(last_at) AS last_at
                   FROM payops.rollup_ip_attempts GROUP BY 1, 2, 3, 4, 5),
            ri AS (SELECT payops.rollup_minute(a.at) AS minute, a.ip_address, a.payment_id, a.user_id, a.card,
                          count(*)::numeric AS n, max(a.at) AS last_at
                   FROM payops_read.ip_attempts a, st WHERE a.at < st.ip GROUP BY 1, 2, 3, 4, 5)
            SELECT (SELECT count(*) FROM ((TABLE b EXCEPT TABLE r) UNION ALL (TABLE r EXCEPT TABLE b)) d)
                 + (SELECT count(*) FROM ((TABLE bi EXCEPT TABLE ri) UNION ALL (TABLE ri EXCEPT TABLE bi)) d)
            """)[0].decode(0)
    }
}
