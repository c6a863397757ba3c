#if canImport(Glibc)
import Glibc
#endif
import PaymentData
import Testing
import TestSupport

/// The tickettoken profile on seed 001's schema as the seed writes it (DECIMAL cents, enums, TIMESTAMP written in
/// America/Chicago, no venues or payment_events): every pane's query on hand-made rows with exact answers, and
/// every action and rule, written the platform's way.
@Suite("tickettoken profile")
struct TicketTokenProfileTests {
    /// A fresh tickettoken database (payops installed, indexes built), as superuser.
    static func database() throws -> (String, PGConnection) {
        let conninfo = try TestCluster.shared.freshDatabase(.ticketToken)
        return (conninfo, try PGConnection(conninfo))
    }

    static let venue = Fixtures.uuid(1, 1)
    static let user = Fixtures.uuid(3, 1)

    /// A payment row as the platform writes it: amounts in DECIMAL cents, `created` local time in the profile's zone.
    @discardableResult
    static func payment(_ db: PGConnection, _ n: Int, amount: String, status: String, created: String,
                        venue: PGUUID = venue, currency: String = "USD", tenant: PGUUID? = nil) throws -> PGUUID {
        let id = Fixtures.uuid(2, n)
        try db.query("""
            INSERT INTO payment_transactions (id, venue_id, user_id, amount, currency, status, platform_fee, venue_payout,
                stripe_payment_intent_id, metadata, tenant_id, created_at, updated_at)
            VALUES ($1, $2, $3, $4::numeric, $5, $6, round($4::numeric * 0.079), $4::numeric - round($4::numeric * 0.079),
                    'pi_tt_' || $7, '{}', $8, $9::timestamp, $9::timestamp)
            """, [id, venue, user, amount, currency, status, String(n), tenant, created])
        return id
    }

    static func balances(_ db: PGConnection, venue: PGUUID = venue, available: String, pending: String = "0",
                         reserved: String = "0", currency: String = "USD") throws {
        try db.query("""
            INSERT INTO venue_balances (venue_id, balance_type, amount, currency) VALUES
                ($1, 'available', $2::numeric, $5), ($1, 'pending', $3::numeric, $5), ($1, 'reserved', $4::numeric, $5)
            """, [venue, available, pending, reserved, currency])
    }

