import PaymentData
import Testing
import TestSupport

@Suite("pane queries")
struct PaneQueryTests {
    static let t0 = Timestamp(year: 2026, month: 11, day: 20, hour: 12)
    static func minutes(_ m: Int64) -> Timestamp { t0.adding(seconds: m * 60) }

    @Test("a payment's detail and timeline merge every source in time order")
    func detailAndTimeline() throws {
        let db = try TestCluster.shared.connect(.migrated)
        let venue = try Fixtures.venue(db, 1, name: "Gamma Arena", tier: "enterprise")
        let id = try Fixtures.payment(db, 1, venue: venue, at: Self.minutes(-60), amount: 10_000, status: "partially_refunded",
                                      intent: "pi_timeline")
        try Fixtures.event(db, payment: id, type: "payment.created", at: Self.minutes(-60), ip: "198.51.100.4",
                           userAgent: "Mozilla/5.0 \u{1b}[31mred")
        try Fixtures.event(db, payment: id, type: "payment.succeeded", at: Self.minutes(-59), ip: "198.51.100.4")
        try Fixtures.refund(db, payment: id, amount: 2500, at: Self.minutes(-30))
        try Fixtures.refund(db, payment: id, amount: 7000, status: "failed", at: Self.minutes(-20))
        try db.query("INSERT INTO outbox (aggregate_id, aggregate_type, event_type, created_at) VALUES ($1, 'refund', 'refund.requested', $2)",
                     [id, Self.minutes(-30)])
        try db.query("""
            INSERT INTO webhook_inbox (webhook_id, provider, event_type, payload, status, received_at, error_message)
            VALUES ('evt_1', 'stripe', 'charge.refunded', '{"data": {"object": {"id": "pi_timeline"}}}', 'failed', $1, 'timeout')
            """, [Self.minutes(-29)])
        try db.query("INSERT INTO nft_mint_queue (payment_id, blockchain, created_at) VALUES ($1, 'solana', $2)", [id, Self.minutes(-58)])
        try db.query("""
            INSERT INTO payment_event_sequence (payment_id, event_type, sequence_number, event_timestamp, stripe_event_id)
            VALUES ($1, 'payment.succeeded', 1, $2, 'evt_seq_1')
            """, [id, Self.minutes(-59)])
        try db.query("""
            INSERT INTO payops.operator_actions (at, operator, action, target_type, target_id, reason, idempotency_key)
            VALUES ($1, 'alice.support', 'refund', 'payment', $2, 'customer asked', 'k-1')
            """, [Self.minutes(-30), id.string])
        try db.query("""
            INSERT INTO payment_idempotency (idempotency_key, operation, request_hash, response, status_code, created_at)
            VALUES ('pay_timeline', 'payment.create', 'h', jsonb_build_object('payment_id', $1::text), 201, $2)
            """, [id.string, Self.minutes(-60)])
        // Rows about another payment must not appear.
        let other = try Fixtures.payment(db, 2, venue: venue, at: Self.minutes(-50))
        try Fixtures.event(db, payment: other, type: "payment.created", at: Self.minutes(-50))

        let detail = try #require(try db.run(PaymentDetailQueries.detail(id)))
        #expect(detail.transaction.id == id)
        #expect(detail.venueTier == "enterprise")
        #expect(detail.refunds.count == 2)
        #expect(detail.refundedSoFar.minorUnits == 2500, "failed refunds do not count")
        #expect(detail.refundable.minorUnits == 7500)
        let sources = detail.timeline.map(\.source)
        #expect(Set(sources) == Set(TimelineEntry.Source.allCases.filter { $0 != .fraud }))
        #expect(detail.timeline.count == 11)
        #expect(detail.timeline.contains { $0.source == .idempotency && $0.detail == "pay_timeline" && $0.status == "201" })
        #expect(detail.timeline.map(\.at) == detail.timeline.map(\.at).sorted())
        #expect(detail.timeline.first?.source == .transaction)
        #expect(detail.timeline.contains { $0.source == .event && $0.userAgent == "Mozilla/5.0 \u{1b}[31mred" })
        #expect(detail.timeline.contains { $0.source == .operatorAction && $0.actor == "alice.support" })
        #expect(detail.timeline.contains { $0.source == .webhook && $0.detail == "timeout" })
        #expect(try db.run(PaymentDetailQueries.timeline(id)) == detail.timeline)
        #expect(try db.run(PaymentDetailQueries.detail(Fixtures.uuid(2, 999))) == nil)
    }

