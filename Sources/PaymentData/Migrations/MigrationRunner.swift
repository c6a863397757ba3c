#if canImport(Glibc)
import Glibc
#endif

/// Applies migrations in order, records each with a SHA-256 checksum, and is safe to run twice
/// (or concurrently: an advisory lock serialises runners).
public struct MigrationRunner {
    public let migrations: [Migration]

    /// Makes a runner for `migrations` (default: everything payops ships).
    public init(_ migrations: [Migration] = Migration.all) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applies what is missing; throws `MigrationError` before changing anything if a checksum differs.
    @discardableResult
    public func migrate(_ connection: PGConnection) throws -> [MigrationOutcome] {
        try connection.transaction { conn in
            try conn.query("SELECT pg_advisory_xact_lock(hashtext('payops.migrate'))")
            try conn.execute(Self.bootstrap)
            let applied = try appliedChecksums(conn)
            let shipped = try checksums(conn)
            let known = Set(migrations.map(\.version))
            if let unknown = applied.keys.sorted().first(where: { !known.contains($0) }) {
                throw MigrationError.unknownApplied(version: unknown)
            }
            for migration in migrations {
                if let old = applied[migration.version], let new = shipped[migration.version], old != new {
                    throw MigrationError.checksumMismatch(
                        version: migration.version, name: migration.name, applied: old, shipped: new)
                }
            }
            var outcomes: [MigrationOutcome] = []
            for migration in migrations {
                if applied[migration.version] != nil {
                    outcomes.append(.init(version: migration.version, name: migration.name, state: .alreadyApplied, milliseconds: 0))
                    continue
                }
                let start = monotonicMilliseconds()
                try conn.execute(migration.sql)
                try conn.query(
                    "INSERT INTO payops.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    [migration.version, migration.name, shipped[migration.version] ?? ""])
                outcomes.append(.init(version: migration.version, name: migration.name, state: .applied,
                                      milliseconds: monotonicMilliseconds() - start))
            }
            return outcomes
        }
    }

    /// Versions applied to the database and their checksums (empty if payops never migrated it).
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

    /// SHA-256 of each migration's SQL, computed by the server (no crypto dependency in the client).
    func checksums(_ connection: PGConnection) throws(PGError) -> [Int: String] {
        var result: [Int: String] = [:]
        for migration in migrations {
            let row = try connection.query("SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex')", [migration.sql])
            result[migration.version] = try row[0].decode(0)
        }
        return result
    }

    static let bootstrap = """
    CREATE SCHEMA IF NOT EXISTS payops;
    CREATE TABLE IF NOT EXISTS payops.schema_migrations (
        version     integer PRIMARY KEY,
        name        text NOT NULL,
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
