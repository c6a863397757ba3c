import PaymentData

/// What one login's statements cost a server over a window, from pg_stat_statements (issue 12): execution time
/// and calls summed, the rollup maintenance steps among them, and the costliest statements.
struct StatementCost {
    /// What was measured ("Overview", "20 consoles, Overview", …).
    var name: String
    /// Seconds the window lasted.
    var seconds: Double
    var milliseconds: Double
    var calls: Int
    var rollupMilliseconds: Double
    var rollupCalls: Int
    /// The costliest statements, one line each: "12.34 ms 30× SELECT … … reads payops_read.payments" (the first 60
    /// characters of the text, then the payops relations and functions it names, which tell apart statements that
    /// begin alike).
    var top: [String]

    var perMinute: Double { seconds > 0 ? milliseconds * 60 / seconds : 0 }
    var callsPerMinute: Double { seconds > 0 ? Double(calls) * 60 / seconds : 0 }
    /// Percent of one core: database milliseconds per minute over the 60,000 a core has.
    var percentOfCore: Double { perMinute / 600 }
    var rollupShare: Double { milliseconds > 0 ? rollupMilliseconds * 100 / milliseconds : 0 }

    /// The line the bench prints.
    var line: String {
        name.padded(34) + "\(perMinute.formatted) ms/min".leftPadded(16) + "  \(Int(callsPerMinute.rounded())) statements/min"
            + "  \(percentOfCore.formatted) % of a core  rollup_step \(rollupMilliseconds.formatted) ms (\(rollupShare.formatted) %)"
    }

    /// One TSV line: kind, name, seconds, ms, calls, rollup ms, rollup calls, then the top statements.
    func tsv(kind: String) -> String {
        (["cost", kind, name, "\(seconds)", "\(milliseconds)", "\(calls)", "\(rollupMilliseconds)", "\(rollupCalls)"] + top)
            .joined(separator: "\t")
    }

    init(name: String, seconds: Double, milliseconds: Double, calls: Int, rollupMilliseconds: Double, rollupCalls: Int,
         top: [String]) {
        self.name = name
        self.seconds = seconds
        self.milliseconds = milliseconds
        self.calls = calls
        self.rollupMilliseconds = rollupMilliseconds
        self.rollupCalls = rollupCalls
        self.top = top
    }

    /// Reads a TSV line's fields (after "cost" and the kind).
    init?(fields f: [String]) {
        guard f.count >= 8 else { return nil }
        self.init(name: f[2], seconds: Double(f[3]) ?? 0, milliseconds: Double(f[4]) ?? 0, calls: Int(f[5]) ?? 0,
                  rollupMilliseconds: Double(f[6]) ?? 0, rollupCalls: Int(f[7]) ?? 0, top: Array(f.dropFirst(8)))
    }
}

/// pg_stat_statements on one server, read as the superuser.
enum StatementStats {
    /// Forgets every statement counted so far (all users, all databases).
    static func reset(_ db: PGConnection) throws {
        _ = try db.query("SELECT pg_stat_statements_reset()::text")
    }

    /// The cost of `user`'s statements since the last reset, over a window of `seconds`; `top` statements by time.
    static func read(_ db: PGConnection, user: String, name: String, seconds: Double, top: Int = 3) throws -> StatementCost {
        let sums = try db.query("""
            SELECT coalesce(sum(total_exec_time), 0)::float8, coalesce(sum(calls), 0)::int8,
                   coalesce(sum(total_exec_time) FILTER (WHERE query ILIKE '%rollup_step%'), 0)::float8,
                   coalesce(sum(calls) FILTER (WHERE query ILIKE '%rollup_step%'), 0)::int8
            FROM pg_stat_statements WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = $1)
            """, [user])[0]
        let lines = try statements(db, user: user, limit: top)
        let milliseconds = try sums.decode(0, as: Double.self), calls = try sums.decode(1, as: Int64.self)
        let rollupMilliseconds = try sums.decode(2, as: Double.self), rollupCalls = try sums.decode(3, as: Int64.self)
        return StatementCost(name: name, seconds: seconds, milliseconds: milliseconds, calls: Int(calls),
                             rollupMilliseconds: rollupMilliseconds, rollupCalls: Int(rollupCalls), top: lines)
    }

    /// `user`'s statements by total time, costliest first: "12.34 ms 30× SELECT …" (first 60 characters, one line),
    /// then " … reads " and the payops relations and functions the statement names.
    static func statements(_ db: PGConnection, user: String, limit: Int) throws -> [String] {
        let rows = try db.query("""
            SELECT total_exec_time::float8, calls::int8, left(btrim(regexp_replace(query, '\\s+', ' ', 'g')), 60)
                   || coalesce(' … reads ' || (SELECT string_agg(DISTINCT m[1], ', ')
                                               FROM regexp_matches(query, '(payops(?:_read)?\\.\\w+)', 'g') m), '')
            FROM pg_stat_statements WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = $1)
            ORDER BY total_exec_time DESC LIMIT \(limit)
            """, [user])
        var lines: [String] = []
        for index in 0..<rows.count {
            let row = rows[index]
            let milliseconds = try row.decode(0, as: Double.self), calls = try row.decode(1, as: Int64.self)
            let text = try row.decode(2, as: String.self)
            lines.append("\(milliseconds.formatted) ms \(calls)× " + text.replacingAll("\t", with: " "))
        }
        return lines
    }
}