    @Test("suspicious IPs follow seed 000: failed-payment events per IP over the window, more than the threshold")
    func suspiciousIPs() throws {
        let db = try TestCluster.shared.connect(.migrated)
        let venue = try Fixtures.venue(db, 1, name: "Delta")
        var n = 0
        func burst(_ ip: String, count: Int, minutesAgo: Int64, status: String = "failed", users: Int = 3) throws {
            for i in 0..<count {
                n += 1
                let id = try Fixtures.payment(db, n, venue: venue, at: Self.minutes(-minutesAgo), status: status,
                                              user: Fixtures.uuid(3, i % users))
                try Fixtures.event(db, payment: id, type: "payment.failed", at: Self.minutes(-minutesAgo + 1), ip: ip)
            }
        }
        try burst("203.0.113.7", count: 11, minutesAgo: 30)
        try burst("203.0.113.8", count: 10, minutesAgo: 30)            // not more than 10
        try burst("198.51.100.9", count: 14, minutesAgo: 150)          // outside 1 h, inside 3 h
        try burst("192.0.2.1", count: 20, minutesAgo: 10, status: "completed")  // not failed
        try db.query("""
            INSERT INTO fraud_checks (ip_address, score, decision, "timestamp") VALUES
            ('203.0.113.7', 0.90, 'decline', $1), ('203.0.113.7', 0.70, 'review', $1)
            """, [Self.minutes(-20)])
        try db.query("INSERT INTO payops.ip_blocklist (network, reason) VALUES ('198.51.100.0/24', 'test')")

        let hour = try db.run(SuspiciousIPQueries.list(windowSeconds: 3600, threshold: 10, asOf: Self.t0))
        #expect(hour.map(\.address.text) == ["203.0.113.7"])
        #expect(hour.first?.failedAttempts == 11 && hour.first?.distinctUsers == 3 && hour.first?.distinctCards == 11)
        #expect(hour.first?.meanFraudScore == 0.8)
        #expect(hour.first?.blocked == false)
        let three = try db.run(SuspiciousIPQueries.list(windowSeconds: 3 * 3600, threshold: 10, asOf: Self.t0))
        #expect(three.map(\.address.text) == ["198.51.100.9", "203.0.113.7"])
        #expect(three.first?.blocked == true)
        let lower = try db.run(SuspiciousIPQueries.list(windowSeconds: 3600, threshold: 9, asOf: Self.t0))
        #expect(lower.map(\.address.text) == ["203.0.113.7", "203.0.113.8"])

        let subnet = InetAddress("203.0.113.0/24")!
        #expect(try db.run(SuspiciousIPQueries.payments(from: subnet)).count == 21)
        let events = try db.run(SuspiciousIPQueries.events(from: subnet, limit: 15))
        #expect(events.rows.count == 15 && events.hasOlder)
        #expect(events.rows.allSatisfy { $0.ipAddress?.text.hasPrefix("203.0.113.") == true })
        #expect(try db.run(SuspiciousIPQueries.payments(from: InetAddress("203.0.113.7")!)).count == 11)
    }

