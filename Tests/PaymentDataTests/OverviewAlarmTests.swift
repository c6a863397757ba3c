import PaymentData
import Testing
import TestSupport

/// The Overview's negative-balance, stuck-outbox and daily-limit alarms on the canonical schema: each fires one
/// step over its threshold and stays quiet at it. Each test also runs the real query with one condition of its
/// alarm changed (a deliberate fault, e.g. `<` made `<=`) and expects the same rows to give a different answer,
/// so the fixture can tell a right condition from a wrong one.
@Suite("overview alarms fire over their threshold and not at it")
struct OverviewAlarmTests {
    static let asOf = Timestamp(year: 2026, month: 11, day: 20, hour: 12)
    /// 00:00 UTC of `asOf`'s day: the daily limit's day starts here.
    static let dayStart = Timestamp(year: 2026, month: 11, day: 20)

    /// The Overview's alarm of `kind` at `asOf`, or nil when it does not fire. With a `fault`, the statement that
    /// computes the alarms is first changed by replacing its one occurrence of `fault.0` with `fault.1`.
    static func alarm(_ kind: Alarm.Kind, _ db: PGConnection, fault: (String, String)? = nil,
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> Alarm? {
        let query = OverviewQueries.overview(asOf: asOf)
        guard let (from, to) = fault else { return try db.run(query).alarms.first { $0.kind == kind } }
        let isAlarms = { (statement: Statement) in statement.sql.contains("'\(kind.rawValue)'") }
        let target = try #require(query.statements.first(where: isAlarms), sourceLocation: sourceLocation)
        try #require(target.sql.ranges(of: from).count == 1, "the fault \(from) → \(to) applies to exactly one place",
                     sourceLocation: sourceLocation)
        let statements = query.statements.map { statement in
            isAlarms(statement) ? Statement(statement.sql.replacing(from, with: to), statement.parameters) : statement
        }
        let faulty = Query(name: query.name + " (fault)", statements: statements, snapshot: query.snapshot,
                           decodeResults: query.decode)
        return try db.run(faulty).alarms.first { $0.kind == kind }
    }

    @Test("negative balance: a balance of −1 cent fires and names its venue; 0 does not")
    func negativeBalance() throws {
        let db = try TestCluster.shared.connect(.migrated)
        // The canonical schema's CHECK (amount >= 0) makes a negative balance impossible here; the alarm is for
        // the platforms that have no such check. Lift it, as such a platform would be, so the alarm can be seen.
        try db.execute("ALTER TABLE venue_balances DROP CONSTRAINT venue_balances_amount_check")
        let low = try Fixtures.venue(db, 1, name: "Low Hall", available: 0, pending: 0, reserved: 0)
        let rich = try Fixtures.venue(db, 2, name: "Rich Hall", available: 5_000, pending: 100, reserved: 1)

        // At the threshold: zero is not negative.
        #expect(try Self.alarm(.negativeBalance, db) == nil)
        #expect(try Self.alarm(.negativeBalance, db, fault: ("amount < 0", "amount <= 0"))?.count == 3,
                "a condition that took 0 for negative would fire on Low Hall's three zero balances")

