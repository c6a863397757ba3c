import PaymentData
import Testing
import TestSupport

/// The wallets profile (seed 003): its ledger's integrity is watched by the Overview.
@Suite("wallets profile")
struct WalletsProfileTests {
    @Test("a ledger row that does not add up and a wallet that is not its last ledger row raise their alarms")
    func ledgerAlarms() throws {
        let db = try PGConnection(try TestCluster.shared.freshDatabase(fixture: "wallets", seeded: false))
        let local = "now() AT TIME ZONE '\(TestCluster.ticketTokenZone)'"
        try db.execute("""
            INSERT INTO users (id, email, password, role, updated_at) VALUES
                ('11111111-1111-4111-8111-111111111111', 'm@example.com', 'x', 'MERCHANT', \(local)),
                ('44444444-4444-4444-8444-444444444444', 'u@example.com', 'x', 'USER', \(local));
            INSERT INTO wallets (id, balance, currency, user_id, updated_at) VALUES
                ('22222222-2222-4222-8222-222222222222', 150.00, 'USD', '11111111-1111-4111-8111-111111111111', \(local)),
                ('33333333-3333-4333-8333-333333333333', 999.00, 'USD', '44444444-4444-4444-8444-444444444444', \(local));
            INSERT INTO wallet_transactions (id, type, status, amount, balance_before, balance_after, wallet_id,
                                             created_at, updated_at) VALUES
                ('a1', 'DEPOSIT', 'COMPLETED', 100.00, 0.00, 100.00, '22222222-2222-4222-8222-222222222222',
                 \(local) - interval '2 minutes', \(local)),
                ('a2', 'DEPOSIT', 'COMPLETED', 50.00, 100.00, 150.00, '22222222-2222-4222-8222-222222222222',
                 \(local) - interval '1 minute', \(local)),
                ('b1', 'PAYMENT', 'COMPLETED', 10.00, 500.00, 495.00, '33333333-3333-4333-8333-333333333333',
                 \(local) - interval '1 minute', \(local));
            """)
        let overview = try db.run(OverviewQueries.overview())
        let ledger = try #require(overview.alarms.first { $0.kind == .ledgerMismatch })
        #expect(ledger.count == 1 && ledger.sampleID == "b1", "500 − 10 is not 495")
        let wallet = try #require(overview.alarms.first { $0.kind == .walletBalanceMismatch })
        #expect(wallet.count == 1 && wallet.sampleID == "33333333-3333-4333-8333-333333333333",
                "999.00 is not the last row's 495.00; the first wallet is consistent")
        // Mended, they go.
        try db.execute("""
            UPDATE wallet_transactions SET balance_after = 490.00 WHERE id = 'b1';
            UPDATE wallets SET balance = 490.00 WHERE id = '33333333-3333-4333-8333-333333333333';
            """)
        let mended = try db.run(OverviewQueries.overview())
        #expect(!mended.alarms.contains { $0.kind == .ledgerMismatch || $0.kind == .walletBalanceMismatch })
    }
}

extension WalletsProfileTests {
    @Test("16 concurrent refunds of one wallet-paid order: a quarter plus a cent each, exactly three succeed, the ledger adds up")
    func concurrentLedgerRefunds() throws {
        _ = Operators.setupFailure
        let conninfo = try TestCluster.shared.freshDatabase(fixture: "wallets", seeded: true)
        let db = try PGConnection(conninfo)
        // A completed wallet-paid order whose merchant can cover it, never refunded.
        let row = try db.query("""
            SELECT o.id, (o.amount * 100)::bigint FROM orders o
            JOIN wallets w ON w.user_id = o.merchant_id
            WHERE o.payment_method = 'WALLET' AND o.status = 'COMPLETED' AND NOT w.is_locked AND w.balance >= o.amount
              AND NOT EXISTS (SELECT 1 FROM payops_read.refunds r WHERE r.transaction_id = o.id::uuid)
            ORDER BY o.amount DESC LIMIT 1
            """)
        try #require(row.count == 1, "the demo has a refundable wallet order")
        let order = PGUUID(try row[0].decode(0, as: String.self))!
        let amount: Int64 = try row[0].decode(1)
        let quarter = amount / 4 + 1
        let conns = try (0..<16).map { i in
            try PGConnection(conninfo.replacingUser(i % 2 == 0 ? Operators.support : Operators.support2))
        }
        let before: Int = try db.query("SELECT count(*) FROM payops_read.findings")[0].decode(0)
        for (i, conn) in conns.enumerated() {
            try conn.send("SELECT payops.refund($1, $2, $3, $4, $5)", [order, quarter, "duplicate", PGNull(), "w-race-\(i)"])
        }
        let outcomes = conns.map { conn in
            do { _ = try conn.awaitResult(milliseconds: 20_000); return "ok" } catch let error as PGError { return error.sqlState } catch { return "\(error)" }
        }
        #expect(outcomes.filter { $0 == "ok" }.count == 3, "\(outcomes)")
        #expect(outcomes.filter { $0 == "PX012" }.count == 13, "\(outcomes)")
        // Every ledger row still adds up and every wallet is its last ledger row: no new finding.
        let after: Int = try db.query("SELECT count(*) FROM payops_read.findings")[0].decode(0)
        #expect(after == before, "the concurrent refunds broke the ledger chain")
        let refunded: Int64 = try db.query("""
            SELECT coalesce(sum(amount), 0) FROM payops_read.refunds WHERE transaction_id = $1
            """, [order])[0].decode(0)
        #expect(refunded == 3 * quarter)
        #expect(refunded <= amount)
    }
}
