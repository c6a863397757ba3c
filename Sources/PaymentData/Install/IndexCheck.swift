/// Which of a profile's recommended indexes the platform lacks. An index is there when a valid btree index of
/// the same table starts with the same keys and has the same predicate (or none), whatever its name; the keys
/// are compared as PostgreSQL prints them, by building the recommended index on an empty temporary copy of
/// the table (in a savepoint that is rolled back).
public struct IndexCheck {
    public let profile: Profile

    /// A check of `profile`'s recommended indexes.
    public init(profile: Profile) { self.profile = profile }

    /// The recommended indexes the database lacks, in the profile's order.
    public func missing(_ connection: PGConnection) throws -> [RecommendedIndex] {
        try connection.execute("SAVEPOINT payops_index_check")
        do {
            // Before install (payops db detect) the conversion functions the definitions use do not exist yet:
            // make them for the probes, inside the savepoint that is rolled back.
            if try connection.query("SELECT to_regprocedure('payops.utc(timestamp)') IS NULL")[0].decode(0, as: Bool.self) {
                try connection.execute("CREATE SCHEMA IF NOT EXISTS payops; "
                                       + SQLFiles.readModelHelpers.replacing("{{tz}}", with: "'UTC'"))
            }
            var result: [RecommendedIndex] = []
            let names = try PlatformNames.resolve(profile, connection)
            for (number, index) in profile.indexes.map(names.rewrite).enumerated() where try !present(index, number, connection) {
                result.append(index)
            }
            try connection.execute("ROLLBACK TO SAVEPOINT payops_index_check; RELEASE SAVEPOINT payops_index_check")
            return result
        } catch {
            try? connection.execute("ROLLBACK TO SAVEPOINT payops_index_check; RELEASE SAVEPOINT payops_index_check")
            throw error
        }
    }

    /// The same, in a transaction of its own (for detect and --create-indexes).
    public func missingStandalone(_ connection: PGConnection) throws -> [RecommendedIndex] {
        try connection.transaction { try missing($0) }
    }

    private func present(_ index: RecommendedIndex, _ number: Int, _ connection: PGConnection) throws -> Bool {
        let table = "public." + index.table
        // An index of a table the platform does not have (an optional one, such as an outbox) is not needed.
        guard try connection.query("SELECT to_regclass($1) IS NOT NULL", [table])[0].decode(0, as: Bool.self) else {
            return true
        }
        let probe = "payops_probe_\(number)"
        try connection.execute("CREATE TEMP TABLE \(probe) (LIKE \(table))")
        let definition = "CREATE INDEX \(probe)_ix ON pg_temp.\(probe) "
            + index.definition.drop(while: { $0 != "(" })
        // An index on a column this variant of the platform does not have (another naming, an optional column)
        // is not needed here, like one on a table it lacks.
        try connection.execute("SAVEPOINT payops_probe")
        var undefinedColumn = false
        do {
            try connection.execute(definition)
        } catch {
            guard error.sqlState == "42703" else { throw error }
            undefinedColumn = true
        }
        try connection.execute(undefinedColumn ? "ROLLBACK TO SAVEPOINT payops_probe; RELEASE SAVEPOINT payops_probe"
                                               : "RELEASE SAVEPOINT payops_probe")
        if undefinedColumn { return true }
        let row = try connection.query("""
            WITH want AS (
                SELECT array(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k) AS keys,
                       pg_get_expr(i.indpred, i.indrelid, true) AS pred
                FROM pg_index i WHERE i.indexrelid = ('pg_temp.' || $1 || '_ix')::regclass)
            SELECT EXISTS (
                SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam, want w
                WHERE i.indrelid = $2::regclass AND i.indisvalid AND a.amname = 'btree'
                  AND (c.relname = $3 OR (
                      i.indnkeyatts >= cardinality(w.keys)
                      AND array(SELECT pg_get_indexdef(i.indexrelid, k, true)
                                FROM generate_series(1, cardinality(w.keys)) k) = w.keys
                      AND (i.indpred IS NULL OR pg_get_expr(i.indpred, i.indrelid, true) = w.pred))))
            """, [probe, table, index.name])
        return try row[0].decode(0)
    }

    /// payops' own indexes on the platform's tables (named payops_…), valid or not.
    static func installedIndexNames(_ connection: PGConnection) throws -> [String] {
        try connection.query("""
            SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relname LIKE 'payops\\_%' ORDER BY 1
            """).map { row throws(PGError) in try row.decode(0, as: String.self) }
    }
}
