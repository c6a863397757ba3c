import PaymentData
import Testing
import TestSupport

@Suite("migrations")
struct MigrationTests {
    @Test("an empty database becomes the demo platform with payops beside it; a second run changes nothing")
    func appliesOnce() throws {
        let db = try TestCluster.shared.connect(.empty)
        let first = try MigrationRunner().migrate(db)
        #expect(first.first?.name == "canonical demo platform (fixture)")
        #expect(first.allSatisfy { $0.state == .applied })
        #expect(first.contains { $0.name == "function refund" } && first.contains { $0.name == "read model" })
        let second = try MigrationRunner().migrate(db)
        #expect(second.count == first.count - 1, "no fixture the second time")
        #expect(second.allSatisfy { $0.state == .alreadyApplied })
        let rows = try db.query("SELECT version, length(checksum), applied_by FROM payops.schema_migrations ORDER BY version")
        #expect(rows.count == Migration.all.count)
        #expect(try rows[0].decode(1, as: Int.self) == 64)
        #expect(try rows[0].decode(2, as: String.self) == "postgres")
    }

    @Test("a changed definition is applied again, and only it")
    func reappliesChangedDefinition() throws {
        let db = try TestCluster.shared.connect(.migrated)
        try db.query("UPDATE payops.definitions SET checksum = 'stale' WHERE name = 'function refund'")
        try db.execute("DROP FUNCTION payops.refund(uuid, bigint, text, text, text)")
        let outcomes = try MigrationRunner().migrate(db)
        #expect(outcomes.filter { $0.state == .applied }.map(\.name) == ["function refund"])
        #expect(try db.query("SELECT to_regprocedure('payops.refund(uuid, bigint, text, text, text)') IS NOT NULL")[0]
            .decode(0, as: Bool.self))
    }

    @Test("refuses, changing nothing, when an applied migration's SQL changed")
    func refusesChangedChecksum() throws {
        let db = try TestCluster.shared.connect(.empty)
        try MigrationRunner().migrate(db)
        var edited = Migration.all
        edited[0] = Migration(version: 1, name: edited[0].name, sql: edited[0].sql + "\n-- edited after release")
        edited.append(Migration(version: 99, name: "would be new", sql: "CREATE TABLE should_not_exist (x int)"))
        let error = #expect(throws: MigrationError.self) { try MigrationRunner(edited).migrate(db) }
        guard case let .checksumMismatch(version, _, applied, shipped)? = error else {
            Issue.record("expected a checksum mismatch, got \(String(describing: error))"); return
        }
        #expect(version == 1)
        #expect(applied != shipped)
        #expect(error?.description.contains("changed after it was applied") == true)
        #expect(try db.query("SELECT to_regclass('should_not_exist') IS NULL")[0].decode(0, as: Bool.self))
    }

    @Test("refuses a database migrated by a newer payops, or by the old numbering")
    func refusesUnknownVersion() throws {
        let db = try TestCluster.shared.connect(.empty)
        try MigrationRunner().migrate(db)
        try db.query("INSERT INTO payops.schema_migrations (version, name, checksum) VALUES (500, 'future', 'x')")
        let error = #expect(throws: MigrationError.self) { try MigrationRunner().migrate(db) }
        #expect(error == .unknownApplied(version: 500))
        try db.query("UPDATE payops.schema_migrations SET name = 'platform tables' WHERE version = 1")
        let old = #expect(throws: MigrationError.self) { try MigrationRunner().migrate(db) }
        #expect(old == .oldNumbering)
        #expect(old?.description.contains("DROP SCHEMA payops CASCADE") == true)
    }

    @Test("migrate refuses a database that holds another platform's tables, and says what to run")
    func refusesPlatformDatabase() throws {
        let db = try TestCluster.shared.connect(.empty)
        try db.execute("CREATE TABLE payment_transactions (id uuid PRIMARY KEY, amount decimal)")
        let error = #expect(throws: InstallError.self) { try MigrationRunner().migrate(db) }
        #expect(error == .notEmpty)
        #expect(error?.description.contains("payops db install") == true)
        #expect(try db.query("SELECT to_regnamespace('payops') IS NULL")[0].decode(0, as: Bool.self))
    }

    @Test("payment_events and operator_actions refuse UPDATE, DELETE and TRUNCATE, even for the superuser")
    func auditTablesAreImmutable() throws {
        let db = try TestCluster.shared.connect(.migrated)
        try db.query("""
            INSERT INTO payment_events (payment_id, event_type, ip_address, user_agent)
            VALUES (gen_random_uuid(), 'payment.created', '203.0.113.9', 'curl/8')
            """)
        try db.query("""
            INSERT INTO payops.operator_actions (action, target_type, target_id, idempotency_key)
            VALUES ('refund', 'payment', 'x', 'k1')
            """)
        for statement in ["UPDATE payment_events SET event_type = 'x'", "DELETE FROM payment_events",
                          "TRUNCATE payment_events", "UPDATE payops.operator_actions SET reason = 'x'",
                          "DELETE FROM payops.operator_actions", "TRUNCATE payops.operator_actions"] {
            let error = #expect(throws: PGError.self, "\(statement)") { try db.query(statement) }
            #expect(error?.sqlState == "P0100", "\(statement)")
        }
        #expect(try db.query("SELECT count(*) FROM payment_events")[0].decode(0, as: Int.self) == 1)
        #expect(try db.query("SELECT count(*) FROM payops.operator_actions")[0].decode(0, as: Int.self) == 1)
    }

    @Test("the group roles exist; viewers read the read model, not the platform's tables, and cannot write")
    func rolesExist() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.migrated)
        let db = try PGConnection(conninfo)
        let roles: [String] = try db.query("""
            SELECT rolname FROM pg_roles WHERE rolname LIKE 'payops\\_%' ORDER BY rolname
            """).map { try $0.decode(0) }
        #expect(roles == ["payops_all_tenants", "payops_finance", "payops_oncall", "payops_support", "payops_viewer"])
        try db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'test_viewer') THEN CREATE ROLE test_viewer LOGIN; END IF; END $$; GRANT payops_viewer TO test_viewer")
        let viewer = try PGConnection(conninfo.replacingUser("test_viewer"))
        #expect(try viewer.query("SELECT count(*) FROM payops_read.payments")[0].decode(0, as: Int.self) == 0)
        for statement in ["SELECT count(*) FROM payment_transactions", "INSERT INTO venues (name, tier) VALUES ('x', 'pro')", "DELETE FROM payment_events",
                          "UPDATE venue_balances SET amount = 0", "INSERT INTO payops.ip_blocklist (network, reason) VALUES ('10.0.0.0/8', 'x')"] {
            let error = #expect(throws: PGError.self, "\(statement)") { try viewer.query(statement) }
            #expect(error?.sqlState == "42501", "\(statement)")
        }
    }
}
