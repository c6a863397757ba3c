import PaymentData
#if canImport(Glibc)
import Glibc
#endif

/// Rollup figures (issue 12): the catch-up of a database whose rollups were never built, then the Overview and
/// Suspicious IPs statements with rollups against the raw ones, each as the server's own execution time
/// (EXPLAIN ANALYZE, the median of `runs`) and shared buffers. Used by `make bench` and, alone, with
/// BENCH_EXPLAIN_DSN on an existing database (payops installed, e.g. `payops demo --server-only`).
enum RollupBench {
    /// Steps (50,000 rows each) until caught up; returns milliseconds, steps and rows read.
    static func catchUp(_ db: PGConnection) throws -> (milliseconds: Double, steps: Int, rows: Int) {
        let start = monotonicMicroseconds()
        var steps = 0, rows = 0
        while steps < 100_000 {
            let progress = try db.run(RollupQueries.step(maxRows: 50_000))
            steps += 1
            rows += progress.reduce(0) { $0 + $1.rows }
            if progress.isEmpty { break }
            if try db.run(RollupQueries.lag()).minutesBehind == 0 { break }
        }
        return (Double(monotonicMicroseconds() - start) / 1000, steps, rows)
    }

    /// A maintainer gone for a day (issue 12): with the rollups current, every source's cursors go back 24 hours and
    /// the rollup rows of those 24 hours are deleted (one transaction), so the catch-up rebuilds them; then the
    /// catch-up's steps are timed as `catchUp` does.
    static func catchUpAfterDay(_ db: PGConnection) throws -> (milliseconds: Double, steps: Int, rows: Int) {
        _ = try catchUp(db)
        try db.execute("""
            BEGIN;
            UPDATE payops.rollup_state SET closed_until = closed_until - interval '24 hours',
                                           changes_until = changes_until - interval '24 hours';
            DELETE FROM payops.rollup_payments
             WHERE minute >= (SELECT closed_until FROM payops.rollup_state WHERE source = 'payments');
            DELETE FROM payops.rollup_ip_attempts
             WHERE minute >= (SELECT closed_until FROM payops.rollup_state WHERE source = 'ip_attempts');
            DELETE FROM payops.rollup_ip_hours
             WHERE hour >= payops.rollup_hour((SELECT closed_until FROM payops.rollup_state WHERE source = 'ip_attempts'));
            INSERT INTO payops.rollup_ip_hours (hour, ip_address, attempts)
            SELECT payops.rollup_hour(minute), ip_address, sum(attempts) FROM payops.rollup_ip_attempts
             WHERE minute >= payops.rollup_hour((SELECT closed_until FROM payops.rollup_state WHERE source = 'ip_attempts'))
               AND ip_address IS NOT NULL
             GROUP BY 1, 2 HAVING sum(attempts) <> 0;
            DELETE FROM payops.rollup_refunds
             WHERE minute >= (SELECT closed_until FROM payops.rollup_state WHERE source = 'refunds');
            DELETE FROM payops.rollup_open_refunds
             WHERE minute >= (SELECT closed_until FROM payops.rollup_state WHERE source = 'refunds');
            COMMIT;
            """)
        return try catchUp(db)
    }

    /// What EXPLAIN ANALYZE says of a query's statements, summed: the medians over the runs of the server's execution
    /// time and of its planning time (a rollup-backed statement is long: its plan is not free), in ms, and the shared
    /// buffers of the last run.
    struct Explained {
        var milliseconds: Double
        var planning: Double
        var buffers: Int
    }

