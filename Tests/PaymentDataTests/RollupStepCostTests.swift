import PaymentData
import Testing
import TestSupport

/// What a maintenance step costs the database it watches when little or nothing changed (README, "### Rollups"):
/// it writes nothing then, and the refunds still open are looked at in turn, all of them within a bounded number
/// of steps.
@Suite("rollup steps with little new", .serialized)
struct RollupStepCostTests {
    /// A seeded canonical demo with its rollups caught up, and a margin of zero so that nothing is re-read.
    static func caughtUp() throws -> PGConnection {
        let db = try PGConnection(try TestCluster.shared.freshDatabase(fixture: "canonical", seeded: true))
        for _ in 0..<200 where try db.run(RollupQueries.lag()).minutesBehind != 0 {
            _ = try db.run(RollupQueries.step())
        }
        try #require(try db.run(RollupQueries.lag()).minutesBehind == 0, "caught up")
        try db.execute("UPDATE payops.rollup_state SET margin = interval '0'")
        _ = try db.run(RollupQueries.step())
        return db
    }

    /// Rows this session inserted, updated or deleted in payops' rollup tables (the state row aside) that are not yet
    /// reported to the statistics (the current transaction's, and maybe earlier ones': compare two readings).
    static func rollupRowsWritten(_ db: PGConnection) throws -> Int {
        try db.query("""
            SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint FROM pg_stat_xact_user_tables
            WHERE schemaname = 'payops' AND relname LIKE 'rollup\\_%' AND relname <> 'rollup_state'
            """)[0].decode(0, as: Int.self)
    }

    @Test("a step with nothing new writes no rollup row, though refunds are still open")
    func idleStepWritesNothing() throws {
        let db = try Self.caughtUp()
        defer { db.close() }
        let open = try db.query("SELECT count(*) FROM payops.rollup_open_refunds")[0].decode(0, as: Int.self)
        try #require(open > 0, "the demo leaves refunds open")
        for step in 1...3 {
            try db.execute("BEGIN")
            let before = try Self.rollupRowsWritten(db)
            let progress = try db.run(RollupQueries.step(maxRows: 7))
            let written = try Self.rollupRowsWritten(db) - before
            let detail: [String] = try db.query("""
                SELECT relname || ' ' || n_tup_ins || '/' || n_tup_upd || '/' || n_tup_del FROM pg_stat_xact_user_tables
                WHERE schemaname = 'payops' AND n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY 1
                """).map { try $0.decode(0) }
            try db.execute("COMMIT")
            #expect(progress.allSatisfy { !$0.busy })
            #expect(written == 0, "step \(step): \(written) rollup rows written with nothing new (\(open) refunds open): \(detail) \(progress)")
        }
    }

    @Test("open refunds are looked at in turn: every one that became final is folded within ⌈n / k⌉ + 1 steps")
    func openRefundsInTurn() throws {
        let db = try Self.caughtUp()
        defer { db.close() }
        let open = try db.query("SELECT count(*) FROM payops.rollup_open_refunds")[0].decode(0, as: Int.self)
        let perStep = 4
        try #require(open > 2 * perStep, "enough open refunds to need several steps: \(open)")
        // The platform settles the later half of them by id (as its own refund worker would); the first half stays
        // open, so a step that always began at the first ones would never reach the settled ones.
        try db.execute("""
            UPDATE public.payment_refunds SET status = 'completed', completed_at = now()
            WHERE id IN (SELECT refund_id FROM payops.rollup_open_refunds ORDER BY refund_id
                         OFFSET (SELECT count(*) / 2 FROM payops.rollup_open_refunds))
            """)
        let steps = (open + perStep - 1) / perStep + 1
        for _ in 0..<steps { _ = try db.run(RollupQueries.step(maxRows: perStep)) }
        let left = try db.query("""
            SELECT count(*) FROM payops.rollup_open_refunds o JOIN payops_read.refunds r ON r.id = o.refund_id
            WHERE r.status = 'completed'
            """)[0].decode(0, as: Int.self)
        #expect(left == 0, "\(left) final refunds still listed as open after \(steps) steps of \(perStep) (\(open) were open)")
        #expect(try db.query("SELECT count(*) FROM payops.rollup_open_refunds")[0].decode(0, as: Int.self) == open / 2,
                "the first half, still open, is still listed")
        let rolled = try db.run(OverviewQueries.overview(windowSeconds: 86_400 * 90, rollups: true))
        let raw = try db.run(OverviewQueries.overview(windowSeconds: 86_400 * 90, rollups: false))
        #expect(rolled.refunds == raw.refunds && rolled.refundCount == raw.refundCount && rolled.alarms == raw.alarms,
                "\(rolled.refunds) \(rolled.refundCount) vs \(raw.refunds) \(raw.refundCount)")
    }
}
