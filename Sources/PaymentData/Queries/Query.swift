/// One SQL statement and its parameters, exactly as it is sent (and as `make bench` gives it to psql).
public struct Statement {
    public let sql: String
    public let parameters: [any PGParam]

    /// Makes a statement.
    public init(_ sql: String, _ parameters: [any PGParam] = []) {
        self.sql = sql
        self.parameters = parameters
    }
}

/// A read for a pane: one statement, or several that must see one read-only REPEATABLE READ
/// snapshot, plus how to turn the results into typed rows. Queries are values: the console sends
/// them asynchronously, scripts and tests run them with `PGConnection.run`.
public struct Query<Value> {
    /// What the query is, for errors, benchmarks and the EXPLAIN test.
    public let name: String
    public let statements: [Statement]
    /// True when the statements must run inside one read-only REPEATABLE READ snapshot.
    public let snapshot: Bool
    let decodeResults: ([PGResult]) throws -> Value

    /// A single-statement query.
    public init(_ name: String, _ sql: String, _ parameters: [any PGParam] = [], decode: @escaping (PGResult) throws -> Value) {
        self.name = name
        statements = [Statement(sql, parameters)]
        snapshot = false
        decodeResults = { results in try decode(results[0]) }
    }

    /// A multi-statement query that runs in one snapshot.
    public init(snapshot name: String, _ statements: [Statement], decode: @escaping ([PGResult]) throws -> Value) {
        self.name = name
        self.statements = statements
        snapshot = true
        decodeResults = decode
    }

    /// Decodes results that were fetched elsewhere (e.g. by the console's async loop), one per statement.
    public func decode(_ results: [PGResult]) throws -> Value {
        guard results.count == statements.count else {
            throw PGError(.protocolState, message: "\(name): expected \(statements.count) results, got \(results.count)")
        }
        return try decodeResults(results)
    }

    /// The same query with its result transformed.
    public func map<Other>(_ transform: @escaping (Value) throws -> Other) -> Query<Other> {
        let decode = decodeResults
        return Query<Other>(name: name, statements: statements, snapshot: snapshot) { try transform(decode($0)) }
    }

    /// A query from parts (benchmarks build their own).
    public init(name: String, statements: [Statement], snapshot: Bool, decodeResults: @escaping ([PGResult]) throws -> Value) {
        self.name = name
        self.statements = statements
        self.snapshot = snapshot
        self.decodeResults = decodeResults
    }
}

extension PGConnection {
    /// Runs a query and waits for it (scripts, subcommands, tests). The console runs queries asynchronously.
    public func run<Value>(_ query: Query<Value>) throws -> Value {
        let fetch = { (conn: PGConnection) throws -> [PGResult] in
            try query.statements.map { try conn.query($0.sql, $0.parameters) }
        }
        let results = query.snapshot ? try snapshot(fetch) : try fetch(self)
        return try query.decode(results)
    }
}
