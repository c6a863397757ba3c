import PaymentData
import Testing
import TestSupport

/// The wallets profile (seed 003: TEXT ids, DECIMAL(12,2) dollars, Prisma enums, TIMESTAMP(3) written in the profile's
/// zone) read by every pane it has, on a small hand-made set of rows whose answers are computed by hand below; each
/// test then changes one native row and checks that the answer moves by exactly what that row is worth.
@Suite("wallets panes: exact answers on hand-made rows")
struct WalletsPanesTests {
    /// T = 2026-11-20 12:00 UTC, 06:00 CST in America/Chicago (the zone payops was installed with).
    static let anchor = Timestamp(year: 2026, month: 11, day: 20, hour: 12)
    static func at(_ secondsBeforeAnchor: Int64) -> Timestamp { anchor.adding(seconds: -secondsBeforeAnchor) }
    static let zone = TestCluster.ticketTokenZone
    /// The platform's TIMESTAMP(3) for `$2` seconds before `$1` (= T), in the installed zone.
    static let local = "(($1::timestamptz AT TIME ZONE '\(zone)') - $2 * interval '1 second')"

    // Merchants (venues), buyers, their wallets, the two products.
    static let ada = Fixtures.uuid(1, 1)      // MERCHANT "Ada Lovelace"
    static let shop2 = Fixtures.uuid(1, 2)    // MERCHANT without a name: shop2@example.com; its wallet is locked
    static let bob = Fixtures.uuid(3, 1)      // USER
    static let mallory = Fixtures.uuid(3, 2)  // USER, the card tester
    static let adaWallet = Fixtures.uuid(9, 1), shop2Wallet = Fixtures.uuid(9, 2)
    static let bobWallet = Fixtures.uuid(9, 3), malloryWallet = Fixtures.uuid(9, 4)
    static let ticket = Fixtures.uuid(4, 1)   // Ada's product, 12.34
    static let poster = Fixtures.uuid(4, 2)   // shop2's product, 30.00
    /// Order n's id; its idempotency key is "key-n".
    static func o(_ n: Int) -> PGUUID { Fixtures.uuid(2, n) }
    /// Ledger row n's id.
    static func l(_ n: Int) -> PGUUID { Fixtures.uuid(7, n) }
    static let suspect = "198.51.100.7"

