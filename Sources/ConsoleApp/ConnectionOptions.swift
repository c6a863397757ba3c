import ArgumentParser
import PaymentData

/// How to reach the database: libpq's conninfo/URI, or libpq's environment when omitted.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "libpq conninfo or URI, e.g. 'host=db.internal dbname=payments' or postgresql://ops@db/payments.",
        discussion: "Keep passwords out of it (argv is visible to other users): use ~/.pgpass or PGPASSFILE."))
    var dsn: String?

    @Option(name: .long, help: ArgumentHelp(
        "Connect through a service of pg_service.conf (as libpq's service=NAME): the console's context.",
        discussion: "Services are read from $PGSERVICEFILE (else ~/.pg_service.conf) and $PGSYSCONFDIR/pg_service.conf; "
            + "`:ctx NAME` switches between them in the console."))
    var context: String?

    @Option(name: .long, help: ArgumentHelp(
        "On a platform that isolates tenants (row-level security): the tenant to work in, a uuid, or `all`.",
        discussion: "`all` needs membership in payops_all_tenants. The console also reads `tenant` from config.toml."))
    var tenant: String?

    /// The tenant asked for (`--tenant`, else `fallback` from config.toml); exits 2 when it is neither a uuid nor `all`.
    func tenantContext(fallback: String? = nil) throws -> TenantContext? {
        guard let text = tenant ?? fallback else { return nil }
        guard let context = TenantContext(text) else {
            printError("payops: \(TenantError.notATenant(text))")
            throw ExitCode(2)
        }
        return context
    }

    /// Connects, or prints what libpq said and what to try, and exits with status 1.
    func connectOrExit() throws -> PGConnection {
        do { return try connect() } catch let failure as ConnectionFailure {
            printError("payops: \(failure)")
            throw ExitCode(1)
        }
    }

    func validate() throws {
        if let context {
            guard PGServiceFile.isServiceName(context) else {
                throw ValidationError("--context \(context): a service name is letters, digits, - _ .")
            }
            guard dsn == nil else { throw ValidationError("--context and --dsn both say where to connect: give one") }
        }
    }

    /// Connects, or throws an error that says what libpq said and what to try.
    func connect() throws -> PGConnection {
        if let dsn, Self.containsPassword(dsn) {
            printError("payops: warning: --dsn contains a password, which other users can see in the process list; "
                       + "prefer ~/.pgpass or PGPASSFILE")
        }
        let connection: PGConnection
        do {
            connection = try PGConnection(context.map(PGServiceFile.conninfo(service:)) ?? dsn ?? "")
        } catch {
            throw ConnectionFailure(reason: error.message, usedEnvironment: dsn == nil && context == nil)
        }
        try enterTenant(connection, try tenantContext())
        return connection
    }

    /// Makes the session work in `tenant`; a refusal (`all` for a login that may not) exits 2 with the reason.
    func enterTenant(_ connection: PGConnection, _ tenant: TenantContext?) throws {
        guard let tenant else { return }
        do { try connection.enter(tenant) } catch let error as TenantError {
            printError("payops: \(error)")
            throw ExitCode(2)
        }
    }

    static func containsPassword(_ dsn: String) -> Bool {
        let lower = dsn.lowercased()
        if lower.contains("password=") { return true }
        // postgresql://user:secret@host
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            let rest = lower.drop(while: { $0 != "/" }).dropFirst(2)
            let authority = rest.prefix(while: { $0 != "/" && $0 != "?" })
            if let at = authority.lastIndex(of: "@"), authority[..<at].contains(":") { return true }
        }
        return false
    }
}

/// A connection that failed, with libpq's reason and a hint.
struct ConnectionFailure: Error, CustomStringConvertible {
    let reason: String
    let usedEnvironment: Bool

    var description: String {
        var text = "cannot connect to PostgreSQL: \(reason)"
        if usedEnvironment {
            text += "\nhint: no --dsn given, so libpq used PGHOST/PGPORT/PGDATABASE/PGUSER (or its defaults). "
                + "Pass --dsn 'host=… dbname=… user=…', or try `payops demo` for a throwaway database."
        } else {
            text += "\nhint: check host, port, database and user in --dsn; passwords belong in ~/.pgpass."
        }
        return text
    }
}
