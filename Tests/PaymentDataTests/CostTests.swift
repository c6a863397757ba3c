import PaymentData
import Testing
import TestSupport

/// Every pane statement, run with EXPLAIN (ANALYZE, BUFFERS) on 200,000 payments of each profile, must read about
/// what it returns. What a statement reads is counted per table, from its plan: each scan node's rows, plus the
/// rows its filter or recheck removed, times its loops. An index walk that filters the whole table (`Index Scan
/// Backward … Filter: …`) reads as many rows as a sequential scan, and fails exactly like one. The bounds, for every
/// table of the platform that holds 10,000 rows or more:
///   * a page, a lookup, a preview (a LIMIT of 50–200 rows or one payment): at most 2,000 rows of each table,
///     whatever its size — a walk of 200 k payments is 200,000 — and at most 60 buffers per row it returns (200 at
///     least: an index read through a key that is not its first reads every entry and no row);
///   * a windowed aggregate (the Overview, Suspicious IPs, queue depth): at most a quarter of each table's rows (and
///     2,000 at least) — the 24 h window holds about 5 % of the demo's 90 days, a full scan 100 %.
/// Plans are made with random_page_cost = 1.1, as on the SSDs payment databases run on (with the default 4, made
/// for spinning disks, the planner prefers reading a whole table to 12,000 index lookups: the Overview on revendiste
/// then hashes every order).
/// `dropping each index fails the check` proves the bounds can fail: with any one of the profile's recommended
/// indexes dropped (with the alternates that start with the same key, in a transaction rolled back), some statement
/// goes over. Indexes on tables under 10,000 rows in the demo (queues, dead letters) are outside its reach.
@Suite("EXPLAIN (ANALYZE, BUFFERS): pane statements read about what they return, at 200 k payments")
struct CostTests {
    static let transactions = 200_000
    /// One fixture per profile (their variants differ in types and names, which ExplainTests covers at 3 k).
    static let fixtures = ["canonical", "tickettoken", "revendiste", "stripe-service", "wallets", "advanced-payments"]
    static let pageBound = 2_000
    /// And a page's whole statement at most this many buffers per row it returns (and 200 at least): an index read
    /// through a key that is not its first (every entry, no table row) reads no rows but many pages.
    static let buffersPerRow = 60

    /// Reads over the bounds that are known, measured and explained, per fixture: (statement label prefix, table).
    /// revendiste: payments join their orders with an inner join (the action functions lock a payment through the
    /// read model, which a LEFT JOIN's nullable side forbids), and for the Overview's window the planner reads the
    /// orders' primary key in full, index only (200 k entries, no table rows), rather than 12 k lookups. Issue 12's
    /// rollups remove the join from the Overview.
    /// Recommended indexes whose absence the bounds may not see at 200 k payments, per fixture, each for a stated
    /// reason (the planner's choice near a bound varies between runs); any other unguarded index fails the test.
    ///   * a window index of the Overview or Suspicious IPs (refunds, fraud checks, failed orders in the window,
    ///     the covering twins of the time index): without it the planner reaches the window through the payments'
    ///     time index and reads about 5 % of the table, within the windowed bound — the index makes it faster,
    ///     not bounded;
    ///   * advanced-payments' (order_id) index: without it the user search goes orders → transactions by a hash
    ///     of the customer's orders, still within the page bound at 200 k;
    ///   * tickettoken's outbox id index: no pane statement looks an outbox row up by its id; the outbox reset
    ///     action does, which this check does not run;
    ///   * the payments' updated_at index (issue 12's rollups): it serves rollup maintenance (payops.rollup_step,
    ///     not a pane statement) and the rollup reads' scan of recently changed payments; without it the planner
    ///     reaches them through the time index, bounded by the window's closed minutes (empty here: the cost
    ///     databases have no rollups built), within the windowed bound.
    static let knownUnguarded: [String: Set<String>] = [
        "canonical": ["payops_refunds_created", "payops_payments_updated"],
        "tickettoken": ["payops_tt_refunds_created", "payops_tt_fraud_failed", "payops_tt_outbox_id", "payops_tt_payments_updated"],
        "stripe-service": ["payops_ss_payments_created_covering", "payops_ss_history_refunds", "payops_ss_payments_updated"],
        "revendiste": ["payops_rv_refunds_created", "payops_rv_payments_updated"],
        "advanced-payments": ["payops_ap_payments_order", "payops_ap_payments_updated"],
        "wallets": ["payops_w_orders_created_covering", "payops_w_orders_failed", "payops_w_orders_updated"],
    ]

