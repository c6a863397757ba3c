/// Demo databases of any profile: the profile's fixture, payops installed beside it, and realistic data. The
/// canonical demo is generated directly; another profile's data is the canonical data set, generated into a
/// scratch schema (payops_seed) with the same determinism, then converted into the platform's own tables and
/// types by the profile's demo SQL (`<profile>-demo.sql`), and the scratch schema dropped.
public enum ProfileDemo {
    /// Builds a demo database of `profile` (fixture `fixture`) in an empty database.
    @discardableResult
    public static func build(
        _ connection: PGConnection, profile: Profile, fixture: Int = 0, transactions: Int, seed: Int64,
        anchor: Timestamp? = nil, timeZone: String = "UTC", progress: ((String, Int) -> Void)? = nil
    ) throws -> DemoData.Report {
        if profile.name == Profile.canonical.name {
            try MigrationRunner().migrate(connection)
            return try DemoData.seed(connection, transactions: transactions, seed: seed, anchor: anchor, progress: progress)
        }
        guard let convert = profile.demoSQL, fixture < profile.fixtures.count else {
            throw DemoDataError("the \(profile.name) profile has no demo data")
        }
        var start = monotonicMilliseconds()
        try connection.execute(profile.fixtures[fixture].sql)
        _ = try Installer(profile: profile, timeZone: timeZone).install(connection)
        progress?("\(profile.fixtures[fixture].name) schema and payops install", monotonicMilliseconds() - start)
        try connection.execute("""
            DROP SCHEMA IF EXISTS payops_seed CASCADE;
            CREATE SCHEMA payops_seed;
            SET search_path = payops_seed, public;
            """)
        // The canonical platform's tables, in the scratch schema (without its hardening of schema public).
        let scratch = Profile.canonical.fixtures[0].sql.replacing("REVOKE CREATE ON SCHEMA public FROM PUBLIC;", with: "")
        try connection.execute(scratch)
        var report = try DemoData.seed(connection, transactions: transactions, seed: seed, anchor: anchor, progress: progress)
        start = monotonicMilliseconds()
        try connection.query("SELECT set_config('payops.seed_timezone', $1, false)", [timeZone])
        // On a platform named the ORM's way, the conversion writes through payops_src's views (PlatformNames).
        let names = try PlatformNames.resolve(profile, connection)
        try connection.transaction { try $0.execute(names.rewrite(convert)) }
        try connection.execute("""
            RESET search_path;
            DROP SCHEMA payops_seed CASCADE;
            """)
        // The panes' indexes the platform lacks, as `payops db install --create-indexes` builds them.
        _ = try IndexBuilder(profile: profile).build(connection)
        try connection.execute("ANALYZE")
        let elapsed = monotonicMilliseconds() - start
        report.steps.append(("convert to \(profile.name)", elapsed))
        progress?("convert to \(profile.name)", elapsed)
        return report
    }
}
