/// Installs payops beside a platform's tables: its own schemas (payops, payops_read, payops_write), never a
/// platform table or type. One transaction; running it twice changes nothing; `plan` rolls everything back and
/// returns the statements it would run.
public struct Installer {
    public let profile: Profile
    /// The zone the platform's zone-less timestamps are written in.
    public let timeZone: String

    /// What an install did (or, planned, would do).
    public struct Report: Sendable {
        public var outcomes: [MigrationOutcome] = []
        /// Every statement run, in order.
        public var statements: [String] = []
        /// Indexes the panes need that the platform lacks (`--create-indexes` builds them).
        public var missingIndexes: [RecommendedIndex] = []
    }

    /// payops' versioned migrations (tests pass edited ones).
    let migrations: [Migration]

    /// An installer for `profile`; `timeZone` matters only for platforms with zone-less timestamps.
    public init(profile: Profile, timeZone: String = "UTC", migrations: [Migration] = Migration.all) {
        self.profile = profile
        self.timeZone = timeZone
        self.migrations = migrations
    }

    /// Installs (or with `plan`, only reports what installing would run, changing nothing).
    public func install(_ connection: PGConnection, plan: Bool = false) throws -> Report {
        var report = Report()
        try connection.execute("BEGIN")
        do {
            // Another install in progress, or a platform lock held for long, is an error after 30 s, not a wait.
            try connection.execute("SET LOCAL lock_timeout = '30s'")
            try connection.query("SELECT pg_advisory_xact_lock(hashtext('payops.migrate'))")
            try Preflight(profile: profile).check(connection)
            var runner = StatementLog(connection: connection, plan: plan)
            try runner.run(MigrationRunner.bootstrap)
            report.outcomes += try MigrationRunner(migrations).apply(&runner)
            try settings(&runner)
            try runner.run(SQLFiles.roles)
            try runner.run(SQLFiles.readModelHelpers.replacing("{{tz}}", with: literal(timeZone)))
            // A platform that names its tables another way (an ORM's defaults) is read and written through views
            // that give them the profile's names; the definitions below are made again whenever those change.
            let names = try PlatformNames.resolve(profile, connection)
            var definitions = SQLFiles.functions
            definitions.append(Definition(name: "platform names", sql: names.sourceSchemaSQL))
            definitions.append(Definition(name: "write hooks", sql: """
                \(names.fingerprint)DROP SCHEMA IF EXISTS payops_write CASCADE;
                CREATE SCHEMA payops_write;
                REVOKE ALL ON SCHEMA payops_write FROM PUBLIC;
                \(names.rewrite(profile.writeHooks.replacing("{{tz}}", with: literal(timeZone))))
                REVOKE ALL ON ALL FUNCTIONS IN SCHEMA payops_write FROM PUBLIC;
                """))
            definitions.append(Definition(name: "read model", sql: """
                \(names.fingerprint)DROP SCHEMA IF EXISTS payops_read CASCADE;
                CREATE SCHEMA payops_read;
                REVOKE ALL ON SCHEMA payops_read FROM PUBLIC;
                \(names.rewrite(profile.readModel))
                \(SQLFiles.readModelDefaults)
                \(SQLFiles.readModelChangeLine)
                GRANT USAGE ON SCHEMA payops_read TO payops_viewer;
                GRANT SELECT ON ALL TABLES IN SCHEMA payops_read TO payops_viewer;
                GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA payops_read TO payops_viewer;
                """))
            report.outcomes += try apply(definitions, &runner)
            try runAsPlatformOwner(&runner)
            report.missingIndexes = try IndexCheck(profile: profile).missing(connection)
            report.statements = runner.statements
            try connection.execute(plan ? "ROLLBACK" : "COMMIT")
        } catch {
            if connection.isHealthy { try? connection.execute("ROLLBACK") }
            throw error
        }
        return report
    }

    /// Records the profile and zone; refuses another profile or, once indexes depend on it, another zone.
    private func settings(_ runner: inout StatementLog) throws {
        let rows = try runner.connection.query("SELECT key, value FROM payops.settings")
        var current: [String: String] = [:]
        for index in 0..<rows.count { current[try rows[index].decode(0)] = try rows[index].decode(1, as: String.self) }
        if let installed = current["profile"], installed != profile.name {
            throw InstallError.otherProfileInstalled(installed: installed, requested: profile.name)
        }
        let known = try runner.connection.query("SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $1) "
                                                + "OR upper($1) = 'UTC'", [timeZone])
        guard try known[0].decode(0, as: Bool.self) else { throw InstallError.unknownTimeZone(timeZone) }
        if let zone = current["timezone"], zone != timeZone, try !IndexCheck.installedIndexNames(runner.connection).isEmpty {
            throw InstallError.timeZoneChange(installed: zone, requested: timeZone)
        }
        if current["profile"] != profile.name || current["timezone"] != timeZone {
            try runner.run("""
                INSERT INTO payops.settings (key, value) VALUES ('profile', \(literal(profile.name))),
                    ('timezone', \(literal(timeZone))), ('platform_schema', 'public')
                ON CONFLICT (key) DO UPDATE SET value = excluded.value;
                """)
        }
    }