        try db.query("UPDATE venue_balances SET amount = -1 WHERE venue_id = $1 AND balance_type = 'reserved'", [rich])
        let one = try #require(try Self.alarm(.negativeBalance, db))
        #expect(one.count == 1 && one.sampleID == rich.string)
        #expect(try Self.alarm(.negativeBalance, db, fault: ("amount < 0", "amount < -1")) == nil,
                "a condition one cent off would miss the −1")

        try db.query("UPDATE venue_balances SET amount = -250000 WHERE venue_id = $1 AND balance_type = 'available'", [low])
        let two = try #require(try Self.alarm(.negativeBalance, db))
        #expect(two.count == 2 && two.sampleID == low.string, "two negative balances; the sample is the lowest venue id")
    }

    @Test("stuck outbox: an unprocessed event older than the limit fires; one exactly at it, or processed, does not")
    func stuckOutbox() throws {
        let db = try TestCluster.shared.connect(.migrated)
        let limit = Int64(QueueQueries.stuckAfterSeconds)
        @discardableResult func event(age seconds: Int64, processed: Bool) throws -> Int64 {
            try db.query("""
                INSERT INTO outbox (aggregate_id, aggregate_type, event_type, created_at, processed_at)
                VALUES (gen_random_uuid(), 'payment', 'payment.completed', $1::timestamptz, CASE WHEN $2::boolean THEN $1::timestamptz END)
                RETURNING id
                """, [Self.asOf.adding(seconds: -seconds), processed])[0].decode(0)
        }
        try event(age: limit, processed: false)            // exactly at the limit: not yet stuck
        try event(age: 86_400, processed: true)            // old, but processed
        try event(age: 1, processed: false)                // fresh
        #expect(try Self.alarm(.stuckOutbox, db) == nil)
        #expect(try Self.alarm(.stuckOutbox, db, fault: ("o.created_at < clock.now", "o.created_at <= clock.now"))?.count == 1,
                "a condition that counted the row exactly at the limit would fire")
        #expect(try Self.alarm(.stuckOutbox, db, fault: ("o.processed_at IS NULL AND ", ""))?.count == 1,
                "a condition that forgot processed_at would fire on the old processed row")

        let stuck = try event(age: limit + 1, processed: false)
        let alarm = try #require(try Self.alarm(.stuckOutbox, db))
        #expect(alarm.count == 1 && alarm.sampleID == String(stuck))
        #expect(try Self.alarm(.stuckOutbox, db, fault: ("make_interval(secs => $2)\n", "make_interval(secs => $2::int + 1)\n")) == nil,
                "a limit one second longer would miss it")
    }

    @Test("daily limit: a venue's approved and paid payouts of the UTC day over 5,000,000 cents fire; exactly 5,000,000 does not")
    func payoutDailyLimit() throws {
        let db = try TestCluster.shared.connect(.migrated)
        let hall = try Fixtures.venue(db, 1, name: "Hall", available: 100_000_000)
        let arena = try Fixtures.venue(db, 2, name: "Arena", available: 100_000_000)
        @discardableResult
        func payout(_ venue: PGUUID, _ amount: Int64, _ status: String, decided: Timestamp) throws -> PGUUID {
            try db.query("""
                INSERT INTO venue_payouts (venue_id, amount, status, requested_by, requested_at, decided_by, decided_at)
                VALUES ($1, $2, $3, 'requester', $4::timestamptz - interval '1 hour', 'approver', $4)
                RETURNING id
                """, [venue, amount, status, decided])[0].decode(0)
        }
        // Hall today: 3,000,000 approved at the first instant of the UTC day + 2,000,000 paid = exactly the limit.
        let approved = try payout(hall, 3_000_000, "approved", decided: Self.dayStart)
        try payout(hall, 2_000_000, "paid", decided: Self.asOf.adding(seconds: -3_600))
        // Not today's approvals: rejected and failed today, approved in the last second of yesterday.
        try payout(hall, 1_000_000, "rejected", decided: Self.asOf.adding(seconds: -60))
        try payout(hall, 500_000, "failed", decided: Self.asOf.adding(seconds: -60))
        try payout(hall, 1_000_000, "approved", decided: Self.dayStart.adding(seconds: -1))
        // Arena: one cent under the limit.
        try payout(arena, 4_999_999, "paid", decided: Self.asOf.adding(seconds: -7_200))

        #expect(try Self.alarm(.payoutDailyLimit, db) == nil)
        #expect(try Self.alarm(.payoutDailyLimit, db, fault: ("> 5000000", ">= 5000000"))?.count == 1,
                "a limit taken as exclusive would fire on Hall's exact 5,000,000")
        #expect(try Self.alarm(.payoutDailyLimit, db, fault: ("p.status IN ('approved', 'paid')", "p.status <> 'requested'")) != nil,
                "counting rejected and failed payouts would fire")
        #expect(try Self.alarm(.payoutDailyLimit, db, fault: (
            "p.decided_at >= date_trunc('day', clock.now AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'",
            "p.decided_at >= clock.now - interval '1 day'")) != nil,
                "a rolling 24 hours instead of the UTC day would count yesterday's last second and fire")

        // One cent more on Hall today: over the limit.
        try db.query("UPDATE venue_payouts SET amount = amount + 1 WHERE id = $1", [approved])
        let alarm = try #require(try Self.alarm(.payoutDailyLimit, db))
        #expect(alarm.count == 1 && alarm.sampleID == hall.string)
        #expect(try Self.alarm(.payoutDailyLimit, db, fault: ("p.status IN ('approved', 'paid')", "p.status IN ('approved')")) == nil,
                "a condition that forgot paid payouts would miss it")

        // Two cents more on Arena (5,000,001): two venues.
        try payout(arena, 2, "approved", decided: Self.asOf)
        #expect(try Self.alarm(.payoutDailyLimit, db)?.count == 2)
    }
}
