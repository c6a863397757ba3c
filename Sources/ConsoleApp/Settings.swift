import Screens
#if canImport(Glibc)
import Glibc
#endif

/// What `$XDG_CONFIG_HOME/payops/config.toml` (default `~/.config/payops/config.toml`) may set:
/// `theme = "dark"`, `refresh_seconds = 2`, `readonly = true`, `export_dir = "/path"`, `raw_export = true`.
/// Command-line flags win.
struct Settings {
    var theme = "dark"
    var refreshSeconds = 2
    var readonly = false
    var exportDirectory: String?
    /// `raw_export = true`: exports keep control characters as they are (default: shown as ␛, ␍, …).
    var rawExport = false
    /// `tenant = "uuid"` or `"all"`: the tenant the console starts in (`--tenant` wins).
    var tenant: String?
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

    /// Where exports go without `export_dir` or `PAYOPS_EXPORT_DIR`: `$XDG_DATA_HOME/payops/exports` (default
    /// `~/.local/share/payops/exports`), never the current directory.
    static func defaultExportDirectory() -> String {
        let data = environment("XDG_DATA_HOME").flatMap { $0.isEmpty ? nil : $0 }
            ?? "\(environment("HOME") ?? "/root")/.local/share"
        return "\(data)/payops/exports"
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
            case "raw_export":
                guard value == "true" || value == "false" else { settings.warnings.append("config: raw_export must be true or false"); continue }
                settings.rawExport = value == "true"
            case "tenant": settings.tenant = value
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
