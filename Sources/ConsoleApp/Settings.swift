import Screens
#if canImport(Glibc)
import Glibc
#endif

/// What `$XDG_CONFIG_HOME/payops/config.toml` (default `~/.config/payops/config.toml`) may set:
/// `theme = "dark"`, `refresh_seconds = 2`, `readonly = true`, `export_dir = "/path"`, `read_dsn = "…"`,
/// `read_fallback = true`, `read_lag_limit = 10`. Command-line flags win.
struct Settings {
    var theme = "dark"
    var refreshSeconds = 2
    var readonly = false
    var exportDirectory: String?
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
        let state = environment("XDG_STATE_HOME").flatMap { $0.isEmpty ? nil : $0 }
            ?? "\(environment("HOME") ?? "/root")/.local/state"
        var path = ""
        for part in "\(state)/payops".split(separator: "/") {
            path += "/" + part
            mkdir(path, 0o700)
        }
        return "\(path)/console-\(getpid()).log"
    }

    /// Reads the config file if there is one.
    static func load() -> Settings {
        var settings = Settings()
        guard let text = readFile(path) else { return settings }
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.split(separator: " ").joined(separator: " ") }
            if parts.isEmpty || (parts.count == 1 && parts[0].isEmpty) || parts[0].hasPrefix("[") { continue }
            guard parts.count == 2 else { settings.warnings.append("config line \(index + 1): expected key = value"); continue }
            let value = parts[1].hasPrefix("\"") && parts[1].hasSuffix("\"") && parts[1].count >= 2
                ? String(parts[1].dropFirst().dropLast()) : parts[1]
            switch parts[0] {
            case "theme": settings.theme = value
            case "refresh_seconds":
                if let seconds = Int(value), ConsoleModel.intervals.contains(seconds) { settings.refreshSeconds = seconds } else {
                    settings.warnings.append("config: refresh_seconds must be one of \(ConsoleModel.intervals)")
                }
            case "readonly":
                guard value == "true" || value == "false" else { settings.warnings.append("config: readonly must be true or false"); continue }
                settings.readonly = value == "true"
            case "export_dir": settings.exportDirectory = value
            case "tenant": settings.tenant = value
            case "read_dsn": settings.readDSN = value
            case "read_fallback":
                guard value == "true" || value == "false" else { settings.warnings.append("config: read_fallback must be true or false"); continue }
                settings.readFallback = value == "true"
            case "read_lag_limit":
                if let seconds = Double(value), seconds > 0 { settings.readLagLimit = seconds } else {
                    settings.warnings.append("config: read_lag_limit must be a number of seconds above 0")
                }
            default: settings.warnings.append("config line \(index + 1): unknown key \(parts[0])")
            }
        }
        return settings
    }
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
