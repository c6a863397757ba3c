import ArgumentParser
import PaymentData
#if canImport(Glibc)
import Glibc
#endif

/// `payops` / `payops console`: opens the console on a database.
struct Console: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the console (the default).")

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Reading from a standby") var reads: ReadOptions

    @Flag(help: "Hide every write action for this session, whatever the roles allow.")
    var readonly = false

    @Option(help: "Colour theme: dark, light, high-contrast, monochrome (or a file in $XDG_CONFIG_HOME/payops/themes).")
    var theme: String?

    @Flag(name: .customLong("no-rollups"), help: "Read every aggregate from the raw rows; neither read nor maintain payops' rollups.")
    var noRollups = false

    func run() throws {
        if noRollups { RollupSQL.readsEnabled.store(false, ordering: .relaxed) }
        let db = try connection.connectOrExit()
        var settings = Settings.load()
        if let theme { settings.theme = theme }
        let tenant = try connection.tenantContext(fallback: settings.tenant)
        if connection.tenant == nil { try connection.enterTenant(db, tenant) }
        let plan = reads.plan(settings)
        let standby = try plan.map { plan in (try plan.connectOrExit(tenant: tenant, options: connection), plan) }
        let session = ConsoleSession(connection: db, readonly: readonly, settings: settings, tenant: tenant,
                                     reads: standby.map { (connection: $0.0, plan: $0.1) })
        session.contextName = connection.context
        try session.run()
    }
}

/// `payops demo`: a throwaway PostgreSQL with realistic data, the console on it, everything removed on exit.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the console on a throwaway PostgreSQL filled with demo data (removed on exit).")

    @Option(help: "Number of demo payments.")
    var transactions: Int = 100_000

    @Option(help: "Seed of the demo data.")
    var seed: Int64 = 1

    @Option(help: ArgumentHelp("The platform the demo database is laid out as.",
                               discussion: "One of: " + Profile.fixtureNames.joined(separator: ", ")))
    var profile: String = Profile.canonical.name

    @Option(help: "The zone the demo platform writes its zone-less timestamps in (profiles with TIMESTAMP columns).")
    var timezone: String = "UTC"

    @Flag(help: "Prepare the database, print how to connect, and wait for Ctrl-C instead of opening the console.")
    var serverOnly = false

    @Flag(help: "Also start a streaming standby of the demo server (pg_basebackup -R); the console reads from it.")
    var standby = false

    @Option(help: "Colour theme: dark, light, high-contrast, monochrome.")
    var theme: String?

    @Option(name: .customLong("as"), help: ArgumentHelp(
        "Open the console as one of the demo's operator logins instead of the superuser.",
        discussion: "Logins: " + Demo.operators.map { "\($0.name) (\($0.group))" }.joined(separator: ", ")
            + ". The demo's open payout requests were made by alice.finance, bob.finance and carol.finance, "
            + "so four-eyes can be tried with two of them."))
    var login: String?

    /// Login roles the demo makes, one or more per group; finance names match the seeded payout requesters.
    static let operators: [(name: String, group: String)] = [
        ("sam.support", "support"), ("alice.finance", "finance"), ("bob.finance", "finance"),
        ("carol.finance", "finance"), ("olu.oncall", "oncall"), ("vic.viewer", "viewer"),
    ]

    func validate() throws {
        if Profile.fixture(named: profile) == nil {
            throw ValidationError("--profile \(profile): not a demo profile; one of " + Profile.fixtureNames.joined(separator: ", "))
        }
        if let login, !Demo.operators.contains(where: { $0.name == login }) {
            throw ValidationError("--as \(login): not a demo login; one of "
                                  + Demo.operators.map(\.name).joined(separator: ", "))
        }
    }

    func run() throws {
        print("payops demo: starting a throwaway PostgreSQL…")
        let server: ThrowawayServer
        do { server = try ThrowawayServer() } catch {
            printError("payops: \(error)")
            throw ExitCode(1)
        }
        defer { server.stop() }
        print("  initdb \(server.initMilliseconds) ms, start \(server.startMilliseconds) ms (\(server.directory))")
        let admin = try PGConnection(server.conninfo())
        try admin.execute("CREATE DATABASE payops_demo")
        admin.close()
        let db = try PGConnection(server.conninfo(database: "payops_demo"))
        let (chosen, fixture) = Profile.fixture(named: profile)!
        print("  \(profile) platform, payops installed; generating \(transactions) payments…")
        let report: DemoData.Report
        do {
            report = try ProfileDemo.build(db, profile: chosen, fixture: fixture, transactions: transactions, seed: seed,
                                           timeZone: timezone)
        } catch let error as InstallError {
            printError("payops: \(error)")
            throw ExitCode(2)
        }
        print("  seeded in \(seconds(report.totalMilliseconds))")
        for (name, group) in Demo.operators {
            _ = try db.perform(OperatorActions.createOperator(name, group: group))
        }
        print("  operator logins: " + Demo.operators.map { "\($0.name) (\($0.group))" }.joined(separator: ", "))
        var replica: ThrowawayServer?
        if standby {
            do { replica = try ThrowawayServer(standbyOf: server) } catch {
                printError("payops: \(error)")
                throw ExitCode(1)
            }
            print("  streaming standby started (\(replica!.directory))")
        }
        defer { replica?.stop() }
        if serverOnly {
            print("ready: psql '\(server.conninfo(database: "payops_demo"))'  (Ctrl-C stops and removes it)")
            print("       payops --dsn '\(server.conninfo(database: "payops_demo", user: "bob.finance"))'  (as an operator)")
            if let replica {
                print("       payops --dsn '\(server.conninfo(database: "payops_demo"))' --read-dsn '\(replica.conninfo(database: "payops_demo"))'")
            }
            fflush(nil)     // a redirected stdout is block-buffered: scripts wait for these lines
            var set = sigset_t()
            sigemptyset(&set)
            for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, signal) }
            sigprocmask(SIG_BLOCK, &set, nil)
            var received: Int32 = 0
            sigwait(&set, &received)
            return
        }
        var settings = Settings.load()
        if let theme { settings.theme = theme }
        var console = db
        if let login {
            db.close()
            console = try PGConnection(server.conninfo(database: "payops_demo", user: login))
        }
        let reads = try replica.map { replica in
            (connection: try PGConnection(replica.conninfo(database: "payops_demo", user: login ?? "postgres")),
             plan: ReadPlan(dsn: replica.conninfo(database: "payops_demo"), fallback: settings.readFallback,
                            lagLimitSeconds: settings.readLagLimit ?? ReadPlan.defaultLagLimit))
        }
        try ConsoleSession(connection: console, readonly: false, settings: settings, reads: reads).run()
    }
}
