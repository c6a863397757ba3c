import ArgumentParser
import PaymentData

/// Where the console's pane reads go when they should not load the primary: a streaming standby.
struct ReadOptions: ParsableArguments {
    @Option(name: .customLong("read-dsn"), help: ArgumentHelp(
        "libpq conninfo or URI of a streaming standby: every pane's read goes there, actions to --dsn.",
        discussion: "Also `read_dsn` in config.toml. A multi-host DSN works too: "
            + "'host=db1,db2 target_session_attrs=prefer-standby'."))
    var readDSN: String?

    @Flag(name: .customLong("read-fallback"), help: ArgumentHelp(
        "While the --read-dsn server is lost, read from the primary instead of waiting for it.",
        discussion: "Also `read_fallback = true` in config.toml."))
    var fallback = false

    @Option(name: .customLong("read-lag-limit"), help: ArgumentHelp(
        "Seconds of standby replay lag above which the header warns (default 10).",
        discussion: "Also `read_lag_limit` in config.toml."))
    var lagLimit: Double?

    func validate() throws {
        if let lagLimit, lagLimit <= 0 { throw ValidationError("--read-lag-limit must be above 0 seconds") }
        if readDSN?.isEmpty == true { throw ValidationError("--read-dsn is empty; leave it out to read from --dsn") }
    }

    /// How reads are routed, from the flags and then config.toml; nil when every read goes to the primary.
    func plan(_ settings: Settings) -> ReadPlan? {
        guard let dsn = readDSN ?? settings.readDSN, !dsn.isEmpty else { return nil }
        return ReadPlan(dsn: dsn, fallback: fallback || settings.readFallback,
                        lagLimitSeconds: lagLimit ?? settings.readLagLimit ?? ReadPlan.defaultLagLimit)
    }
}

/// The read server the console was asked to use, and what to do when it is lost or behind.
struct ReadPlan {
    var dsn: String
    var fallback: Bool
    var lagLimitSeconds: Double
    static let defaultLagLimit = 10.0

    /// Connects to the read server in `tenant`, or prints what libpq said and exits 1 (the console never starts
    /// reading a primary it was told not to load).
    func connectOrExit(tenant: TenantContext?, options: ConnectionOptions) throws -> PGConnection {
        if ConnectionOptions.containsPassword(dsn) {
            printError("payops: warning: --read-dsn contains a password, which other users can see in the process list; "
                       + "prefer ~/.pgpass or PGPASSFILE")
        }
        let connection: PGConnection
        do { connection = try PGConnection(dsn) } catch {
            printError("payops: cannot connect to the read server (--read-dsn): \(error.message)\n"
                       + "hint: check the standby's host, port and database, or leave --read-dsn out to read from the primary.")
            throw ExitCode(1)
        }
        try options.enterTenant(connection, tenant)
        return connection
    }
}
