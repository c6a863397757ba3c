import PaymentData
import Testing
import TestSupport

/// One action per profile, end to end: support opens the real console on that platform's demo, refunds part of a
/// payment with the keys a person presses, reads the result on the screen, and the platform's own tables hold what
/// the README says the refund writes there. On stripe-service, where refunds belong to the service's API, the same
/// keys end in the platform's reason and write nothing.
@Suite("end to end: one action on every profile", .serialized)
struct ProfileActionTests {
    static let support = "e2e_profile_support"

    /// nil once the login role exists; otherwise why it could not be made.
    static let setupFailure: String? = {
        do {
            let db = try TestCluster.shared.connect(.migrated)
            defer { db.close() }
            _ = try db.query("SELECT payops.create_operator($1, 'support')", [support])
            return nil
        } catch {
            return "\(error)"
        }
    }()

    /// What each platform's refund writes in its own tables: a count that must grow by one, and one that must not.
    static let written: [String: String] = [
        "tickettoken": "SELECT count(*) FROM payment_refunds WHERE transaction_id = $1 AND amount = 1234",
        "revendiste": """
            SELECT count(*) FROM payment_events WHERE payment_id = $1 AND event_type = 'refund_initiated'
            """,
        "wallets": """
            SELECT count(*) FROM wallet_transactions t JOIN orders o ON o.idempotency_key = t.reference_id
            WHERE o.id = $1::text AND t.type = 'REFUND' AND t.amount = 12.34
            """,
        // Prisma's own names ("WalletTransaction", "balanceBefore"), read here through payops' snake_case views.
        "wallets-prisma": """
            SELECT count(*) FROM payops_src.wallet_transactions t JOIN payops_src.orders o ON o.idempotency_key = t.reference_id
            WHERE o.id = $1::text AND t.type = 'REFUND' AND t.amount = 12.34
            """,
        "advanced-payments": """
            SELECT count(*) FROM refunds r JOIN audit_logs a ON a.entity_id = r.id AND a.action = 'INSERT'
            WHERE r.transaction_id = $1 AND r.amount = 12.34
            """,
    ]

