import Foundation
import PaymentData
import Testing
import TestSupport

/// Issue 12, "past one machine": on the canonical platform with payment_events and payment_transactions
/// partitioned by month (PartitionedFixture: six months of rows), every pane statement that reads them by time
/// scans only the partitions its window overlaps. Each runs with EXPLAIN ANALYZE as the console sends it (the
/// clock is now(), the window a parameter, so pruning happens when the executor starts: `Subplans Removed`); a
/// partition counts as scanned when a scan node of its own ran (not "never executed"). Paged lists have no window
/// in their WHERE clause: their window is the page (newest partition down to the oldest row shown, or between the
/// cursor and the last row), and an ordered Append stops at the page's size.
///
/// Statements that read a partitioned table by something other than its time, and so probe every partition, are
/// listed in `probesEveryPartition` with the reason (README, "Past one machine"); the test fails if one of them
/// starts pruning (update the list) or any other statement stops.
@Suite("EXPLAIN: windowed pane statements scan only the month partitions their window overlaps")
struct PartitionPruningTests {
    /// (statement label, partitioned table) pairs that cannot prune, each for a reason stated in the README.
    static let probesEveryPartition: Set<String> = [
        // The Overview's refund totals (#2) and refund alarms (#3) take the window's refunds and join their payments
        // by id (for the currency, the amount, the status); a payment's id says nothing of its month. (#1 is the
        // payments' counts, revenue and reasons in one statement, #4 the queue depth.)
        "overview 24 h #2 payment_transactions", "overview 24 h #3 payment_transactions",
        // Suspicious IPs: the read model's ip_attempts joins each event of the window to its payment by id (the
        // payment's status says the attempt failed; its user and card are counted).
        "suspicious 1 h payment_transactions", "suspicious 6 h payment_transactions",
        "suspicious 24 h payment_transactions",
    ]

    /// One pane statement: a label, its SQL and parameters, and the window [since, until] it reads (nil: open).
    struct Windowed {
        var label: String
        var statement: Statement
        var since: String?
        var until: String?
    }

