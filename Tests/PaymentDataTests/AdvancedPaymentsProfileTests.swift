import PaymentData
import Testing
import TestSupport

/// The advanced-payments profile (seed 004) on the seed's schema (advanced-payments-fixture.sql: DECIMAL dollars,
/// TIMESTAMP without zone written in the profile's zone, the transaction_status / transaction_type enums, the
/// trigger-written audit_logs, webhook_deliveries) and, for addresses and failure reasons, on the real service's
/// types (advanced-payments-variant-fixture.sql): every available or limited pane's query on a small hand-made set
/// of rows, with the answers a person computes by hand.
@Suite("advanced-payments profile: exact answers on hand-made rows")
struct AdvancedPaymentsProfileTests {
    /// A fresh database of the fixture, payops installed (zone TestCluster.ticketTokenZone), no rows: payops' reading
    /// connection (UTC, as every payops session) and the platform's own (its TIMESTAMP columns and the audit trigger's
    /// NOW() are wall-clock time in the zone payops was installed with, so its sessions run in that zone).
    static func database(_ fixture: String = "advanced-payments") throws -> (db: PGConnection, platform: PGConnection) {
        let conninfo = try TestCluster.shared.freshDatabase(fixture: fixture, seeded: false)
        let platform = try PGConnection(conninfo)
        try platform.setSession("TimeZone", zone)
        return (try PGConnection(conninfo), platform)
    }

    /// T = 2026-11-20 12:00 UTC (06:00 CST in America/Chicago).
    static let anchor = Timestamp(year: 2026, month: 11, day: 20, hour: 12)
    static func at(_ secondsBeforeAnchor: Int64) -> Timestamp { anchor.adding(seconds: -secondsBeforeAnchor) }
    static let zone = TestCluster.ticketTokenZone
    /// The platform's TIMESTAMP for `$2` seconds before `$1` (= T).
    static let local = "(($1::timestamptz AT TIME ZONE '\(zone)') - $2 * interval '1 second')"

    static func a(_ n: Int) -> PGUUID { Fixtures.uuid(2, n) }
    static func r(_ n: Int) -> PGUUID { Fixtures.uuid(6, n) }
    static func d(_ n: Int) -> PGUUID { Fixtures.uuid(8, n) }
    static let ana = Fixtures.uuid(3, 1)
    static let mallory = Fixtures.uuid(3, 2)
    static let endpoint = Fixtures.uuid(9, 1)
    static let endpointURL = "https://shop.example/webhooks/payments"
    static let merchant = PGUUID("00000000-0000-0000-0000-000000000000")!

    /// A transaction of the seed's schema: (n, type, status, dollars, customer, seconds before T, order n, card).
    typealias Transaction = (n: Int, type: String, status: String, amount: String, customer: PGUUID, ago: Int, order: Int,
                             card: String)
    /// A1…A10. Minutes before T: A10 1, A9 10, A2 30, A1 120, A7 165, A4 170, A3 180, A6 300, A5 360, A8 1441 (just
    /// outside 24 h). A4 captures A3's hold (same order); A7 is a void (not a payment).
    static let transactions: [Transaction] = [
        (1, "purchase", "succeeded", "19.99", ana, 7_200, 1, "visa 4242"),
        (2, "purchase", "failed", "45.67", mallory, 1_800, 2, "mastercard 5454"),
        (3, "authorize", "succeeded", "100.00", ana, 10_800, 3, "visa 4242"),
        (4, "capture", "succeeded", "100.00", ana, 10_200, 3, "visa 4242"),
        (5, "purchase", "refunded", "50.00", ana, 21_600, 5, "visa 4242"),
        (6, "purchase", "succeeded", "80.00", mallory, 18_000, 6, "mastercard 5454"),
        (7, "void", "succeeded", "25.00", mallory, 9_900, 7, "mastercard 5454"),
        (8, "purchase", "succeeded", "10.00", ana, 86_460, 8, "visa 4242"),
        (9, "purchase", "cancelled", "15.00", mallory, 600, 9, "mastercard 5454"),
        (10, "purchase", "pending", "12.34", ana, 60, 10, "visa 4242"),
    ]
    /// R1 50.00 succeeded (A5, T-5h30m, updated a minute later), R2 20.25 pending (A6, T-1h), R3 5.00 cancelled (A6, T-50m).
    static let refunds: [(n: Int, transaction: Int, amount: String, status: String, reason: String?, ago: Int)] = [
        (1, 5, "50.00", "succeeded", "requested_by_customer", 19_800),
        (2, 6, "20.25", "pending", "duplicate", 3_600),
        (3, 6, "5.00", "cancelled", nil, 3_000),
    ]

