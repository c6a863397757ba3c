import PaymentData
import Testing
import TestSupport

/// The revendiste profile (seed 000) on its own schema (revendiste-fixture.sql: numeric MAJOR units, payment_status
/// with 'paid'/'cancelled'/'expired', payment_events with ip_address as varchar(45), timestamptz): every available
/// or limited pane's query on a small hand-made set of rows, with the answers a person computes by hand; and seed
/// 000's four "Common Tasks" queries, run as its operators type them, against the panes that replace them.
@Suite("revendiste profile: exact answers on hand-made rows")
struct RevendisteProfileTests {
    /// A fresh revendiste database: the platform's schema, payops installed with its indexes, no rows.
    static func database() throws -> PGConnection {
        try PGConnection(try TestCluster.shared.freshDatabase(fixture: "revendiste", seeded: false))
    }

    /// T, the moment every hand-made row is placed relative to (UTC).
    static let anchor = Timestamp(year: 2026, month: 11, day: 20, hour: 12)

    // Revendiste's `events` (the read model's venues), users, and the addresses the rows come from.
    static let arena = Fixtures.uuid(1, 1)       // "Cuarteto de Nos · Antel Arena"
    static let estadio = Fixtures.uuid(1, 2)     // "No Te Va Gustar · Estadio Centenario"
    static let unsold = Fixtures.uuid(1, 3)      // an event without orders: not a venue
    static let ana = Fixtures.uuid(3, 1)
    static let bruno = Fixtures.uuid(3, 2)
    static let mallory = Fixtures.uuid(3, 3)     // the card tester
    static let attacker = "198.51.100.23"
    static let dlocal = "18.231.0.10"            // the provider's webhook address (written '::ffff:…' by Node on P1)

    /// Payment n's id (its order is Fixtures.uuid(5, n)).
    static func p(_ n: Int) -> PGUUID { Fixtures.uuid(2, n) }
    /// The two refund_initiated events (their ids are the refund ids).
    static let refund1 = Fixtures.uuid(6, 1)
    static let refund2 = Fixtures.uuid(6, 2)

    /// One hand-made payment: `ago` seconds before T; amounts in MAJOR units as revendiste stores them.
    struct Payment {
        var n: Int
        var status: String
        var amount: String
        var currency: String
        var ago: Int
        var event: PGUUID
        var user: PGUUID
        var commission: String
        var vat: String
        var document: String?
        var failure: String?
    }

    /// The ten payments (P1…P10). Minutes before T: P10 1, P7 10, P6 15, P5 30, P4 45, P3 60.5, P1 180, P9 300,
    /// P2 1439 (just inside 24 h), P8 1441 (just outside).
    static let payments: [Payment] = [
        Payment(n: 1, status: "partially_refunded", amount: "120.50", currency: "USD", ago: 180 * 60, event: arena, user: ana,
                commission: "12.05", vat: "2.65", document: "4.123.456-7"),
        Payment(n: 2, status: "paid", amount: "12.34", currency: "USD", ago: 1439 * 60, event: estadio, user: bruno,
                commission: "1.23", vat: "0.27", document: "3.210.987-6"),
        Payment(n: 3, status: "failed", amount: "45.67", currency: "USD", ago: 3630, event: arena, user: mallory,
                commission: "4.57", vat: "1.01", document: "1.111.111-1", failure: "REJECTED"),
        Payment(n: 4, status: "failed", amount: "45.67", currency: "USD", ago: 45 * 60, event: arena, user: mallory,
                commission: "4.57", vat: "1.01", document: "2.222.222-2", failure: "REJECTED"),
        Payment(n: 5, status: "failed", amount: "45.67", currency: "USD", ago: 30 * 60, event: arena, user: mallory,
                commission: "4.57", vat: "1.01", document: "1.111.111-1", failure: "INSUFFICIENT_FUNDS"),
        Payment(n: 6, status: "failed", amount: "45.67", currency: "USD", ago: 15 * 60, event: arena, user: mallory,
                commission: "4.57", vat: "1.01", document: "2.222.222-2", failure: "REJECTED"),
        Payment(n: 7, status: "cancelled", amount: "30.00", currency: "USD", ago: 10 * 60, event: estadio, user: mallory,
                commission: "3.00", vat: "0.66", document: "1.111.111-1"),
        Payment(n: 8, status: "expired", amount: "80.00", currency: "USD", ago: 1441 * 60, event: estadio, user: bruno,
                commission: "8.00", vat: "1.76"),
        Payment(n: 9, status: "paid", amount: "1500.50", currency: "UYU", ago: 300 * 60, event: estadio, user: ana,
                commission: "150.05", vat: "33.01", document: "4.123.456-7"),
        Payment(n: 10, status: "pending", amount: "7.05", currency: "USD", ago: 60, event: arena, user: bruno,
                commission: "0.71", vat: "0.16"),
    ]

