import ArgumentParser
import PaymentData

/// `payops db detect`: which profile fits the database, and what each pane and action will have.
struct Detect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Name the profile that fits a database and list, per pane and action, what is available.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let db = try connection.connectOrExit()
        let detection = try Detector().detect(db)
        for fit in detection.fits {
            let verdict = fit.fits ? "fits" : "does not fit: "
                + (fit.missing.isEmpty ? "" : "missing " + fit.missing.joined(separator: ", "))
                + (fit.unexpected.isEmpty ? "" : (fit.missing.isEmpty ? "" : "; ") + "has " + fit.unexpected.joined(separator: ", "))
            print("profile \(fit.profile): \(verdict)")
        }
        guard let profile = detection.profile else {
            print("no profile fits this database: payops cannot be installed here yet")
            throw ExitCode(3)
        }
        print("")
        print("profile: \(profile.name) — \(profile.summary)")
        if let names = detection.fits.first(where: { $0.profile == profile.name })?.recognisedNames {
            print("names: \(names); payops reads and writes them through views in schema payops_src")
        }
        print("installed: " + (detection.installedProfile.map { "yes, profile \($0)" } ?? "no (run `payops db install --profile \(profile.name)`)"))
        if detection.rowLevelSecurity {
            print("tenants: row-level security on payment_transactions: choose one with --tenant ID (or all)")
        }
        print("")
        for area in profile.availability {
            print("\(area.name.padding(16)) \(area.state.rawValue.padding(11)) \(area.note)")
        }
        printMissing(detection.missingIndexes)
    }
}

/// `payops db install`: puts payops beside a platform's tables, in its own schemas.
struct Install: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Install payops beside a platform's tables (its own schemas only; safe to run twice).",
        discussion: """
            Creates schemas payops, payops_read and payops_write, the group roles where missing, and the read model \
            over the platform's tables; never creates, alters or writes a platform table. --plan prints the SQL and \
            changes nothing. --create-indexes then builds the indexes the panes need that the platform lacks, with \
            CREATE INDEX CONCURRENTLY (outside a transaction; run it again to resume after an interruption).
            """)

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The profile (default: the one `payops db detect` finds). One of: \(Profile.all.map(\.name).joined(separator: ", ")).")
    var profile: String?

    @Option(help: "The time zone the platform writes its zone-less timestamps in (default UTC).")
    var timezone: String = "UTC"

    @Flag(help: "Print the SQL install would run and change nothing.")
    var plan = false

    @Flag(help: "Also build the missing pane indexes (CREATE INDEX CONCURRENTLY).")
    var createIndexes = false

    func run() throws {
        let db = try connection.connectOrExit()
        let chosen = try resolveProfile(profile, db)
        var missing: [RecommendedIndex] = []
        try installStep("install failed, nothing was changed") {
            let report = try Installer(profile: chosen, timeZone: timezone).install(db, plan: plan)
            missing = report.missingIndexes
            if plan {
                print("-- payops db install --profile \(chosen.name) --timezone \(timezone): the SQL it would run "
                      + "(nothing was changed)")
                for statement in report.statements { print(statement.hasSuffix(";") ? statement : statement + ";") }
                return
            }
            for outcome in report.outcomes where outcome.state == .applied { print(outcome.line) }
            let applied = report.outcomes.filter { $0.state == .applied }.count
            print("payops is installed (profile \(chosen.name)); " + (applied == 0 ? "nothing changed" : "\(applied) parts applied"))
        }
        guard createIndexes, !plan else { return printMissing(missing) }
        try installStep("building an index failed; the indexes built so far stay: run the same command again to resume") {
            let start = monotonicMilliseconds()
            let built = try IndexBuilder(profile: chosen).build(db) { outcome in
                print("  built \(outcome.index.name) (\(outcome.index.pane)) in \(seconds(outcome.milliseconds))"
                      + (outcome.rebuiltInvalid ? ", replacing an invalid leftover" : ""))
            }
            print(built.isEmpty ? "no index was missing" : "built \(built.count) indexes in \(seconds(monotonicMilliseconds() - start))")
        }
    }
}

/// `payops db uninstall`: removes everything payops added, and nothing else.
struct Uninstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove everything payops added to a database (its schemas and payops_… indexes) and nothing else.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let db = try connection.connectOrExit()
        try installStep("uninstall failed, nothing was changed") {
            let report = try Uninstaller().uninstall(db)
            for name in report.droppedIndexes { print("dropped index \(name)") }
            print("dropped schemas payops, payops_read, payops_write")
            if !report.droppedRoles.isEmpty { print("dropped roles \(report.droppedRoles.joined(separator: ", "))") }
            for kept in report.keptRoles { print("kept role \(kept.role): something still depends on it, such as another database's payops (\(kept.reason))") }
        }
    }
}

/// The profile asked for, or the one that fits; exits 2 with a clear message otherwise.
func resolveProfile(_ name: String?, _ db: PGConnection) throws -> Profile {
    if let name {
        guard let profile = Profile.named(name) else {
            printError("payops: unknown profile \(name); known: \(Profile.all.map(\.name).joined(separator: ", "))")
            throw ExitCode(2)
        }
        return profile
    }
    guard let profile = try Detector().detect(db).profile else {
        printError("payops: no profile fits this database; run `payops db detect` to see what is missing")
        throw ExitCode(2)
    }
    return profile
}

/// Runs an install step: a refusal (payops' own words) exits 2, a database error exits 1 with `failure` first.
func installStep(_ failure: String, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as InstallError {
        printError("payops: \(error)")
        throw ExitCode(2)
    } catch let error as MigrationError {
        printError("payops: \(error)")
        throw ExitCode(2)
    } catch let error as PGError {
        printError("payops: \(failure): \(error)")
        throw ExitCode(1)
    }
}

/// Lists the recommended indexes the platform lacks, with the pane that needs each.
func printMissing(_ indexes: [RecommendedIndex]) {
    guard !indexes.isEmpty else { return }
    print("")
    print("indexes the panes need that this database lacks (build them with `payops db install --create-indexes`):")
    for index in indexes { print("  \(index.purpose)\n    \(index.definition);") }
}

extension String {
    /// Pads to `width` characters with spaces (for aligned columns).
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
