import PaymentData
import Testing
import TestSupport

/// The stripe-service profile (seed 002) on its Prisma schema (stripe-service-fixture.sql: TEXT ids, DECIMAL(65,30)
/// MAJOR units, the "PaymentStatus" enum, TIMESTAMP(3) written in the profile's zone, camelCase columns): every
/// available or limited pane's query on a small hand-made set of rows, with the answers a person computes by hand.
/// A payment's events and timeline are its payment_status_history.
@Suite("stripe-service profile: exact answers on hand-made rows")
struct StripeServiceProfileTests {
    /// A fresh stripe-service database: the platform's schema, payops installed (zone TestCluster.ticketTokenZone), no rows.
    static func database() throws -> PGConnection {
        try PGConnection(try TestCluster.shared.freshDatabase(fixture: "stripe-service", seeded: false))
    }

    /// T = 2026-11-20 12:00 UTC, 06:00 in America/Chicago (CST, UTC-6; no daylight-saving change within a day of it).
    static let anchor = Timestamp(year: 2026, month: 11, day: 20, hour: 12)
    static func at(_ secondsBeforeAnchor: Int64) -> Timestamp { anchor.adding(seconds: -secondsBeforeAnchor) }
    static let zone = TestCluster.ticketTokenZone

    static func s(_ n: Int) -> PGUUID { Fixtures.uuid(2, n) }
    static let alice = Fixtures.uuid(3, 1)
    static let carol = Fixtures.uuid(3, 2)
    static let key1 = Fixtures.uuid(4, 1)
    static let pseudoVenue = PGUUID("00000000-0000-0000-0000-000000000000")!

    /// One payment with its status history: `history` is (from, to, seconds before T, reason, metadata JSON).
    struct Payment {
        var n: Int
        var status: String
        var amount: String
        var currency = "usd"
        var ago: Int
        var user: String
        var key: String? = nil
        var refunded = "0"
        var failureCode: String? = nil
        var failureMessage: String? = nil
        var history: [(String?, String, Int, String?, String?)]
    }