    @Test("queue depth counts what waits, the oldest, stuck rows, and dead letters by error group")
    func queueDepth() throws {
        let db = try TestCluster.shared.connect(.migrated)
        let aggregate = Fixtures.uuid(9, 1)
        for (minutesAgo, processed) in [(2, false), (5, false), (30, false), (45, false), (60, true)] {
            try db.query("""
                INSERT INTO outbox (aggregate_id, aggregate_type, event_type, created_at, processed_at)
                VALUES ($1, 'payment', 'payment.completed', $2::timestamptz, CASE WHEN $3 THEN $2::timestamptz END)
                """, [aggregate, Self.minutes(-Int64(minutesAgo)), processed])
        }
        for (index, status) in ["pending", "failed", "failed", "processed"].enumerated() {
            try db.query("""
                INSERT INTO webhook_inbox (webhook_id, provider, event_type, status, received_at)
                VALUES ($1, 'stripe', 'payment_intent.succeeded', $2, $3)
                """, ["evt_\(index)", status, Self.minutes(-Int64(index * 10))])
        }
        for (index, error) in ["connection refused", "connection refused", "422 from ticket-service"].enumerated() {
            try db.query("""
                INSERT INTO outbox_dlq (original_id, aggregate_id, aggregate_type, event_type, attempts, last_error, moved_to_dlq_at)
                VALUES ($1, $2, 'payment', 'payment.completed', 5, $3, $4)
                """, [Int64(index), aggregate, error, Self.minutes(-Int64(100 + index))])
        }
        try db.query("""
            INSERT INTO outbox_dlq (aggregate_id, aggregate_type, event_type, last_error, requeued_at, requeued_by)
            VALUES ($1, 'payment', 'x', 'connection refused', now(), 'bob')
            """, [aggregate])

        let depth = try db.run(QueueQueries.depth(asOf: Self.t0))
        #expect(depth.readAt == Self.t0)
        #expect(depth.total(.outbox) == 4)
        #expect(depth.oldest(.outbox) == Self.minutes(-45))
        #expect(depth.total(.outboxStuck) == 2)
        #expect(depth.total(.webhooks) == 3)
        #expect(depth.groups(.webhooks).first { $0.key == "failed" }?.count == 2)
        #expect(depth.total(.deadLetters) == 3, "requeued dead letters are not waiting")
        #expect(depth.groups(.deadLetters).map(\.key) == ["connection refused", "422 from ticket-service"])
        #expect(try db.run(QueueQueries.waitingOutbox()).count == 4)
        #expect(try db.run(QueueQueries.webhooks()).count == 2)
        #expect(try db.run(QueueQueries.deadLetters(errorGroup: "connection refused")).count == 2)

        for (index, status) in ["queued", "failed", "minted", "processing"].enumerated() {
            try db.query("""
                INSERT INTO nft_mint_queue (payment_id, blockchain, status, attempts, error_message, created_at)
                VALUES ($1, 'solana', $2, $3, CASE WHEN $2 = 'failed' THEN 'RPC timeout' END, $4)
                """, [aggregate, status, Int64(index), Self.minutes(-Int64(50 - index))])
        }
        let waiting = try db.run(QueueQueries.nftJobs())
        #expect(waiting.map(\.status) == ["queued", "failed", "processing"], "not minted, oldest first")
        #expect(waiting[1].errorMessage == "RPC timeout")
        #expect(waiting[0].paymentID == aggregate)
        #expect(try db.run(QueueQueries.nftJobs(status: "minted")).map(\.attempts) == [2])
    }

