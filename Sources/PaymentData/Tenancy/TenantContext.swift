/// Which tenant a session works in, on a platform that isolates tenants with row-level security (policies on
/// `app.current_tenant_id`, or `app.is_system_user` for every tenant). Set once per connection.
public enum TenantContext: Sendable, Equatable, CustomStringConvertible {
    /// One tenant.
    case tenant(PGUUID)
    /// Every tenant: only for logins in `payops_all_tenants` (or superusers).
    case all

    /// A tenant id short enough for a header and still told apart from its neighbours: `0a1b2c3d…9e8f`.
    public static func short(_ id: PGUUID) -> String { "\(id.string.prefix(8))…\(id.string.suffix(4))" }

    /// Reads `--tenant ID|all`; nil when the text is neither.
    public init?(_ text: String) {
        if text.lowercased() == "all" { self = .all; return }
        guard let id = PGUUID(text) else { return nil }
        self = .tenant(id)
    }

    /// What the header shows.
    public var description: String {
        switch self {
        case let .tenant(id): "tenant \(TenantContext.short(id))"
        case .all: "all tenants"
        }
    }
}

/// Why a tenant could not be chosen (nothing was set).
public enum TenantError: Error, Equatable, CustomStringConvertible {
    case notATenant(String)
    case allNotAllowed(user: String)

    public var description: String {
        switch self {
        case let .notATenant(text):
            "\(text.prefix(40)) is not a tenant id (a uuid) or `all`"
        case let .allNotAllowed(user):
            "\(user) may not see every tenant: `all` needs membership in payops_all_tenants "
                + "(GRANT payops_all_tenants TO \(user)); choose one tenant instead"
        }
    }
}

extension PGConnection {
    /// Sets the session's tenant for the platform's row-level security. `all` is refused, with nothing set, to
    /// a login outside payops_all_tenants; payops' read model refuses it too (its views show nothing to such a
    /// login that sets app.is_system_user by hand).
    public func enter(_ tenant: TenantContext) throws {
        switch tenant {
        case let .tenant(id):
            // Kept as session settings, so a reconnect comes back in the same tenant.
            try setSession("app.is_system_user", "")
            try setSession("app.current_tenant_id", id.string)
        case .all:
            let row = try query("""
                SELECT session_user::text, r.rolsuper OR (EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'payops_all_tenants')
                       AND pg_has_role(session_user, 'payops_all_tenants', 'MEMBER'))
                FROM pg_roles r WHERE r.rolname = session_user
                """)
            guard row.count == 1, try row[0].decode(1, as: Bool.self) else {
                throw TenantError.allNotAllowed(user: row.count == 1 ? try row[0].decode(0) : "this login")
            }
            try setSession("app.current_tenant_id", "")
            try setSession("app.is_system_user", "true")
        }
    }

    /// Does the platform isolate tenants (row-level security on its payments table)?
    public func isolatesTenants() throws -> Bool {
        try query("""
            SELECT coalesce((SELECT relrowsecurity FROM pg_class WHERE oid = to_regclass('public.payment_transactions')), false)
            """)[0].decode(0)
    }

    /// The platform's tenants (from payops_read.tenants(), which reads past row-level security); empty where
    /// the profile defines no tenant list.
    public func tenants(limit: Int = 200) throws -> [PGUUID] {
        guard try query("SELECT to_regprocedure('payops_read.tenants()') IS NOT NULL")[0].decode(0, as: Bool.self) else {
            return []
        }
        return try query("SELECT t FROM payops_read.tenants() AS t LIMIT $1", [limit]).map { row throws(PGError) in
            try row.decode(0, as: PGUUID.self)
        }
    }
}
