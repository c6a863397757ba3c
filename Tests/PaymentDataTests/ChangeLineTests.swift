import PaymentData
import Testing
import TestSupport

/// What an event changed, in one line (payops_read.change_line): the Audit trail and a payment's timeline show
/// "status: pending → succeeded", not two JSON documents.
@Suite("change line")
struct ChangeLineTests {
    @Test("advanced-payments: an audit trigger's UPDATE row shows only the fields that changed, old → new")
    func auditLogDiff() throws {
        let db = try PGConnection(try TestCluster.shared.freshDatabase(fixture: "advanced-payments", seeded: false))
        try db.execute("""
            INSERT INTO customers (id, email) VALUES ('c0000000-0000-4000-8000-000000000001', 'c@example.com');
            INSERT INTO orders (id, customer_id, amount, status)
                VALUES ('0d000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 12.34, 'created');
            INSERT INTO transactions (id, order_id, transaction_type, amount, status, gateway_transaction_id)
                VALUES ('70000000-0000-4000-8000-000000000001', '0d000000-0000-4000-8000-000000000001', 'purchase',
                        12.34, 'pending', 'gw_1');
            """)
        // A transaction of its own: the audit row's CURRENT_TIMESTAMP is later than the INSERT's.
        try db.execute("""
            UPDATE transactions SET status = 'succeeded', gateway_transaction_id = 'gw_2',
                                    updated_at = updated_at + interval '1 second'
            WHERE id = '70000000-0000-4000-8000-000000000001';
            """)
        let page = try db.run(AuditQueries.events(.first))
        // Newest first: the UPDATE (two fields changed; updated_at is bookkeeping), then the INSERT.
        #expect(page.rows.map(\.eventType) == ["transactions.update", "transactions.insert"])
        #expect(page.rows.first?.change == "gateway_transaction_id: gw_1 → gw_2; status: pending → succeeded")
        let created = try #require(page.rows.last?.change)
        #expect(created.hasPrefix("created: ") && created.contains("amount=12.34") && created.contains("status=pending"))
        #expect(!created.contains("updated_at="), "bookkeeping fields are left out")
        let payment = PGUUID("70000000-0000-4000-8000-000000000001")!
        let timeline = try db.run(PaymentDetailQueries.timeline(payment))
        #expect(timeline.contains { $0.kind == "transactions.update"
            && $0.detail == "gateway_transaction_id: gw_1 → gw_2; status: pending → succeeded" })
    }

    @Test("the other payload shapes: a status change with its reason, a ledger move, and nothing to say")
    func shapes() throws {
        let db = try TestCluster.shared.connect(.migrated)
        func line(_ json: String) throws -> String? {
            try db.query("SELECT payops_read.change_line($1::jsonb)", [json])[0].decode(0)
        }
        #expect(try line(#"{"from": "pending", "to": "succeeded", "reason": "captured"}"#) == "pending → succeeded (captured)")
        #expect(try line(#"{"from_status": null, "to_status": "paid"}"#) == "∅ → paid")
        #expect(try line(#"{"balance_before": 10000, "balance_after": 8766, "amount": 1234}"#) == "balance 100.00 → 87.66")
        #expect(try line(#"{"old_values": {"a": 1, "updated_at": "x"}, "new_values": {"a": 1, "updated_at": "y"}}"#) == nil,
                "nothing but bookkeeping changed")
        #expect(try line(#"{"old_values": {"status": "a"}}"#) == "deleted: status=a")
        #expect(try line(#"{"ip": "203.0.113.7"}"#) == nil)
    }
}