    /// Writes the rows into the seed's tables, one statement (one transaction, one NOW() for the trigger) each.
    static func insertRows(_ platform: PGConnection) throws {
        try platform.query("""
            INSERT INTO customers (id, email, first_name, last_name) VALUES
                ($1, 'ana@example.com', 'Ana', 'Silva'), ($2, 'mallory@example.net', 'Mallory', 'M')
            """, [ana, mallory])
        for transaction in transactions where transaction.n == transaction.order {
            try platform.query("""
                INSERT INTO orders (id, customer_id, amount, currency, status, metadata, created_at, updated_at)
                VALUES ($3, $4, $5::numeric, 'USD', 'created', jsonb_build_object('cart', $6::text), \(local), \(local))
                """, [anchor, transaction.ago, Fixtures.uuid(5, transaction.order), transaction.customer, transaction.amount,
                      "cart-\(transaction.order)"])
        }
        for t in transactions {
            let parts = t.card.split(separator: " ")
            try platform.query("""
                INSERT INTO transactions (id, order_id, transaction_type, amount, currency, status, gateway_transaction_id,
                                          payment_method, created_at, updated_at)
                VALUES ($3, $4, $5::transaction_type, $6::numeric, 'USD', $7::transaction_status, 'txn_' || (1000 + $8::int),
                        jsonb_build_object('type', 'card', 'brand', $9::text, 'last4', $10::text), \(local), \(local))
                """, [anchor, t.ago, a(t.n), Fixtures.uuid(5, t.order), t.type, t.amount, t.status, String(t.n),
                      String(parts[0]), String(parts[1])])
        }
        for refund in refunds {
            try platform.query("""
                INSERT INTO refunds (id, transaction_id, amount, currency, reason, status, created_at, updated_at)
                VALUES ($3, $4, $5::numeric, 'USD', $6, $7, \(local), \(local) + interval '1 minute')
                """, [anchor, refund.ago, r(refund.n), a(refund.transaction), refund.amount, refund.reason, refund.status])
        }
    }

    /// The merchant's webhook endpoint and seven deliveries: (n, status, seconds before T, attempts, error, body's object id).
    static let deliveries: [(n: Int, status: String, ago: Int, attempts: Int, error: String?, object: String)] = [
        (1, "pending", 300, 0, nil, "txn_1010"),
        (2, "retrying", 1_200, 2, "HTTP 503", "txn_1002"),
        (3, "retrying", 900, 1, "timeout after 30000 ms", "txn_1002"),
        (4, "failed", 2_400, 1, "HTTP 500", "txn_1006"),
        (5, "abandoned", 10_800, 5, "HTTP 410 Gone", "txn_1003"),
        (6, "succeeded", 7_100, 1, nil, "txn_1001"),
        (7, "succeeded", 600, 1, nil, "txn_1009"),
    ]

    static func insertDeliveries(_ platform: PGConnection) throws {
        try platform.query("""
            INSERT INTO webhook_endpoints (id, url, enabled_events, secret) VALUES ($1, $2, '{payment.*}', 'whsec_x')
            """, [endpoint, endpointURL])
        for delivery in deliveries {
            try platform.query("""
                INSERT INTO webhook_deliveries (id, event_id, endpoint_id, event_type, attempt_number, status, request_body,
                                                error_message, scheduled_at, created_at, updated_at, completed_at)
                VALUES ($3, 'evt_' || $4::text, $5, 'payment.updated', $6, $7::webhook_delivery_status,
                        jsonb_build_object('type', 'payment.updated', 'data', jsonb_build_object('object',
                            jsonb_build_object('id', $8::text))),
                        $9, \(local), \(local), \(local),
                        CASE WHEN $7 = 'succeeded' THEN \(local) + interval '1 second' END)
                """, [anchor, delivery.ago, d(delivery.n), String(delivery.n), endpoint, delivery.attempts, delivery.status,
                      delivery.object, delivery.error])
        }
    }

