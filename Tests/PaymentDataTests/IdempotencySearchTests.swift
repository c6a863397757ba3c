import PaymentData
import Testing
import TestSupport

/// The platform's idempotency log is searchable by key (`/`), and each record shows in its payment's timeline.
@Suite("idempotency log search")
struct IdempotencySearchTests {
    @Test("stripe-service: an idempotency_logs key finds its payment; the record is in the payment's timeline")
    func stripeService() throws {
        let db = try StripeServiceProfileTests.database()
        try StripeServiceProfileTests.insertRows(db)
        let payment = StripeServiceProfileTests.s(2)
        let local = "($1::timestamptz AT TIME ZONE '\(StripeServiceProfileTests.zone)')"
        try db.query("""
            INSERT INTO idempotency_logs ("id", "key", "requestPath", "requestHash", "statusCode", "response", "paymentId",
                                          "createdAt", "expiresAt")
            VALUES ('11111111-aaaa-4aaa-8aaa-111111111111', 'order_1002:create-intent', '/api/payments/intents', 'h1',
                    201, '{"id": "pi_3S2"}', $2, \(local), \(local) + interval '24 hours'),
                   ('22222222-aaaa-4aaa-8aaa-222222222222', 'order_9999:create-intent', '/api/payments/intents', 'h2',
                    409, '{"error": "conflict"}', NULL, \(local), \(local) + interval '24 hours')
            """, [StripeServiceProfileTests.at(17_990), payment.string])
        let hits = try db.run(try TransactionQueries.search("order_1002:create-intent"))
        #expect(hits.map(\.transaction.id) == [payment])
        #expect(hits.map(\.matchedBy) == ["idempotency key"])
        // A key whose record names no payment finds nothing; an intent id still finds its payment.
        #expect(try db.run(try TransactionQueries.search("order_9999:create-intent")).isEmpty)
        #expect(try db.run(try TransactionQueries.search("pi_3S2")).map(\.matchedBy) == ["intent id"])
        let timeline = try db.run(PaymentDetailQueries.timeline(payment))
        let record = try #require(timeline.first { $0.source == .idempotency })
        #expect(record.kind == "idempotency /api/payments/intents")
        #expect(record.status == "201" && record.detail == "order_1002:create-intent")
        #expect(record.at == StripeServiceProfileTests.at(17_990))
    }

    @Test("canonical: a payment_idempotency key finds the payment its cached response names")
    func canonical() throws {
        let db = try TestCluster.shared.connect(.seeded)
        let row = try db.query("""
            SELECT idempotency_key, (response ->> 'payment_id')::uuid FROM payment_idempotency ORDER BY idempotency_key LIMIT 1
            """)
        try #require(row.count == 1, "the demo keeps idempotency records")
        let key: String = try row[0].decode(0)
        let payment: PGUUID = try row[0].decode(1)
        let hits = try db.run(try TransactionQueries.search(key))
        #expect(hits.map(\.transaction.id) == [payment] && hits.map(\.matchedBy) == ["idempotency key"])
        #expect(try db.run(PaymentDetailQueries.timeline(payment)).contains { $0.source == .idempotency && $0.detail == key })
    }
}