    static func explain(_ db: PGConnection, _ statements: [Statement], runs: Int) throws -> Explained {
        var times: [Double] = [], plans: [Double] = [], buffers = 0
        for _ in 0..<runs {
            var total = 0.0, planned = 0.0
            buffers = 0
            for statement in statements {
                let options = getenv("BENCH_EXPLAIN_TIMING") != nil ? "ANALYZE, BUFFERS" : "ANALYZE, BUFFERS, TIMING OFF"
                let plan = try db.query("EXPLAIN (\(options)) " + statement.sql, statement.parameters)
                    .map { try $0.decode(0, as: String.self) }
                if getenv("BENCH_EXPLAIN_PLANS") != nil { print(plan.joined(separator: "\n")) }
                for line in plan {
                    if let range = line.firstRange(of: "Execution Time: ") {
                        total += Double(line[range.upperBound...].prefix { $0.isNumber || $0 == "." }) ?? 0
                    }
                    if let range = line.firstRange(of: "Planning Time: ") {
                        planned += Double(line[range.upperBound...].prefix { $0.isNumber || $0 == "." }) ?? 0
                    }
                }
                if let line = plan.first(where: { $0.contains("Buffers: shared") }), let range = line.firstRange(of: "Buffers: shared ") {
                    for part in line[range.upperBound...].split(separator: " ") {
                        let pair = part.split(separator: "=")
                        if pair.count == 2, pair[0] == "hit" || pair[0] == "read", let n = Int(pair[1].filter(\.isNumber)) { buffers += n }
                    }
                }
            }
            times.append(total)
            plans.append(planned)
        }
        return Explained(milliseconds: Stats(times).median, planning: Stats(plans).median, buffers: buffers)
    }

    /// More Suspicious IPs windows (seconds, comma-separated in BENCH_EXPLAIN_WINDOWS): on a smaller database a
    /// longer window reads as many rows as a bigger database's shorter one.
    static var extraWindows: [Int] {
        guard let text = getenv("BENCH_EXPLAIN_WINDOWS") else { return [] }
        return String(cString: text).split(separator: ",").compactMap { Int($0) }
    }

    /// The lines of the figures: catch-up, then each aggregate with rollups and raw, its window ending now.
    static func report(_ db: PGConnection, runs: Int = 7, built: (milliseconds: Double, steps: Int, rows: Int)? = nil) throws -> [String] {
        let built = try built ?? catchUp(db)
        var lines = ["rollup catch-up from nothing: \(built.milliseconds.formatted) ms, \(built.steps) steps, \(built.rows) rows read"]
        let pairs: [(String, [Statement], [Statement])] = [
            ("overview 24 h", OverviewQueries.overview(rollups: true).statements, OverviewQueries.overview(rollups: false).statements),
            ("suspicious IPs 1 h", SuspiciousIPQueries.list(windowSeconds: 3_600, rollups: true).statements,
             SuspiciousIPQueries.list(windowSeconds: 3_600, rollups: false).statements),
            ("suspicious IPs 24 h", SuspiciousIPQueries.list(windowSeconds: 86_400, rollups: true).statements,
             SuspiciousIPQueries.list(windowSeconds: 86_400, rollups: false).statements),
        ] + extraWindows.map { seconds in
            ("suspicious IPs \(seconds) s", SuspiciousIPQueries.list(windowSeconds: seconds, rollups: true).statements,
             SuspiciousIPQueries.list(windowSeconds: seconds, rollups: false).statements)
        }
        for (name, rolled, raw) in pairs {
            _ = try db.run(RollupQueries.step())    // fresh: a step within the margin
            let rolledUp = try explain(db, rolled, runs: runs), rawRead = try explain(db, raw, runs: runs)
            lines.append("\(name): rollups \(rolledUp.milliseconds.formatted) ms (\(rolledUp.buffers) buffers, planning "
                         + "\(rolledUp.planning.formatted) ms), raw \(rawRead.milliseconds.formatted) ms (\(rawRead.buffers) buffers, "
                         + "planning \(rawRead.planning.formatted) ms)")
        }
        let idle = try explain(db, RollupQueries.step().statements, runs: runs)
        lines.append("one maintenance step with nothing new: \(idle.milliseconds.formatted) ms (\(idle.buffers) buffers)")
        return lines
    }
}