    @Test("payments: DECIMAL cents are integer cents, every status label reads as itself, TIMESTAMP is read in the zone")
    func payments() throws {
        let (_, db) = try Self.database()
        // One payment per label of the seed's enum, an hour apart (local time, before the autumn change).
        let labels = ["pending", "processing", "completed", "failed", "refunded"]
        for (i, label) in labels.enumerated() {
            try Self.payment(db, i + 1, amount: String(1000 + i), status: label, created: "2026-10-20 0\(i):00:00")
        }
        let page = try db.run(TransactionQueries.page(.first, limit: 10))
        #expect(page.rows.map(\.status.rawValue) == labels.reversed())
        #expect(page.rows.map(\.amount.minorUnits) == [1004, 1003, 1002, 1001, 1000])
        #expect(page.rows.map(\.platformFee.minorUnits) == [79, 79, 79, 79, 79])
        // 2026-10-20 04:00 in Chicago (CDT, UTC-5) is 09:00Z.
        #expect(page.rows.first?.createdAt == Timestamp(year: 2026, month: 10, day: 20, hour: 9))
        #expect(page.rows.first?.venueName == Self.venue.string, "no venue names: the id stands in")
        for label in labels {
            let status = try #require(PaymentStatus(rawValue: label))
            let filtered = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(statuses: [status])))
            #expect(filtered.rows.map(\.status) == [status], "filter \(label)")
        }
        // Keyset paging through the view: two pages of two, then the rest.
        let first = try db.run(TransactionQueries.page(.first, limit: 2))
        let second = try db.run(TransactionQueries.page(.after(first.rows.last!.cursor), limit: 2))
        let third = try db.run(TransactionQueries.page(.after(second.rows.last!.cursor), limit: 2))
        #expect((first.rows + second.rows + third.rows).map(\.amount.minorUnits) == [1004, 1003, 1002, 1001, 1000])
        // Search by id and by intent id.
        let hits = try db.run(TransactionQueries.search("pi_tt_3"))
        #expect(hits.map(\.transaction.id) == [Fixtures.uuid(2, 3)])
    }

    @Test("a TIMESTAMP on both sides of each daylight-saving change in the profile's zone reads back in UTC exactly")
    func daylightSaving() throws {
        let (_, db) = try Self.database()
        // America/Chicago, 2026: spring forward 03-08 02:00 CST → 03:00 CDT; fall back 11-01 02:00 CDT → 01:00 CST.
        let cases: [(local: String, utc: Timestamp)] = [
            ("2026-03-08 01:30:00", Timestamp(year: 2026, month: 3, day: 8, hour: 7, minute: 30)),   // CST, UTC-6
            ("2026-03-08 03:30:00", Timestamp(year: 2026, month: 3, day: 8, hour: 8, minute: 30)),   // CDT, UTC-5
            ("2026-11-01 00:30:00", Timestamp(year: 2026, month: 11, day: 1, hour: 5, minute: 30)),  // CDT, UTC-5
            ("2026-11-01 02:30:00", Timestamp(year: 2026, month: 11, day: 1, hour: 8, minute: 30)),  // CST, UTC-6
        ]
        for (i, item) in cases.enumerated() {
            try Self.payment(db, 10 + i, amount: "500", status: "completed", created: item.local)
        }
        let rows = try db.run(TransactionQueries.page(.first, limit: 10)).rows
        #expect(rows.map(\.createdAt) == cases.map(\.utc).reversed())
        // A window filter in UTC finds exactly the rows inside it.
        let filter = TransactionFilter(from: Timestamp(year: 2026, month: 3, day: 8, hour: 8),
                                       until: Timestamp(year: 2026, month: 11, day: 1, hour: 6))
        let inside = try db.run(TransactionQueries.page(.first, filter: filter)).rows
        #expect(inside.map(\.createdAt) == [cases[2].utc, cases[1].utc])
    }

    @Test("Overview: counts, revenue and refunds in cents; the negative-balance and over-refund alarms fire")
    func overviewAlarms() throws {
        let (_, db) = try Self.database()
        let asOf = Timestamp(year: 2026, month: 11, day: 20, hour: 18)  // 12:00 in Chicago (CST)
        let paid = try Self.payment(db, 1, amount: "10000", status: "completed", created: "2026-11-20 10:00:00")
        try Self.payment(db, 2, amount: "2500", status: "failed", created: "2026-11-20 11:00:00")
        try Self.payment(db, 3, amount: "999", status: "completed", created: "2026-11-18 10:00:00")  // outside 24 h
        // Refunds above the payment (the seed has no CHECK to stop it), one of them failed (not counted).
        for (i, (amount, status)) in [("6000", "completed"), ("4500", "pending"), ("9999", "failed")].enumerated() {
            try db.query("""
                INSERT INTO payment_refunds (id, transaction_id, amount, reason, status, created_at)
                VALUES ($1, $2, $3::numeric, 'duplicate', $4, '2026-11-20 11:30:00')
                """, [Fixtures.uuid(4, i + 1), paid, amount, status])
        }
        try Self.balances(db, available: "-500", pending: "100", reserved: "0")
        let overview = try db.run(OverviewQueries.overview(asOf: asOf))
        #expect(overview.counts == [.completed: 1, .failed: 1])
        #expect(overview.revenue == [Money(minorUnits: 10_000, currency: try #require(Currency("USD")))])
        #expect(overview.refundCount == 2)
        #expect(overview.refunds.map(\.minorUnits) == [10_500])
        let kinds = Set(overview.alarms.map(\.kind))
        #expect(kinds.contains(.overRefunded))
        #expect(kinds.contains(.negativeBalance))
        #expect(overview.alarms.first { $0.kind == .overRefunded }?.sampleID == paid.string)
    }

    @Test("Suspicious IPs: fraud checks decided decline or challenge are the failed attempts, over the threshold")
    func suspiciousIPs() throws {
        let (_, db) = try Self.database()
        let asOf = Timestamp(year: 2026, month: 11, day: 20, hour: 18)  // 12:00 local
        // 203.0.113.9: 6 declines + 5 challenges in the last hour (11 > 10), plus approves and reviews that do not count.
        for i in 0..<16 {
            let decision = i < 6 ? "decline" : i < 11 ? "challenge" : i < 14 ? "approve" : "review"
            try db.query("""
                INSERT INTO fraud_checks (user_id, device_fingerprint, ip_address, score, decision, "timestamp")
                VALUES ($1, 'dev_' || ($2::int % 3), '203.0.113.9', 0.90, $3, '2026-11-20 11:10:00'::timestamp + $2 * interval '1 minute')
                """, [Fixtures.uuid(3, i % 4), String(i), decision])
        }
        // 198.51.100.7: 10 declines, not more than the threshold; 192.0.2.1: 20 declines two hours ago.
        for i in 0..<10 {
            try db.query("""
                INSERT INTO fraud_checks (user_id, ip_address, score, decision, "timestamp")
                VALUES ($1, '198.51.100.7', 0.5, 'decline', '2026-11-20 11:30:00')
                """, [Fixtures.uuid(3, i)])
        }
        for _ in 0..<20 {
            try db.query("""
                INSERT INTO fraud_checks (user_id, ip_address, score, decision, "timestamp")
                VALUES ($1, '192.0.2.1', 0.5, 'decline', '2026-11-20 09:30:00')
                """, [Self.user])
        }
        let list = try db.run(SuspiciousIPQueries.list(windowSeconds: 3600, threshold: 10, asOf: asOf))
        #expect(list.map(\.address.text) == ["203.0.113.9"])
        let ip = try #require(list.first)
        #expect(ip.failedAttempts == 11)
        #expect(ip.distinctUsers == 4)
        #expect(ip.distinctCards == 3, "devices stand in for cards")
        #expect(ip.lastSeen == Timestamp(year: 2026, month: 11, day: 20, hour: 17, minute: 20))
        #expect(ip.meanFraudScore == 0.9)
        let wide = try db.run(SuspiciousIPQueries.list(windowSeconds: 4 * 3600, threshold: 10, asOf: asOf))
        #expect(Set(wide.map(\.address.text)) == ["203.0.113.9", "192.0.2.1"])
    }

    @Test("Venues, Queues and a payment's timeline read the seed's own tables; the notes say what is missing")
    func venuesQueuesTimeline() throws {
        let (_, db) = try Self.database()
        try Self.balances(db, available: "150000", pending: "2500", reserved: "7500")
        var venues = try db.run(VenueQueries.balances()).rows
        #expect(venues.count == 1)
        #expect(venues.first?.name == Self.venue.string)
        #expect(venues.first?.payable.minorUnits == 142_500)
        let notes = try db.run(SessionQueries.paneNotes())
        #expect(notes["Venues"] == "no venue names in this database: showing venue ids")
        #expect(notes["Audit trail"]?.contains("no payment_events table") == true)
        try db.query("INSERT INTO payops.venue_names (venue_id, name) VALUES ($1, 'Ryman Auditorium')", [Self.venue])
        venues = try db.run(VenueQueries.balances()).rows
        #expect(venues.first?.name == "Ryman Auditorium")
        #expect(try db.run(SessionQueries.paneNotes())["Venues"] == nil)

        let id = try Self.payment(db, 1, amount: "4200", status: "completed", created: "2026-11-20 10:00:00")
        try db.query("""
            INSERT INTO outbox (aggregate_id, aggregate_type, event_type, payload, created_at) VALUES
                ($1, 'payment', 'payment.completed', '{}', '2026-11-20 10:00:05'),
                ($1, 'payment', 'ticket.issue', '{}', '2026-11-20 10:00:06')
            """, [id])
        try db.query("UPDATE outbox SET processed_at = '2026-11-20 10:00:07' WHERE event_type = 'payment.completed'")
        try db.query("""
            INSERT INTO webhook_inbox (webhook_id, provider, event_type, payload, status, received_at, error_message) VALUES
                ('evt_1', 'stripe', 'charge.succeeded', '{"data": {"object": {"id": "pi_tt_1"}}}', 'failed', '2026-11-20 10:00:03', 'timeout')
            """)
        try db.query("INSERT INTO nft_mint_queue (payment_id, blockchain, status, created_at) VALUES ($1, 'solana', 'queued', '2026-11-20 10:00:08')", [id])
        try db.query("""
            INSERT INTO payment_event_sequence (payment_id, event_type, sequence_number, event_timestamp, stripe_event_id)
            VALUES ($1, 'payment.succeeded', 1, '2026-11-20 10:00:02', 'evt_seq_1')
            """, [id])
        try db.query("""
            INSERT INTO outbox_dlq (original_id, aggregate_id, aggregate_type, event_type, payload, attempts, last_error, moved_to_dlq_at)
            VALUES (77, $1, 'payment', 'ticket.issue', '{}', 5, 'HTTP 503', '2026-11-20 10:30:00')
            """, [id])
        let depth = try db.run(QueueQueries.depth(asOf: Timestamp(year: 2026, month: 11, day: 20, hour: 18)))
        func count(_ queue: QueueDepth.Queue) -> Int { depth.groups.filter { $0.queue == queue }.reduce(0) { $0 + $1.count } }
        #expect(count(.outbox) == 1)
        #expect(count(.outboxStuck) == 1)
        #expect(count(.webhooks) == 1)
        #expect(count(.deadLetters) == 1)
        #expect(count(.nftMints) == 1)
        #expect(depth.groups.first { $0.queue == .outbox }?.oldest == Timestamp(year: 2026, month: 11, day: 20, hour: 16, minute: 0, second: 6))
        let letters = try db.run(QueueQueries.deadLetters())
        #expect(letters.map(\.lastError) == ["HTTP 503"])

        let detail = try #require(try db.run(PaymentDetailQueries.detail(id)))
        #expect(detail.transaction.amount.minorUnits == 4200)
        #expect(Set(detail.timeline.map(\.source)) == [.transaction, .sequence, .outbox, .webhook, .nft])
        #expect(detail.timeline.map(\.at) == detail.timeline.map(\.at).sorted())
    }

    // MARK: actions

    @Test("a refund is a pending payment_refunds row in DECIMAL cents plus an outbox event; over-refunds are refused")
    func refund() throws {
        _ = Operators.setupFailure
        let (conninfo, db) = try Self.database()
        let id = try Self.payment(db, 1, amount: "10000", status: "completed", created: "2026-11-20 10:00:00")
        let support = try PGConnection(conninfo.replacingUser(Operators.support))
        let receipt = try support.perform(OperatorActions.refund(
            payment: id, amount: Money(minorUnits: 2_550, currency: try #require(Currency("USD"))),
            reason: "requested_by_customer", note: nil, key: try #require(IdempotencyKey("tt-refund-1"))))
        #expect(receipt.amount.minorUnits == 2_550)
        #expect(receipt.refundableAfter.minorUnits == 7_450)
        let row = try db.query("""
            SELECT amount::text, status::text, reason, idempotency_key::text, pg_typeof(amount)::text FROM payment_refunds
            """)[0]
        #expect(try row.decode(0, as: String.self) == "2550")
        #expect(try row.decode(1, as: String.self) == "pending")
        #expect(try row.decode(2, as: String.self) == "requested_by_customer")
        #expect(try row.decode(4, as: String.self) == "numeric")
        let outbox = try db.query("SELECT event_type, payload->>'amount', aggregate_id FROM outbox")[0]
        #expect(try outbox.decode(0, as: String.self) == "refund.requested")
        #expect(try outbox.decode(1, as: String.self) == "2550")
        #expect(try outbox.decode(2, as: PGUUID.self) == id)
        #expect(try db.query("SELECT count(*) FROM payops.operator_actions WHERE operator = $1", [Operators.support])[0]
            .decode(0, as: Int.self) == 1)
        // The same key again: the first result, nothing written; over the remainder: PX012, nothing written.
        _ = try support.perform(OperatorActions.refund(
            payment: id, amount: Money(minorUnits: 2_550, currency: try #require(Currency("USD"))),
            reason: "requested_by_customer", note: nil, key: try #require(IdempotencyKey("tt-refund-1"))))
        let over = #expect(throws: ActionRefusal.self) {
            try support.perform(OperatorActions.refund(
                payment: id, amount: Money(minorUnits: 7_451, currency: try #require(Currency("USD"))),
                reason: "duplicate", note: nil, key: try #require(IdempotencyKey("tt-refund-2"))))
        }
        #expect(over?.code == "PX012")
        #expect(try db.query("SELECT count(*) FROM payment_refunds")[0].decode(0, as: Int.self) == 1)
        // Only completed payments (the seed has no partially_refunded) can be refunded.
        let failed = try Self.payment(db, 2, amount: "500", status: "failed", created: "2026-11-20 10:00:00")
        let refused = #expect(throws: ActionRefusal.self) {
            try support.perform(OperatorActions.refund(
                payment: failed, amount: Money(minorUnits: 100, currency: try #require(Currency("USD"))),
                reason: "duplicate", note: nil, key: try #require(IdempotencyKey("tt-refund-3"))))
        }
        #expect(refused?.code == "PX010")
    }

    @Test("16 concurrent refunds of a quarter plus one cent: exactly three succeed")
    func concurrentRefunds() throws {
        _ = Operators.setupFailure
        let (conninfo, db) = try Self.database()
        let id = try Self.payment(db, 1, amount: "10000", status: "completed", created: "2026-11-20 10:00:00")
        let conns = try (0..<16).map { i in
            try PGConnection(conninfo.replacingUser(i % 2 == 0 ? Operators.support : Operators.support2))
        }
        // Hold the payment's row so that all 16 calls are waiting at once (each backend's wait is counted; its
        // query text in pg_stat_activity can lag behind a call sent with the extended protocol), then let them go.
        try db.execute("BEGIN")
        try db.query("SELECT 1 FROM payment_transactions WHERE id = $1 FOR UPDATE", [id])
        for (i, conn) in conns.enumerated() {
            try conn.send("SELECT payops.refund($1, $2, $3, $4, $5)", [id, Int64(2_501), "duplicate", PGNull(), "tt-race-\(i)"])
        }
        var waiting = 0
        for _ in 0..<100 {
            waiting = try db.query("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                """)[0].decode(0)
            if waiting == 16 { break }
            usleep(20_000)
        }
        let activity: [String] = try db.query("""
            SELECT concat_ws(' ', wait_event_type, wait_event, state, left(query, 40)) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
            """).map { try $0.decode(0) }
        #expect(waiting == 16, "all 16 refunds were waiting on the payment at the same time: \(activity)")
        try db.execute("COMMIT")
        let outcomes = conns.map { conn in
            do { _ = try conn.awaitResult(); return "ok" } catch let error as PGError { return error.sqlState } catch { return "\(error)" }
        }
        #expect(outcomes.filter { $0 == "ok" }.count == 3)
        #expect(outcomes.filter { $0 == "PX012" }.count == 13)
        #expect(try db.query("SELECT sum(amount)::bigint FROM payment_refunds")[0].decode(0, as: Int64.self) == 7_503)
        #expect(try db.query("SELECT count(*) FROM outbox")[0].decode(0, as: Int.self) == 3)
    }

    @Test("payouts live in payops.payout_requests: four-eyes, the daily limit, and approval debits the DECIMAL balance")
    func payouts() throws {
        _ = Operators.setupFailure
        let (conninfo, db) = try Self.database()
        try Self.balances(db, available: "6000000", reserved: "0")
        let usd = try #require(Currency("USD"))
        let alice = try PGConnection(conninfo.replacingUser(Operators.finance))
        let bob = try PGConnection(conninfo.replacingUser(Operators.finance2))
        let request = try alice.perform(OperatorActions.requestPayout(
            venue: Self.venue, amount: Money(minorUnits: 4_000_000, currency: usd), instant: true,
            key: try #require(IdempotencyKey("tt-payout-1"))))
        #expect(request.fee?.minorUnits == 40_000)
        let own = #expect(throws: ActionRefusal.self) {
            try alice.perform(OperatorActions.approvePayout(request.payoutID, key: try #require(IdempotencyKey("tt-approve-0"))))
        }
        #expect(own?.code == "PX023")
        _ = try bob.perform(OperatorActions.approvePayout(request.payoutID, key: try #require(IdempotencyKey("tt-approve-1"))))
        let available = try db.query("SELECT amount::text, last_payout_at IS NOT NULL FROM venue_balances WHERE balance_type = 'available'")[0]
        #expect(try available.decode(0, as: String.self) == "1960000")
        #expect(try available.decode(1, as: Bool.self))
        // A second 1,500,000 would pass payable but not the 5,000,000 a day limit.
        let second = try alice.perform(OperatorActions.requestPayout(
            venue: Self.venue, amount: Money(minorUnits: 1_500_000, currency: usd), instant: false,
            key: try #require(IdempotencyKey("tt-payout-2"))))
        let limit = #expect(throws: ActionRefusal.self) {
            try bob.perform(OperatorActions.approvePayout(second.payoutID, key: try #require(IdempotencyKey("tt-approve-2"))))
        }
        #expect(limit?.code == "PX024")
        #expect(try db.query("SELECT count(*) FROM payops.payout_requests WHERE status = 'approved'")[0].decode(0, as: Int.self) == 1)
    }

    @Test("dead letters requeue into the outbox and are stamped in payops.dead_letter_requeues; webhooks retry")
    func queueActions() throws {
        _ = Operators.setupFailure
        let (conninfo, db) = try Self.database()
        try db.query("""
            INSERT INTO outbox_dlq (original_id, aggregate_id, aggregate_type, event_type, payload, attempts, last_error)
            VALUES (1, $1, 'payment', 'ticket.issue', '{"x": 1}', 5, 'HTTP 503'), (2, $1, 'payment', 'ticket.issue', '{}', 5, 'HTTP 503')
            """, [Fixtures.uuid(2, 1)])
        try db.query("""
            INSERT INTO webhook_inbox (id, webhook_id, provider, event_type, payload, status) VALUES
                ($1, 'evt_9', 'stripe', 'charge.failed', '{}', 'failed')
            """, [Fixtures.uuid(5, 1)])
        let oncall = try PGConnection(conninfo.replacingUser(Operators.oncall))
        let dry = try oncall.perform(OperatorActions.requeueGroup("HTTP 503", dryRun: true,
                                                                        key: try #require(IdempotencyKey("tt-dry"))))
        #expect(dry.deadLetterIDs.count == 2)
        let done = try oncall.perform(OperatorActions.requeueExactly(dry.deadLetterIDs, errorGroup: "HTTP 503",
                                                                           key: try #require(IdempotencyKey("tt-requeue"))))
        #expect(done.outboxIDs.count == 2)
        #expect(try db.query("SELECT count(*) FROM payops.dead_letter_requeues")[0].decode(0, as: Int.self) == 2)
        #expect(try db.query("SELECT count(*) FROM outbox WHERE payload = '{\"x\": 1}'")[0].decode(0, as: Int.self) == 1)
        #expect(try db.run(QueueQueries.deadLetters()).isEmpty, "requeued letters no longer wait")
        _ = try oncall.perform(OperatorActions.retryWebhook(Fixtures.uuid(5, 1), key: try #require(IdempotencyKey("tt-webhook"))))
        #expect(try db.query("SELECT status FROM webhook_inbox")[0].decode(0, as: String.self) == "pending")
    }
}