    @Test("Overview: succeeded → completed, an authorize hold → processing, cancelled kept apart; cents; the webhook queue")
    func overview() throws {
        let (db, platform) = try Self.database()
        try Self.insertRows(platform)
        try Self.insertDeliveries(platform)
        let overview = try db.run(OverviewQueries.overview(asOf: Self.anchor))
        // In (T-24h, T]: A1, A4, A6 completed (3); A3 authorize → processing; A5 refunded; A2 failed (1); A9 cancelled
        // (1, not a failure); A10 pending. A8 is 24h1m old; A7 is a void, not a payment.
        #expect(overview.counts == [.completed: 3, .processing: 1, .refunded: 1, .failed: 1, .cancelled: 1, .pending: 1])
        // Revenue: A1 19.99 + A4 100.00 + A5 50.00 + A6 80.00 = 249.99 → 24999 (A3's hold is not money taken).
        #expect(overview.revenue == [Money(minorUnits: 24_999, currency: .usd)])
        // Refunds: R1 50.00 (succeeded) + R2 20.25 (pending) = 70.25 → 7025; R3 (cancelled → failed) does not count.
        #expect(overview.refunds == [Money(minorUnits: 7_025, currency: .usd)])
        #expect(overview.refundCount == 2)
        // The seed's transactions have no failure_reason column.
        #expect(overview.topFailureReasons.map(\.reason) == ["(none recorded)"])
        #expect(overview.topFailureReasons.map(\.count) == [1], "A2 only: a cancelled checkout is no failure")
        // A5 is refunded and its one succeeded refund is its whole amount: no alarm.
        #expect(overview.alarms.isEmpty)
        // The queue health it shows: webhook deliveries pending 3 (1 pending + 2 retrying), failed 2 (failed + abandoned).
        #expect(overview.queues.total(.webhooks) == 5)

        // Change a native row: R1 back to pending. A5 (refunded) now has no completed refund: the alarm names it;
        // the refunds total does not move (pending still counts).
        try platform.query("UPDATE refunds SET status = 'pending' WHERE id = $1", [Self.r(1)])
        let changed = try db.run(OverviewQueries.overview(asOf: Self.anchor))
        let alarm = try #require(changed.alarms.first { $0.kind == .refundedStatusMismatch })
        #expect(alarm.count == 1 && alarm.sampleID == Self.a(5).string)
        #expect(changed.refunds == [Money(minorUnits: 7_025, currency: .usd)])
        // And A10 (12.34, pending) succeeds: +1234 cents of revenue.
        try platform.query("UPDATE transactions SET status = 'succeeded' WHERE id = $1", [Self.a(10)])
        let paid = try db.run(OverviewQueries.overview(asOf: Self.anchor))
        #expect(paid.revenue == [Money(minorUnits: 24_999 + 1_234, currency: .usd)])
        #expect(paid.counts[.completed] == 4 && paid.counts[.pending] == nil)
    }

