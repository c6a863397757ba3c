/// What the database says this session may do: the console shows `[RO]`/`[RW]` and hides the rest.
public struct SessionCapabilities: Sendable, Equatable {
    /// The login written to every audit row (`session_user`).
    public var sessionUser: String
    public var isSuperuser: Bool
    /// Group roles the login belongs to, e.g. `payops_support`.
    public var groups: Set<String>
    /// A hot standby or `default_transaction_read_only`: nothing can be written from here.
    public var serverReadOnly: Bool
    public var serverVersion: String
    /// Is payops installed in this database (its read model present)?
    public var payopsInstalled: Bool = true

    /// True when some write action is possible (before `--readonly` is applied).
    public var canWrite: Bool {
        payopsInstalled && !serverReadOnly && (isSuperuser || !groups.isDisjoint(with: ["payops_support", "payops_finance", "payops_oncall"]))
    }
}

/// Reads about the session itself.
public enum SessionQueries {
    /// The session's identity, group memberships and whether the server accepts writes.
    public static func capabilities() -> Query<SessionCapabilities> {
        let sql = """
            SELECT session_user::text, r.rolsuper,
                   coalesce(array_to_string(ARRAY(
                       SELECT g.rolname FROM pg_roles g
                       WHERE g.rolname IN ('payops_viewer', 'payops_support', 'payops_finance', 'payops_oncall')
                         AND pg_has_role(session_user, g.oid, 'MEMBER') ORDER BY 1), ','), ''),
                   pg_is_in_recovery() OR current_setting('default_transaction_read_only')::bool,
                   current_setting('server_version'), to_regclass('payops_read.notes') IS NOT NULL
            FROM pg_roles r WHERE r.rolname = session_user
            """
        return Query("session.capabilities", sql) { result in
            guard result.count == 1 else { throw PGError(.decoding, message: "session user not found in pg_roles") }
            let row = result[0]
            let groups: String = try row.decode(2)
            return SessionCapabilities(
                sessionUser: try row.decode(0), isSuperuser: try row.decode(1),
                groups: Set(groups.split(separator: ",").map(String.init)),
                serverReadOnly: try row.decode(3), serverVersion: try row.decode(4), payopsInstalled: try row.decode(5))
        }
    }

    /// What the read model says the platform lacks, per pane: pane name → one line.
    public static func paneNotes() -> Query<[String: String]> {
        Query("session.notes", "SELECT pane, note FROM payops_read.notes WHERE pane IS NOT NULL ORDER BY pane") { result in
            var notes: [String: String] = [:]
            for index in 0..<result.count { notes[try result[index].decode(0)] = try result[index].decode(1, as: String.self) }
            return notes
        }
    }

    /// The line every surface shows on a database without payops.
    public static let notInstalledHint =
        "payops is not installed in this database: run `payops db detect`, then `payops db install`"
}
