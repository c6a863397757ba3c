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

extension WalletsProfileTests {
    @Test("Prisma's default names (\"Order\", \"balanceBefore\"): the panes read them, a refund writes them")
    func prismaNames() throws {
        _ = Operators.setupFailure
        let conninfo = try TestCluster.shared.freshDatabase(fixture: "wallets-prisma", seeded: false)
        let db = try PGConnection(conninfo)
        let local = "now() AT TIME ZONE '\(TestCluster.ticketTokenZone)'"
        try db.execute("""
            INSERT INTO "User" ("id", "email", "password", "role", "updatedAt") VALUES
                ('11111111-1111-4111-8111-111111111111', 'm@example.com', 'x', 'MERCHANT', \(local)),
                ('44444444-4444-4444-8444-444444444444', 'u@example.com', 'x', 'USER', \(local));
            INSERT INTO "Wallet" ("id", "balance", "currency", "userId", "updatedAt") VALUES
                ('22222222-2222-4222-8222-222222222222', 12.34, 'USD', '11111111-1111-4111-8111-111111111111', \(local)),
                ('33333333-3333-4333-8333-333333333333', 87.66, 'USD', '44444444-4444-4444-8444-444444444444', \(local));
            INSERT INTO "Product" ("id", "name", "price", "availableUnits", "initialUnits", "updatedAt", "merchantId")
                VALUES ('55555555-5555-4555-8555-555555555555', 'Ticket', 12.34, 9, 10, \(local),
                        '11111111-1111-4111-8111-111111111111');
            INSERT INTO "Order" ("id", "paymentMethod", "status", "amount", "idempotencyKey", "createdAt", "updatedAt",
                                 "completedAt", "userId", "productId", "merchantId") VALUES
                ('66666666-6666-4666-8666-666666666666', 'WALLET', 'COMPLETED', 12.34, 'key-1',
                 \(local) - interval '5 minutes', \(local), \(local), '44444444-4444-4444-8444-444444444444',
                 '55555555-5555-4555-8555-555555555555', '11111111-1111-4111-8111-111111111111');
            INSERT INTO "WalletTransaction" ("id", "type", "status", "amount", "balanceBefore", "balanceAfter",
                                             "referenceType", "referenceId", "walletId", "createdAt", "updatedAt") VALUES
                ('d1d1d1d1-0000-4000-8000-000000000001', 'DEPOSIT', 'COMPLETED', 100.00, 0.00, 100.00, NULL, NULL,
                 '33333333-3333-4333-8333-333333333333', \(local) - interval '10 minutes', \(local)),
                ('d1d1d1d1-0000-4000-8000-000000000002', 'PAYMENT', 'COMPLETED', 12.34, 100.00, 87.66, 'order', 'key-1',
                 '33333333-3333-4333-8333-333333333333', \(local) - interval '5 minutes', \(local)),
                ('d1d1d1d1-0000-4000-8000-000000000003', 'EARNING', 'COMPLETED', 12.34, 0.00, 12.34, 'order', 'key-1',
                 '22222222-2222-4222-8222-222222222222', \(local) - interval '5 minutes', \(local));
            """)
        let detection = try Detector().detect(db)
        #expect(detection.profile?.name == "wallets")
        let fit = try #require(detection.fits.first { $0.profile == "wallets" })
        #expect(fit.recognisedNames?.contains("\"WalletTransaction\" as wallet_transactions") == true)
        let page = try db.run(TransactionQueries.page(.first))
        #expect(page.rows.map(\.amount.minorUnits) == [1234], "12.34 dollars read as 1234 cents through payops_src")
        let order = PGUUID("66666666-6666-4666-8666-666666666666")!
        #expect(try db.run(OverviewQueries.overview()).alarms.filter {
            $0.kind == .ledgerMismatch || $0.kind == .walletBalanceMismatch
        }.isEmpty, "the hand-made ledger adds up")

        // A partial refund as support: two ledger rows in the platform's camelCase columns, both wallets moved.
        let support = try PGConnection(conninfo.replacingUser(Operators.support))
        _ = try support.query("SELECT payops.refund($1, $2, $3, $4, $5)", [order, Int64(234), "duplicate", PGNull(), "prisma-1"])
        let rows = try db.query("""
            SELECT "type"::text, "amount"::text, "balanceBefore"::text, "balanceAfter"::text, "walletId"
            FROM "WalletTransaction" WHERE "type" = 'REFUND' OR ("type" = 'PAYMENT' AND "walletId" = '22222222-2222-4222-8222-222222222222')
            ORDER BY "type"
            """).map { row throws(PGError) in
            [try row.decode(0, as: String.self), try row.decode(1, as: String.self), try row.decode(2, as: String.self),
             try row.decode(3, as: String.self), try row.decode(4, as: String.self)]
        }
        #expect(rows == [["PAYMENT", "2.34", "12.34", "10.00", "22222222-2222-4222-8222-222222222222"],
                         ["REFUND", "2.34", "87.66", "90.00", "33333333-3333-4333-8333-333333333333"]])
        let balances = try db.query(#"SELECT "balance"::text FROM "Wallet" ORDER BY "id""#).map { row throws(PGError) in
            try row.decode(0, as: String.self)
        }
        #expect(balances == ["10.00", "90.00"])
        let refunded: Int64 = try db.query("SELECT coalesce(sum(amount), 0) FROM payops_read.refunds WHERE transaction_id = $1",
                                           [order])[0].decode(0)
        #expect(refunded == 234)
    }
}