    @Test("Queues: webhook_deliveries by mapped status (retrying = pending, abandoned = failed), oldest first")
    func queues() throws {
        let (db, platform) = try Self.database()
        try Self.insertDeliveries(platform)
        let depth = try db.run(QueueQueries.depth(asOf: Self.anchor))
        // pending: D1 pending, D2 and D3 retrying = 3, oldest D2 (T-20m); failed: D4 failed, D5 abandoned = 2, oldest D5
        // (T-3h); D6, D7 succeeded → processed, not waiting. No outbox, dead letters or mint jobs on this platform.
        #expect(depth.groups.map(\.queue) == [.webhooks, .webhooks])
        #expect(depth.groups.map(\.key) == ["pending", "failed"])
        #expect(depth.groups.map(\.count) == [3, 2])
        #expect(depth.groups.map(\.oldest) == [Self.at(1_200), Self.at(10_800)])
        #expect(depth.total(.outbox) == 0 && depth.total(.deadLetters) == 0 && depth.total(.nftMints) == 0)

        let failed = try db.run(QueueQueries.webhooks(status: "failed"))
        #expect(failed.map(\.id) == [Self.d(5), Self.d(4)])
        #expect(failed.map(\.errorMessage) == ["HTTP 410 Gone", "HTTP 500"])
        #expect(failed.map(\.attempts) == [5, 1])
        #expect(failed.map(\.provider) == [Self.endpointURL, Self.endpointURL])
        #expect(failed.map(\.webhookID) == ["evt_5", "evt_4"])
        #expect(failed.map(\.intentID) == ["txn_1003", "txn_1006"])
        #expect(failed.map(\.receivedAt) == [Self.at(10_800), Self.at(2_400)])
        let pending = try db.run(QueueQueries.webhooks(status: "pending"))
        #expect(pending.map(\.id) == [Self.d(2), Self.d(3), Self.d(1)])
        #expect(pending.map(\.status) == ["pending", "pending", "pending"])
        // A pending group of the breakdown (by event type) reads only that type.
        #expect(try db.run(QueueQueries.webhooks(status: "pending", eventType: "payment.updated")).map(\.id) == pending.map(\.id))
        #expect(try db.run(QueueQueries.webhooks(status: "pending", eventType: "payment.created")).isEmpty)
        #expect(try db.run(QueueQueries.webhooks(status: "processed")).map(\.id) == [Self.d(6), Self.d(7)])

        // Change native rows: D2 is delivered on its retry, D4 is scheduled for a retry. pending 3 - 1 + 1 = 3 (oldest
        // now D4, T-40m); failed 2 - 1 = 1 (D5).
        try platform.query("UPDATE webhook_deliveries SET status = 'succeeded', completed_at = now() WHERE id = $1", [Self.d(2)])
        try platform.query("UPDATE webhook_deliveries SET status = 'retrying' WHERE id = $1", [Self.d(4)])
        let changed = try db.run(QueueQueries.depth(asOf: Self.anchor))
        #expect(changed.groups.map(\.key) == ["pending", "failed"])
        #expect(changed.groups.map(\.count) == [3, 1])
        #expect(changed.groups.map(\.oldest) == [Self.at(2_400), Self.at(10_800)])
    }

