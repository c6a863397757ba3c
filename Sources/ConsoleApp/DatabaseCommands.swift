import ArgumentParser
import PaymentData

/// `payops db migrate`: makes an empty database the canonical demo platform with payops installed beside it
/// (or brings such a database up to date); safe to run twice.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make an empty database the demo platform with payops beside it, or bring one up to date.",
        discussion: "For a platform's existing database use `payops db detect` and `payops db install` instead.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let db = try connection.connectOrExit()
        try installStep("migration failed, nothing was changed") {
            for outcome in try MigrationRunner().migrate(db) { print(outcome.line) }
        }
    }
}

/// `payops db seed`: fills a freshly migrated database with deterministic demo data.
struct Seed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill a freshly migrated database with realistic, deterministic demo data.")

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Number of payments to generate (at least 200).")
    var transactions: Int = 100_000

    @Option(help: "Seed: the same seed (and anchor) always gives the same data.")
    var seed: Int64 = 1

    @Option(help: "The 'now' of the data set (ISO 8601, e.g. 2026-11-20T12:00:00Z); default: the server's now.")
    var anchor: String?

    func run() throws {
        var anchorTime: Timestamp?
        if let anchor {
            guard let parsed = Timestamp.parse(anchor) else {
                throw ValidationError("--anchor \(anchor) is not a timestamp like 2026-11-20T12:00:00Z")
            }
            anchorTime = parsed
        }
        let db = try connection.connectOrExit()
        print("seeding \(transactions) payments (seed \(seed))…")
        do {
            let report = try DemoData.seed(db, transactions: transactions, seed: seed, anchor: anchorTime) { step, ms in
                print("  \(step): \(ms) ms")
            }
            let size: String = try db.query("SELECT pg_size_pretty(pg_database_size(current_database()))")[0].decode(0)
            print("seeded \(transactions) payments in \(seconds(report.totalMilliseconds)); database size \(size)")
        } catch let error as DemoDataError {
            printError("payops: \(error)")
            throw ExitCode(2)
        }
    }
}

extension MigrationOutcome {
    /// "1 payops tables: applied (10 ms)", or for a repeatable definition "function refund: already applied".
    var line: String {
        let timing = state == .applied ? " (\(milliseconds) ms)" : ""
        return (version > 0 ? "\(version) " : "") + "\(name): \(state.rawValue)\(timing)"
    }
}