    @Test("support refunds $12.34 in the console; the platform's tables hold it", arguments: [
        "tickettoken", "revendiste", "wallets", "wallets-prisma", "advanced-payments", "stripe-service",
    ])
    func refund(_ fixture: String) throws {
        try #require(Self.setupFailure == nil, "\(Self.setupFailure ?? "")")
        let conninfo = try TestCluster.shared.freshDatabase(fixture: fixture, seeded: true)
        let admin = try PGConnection(conninfo)
        if try admin.isolatesTenants() { try admin.enter(.all) }
        let payment = try Self.refundablePayment(admin, fixture)
        let before = try Self.counts(admin, fixture, payment)

        let dsn = conninfo.replacingUser(Self.support)
        let tenant = try admin.isolatesTenants() ? " --tenant all" : ""
        let tmux = try TmuxSession("sh -c 'XDG_CONFIG_HOME=/nonexistent \(payopsBinary()) --dsn \"\(dsn)\"\(tenant); s=$?; echo payops-exited-$s; exit $s'",
                                   width: 160, height: 50)
        defer { tmux.close() }
        try tmux.waitFor("the console as support", seconds: 30) { $0.contains("\(Self.support)@") && $0.contains("1 Overview") }
        tmux.send(":")
        tmux.send("tx \(payment.string)", literal: true)
        tmux.send("Enter")
        try tmux.waitFor(text: "Timeline (", seconds: 30)
        tmux.send("r")
        let form = try tmux.waitFor("\(fixture): the refund form", seconds: 30) { $0.contains("┌─ Refund") && $0.contains("Amount    ") }
        #expect(form.contains(payment.string), "\(form)")
        tmux.send("C-u")
        tmux.send("12.34", literal: true)
        tmux.send("Enter")

        if fixture == "stripe-service" {
            // The form's preview or the confirm step says why, in the platform's words; nothing is written.
            let refused = try tmux.waitFor("\(fixture): the refusal", seconds: 30) { screen in
                screen.contains("refused (PX060)") || screen.contains("[ Refund $12.34 ]")
            }
            if refused.contains("[ Refund $12.34 ]") {
                tmux.send("Right")
                tmux.send("Enter")
            }
            // "refused (PX060) by the database; the form says why" comes first, while the form reads the figures
            // again; the reason in the platform's words follows once they are back.
            let reason = try tmux.waitFor(text: "refused (PX060): ", seconds: 30)
            #expect(reason.contains("stripe-service refunds through Stripe from its own API"), "\(reason)")
            #expect(!reason.contains("✓ refund"), "\(reason)")
            #expect(try admin.query("SELECT count(*) FROM payops.operator_actions")[0].decode(0, as: Int.self) == 0)
        } else {
            try tmux.waitFor(text: "[ Refund $12.34 ]", seconds: 30)
            tmux.send("Right")
            tmux.send("Enter")
            let done = try tmux.waitFor(text: "✓ refund ", seconds: 30)
            #expect(done.contains(payment.short), "\(done)")
            let after = try Self.counts(admin, fixture, payment)
            #expect(after.written == before.written + 1, "\(fixture): the platform's own refund rows")
            #expect(after.audited == before.audited + 1, "\(fixture): one operator_actions row")
            #expect(after.refunded == before.refunded + 1234, "\(fixture): the read model's refunds")
            // The detail reloads with the refund in its timeline.
            try tmux.waitFor("\(fixture): the refund in the timeline", seconds: 30) { $0.contains("by \(Self.support)") }
        }
        if fixture == "stripe-service" {
            // The refused form stays open: Esc closes it (waited for, so that Esc and q never arrive as one Alt-q).
            tmux.send("Escape")
            try tmux.waitFor("the form closed", seconds: 30) { !$0.contains("┌─ Refund") }
        }
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0", seconds: 30)
    }

    /// A completed USD payment of at least $50 with no refunds yet (on wallets: paid from a wallet whose merchant
    /// can cover it, neither wallet locked).
    static func refundablePayment(_ db: PGConnection, _ fixture: String) throws -> PGUUID {
        let src = fixture == "wallets-prisma" ? "payops_src." : ""
        let wallets = fixture.hasPrefix("wallets") ? """
            AND EXISTS (SELECT 1 FROM \(src)orders o JOIN \(src)wallets m ON m.user_id = o.merchant_id
                        JOIN \(src)wallets b ON b.user_id = o.user_id
                        WHERE o.id = p.id::text AND o.payment_method = 'WALLET' AND NOT m.is_locked AND NOT b.is_locked
                          AND m.balance >= 100 AND m.currency = 'USD' AND b.currency = 'USD')
            """ : ""
        let rows = try db.query("""
            SELECT p.id FROM payops_read.payments p
            WHERE p.status = 'completed' AND p.currency = 'USD' AND p.amount >= 5000
              AND NOT EXISTS (SELECT 1 FROM payops_read.refunds r WHERE r.transaction_id = p.id) \(wallets)
            ORDER BY p.id LIMIT 1
            """)
        try #require(rows.count == 1, "\(fixture): the demo has a refundable payment")
        return try rows[0].decode(0)
    }

    static func counts(_ db: PGConnection, _ fixture: String, _ payment: PGUUID) throws
        -> (written: Int, audited: Int, refunded: Int64) {
        let written = try Self.written[fixture].map { try db.query($0, [payment])[0].decode(0, as: Int.self) } ?? 0
        let audited: Int = try db.query("SELECT count(*) FROM payops.operator_actions WHERE target_id = $1::text", [payment])[0].decode(0)
        let refunded: Int64 = try db.query("""
            SELECT coalesce(sum(amount), 0)::bigint FROM payops_read.refunds WHERE transaction_id = $1 AND status <> 'failed'
            """, [payment])[0].decode(0)
        return (written, audited, refunded)
    }
}
