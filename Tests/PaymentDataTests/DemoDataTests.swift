import PaymentData
import Testing
import TestSupport

@Suite("demo-data generator")
struct DemoDataTests {
    static let tables = [
        "venues", "payment_transactions", "payment_events", "payment_refunds", "venue_balances", "venue_payouts",
        "fraud_checks", "known_scalpers", "payment_event_sequence", "payment_idempotency", "webhook_inbox", "outbox",
        "outbox_dlq", "nft_mint_queue",
    ]

    /// One md5 per table over every row's text, in a stable order.
    static func fingerprint(_ db: PGConnection) throws -> [String: String] {
        var result: [String: String] = [:]
        for table in tables {
            // Table names come from the fixed list above, never from input.
            let row = try db.query("SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \(table) t")[0]
            result[table] = "\(try row.decode(0, as: Int.self)):\(try row.decode(1, as: String.self))"
        }
        return result
    }

    static func seeded(transactions: Int, seed: Int64) throws -> PGConnection {
        let db = try TestCluster.shared.connect(.migrated)
        try DemoData.seed(db, transactions: transactions, seed: seed, anchor: TestCluster.anchor)
        return db
    }

    @Test("the same seed and anchor give identical rows in every table; another seed gives other rows")
    func deterministic() throws {
        let a = try Self.fingerprint(Self.seeded(transactions: 1500, seed: 7))
        let b = try Self.fingerprint(Self.seeded(transactions: 1500, seed: 7))
        let c = try Self.fingerprint(Self.seeded(transactions: 1500, seed: 8))
        #expect(a == b)
        for table in Self.tables {
            #expect(a[table]?.hasPrefix("0:") == false, "\(table) is empty")
        }
        #expect(a["payment_transactions"] != c["payment_transactions"])
        #expect(a["payment_events"] != c["payment_events"])
        #expect(a["payment_transactions"]?.hasPrefix("1500:") == true)
    }

    @Test("refunds never exceed payments, and statuses agree with refund totals")
    func refundsConsistent() throws {
        let db = try TestCluster.shared.connect(.seeded)
        let over: Int = try db.query("""
            SELECT count(*) FROM payment_transactions t
            WHERE (SELECT coalesce(sum(r.amount), 0) FROM payment_refunds r
                   WHERE r.transaction_id = t.id AND r.status <> 'failed') > t.amount
            """)[0].decode(0)
        #expect(over == 0)
        let mismatched: Int = try db.query("""
            SELECT count(*) FROM payment_transactions t
            CROSS JOIN LATERAL (SELECT coalesce(sum(r.amount), 0) AS refunded FROM payment_refunds r
                                WHERE r.transaction_id = t.id AND r.status <> 'failed') s
            WHERE (t.status = 'refunded' AND s.refunded <> t.amount)
               OR (t.status = 'partially_refunded' AND NOT (s.refunded > 0 AND s.refunded < t.amount))
               OR (t.status NOT IN ('refunded', 'partially_refunded') AND s.refunded <> 0)
            """)[0].decode(0)
        #expect(mismatched == 0)
        let refundedKinds: Int = try db.query(
            "SELECT count(DISTINCT status) FROM payment_transactions WHERE status IN ('refunded', 'partially_refunded')")[0].decode(0)
        #expect(refundedKinds == 2, "both full and partial refunds exist")
    }

    @Test("fees and taxes follow seed 001: tier basis points, half-up, integer cents")
    func feesFollowTiers() throws {
        let db = try TestCluster.shared.connect(.seeded)
        let wrong: Int = try db.query("""
            SELECT count(*) FROM payment_transactions t JOIN venues v ON v.id = t.venue_id
            WHERE t.platform_fee <> (t.amount * CASE v.tier WHEN 'starter' THEN 820 WHEN 'pro' THEN 790 ELSE 750 END + 5000) / 10000
               OR t.venue_payout <> t.amount - t.platform_fee
               OR t.tax_amount <> (t.amount * 700 + 5000) / 10000 + (t.amount * 225 + 5000) / 10000
               OR t.currency <> v.currency
            """)[0].decode(0)
        #expect(wrong == 0)
        let tiers: [String] = try db.query("SELECT DISTINCT tier FROM venues ORDER BY 1").map { try $0.decode(0) }
        #expect(tiers == ["enterprise", "pro", "starter"])
        // Every rate is also what Money computes.
        let sample = try db.query("SELECT amount FROM payment_transactions ORDER BY id LIMIT 50").map { try $0.decode(0, as: Int64.self) }
        for amount in sample {
            #expect(try Money.percentOf(amount, basisPoints: 790) == (amount * 790 + 5000) / 10000)
        }
    }

