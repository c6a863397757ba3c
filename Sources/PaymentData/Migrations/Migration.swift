/// One versioned migration of payops' own tables: a version, a name, and static SQL applied in one
/// transaction. Tables only; functions and read models are repeatable definitions (`Definition`).
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String

    /// Makes a migration.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Every migration payops ships, in the order they apply. Renumbered once when payops learned to install
    /// beside a platform (the old 1–9 mixed platform DDL in; see the README on upgrading such a database).
    public static let all: [Migration] = [
        Migration(version: 1, name: "payops tables", sql: SQLFiles.payopsCore),
        Migration(version: 2, name: "rollups", sql: SQLFiles.payopsRollups),
        Migration(version: 3, name: "refund rollups", sql: SQLFiles.payopsRefundRollups),
        Migration(version: 4, name: "open refund cursor", sql: SQLFiles.payopsOpenRefundCursor),
        Migration(version: 5, name: "address hours", sql: SQLFiles.payopsAddressHours),
    ]
}

/// What `migrate` or `install` did with one migration or definition.
public struct MigrationOutcome: Sendable, Equatable {
    public enum State: String, Sendable { case applied, alreadyApplied = "already applied" }
    public let version: Int
    public let name: String
    public let state: State
    public let milliseconds: Int
}

/// Why migrations refused to run.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
    /// An applied migration's SQL no longer matches what was applied.
    case checksumMismatch(version: Int, name: String, applied: String, shipped: String)
    /// The database has a migration this build of payops does not know (it is newer than us).
    case unknownApplied(version: Int)
    /// The database was migrated by payops before it installed beside platforms (migrations 1–9 held platform DDL).
    case oldNumbering

    public var description: String {
        switch self {
        case let .checksumMismatch(version, name, applied, shipped):
            return "migration \(version) (\(name)) was applied with checksum \(applied.prefix(12))…, "
                + "but this build ships \(shipped.prefix(12))…: the migration changed after it was applied. "
                + "Refusing to continue; write a new migration instead of editing an applied one."
        case let .unknownApplied(version):
            return "the database has migration \(version), which this build of payops does not know; "
                + "upgrade payops before migrating"
        case .oldNumbering:
            return "this database was migrated by an older payops (migrations 1–9, platform tables included); "
                + "run `DROP SCHEMA payops CASCADE` in it, then `payops db install --profile canonical` "
                + "(the platform tables and their data stay as they are)"
        }
    }
}
