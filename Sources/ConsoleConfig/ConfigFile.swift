import TOMLKit

/// One value of payops' config file, as the settings table reads it.
public enum ConfigValue: Equatable, Sendable {
    case string(String)
    case integer(Int)
    /// A TOML float (`2.5`).
    case number(Double)
    case boolean(Bool)
    case strings([String])
    /// A TOML type no setting takes (a float, a date, a mixed array…), named for the error message.
    case other(String)

    /// How the value's type is written in messages.
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .number: "a number"
        case .boolean: "true or false"
        case .strings: "an array of strings"
        case let .other(name): name
        }
    }
}

/// A config file that could not be read: what is wrong, and on which line.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    public var line: Int?
    public var message: String
    /// Makes an error.
    public init(line: Int?, _ message: String) {
        self.line = line
        self.message = message
    }
    public var description: String { (line.map { "config line \($0): " } ?? "config: ") + message }
}

/// One setting found in the file: its dotted key (`theme`, `connection.read_dsn`), value and line.
public struct ConfigEntry: Equatable, Sendable {
    public var key: String
    public var value: ConfigValue
    public var line: Int?
}

/// Reads `config.toml` with a real TOML parser (TOMLKit, over toml++): strings with escapes, `#` inside quotes,
/// integers, booleans, arrays, tables. The result is flat: a table's keys come back as `table.key`.
public enum ConfigFile {
    /// The settings in `text`, in the file's order; a syntax error throws with the line it is on.
    public static func parse(_ text: String) throws(ConfigError) -> [ConfigEntry] {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw ConfigError(line: error.source.begin.line, error.description)
        } catch {
            throw ConfigError(line: nil, "\(error)")
        }
        var entries: [ConfigEntry] = []
        flatten(table, prefix: "", into: &entries)
        let lines = keyLines(text)
        for index in entries.indices { entries[index].line = lines[entries[index].key] }
        return entries.sorted { ($0.line ?? .max, $0.key) < ($1.line ?? .max, $1.key) }
    }

    private static func flatten(_ table: TOMLTable, prefix: String, into entries: inout [ConfigEntry]) {
        for key in table.keys {
            guard let value = table[key] else { continue }
            let name = prefix + key
            if let inner = value.table {
                flatten(inner, prefix: name + ".", into: &entries)
                continue
            }
            entries.append(ConfigEntry(key: name, value: convert(value), line: nil))
        }
    }

    private static func convert(_ value: any TOMLValueConvertible) -> ConfigValue {
        if let text = value.string { return .string(text) }
        if let bool = value.bool { return .boolean(bool) }
        if let int = value.int { return .integer(int) }
        if let double = value.double { return .number(double) }
        if let array = value.array {
            let strings = array.compactMap { $0.string }
            return strings.count == array.count ? .strings(strings) : .other("an array of mixed or non-string values")
        }
        return .other("a \(value.type)")
    }

    /// The line each dotted key is set on, found by reading the file's lines for `[table]` and `key =`
    /// (TOMLKit reports lines for syntax errors only); used to name the line in a setting's error.
    static func keyLines(_ text: String) -> [String: Int] {
        var result: [String: Int] = [:]
        var table = ""
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") {
                table = String(line.dropFirst().prefix { $0 != "]" }).filter { $0 != " " && $0 != "\"" }
                continue
            }
            guard let equals = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            let key = String(line[..<equals]).filter { $0 != " " && $0 != "\t" && $0 != "\"" }
            let full = table.isEmpty ? key : table + "." + key
            if result[full] == nil { result[full] = index + 1 }
        }
        return result
    }
}