    @Test("events, attackers, stuck outbox rows, dead letters and hostile user agents are all there")
    func shape() throws {
        let db = try TestCluster.shared.connect(.seeded)
        let perPayment = try db.query("""
            SELECT min(c), max(c) FROM (SELECT count(*) AS c FROM payment_events GROUP BY payment_id) s
            """)[0]
        #expect(try perPayment.decode(0, as: Int.self) >= 3)
        #expect(try perPayment.decode(1, as: Int.self) <= 6 + 20, "3–6 per payment (attack bursts may add more)")
        let suspicious = try db.run(SuspiciousIPQueries.list(windowSeconds: 3600, threshold: 10, asOf: TestCluster.anchor))
        #expect(suspicious.count >= 4, "seed 000's query finds the attackers in the last hour")
        let depth = try db.run(QueueQueries.depth(asOf: TestCluster.anchor))
        #expect(depth.total(.outboxStuck) >= 5)
        #expect(depth.total(.deadLetters) >= 10)
        #expect(depth.groups(.deadLetters).count >= 3, "dead letters fall into recurring error groups")
        #expect(depth.total(.webhooks) > 0)
        let hostile: Int = try db.query("SELECT count(*) FROM payment_events WHERE user_agent ~ E'\\x1b'")[0].decode(0)
        #expect(hostile > 0)
        let long: Int = try db.query("SELECT count(*) FROM payment_events WHERE length(user_agent) >= 2000")[0].decode(0)
        #expect(long > 0)
        let wide: Int = try db.query("SELECT count(*) FROM payment_events WHERE user_agent ~ '[一-龥]'")[0].decode(0)
        #expect(wide > 0)
        let balances: Int = try db.query("""
            SELECT count(*) FROM venues v WHERE (SELECT count(*) FROM venue_balances b WHERE b.venue_id = v.id) <> 3
            """)[0].decode(0)
        #expect(balances == 0, "three balance rows per venue")
        let negative: Int = try db.query("SELECT count(*) FROM venue_balances WHERE amount < 0")[0].decode(0)
        #expect(negative == 0)
        let openPayouts = try db.run(VenueQueries.openPayoutRequests())
        #expect(!openPayouts.isEmpty)
        let selfApproved: Int = try db.query("SELECT count(*) FROM venue_payouts WHERE decided_by = requested_by")[0].decode(0)
        #expect(selfApproved == 0)
        let overview = try db.run(OverviewQueries.overview(asOf: TestCluster.anchor))
        #expect(overview.total > 0 && overview.alarms.filter { $0.kind != .stuckOutbox }.isEmpty,
                "the data set breaks no invariant: \(overview.alarms)")
    }

    @Test("venue balances match the transactions by the documented formula")
    func balancesMatchTransactions() throws {
        let db = try TestCluster.shared.connect(.seeded)
        // The formula the generator documents: settled = successful payments older than 7 days;
        // available = settled venue payouts − their non-failed refunds − approved/paid payouts (amount + fee);
        // pending = venue payouts of completed payments of the last 7 days; reserved = 5 % of available, half-up.
        let wrong = try db.query("""
            WITH a AS (SELECT $1::timestamptz AS anchor),
            settled AS (SELECT t.venue_id, sum(t.venue_payout) s FROM payment_transactions t, a
                        WHERE t.status IN ('completed','partially_refunded','refunded') AND t.created_at < a.anchor - interval '168 hours'
                        GROUP BY 1),
            refunded AS (SELECT t.venue_id, sum(r.amount) s FROM payment_refunds r JOIN payment_transactions t ON t.id = r.transaction_id, a
                         WHERE r.status <> 'failed' AND t.status IN ('completed','partially_refunded','refunded')
                           AND t.created_at < a.anchor - interval '168 hours' GROUP BY 1),
            paid AS (SELECT venue_id, sum(amount + fee) s, max(decided_at) last_at FROM venue_payouts
                     WHERE status IN ('approved','paid') GROUP BY 1),
            pend AS (SELECT t.venue_id, sum(t.venue_payout) s FROM payment_transactions t, a
                     WHERE t.status = 'completed' AND t.created_at >= a.anchor - interval '168 hours' GROUP BY 1),
            e AS (SELECT v.id, v.currency, greatest(0, coalesce(s.s,0) - coalesce(r.s,0) - coalesce(p.s,0))::bigint available,
                         coalesce(pe.s,0)::bigint pending, p.last_at
                  FROM venues v LEFT JOIN settled s ON s.venue_id=v.id LEFT JOIN refunded r ON r.venue_id=v.id
                  LEFT JOIN paid p ON p.venue_id=v.id LEFT JOIN pend pe ON pe.venue_id=v.id)
            SELECT count(*) FROM e LEFT JOIN venue_balances b ON b.venue_id = e.id
            WHERE b.venue_id IS NULL OR b.currency <> e.currency OR b.last_payout_at IS DISTINCT FROM e.last_at
               OR b.amount <> CASE b.balance_type WHEN 'available' THEN e.available WHEN 'pending' THEN e.pending
                                                  ELSE (e.available * 500 + 5000) / 10000 END
            """, [TestCluster.anchor])[0].decode(0, as: Int.self)
        #expect(wrong == 0)
        let open = try db.query("""
            SELECT count(*) FROM venue_payouts p JOIN venue_balances a ON a.venue_id = p.venue_id AND a.balance_type = 'available'
            JOIN venue_balances r ON r.venue_id = p.venue_id AND r.balance_type = 'reserved'
            WHERE p.status = 'requested' AND p.amount + p.fee > a.amount - r.amount
            """)[0].decode(0, as: Int.self)
        #expect(open == 0, "no open payout request exceeds what is payable")
    }

    @Test("refuses to seed twice or with too few payments")
    func refusesMisuse() throws {
        let db = try TestCluster.shared.connect(.seeded)
        #expect(throws: DemoDataError.self) { try DemoData.seed(db, transactions: 1000, seed: 1) }
        let empty = try TestCluster.shared.connect(.migrated)
        #expect(throws: DemoDataError.self) { try DemoData.seed(empty, transactions: 10, seed: 1) }
    }
}
