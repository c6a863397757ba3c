import PaymentData

/// One pane query as the bench times it: the statements psql gets, and a run through payops' data layer
/// that decodes into the pane's own types, as the console does.
struct BenchQuery {
    let name: String
    let statements: [Statement]
    let snapshot: Bool
    let run: (PGConnection) throws -> Void
    /// Page fetches, searches and timelines: the queries that must not slow down more than 1.5× from 1 M to 10 M.
    let scaleBound: Bool
}

/// The pane queries `make bench` measures, with parameters taken from the seeded data.
enum BenchQueries {
    static func all(_ db: PGConnection) throws -> [BenchQuery] {
        let first = try db.run(TransactionQueries.page(.first))
        guard let newest = first.rows.first, let last = first.rows.last else { fatalError("no payments to measure") }
        var list: [BenchQuery] = []
        func add<V>(_ name: String, _ query: Query<V>, scaleBound: Bool = false) {
            list.append(BenchQuery(name: name, statements: query.statements, snapshot: query.snapshot,
                                   run: { _ = try $0.run(query) }, scaleBound: scaleBound))
        }
        add("transactions first page", TransactionQueries.page(.first), scaleBound: true)
        add("transactions next page", TransactionQueries.page(.after(last.cursor)), scaleBound: true)
        add("transactions last page", TransactionQueries.page(.last), scaleBound: true)
        add("transactions failed page", TransactionQueries.page(.first, filter: TransactionFilter(statuses: [.failed])), scaleBound: true)
        add("search by id", try TransactionQueries.search(newest.id.string), scaleBound: true)
        add("search by intent id", try TransactionQueries.search(newest.intentID ?? "pi_none"), scaleBound: true)
        add("payment timeline (detail)", PaymentDetailQueries.detail(newest.id), scaleBound: true)
        // Windows end at the newest payment, not now: a kept cluster (BENCH_DATA_DIR) measures the same rows however
        // long after its seed it runs.
        let asOf = newest.createdAt
        add("suspicious IPs 1 h", SuspiciousIPQueries.list(windowSeconds: 3600, asOf: asOf))
        add("suspicious IPs 24 h", SuspiciousIPQueries.list(windowSeconds: 86_400, asOf: asOf))
        add("queue depth", QueueQueries.depth(asOf: asOf))
        add("venue balances", VenueQueries.balances())
        add("overview", OverviewQueries.overview(asOf: asOf))
        return list
    }
}
