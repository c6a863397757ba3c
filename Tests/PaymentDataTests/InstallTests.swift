import PaymentData
import Testing
import TestSupport

/// `payops db install` / `uninstall` beside a platform's own tables, on a real PostgreSQL.
@Suite("install beside a platform")
struct InstallTests {
    /// A fresh database holding only a platform (the fixture of `profile`), no payops.
    static func platform(_ profile: Profile = .canonical, fixture: Int = 0) throws -> String {
        let conninfo = try TestCluster.shared.freshDatabase(.empty)
        try PGConnection(conninfo).execute(profile.fixtures[fixture].sql)
        return conninfo
    }

    /// `pg_dump --schema-only` of everything but payops' own schemas: the platform's schema as its owners see it.
    static func platformSchema(_ conninfo: String) throws -> String {
        let bin = try ThrowawayServer.findBinaries()
        let dump = Subprocess.run(["\(bin)/pg_dump", "--schema-only", "--exclude-schema=payops",
                                   "--exclude-schema=payops_read", "--exclude-schema=payops_write",
                                   "--exclude-schema=payops_src", "-d", conninfo])
        guard dump.succeeded else { throw TestClusterError("pg_dump failed: \(dump.output)") }
        return withoutRestrictKey(dump.output)
    }

    /// pg_dump (15.14+) wraps its output in \restrict KEY … \unrestrict KEY with a random key each run.
    static func withoutRestrictKey(_ dump: String) -> String {
        dump.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("\\restrict ") && !$0.hasPrefix("\\unrestrict ") }.joined(separator: "\n")
    }

    /// A dump's entries in name order. pg_dump orders entries by their dependencies, and payops' views depend on
    /// the platform's tables, so while payops is installed the same entries can come in another order.
    /// (pg_dump also moves its `SET default_tablespace` / `default_table_access_method` lines along with the first
    /// table it writes: they are set aside too.)
    static func entries(_ dump: String) -> [String] {
        let settings = ["SET default_tablespace = '';", "SET default_table_access_method = heap;"]
        return dump.split(separator: "\n--\n-- Name: ", omittingEmptySubsequences: false).map { entry in
            entry.split(separator: "\n", omittingEmptySubsequences: false).filter { !settings.contains(String($0)) }
                .joined(separator: "\n").trimmingCharacters(in: "\n")
        }.sorted()
    }

    /// Every object and privilege in the database, payops' included (for "changes nothing").
    static func wholeSchema(_ conninfo: String) throws -> String {
        let bin = try ThrowawayServer.findBinaries()
        let dump = Subprocess.run(["\(bin)/pg_dump", "--schema-only", "-d", conninfo])
        guard dump.succeeded else { throw TestClusterError("pg_dump failed: \(dump.output)") }
        return withoutRestrictKey(dump.output)
    }

    @Test("the platform's schema is the same after install and a second install, and byte-identical after uninstall")
    func platformUntouched() throws {
        let conninfo = try Self.platform()
        let db = try PGConnection(conninfo)
        let before = try Self.platformSchema(conninfo)
        #expect(before.contains("CREATE TABLE public.payment_transactions"))
        let first = try Installer(profile: .canonical).install(db)
        #expect(first.outcomes.allSatisfy { $0.state == .applied })
        let during = try Self.platformSchema(conninfo)
        #expect(Self.entries(during) == Self.entries(before), "every entry of the platform's schema is the same")
        let installed = try Self.wholeSchema(conninfo)
        #expect(installed.contains("CREATE VIEW payops_read.payments"))
        let second = try Installer(profile: .canonical).install(db)
        #expect(second.outcomes.allSatisfy { $0.state == .alreadyApplied })
        #expect(try Self.wholeSchema(conninfo) == installed, "a second install changes nothing")
        _ = try Uninstaller().uninstall(db)
        #expect(try Self.platformSchema(conninfo) == before)
        #expect(try Self.wholeSchema(conninfo) == before, "nothing of payops is left")
    }

    @Test("--plan lists the SQL and changes nothing")
    func planChangesNothing() throws {
        let conninfo = try Self.platform()
        let db = try PGConnection(conninfo)
        let before = try Self.wholeSchema(conninfo)
        let report = try Installer(profile: .canonical).install(db, plan: true)
        #expect(report.statements.contains { $0.contains("CREATE VIEW payops_read.payments") })
        #expect(report.statements.contains { $0.contains("CREATE OR REPLACE FUNCTION payops.refund") })
        #expect(try Self.wholeSchema(conninfo) == before)
    }

    @Test("a profile that does not fit is refused by name, and nothing is changed")
    func wrongProfileRefused() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.empty)
        let db = try PGConnection(conninfo)
        try db.execute("CREATE TABLE payment_transactions (id uuid PRIMARY KEY, amount decimal)")
        let before = try Self.wholeSchema(conninfo)
        let error = #expect(throws: InstallError.self) { try Installer(profile: .canonical).install(db) }
        guard case let .profileDoesNotFit(profile, missing, _)? = error else {
            Issue.record("expected profileDoesNotFit, got \(String(describing: error))"); return
        }
        #expect(profile == "canonical")
        #expect(missing.contains("venues.tier"))
        #expect(error?.description.contains("payops db detect") == true)
        #expect(try Self.wholeSchema(conninfo) == before)
        #expect(try Detector().detect(db).profile == nil)
    }

    @Test("a login that may not create schemas is refused with what it lacks, and nothing is changed")
    func privilegesRefused() throws {
        let conninfo = try Self.platform()
        let admin = try PGConnection(conninfo)
        try admin.execute("""
            DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'it_plain') THEN
                CREATE ROLE it_plain LOGIN; END IF; END $$;
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO it_plain;
            """)
        let database: String = try admin.query("SELECT current_database()")[0].decode(0)
        try admin.execute("REVOKE CREATE ON DATABASE \(database) FROM PUBLIC")
        let before = try Self.wholeSchema(conninfo)
        let plain = try PGConnection(conninfo.replacingUser("it_plain"))
        let error = #expect(throws: InstallError.self) { try Installer(profile: .canonical).install(plain) }
        #expect(error?.description.contains("may not create schemas in database \(database)") == true)
        #expect(try Self.wholeSchema(conninfo) == before)
    }

    @Test("uninstall keeps a group role another database still uses, and says so")
    func uninstallKeepsSharedRoles() throws {
        let shared = try TestCluster.shared.connect(.migrated)  // another database with payops, granting to the roles
        #expect(try shared.query("SELECT count(*) FROM payops_read.payments")[0].decode(0, as: Int.self) == 0)
        let conninfo = try Self.platform()
        let db = try PGConnection(conninfo)
        _ = try Installer(profile: .canonical).install(db)
        let report = try Uninstaller().uninstall(db)
        #expect(report.keptRoles.map(\.role).contains("payops_viewer"))
        #expect(try db.query("SELECT to_regnamespace('payops') IS NULL")[0].decode(0, as: Bool.self))
        let again = #expect(throws: InstallError.self) { try Uninstaller().uninstall(db) }
        #expect(again == .notInstalled)
    }

    @Test("install is refused on a read-only streaming standby, with a clear message")
    func refusedOnStandby() throws {
        let primary = try TestCluster.shared.server()
        let conninfo = try Self.platform()
        let database: String = try PGConnection(conninfo).query("SELECT current_database()")[0].decode(0)
        let standby = try ThrowawayServer(standbyOf: primary)
        defer { standby.stop() }
        let replica = try PGConnection(standby.conninfo(database: database))
        #expect(try replica.query("SELECT pg_is_in_recovery()")[0].decode(0, as: Bool.self))
        let error = #expect(throws: InstallError.self) { try Installer(profile: .canonical).install(replica) }
        #expect(error == .readOnlyServer)
        #expect(error?.description.contains("install on the primary") == true)
    }
}
