/// The demo-data generator: deterministic, set-based SQL that runs inside PostgreSQL.
public enum DemoData {
    /// How long each step took, for the operator and the notes.
    public struct Report: Sendable {
        public var steps: [(name: String, milliseconds: Int)] = []
        public var totalMilliseconds: Int { steps.reduce(0) { $0 + $1.milliseconds } }
    }

    /// Fills a freshly migrated database with `transactions` payments and everything around them.
    /// The same (transactions, seed, anchor) always produces identical rows; every time in the data is
    /// relative to `anchor` (default: now, to the second).
    @discardableResult
    public static func seed(
        _ connection: PGConnection, transactions: Int, seed: Int64, anchor: Timestamp? = nil,
        progress: ((String, Int) -> Void)? = nil
    ) throws -> Report {
        guard transactions >= 200 else { throw DemoDataError("--transactions must be at least 200") }
        guard transactions <= 100_000_000 else { throw DemoDataError("--transactions must be at most 100,000,000") }
        let existing = try connection.query("SELECT EXISTS (SELECT 1 FROM payment_transactions)")
        guard try !existing[0].decode(0, as: Bool.self) else {
            throw DemoDataError("the database already has payments; seed only a freshly migrated database")
        }
        let anchorText: String
        if let anchor {
            anchorText = anchor.iso8601
        } else {
            anchorText = try connection.query("SELECT date_trunc('second', now())")[0].decode(0, as: Timestamp.self).iso8601
        }
        try connection.query(
            "SELECT set_config('payops.seed_transactions', $1, false), set_config('payops.seed', $2, false), "
                + "set_config('payops.seed_anchor', $3, false)",
            [String(transactions), String(seed), anchorText])
        var report = Report()
        for step in DemoDataSQL.steps {
            let start = monotonicMilliseconds()
            try connection.execute(step.sql)
            let elapsed = monotonicMilliseconds() - start
            report.steps.append((step.name, elapsed))
            progress?(step.name, elapsed)
        }
        return report
    }
}

/// Why the generator refused to run.
public struct DemoDataError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
