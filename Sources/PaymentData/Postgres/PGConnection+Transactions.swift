/// Transaction isolation levels.
public enum PGIsolation: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

extension PGConnection {
    /// Runs `body` inside BEGIN … COMMIT; any error rolls back and is rethrown.
    public func transaction<T>(
        _ isolation: PGIsolation = .readCommitted,
        readOnly: Bool = false,
        _ body: (PGConnection) throws -> T
    ) throws -> T {
        try execute(PGConnection.beginStatement(isolation, readOnly: readOnly))
        do {
            let value = try body(self)
            try execute("COMMIT")
            return value
        } catch {
            if isHealthy { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Runs `body` in one read-only REPEATABLE READ snapshot: every statement sees the same data.
    public func snapshot<T>(_ body: (PGConnection) throws -> T) throws -> T {
        try transaction(.repeatableRead, readOnly: true, body)
    }

    /// The BEGIN statement for an isolation level (static text; nothing interpolated from input).
    static func beginStatement(_ isolation: PGIsolation, readOnly: Bool) -> String {
        "BEGIN ISOLATION LEVEL \(isolation.rawValue)" + (readOnly ? " READ ONLY" : "")
    }
}
