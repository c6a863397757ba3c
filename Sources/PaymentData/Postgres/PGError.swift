/// An error from PostgreSQL or libpq, carrying the server's SQLSTATE, message, detail and hint.
public struct PGError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where the error arose.
    public enum Kind: String, Sendable {
        case connection, query, decoding, protocolState
    }

    public var kind: Kind
    /// Five-character SQLSTATE, e.g. `23505`; empty when libpq itself failed.
    public var sqlState: String
    public var message: String
    public var detail: String?
    public var hint: String?

    /// Makes an error of the given kind.
    public init(_ kind: Kind, sqlState: String = "", message: String, detail: String? = nil, hint: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
    }

    public var description: String {
        var text = sqlState.isEmpty ? message : "\(message) [\(sqlState)]"
        if let detail, !detail.isEmpty { text += " — \(detail)" }
        if let hint, !hint.isEmpty { text += " (hint: \(hint))" }
        return text
    }

    /// True when the server cancelled the statement (Esc in the console, or `statement_timeout`).
    public var isCancellation: Bool { sqlState == "57014" }
}
