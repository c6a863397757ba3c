import PaymentData
import Testing
import TestSupport

/// The tickettoken profile on the fixture that follows TicketToken's real migrations: tenant_id on every table,
/// FORCE ROW LEVEL SECURITY, policies on app.current_tenant_id / app.is_system_user.
@Suite("tenants under row-level security")
struct TenantIsolationTests {
    static let tenantA = PGUUID("00000000-0000-4000-8000-00000000000a")!
    static let tenantB = PGUUID("00000000-0000-4000-8000-00000000000b")!

    /// The tenant of each payment id, read by the superuser straight from the platform's table.
    static func tenants(of ids: [PGUUID], _ admin: PGConnection) throws -> Set<PGUUID> {
        guard !ids.isEmpty else { return [] }
        return Set(try admin.query("SELECT DISTINCT tenant_id FROM payment_transactions WHERE id = ANY($1::uuid[])",
                                   ["{" + ids.map(\.string).joined(separator: ",") + "}"]).map { try $0.decode(0, as: PGUUID.self) })
    }

    @Test("a session in tenant A never sees tenant B's rows; without a tenant it sees none; the tenants are listed")
    func isolation() throws {
        _ = Operators.setupFailure
        let conninfo = try TestCluster.shared.freshDatabase(.ticketTokenRLSSeeded)
        let admin = try PGConnection(conninfo)
        #expect(try admin.isolatesTenants())
        let viewer = try PGConnection(conninfo.replacingUser(Operators.viewer))
        #expect(try viewer.run(TransactionQueries.page(.first)).rows.isEmpty, "no tenant chosen: nothing")
        #expect(Set(try viewer.tenants()) == [Self.tenantA, Self.tenantB, PGUUID("00000000-0000-4000-8000-00000000000c")!])
        try viewer.enter(.tenant(Self.tenantA))
        var seen: [PGUUID] = []
        var page = try viewer.run(TransactionQueries.page(.first, limit: 200))
        while true {
            seen += page.rows.map(\.id)
            guard page.hasOlder, let last = page.rows.last else { break }
            page = try viewer.run(TransactionQueries.page(.after(last.cursor), limit: 200))
        }
        let inA: Int = try admin.query("SELECT count(*) FROM payment_transactions WHERE tenant_id = $1", [Self.tenantA])[0].decode(0)
        #expect(seen.count == inA)
        #expect(inA > 0)
        #expect(try Self.tenants(of: seen, admin) == [Self.tenantA])
        let overview = try viewer.run(OverviewQueries.overview(windowSeconds: 30 * 86_400, asOf: TestCluster.anchor))
        let inAWindow: Int = try admin.query("""
            SELECT count(*) FROM payment_transactions WHERE tenant_id = $1
              AND created_at > $2::timestamptz - interval '30 days' AND created_at <= $2::timestamptz
            """, [Self.tenantA, TestCluster.anchor])[0].decode(0)
        #expect(overview.counts.values.reduce(0, +) == inAWindow)
        let venues = try viewer.run(VenueQueries.balances(limit: 500)).rows.map(\.id)
        let venueTenants: Set<PGUUID> = Set(try admin.query("SELECT DISTINCT tenant_id FROM venue_balances WHERE venue_id = ANY($1::uuid[])",
                                                             ["{" + venues.map(\.string).joined(separator: ",") + "}"]).map { try $0.decode(0) })
        #expect(venueTenants == [Self.tenantA])
    }

    @Test("all is refused, with nothing set, to a login outside payops_all_tenants; claiming it by hand shows nothing")
    func allRefused() throws {
        _ = Operators.setupFailure
        let conninfo = try TestCluster.shared.freshDatabase(.ticketTokenRLSSeeded)
        let viewer = try PGConnection(conninfo.replacingUser(Operators.viewer))
        let error = #expect(throws: TenantError.self) { try viewer.enter(.all) }
        #expect(error == .allNotAllowed(user: Operators.viewer))
        #expect(error?.description.contains("payops_all_tenants") == true)
        #expect(try viewer.query("SELECT current_setting('app.is_system_user', true)")[0].decode(0, as: String?.self) ?? "" != "true")
        // The policy trusts app.is_system_user; payops' views do not, for a login it does not allow.
        try viewer.query("SELECT set_config('app.is_system_user', 'true', false)")
        #expect(try viewer.run(TransactionQueries.page(.first)).rows.isEmpty)
        // A login in payops_all_tenants sees every tenant.
        let admin = try PGConnection(conninfo)
        try admin.execute("""
            DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ti_auditor') THEN
                CREATE ROLE ti_auditor LOGIN; END IF; END $$;
            GRANT payops_viewer, payops_all_tenants TO ti_auditor;
            """)
        let auditor = try PGConnection(conninfo.replacingUser("ti_auditor"))
        try auditor.enter(.all)
        let ids = try auditor.run(TransactionQueries.page(.first, limit: 300)).rows.map(\.id)
        #expect(try Self.tenants(of: ids, admin).count == 3)
    }

    @Test("a refund lands in the payment's tenant, through the policy's WITH CHECK; another tenant cannot touch it")
    func refundInTenant() throws {
        _ = Operators.setupFailure
        let conninfo = try TestCluster.shared.freshDatabase(.ticketTokenRLSSeeded)
        let admin = try PGConnection(conninfo)
        let payment: PGUUID = try admin.query("""
            SELECT t.id FROM payment_transactions t WHERE t.tenant_id = $1 AND t.status = 'completed'
              AND NOT EXISTS (SELECT 1 FROM payment_refunds r WHERE r.transaction_id = t.id) ORDER BY t.id LIMIT 1
            """, [Self.tenantA])[0].decode(0)
        let usd = try #require(Currency(try admin.query("SELECT currency FROM payment_transactions WHERE id = $1", [payment])[0]
            .decode(0, as: String.self)))
        let support = try PGConnection(conninfo.replacingUser(Operators.support))
        try support.enter(.tenant(Self.tenantB))
        let refused = #expect(throws: ActionRefusal.self) {
            try support.perform(OperatorActions.refund(payment: payment, amount: Money(minorUnits: 100, currency: usd),
                                                       reason: "duplicate", note: nil, key: try #require(IdempotencyKey("ti-b"))))
        }
        #expect(refused?.code == "PX002", "tenant B does not see tenant A's payment")
        try support.enter(.tenant(Self.tenantA))
        _ = try support.perform(OperatorActions.refund(payment: payment, amount: Money(minorUnits: 100, currency: usd),
                                                       reason: "duplicate", note: nil, key: try #require(IdempotencyKey("ti-a"))))
        let row = try admin.query("SELECT tenant_id, amount::text, status FROM payment_refunds WHERE transaction_id = $1", [payment])
        #expect(row.count == 1)
        #expect(try row[0].decode(0, as: PGUUID.self) == Self.tenantA)
        #expect(try row[0].decode(1, as: String.self) == "100.00")
        #expect(try row[0].decode(2, as: String.self) == "pending")
        // The writer was the platform's owner, subject to FORCE RLS: the WITH CHECK held for tenant A.
        #expect(try admin.query("SELECT value FROM payops.settings WHERE key = 'run_as'")[0].decode(0, as: String.self) == "tickettoken_app")
    }
}