    /// On a platform whose payments table forces row-level security, payops' views and action functions are
    /// owned by the platform tables' owner, so the platform's policies apply through them (a superuser installer
    /// would bypass them): every read and write then happens in the session's tenant. The owner gets what those
    /// objects need in payops' schemas. Run on every install (views are recreated when the read model changes).
    private func runAsPlatformOwner(_ runner: inout StatementLog) throws {
        let row = try runner.connection.query("""
            SELECT c.relowner::regrole::text, c.relforcerowsecurity, c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user)
            FROM pg_class c WHERE c.oid = to_regclass('public.payment_transactions')
            """)
        guard row.count == 1, try row[0].decode(1, as: Bool.self), try row[0].decode(2, as: Bool.self) else { return }
        let owner = identifier(try row[0].decode(0, as: String.self))
        var sql = """
            GRANT USAGE ON SCHEMA payops, payops_read, payops_write TO \(owner);
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA payops TO \(owner);
            GRANT USAGE ON ALL SEQUENCES IN SCHEMA payops TO \(owner);
            GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA payops, payops_write TO \(owner);

            """
        let views = try runner.connection.query("""
            SELECT format('ALTER VIEW %s OWNER TO %s;', c.oid::regclass, $1::text) FROM pg_class c
            WHERE c.relnamespace = 'payops_read'::regnamespace AND c.relkind = 'v' ORDER BY c.relname
            """, [owner])
        let functions = try runner.connection.query("""
            SELECT format('ALTER FUNCTION %s OWNER TO %s;', p.oid::regprocedure, $1::text) FROM pg_proc p
            WHERE p.pronamespace = 'payops'::regnamespace AND p.prosecdef AND p.proname <> 'create_operator'
            ORDER BY p.proname
            """, [owner])
        for index in 0..<views.count { sql += try views[index].decode(0, as: String.self) + "\n" }
        for index in 0..<functions.count { sql += try functions[index].decode(0, as: String.self) + "\n" }
        sql += "INSERT INTO payops.settings (key, value) VALUES ('run_as', \(literal(try row[0].decode(0, as: String.self)))) "
            + "ON CONFLICT (key) DO UPDATE SET value = excluded.value;"
        try runner.run(sql)
    }

    /// Applies each definition whose text changed since it was last applied, and records its checksum.
    private func apply(_ definitions: [Definition], _ runner: inout StatementLog) throws -> [MigrationOutcome] {
        let rows = try runner.connection.query("SELECT name, checksum FROM payops.definitions")
        var applied: [String: String] = [:]
        for index in 0..<rows.count { applied[try rows[index].decode(0)] = try rows[index].decode(1, as: String.self) }
        var outcomes: [MigrationOutcome] = []
        for definition in definitions {
            let checksum = try MigrationRunner.checksum(definition.sql, runner.connection)
            if applied[definition.name] == checksum {
                outcomes.append(.init(version: 0, name: definition.name, state: .alreadyApplied, milliseconds: 0))
                continue
            }
            let start = monotonicMilliseconds()
            try runner.run(definition.sql)
            try runner.run("""
                INSERT INTO payops.definitions (name, checksum) VALUES (\(literal(definition.name)), '\(checksum)')
                ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum, applied_at = now(), applied_by = session_user;
                """)
            outcomes.append(.init(version: 0, name: definition.name, state: .applied,
                                  milliseconds: monotonicMilliseconds() - start))
        }
        return outcomes
    }
}

/// Runs statements and remembers them (for `--plan`, and for the install report).
struct StatementLog {
    let connection: PGConnection
    let plan: Bool
    var statements: [String] = []

    mutating func run(_ sql: String) throws {
        statements.append(sql)
        try connection.execute(sql)
    }
}

/// A quoted SQL identifier.
func identifier(_ name: String) -> String {
    "\"" + name.replacing("\"", with: "\"\"") + "\""
}

/// A SQL string literal (standard_conforming_strings: only quotes are doubled).
func literal(_ text: String) -> String {
    "'" + text.replacing("'", with: "''") + "'"
}
