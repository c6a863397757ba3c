import PaymentData
import Testing
import TestSupport

/// Every pane query must have an index path on the two big tables: with sequential scans disabled,
/// the planner still picks one only when nothing else exists, so a Seq Scan in the plan fails the test.
@Suite("EXPLAIN: no pane query scans the big tables sequentially, on any profile")
struct ExplainTests {
    static let anchor = TestCluster.anchor

    /// Every statement the panes send, with realistic parameters taken from the seeded database.
    static func paneStatements(_ db: PGConnection) throws -> [(String, Statement)] {
        let sample = try db.run(TransactionQueries.page(.first, limit: 1)).rows.first
        let id = sample?.id ?? PGUUID("00000000-0000-0000-0000-000000000001")!
        let cursor = sample?.cursor ?? TransactionCursor(createdAt: anchor, id: id)
        let venue = sample?.venueID ?? id
        let eventCursor = EventCursor(createdAt: anchor, id: id)
        let ip = InetAddress("203.0.113.7")!
        let filters: [TransactionFilter] = [
            .init(statuses: [.failed]), .init(statuses: [.refunded, .partiallyRefunded]), .init(venueID: venue),
            .init(from: anchor.adding(seconds: -86_400), until: anchor), .init(minAmount: 5_000, maxAmount: 9_000),
            .init(statuses: [.completed], venueID: venue, from: anchor.adding(seconds: -7 * 86_400)),
        ]
        // Where row-level security isolates tenants, the console sends the raw statements alone (no rollups there).
        let rolled = !(try db.isolatesTenants())
        var queries: [(String, [Statement])] = []
        func add<V>(_ label: String, _ query: Query<V>) { queries.append((label, query.statements)) }
        for request in [PageRequest<TransactionCursor>.first, .last, .after(cursor), .before(cursor)] {
            add("transactions \(request)", TransactionQueries.page(request))
            for filter in filters { add("transactions \(request) \(filter)", TransactionQueries.page(request, filter: filter)) }
        }
        add("search uuid", try TransactionQueries.search(id.string))
        add("search intent", try TransactionQueries.search(sample?.intentID ?? "pi_x"))
        add("search prefix", try TransactionQueries.search(String(id.string.prefix(6))))
        add("detail", PaymentDetailQueries.detail(id))
        add("timeline", PaymentDetailQueries.timeline(id))
        for request in [PageRequest<EventCursor>.first, .last, .after(eventCursor), .before(eventCursor)] {
            add("events \(request)", AuditQueries.events(request))
            add("events by type \(request)", AuditQueries.events(request, filter: .init(eventType: "payment.failed")))
            add("events by payment \(request)", AuditQueries.events(request, filter: .init(paymentID: id)))
            add("events by ip \(request)", AuditQueries.events(request, filter: .init(network: ip)))
        }
        add("operator actions", AuditQueries.operatorActions(.first))
        add("operator actions last", AuditQueries.operatorActions(.last))
        for window in [3600, 86_400] {
            add("suspicious \(window)", SuspiciousIPQueries.list(windowSeconds: window, asOf: anchor, rollups: rolled))
            add("suspicious \(window) now", SuspiciousIPQueries.list(windowSeconds: window, rollups: rolled))
        }
        add("payments from ip", SuspiciousIPQueries.payments(from: ip))
        add("payments from ip in the window", SuspiciousIPQueries.payments(from: ip, withinSeconds: 3600))
        add("events from subnet in the window", SuspiciousIPQueries.events(from: InetAddress("198.51.100.0/24")!, withinSeconds: 3600))
        add("payments from subnet", SuspiciousIPQueries.payments(from: InetAddress("203.0.113.0/24")!))
        for request in [PageRequest<EventCursor>.first, .last, .after(eventCursor), .before(eventCursor)] {
            add("events from subnet \(request)", SuspiciousIPQueries.events(from: InetAddress("198.51.100.0/24")!, request))
        }
        add("queue depth", QueueQueries.depth(asOf: anchor))
        add("outbox rows", QueueQueries.waitingOutbox())
        add("webhook rows", QueueQueries.webhooks())
        add("dead letters", QueueQueries.deadLetters(errorGroup: "x"))
        add("queue depth with webhook groups", QueueQueries.depthWithWebhookGroups(asOf: anchor))
        add("outbox rows stuck", QueueQueries.outboxRows(eventType: nil, stuck: true))
        add("outbox rows of a type", QueueQueries.outboxRows(eventType: "payment.completed", stuck: false))
        add("webhook rows of an error", QueueQueries.failedWebhooks(.message("timeout")))
        add("webhook rows without an error", QueueQueries.failedWebhooks(.none))
        add("webhook rows marked", QueueQueries.webhooks(ids: [id]))
        add("dead letters without an error", QueueQueries.deadLettersWithoutError())
        add("dead letters marked", QueueQueries.waitingDeadLetters(ids: [1, 2, 3]))
        add("payouts detail", PayoutDetailQueries.detail(id))
        add("nft jobs", QueueQueries.nftJobs())
        add("nft jobs failed", QueueQueries.nftJobs(status: "failed"))
        add("refund preview", RefundPreview.query(id))
        add("payout preview", PayoutPreview.query(venue))
        add("venues", VenueQueries.balances())
        add("venues find", VenueQueries.find("hall"))
        add("payouts", VenueQueries.payouts(venue: venue))
        add("open payouts", VenueQueries.openPayoutRequests())
        add("overview", OverviewQueries.overview(asOf: anchor, rollups: rolled))
        add("overview now", OverviewQueries.overview(rollups: rolled))
        add("session", SessionQueries.capabilities())
        if try db.run(ChangeProbeQueries.available()) {    // the probe's second statement is "queue depth" itself
            queries.append(("change probe overview", [ChangeProbeQueries.overviewMarks(windowSeconds: 86_400)]))
            add("change probe suspicious", ChangeProbeQueries.suspiciousIPs(windowSeconds: 3600))
        }
        return queries.flatMap { label, statements in
            statements.enumerated().map { ("\(label) #\($0.offset + 1)", $0.element) }
        }
    }

