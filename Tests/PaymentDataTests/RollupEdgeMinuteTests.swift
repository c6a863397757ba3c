import PaymentData
import Testing
import TestSupport

/// A window's first and last minutes are partial: a rolled-up Suspicious IPs read takes the minute buckets wholly
/// inside the window as they are and reads raw only the buckets that straddle an edge (README, "### Rollups").
/// Here one minute holds attempts every few seconds, several of one payment from one address, and windows start
/// and end at every few seconds of it: the rolled-up list must equal the raw statement's for each, at several
/// thresholds (which also exercises the per-hour upper bound that picks the addresses to count exactly).
@Suite("rollup edge minutes", .serialized)
struct RollupEdgeMinuteTests {
    @Test("partial first and last minutes: buckets inside the window as they are, straddling ones raw",
          arguments: [RollupPlatform.canonical, RollupPlatform.tickettoken])
    func edges(platform: RollupPlatform) throws {
        let url = try TestCluster.shared.freshDatabase(fixture: platform.fixture, seeded: false)
        let db = try PGConnection(url)
        try db.execute(platform.setup)
        // The minute two hours ago, and times in it as the platform's own time type.
        let minute: Timestamp = try db.query("SELECT payops.rollup_minute(now() - interval '2 hours')")[0].decode(0)
        func at(_ seconds: Int) -> String { platform.at("'\(minute.adding(seconds: Int64(seconds)).iso8601)'::timestamptz") }
        func payment(_ n: Int, user: Int, card: String) -> RollupRun.Payment {
            RollupRun.Payment(id: "0e0e0e0e-0000-4000-8000-\(String(100 + n).leftPadded12)", user: RollupRun.users[user],
                              card: card, amount: 1_000 * n, currency: "USD", status: "failed", reason: "card_declined")
        }
        let p = payment(1, user: 0, card: "card_a"), q = payment(2, user: 1, card: "card_b"), s = payment(3, user: 2, card: "card_c")
        var sql = ""
        for x in [p, q, s] { sql += platform.payment(x, at(1), at(1)) + "\n" }
        // p from 10.0.0.1 at :10, :20, :30, :40 (one bucket that straddles most edges); q from the same address at
        // :25; s from 10.0.0.2 at :45 and :50, and at :05 of the next minute; p again from 10.0.0.2 at :55.
        for second in [10, 20, 30, 40] { sql += platform.attempt(p, "10.0.0.1", at(second)) + "\n" }
        sql += platform.attempt(q, "10.0.0.1", at(25)) + "\n"
        for second in [45, 50, 65] { sql += platform.attempt(s, "10.0.0.2", at(second)) + "\n" }
        sql += platform.attempt(p, "10.0.0.2", at(55)) + "\n"
        try db.execute(sql)
        for _ in 0..<20 where try db.run(RollupQueries.lag()).minutesBehind != 0 { _ = try db.run(RollupQueries.step()) }
        try #require(try db.run(RollupQueries.lag()).inUse, "the rollups are built and fresh")
        let straddling = try db.query("""
            SELECT count(*) FROM payops.rollup_ip_attempts WHERE minute = $1 AND attempts > 1 AND first_at < last_at
            """, [minute])[0].decode(0, as: Int.self)
        #expect(straddling >= 2, "buckets with attempts at several seconds of the minute: \(straddling)")

        var compared = 0, nonEmpty = 0
        // Edges at every few seconds of the minute (and half a second off), as the window's end or its start.
        for edge in [0, 5, 15, 22, 25, 35, 42, 47, 52, 58, 62, 70] {
            let whole = minute.adding(seconds: Int64(edge))
            let point = Timestamp(microseconds: whole.microseconds + (edge % 2 == 0 ? 0 : 500_000))
            let windows: [(seconds: Int, asOf: Timestamp)] = [
                (3_600, point),                          // the window ends in the minute
                (3_600, point.adding(seconds: 3_600)),   // it starts in the minute
                (17, point.adding(seconds: 17)),         // it starts and ends in the minute (or the next)
                (3_599, point.adding(seconds: 3_599)),
            ]
            for (seconds, asOf) in windows {
                for threshold in [0, 1, 2, 3] {
                    let rolled = try db.run(SuspiciousIPQueries.list(windowSeconds: seconds, threshold: threshold, asOf: asOf, rollups: true))
                    let raw = try db.run(SuspiciousIPQueries.list(windowSeconds: seconds, threshold: threshold, asOf: asOf, rollups: false))
                    #expect(rolled == raw, "\(platform.fixture): \(seconds) s as of \(asOf.iso8601), more than \(threshold): \(rolled.map { "\($0.address) \($0.failedAttempts)" }) vs \(raw.map { "\($0.address) \($0.failedAttempts)" })")
                    compared += 1
                    if !raw.isEmpty { nonEmpty += 1 }
                }
            }
        }
        #expect(compared == 192 && nonEmpty > 60, "windows compared: \(compared), with addresses listed: \(nonEmpty)")
    }
}

private extension String {
    var leftPadded12: String { String(repeating: "0", count: max(0, 12 - count)) + self }
}