    /// S1…S9. Minutes before T: S6 1, S4 20, S3 30, S1 120, S9 180, S8 240, S2 300, S5 1439 (just inside 24 h),
    /// S7 1441 (just outside).
    static let payments: [Payment] = [
        Payment(n: 1, status: "CAPTURED", amount: "49.99", ago: 7_200, user: alice.string, key: key1.string, history: [
            (nil, "INITIATED", 7_200, nil, nil), ("INITIATED", "PROCESSING", 7_199, nil, nil),
            ("PROCESSING", "AUTHORIZED", 7_197, nil, nil), ("AUTHORIZED", "CAPTURED", 7_140, nil, nil)]),
        Payment(n: 2, status: "PARTIALLY_REFUNDED", amount: "100.00", ago: 18_000, user: "user_42", refunded: "25.50", history: [
            (nil, "INITIATED", 18_000, nil, nil), ("INITIATED", "PROCESSING", 17_999, nil, nil),
            ("PROCESSING", "AUTHORIZED", 17_998, nil, nil), ("AUTHORIZED", "CAPTURED", 17_940, nil, nil),
            ("CAPTURED", "PARTIALLY_REFUNDED", 3_600, "requested_by_customer", #"{"refundId": "re_1", "amount": "25.50"}"#)]),
        Payment(n: 3, status: "FAILED", amount: "12.34", ago: 1_800, user: carol.string, failureCode: "card_declined",
                failureMessage: "Your card was declined.", history: [
            (nil, "INITIATED", 1_800, nil, nil), ("INITIATED", "PROCESSING", 1_799, nil, nil),
            ("PROCESSING", "FAILED", 1_795, "card_declined", #"{"declineCode": "generic_decline"}"#)]),
        Payment(n: 4, status: "CANCELLED", amount: "5.00", ago: 1_200, user: carol.string, history: [
            (nil, "INITIATED", 1_200, nil, nil), ("INITIATED", "CANCELLED", 1_190, "abandoned", nil)]),
        Payment(n: 5, status: "REFUNDED", amount: "20.00", ago: 86_340, user: alice.string, refunded: "20.00", history: [
            (nil, "INITIATED", 86_340, nil, nil), ("INITIATED", "PROCESSING", 86_339, nil, nil),
            ("PROCESSING", "CAPTURED", 86_280, nil, nil),
            ("CAPTURED", "REFUNDED", 600, "duplicate", #"{"refundId": "re_2", "amount": "20.00"}"#)]),
        Payment(n: 6, status: "INITIATED", amount: "7.50", ago: 60, user: alice.string, history: [(nil, "INITIATED", 60, nil, nil)]),
        Payment(n: 7, status: "CAPTURED", amount: "75.25", ago: 86_460, user: carol.string, history: [
            (nil, "INITIATED", 86_460, nil, nil), ("INITIATED", "CAPTURED", 86_400, nil, nil)]),
        Payment(n: 8, status: "AUTHORIZED", amount: "33.33", ago: 14_400, user: carol.string, history: [
            (nil, "INITIATED", 14_400, nil, nil), ("INITIATED", "AUTHORIZED", 14_395, nil, nil)]),
        Payment(n: 9, status: "CAPTURED", amount: "10.10", currency: "eur", ago: 10_800, user: alice.string, history: [
            (nil, "INITIATED", 10_800, nil, nil), ("INITIATED", "CAPTURED", 10_740, nil, nil)]),
    ]

    /// The TIMESTAMP(3) the service writes for `ago` seconds before T, in the profile's zone (as SQL on $1 = T, $2 = ago).
    static let local = "(($1::timestamptz AT TIME ZONE '\(zone)') - $2 * interval '1 second')"

    static func insertRows(_ db: PGConnection) throws {
        var historyNumber = 0
        for payment in payments {
            try db.query("""
                INSERT INTO payments ("id", "orderId", "userId", "amount", "currency", "status", "stripePaymentIntentId",
                                      "stripeChargeId", "idempotencyKey", "refundedAmount", "failureCode", "failureMessage",
                                      "metadata", "createdAt", "updatedAt")
                VALUES ($3, 'order_' || (1000 + $4::int), $5, $6::numeric, $7, $8::"PaymentStatus", 'pi_3S' || $4,
                        CASE WHEN $8 IN ('CAPTURED', 'REFUNDED', 'PARTIALLY_REFUNDED') THEN 'ch_3S' || $4 END, $9,
                        $10::numeric, $11, $12, '{"channel": "web"}', \(local), \(local))
                """, [anchor, payment.ago, s(payment.n).string, String(payment.n), payment.user, payment.amount,
                      payment.currency, payment.status, payment.key, payment.refunded, payment.failureCode,
                      payment.failureMessage])
            for (from, to, ago, reason, metadata) in payment.history {
                historyNumber += 1
                try db.query("""
                    INSERT INTO payment_status_history ("id", "paymentId", "fromStatus", "toStatus", "reason", "metadata",
                                                        "createdAt")
                    VALUES ($3, $4, $5::"PaymentStatus", $6::"PaymentStatus", $7, $8::jsonb, \(local))
                    """, [anchor, ago, Fixtures.uuid(7, historyNumber).string, s(payment.n).string, from, to, reason, metadata])
            }
        }
    }

    @Test("Overview: AUTHORIZED/CAPTURED → completed, CANCELLED → cancelled; revenue and refunds in cents per currency")
    func overview() throws {
        let db = try Self.database()
        try Self.insertRows(db)
        let overview = try db.run(OverviewQueries.overview(asOf: Self.anchor))
        // In (T-24h, T]: all but S7 (T-24h1m). Completed: S1 CAPTURED, S8 AUTHORIZED, S9 CAPTURED; S2 partially
        // refunded; S3 FAILED; S4 CANCELLED → cancelled (no failure); S5 refunded; S6 INITIATED → pending.
        #expect(overview.counts == [.completed: 3, .partiallyRefunded: 1, .failed: 1, .cancelled: 1, .refunded: 1, .pending: 1])
        // Revenue (completed, partially refunded, refunded), 'usd'/'eur' upper-cased, by currency:
        // EUR S9 10.10 → 1010; USD S1 49.99 + S2 100.00 + S5 20.00 + S8 33.33 = 203.32 → 20332.
        #expect(overview.revenue == [Money(minorUnits: 1_010, currency: .eur), Money(minorUnits: 20_332, currency: .usd)])
        // Refunds: the history's changes to PARTIALLY_REFUNDED (S2, 25.50 at T-1h) and REFUNDED (S5, 20.00 at T-10m).
        #expect(overview.refunds == [Money(minorUnits: 4_550, currency: .usd)])
        #expect(overview.refundCount == 2)
        // Failure reasons: S3's failureCode card_declined (S4 is cancelled, not failed).
        #expect(overview.topFailureReasons.map(\.reason) == ["card_declined"])
        #expect(overview.topFailureReasons.map(\.count) == [1])
        // S5 REFUNDED with 20.00 refunded of 20.00: no alarm; no queues here.
        #expect(overview.alarms.isEmpty)
        #expect(overview.queues.groups.isEmpty)
        // Two more minutes of window take S7 (CAPTURED, 75.25, T-24h1m) in (one more minute would not: the window's
        // start is exclusive).
        let wider = try db.run(OverviewQueries.overview(windowSeconds: 86_400 + 120, asOf: Self.anchor))
        #expect(wider.counts[.completed] == 4)
        #expect(wider.revenue.last == Money(minorUnits: 20_332 + 7_525, currency: .usd))

        // Change a native row: S5's refund row says 15.00, not 20.00. Refunds drop by 500 cents, and S5 (REFUNDED)
        // no longer has its whole amount refunded: the refunded-status alarm names it.
        try db.execute("""
            UPDATE payment_status_history SET "metadata" = '{"refundId": "re_2", "amount": "15.00"}'
            WHERE "paymentId" = '\(Self.s(5).string)' AND "toStatus" = 'REFUNDED'
            """)
        let changed = try db.run(OverviewQueries.overview(asOf: Self.anchor))
        #expect(changed.refunds == [Money(minorUnits: 4_050, currency: .usd)])
        let alarm = try #require(changed.alarms.first { $0.kind == .refundedStatusMismatch })
        #expect(alarm.count == 1 && alarm.sampleID == Self.s(5).string)
    }

    @Test("Transactions: Decimal major units → cents, one pseudo-venue, statuses mapped; filters, paging, search")
    func transactions() throws {
        let db = try Self.database()
        try Self.insertRows(db)
        let page = try db.run(TransactionQueries.page(.first, limit: 50))
        // Newest first: S6, S4, S3, S1, S9, S8, S2, S5, S7.
        #expect(page.rows.map(\.id) == [6, 4, 3, 1, 9, 8, 2, 5, 7].map(Self.s))
        #expect(page.rows.map(\.amount.minorUnits) == [750, 500, 1_234, 4_999, 1_010, 3_333, 10_000, 2_000, 7_525])
        #expect(page.rows.map(\.amount.currency.code) == ["USD", "USD", "USD", "USD", "EUR", "USD", "USD", "USD", "USD"])
        #expect(page.rows.map(\.status) == [.pending, .cancelled, .failed, .completed, .completed, .completed, .partiallyRefunded,
                                            .refunded, .completed])
        #expect(page.rows.map(\.intentID) == ["pi_3S6", "pi_3S4", "pi_3S3", "pi_3S1", "pi_3S9", "pi_3S8", "pi_3S2", "pi_3S5",
                                              "pi_3S7"])
        #expect(page.rows.allSatisfy { $0.platformFee.minorUnits == 0 && $0.taxAmount == nil })
        #expect(page.rows.allSatisfy { $0.venueID == Self.pseudoVenue && $0.venueName == "this Stripe account" })
        // TIMESTAMP(3) written as Chicago wall-clock time reads back as the instant: S1 at exactly T-2h.
        #expect(page.rows[3].createdAt == Self.at(7_200))
        #expect(page.rows.map(\.createdAt) == [60, 1_200, 1_800, 7_200, 10_800, 14_400, 18_000, 86_340, 86_460].map(Self.at))
        // A user id that is not a uuid ('user_42') becomes md5('user_42') as a uuid.
        let md5: PGUUID = try db.query("SELECT md5('user_42')::uuid")[0].decode(0)
        #expect(page.rows[6].userID == md5)
        #expect(page.rows[3].userID == Self.alice)

        // Filters.
        let completed = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(statuses: [.completed])))
        #expect(completed.rows.map(\.id) == [1, 9, 8, 7].map(Self.s))
        let failed = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(statuses: [.failed])))
        #expect(failed.rows.map(\.id) == [Self.s(3)])
        let cancelled = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(statuses: [.cancelled])))
        #expect(cancelled.rows.map(\.id) == [Self.s(4)])
        let refunds = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(statuses: [.refunded, .partiallyRefunded])))
        #expect(refunds.rows.map(\.id) == [2, 5].map(Self.s))
        // [T-1h, T): S6, S4, S3.
        let hour = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(from: Self.at(3_600), until: Self.anchor)))
        #expect(hour.rows.map(\.id) == [6, 4, 3].map(Self.s))
        // [T-24h, T): S7 at T-24h1m is just outside.
        let day = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(from: Self.at(86_400), until: Self.anchor)))
        #expect(day.rows.count == 8)
        // 10.10 … 49.99 inclusive: S3 12.34, S1 49.99, S9 10.10, S8 33.33, S5 20.00.
        let amounts = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(minAmount: 1_010, maxAmount: 4_999)))
        #expect(amounts.rows.map(\.id) == [3, 1, 9, 8, 5].map(Self.s))
        let venue = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(venueID: Self.pseudoVenue)))
        #expect(venue.rows.count == 9)

        // Keyset paging: 4 + 4 + 1.
        let first = try db.run(TransactionQueries.page(.first, limit: 4))
        let second = try db.run(TransactionQueries.page(.after(try #require(first.rows.last).cursor), limit: 4))
        let third = try db.run(TransactionQueries.page(.after(try #require(second.rows.last).cursor), limit: 4))
        #expect((first.rows + second.rows + third.rows).map(\.id) == page.rows.map(\.id))
        #expect(third.rows.count == 1 && !third.hasOlder)
        // And back: the page before the third is the second.
        let back = try db.run(TransactionQueries.page(.before(try #require(third.rows.first).cursor), limit: 4))
        #expect(back.rows.map(\.id) == second.rows.map(\.id))

        // Search: Stripe's intent id, the payment id, the idempotency key (a uuid), the user id.
        let byIntent = try db.run(try TransactionQueries.search("pi_3S2"))
        #expect(byIntent.map(\.transaction.id) == [Self.s(2)] && byIntent.map(\.matchedBy) == ["intent id"])
        let byID = try db.run(try TransactionQueries.search(Self.s(3).string))
        #expect(byID.map(\.transaction.id) == [Self.s(3)] && byID.map(\.matchedBy) == ["payment id"])
        let byKey = try db.run(try TransactionQueries.search(Self.key1.string))
        #expect(byKey.map(\.transaction.id) == [Self.s(1)] && byKey.map(\.matchedBy) == ["idempotency key"])
        let byUser = try db.run(try TransactionQueries.search(Self.alice.string))
        #expect(byUser.map(\.transaction.id) == [6, 1, 9, 5].map(Self.s))

        // Change a native row: S8's amount 33.33 → 33.335 (half a cent: rounds away from zero) = +1 cent.
        try db.execute(#"UPDATE payments SET "amount" = 33.335 WHERE "id" = '\#(Self.s(8).string)'"#)
        let changed = try db.run(TransactionQueries.page(.first, limit: 50))
        #expect(changed.rows.map(\.amount.minorUnits) == [750, 500, 1_234, 4_999, 1_010, 3_334, 10_000, 2_000, 7_525])
    }

    @Test("a payment's timeline is its payment_status_history, in order, with the refund it records")
    func timeline() throws {
        let db = try Self.database()
        try Self.insertRows(db)
        let timeline = try db.run(PaymentDetailQueries.timeline(Self.s(2)))
        // S2: created at T-5h; INITIATED, PROCESSING (T-5h+1s), AUTHORIZED (+2s), CAPTURED (+1m), PARTIALLY_REFUNDED at
        // T-1h, which is also its one refund (25.50).
        #expect(timeline.map { "\($0.source.rawValue) \($0.kind)" } == [
            "transaction payment.created", "event payment.initiated", "event payment.processing", "event payment.authorized",
            "event payment.captured", "event payment.partially_refunded", "refund refund.completed",
        ])
        #expect(timeline.map(\.at) == [18_000, 18_000, 17_999, 17_998, 17_940, 3_600, 3_600].map(Self.at))
        #expect(timeline.map(\.amount) == [10_000, nil, nil, nil, nil, nil, 2_550])
        #expect(timeline.last?.detail == "requested_by_customer")
        #expect(timeline.allSatisfy { $0.ipAddress == nil && $0.userAgent == nil })
        let refund = try #require(timeline.first { $0.kind == "payment.partially_refunded" })
        #expect(refund.detail == "CAPTURED → PARTIALLY_REFUNDED (requested_by_customer)")
        // The event entries are exactly the native history rows, oldest first.
        let native: [(String, Timestamp)] = try db.query("""
            SELECT 'payment.' || lower("toStatus"::text), "createdAt" AT TIME ZONE '\(Self.zone)'
            FROM payment_status_history WHERE "paymentId" = $1 ORDER BY "createdAt"
            """, [Self.s(2).string]).map { row in (try row.decode(0), try row.decode(1)) }
        #expect(timeline.filter { $0.source == .event }.map(\.kind) == native.map(\.0))
        #expect(timeline.filter { $0.source == .event }.map(\.at) == native.map(\.1))

        // S3, the failure: its reason is in the FAILED row's payload.
        let failed = try db.run(PaymentDetailQueries.timeline(Self.s(3)))
        #expect(failed.map(\.kind) == ["payment.created", "payment.initiated", "payment.processing", "payment.failed"])
        #expect(failed.last?.detail?.hasSuffix("→ FAILED (card_declined)") == true)

        // The detail view: amounts in cents, the refund, what stays refundable, the platform's fields in metadata.
        let detail = try #require(try db.run(PaymentDetailQueries.detail(Self.s(2))))
        #expect(detail.transaction.amount == Money(minorUnits: 10_000, currency: .usd))
        #expect(detail.venuePayout.minorUnits == 10_000)
        #expect(detail.refunds.map(\.amount.minorUnits) == [2_550])
        #expect(detail.refunds.map(\.status) == ["completed"])
        #expect(detail.refunds.map(\.completedAt) == [Self.at(3_600)])
        #expect(detail.refundable.minorUnits == 7_450)
        #expect(detail.metadata.text.contains(#""order_id": "order_1002""#))
        #expect(detail.metadata.text.contains(#""platform_status": "PARTIALLY_REFUNDED""#))
        #expect(detail.metadata.text.contains(#""refunded_amount": 2550"#))
        #expect(detail.timeline == timeline)
        let s1 = try #require(try db.run(PaymentDetailQueries.detail(Self.s(1))))
        #expect(s1.idempotencyKey == Self.key1)
        #expect(s1.refunds.isEmpty && s1.refundable.minorUnits == 4_999)

        // The service refunds the rest (74.50) at T-5m: the history gains a row, the timeline two entries.
        try db.query("""
            INSERT INTO payment_status_history ("id", "paymentId", "fromStatus", "toStatus", "reason", "metadata", "createdAt")
            VALUES ($3, $4, 'PARTIALLY_REFUNDED', 'REFUNDED', 'requested_by_customer',
                    '{"refundId": "re_3", "amount": "74.50"}', \(Self.local))
            """, [Self.anchor, 300, Fixtures.uuid(7, 99).string, Self.s(2).string])
        try db.execute(#"UPDATE payments SET "status" = 'REFUNDED', "refundedAmount" = 100 WHERE "id" = '\#(Self.s(2).string)'"#)
        let after = try db.run(PaymentDetailQueries.timeline(Self.s(2)))
        #expect(after.count == timeline.count + 2)
        #expect(after.suffix(2).map { "\($0.source.rawValue) \($0.kind)" } == ["event payment.refunded", "refund refund.completed"])
        #expect(after.suffix(2).map(\.at) == [Self.at(300), Self.at(300)])
        #expect(after.last?.amount == 7_450)
        // The Overview agrees: 25.50 + 74.50 = 100.00 refunded of a REFUNDED 100.00 (no alarm); refunds 45.50 + 74.50.
        let overview = try db.run(OverviewQueries.overview(asOf: Self.anchor))
        #expect(overview.refunds == [Money(minorUnits: 12_000, currency: .usd)])
        #expect(overview.refundCount == 3)
        #expect(overview.counts[.refunded] == 2 && overview.counts[.partiallyRefunded] == nil)
        #expect(overview.alarms.isEmpty)
    }

    @Test("Audit trail: every status change is an event, newest first, without addresses; filters by type and payment")
    func auditTrail() throws {
        let db = try Self.database()
        try Self.insertRows(db)
        // 25 history rows: S1 4, S2 5, S3 3, S4 2, S5 4, S6 1, S7 2, S8 2, S9 2.
        let all = try db.run(AuditQueries.events(.first, limit: 50))
        #expect(all.rows.count == 25)
        #expect(all.rows.first?.eventType == "payment.initiated" && all.rows.first?.paymentID == Self.s(6))
        #expect(all.rows.first?.createdAt == Self.at(60))
        #expect(all.rows.last?.paymentID == Self.s(7) && all.rows.last?.createdAt == Self.at(86_460))
        #expect(all.rows.allSatisfy { $0.ipAddress == nil && $0.userAgent == nil })
        #expect(all.rows.map(\.createdAt) == all.rows.map(\.createdAt).sorted(by: >))
        // The history row ids are the event ids.
        #expect(Set(all.rows.map(\.id)) == Set((1...25).map { Fixtures.uuid(7, $0) }))
        // Captures, newest first: S1 (T-1h59m), S9 (T-2h59m), S2 (T-4h59m), S5 (T-23h58m), S7 (T-24h).
        let captured = try db.run(AuditQueries.events(.first, filter: EventFilter(eventType: "payment.captured")))
        #expect(captured.rows.map(\.paymentID) == [1, 9, 2, 5, 7].map(Self.s))
        let failures = try db.run(AuditQueries.events(.first, filter: EventFilter(eventType: "payment.failed")))
        #expect(failures.rows.map(\.paymentID) == [Self.s(3)])
        let s3 = try db.run(AuditQueries.events(.first, filter: EventFilter(paymentID: Self.s(3))))
        #expect(s3.rows.map(\.eventType) == ["payment.failed", "payment.processing", "payment.initiated"])
        // Paging: 25 = 10 + 10 + 5.
        let one = try db.run(AuditQueries.events(.first, limit: 10))
        let two = try db.run(AuditQueries.events(.after(try #require(one.rows.last).cursor), limit: 10))
        let three = try db.run(AuditQueries.events(.after(try #require(two.rows.last).cursor), limit: 10))
        #expect((one.rows + two.rows + three.rows).map(\.id) == all.rows.map(\.id))
        #expect(three.rows.count == 5)

        // S6 is captured a minute later… at T: one more event, the newest.
        try db.query("""
            INSERT INTO payment_status_history ("id", "paymentId", "fromStatus", "toStatus", "createdAt")
            VALUES ($3, $4, 'INITIATED', 'CAPTURED', \(Self.local))
            """, [Self.anchor, 0, Fixtures.uuid(7, 100).string, Self.s(6).string])
        let moved = try db.run(AuditQueries.events(.first, limit: 50))
        #expect(moved.rows.count == 26)
        #expect(moved.rows.first?.eventType == "payment.captured" && moved.rows.first?.createdAt == Self.anchor)
    }
}