    /// The tables that grow with the business: a pane may never read them sequentially, on any profile.
    static let bigTables = ["payment_transactions", "payment_events", "payment_refunds", "fraud_checks", "payments",
                            "payment_status_history", "transactions", "refunds", "audit_logs", "orders"]

    @Test("with enable_seqscan = off, no plan reads the big tables sequentially, on every profile",
          arguments: Profile.fixtureNames)
    func noSequentialScans(_ kind: String) throws {
        let db = try PGConnection(kind == Profile.canonical.name ? try TestCluster.shared.freshDatabase(.seeded)
                                  : try TestCluster.shared.freshDatabase(fixture: kind, seeded: true))
        if try db.isolatesTenants() { try db.enter(.all) }
        let statements = try Self.paneStatements(db)
        #expect(statements.count > 60)
        // Run, not only planned: a branch the planner proves empty (the timeline's fraud checks on a platform that
        // does not link them to payments) keeps a Seq Scan node that is never executed, and that is no scan.
        try db.execute("SET enable_seqscan = off; SET jit = off")
        var planned = 0
        for (label, statement) in statements {
            let plan = try db.query("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + statement.sql, statement.parameters)
                .map { try $0.decode(0, as: String.self) }
            planned += 1
            let offending = plan.filter { line in
                !line.contains("(never executed)") && Self.bigTables.contains { line.contains("Seq Scan on \($0)") }
            }
            #expect(offending.isEmpty, "\(kind) \(label) scans sequentially:\n\(plan.joined(separator: "\n"))")
        }
        #expect(planned == statements.count)
    }

    @Test("the check itself catches a sequential scan")
    func checkCanFail() throws {
        let db = try TestCluster.shared.connect(.seeded)
        try db.execute("SET enable_seqscan = off; SET jit = off")
        // No index on user_agent: the planner has no choice but a sequential scan.
        let plan = try db.query("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM payment_events WHERE user_agent = $1", ["x"])
            .map { try $0.decode(0, as: String.self) }
        #expect(plan.contains { $0.contains("Seq Scan on payment_events") && !$0.contains("(never executed)") })
    }
}
