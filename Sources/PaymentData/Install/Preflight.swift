/// What `install` checks before it changes anything: a writable server, the privileges it needs, and a
/// platform that fits the profile.
struct Preflight {
    let profile: Profile

    static let groupRoles = ["payops_viewer", "payops_support", "payops_finance", "payops_oncall", "payops_all_tenants"]

    func check(_ connection: PGConnection) throws {
        let row = try connection.query("""
            SELECT pg_is_in_recovery() OR current_setting('transaction_read_only')::bool, current_user::text,
                   current_database()::text, r.rolsuper, r.rolcreaterole,
                   has_database_privilege(current_database(), 'CREATE'), to_regnamespace('payops') IS NOT NULL,
                   (SELECT count(*) FROM pg_roles g WHERE g.rolname = ANY ($1::text[]))::int
            FROM pg_roles r WHERE r.rolname = current_user
            """, ["{" + Self.groupRoles.joined(separator: ",") + "}"])[0]
        if try row.decode(0, as: Bool.self) { throw InstallError.readOnlyServer }
        let user: String = try row.decode(1)
        let database: String = try row.decode(2)
        let superuser: Bool = try row.decode(3)
        if try !row.decode(6, as: Bool.self), try !row.decode(5, as: Bool.self) {
            throw InstallError.missingPrivilege(
                "\(user) may not create schemas in database \(database) (needs CREATE on the database, or a superuser)")
        }
        if try row.decode(7, as: Int.self) < Self.groupRoles.count, !superuser, try !row.decode(4, as: Bool.self) {
            throw InstallError.missingPrivilege(
                "the payops group roles do not exist yet and \(user) may not create roles (needs CREATEROLE, or a superuser)")
        }
        let fit = try ProfileFit.evaluate(profile, connection)
        guard fit.fits else {
            throw InstallError.profileDoesNotFit(profile: profile.name, missing: fit.missing, present: fit.unexpected)
        }
        let unreadable = try connection.query("""
            SELECT t FROM unnest($1::text[]) t
            WHERE to_regclass('public.' || quote_ident(t)) IS NOT NULL
              AND NOT has_table_privilege(('public.' || quote_ident(t))::regclass, 'SELECT')
            """, ["{" + fit.tables.joined(separator: ",") + "}"])
        if unreadable.count > 0 {
            let table: String = try unreadable[0].decode(0)
            throw InstallError.missingPrivilege("\(user) may not read public.\(table); the read model's views need SELECT on it")
        }
    }
}

/// How well a database's catalogue fits a profile's signature.
public struct ProfileFit: Sendable {
    public let profile: String
    /// Required tables or columns the database lacks.
    public let missing: [String]
    /// Tables the database has that the profile's platform does not.
    public let unexpected: [String]
    /// The tables the signature names.
    let tables: [String]
    /// Where the platform keeps the profile's tables and columns.
    public let names: PlatformNames

    public var fits: Bool { missing.isEmpty && unexpected.isEmpty }

    static func evaluate(_ profile: Profile, _ connection: PGConnection) throws -> ProfileFit {
        let catalogue = try PlatformNames.catalogue(connection)
        let names = PlatformNames.resolve(profile, catalogue: catalogue)
        let missing = profile.signature.required.filter { item in
            let parts = item.split(separator: ".", maxSplits: 1).map(String.init)
            guard let table = names.table(parts[0]) else { return true }
            return parts.count == 2 && !table.columns.contains { $0.name == parts[1] }
        }
        let unexpected = profile.signature.absent.filter { PlatformNames.find($0, in: catalogue) != nil }
        var tables: [String] = []
        for item in profile.signature.required {
            let table = String(item.prefix { $0 != "." })
            if !tables.contains(table) { tables.append(table) }
        }
        return ProfileFit(profile: profile.name, missing: missing, unexpected: unexpected,
                          tables: tables.compactMap { names.table($0)?.actual }, names: names)
    }

    /// How the platform names what the profile's SQL calls otherwise, in one line (nil: as written).
    public var recognisedNames: String? {
        guard !names.asWritten else { return nil }
        let renamed = names.tables.filter(\.renamed)
        let tables = renamed.filter { $0.actual != $0.name }.map { "\"\($0.actual)\" as \($0.name)" }
        let columns = renamed.flatMap { $0.columns.filter { $0.actual != $0.name } }
        var examples: [String] = []
        for column in columns where !examples.contains("\"\(column.actual)\" as \(column.name)") && examples.count < 3 {
            examples.append("\"\(column.actual)\" as \(column.name)")
        }
        return "names as an ORM gives them by default (Prisma without @@map): " + tables.joined(separator: ", ")
            + (columns.isEmpty ? "" : "; \(columns.count) camelCase columns such as " + examples.joined(separator: ", "))
    }
}
