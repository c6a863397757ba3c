import PaymentData
import Testing
import TestSupport

/// The row counter's totals for the long lists are the planner's estimates: on every profile they run (planning
/// only) on the read model, are close to the true count once the tables are analysed, and follow the filter.
@Suite("row estimates for the long lists")
struct RowEstimateTests {
    @Test("every estimate runs on every profile's read model, and an event's payload can be read whole", arguments: Profile.fixtureNames)
    func everyProfile(_ fixture: String) throws {
        let conninfo = fixture == Profile.canonical.name
            ? try TestCluster.shared.freshDatabase(.seeded) : try TestCluster.shared.freshDatabase(fixture: fixture, seeded: true)
        let db = try PGConnection(conninfo)
        let rls = try db.isolatesTenants()
        if rls { try db.enter(.all) }
        try db.execute("ANALYZE")
        let all = try db.run(RowEstimates.transactions(filter: TransactionFilter()))
        let count = try db.query("SELECT count(*) FROM payops_read.payments")[0].decode(0, as: Int.self)
        #expect(count > 0)
        // Under row-level security the planner cannot see the tenant policy's share (its quals read a setting) and
        // guesses a small fraction (tickettoken-rls: 15 for 3,000): the counter still shows `~`, and never less than
        // the rows already paged through. Elsewhere the estimate is within 10 %.
        if rls {
            #expect(all > 0, "\(fixture): estimate \(all) for \(count) payments")
        } else {
            #expect(Double(abs(all - count)) <= Double(count) * 0.1 + 10, "\(fixture): estimate \(all) for \(count) payments")
        }
        let failed = try db.run(RowEstimates.transactions(filter: TransactionFilter(statuses: [.failed])))
        #expect(failed < all || rls, "\(fixture): a filter narrows the estimate (\(failed) of \(all))")
        #expect(try db.run(RowEstimates.venues(nameContains: nil)) > 0, "\(fixture): venues")
        _ = try db.run(RowEstimates.operatorActions(operatorName: "alice"))
        try Self.queuePayloads(db, fixture)
        // A platform whose read model has no events (its view says so) estimates none; the others some.
        let events = try db.run(RowEstimates.events(filter: EventFilter()))
        guard let newest = try db.run(AuditQueries.events(.first, limit: 1)).rows.first else {
            #expect(events <= 1, "\(fixture): no events, estimated \(events)")
            return
        }
        #expect(events > 0, "\(fixture): events")
        let payload = try db.run(AuditQueries.eventPayload(newest.id))
        let expected = try db.query("SELECT payload::text FROM payops_read.events WHERE id = $1", [newest.id])[0]
            .decode(0, as: String?.self)
        #expect(payload?.text == expected, "\(fixture): the payload as the read model has it")
    }

    /// The describe view's payload reads return what the read model holds for one row of each queue.
    static func queuePayloads(_ db: PGConnection, _ fixture: String) throws {
        let reads: [(String, (String) -> Query<JSONText?>)] = [
            ("outbox", { PayloadQueries.outbox(Int64($0)!) }), ("dead_letters", { PayloadQueries.deadLetter(Int64($0)!) }),
            ("webhooks", { PayloadQueries.webhook(PGUUID($0)!) }),
        ]
        for (relation, read) in reads {
            let rows = try db.query("SELECT id::text, payload::text FROM payops_read.\(relation) ORDER BY id LIMIT 1")
            guard rows.count > 0 else { continue }
            let row = rows[0]
            let payload = try db.run(read(try row.decode(0, as: String.self)))
            let expected = try row.decode(1, as: String?.self)
            #expect(payload?.text == expected, "\(fixture) \(relation)")
        }
    }

    @Test("an estimate is planning only: EXPLAIN of the list's own FROM and WHERE")
    func planningOnly() {
        let query = RowEstimates.transactions(filter: TransactionFilter(statuses: [.failed, .refunded], minAmount: 1000))
        #expect(query.statements.count == 1)
        #expect(query.statements[0].sql.hasPrefix("EXPLAIN (FORMAT JSON) SELECT 1 FROM payops_read.payments t WHERE "))
        #expect(RowEstimates.planRows(#"[{"Plan": {"Node Type": "Seq Scan", "Plan Rows": 2992, "Plans": [{"Plan Rows": 5}]}}]"#) == 2992)
        #expect(RowEstimates.planRows("no plan") == nil)
    }
}