    /// Writes the hand-made rows, every time `ago` seconds before `t`, into revendiste's own tables.
    static func insertRows(_ db: PGConnection, at t: Timestamp) throws {
        try db.query("""
            INSERT INTO events (id, external_id, platform, name, event_start_date, event_end_date, venue_name, venue_address,
                                external_url) VALUES
                ($1, 'rt-1', 'redtickets', 'Cuarteto de Nos · Antel Arena', '2026-12-12 21:00-03', '2026-12-13 00:00-03',
                 'Antel Arena', 'Av. Dámaso Antonio Larrañaga, Montevideo', 'https://redtickets.uy/e/1'),
                ($2, 'rt-2', 'redtickets', 'No Te Va Gustar · Estadio Centenario', '2026-12-20 21:00-03',
                 '2026-12-21 00:00-03', 'Estadio Centenario', 'Av. Dr. Américo Ricaldoni, Montevideo', 'https://redtickets.uy/e/2'),
                ($3, 'rt-3', 'redtickets', 'Unsold Show', '2027-01-10 21:00-03', '2027-01-10 23:00-03', NULL, 'Montevideo',
                 'https://redtickets.uy/e/3')
            """, [arena, estadio, unsold])
        try db.query("""
            INSERT INTO users (id, clerk_id, email) VALUES
                ($1, 'user_ana', 'ana@example.uy'), ($2, 'user_bruno', 'bruno@example.uy'), ($3, 'user_m', 'm@example.net')
            """, [ana, bruno, mallory])
        for payment in payments {
            let orderStatus = switch payment.status {
            case "paid", "partially_refunded": "confirmed"
            case "cancelled", "failed": "cancelled"
            case "expired": "expired"
            default: "pending"
            }
            try db.query("""
                INSERT INTO orders (id, user_id, event_id, status, total_amount, subtotal_amount, platform_commission,
                                    vat_on_commission, currency, reservation_expires_at, created_at, updated_at)
                VALUES ($1, $2, $3, $4::order_status, $5::numeric, $5::numeric - $6::numeric - $7::numeric, $6::numeric,
                        $7::numeric, $8::event_ticket_currency, $9::timestamptz - $10 * interval '1 second' + interval '10 minutes',
                        $9::timestamptz - $10 * interval '1 second', $9::timestamptz - $10 * interval '1 second')
                """, [Fixtures.uuid(5, payment.n), payment.user, payment.event, orderStatus, payment.amount, payment.commission,
                      payment.vat, payment.currency, t, payment.ago])
            try db.query("""
                INSERT INTO payments (id, order_id, provider, provider_payment_id, status, payment_method, amount, currency,
                                      created_at, updated_at, failure_reason, payer_email, payer_document_type, payer_document,
                                      payer_country)
                VALUES ($1, $2, 'dlocal', 'DP-' || (1000 + $3::int), $4::payment_status, 'credit_card', $5::numeric, $6,
                        $7::timestamptz - $8 * interval '1 second', $7::timestamptz - $8 * interval '1 second', $9,
                        'payer' || $3 || '@example.uy', CASE WHEN $10::text IS NOT NULL THEN 'CI' END, $10, 'UY')
                """, [p(payment.n), Fixtures.uuid(5, payment.n), String(payment.n), payment.status, payment.amount,
                      payment.currency, t, payment.ago, payment.failure, payment.document])
        }
        /// One payment_events row, `ago` seconds before t.
        func event(_ n: Int, _ type: String, ago: Int, ip: String?, agent: String? = nil, from: String? = nil,
                   to: String? = nil, data: String = "{}", id: PGUUID? = nil) throws {
            try db.query("""
                INSERT INTO payment_events (id, payment_id, event_type, from_status, to_status, event_data, ip_address,
                                            user_agent, created_at)
                VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3::payment_event_type, $4::payment_status,
                        $5::payment_status, $6::jsonb, $7, $8, $9::timestamptz - $10 * interval '1 second')
                """, [id, p(n), type, from, to, data, ip, agent, t, ago])
        }
        let browser = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)"
        let hook = "dLocal-Webhook/2.0"
        // P1 (T-3h): created from the buyer's phone, paid by webhook, refund R1 20.25 initiated at T-2h and completed
        // at T-1h50m (then partially_refunded), refund R2 10.10 initiated at T-30m, not completed.
        try event(1, "payment_created", ago: 10_800, ip: "203.0.113.5", agent: browser)
        try event(1, "webhook_received", ago: 10_740, ip: "::ffff:\(dlocal)", agent: hook, data: #"{"notification": "PAID"}"#)
        try event(1, "status_change", ago: 10_739, ip: "::ffff:\(dlocal)", agent: hook, from: "pending", to: "paid")
        try event(1, "refund_initiated", ago: 7_200, ip: nil, agent: "revendiste-admin",
                  data: #"{"refund_id": "\#(refund1)", "amount": 20.25, "currency": "USD", "reason": "requested_by_customer"}"#,
                  id: refund1)
        try event(1, "refund_completed", ago: 6_600, ip: "::ffff:\(dlocal)", agent: hook, data: #"{"refund_id": "\#(refund1)"}"#)
        try event(1, "status_change", ago: 6_599, ip: "::ffff:\(dlocal)", agent: hook, from: "paid", to: "partially_refunded")
        try event(1, "refund_initiated", ago: 1_800, ip: nil, agent: "revendiste-admin",
                  data: #"{"refund_id": "\#(refund2)", "amount": 10.10, "currency": "USD", "reason": "duplicate"}"#, id: refund2)
        // P2 (T-23h59m) and P9 (T-5h, from an IPv6 address): created, paid by webhook.
        for (n, ago, ip) in [(2, 1439 * 60, "190.64.52.7"), (9, 300 * 60, "2800:a4:1234::1")] {
            try event(n, "payment_created", ago: ago, ip: ip, agent: browser)
            try event(n, "webhook_received", ago: ago - 60, ip: dlocal, agent: hook, data: #"{"notification": "PAID"}"#)
            try event(n, "status_change", ago: ago - 61, ip: dlocal, agent: hook, from: "pending", to: "paid")
        }
        // P3…P6, the card tester's failed payments: created, fraud check failed (score), failed, each from the attacker's
        // address, plus dLocal's webhook. P3's payment_created (T-60m30s) is the one attacker event just outside 1 h.
        for (n, score) in [(3, "0.80"), (4, "0.90"), (5, "0.95"), (6, "0.99")] {
            let ago = payments[n - 1].ago
            try event(n, "payment_created", ago: ago, ip: attacker, agent: "curl/8.4.0")
            try event(n, "fraud_check_failed", ago: ago - 60, ip: attacker, agent: "curl/8.4.0", data: #"{"score": \#(score)}"#)
            try event(n, "status_change", ago: ago - 120, ip: attacker, agent: "curl/8.4.0", from: "pending", to: "failed")
            try event(n, "webhook_received", ago: ago - 150, ip: dlocal, agent: hook, data: #"{"notification": "REJECTED"}"#)
        }
        // P7: the same address, but the checkout was cancelled (not a failed payment on this platform).
        try event(7, "payment_created", ago: 600, ip: attacker, agent: "curl/8.4.0")
        try event(7, "status_change", ago: 480, ip: attacker, agent: "curl/8.4.0", from: "pending", to: "cancelled")
        // P8 (T-24h1m): created, expired by the reservation job (its ip_address text is not an address).
        try event(8, "payment_created", ago: 1441 * 60, ip: "190.64.52.7", agent: browser)
        try event(8, "status_change", ago: 1411 * 60, ip: "n/a", from: "pending", to: "expired")
        // P10 (T-1m): created from another address of the attacker's /24.
        try event(10, "payment_created", ago: 60, ip: "198.51.100.200", agent: browser)
    }

    static func at(_ secondsBeforeAnchor: Int64) -> Timestamp { anchor.adding(seconds: -secondsBeforeAnchor) }
    static let usd = Currency.usd
    static let uyu = Currency("UYU")!

    @Test("Overview: counts (paid → completed, cancelled apart from failed), revenue and refunds in cents per currency, reasons")
    func overview() throws {
        let db = try Self.database()
        try Self.insertRows(db, at: Self.anchor)
        let overview = try db.run(OverviewQueries.overview(asOf: Self.anchor))
        // In (T-24h, T]: every payment but P8 (T-24h1m). P1 partially_refunded; P2, P9 paid → completed; P3…P6 failed (4);
        // P7 cancelled (1: an abandoned checkout is no failure); P10 pending.
        #expect(overview.counts == [.partiallyRefunded: 1, .completed: 2, .failed: 4, .cancelled: 1, .pending: 1])
        // Revenue: USD P1 120.50 + P2 12.34 = 132.84 → 13284; UYU P9 1500.50 → 150050.
        #expect(overview.revenue == [Money(minorUnits: 13_284, currency: Self.usd), Money(minorUnits: 150_050, currency: Self.uyu)])
        // Refunds created in the window: R1 20.25 (completed) + R2 10.10 (pending) = 30.35 USD → 3035, two of them.
        #expect(overview.refunds == [Money(minorUnits: 3_035, currency: Self.usd)])
        #expect(overview.refundCount == 2)
        // Failed in the window: REJECTED (P3, P4, P6) 3, INSUFFICIENT_FUNDS (P5) 1 (P7 is cancelled, not failed).
        #expect(overview.topFailureReasons.map(\.reason) == ["REJECTED", "INSUFFICIENT_FUNDS"])
        #expect(overview.topFailureReasons.map(\.count) == [3, 1])
        // Refunded 30.35 of 120.50: no alarm; no queues on this platform.
        #expect(overview.alarms.isEmpty)
        #expect(overview.queues.groups.isEmpty)
        // A row just outside the window moves in when the window grows by 2 minutes: P8 (expired → cancelled).
        let wider = try db.run(OverviewQueries.overview(windowSeconds: 86_400 + 120, asOf: Self.anchor))
        #expect(wider.counts[.cancelled] == 2 && wider.counts[.failed] == 4)

        // Change native rows: P1's amount 120.50 → 120.51 (+1 cent of revenue), P10 pending → paid (+7.05).
        try db.execute("""
            UPDATE payments SET amount = 120.51 WHERE id = '\(Self.p(1))';
            UPDATE payments SET status = 'paid' WHERE id = '\(Self.p(10))';
            """)
        let changed = try db.run(OverviewQueries.overview(asOf: Self.anchor))
        #expect(changed.revenue.first == Money(minorUnits: 13_284 + 1 + 705, currency: Self.usd))
        #expect(changed.counts == [.partiallyRefunded: 1, .completed: 3, .failed: 4, .cancelled: 1])
    }

    @Test("Transactions: newest first, major units → cents, statuses mapped, venue = the order's event; filters, paging, search")
    func transactions() throws {
        let db = try Self.database()
        try Self.insertRows(db, at: Self.anchor)
        let page = try db.run(TransactionQueries.page(.first, limit: 50))
        // Newest first: P10 (1 min), P7, P6, P5, P4, P3 (60.5 min), P1 (3 h), P9 (5 h), P2 (23 h 59), P8 (24 h 1).
        #expect(page.rows.map(\.id) == [10, 7, 6, 5, 4, 3, 1, 9, 2, 8].map(Self.p))
        #expect(page.rows.map(\.amount.minorUnits) == [705, 3_000, 4_567, 4_567, 4_567, 4_567, 12_050, 150_050, 1_234, 8_000])
        #expect(page.rows.map(\.status) == [.pending, .cancelled, .failed, .failed, .failed, .failed, .partiallyRefunded,
                                            .completed, .completed, .cancelled])
        #expect(page.rows.map(\.amount.currency.code) == ["USD", "USD", "USD", "USD", "USD", "USD", "USD", "UYU", "USD", "USD"])
        // Fees from the order: platform_commission and vat_on_commission, in cents.
        #expect(page.rows.map(\.platformFee.minorUnits) == [71, 300, 457, 457, 457, 457, 1_205, 15_005, 123, 800])
        #expect(page.rows.map { $0.taxAmount?.minorUnits } == [16, 66, 101, 101, 101, 101, 265, 3_301, 27, 176])
        #expect(page.rows.map(\.intentID) == ["DP-1010", "DP-1007", "DP-1006", "DP-1005", "DP-1004", "DP-1003", "DP-1001",
                                              "DP-1009", "DP-1002", "DP-1008"])
        #expect(page.rows[0].createdAt == Self.at(60))
        #expect(page.rows[5].createdAt == Self.at(3_630))
        #expect(page.rows.map(\.venueName) == ["Cuarteto de Nos · Antel Arena", "No Te Va Gustar · Estadio Centenario",
                                               "Cuarteto de Nos · Antel Arena", "Cuarteto de Nos · Antel Arena",
                                               "Cuarteto de Nos · Antel Arena", "Cuarteto de Nos · Antel Arena",
                                               "Cuarteto de Nos · Antel Arena", "No Te Va Gustar · Estadio Centenario",
                                               "No Te Va Gustar · Estadio Centenario", "No Te Va Gustar · Estadio Centenario"])
        #expect(page.rows.map(\.userID) == [Self.bruno, Self.mallory, Self.mallory, Self.mallory, Self.mallory, Self.mallory,
                                            Self.ana, Self.ana, Self.bruno, Self.bruno])
        #expect(!page.hasOlder)

        // Filters. Status failed: P3…P6; cancelled: P7 cancelled and P8 expired (the read model's mapping).
        let failed = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(statuses: [.failed])))
        #expect(failed.rows.map(\.id) == [6, 5, 4, 3].map(Self.p))
        let cancelled = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(statuses: [.cancelled])))
        #expect(cancelled.rows.map(\.id) == [7, 8].map(Self.p))
        // The last hour [T-1h, T): P10, P7, P6, P5, P4 (P3 at T-60m30s is just outside).
        let hour = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(from: Self.at(3_600), until: Self.anchor)))
        #expect(hour.rows.map(\.id) == [10, 7, 6, 5, 4].map(Self.p))
        // Amounts 45.67 … 120.50 inclusive: P6, P5, P4, P3, P1, P8 (80.00).
        let amounts = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(minAmount: 4_567, maxAmount: 12_050)))
        #expect(amounts.rows.map(\.id) == [6, 5, 4, 3, 1, 8].map(Self.p))
        // The venue (event) Estadio: P7, P9, P2, P8; completed there: P9, P2.
        let estadio = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(venueID: Self.estadio)))
        #expect(estadio.rows.map(\.id) == [7, 9, 2, 8].map(Self.p))
        let paidThere = try db.run(TransactionQueries.page(.first, filter: TransactionFilter(statuses: [.completed],
                                                                                             venueID: Self.estadio)))
        #expect(paidThere.rows.map(\.id) == [9, 2].map(Self.p))

        // Keyset paging, four at a time: the same ten in the same order.
        let first = try db.run(TransactionQueries.page(.first, limit: 4))
        let second = try db.run(TransactionQueries.page(.after(try #require(first.rows.last).cursor), limit: 4))
        let third = try db.run(TransactionQueries.page(.after(try #require(second.rows.last).cursor), limit: 4))
        #expect(first.hasOlder && second.hasOlder && !third.hasOlder)
        #expect((first.rows + second.rows + third.rows).map(\.id) == [10, 7, 6, 5, 4, 3, 1, 9, 2, 8].map(Self.p))

        // Search: dLocal's id, the payment id, the buyer's user id.
        let byIntent = try db.run(try TransactionQueries.search("DP-1005"))
        #expect(byIntent.map(\.transaction.id) == [Self.p(5)])
        #expect(byIntent.map(\.matchedBy) == ["intent id"])
        let byID = try db.run(try TransactionQueries.search(Self.p(3).string))
        #expect(byID.map(\.transaction.id) == [Self.p(3)])
        #expect(byID.map(\.matchedBy) == ["payment id"])
        let byUser = try db.run(try TransactionQueries.search(Self.mallory.string))
        #expect(byUser.map(\.transaction.id) == [7, 6, 5, 4, 3].map(Self.p))
        #expect(Set(byUser.map(\.matchedBy)) == ["user id"])
        #expect(try db.run(try TransactionQueries.search("DP-9999")).isEmpty)

        // Change a native row: P4 45.67 → 45.68; only its own amount moves, by exactly 1 cent.
        try db.execute("UPDATE payments SET amount = 45.68 WHERE id = '\(Self.p(4))'")
        let changed = try db.run(TransactionQueries.page(.first, limit: 50))
        #expect(changed.rows.map(\.amount.minorUnits) == [705, 3_000, 4_567, 4_567, 4_568, 4_567, 12_050, 150_050, 1_234, 8_000])
    }

    @Test("Payment detail: fees from the order, refunds from refund_initiated / refund_completed, the timeline in order")
    func detailAndTimeline() throws {
        let db = try Self.database()
        try Self.insertRows(db, at: Self.anchor)
        let detail = try #require(try db.run(PaymentDetailQueries.detail(Self.p(1))))
        // P1: 120.50 USD, commission 12.05, VAT 2.65, subtotal 120.50 - 12.05 - 2.65 = 105.80 → 10580.
        #expect(detail.transaction.amount == Money(minorUnits: 12_050, currency: Self.usd))
        #expect(detail.transaction.platformFee.minorUnits == 1_205)
        #expect(detail.transaction.taxAmount?.minorUnits == 265)
        #expect(detail.venuePayout.minorUnits == 10_580)
        #expect(detail.transaction.status == .partiallyRefunded)
        #expect(detail.eventID == Self.arena)
        #expect(detail.idempotencyKey == nil)
        // R1 20.25 completed at T-1h50m (a refund_completed names it); R2 10.10 pending.
        #expect(detail.refunds.map(\.id) == [Self.refund1, Self.refund2])
        #expect(detail.refunds.map(\.amount.minorUnits) == [2_025, 1_010])
        #expect(detail.refunds.map(\.status) == ["completed", "pending"])
        #expect(detail.refunds.map(\.reason) == ["requested_by_customer", "duplicate"])
        #expect(detail.refunds.map(\.completedAt) == [Self.at(6_600), nil])
        // 120.50 - 20.25 - 10.10 = 90.15 still refundable.
        #expect(detail.refundable.minorUnits == 9_015)

        // The timeline: the payment row, its seven payment_events, and each refund_initiated again as a refund.
        let timeline = try db.run(PaymentDetailQueries.timeline(Self.p(1)))
        #expect(timeline.map { "\($0.source.rawValue) \($0.kind)" } == [
            "transaction payment.created",     // T-3h
            "event payment_created",           // T-3h
            "event webhook_received",          // T-2h59m
            "event status_change",             // T-2h58m59s pending → paid
            "event refund_initiated",          // T-2h (R1)
            "refund refund.completed",         // T-2h (R1, completed at T-1h50m)
            "event refund_completed",          // T-1h50m
            "event status_change",             // T-1h49m59s paid → partially_refunded
            "event refund_initiated",          // T-30m (R2)
            "refund refund.pending",           // T-30m (R2)
        ])
        #expect(timeline.map(\.at) == [10_800, 10_800, 10_740, 10_739, 7_200, 7_200, 6_600, 6_599, 1_800, 1_800].map(Self.at))
        // '::ffff:18.231.0.10', as Node reports an IPv4 client, reads as 18.231.0.10; no address on the admin's rows.
        #expect(timeline.map { $0.ipAddress?.text } == [nil, "203.0.113.5", Self.dlocal, Self.dlocal, nil, nil, Self.dlocal,
                                                        Self.dlocal, nil, nil])
        #expect(timeline.filter { $0.source == .refund }.map(\.amount) == [2_025, 1_010])
        let change = try #require(timeline.first { $0.kind == "status_change" && $0.at == Self.at(6_599) })
        #expect(change.detail == "paid → partially_refunded", "the status change, as payops_read.change_line says it")

        // A completed refund for R2 moves it to completed, at that moment.
        try db.query("""
            INSERT INTO payment_events (payment_id, event_type, event_data, ip_address, created_at)
            VALUES ($1, 'refund_completed', jsonb_build_object('refund_id', $2::text), $3, $4::timestamptz)
            """, [Self.p(1), Self.refund2, Self.dlocal, Self.at(600)])
        let after = try #require(try db.run(PaymentDetailQueries.detail(Self.p(1))))
        #expect(after.refunds.map(\.status) == ["completed", "completed"])
        #expect(after.refunds.map(\.completedAt) == [Self.at(6_600), Self.at(600)])
        #expect(after.timeline.count == timeline.count + 1)
    }

    @Test("Audit trail: payment_events newest first, addresses read from varchar, filters by type, payment and network")
    func auditTrail() throws {
        let db = try Self.database()
        try Self.insertRows(db, at: Self.anchor)
        // 34 events: P1 7, P2 3, P3…P6 4 each (16), P7 2, P8 2, P9 3, P10 1.
        let all = try db.run(AuditQueries.events(.first, limit: 50))
        #expect(all.rows.count == 34)
        #expect(!all.hasOlder)
        #expect(all.rows.first?.paymentID == Self.p(10))
        #expect(all.rows.first?.createdAt == Self.at(60))
        #expect(all.rows.first?.ipAddress?.text == "198.51.100.200")
        #expect(all.rows.last?.paymentID == Self.p(8))
        #expect(all.rows.last?.eventType == "payment_created")
        #expect(all.rows.map(\.createdAt) == all.rows.map(\.createdAt).sorted(by: >))
        // P8's expiry was written with ip_address 'n/a': no address, not an error.
        let expired = try #require(all.rows.first { $0.paymentID == Self.p(8) && $0.eventType == "status_change" })
        #expect(expired.ipAddress == nil)
        // P9's IPv6 address as it is.
        #expect(all.rows.first { $0.paymentID == Self.p(9) && $0.eventType == "payment_created" }?.ipAddress?.text
                == "2800:a4:1234::1")
        // One payment's events, newest first.
        let p1 = try db.run(AuditQueries.events(.first, filter: EventFilter(paymentID: Self.p(1))))
        #expect(p1.rows.map(\.eventType) == ["refund_initiated", "status_change", "refund_completed", "refund_initiated",
                                             "status_change", "webhook_received", "payment_created"])
        #expect(p1.rows.map(\.userAgent) == ["revendiste-admin", "dLocal-Webhook/2.0", "dLocal-Webhook/2.0", "revendiste-admin",
                                             "dLocal-Webhook/2.0", "dLocal-Webhook/2.0",
                                             "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)"])
        // By type: the two refund_initiated rows (R2 then R1); the fraud checks (P6, P5, P4, P3).
        let refunds = try db.run(AuditQueries.events(.first, filter: EventFilter(eventType: "refund_initiated")))
        #expect(refunds.rows.map(\.id) == [Self.refund2, Self.refund1])
        let fraud = try db.run(AuditQueries.events(.first, filter: EventFilter(eventType: "fraud_check_failed")))
        #expect(fraud.rows.map(\.paymentID) == [6, 5, 4, 3].map(Self.p))
        // By network: dLocal's address, written plain or as ::ffff:…: P1 4 (webhook, two status changes, the
        // refund_completed), P2 2 (webhook, status change), P3…P6 1 each (webhooks), P9 2 = 12.
        let provider = try db.run(AuditQueries.events(.first, filter: EventFilter(network: InetAddress(Self.dlocal))))
        #expect(provider.rows.count == 12)
        // Paging by the keyset: 34 = 15 + 15 + 4.
        let one = try db.run(AuditQueries.events(.first, limit: 15))
        let two = try db.run(AuditQueries.events(.after(try #require(one.rows.last).cursor), limit: 15))
        let three = try db.run(AuditQueries.events(.after(try #require(two.rows.last).cursor), limit: 15))
        #expect(three.rows.count == 4 && !three.hasOlder)
        #expect((one.rows + two.rows + three.rows).map(\.id) == all.rows.map(\.id))

        // A new event (the platform logs a dispute on P2) is the newest row; the count moves by exactly one.
        try db.query("""
            INSERT INTO payment_events (payment_id, event_type, ip_address, created_at)
            VALUES ($1, 'dispute_opened', '::ffff:18.231.0.10', $2::timestamptz)
            """, [Self.p(2), Self.at(30)])
        let moved = try db.run(AuditQueries.events(.first, limit: 50))
        #expect(moved.rows.count == 35)
        #expect(moved.rows.first?.eventType == "dispute_opened")
        #expect(moved.rows.first?.ipAddress?.text == Self.dlocal)
    }

    @Test("Suspicious IPs: seed 000's rule over failed payments' events; cancelled ones do not count; the drill-down")
    func suspiciousIPs() throws {
        let db = try Self.database()
        try Self.insertRows(db, at: Self.anchor)
        // In (T-1h, T], events of payments whose platform status is 'failed', per address:
        //   198.51.100.23: P3 fraud + status (its payment_created at T-60m30s is outside) 2, P4 3, P5 3, P6 3 = 11 (> 10);
        //                  P7's two events do not count (cancelled, not failed).
        //   18.231.0.10:   the webhooks of P3…P6 = 4.
        let list = try db.run(SuspiciousIPQueries.list(windowSeconds: 3_600, threshold: 10, asOf: Self.anchor))
        #expect(list.map(\.address.text) == [Self.attacker])
        let ip = try #require(list.first)
        #expect(ip.failedAttempts == 11)
        #expect(ip.distinctUsers == 1, "all from mallory")
        #expect(ip.distinctCards == 2, "two identity documents (1.111.111-1, 2.222.222-2) stand in for cards")
        // The fraud_check_failed scores from that address in the window: (0.80 + 0.90 + 0.95 + 0.99) / 4 = 0.91.
        #expect(ip.meanFraudScore == 0.91)
        // The newest counted event: P6's status_change at T-15m+2m = T-13m (P7's at T-8m is not counted).
        #expect(ip.lastSeen == Self.at(780))
        #expect(!ip.blocked)
        // Threshold 3: dLocal's address (4) joins, after the attacker.
        let low = try db.run(SuspiciousIPQueries.list(windowSeconds: 3_600, threshold: 3, asOf: Self.anchor))
        #expect(low.map(\.address.text) == [Self.attacker, Self.dlocal])
        #expect(low.map(\.failedAttempts) == [11, 4])
        // Two minutes more of window take P3's payment_created in: 12.
        let wider = try db.run(SuspiciousIPQueries.list(windowSeconds: 3_720, threshold: 10, asOf: Self.anchor))
        #expect(wider.map(\.failedAttempts) == [12])
        // Threshold 11: 11 is not more than 11.
        #expect(try db.run(SuspiciousIPQueries.list(windowSeconds: 3_600, threshold: 11, asOf: Self.anchor)).isEmpty)

        // Drill-down: every payment with an event from the address (cancelled P7 included), newest first.
        let payments = try db.run(SuspiciousIPQueries.payments(from: try #require(InetAddress(Self.attacker))))
        #expect(payments.map(\.id) == [7, 6, 5, 4, 3].map(Self.p))
        // The /24 adds P10 (198.51.100.200).
        let subnet = try db.run(SuspiciousIPQueries.payments(from: try #require(InetAddress("198.51.100.0/24"))))
        #expect(subnet.map(\.id) == [10, 7, 6, 5, 4, 3].map(Self.p))
        // Every event from the address: P3…P6 3 each + P7 2 = 14, newest P7's status_change at T-8m.
        let events = try db.run(SuspiciousIPQueries.events(from: try #require(InetAddress(Self.attacker))))
        #expect(events.rows.count == 14)
        #expect(events.rows.first?.createdAt == Self.at(480))
        #expect(events.rows.last?.createdAt == Self.at(3_630))

        // A block covering the /24 shows on the list.
        try db.query("INSERT INTO payops.ip_blocklist (network, reason) VALUES ('198.51.100.0/24', 'card testing')")
        #expect(try db.run(SuspiciousIPQueries.list(windowSeconds: 3_600, threshold: 10, asOf: Self.anchor)).map(\.blocked) == [true])

        // Change a native row: P7 cancelled → failed. Its two events (T-10m, T-8m) now count: 13, last seen T-8m.
        try db.execute("UPDATE payments SET status = 'failed' WHERE id = '\(Self.p(7))'")
        let changed = try db.run(SuspiciousIPQueries.list(windowSeconds: 3_600, threshold: 10, asOf: Self.anchor))
        #expect(changed.map(\.failedAttempts) == [13])
        #expect(changed.first?.lastSeen == Self.at(480))
    }

    @Test("Venues: the events that have orders, by name, with the orders' currency and nothing payable")
    func venues() throws {
        let db = try Self.database()
        try Self.insertRows(db, at: Self.anchor)
        let venues = try db.run(VenueQueries.balances())
        // Arena (P1, P3…P6, P10: USD) and Estadio (P2, P7, P8 USD, P9 UYU → the smallest code, USD); "Unsold Show" has
        // no orders and is not a venue.
        #expect(venues.rows.map(\.id) == [Self.arena, Self.estadio])
        #expect(venues.rows.map(\.name) == ["Cuarteto de Nos · Antel Arena", "No Te Va Gustar · Estadio Centenario"])
        #expect(venues.rows.map(\.available.currency.code) == ["USD", "USD"])
        #expect(venues.rows.map(\.tier) == [nil, nil])
        #expect(venues.rows.map(\.payable.minorUnits) == [0, 0])
        #expect(venues.rows.map(\.openRequests) == [0, 0])
        #expect(try db.run(VenueQueries.find("estadio")).rows.map(\.id) == [Self.estadio])
        #expect(try db.run(VenueQueries.payouts(venue: Self.arena)).isEmpty)
        // An order for the unsold show makes it a venue (first by name after "No Te…": "Unsold Show").
        try db.query("""
            INSERT INTO orders (user_id, event_id, status, total_amount, subtotal_amount, platform_commission, vat_on_commission,
                                currency, reservation_expires_at)
            VALUES ($1, $2, 'pending', 10.00, 8.78, 1.00, 0.22, 'UYU', now())
            """, [Self.ana, Self.unsold])
        let more = try db.run(VenueQueries.balances())
        #expect(more.rows.map(\.name) == ["Cuarteto de Nos · Antel Arena", "No Te Va Gustar · Estadio Centenario", "Unsold Show"])
        #expect(more.rows.last?.available.currency.code == "UYU")
    }
}

// MARK: seed 000's common tasks

extension RevendisteProfileTests {
    /// The current time of the server, shifted.
    static func serverNow(_ db: PGConnection, minus interval: String = "0 seconds") throws -> Timestamp {
        try db.query("SELECT now() - $1::interval", [interval])[0].decode(0)
    }

    @Test("seed 000's four common-tasks queries, typed as the seed prints them, give the panes' answers")
    func seedCommonTasks() throws {
        let db = try Self.database()
        // The same hand-made rows, placed relative to the server's clock: the seed's queries read NOW().
        let now = try Self.serverNow(db)
        try Self.insertRows(db, at: now)

        // 1. "View Payment Audit Trail": SELECT * FROM payment_events WHERE payment_id = 'your-payment-id' ORDER BY
        //    created_at ASC (only the columns compared are selected; no column needed renaming).
        func auditTrail(_ payment: PGUUID) throws -> [(PGUUID, String, Timestamp)] {
            try db.query("""
                SELECT id, event_type::text, created_at FROM payment_events
                WHERE payment_id = $1
                ORDER BY created_at ASC
                """, [payment]).map { row in (try row.decode(0), try row.decode(1), try row.decode(2)) }
        }
        let trail = try auditTrail(Self.p(1))
        #expect(trail.count == 7)
        // The Audit trail pane filtered to the payment (newest first, so reversed) …
        let pane = try db.run(AuditQueries.events(.first, filter: EventFilter(paymentID: Self.p(1))))
        #expect(pane.rows.reversed().map(\.id) == trail.map(\.0))
        #expect(pane.rows.reversed().map(\.eventType) == trail.map(\.1))
        // … and the payment's timeline (its event entries, oldest first).
        let timeline = try db.run(PaymentDetailQueries.timeline(Self.p(1))).filter { $0.source == .event }
        #expect(timeline.map(\.kind) == trail.map(\.1))
        #expect(timeline.map(\.at) == trail.map(\.2))

        // 2. "Find Failed Payments": SELECT * FROM payments WHERE status = 'failed' AND created_at > NOW() - INTERVAL
        //    '24 hours' (as printed). On the rows: P3, P4, P5, P6 (P7 is 'cancelled', P8 'expired' and 24h1m old).
        func seedFailed() throws -> Set<PGUUID> {
            Set(try db.query("""
                SELECT id FROM payments
                WHERE status = 'failed'
                AND created_at > NOW() - INTERVAL '24 hours'
                """).map { row in try row.decode(0, as: PGUUID.self) })
        }
        func paneFailed() throws -> Set<PGUUID> {
            let since = try Self.serverNow(db, minus: "24 hours")
            return Set(try db.run(TransactionQueries.page(.first, filter: TransactionFilter(statuses: [.failed], from: since)))
                .rows.map(\.id))
        }
        let failedBySeed = try seedFailed()
        #expect(failedBySeed == Set([3, 4, 5, 6].map(Self.p)))
        // The Transactions pane filtered to failed over the last 24 hours must list the same payments.
        #expect(try paneFailed() == failedBySeed, "the pane's 'failed' is the platform's failed (P7 is cancelled)")
        // The Overview's failed count over the same 24 hours must be the seed's count, 4.
        #expect(try db.run(OverviewQueries.overview()).counts[.failed] == failedBySeed.count)

        // 3. "Check Webhook History": SELECT * FROM payment_events WHERE event_type = 'webhook_received' ORDER BY
        //    created_at DESC LIMIT 100 (as printed, id selected).
        let hooks: [PGUUID] = try db.query("""
            SELECT id FROM payment_events
            WHERE event_type = 'webhook_received'
            ORDER BY created_at DESC
            LIMIT 100
            """).map { try $0.decode(0) }
        // P6, P5, P4, P3 (their webhooks at 12.5 … 58 min), P1 (2h59m), P9 (4h59m), P2 (23h58m).
        #expect(hooks.count == 7)
        let hookPane = try db.run(AuditQueries.events(.first, filter: EventFilter(eventType: "webhook_received"), limit: 100))
        #expect(hookPane.rows.map(\.id) == hooks)
        #expect(hookPane.rows.map(\.paymentID) == [6, 5, 4, 3, 1, 9, 2].map(Self.p))

        // 4. "Detect Suspicious IPs", as printed (ip_address is varchar(45) here: selected as text).
        func seedSuspicious() throws -> [String: Int] {
            let rows = try db.query("""
                SELECT ip_address, COUNT(*) as attempts
                FROM payment_events pe
                JOIN payments p ON p.id = pe.payment_id
                WHERE p.status = 'failed'
                AND pe.created_at > NOW() - INTERVAL '1 hour'
                GROUP BY ip_address
                HAVING COUNT(*) > 10
                """).map { row in (try row.decode(0, as: String.self), try row.decode(1, as: Int.self)) }
            return Dictionary(rows, uniquingKeysWith: +)
        }
        func paneSuspicious() throws -> [String: Int] {
            var answer: [String: Int] = [:]
            for ip in try db.run(SuspiciousIPQueries.list(windowSeconds: 3_600, threshold: 10)) {
                answer[ip.address.text] = ip.failedAttempts
            }
            return answer
        }
        // 198.51.100.23: 11 events of failed payments in the last hour (see suspiciousIPs()).
        #expect(try seedSuspicious() == [Self.attacker: 11])
        #expect(try paneSuspicious() == seedSuspicious())

        // Change native rows, and each answer moves the same way on both sides.
        // P10 (pending, 1 min old) fails: one more failed payment within 24 h.
        try db.execute("UPDATE payments SET status = 'failed' WHERE id = '\(Self.p(10))'")
        #expect(try seedFailed() == Set([3, 4, 5, 6, 10].map(Self.p)))
        #expect(try paneFailed() == seedFailed())
        // One more webhook on P10, and one more attacker event on P6: 8 webhooks, 12 attempts, on both sides.
        try db.query("""
            INSERT INTO payment_events (payment_id, event_type, ip_address, created_at) VALUES
                ($1, 'webhook_received', '18.231.0.10', now()), ($2, 'manual_review_required', '198.51.100.23', now())
            """, [Self.p(10), Self.p(6)])
        let hooksAfter = try db.run(AuditQueries.events(.first, filter: EventFilter(eventType: "webhook_received"), limit: 100))
        #expect(hooksAfter.rows.count == 8)
        #expect(hooksAfter.rows.first?.paymentID == Self.p(10))
        #expect(try seedSuspicious() == [Self.attacker: 12])
        #expect(try paneSuspicious() == seedSuspicious())
        #expect(try db.run(AuditQueries.events(.first, filter: EventFilter(paymentID: Self.p(10)))).rows.reversed().map(\.id)
                == auditTrail(Self.p(10)).map(\.0))
    }
}
