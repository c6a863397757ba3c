/// `payops db uninstall`: removes everything payops added to a database (its schemas and its payops_… indexes
/// on the platform's tables) and nothing else, then the cluster-wide group roles where no other database uses
/// them. The platform's schema is then exactly as before the install.
public struct Uninstaller {
    /// What was removed and what was kept.
    public struct Report: Sendable {
        public var droppedIndexes: [String] = []
        public var droppedRoles: [String] = []
        /// Roles kept, with the reason (another database of the cluster still uses them).
        public var keptRoles: [(role: String, reason: String)] = []
    }

    public init() {}

    public func uninstall(_ connection: PGConnection) throws -> Report {
        var report = Report()
        try connection.transaction { conn in
            try conn.query("SELECT pg_advisory_xact_lock(hashtext('payops.migrate'))")
            let state = try conn.query("SELECT pg_is_in_recovery() OR current_setting('transaction_read_only')::bool, "
                                       + "to_regnamespace('payops') IS NOT NULL")
            if try state[0].decode(0, as: Bool.self) { throw InstallError.readOnlyServer }
            guard try state[0].decode(1, as: Bool.self) else { throw InstallError.notInstalled }
            for name in try IndexCheck.installedIndexNames(conn) {
                try conn.execute("DROP INDEX public.\(identifier(name))")
                report.droppedIndexes.append(name)
            }
            try conn.execute("""
                DROP SCHEMA IF EXISTS payops_read CASCADE;
                DROP SCHEMA IF EXISTS payops_write CASCADE;
                DROP SCHEMA IF EXISTS payops_src CASCADE;
                DROP SCHEMA payops CASCADE;
                """)
        }
        for role in Preflight.groupRoles.reversed() {
            let exists = try connection.query("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", [role])
            guard try exists[0].decode(0, as: Bool.self) else { continue }
            do {
                try connection.execute("DROP ROLE \(role)")
                report.droppedRoles.append(role)
            } catch {
                report.keptRoles.append((role, error.message))
            }
        }
        return report
    }
}
