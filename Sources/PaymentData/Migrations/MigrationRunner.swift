#if canImport(Glibc)
import Glibc
#endif

/// payops' versioned migrations (its own tables), and `migrate`: the demo path that turns an empty database
/// into the canonical demo platform with payops installed beside it.
public struct MigrationRunner {
    public let migrations: [Migration]

    /// Makes a runner for `migrations` (default: everything payops ships).
    public init(_ migrations: [Migration] = Migration.all) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// On an empty database: creates the canonical demo platform (a fixture) and installs payops beside it.
    /// On a database where payops is installed with the canonical profile: brings payops up to date. Safe to run
    /// twice (or concurrently: the install takes an advisory lock). Refuses another platform's database.
    @discardableResult
    public func migrate(_ connection: PGConnection) throws -> [MigrationOutcome] {
        let state = try connection.query("""
            SELECT to_regclass('payops.schema_migrations') IS NOT NULL,
                   EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm'))
            """)
        let installed: Bool = try state[0].decode(0)
        let platform: Bool = try state[0].decode(1)
        var outcomes: [MigrationOutcome] = []
        // payops installed here for another platform: that platform's database is not a demo to migrate.
        if installed, try connection.query("SELECT to_regclass('payops.settings') IS NOT NULL")[0].decode(0, as: Bool.self),
           try connection.query("SELECT EXISTS (SELECT 1 FROM payops.settings WHERE key = 'profile' AND value <> 'canonical')")[0]
            .decode(0, as: Bool.self) {
            throw InstallError.notEmpty
        }
        if !installed {
            guard !platform else { throw InstallError.notEmpty }
            let start = monotonicMilliseconds()
            try connection.transaction { conn in
                try conn.query("SELECT pg_advisory_xact_lock(hashtext('payops.migrate'))")
                let again = try conn.query("SELECT to_regclass('public.payment_transactions') IS NULL")
                if try again[0].decode(0, as: Bool.self) { try conn.execute(Profile.canonical.fixtures[0].sql) }
            }
            outcomes.append(.init(version: 0, name: "canonical demo platform (fixture)", state: .applied,
                                  milliseconds: monotonicMilliseconds() - start))
        }
        let report = try Installer(profile: .canonical, migrations: migrations).install(connection)
        return outcomes + report.outcomes
    }

    /// Applies the versioned migrations that are missing; refuses, before changing anything, a changed
    /// checksum, a migration newer than this build, or a database of the old numbering.
    func apply(_ runner: inout StatementLog) throws -> [MigrationOutcome] {
        let conn = runner.connection
        let applied = try appliedChecksums(conn)
        let oldNumbering = try conn.query("SELECT EXISTS (SELECT 1 FROM payops.schema_migrations WHERE name = 'platform tables')")
        if try oldNumbering[0].decode(0, as: Bool.self) { throw MigrationError.oldNumbering }
        var shipped: [Int: String] = [:]
        for migration in migrations { shipped[migration.version] = try Self.checksum(migration.sql, conn) }
        let known = Set(migrations.map(\.version))
        if let unknown = applied.keys.sorted().first(where: { !known.contains($0) }) {
            throw MigrationError.unknownApplied(version: unknown)
        }
        for migration in migrations {
            if let old = applied[migration.version], let new = shipped[migration.version], old != new {
                throw MigrationError.checksumMismatch(version: migration.version, name: migration.name, applied: old, shipped: new)
            }
        }
        var outcomes: [MigrationOutcome] = []
        for migration in migrations {
            if applied[migration.version] != nil {
                outcomes.append(.init(version: migration.version, name: migration.name, state: .alreadyApplied, milliseconds: 0))
                continue
            }
            let start = monotonicMilliseconds()
            try runner.run(migration.sql)
            try runner.run("""
                INSERT INTO payops.schema_migrations (version, name, checksum)
                VALUES (\(migration.version), \(literal(migration.name)), '\(shipped[migration.version] ?? "")');
                """)
            outcomes.append(.init(version: migration.version, name: migration.name, state: .applied,
                                  milliseconds: monotonicMilliseconds() - start))
        }
        return outcomes
    }

    /// Versions applied to the database and their checksums (empty if payops was never installed).
    public func appliedChecksums(_ connection: PGConnection) throws(PGError) -> [Int: String] {
        let exists = try connection.query("SELECT to_regclass('payops.schema_migrations') IS NOT NULL")
        guard try exists[0].decode(0, as: Bool.self) else { return [:] }
        let rows = try connection.query("SELECT version, checksum FROM payops.schema_migrations")
        var result: [Int: String] = [:]
        for index in 0..<rows.count {
            result[try rows[index].decode(0)] = try rows[index].decode(1, as: String.self)
        }
        return result
    }

    /// SHA-256 of a text, computed by the server (no crypto dependency in the client).
    static func checksum(_ sql: String, _ connection: PGConnection) throws(PGError) -> String {
        try connection.query("SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex')", [sql])[0].decode(0)
    }

    /// payops' schema and its two bookkeeping tables, created where missing.
    static let bootstrap = """
        CREATE SCHEMA IF NOT EXISTS payops;
        CREATE TABLE IF NOT EXISTS payops.schema_migrations (
            version     integer PRIMARY KEY,
            name        text NOT NULL,
            checksum    text NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now(),
            applied_by  text NOT NULL DEFAULT session_user
        );
        CREATE TABLE IF NOT EXISTS payops.definitions (
            name        text PRIMARY KEY,
            checksum    text NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now(),
            applied_by  text NOT NULL DEFAULT session_user
        );
        """
}

/// Milliseconds from a monotonic clock, for measuring durations.
public func monotonicMilliseconds() -> Int {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return spec.tv_sec * 1000 + spec.tv_nsec / 1_000_000
}