    static let allowances: [String: [(String, String)]] = [
        "revendiste": [("overview #1", "orders"), ("overview #2", "orders")],
    ]

    static func database(_ fixture: String) throws -> PGConnection {
        let db = try PGConnection(try TestCluster.shared.freshDatabase(fixture: fixture, seeded: true, transactions: transactions))
        if try db.isolatesTenants() { try db.enter(.all) }
        try db.execute("ANALYZE; SET jit = off; SET max_parallel_workers_per_gather = 0; SET random_page_cost = 1.1")
        return db
    }

    /// The statements of a pane (by its title, as an index's purpose names it), by their labels' prefixes.
    static let paneStatements: [String: [String]] = [
        "Transactions": ["transactions", "search", "detail", "timeline", "refund preview"],
        "Overview": ["overview"],
        "Audit trail": ["events", "operator actions"],
        "Suspicious IPs": ["suspicious", "payments from", "events from"],
        "Queues": ["queue depth", "outbox rows", "webhook rows", "dead letters", "nft jobs"],
        "Venues": ["venues", "payouts", "open payouts", "payout preview"],
    ]

    /// Windowed aggregates: bounded by a share of each table, not by a constant.
    static func isWindowed(_ label: String) -> Bool {
        ["overview", "suspicious", "queue depth"].contains { label.hasPrefix($0) }
    }

    /// The platform's tables of 10,000 rows or more, with their row counts.
    static func bigTables(_ db: PGConnection) throws -> [String: Int] {
        let rows = try db.query("""
            SELECT c.relname::text, c.reltuples::bigint FROM pg_class c
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.reltuples >= 10000
            """)
        var tables: [String: Int] = [:]
        for index in 0..<rows.count { tables[try rows[index].decode(0)] = try rows[index].decode(1, as: Int.self) }
        return tables
    }

