/// `payops db install --create-indexes`: builds the recommended indexes the platform lacks with
/// CREATE INDEX CONCURRENTLY (never in a transaction, never blocking the platform's writes). Resumable: an
/// index an interrupted run left invalid is dropped (concurrently) and built again; valid ones are kept.
public struct IndexBuilder {
    public let profile: Profile

    /// A builder for `profile`'s recommended indexes.
    public init(profile: Profile) { self.profile = profile }

    /// What happened to one index.
    public struct Outcome: Sendable {
        public let index: RecommendedIndex
        public let rebuiltInvalid: Bool
        public let milliseconds: Int
    }

    /// Builds every missing index, reporting each as it finishes.
    public func build(_ connection: PGConnection, progress: ((Outcome) -> Void)? = nil) throws -> [Outcome] {
        // CREATE INDEX CONCURRENTLY waits for the transactions already running; one that stays open for over a
        // minute makes this an error (run it again later: it resumes) rather than a wait without end.
        try connection.execute("SET lock_timeout = '60s'")
        defer { try? connection.execute("RESET lock_timeout") }
        var outcomes: [Outcome] = []
        for index in try IndexCheck(profile: profile).missingStandalone(connection) {
            let start = monotonicMilliseconds()
            let existing = try connection.query("""
                SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass($1)
                """, ["public." + index.name])
            let invalid = existing.count == 1
            if invalid {
                // Not valid (a valid one of this name would have counted as present): an interrupted build.
                try connection.execute("DROP INDEX CONCURRENTLY IF EXISTS public.\(identifier(index.name))")
            }
            // One statement per call: several in one call would run as one transaction, which CONCURRENTLY refuses.
            try connection.execute("SET search_path = public, pg_catalog")
            defer { try? connection.execute("RESET search_path") }
            try connection.execute(index.concurrently)
            let outcome = Outcome(index: index, rebuiltInvalid: invalid, milliseconds: monotonicMilliseconds() - start)
            outcomes.append(outcome)
            progress?(outcome)
        }
        return outcomes
    }
}
