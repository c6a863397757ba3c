/// Builds a WHERE clause from fixed SQL fragments and bound parameters. Each fragment is a constant
/// written in this module with `?` where its parameter goes; values never become SQL text.
struct SQLConditions {
    private(set) var clauses: [String] = []
    private(set) var parameters: [any PGParam] = []

    /// Starts with parameters already bound ($1…$n) by the caller's fixed SQL.
    init(boundParameters: [any PGParam] = []) { parameters = boundParameters }

    /// Adds `fragment`, replacing each `?` with the next placeholder bound to the matching value.
    mutating func add(_ fragment: StaticString, _ values: any PGParam...) {
        var text = ""
        var remaining = values[...]
        for character in "\(fragment)" {
            if character == "?", let value = remaining.popFirst() {
                parameters.append(value)
                text += "$\(parameters.count)"
            } else {
                text.append(character)
            }
        }
        precondition(remaining.isEmpty, "more values than placeholders in \(fragment)")
        clauses.append(text)
    }

    /// Binds a value that a later fragment of the statement refers to; returns its placeholder.
    mutating func bind(_ value: any PGParam) -> String {
        parameters.append(value)
        return "$\(parameters.count)"
    }

    /// `WHERE a AND b …`, or empty.
    var whereClause: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }
    /// `AND a AND b …`, or empty, for appending to an existing WHERE.
    var andClause: String { clauses.isEmpty ? "" : "AND " + clauses.joined(separator: " AND ") }
}
