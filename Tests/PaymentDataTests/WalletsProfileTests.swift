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
