extension Theme {
    /// Parses a theme file: `role = [attributes…] foreground [on background]`, `#` comments.
    /// Every role must be given exactly once; anything unknown is an error with its line number.
    public static func parse(_ text: String, name: String) throws(ThemeError) -> Theme {
        var looks: [Style.Role: Look] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = line.split(separator: " ").joined(separator: " ")
            if trimmed.isEmpty { continue }
            let parts = trimmed.split(separator: "=", maxSplits: 1).map { $0.split(separator: " ").joined(separator: " ") }
            guard parts.count == 2, let role = Style.Role(rawValue: parts[0]) else {
                throw ThemeError(name: name, line: index + 1, message: parts.count == 2
                    ? "unknown role \(parts[0]) (roles: \(Style.Role.allCases.map(\.rawValue).joined(separator: " ")))"
                    : "expected `role = colours`")
            }
            guard looks[role] == nil else { throw ThemeError(name: name, line: index + 1, message: "\(role.rawValue) given twice") }
            do { looks[role] = try parseLook(parts[1]) } catch {
                throw ThemeError(name: name, line: index + 1, message: error.message)
            }
        }
        let missing = Style.Role.allCases.filter { looks[$0] == nil }
        guard missing.isEmpty else {
            throw ThemeError(name: name, line: nil, message: "missing roles: " + missing.map(\.rawValue).joined(separator: ", "))
        }
        return Theme(name: name, looks: looks)
    }

    static func parseLook(_ text: String) throws(ThemeError) -> Look {
        var look = Look()
        var words = text.split(separator: " ").map { $0.lowercased() }[...]
        while let word = words.first, ["bold", "dim", "underline", "reverse", "italic"].contains(word) {
            switch word {
            case "bold": look.bold = true
            case "dim": look.dim = true
            case "underline": look.underline = true
            case "reverse": look.reverse = true
            default: look.italic = true
            }
            words.removeFirst()
        }
        if let foreground = words.popFirst() { look.foreground = try colour(foreground) }
        if let on = words.popFirst() {
            guard on == "on", let background = words.popFirst() else {
                throw ThemeError(name: "", line: nil, message: "expected `on BACKGROUND` after the foreground, got \(on)")
            }
            look.background = try colour(background)
        }
        guard words.isEmpty else { throw ThemeError(name: "", line: nil, message: "unexpected \(words.joined(separator: " "))") }
        return look
    }

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    static func colour(_ word: String) throws(ThemeError) -> Int {
        if word == "default" { return -1 }
        if let index = names.firstIndex(of: word) { return index }
        if word.hasPrefix("bright-"), let index = names.firstIndex(of: String(word.dropFirst(7))) { return index + 8 }
        if let number = Int(word), (0...255).contains(number) { return number }
        throw ThemeError(name: "", line: nil, message: "unknown colour \(word) (use default, black…white, bright-<colour>, 0–255)")
    }
}

/// A theme file that could not be used, and where.
public struct ThemeError: Error, Equatable, CustomStringConvertible {
    public var name: String
    public var line: Int?
    public var message: String
    public var description: String {
        "theme \(name)" + (line.map { " line \($0)" } ?? "") + ": \(message)"
    }
}
