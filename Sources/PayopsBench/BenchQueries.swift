import PaymentData

/// The pane queries `make bench` measures, with parameters taken from the seeded data.
enum BenchQueries {
    static func all(_ db: PGConnection) throws -> [(String, [Statement], Bool)] {
        let first = try db.run(TransactionQueries.page(.first))
        guard let newest = first.rows.first, let last = first.rows.last else { fatalError("no payments to measure") }
        var list: [(String, [Statement], Bool)] = []
        func add<V>(_ name: String, _ query: Query<V>) { list.append((name, query.statements, query.snapshot)) }
        add("transactions first page", TransactionQueries.page(.first))
        add("transactions next page", TransactionQueries.page(.after(last.cursor)))
        add("transactions last page", TransactionQueries.page(.last))
        add("transactions failed page", TransactionQueries.page(.first, filter: TransactionFilter(statuses: [.failed])))
        add("search by id", try TransactionQueries.search(newest.id.string))
        add("search by intent id", try TransactionQueries.search(newest.intentID ?? "pi_none"))
        add("payment timeline (detail)", PaymentDetailQueries.detail(newest.id))
        add("suspicious IPs 1 h", SuspiciousIPQueries.list(windowSeconds: 3600))
        add("suspicious IPs 24 h", SuspiciousIPQueries.list(windowSeconds: 86_400))
        add("queue depth", QueueQueries.depth())
        add("venue balances", VenueQueries.balances())
        add("overview", OverviewQueries.overview())
        return list
    }
}