    /// O1…O8: (n, method, status, dollars, buyer, merchant, product, seconds before T, metadata, intent, failure reason).
    /// Newest first: O5 5 min, O4 10, O7 15, O3 20, O2 30, O8 40, O1 60, O6 25 h (outside the 24 h window).
    static let orders: [(n: Int, method: String, status: String, amount: String, buyer: PGUUID, merchant: PGUUID,
                         product: PGUUID, ago: Int, metadata: String?, intent: String?, failure: String?)] = [
        (1, "WALLET", "COMPLETED", "12.34", bob, ada, ticket, 3_600,
         #"{"ipAddress": "203.0.113.5", "userAgent": "Mozilla/5.0 (X11)"}"#, nil, nil),
        (2, "GATEWAY", "COMPLETED", "30.00", bob, shop2, poster, 1_800, nil, "pi_w_2", nil),
        (3, "GATEWAY", "FAILED", "45.67", mallory, ada, ticket, 1_200, #"{"ipAddress": "198.51.100.7"}"#, nil, "card_declined"),
        (4, "GATEWAY", "CANCELLED", "5.00", mallory, ada, ticket, 600, #"{"ipAddress": "198.51.100.7"}"#, nil, nil),
        (5, "WALLET", "PENDING", "7.00", bob, ada, ticket, 300, #"{"ipAddress": "198.51.100.7"}"#, nil, nil),
        (6, "WALLET", "COMPLETED", "100.00", bob, ada, ticket, 90_000, nil, nil, nil),
        (7, "GATEWAY", "FAILED", "20.00", bob, shop2, poster, 900, #"{"ipAddress": "::ffff:198.51.100.7"}"#, nil,
         "insufficient_funds"),
        (8, "GATEWAY", "FAILED", "9.99", mallory, shop2, poster, 2_400, #"{"ipAddress": "999.1.1.1"}"#, nil, "card_declined"),
    ]

    /// The ledger: (n, wallet, type, dollars, before, after, order key or nil, seconds before T). Every row adds up and
    /// every wallet's balance is its last row's balance_after:
    ///   Bob:  L1 DEPOSIT 200.00 (0 → 200.00), L2 PAYMENT 100.00 for O6 (→ 100.00), L3 PAYMENT 12.34 for O1 (→ 87.66)
    ///   Ada:  L4 EARNING 100.00 for O6 (0 → 100.00), L5 WITHDRAWAL 50.00 (→ 50.00), L6 EARNING 12.34 for O1 (→ 62.34)
    ///   shop2: L7 DEPOSIT 250.00 (0 → 250.00); Mallory: no rows, balance 0.
    static let ledger: [(n: Int, wallet: PGUUID, type: String, amount: String, before: String, after: String,
                         reference: String?, ago: Int)] = [
        (1, bobWallet, "DEPOSIT", "200.00", "0.00", "200.00", nil, 93_600),
        (2, bobWallet, "PAYMENT", "100.00", "200.00", "100.00", "key-6", 89_999),
        (3, bobWallet, "PAYMENT", "12.34", "100.00", "87.66", "key-1", 3_599),
        (4, adaWallet, "EARNING", "100.00", "0.00", "100.00", "key-6", 89_998),
        (5, adaWallet, "WITHDRAWAL", "50.00", "100.00", "50.00", nil, 7_200),
        (6, adaWallet, "EARNING", "12.34", "50.00", "62.34", "key-1", 3_598),
        (7, shop2Wallet, "DEPOSIT", "250.00", "0.00", "250.00", nil, 10_800),
    ]

    /// A fresh wallets database (payops installed with its indexes) holding the rows above.
    static func database() throws -> PGConnection {
        let db = try PGConnection(try TestCluster.shared.freshDatabase(fixture: "wallets", seeded: false))
        let users: [(PGUUID, String, String?, String?, String)] = [
            (ada, "ada@shop.example", "Ada", "Lovelace", "MERCHANT"), (shop2, "shop2@example.com", nil, nil, "MERCHANT"),
            (bob, "bob@example.com", "Bob", nil, "USER"), (mallory, "m@example.net", "Mallory", nil, "USER"),
        ]
        for (id, email, first, last, role) in users {
            try db.query("""
                INSERT INTO users (id, email, password, role, first_name, last_name, created_at, updated_at)
                VALUES ($3, $4, 'x', $5, $6, $7, \(local), \(local))
                """, [anchor, 100_000, id.string, email, role, first, last])
        }
        // Each wallet last updated when its last ledger row was written (Mallory's never since it was opened).
        let wallets: [(PGUUID, PGUUID, String, Bool, Int)] = [
            (adaWallet, ada, "62.34", false, 3_598), (shop2Wallet, shop2, "250.00", true, 10_800),
            (bobWallet, bob, "87.66", false, 3_599), (malloryWallet, mallory, "0.00", false, 100_000),
        ]
        for (id, user, balance, locked, updated) in wallets {
            try db.query("""
                INSERT INTO wallets (id, balance, currency, is_locked, user_id, created_at, updated_at)
                VALUES ($3, $4::numeric, 'USD', $5, $6, \(local), \(local) + ($2 - $7) * interval '1 second')
                """, [anchor, 100_000, id.string, balance, locked, user.string, updated])
        }
        for (id, merchant, name, price) in [(ticket, ada, "Ticket", "12.34"), (poster, shop2, "Poster", "30.00")] {
            try db.query("""
                INSERT INTO products (id, name, price, available_units, initial_units, merchant_id, created_at, updated_at)
                VALUES ($3, $4, $5::numeric, 100, 100, $6, \(local), \(local))
                """, [anchor, 100_000, id.string, name, price, merchant.string])
        }
        for order in orders {
            try db.query("""
                INSERT INTO orders (id, payment_method, status, amount, currency, stripe_payment_intent_id, idempotency_key,
                                    metadata, completed_at, failure_reason, failed_at, created_at, updated_at, user_id,
                                    product_id, merchant_id)
                VALUES ($3, $4, $5, $6::numeric, 'USD', $7, 'key-' || $8::text, $9::jsonb,
                        CASE WHEN $11 THEN \(local) + interval '2 seconds' END,
                        $10, CASE WHEN $10::text IS NOT NULL THEN \(local) + interval '2 seconds' END,
                        \(local), \(local), $12, $13, $14)
                """, [anchor, order.ago, o(order.n).string, order.method, order.status, order.amount, order.intent,
                      String(order.n), order.metadata, order.failure, order.status == "COMPLETED", order.buyer.string,
                      order.product.string, order.merchant.string])
        }
        for row in ledger {
            try db.query("""
                INSERT INTO wallet_transactions (id, type, status, amount, balance_before, balance_after, currency,
                                                 reference_type, reference_id, wallet_id, created_at, updated_at)
                VALUES ($3, $4, 'COMPLETED', $5::numeric, $6::numeric, $7::numeric, 'USD',
                        CASE WHEN $8::text IS NOT NULL THEN 'order' END, $8, $9, \(local), \(local))
                """, [anchor, row.ago, l(row.n).string, row.type, row.amount, row.before, row.after, row.reference,
                      row.wallet.string])
        }
        return db
    }

    static let usd = Currency("USD")!

    @Test("Overview: orders in 24 h by mapped status, revenue in cents, failure reasons of failures only, no alarm")
    func overview() throws {
        let db = try Self.database()
        let overview = try db.run(OverviewQueries.overview(asOf: Self.anchor))
        // In the window: O1, O2 COMPLETED; O3, O7, O8 FAILED; O4 CANCELLED (cancelled, not failed); O5 PENDING. O6 is 25 h old.
        #expect(overview.counts == [.completed: 2, .failed: 3, .cancelled: 1, .pending: 1])
        // Revenue: O1 12.34 + O2 30.00 = 42.34 dollars = 1234 + 3000 = 4234 cents (O6's 100.00 is outside the window).
        #expect(overview.revenue == [Money(minorUnits: 4_234, currency: Self.usd)])
        #expect(overview.refundCount == 0 && overview.refunds.isEmpty)
        // Reasons of the three failures: card_declined (O3, O8) 2, insufficient_funds (O7) 1; O4's "cancelled" is no failure.
        #expect(overview.topFailureReasons.map(\.reason) == ["card_declined", "insufficient_funds"])
        #expect(overview.topFailureReasons.map(\.count) == [2, 1])
        // 2 successful of 2 + 3 decided: 4000 basis points.
        #expect(overview.successRateBasisPoints == 4_000)
        #expect(overview.alarms.isEmpty, "every ledger row adds up, every wallet is its last row, no balance below 0")

        // O5 (7.00) completes: completed 3, pending none, revenue 4234 + 700 = 4934.
        try db.query("UPDATE orders SET status = 'COMPLETED' WHERE id = $1", [Self.o(5).string])
        let moved = try db.run(OverviewQueries.overview(asOf: Self.anchor))
        #expect(moved.counts == [.completed: 3, .failed: 3, .cancelled: 1])
        #expect(moved.revenue == [Money(minorUnits: 4_934, currency: Self.usd)])
    }

    @Test("Transactions: orders newest first, dollars → cents, CANCELLED → cancelled, venue = the merchant, a gateway and a wallet order")
    func transactions() throws {
        let db = try Self.database()
        let rows = try db.run(TransactionQueries.page(.first, limit: 20)).rows
        #expect(rows.map(\.id) == [5, 4, 7, 3, 2, 8, 1, 6].map(Self.o))
        #expect(rows.map(\.amount.minorUnits) == [700, 500, 2_000, 4_567, 3_000, 999, 1_234, 10_000])
        #expect(rows.map(\.status) == [.pending, .cancelled, .failed, .failed, .completed, .failed, .completed, .completed])
        #expect(rows.map(\.createdAt) == [300, 600, 900, 1_200, 1_800, 2_400, 3_600, 90_000].map { Self.at($0) })
        #expect(rows.map(\.venueName) == ["Ada Lovelace", "Ada Lovelace", "shop2@example.com", "Ada Lovelace",
                                          "shop2@example.com", "shop2@example.com", "Ada Lovelace", "Ada Lovelace"])
        #expect(rows.map(\.userID) == [Self.bob, Self.mallory, Self.bob, Self.mallory, Self.bob, Self.mallory, Self.bob, Self.bob])
        #expect(rows.map(\.intentID) == [nil, nil, nil, nil, "pi_w_2", nil, nil, nil])
        #expect(rows.allSatisfy { $0.platformFee.minorUnits == 0 && $0.taxAmount == nil }, "no fees or tax on this platform")
        #expect(rows.allSatisfy { $0.amount.currency == Self.usd })
        // Filters: the one cancelled order; the three failed ones; Ada's orders (O5, O4, O3, O1, O6).
        #expect(try db.run(TransactionQueries.page(.first, filter: TransactionFilter(statuses: [.cancelled]))).rows.map(\.id) == [Self.o(4)])
        #expect(try db.run(TransactionQueries.page(.first, filter: TransactionFilter(statuses: [.failed]))).rows.map(\.id)
            == [7, 3, 8].map(Self.o))
        #expect(try db.run(TransactionQueries.page(.first, filter: TransactionFilter(venueID: Self.ada))).rows.map(\.id)
            == [5, 4, 3, 1, 6].map(Self.o))
        // The gateway order and the wallet order, as the detail shows them.
        let gateway = try #require(try db.run(PaymentDetailQueries.detail(Self.o(2))))
        #expect(gateway.metadata.text.contains(#""payment_method": "GATEWAY""#))
        #expect(gateway.transaction.intentID == "pi_w_2")
        #expect(gateway.venuePayout.minorUnits == 3_000, "the merchant gets the whole amount")
        let wallet = try #require(try db.run(PaymentDetailQueries.detail(Self.o(1))))
        #expect(wallet.metadata.text.contains(#""payment_method": "WALLET""#))
        #expect(wallet.metadata.text.contains(#""ipAddress": "203.0.113.5""#))
        #expect(wallet.eventID == Self.ticket, "the product stands for the event")
        // Search by the order's idempotency key.
        #expect(try db.run(TransactionQueries.search("key-3")).map(\.transaction.id) == [Self.o(3)])

        // The pane's note says what the rows show: CANCELLED reads as cancelled (Profile+Wallets.swift's availability line
        // and the README say so too), not as failed.
        let note = try #require(try db.run(SessionQueries.paneNotes())["Transactions"])
        #expect(!note.contains("CANCELLED shows as failed"), "\(note)")
        #expect(note.contains("CANCELLED shows as cancelled"), "\(note)")

        // O5 is cancelled by the platform: the cancelled filter gains exactly O5.
        try db.query("UPDATE orders SET status = 'CANCELLED' WHERE id = $1", [Self.o(5).string])
        #expect(try db.run(TransactionQueries.page(.first, filter: TransactionFilter(statuses: [.cancelled]))).rows.map(\.id)
            == [Self.o(5), Self.o(4)])
    }