    @Test("Overview, Suspicious IPs (1 h, 6 h, 24 h), the Audit trail's and Transactions' pages prune to their window's months")
    func windowedStatementsPrune() throws {
        let db = try PartitionedFixture.database()
        var failures: [String] = []
        var pruned: [String] = []
        for item in try Self.statements(db) {
            let plan = try Self.explain(db, item.statement)
            if ProcessInfo.processInfo.environment["PAYOPS_PRUNING_PLANS"] != nil { print("\(item.label):\n\(plan)\n") }
            let scanned = Self.scannedPartitions(plan)
            for table in ["payment_events", "payment_transactions"] {
                let mine = scanned.filter { $0.hasPrefix(table + "_y") }
                guard !mine.isEmpty || plan.contains(" on \(table)_y") else { continue }
                let all = try Self.partitions(db, of: table)
                let overlapping = try Self.overlapping(db, of: table, since: item.since, until: item.until)
                let outside = mine.subtracting(overlapping)
                let key = "\(item.label) \(table)"
                if Self.probesEveryPartition.contains(key) {
                    if outside.isEmpty { failures.append("\(key) is listed as probing every partition but pruned to \(mine.sorted())") }
                    pruned.append("\(key): \(mine.count) of \(all.count) partitions (joined by id: not prunable)")
                    continue
                }
                if !outside.isEmpty {
                    failures.append("\(key): scanned \(outside.sorted()) outside its window (\(item.since ?? "-∞") … "
                                    + "\(item.until ?? "+∞")); plan:\n\(plan)")
                }
                pruned.append("\(key): \(mine.count) of \(all.count) partitions")
            }
        }
        print("partition pruning:\n  " + pruned.joined(separator: "\n  "))
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
        // Not vacuous: the windows reach few partitions, and every statement kind was checked.
        #expect(pruned.contains { $0.hasPrefix("suspicious 1 h payment_events: 1 of") || $0.hasPrefix("suspicious 1 h payment_events: 2 of") },
                "\(pruned)")
        #expect(pruned.contains { $0.hasPrefix("overview 24 h #1 payment_transactions") }, "\(pruned)")
        #expect(pruned.contains { $0.hasPrefix("audit next page payment_events") }, "\(pruned)")
        #expect(pruned.contains { $0.hasPrefix("transactions next page payment_transactions") }, "\(pruned)")
    }

    /// The statements, with the windows they read. The paged ones are read first to find their page's window.
    static func statements(_ db: PGConnection) throws -> [Windowed] {
        var list: [Windowed] = []
        let day = 86_400
        for (index, statement) in OverviewQueries.overview(windowSeconds: day).statements.enumerated() {
            list.append(Windowed(label: "overview 24 h #\(index + 1)", statement: statement,
                                 since: "now() - interval '\(day) seconds'", until: "now()"))
        }
        for (name, seconds) in [("1 h", 3600), ("6 h", 21_600), ("24 h", day)] {
            let query = SuspiciousIPQueries.list(windowSeconds: seconds, asOf: nil, limit: 200)
            list.append(Windowed(label: "suspicious \(name)", statement: query.statements[0],
                                 since: "now() - interval '\(seconds) seconds'", until: "now()"))
        }
        // The Audit trail and Transactions: the first page (newest first), the next page from a cursor three months back, the
        // previous page from there, and the last page (oldest first). A page's window runs from its oldest to its
        // newest fetched row (the extra one that tells whether there is more included), open on the side it starts
        // from without a cursor.
        for table in ["payment_events", "payment_transactions"] {
            let cursorRow = try db.query("""
                SELECT created_at, id FROM \(table) WHERE created_at < now() - interval '90 days'
                ORDER BY created_at DESC, id DESC LIMIT 1
                """)[0]
            let at: Timestamp = try cursorRow.decode(0), id: PGUUID = try cursorRow.decode(1)
            for page in ["first", "next", "previous", "last"] {
                let statement: Statement
                let createdAtColumn: Int
                if table == "payment_events" {
                    let cursor = EventCursor(createdAt: at, id: id)
                    let request: PageRequest<EventCursor> = page == "first" ? .first : page == "next" ? .after(cursor)
                        : page == "previous" ? .before(cursor) : .last
                    (statement, createdAtColumn) = (AuditQueries.events(request).statements[0], 5)
                } else {
                    let cursor = TransactionCursor(createdAt: at, id: id)
                    let request: PageRequest<TransactionCursor> = page == "first" ? .first : page == "next" ? .after(cursor)
                        : page == "previous" ? .before(cursor) : .last
                    (statement, createdAtColumn) = (TransactionQueries.page(request).statements[0], 1)
                }
                let times = try db.query(statement.sql, statement.parameters)
                    .map { try $0.decode(createdAtColumn, as: Timestamp.self) }
                let oldest = try #require(times.min()), newest = try #require(times.max())
                let since = page == "last" ? nil : page == "previous" ? literal(at) : literal(oldest)
                let until = page == "first" ? nil : page == "next" ? literal(at) : literal(newest)
                list.append(Windowed(label: "\(table == "payment_events" ? "audit" : "transactions") \(page) page",
                                     statement: statement, since: since, until: until))
            }
        }
        return list
    }

    /// A timestamp as an SQL expression.
    static func literal(_ at: Timestamp) -> String {
        "(timestamptz 'epoch' + \(at.microseconds) * interval '1 microsecond')"
    }

    static func explain(_ db: PGConnection, _ statement: Statement) throws -> String {
        let rows = try db.query("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + statement.sql, statement.parameters)
        return try rows.map { try $0.decode(0, as: String.self) }.joined(separator: "\n")
    }

    /// Partitions with a scan node of their own that ran.
    static func scannedPartitions(_ plan: String) -> Set<String> {
        let pattern = try! NSRegularExpression(pattern: " on " + PartitionedFixture.partitionPattern + "( |$)")
        var names: Set<String> = []
        for line in plan.split(separator: "\n") where !line.contains("(never executed)") {
            let text = String(line)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                names.insert((text as NSString).substring(with: match.range(at: 1)))
            }
        }
        return names
    }

    static func partitions(_ db: PGConnection, of table: String) throws -> [String] {
        try db.query("SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = $1::regclass ORDER BY 1", [table])
            .map { try $0.decode(0) }
    }

    /// The partitions of `table` whose month overlaps [since, until] (nil: unbounded), from their bounds.
    static func overlapping(_ db: PGConnection, of table: String, since: String?, until: String?) throws -> Set<String> {
        let rows = try db.query("""
            SELECT p.name FROM (
                SELECT inhrelid::regclass::text AS name,
                       (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\) TO \\(''([^'']+)''\\)')) AS b
                FROM pg_inherits JOIN pg_class c ON c.oid = inhrelid WHERE inhparent = $1::regclass) p
            WHERE p.b[1]::timestamptz <= coalesce(\(until ?? "NULL"), 'infinity'::timestamptz)
              AND p.b[2]::timestamptz > coalesce(\(since ?? "NULL"), '-infinity'::timestamptz)
            """, [table])
        return Set(try rows.map { try $0.decode(0, as: String.self) })
    }
}
