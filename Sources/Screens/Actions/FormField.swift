/// One field of an action form: typed text, or a choice cycled with ←/→ (a yes/no toggle is a choice).
public struct FormField: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Free text up to `limit` characters.
        case text(limit: Int)
        /// One of the options; `value` is always one of them.
        case choice([String])
    }

    public var name: String
    public var label: String
    public var kind: Kind
    public var value: String
    /// Shown after the field, dim (a currency, "blank = never").
    public var suffix: String

    /// A text field.
    public static func text(_ name: String, _ label: String, value: String = "", limit: Int = 200,
                            suffix: String = "") -> FormField {
        FormField(name: name, label: label, kind: .text(limit: limit), value: value, suffix: suffix)
    }

    /// A choice; starts on `value` (or the first option).
    public static func choice(_ name: String, _ label: String, _ options: [String], value: String? = nil,
                              suffix: String = "") -> FormField {
        FormField(name: name, label: label, kind: .choice(options), value: value ?? options.first ?? "", suffix: suffix)
    }

    /// Applies an editing key; false when the key is not for this field.
    mutating func edit(_ key: Key) -> Bool {
        switch (kind, key) {
        case let (.text(limit), .character(c)):
            // Control characters never enter a field (they would reach the database and the audit log).
            guard c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return true }
            if value.count < limit { value.append(c) }
            return true
        case (.text, .backspace):
            if !value.isEmpty { value.removeLast() }
            return true
        case (.text, .control("u")):
            value = ""
            return true
        case let (.choice(options), .right):
            value = options[((options.firstIndex(of: value) ?? -1) + 1) % max(1, options.count)]
            return true
        case let (.choice(options), .left):
            let index = options.firstIndex(of: value) ?? 0
            value = options[(index + options.count - 1) % max(1, options.count)]
            return true
        default:
            return false
        }
    }
}
