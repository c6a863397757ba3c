/// A JSON value for `--json` output, written without Foundation; object keys keep their order.
indirect enum JSONValue {
    case string(String)
    case int(Int64)
    case bool(Bool)
    case null
    /// JSON text that is already valid (a receipt's jsonb result from the database).
    case raw(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// An optional string: the string, or null.
    static func string(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }

    /// The compact JSON text.
    var text: String {
        switch self {
        case let .string(value): JSONValue.quote(value)
        case let .int(value): String(value)
        case let .bool(value): value ? "true" : "false"
        case .null: "null"
        case let .raw(text): text
        case let .array(values): "[" + values.map(\.text).joined(separator: ", ") + "]"
        case let .object(pairs):
            "{" + pairs.map { JSONValue.quote($0.0) + ": " + $0.1.text }.joined(separator: ", ") + "}"
        }
    }

    /// A JSON string literal: quotes, backslashes and every control character escaped.
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