    @Test("venue balances show payable = available − reserved and open requests; payouts newest first")
    func venues() throws {
        let db = try TestCluster.shared.connect(.migrated)
        let zed = try Fixtures.venue(db, 1, name: "Zed Hall", available: 500_000, pending: 1_000, reserved: 25_000)
        try Fixtures.venue(db, 2, name: "Alpha Hall", currency: "GBP", available: 100, reserved: 300)
        try Fixtures.venue(db, 3, name: "Mid_Hall%", available: 0)
        try db.query("""
            INSERT INTO venue_payouts (venue_id, amount, status, requested_by, requested_at, decided_by, decided_at) VALUES
            ($1, 20000, 'requested', 'alice', $2, NULL, NULL), ($1, 15000, 'requested', 'alice', $3, NULL, NULL),
            ($1, 30000, 'paid', 'alice', $4, 'bob', $4)
            """, [zed, Self.minutes(-10), Self.minutes(-5), Self.minutes(-1000)])

        let page = try db.run(VenueQueries.balances())
        #expect(page.rows.map(\.name) == ["Alpha Hall", "Mid_Hall%", "Zed Hall"])
        let z = try #require(page.rows.last)
        #expect(z.payable.minorUnits == 475_000 && z.openRequests == 2 && z.openRequestedAmount.minorUnits == 35_000)
        #expect(page.rows[0].payable.minorUnits == 0 && page.rows[0].available.currency == .gbp)
        #expect(try db.run(VenueQueries.find("_hall%")).rows.map(\.name) == ["Mid_Hall%"], "LIKE wildcards are literal")
        #expect(try db.run(VenueQueries.find("zed")).rows.map(\.id) == [zed])
        let second = try db.run(VenueQueries.balances(.after(page.rows[0].cursor), limit: 1))
        #expect(second.rows.map(\.name) == ["Mid_Hall%"] && second.hasOlder)
        let payouts = try db.run(VenueQueries.payouts(venue: zed))
        #expect(payouts.map(\.amount.minorUnits) == [15000, 20000, 30000])
        #expect(try db.run(VenueQueries.openPayoutRequests()).map(\.amount.minorUnits) == [20000, 15000])
    }

    @Test("the overview counts the window, sums revenue per currency, and raises alarms")
    func overview() throws {
        let db = try TestCluster.shared.connect(.migrated)
        let usd = try Fixtures.venue(db, 1, name: "USD venue")
        let eur = try Fixtures.venue(db, 2, name: "EUR venue", currency: "EUR")
        try Fixtures.payment(db, 1, venue: usd, at: Self.minutes(-60), amount: 10_000)
        try Fixtures.payment(db, 2, venue: usd, at: Self.minutes(-120), amount: 5_000, status: "refunded")
        try Fixtures.payment(db, 3, venue: eur, at: Self.minutes(-60), amount: 7_000, currency: "EUR")
        try Fixtures.payment(db, 4, venue: usd, at: Self.minutes(-60), amount: 9_000, status: "failed", failureReason: "card_declined")
        try Fixtures.payment(db, 5, venue: usd, at: Self.minutes(-61), amount: 9_000, status: "failed", failureReason: "card_declined")
        try Fixtures.payment(db, 6, venue: usd, at: Self.minutes(-62), amount: 9_000, status: "failed", failureReason: "expired_card")
        try Fixtures.payment(db, 7, venue: usd, at: Self.minutes(-3000), amount: 1_000_000)   // outside 24 h
        // Payment 2 is "refunded" but only half its amount was refunded: an invariant alarm.
        try Fixtures.refund(db, payment: Fixtures.uuid(2, 2), amount: 2_500, at: Self.minutes(-100))
        // Payment 1 was refunded more than its amount: the worst alarm.
        try Fixtures.refund(db, payment: Fixtures.uuid(2, 1), amount: 6_000, at: Self.minutes(-50))
        try Fixtures.refund(db, payment: Fixtures.uuid(2, 1), amount: 6_000, status: "pending", at: Self.minutes(-40))

        let overview = try db.run(OverviewQueries.overview(asOf: Self.t0))
        #expect(overview.total == 6)
        #expect(overview.counts[.failed] == 3)
        #expect(overview.successRateBasisPoints == 5000)
        #expect(overview.revenue == [Money(minorUnits: 7_000, currency: .eur), Money(minorUnits: 15_000, currency: .usd)])
        #expect(overview.refunds == [Money(minorUnits: 14_500, currency: .usd)] && overview.refundCount == 3)
        #expect(overview.topFailureReasons.map(\.reason) == ["card_declined", "expired_card"])
        #expect(overview.topFailureReasons.first?.count == 2)
        let kinds = overview.alarms.map(\.kind)
        #expect(kinds.contains(.overRefunded) && kinds.contains(.refundedStatusMismatch))
        #expect(overview.alarms.first { $0.kind == .overRefunded }?.sampleID == Fixtures.uuid(2, 1).string)
        #expect(!kinds.contains(.negativeBalance))
        #expect(overview.asOf == Self.t0)
    }
}