    @Test("Transactions: purchase/authorize/capture only, dollars → cents, user = the order's customer; filters, search")
    func transactions() throws {
        let (db, platform) = try Self.database()
        try Self.insertRows(platform)
        let page = try db.run(TransactionQueries.page(.first, limit: 50))
        // Newest first, the void A7 left out: A10, A9, A2, A1, A4, A3, A6, A5, A8.
        #expect(page.rows.map(\.id) == [10, 9, 2, 1, 4, 3, 6, 5, 8].map(Self.a))
        #expect(page.rows.map(\.amount.minorUnits) == [1_234, 1_500, 4_567, 1_999, 10_000, 10_000, 8_000, 5_000, 1_000])
        #expect(page.rows.map(\.status) == [.pending, .cancelled, .failed, .completed, .completed, .processing, .completed,
                                            .refunded, .completed])
        #expect(page.rows.map(\.intentID) == ["txn_1010", "txn_1009", "txn_1002", "txn_1001", "txn_1004", "txn_1003",
                                              "txn_1006", "txn_1005", "txn_1008"])
        #expect(page.rows.map(\.userID) == [Self.ana, Self.mallory, Self.mallory, Self.ana, Self.ana, Self.ana, Self.mallory,
                                            Self.ana, Self.ana])
        // TIMESTAMP written as Chicago wall-clock time reads back as the instant.
        #expect(page.rows.map(\.createdAt) == [60, 600, 1_800, 7_200, 10_200, 10_800, 18_000, 21_600, 86_460].map(Self.at))
        #expect(page.rows.allSatisfy { $0.venueID == Self.merchant && $0.venueName == Self.merchant.string })
        #expect(page.rows.allSatisfy { $0.platformFee.minorUnits == 0 && $0.taxAmount == nil })

        let processing = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(statuses: [.processing])))
        #expect(processing.rows.map(\.id) == [Self.a(3)])
        let failed = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(statuses: [.failed])))
        #expect(failed.rows.map(\.id) == [Self.a(2)])
        let cancelled = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(statuses: [.cancelled])))
        #expect(cancelled.rows.map(\.id) == [Self.a(9)])
        let hour = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(from: Self.at(3_600), until: Self.anchor)))
        #expect(hour.rows.map(\.id) == [10, 9, 2].map(Self.a))
        // 10.00 … 19.99 inclusive: A10 12.34, A9 15.00, A1 19.99, A8 10.00.
        let small = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(minAmount: 1_000, maxAmount: 1_999)))
        #expect(small.rows.map(\.id) == [10, 9, 1, 8].map(Self.a))
        let first = try db.run(TransactionQueries.page(.first, limit: 5))
        let second = try db.run(TransactionQueries.page(.after(try #require(first.rows.last).cursor), limit: 5))
        #expect((first.rows + second.rows).map(\.id) == page.rows.map(\.id) && !second.hasOlder)

        // Search: the gateway's transaction id, the customer's id; the void's id finds nothing (not a payment).
        let byGateway = try db.run(try TransactionQueries.search("txn_1002"))
        #expect(byGateway.map(\.transaction.id) == [Self.a(2)] && byGateway.map(\.matchedBy) == ["intent id"])
        #expect(try db.run(try TransactionQueries.search("txn_1007")).isEmpty)
        let byCustomer = try db.run(try TransactionQueries.search(Self.mallory.string))
        #expect(byCustomer.map(\.transaction.id) == [9, 2, 6].map(Self.a))

        // Change a native row: A1 19.99 → 19.98: its amount moves by exactly one cent.
        try platform.query("UPDATE transactions SET amount = 19.98 WHERE id = $1", [Self.a(1)])
        let changed = try db.run(TransactionQueries.page(.first, limit: 50))
        #expect(changed.rows.map(\.amount.minorUnits) == [1_234, 1_500, 4_567, 1_998, 10_000, 10_000, 8_000, 5_000, 1_000])
    }

    @Test("Payment detail and timeline: refunds from the refunds table, the trigger's audit rows, the webhook deliveries")
    func detailAndTimeline() throws {
        let (db, platform) = try Self.database()
        let before: Timestamp = try db.query("SELECT now()")[0].decode(0)
        try Self.insertRows(platform)
        try Self.insertDeliveries(platform)
        let after: Timestamp = try db.query("SELECT now()")[0].decode(0)

        let detail = try #require(try db.run(PaymentDetailQueries.detail(Self.a(6))))
        // A6: 80.00; R2 20.25 pending (T-1h), R3 5.00 cancelled → failed (T-50m): 80.00 - 20.25 = 59.75 refundable.
        #expect(detail.transaction.amount == Money(minorUnits: 8_000, currency: .usd))
        #expect(detail.venuePayout.minorUnits == 8_000)
        #expect(detail.paymentMethodFingerprint == "mastercard 5454")
        #expect(detail.refunds.map(\.id) == [Self.r(2), Self.r(3)])
        #expect(detail.refunds.map(\.amount.minorUnits) == [2_025, 500])
        #expect(detail.refunds.map(\.status) == ["pending", "failed"])
        #expect(detail.refunds.map(\.reason) == ["duplicate", ""])
        #expect(detail.refunds.map(\.createdAt) == [Self.at(3_600), Self.at(3_000)])
        #expect(detail.refunds.map(\.completedAt) == [nil, nil])
        #expect(detail.refundable.minorUnits == 5_975)
        #expect(detail.metadata.text.contains(#""transaction_type": "purchase""#))
        #expect(detail.metadata.text.contains(#""gateway_status": "succeeded""#))
        // The timeline: the transaction row (T-5h), its two refunds, the failed delivery about it (T-40m, body's object
        // txn_1006), then the trigger's three audit rows, written now: the transaction's INSERT, then R2's and R3's.
        #expect(detail.timeline.map { "\($0.source.rawValue) \($0.kind)" } == [
            "transaction payment.created", "refund refund.pending", "refund refund.failed", "webhook payment.updated",
            "event transactions.insert", "event refunds.insert", "event refunds.insert",
        ])
        #expect(detail.timeline.prefix(4).map(\.at) == [18_000, 3_600, 3_000, 2_400].map(Self.at))
        #expect(detail.timeline.prefix(4).map(\.amount) == [8_000, 2_025, 500, nil])
        #expect(detail.timeline[3].status == "failed" && detail.timeline[3].actor == Self.endpointURL)
        #expect(detail.timeline.suffix(3).allSatisfy { before <= $0.at && $0.at <= after },
                "the trigger's NOW() (Chicago wall-clock TIMESTAMP) reads back as the moment of the write")
        // The trigger's INSERT row, as the change it made: "created: amount=80.00, …".
        #expect(detail.timeline[4].detail?.hasPrefix("created: ") == true)
        #expect(detail.timeline[4].detail?.contains("amount=80.00") == true)

        // A5: refunded in full by R1 (succeeded, completed when last updated, T-5h29m).
        let a5 = try #require(try db.run(PaymentDetailQueries.detail(Self.a(5))))
        #expect(a5.transaction.status == .refunded)
        #expect(a5.refunds.map(\.status) == ["completed"])
        #expect(a5.refunds.map(\.completedAt) == [Self.at(19_740)])
        #expect(a5.refundable.minorUnits == 0)

        // The platform cancels R2: the trigger writes a refunds.update row, the refund reads failed.
        try platform.query("UPDATE refunds SET status = 'cancelled' WHERE id = $1", [Self.r(2)])
        let changed = try #require(try db.run(PaymentDetailQueries.detail(Self.a(6))))
        #expect(changed.refunds.map(\.status) == ["failed", "failed"])
        #expect(changed.refundable.minorUnits == 8_000)
        #expect(changed.timeline.last?.kind == "refunds.update")
        #expect(changed.timeline.count == detail.timeline.count + 1)
    }

    @Test("Audit trail: the trigger's audit_logs rows about transactions and refunds (not customers or orders), newest first")
    func auditTrail() throws {
        let (db, platform) = try Self.database()
        let before: Timestamp = try db.query("SELECT now()")[0].decode(0)
        try Self.insertRows(platform)
        let after: Timestamp = try db.query("SELECT now()")[0].decode(0)
        // audit_logs: 2 customers + 9 orders + 10 transactions + 3 refunds = 24 trigger rows; the stream shows the 13
        // about transactions and refunds.
        #expect(try db.query("SELECT count(*) FROM audit_logs")[0].decode(0, as: Int.self) == 24)
        let all = try db.run(AuditQueries.events(.first, limit: 50))
        #expect(all.rows.count == 13)
        #expect(all.rows.filter { $0.eventType == "transactions.insert" }.count == 10)
        #expect(all.rows.filter { $0.eventType == "refunds.insert" }.count == 3)
        // Newest first, in the order the platform wrote them: R3, R2, R1, then A10 … A1.
        #expect(all.rows.map(\.paymentID) == [6, 6, 5, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map(Self.a))
        #expect(all.rows.allSatisfy { before <= $0.createdAt && $0.createdAt <= after })
        // The seed's audit_logs keeps no address or user agent.
        #expect(all.rows.allSatisfy { $0.ipAddress == nil && $0.userAgent == nil })
        let a6 = try db.run(AuditQueries.events(.first, filter: EventFilter(paymentID: Self.a(6))))
        #expect(a6.rows.map(\.eventType) == ["refunds.insert", "refunds.insert", "transactions.insert"])
        let refundRows = try db.run(AuditQueries.events(.first, filter: EventFilter(eventType: "refunds.insert")))
        #expect(refundRows.rows.map(\.paymentID) == [6, 6, 5].map(Self.a))

        // The platform updates A10 (succeeded) and a customer: one new event (transactions.update), the customer's
        // audit row stays out; an application-written row (its own action, back-dated) appears under that action.
        let mark: Timestamp = try db.query("SELECT now()")[0].decode(0)
        try platform.query("UPDATE transactions SET status = 'succeeded' WHERE id = $1", [Self.a(10)])
        try platform.query("UPDATE customers SET phone = '+1 555 0100' WHERE id = $1", [Self.ana])
        try platform.query("""
            INSERT INTO audit_logs (entity_type, entity_id, action, new_values, user_id, created_at)
            VALUES ('transactions', $3, 'fraud.review', '{"score": 0.97}', $4, \(Self.local))
            """, [Self.anchor, 1_740, Self.a(2), Self.mallory])
        let moved = try db.run(AuditQueries.events(.first, limit: 50))
        #expect(moved.rows.count == 15)
        #expect(moved.rows.first?.eventType == "transactions.update" && moved.rows.first?.paymentID == Self.a(10))
        #expect(try #require(moved.rows.first).createdAt >= mark)
        #expect(moved.rows.last?.eventType == "fraud.review" && moved.rows.last?.createdAt == Self.at(1_740))
        #expect(try db.query("SELECT count(*) FROM audit_logs")[0].decode(0, as: Int.self) == 27)
        let review = try db.run(AuditQueries.events(.first, filter: EventFilter(eventType: "fraud.review")))
        #expect(review.rows.map(\.paymentID) == [Self.a(2)])
    }

    @Test("Suspicious IPs: empty on the seed's audit_logs (no address column)")
    func noAddressesOnTheSeedSchema() throws {
        let (db, platform) = try Self.database()
        try Self.insertRows(platform)
        #expect(try db.run(SuspiciousIPQueries.list(windowSeconds: 86_400 * 30, threshold: 0)).isEmpty)
        #expect(try db.run(SessionQueries.paneNotes())["Suspicious IPs"]?.contains("no ip_address column") == true)
    }
}

