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

    /// True when some write action is possible (before `--readonly` is applied).
    public var canWrite: Bool {
        !serverReadOnly && (isSuperuser || !groups.isDisjoint(with: ["payops_support", "payops_finance", "payops_oncall"]))
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
                   current_setting('server_version')
            FROM pg_roles r WHERE r.rolname = session_user
            """
        return Query("session.capabilities", sql) { result in
            guard result.count == 1 else { throw PGError(.decoding, message: "session user not found in pg_roles") }
            let row = result[0]
            let groups: String = try row.decode(2)
            return SessionCapabilities(
                sessionUser: try row.decode(0), isSuperuser: try row.decode(1),
                groups: Set(groups.split(separator: ",").map(String.init)),
                serverReadOnly: try row.decode(3), serverVersion: try row.decode(4))
        }
    }
}
