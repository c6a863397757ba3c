/// Why payops refused to install, uninstall or build indexes (nothing was changed).
public enum InstallError: Error, Equatable, CustomStringConvertible {
    case readOnlyServer
    case missingPrivilege(String)
    case profileDoesNotFit(profile: String, missing: [String], present: [String])
    case otherProfileInstalled(installed: String, requested: String)
    case timeZoneChange(installed: String, requested: String)
    case unknownTimeZone(String)
    case notInstalled
    case notEmpty

    public var description: String {
        switch self {
        case .readOnlyServer:
            "this server is read-only (a standby, or default_transaction_read_only): install on the primary; nothing was changed"
        case let .missingPrivilege(what):
            "\(what); nothing was changed"
        case let .profileDoesNotFit(profile, missing, present):
            "this database does not fit the \(profile) profile: "
                + (missing.isEmpty ? "" : "missing \(missing.joined(separator: ", "))")
                + (present.isEmpty ? "" : (missing.isEmpty ? "" : "; ") + "has \(present.joined(separator: ", ")), which \(profile) does not")
                + "; run `payops db detect` to see which profile fits; nothing was changed"
        case let .otherProfileInstalled(installed, requested):
            "payops is installed here with the \(installed) profile, not \(requested): run `payops db uninstall` first; nothing was changed"
        case let .timeZoneChange(installed, requested):
            "payops was installed with time zone \(installed) and its indexes are built on it; to use \(requested), "
                + "run `payops db uninstall`, then install again and rebuild the indexes; nothing was changed"
        case let .unknownTimeZone(zone):
            "time zone \(zone) is unknown to the server (see pg_timezone_names); nothing was changed"
        case .notInstalled:
            "payops is not installed in this database: run `payops db detect`, then `payops db install`"
        case .notEmpty:
            "this database already has tables of a platform: `payops db migrate` only makes a demo database out of an "
                + "empty one; to put payops beside a platform run `payops db detect`, then `payops db install`"
        }
    }
}
