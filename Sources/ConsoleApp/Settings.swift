import ConsoleConfig
import Screens
#if canImport(Glibc)
import Glibc
#endif

/// What `$XDG_CONFIG_HOME/payops/config.toml` (default `~/.config/payops/config.toml`) may set:
/// `theme = "dark"`, `refresh_seconds = 2`, `readonly = true`, `export_dir = "/path"`, `raw_export = true`, `tenant = "…"`,
/// `read_dsn = "…"`, `read_fallback = true`, `read_lag_limit = 10`. The file is TOML (ConfigFile); command-line flags win.
struct Settings {
    var theme = "dark"
    var refreshSeconds = 2
    var readonly = false
    var exportDirectory: String?
    /// `raw_export = true`: exports keep control characters as they are (default: shown as ␛, ␍, …).
    var rawExport = false
    /// `tenant = "uuid"` or `"all"`: the tenant the console starts in (`--tenant` wins).
    var tenant: String?
    /// `read_dsn = "host=standby dbname=payments"`: pane reads go to this server (a streaming standby); `--read-dsn` wins.
    var readDSN: String?
    /// `read_fallback = true`: while the read server is lost, reads go to the primary (`--read-fallback`).
    var readFallback = false
    /// `read_lag_limit = 10`: seconds of standby replay lag above which the header warns (`--read-lag-limit`).
    var readLagLimit: Double?
    /// Problems found while reading the file, shown in the status line (never fatal).
    var warnings: [String] = []

    /// The config file's path.
    static var path: String {
        if let xdg = environment("XDG_CONFIG_HOME"), !xdg.isEmpty { return "\(xdg)/payops/config.toml" }
        return "\(environment("HOME") ?? "/root")/.config/payops/config.toml"
    }

    /// Where this console writes what would otherwise reach stderr: `$XDG_STATE_HOME/payops/console-PID.log`
    /// (default `~/.local/state/payops/`), the directory made 0700; one file per process, removed when empty.
    static func logPath() -> String {
        "\(stateDirectory())/console-\(getpid()).log"
    }

    /// `$XDG_STATE_HOME/payops` (default `~/.local/state/payops`), made 0700 when missing.
    static func stateDirectory() -> String {
        let state = environment("XDG_STATE_HOME").flatMap { $0.isEmpty ? nil : $0 }
            ?? "\(environment("HOME") ?? "/root")/.local/state"
        var path = ""
        for part in "\(state)/payops".split(separator: "/") {
            path += "/" + part
            mkdir(path, 0o700)
        }
        return path
    }

    /// Where exports go without `export_dir` or `PAYOPS_EXPORT_DIR`: `$XDG_DATA_HOME/payops/exports` (default
    /// `~/.local/share/payops/exports`), never the current directory.
    static func defaultExportDirectory() -> String {
        let data = environment("XDG_DATA_HOME").flatMap { $0.isEmpty ? nil : $0 }
            ?? "\(environment("HOME") ?? "/root")/.local/share"
        return "\(data)/payops/exports"
    }

    /// Reads the config file if there is one.
    static func load() -> Settings {
        guard let text = readFile(path) else { return Settings() }
        return parse(text)
    }

    /// The settings `text` makes (a TOML file, read by ConfigFile); problems become warnings that name the line.
    static func parse(_ text: String) -> Settings {
        var settings = Settings()
        let entries: [ConfigEntry]
        do { entries = try ConfigFile.parse(text) } catch {
            settings.warnings.append(error.description)
            return settings
        }
        for entry in entries {
            let at = entry.line.map { "config line \($0): " } ?? "config: "
            guard let key = keys[entry.key] else { settings.warnings.append(at + "unknown key \(entry.key)"); continue }
            if let problem = key(&settings, entry.value) { settings.warnings.append(at + "\(entry.key) " + problem) }
        }
        return settings
    }

    /// Every key config.toml may set and how it applies; the closure returns what is wrong with the value, if anything.
    /// A new setting is one more line here.
    static let keys: [String: @Sendable (inout Settings, ConfigValue) -> String?] = [
        "theme": { settings, value in
            guard case let .string(name) = value else { return "must be a string, not \(value.typeName)" }
            settings.theme = name
            return nil
        },
        "refresh_seconds": { settings, value in
            guard case let .integer(seconds) = value, ConsoleModel.intervals.contains(seconds) else {
                return "must be one of \(ConsoleModel.intervals)"
            }
            settings.refreshSeconds = seconds
            return nil
        },
        "readonly": { settings, value in
            guard case let .boolean(flag) = value else { return "must be true or false" }
            settings.readonly = flag
            return nil
        },
        "export_dir": { settings, value in
            guard case let .string(path) = value, !path.isEmpty else { return "must be a path in quotes" }
            settings.exportDirectory = path
            return nil
        },
        "raw_export": { settings, value in
            guard case let .boolean(flag) = value else { return "must be true or false" }
            settings.rawExport = flag
            return nil
        },
        "tenant": { settings, value in
            guard case let .string(tenant) = value else { return "must be a tenant id or \"all\", in quotes" }
            settings.tenant = tenant
            return nil
        },
        "read_dsn": { settings, value in
            guard case let .string(dsn) = value, !dsn.isEmpty else { return "must be a connection string in quotes" }
            settings.readDSN = dsn
            return nil
        },
        "read_fallback": { settings, value in
            guard case let .boolean(flag) = value else { return "must be true or false" }
            settings.readFallback = flag
            return nil
        },
        "read_lag_limit": { settings, value in
            let seconds: Double? = switch value {
            case let .integer(whole): Double(whole)
            case let .number(number): number
            default: nil
            }
            guard let seconds, seconds > 0 else { return "must be a number of seconds above 0" }
            settings.readLagLimit = seconds
            return nil
        },
    ]
}

/// An environment variable.
func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}

/// A whole small text file, or nil.
func readFile(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes += buffer[0..<count]
        if bytes.count > 1_000_000 { break }
    }
    return String(decoding: bytes, as: UTF8.self)
}