// MARK: the real service's types: addresses and failure reasons

extension AdvancedPaymentsProfileTests {
    /// X1…X7 (ids Fixtures.uuid(2, n)): (n, status, seconds before T, card, failure_reason) on the variant (TIMESTAMPTZ:
    /// no zone involved).
    static let attempts: [(n: Int, status: String, ago: Int, card: String, failure: String?)] = [
        (1, "failed", 3_620, "visa 4242", "card_declined"),
        (2, "failed", 3_000, "mastercard 5454", "card_declined"),
        (3, "failed", 2_400, "visa 4242", "card_declined"),
        (4, "failed", 1_800, "mastercard 5454", "insufficient_funds"),
        (5, "failed", 1_200, "visa 4242", "card_declined"),
        (6, "failed", 600, "mastercard 5454", "do_not_honor"),
        (7, "succeeded", 300, "visa 4242", nil),
    ]
    static let attacker = "203.0.113.66"

    /// The card tester's seven transactions on the variant schema, each with the application's two audit rows.
    static func insertAttempts(_ db: PGConnection) throws {
        try db.query("""
            INSERT INTO customers (id, first_name, last_name, email) VALUES ($1, 'Mallory', 'M', 'mallory@example.net')
            """, [Self.mallory])
        for attempt in Self.attempts {
            let parts = attempt.card.split(separator: " ")
            try db.query("""
                INSERT INTO orders (id, customer_id, amount, currency, status, created_at)
                VALUES ($1, $2, 45.67, 'USD', 'pending', $3::timestamptz - $4 * interval '1 second')
                """, [Fixtures.uuid(5, attempt.n), Self.mallory, Self.anchor, attempt.ago])
            try db.query("""
                INSERT INTO transactions (id, order_id, gateway_transaction_id, transaction_type, amount, currency, status,
                                          payment_method, failure_reason, created_at, updated_at)
                VALUES ($1, $2, 'txn_' || (2000 + $3::int), 'purchase', 45.67, 'USD', $4::transaction_status,
                        jsonb_build_object('type', 'card', 'brand', $5::text, 'last4', $6::text), $7,
                        $8::timestamptz - $9 * interval '1 second', $8::timestamptz - $9 * interval '1 second')
                """, [Self.a(attempt.n), Fixtures.uuid(5, attempt.n), String(attempt.n), attempt.status, String(parts[0]),
                      String(parts[1]), attempt.failure, Self.anchor, attempt.ago])
            // The application's own audit rows, with the client's address: the attempt, and its outcome 30 s later.
            try db.query("""
                INSERT INTO audit_logs (entity_type, entity_id, action, new_values, ip_address, user_agent, created_at) VALUES
                    ('transactions', $1, 'payment.attempted', '{}', $2::inet, 'python-requests/2.31', $3::timestamptz - $4 * interval '1 second'),
                    ('transactions', $1, CASE WHEN $5 = 'failed' THEN 'payment.declined' ELSE 'payment.approved' END, '{}',
                     $2::inet, 'python-requests/2.31', $3::timestamptz - ($4 - 30) * interval '1 second')
                """, [Self.a(attempt.n), Self.attacker, Self.anchor, attempt.ago, attempt.status])
        }
    }

