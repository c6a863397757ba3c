/// An index a pane needs: its table, its definition, and which pane and why (from a profile's indexes file).
public struct RecommendedIndex: Sendable, Equatable {
    public let name: String
    public let table: String
    /// `CREATE INDEX name ON table (...) [WHERE ...]`, as written in the file.
    public let definition: String
    /// "Transactions: newest first, keyset on (created_at, id)".
    public let purpose: String

    /// The pane before the colon of the purpose.
    public var pane: String { String(purpose.prefix { $0 != ":" }) }

    /// The statement that builds it without blocking the platform's writes.
    public var concurrently: String {
        "CREATE INDEX CONCURRENTLY " + definition.dropFirst("CREATE INDEX ".count)
    }

    /// Reads an indexes file: each `CREATE INDEX` line after a `-- <pane>: <why>` comment line.
    static func parse(_ text: String) -> [RecommendedIndex] {
        var result: [RecommendedIndex] = []
        var comment = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw).trimmingCharacters(in: " ")
            if line.hasPrefix("-- ") { comment = String(line.dropFirst(3)); continue }
            guard line.hasPrefix("CREATE INDEX ") else { continue }
            let words = line.split(separator: " ")
            guard words.count > 4, words[3] == "ON" else { continue }
            let definition = line.hasSuffix(";") ? String(line.dropLast()) : line
            result.append(RecommendedIndex(name: String(words[2]), table: String(words[4]), definition: definition,
                                           purpose: comment))
        }
        return result
    }
}
