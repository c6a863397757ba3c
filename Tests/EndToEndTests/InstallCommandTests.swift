import PaymentData
import Testing
import TestSupport

/// `payops db detect`, `install`, `install --create-indexes`, `uninstall` and `migrate` as a DBA runs them, on a
/// database laid out as seed 001 writes it.
@Suite("end to end: installing beside a platform")
struct InstallCommandTests {
    @Test("detect names the profile and the missing indexes; --plan changes nothing; install, indexes, uninstall")
    func installLifecycle() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.empty)
        let db = try PGConnection(conninfo)
        try db.execute(Profile.tickettoken.fixtures[0].sql)
        let indexes = Profile.tickettoken.indexes.count

        let detect = runPayops(["db", "detect", "--dsn", conninfo])
        #expect(detect.status == 0, "\(detect)")
        #expect(detect.stdout.contains("profile tickettoken: fits"))
        #expect(detect.stdout.contains("profile canonical: does not fit: missing venues.tier"))
        #expect(detect.stdout.contains("installed: no (run `payops db install --profile tickettoken`)"))
        #expect(detect.stdout.contains("CREATE INDEX payops_tt_payments_created ON payment_transactions"))
        #expect(detect.stdout.contains("Audit trail      limited"))

        let plan = runPayops(["db", "install", "--dsn", conninfo, "--plan", "--timezone", "America/Chicago"])
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stdout.contains("CREATE VIEW payops_read.payments"))
        #expect(plan.stdout.contains("'America/Chicago'"))
        #expect(try db.query("SELECT to_regnamespace('payops') IS NULL")[0].decode(0, as: Bool.self), "--plan installed nothing")

        let install = runPayops(["db", "install", "--dsn", conninfo, "--timezone", "America/Chicago"])
        #expect(install.status == 0, "\(install)")
        #expect(install.stdout.contains("payops is installed (profile tickettoken)"))
        let again = runPayops(["db", "install", "--dsn", conninfo, "--timezone", "America/Chicago"])
        #expect(again.stdout.contains("nothing changed"), "\(again)")
        let otherZone = runPayops(["db", "install", "--dsn", conninfo, "--timezone", "Europe/Paris", "--create-indexes"])
        #expect(otherZone.status == 0, "no payops index yet: the zone may still change; \(otherZone)")
        #expect(otherZone.stdout.contains("built \(indexes) indexes"), "\(otherZone)")
        let rebuild = runPayops(["db", "install", "--dsn", conninfo, "--timezone", "Europe/Paris", "--create-indexes"])
        #expect(rebuild.stdout.contains("no index was missing"), "\(rebuild)")
        let zone = runPayops(["db", "install", "--dsn", conninfo, "--timezone", "UTC"])
        #expect(zone.status == 2)
        #expect(zone.stderr.contains("installed with time zone Europe/Paris"), "\(zone)")

        let migrate = runPayops(["db", "migrate", "--dsn", conninfo])
        #expect(migrate.status == 2)
        #expect(migrate.stderr.contains("payops db install"), "\(migrate)")

        let uninstall = runPayops(["db", "uninstall", "--dsn", conninfo])
        #expect(uninstall.status == 0, "\(uninstall)")
        #expect(uninstall.stdout.contains("dropped index payops_tt_payments_created"))
        let left: Int = try db.query("""
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname LIKE 'payops%' OR c.relname LIKE 'payops\\_%'
            """)[0].decode(0)
        #expect(left == 0)
    }

    @Test("an interrupted index build leaves an invalid index; the next run drops and rebuilds it")
    func resumesAfterInterruption() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.empty)
        let db = try PGConnection(conninfo)
        try db.execute(Profile.tickettoken.fixtures[0].sql)
        #expect(runPayops(["db", "install", "--dsn", conninfo]).status == 0)
        // What a CREATE INDEX CONCURRENTLY killed halfway leaves: the index, marked invalid.
        let first = try #require(Profile.tickettoken.indexes.first)
        try db.execute("SET search_path = public, pg_catalog; " + first.definition
                       + "; UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'public.\(first.name)'::regclass")
        let run = runPayops(["db", "install", "--dsn", conninfo, "--create-indexes"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("built \(first.name) (\(first.pane)) in"))
        #expect(run.stdout.contains("replacing an invalid leftover"))
        #expect(try db.query("SELECT indisvalid FROM pg_index WHERE indexrelid = $1::regclass", ["public." + first.name])[0]
            .decode(0, as: Bool.self))
    }
}