    @Test("payment detail: O1's timeline is its creation, its idempotency record and its two ledger rows with their change lines")
    func detailTimeline() throws {
        let db = try Self.database()
        let detail = try #require(try db.run(PaymentDetailQueries.detail(Self.o(1))))
        #expect(detail.transaction.amount.minorUnits == 1_234)
        #expect(detail.refunds.isEmpty)
        #expect(detail.refundable.minorUnits == 1_234)
        let timeline = detail.timeline
        #expect(timeline.map(\.source) == [.transaction, .event, .idempotency, .event, .event])
        #expect(timeline.map(\.kind) == ["payment.created", "order.created", "idempotency order", "PAYMENT", "EARNING"])
        #expect(timeline.map(\.at) == [3_600, 3_600, 3_600, 3_599, 3_598].map { Self.at($0) })
        // Bob's wallet 100.00 − 12.34 = 87.66; Ada's 50.00 + 12.34 = 62.34.
        #expect(timeline.map(\.detail) == [
            nil,
            #"{"amount": 1234, "currency": "USD", "product_id": "\#(Self.ticket.string)", "payment_method": "WALLET", "idempotency_key": "key-1"}"#,
            "key-1",
            "balance 100.00 → 87.66",
            "balance 50.00 → 62.34",
        ])
        #expect(timeline.map(\.ipAddress?.text) == [nil, "203.0.113.5", nil, nil, nil])
        #expect(timeline[1].userAgent == "Mozilla/5.0 (X11)")
        #expect(timeline[0].amount == 1_234)

        // The platform writes L3's balance_after one cent short: its change line says so, and the ledger alarms fire.
        try db.query("UPDATE wallet_transactions SET balance_after = 87.65 WHERE id = $1", [Self.l(3).string])
        let moved = try db.run(PaymentDetailQueries.timeline(Self.o(1)))
        #expect(moved.map(\.detail)[3] == "balance 100.00 → 87.65")
        let alarms = try db.run(OverviewQueries.overview(asOf: Self.anchor)).alarms
        #expect(alarms.first { $0.kind == .ledgerMismatch }?.sampleID == Self.l(3).string, "100.00 − 12.34 is not 87.65")
        #expect(alarms.first { $0.kind == .walletBalanceMismatch }?.sampleID == Self.bobWallet.string,
                "Bob's wallet holds 87.66, its last row ends at 87.65")
    }

    @Test("Audit trail: order creations and the ledger rows about orders, newest first; deposits and withdrawals left out")
    func auditTrail() throws {
        let db = try Self.database()
        let page = try db.run(AuditQueries.events(.first, limit: 50))
        // O5, O4, O7, O3, O2, O8 created; L6, L3 for O1 and O1 created; L4, L2 for O6 and O6 created. L1, L5, L7 belong to no order.
        #expect(page.rows.map(\.id) == [Self.o(5), Self.o(4), Self.o(7), Self.o(3), Self.o(2), Self.o(8), Self.l(6), Self.l(3),
                                        Self.o(1), Self.l(4), Self.l(2), Self.o(6)])
        #expect(page.rows.map(\.paymentID) == [5, 4, 7, 3, 2, 8, 1, 1, 1, 6, 6, 6].map(Self.o))
        #expect(page.rows.map(\.eventType) == ["order.created", "order.created", "order.created", "order.created",
                                               "order.created", "order.created", "EARNING", "PAYMENT", "order.created",
                                               "EARNING", "PAYMENT", "order.created"])
        #expect(page.rows.map(\.createdAt) == [300, 600, 900, 1_200, 1_800, 2_400, 3_598, 3_599, 3_600, 89_998, 89_999, 90_000]
            .map { Self.at($0) })
        // Addresses from the orders' metadata: '::ffff:198.51.100.7' reads as 198.51.100.7; '999.1.1.1' as none.
        #expect(page.rows.map(\.ipAddress?.text) == [Self.suspect, Self.suspect, Self.suspect, Self.suspect, nil, nil, nil, nil,
                                                     "203.0.113.5", nil, nil, nil])
        #expect(page.rows.map(\.change) == [nil, nil, nil, nil, nil, nil, "balance 50.00 → 62.34", "balance 100.00 → 87.66",
                                            nil, "balance 0.00 → 100.00", "balance 200.00 → 100.00", nil])
        #expect(!page.hasOlder)
        // Filters: by type, by payment, by network.
        #expect(try db.run(AuditQueries.events(.first, filter: EventFilter(eventType: "PAYMENT"))).rows.map(\.id) == [Self.l(3), Self.l(2)])
        #expect(try db.run(AuditQueries.events(.first, filter: EventFilter(paymentID: Self.o(1)))).rows.map(\.id)
            == [Self.l(6), Self.l(3), Self.o(1)])
        #expect(try db.run(AuditQueries.events(.first, filter: EventFilter(network: InetAddress("198.51.100.0/24")!))).rows.map(\.id)
            == [5, 4, 7, 3].map(Self.o))
        // Keyset pages of five: 5 + 5 + 2, the same twelve rows.
        let first = try db.run(AuditQueries.events(.first, limit: 5))
        let second = try db.run(AuditQueries.events(.after(first.rows.last!.cursor), limit: 5))
        let third = try db.run(AuditQueries.events(.after(second.rows.last!.cursor), limit: 5))
        #expect(first.hasOlder && second.hasOlder && !third.hasOlder)
        #expect((first.rows + second.rows + third.rows).map(\.id) == page.rows.map(\.id))

        // L4 loses its reference to O6 (a ledger row about no order): the stream loses exactly that row.
        try db.query("UPDATE wallet_transactions SET reference_type = NULL, reference_id = NULL WHERE id = $1", [Self.l(4).string])
        let moved = try db.run(AuditQueries.events(.first, limit: 50)).rows.map(\.id)
        #expect(moved == page.rows.map(\.id).filter { $0 != Self.l(4) })
    }

    @Test("Suspicious IPs: failed or cancelled orders whose metadata carries ipAddress; pending, completed and unreadable ones do not count")
    func suspiciousIPs() throws {
        let db = try Self.database()
        // In the hour before T: O3 FAILED (Mallory, T−20 min), O4 CANCELLED (Mallory, T−10), O7 FAILED (Bob, T−15, written
        // '::ffff:198.51.100.7'): 3 attempts by 2 users. O8 FAILED from '999.1.1.1' is no address; O5 is PENDING, O1 COMPLETED.
        let list = try db.run(SuspiciousIPQueries.list(windowSeconds: 3_600, threshold: 2, asOf: Self.anchor))
        #expect(list.map(\.address.text) == [Self.suspect])
        let ip = try #require(list.first)
        #expect(ip.failedAttempts == 3)
        #expect(ip.distinctUsers == 2, "Mallory (O3, O4) and Bob (O7)")
        #expect(ip.distinctCards == 0, "the platform stores no card fingerprints")
        #expect(ip.meanFraudScore == nil, "no fraud checks")
        #expect(ip.lastSeen == Self.at(600), "O4")
        #expect(!ip.blocked)
        #expect(try db.run(SuspiciousIPQueries.list(windowSeconds: 3_600, threshold: 3, asOf: Self.anchor)).isEmpty, "3 is not > 3")
        // A 15-minute window (T−900 s, T]: O4 at T−600 is in; O7 at exactly T−900 is not (the start is exclusive).
        let narrow = try db.run(SuspiciousIPQueries.list(windowSeconds: 900, threshold: 0, asOf: Self.anchor))
        #expect(narrow.map(\.failedAttempts) == [1])
        // The drill-down: every order with an event from the address, whatever its status, newest first.
        #expect(try db.run(SuspiciousIPQueries.payments(from: InetAddress(Self.suspect)!)).map(\.id) == [5, 4, 7, 3].map(Self.o))

        // O5 (Bob, T−5 min) fails: 4 attempts, still 2 users, last seen T−5 min.
        try db.query("UPDATE orders SET status = 'FAILED' WHERE id = $1", [Self.o(5).string])
        let moved = try db.run(SuspiciousIPQueries.list(windowSeconds: 3_600, threshold: 3, asOf: Self.anchor))
        #expect(moved.map(\.failedAttempts) == [4])
        #expect(moved.map(\.distinctUsers) == [2])
        #expect(moved.map(\.lastSeen) == [Self.at(300)])
    }

    @Test("Venues: merchants by name with their wallets in cents; a locked wallet's balance is reserved; last payout from withdrawals")
    func venues() throws {
        let db = try Self.database()
        let rows = try db.run(VenueQueries.balances()).rows
        #expect(rows.map(\.name) == ["Ada Lovelace", "shop2@example.com"], "merchants only; a nameless one by its e-mail")
        #expect(rows.map(\.id) == [Self.ada, Self.shop2])
        // Ada: 62.34 → 6234 available, nothing reserved; shop2: 250.00 → 25000, all reserved (locked), so 0 payable.
        #expect(rows.map(\.available.minorUnits) == [6_234, 25_000])
        #expect(rows.map(\.pending.minorUnits) == [0, 0])
        #expect(rows.map(\.reserved.minorUnits) == [0, 25_000])
        #expect(rows.map(\.payable.minorUnits) == [6_234, 0])
        #expect(rows.map(\.lastPayoutAt) == [Self.at(7_200), nil], "L5, Ada's WITHDRAWAL two hours before T")
        #expect(rows.map(\.tier) == [nil, nil])
        #expect(rows.map(\.openRequests) == [0, 0])
        #expect(try db.run(SessionQueries.paneNotes())["Venues"]?.contains("locked wallet") == true)

        // The platform unlocks shop2's wallet: reserved 25000 → 0, payable 0 → 25000.
        try db.query("UPDATE wallets SET is_locked = false WHERE id = $1", [Self.shop2Wallet.string])
        let moved = try db.run(VenueQueries.balances()).rows
        #expect(moved.map(\.reserved.minorUnits) == [0, 0])
        #expect(moved.map(\.payable.minorUnits) == [6_234, 25_000])
        // A name and tier given in payops.venue_names name the nameless merchant (the platform's own names come first).
        try db.query("INSERT INTO payops.venue_names (venue_id, name, tier) VALUES ($1, 'Poster Shop', 'pro'), ($2, 'Ignored', 'starter')",
                     [Self.shop2, Self.ada])
        let named = try db.run(VenueQueries.balances()).rows
        #expect(named.map(\.name) == ["Ada Lovelace", "Poster Shop"])
        #expect(named.map(\.tier) == ["starter", "pro"])
    }
}
