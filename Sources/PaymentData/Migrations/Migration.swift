/// One schema migration: a version, a name, and static SQL applied in one transaction.
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

    /// Every migration payops ships, in the order they apply.
    public static let all: [Migration] = [platformTables, payopsSchema, paneIndexes, operatorActions, overviewIndex,
                                          outboxReset, requeueExactly,
                                          blankAndOverflowFixes, failedPaymentsIndex]
}

/// What `migrate` did with one migration.
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

    public var description: String {
        switch self {
        case let .checksumMismatch(version, name, applied, shipped):
            return "migration \(version) (\(name)) was applied with checksum \(applied.prefix(12))…, "
                + "but this build ships \(shipped.prefix(12))…: the migration changed after it was applied. "
                + "Refusing to continue; write a new migration instead of editing an applied one."
        case let .unknownApplied(version):
            return "the database has migration \(version), which this build of payops does not know; "
                + "upgrade payops before migrating"
        }
    }
}