    @Test("Suspicious IPs on the real service's audit_logs (ip_address INET): failed transactions' rows per address")
    func suspiciousIPs() throws {
        let (db, _) = try Self.database("advanced-payments-variant")
        try Self.insertAttempts(db)
        // In (T-1h, T]: the rows of failed transactions from 203.0.113.66: X1's decline (T-59m50s; its attempt at
        // T-60m20s is just outside) + 2 each for X2…X6 = 11 (> 10). X7 succeeded: its rows do not count. The trigger's
        // rows carry no address.
        let list = try db.run(SuspiciousIPQueries.list(windowSeconds: 3_600, threshold: 10, asOf: Self.anchor))
        #expect(list.map(\.address.text) == [Self.attacker])
        let ip = try #require(list.first)
        #expect(ip.failedAttempts == 11)
        #expect(ip.distinctUsers == 1)
        #expect(ip.distinctCards == 2, "visa 4242 and mastercard 5454")
        #expect(ip.meanFraudScore == nil, "no fraud checks on this platform")
        #expect(ip.lastSeen == Self.at(570), "X6's decline at T-10m+30s")
        #expect(try db.run(SuspiciousIPQueries.list(windowSeconds: 3_600, threshold: 11, asOf: Self.anchor)).isEmpty)
        #expect(try db.run(SuspiciousIPQueries.list(windowSeconds: 3_720, threshold: 10, asOf: Self.anchor))
            .map(\.failedAttempts) == [12])
        // Drill-down: every payment with a row from the address (X7 included), newest first; 14 events.
        let payments = try db.run(SuspiciousIPQueries.payments(from: try #require(InetAddress(Self.attacker))))
        #expect(payments.map(\.id) == [7, 6, 5, 4, 3, 2, 1].map(Self.a))
        let events = try db.run(SuspiciousIPQueries.events(from: try #require(InetAddress("203.0.113.0/24"))))
        #expect(events.rows.count == 14)
        #expect(events.rows.first?.eventType == "payment.approved" && events.rows.first?.userAgent == "python-requests/2.31")

        // The variant keeps failure reasons: card_declined 4 (X1, X2, X3, X5), then by name
        // do_not_honor 1, insufficient_funds 1.
        let overview = try db.run(OverviewQueries.overview(asOf: Self.anchor))
        #expect(overview.topFailureReasons.map(\.reason) == ["card_declined", "do_not_honor", "insufficient_funds"])
        #expect(overview.topFailureReasons.map(\.count) == [4, 1, 1])
        #expect(overview.counts == [.failed: 6, .completed: 1])

        // Change a native row: X6 actually succeeded. Its two rows stop counting: 9, last seen X5's decline (T-19m30s).
        try db.query("UPDATE transactions SET status = 'succeeded', failure_reason = NULL WHERE id = $1", [Self.a(6)])
        let changed = try db.run(SuspiciousIPQueries.list(windowSeconds: 3_600, threshold: 5, asOf: Self.anchor))
        #expect(changed.map(\.failedAttempts) == [9])
        #expect(changed.first?.lastSeen == Self.at(1_170))
    }
}