    /// Rows each table gave the statement: per scan node, (rows + rows removed by its filter or recheck) × loops.
    static func rowsRead(_ db: PGConnection, _ statement: Statement) throws -> ([String: Int], Int, [String]) {
        let plan = try db.query("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF) " + statement.sql,
                                statement.parameters).map { try $0.decode(0, as: String.self) }
        var read: [String: Int] = [:]
        var table: String? = nil
        var rows = 0
        var loops = 0
        var removed = 0
        func flush() {
            if let table { read[table, default: 0] += (rows + removed) * loops }
            table = nil
        }
        func number(after key: String, in line: String) -> Int? {
            guard let range = line.firstRange(of: key) else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        for line in plan {
            if line.contains("Scan") && line.contains(" on "), let actual = line.firstRange(of: "(actual rows=") {
                flush()
                let afterOn = line[line.firstRange(of: " on ")!.upperBound...]
                table = String(afterOn.prefix { $0 != " " && $0 != "(" }).replacing("\"", with: "")
                rows = number(after: "(actual rows=", in: String(line[actual.lowerBound...])) ?? 0
                loops = number(after: "loops=", in: line) ?? 1
                removed = 0
            } else if line.contains("->") || line.contains("(actual rows=") {
                flush()
            } else if table != nil, line.contains("Rows Removed by") {
                removed += number(after: ": ", in: line) ?? 0
            }
        }
        flush()
        // The root's Buffers line comes before its first child ("->") and the planning section; none means 0.
        var buffers = 0
        for line in plan.dropFirst() {
            if line.contains("->") || line.hasPrefix("Planning") { break }
            guard let range = line.firstRange(of: "Buffers: shared ") else { continue }
            for part in line[range.upperBound...].split(separator: " ") {
                let pair = part.split(separator: "=")
                if pair.count == 2, pair[0] == "hit" || pair[0] == "read", let n = Int(pair[1].filter(\.isNumber)) { buffers += n }
            }
            break
        }
        return (read, buffers, plan)
    }

    /// The statements over their bound, with what they read.
    static func overBound(_ db: PGConnection, _ statements: [(String, Statement)], _ big: [String: Int],
                          allowed: [(String, String)] = []) throws -> [String] {
        var over: [String] = []
        for (label, statement) in statements {
            let (read, buffers, plan) = try rowsRead(db, statement)
            let returned = plan.first.flatMap { line in
                line.firstRange(of: "(actual rows=").map { Int(line[$0.upperBound...].prefix { $0.isNumber }) ?? 0 }
            } ?? 0
            let bufferBound = max(200, buffersPerRow * (returned + 1))
            if !isWindowed(label), buffers > bufferBound {
                over.append("\(label): \(buffers) buffers > \(bufferBound)\n" + plan.joined(separator: "\n"))
            }
            for (table, count) in read.sorted(by: { $0.key < $1.key }) {
                guard let size = big[table], !allowed.contains(where: { label.hasPrefix($0.0) && $0.1 == table }) else { continue }
                let bound = isWindowed(label) ? max(pageBound, size / 4) : pageBound
                if count > bound {
                    over.append("\(label): \(count) rows of \(table) (\(size)) > \(bound)\n" + plan.joined(separator: "\n"))
                }
            }
        }
        return over
    }

    @Test("every pane statement stays within its bound", arguments: fixtures)
    func withinBounds(_ fixture: String) throws {
        let db = try Self.database(fixture)
        let count: Int = try db.query("SELECT count(*)::int FROM payops_read.payments")[0].decode(0)
        #expect(count >= 190_000, "\(fixture): \(count) payments")
        let statements = try ExplainTests.paneStatements(db)
        let over = try Self.overBound(db, statements, try Self.bigTables(db), allowed: Self.allowances[fixture] ?? [])
        #expect(over.isEmpty, "\(fixture):\n\(over.joined(separator: "\n\n"))")
    }

    @Test("dropping each recommended index makes some statement of its pane go over", arguments: fixtures)
    func droppingEachIndexFails(_ fixture: String) throws {
        let db = try Self.database(fixture)
        guard let (profile, _) = Profile.fixture(named: fixture) else { throw TestClusterError("no fixture \(fixture)") }
        let statements = try ExplainTests.paneStatements(db)
        let big = try Self.bigTables(db)
        var unguarded: [String] = []
        var checked = 0
        for index in profile.indexes {
            // Every droppable index of the recommendation's table that starts with its first key: payops' own, a
            // covering twin, or the platform's index that made payops' unnecessary (found by building the
            // recommendation on an empty copy of the table and comparing first keys as PostgreSQL prints them).
            let table = index.table.replacing("\"", with: "")
            guard big[table] != nil else { continue }
            try db.execute("BEGIN")
            try db.execute("CREATE TEMP TABLE cost_probe (LIKE public.\(index.table))")
            do {
                try db.execute("CREATE INDEX cost_probe_ix ON pg_temp.cost_probe " + index.definition.drop(while: { $0 != "(" }))
            } catch {
                // A line for another variant of the platform (a column this one lacks): not needed here.
                try db.execute("ROLLBACK")
                continue
            }
            let alternates = try db.query("""
                SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE i.indrelid = $1::regclass
                  AND pg_get_indexdef(i.indexrelid, 1, true) = pg_get_indexdef('pg_temp.cost_probe_ix'::regclass, 1, true)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                """, ["public." + index.table]).map { try $0.decode(0, as: String.self) }
            try db.execute("ROLLBACK")
            guard !alternates.isEmpty else { continue }
            checked += 1
            let prefixes = Self.paneStatements[index.pane] ?? []
            let served = statements.filter { statement in prefixes.contains { statement.0.hasPrefix($0) } }
            try db.execute("BEGIN")
            for name in alternates { try db.execute("DROP INDEX public.\"\(name)\"") }
            let over = try Self.overBound(db, served.isEmpty ? statements : served, big,
                                          allowed: Self.allowances[fixture] ?? [])
            try db.execute("ROLLBACK")
            if over.isEmpty { unguarded.append(index.name) }
        }
        #expect(checked > 3, "\(fixture): recommended indexes on big tables were dropped and checked")
        let unexpected = Set(unguarded).subtracting(Self.knownUnguarded[fixture] ?? [])
        #expect(unexpected.isEmpty, "\(fixture): indexes whose absence no statement of their pane shows: \(unexpected.sorted())")
    }
}
