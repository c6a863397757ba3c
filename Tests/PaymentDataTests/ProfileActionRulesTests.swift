#if canImport(Glibc)
import Glibc
#endif
import PaymentData
import Testing
import TestSupport

/// What the action-rule tests share: rows as text, a fingerprint of every base table (the platform's and payops'),
/// calls whose jsonb answer is read as key → text, refusals that must leave every table as it was, and races.
enum ActionBench {
    /// Every row of a statement, each cell as its text (nil for NULL).
    static func rows(_ db: PGConnection, _ sql: String, _ params: [any PGParam] = []) throws -> [[String?]] {
        let result = try db.query(sql, params)
        var rows: [[String?]] = []
        for index in 0..<result.count {
            var cells: [String?] = []
            for column in 0..<result.columns.count { cells.append(try result[index].decode(column, as: String?.self)) }
            rows.append(cells)
        }
        return rows
    }

    /// One cell as text.
    static func text(_ db: PGConnection, _ sql: String, _ params: [any PGParam] = []) throws -> String? {
        try db.query(sql, params)[0].decode(0, as: String?.self)
    }

    /// One integer.
    static func int(_ db: PGConnection, _ sql: String, _ params: [any PGParam] = []) throws -> Int64 {
        try db.query(sql, params)[0].decode(0)
    }

    /// Every base table in public (the platform's) and payops (payops' own): row count and an md5 over every row.
    static func fingerprint(_ db: PGConnection) throws -> [String: String] { try tableFingerprint(db) }

    /// Calls an action (`payops.refund($1, …)`) and returns its jsonb answer as key → text ("null" for JSON null).
    @discardableResult
    static func call(_ conn: PGConnection, _ function: String, _ params: [any PGParam]) throws -> [String: String] {
        var result: [String: String] = [:]
        let rows = try conn.query("SELECT e.key, e.value FROM \(function) AS f(j), jsonb_each_text(f.j) AS e", params)
        for index in 0..<rows.count {
            result[try rows[index].decode(0, as: String.self)] = try rows[index].decode(1, as: String?.self) ?? "null"
        }
        return result
    }

    /// Expects `SELECT function` to be refused with `code` and every table (read by `admin`) to be exactly as before.
    @discardableResult
    static func refused(_ code: String, _ conn: PGConnection, admin: PGConnection, _ function: String,
                        _ params: [any PGParam], sourceLocation: SourceLocation = #_sourceLocation) throws -> PGError? {
        let before = try fingerprint(admin)
        let error = #expect(throws: PGError.self, "\(function)", sourceLocation: sourceLocation) {
            try conn.query("SELECT \(function)", params)
        }
        #expect(error?.sqlState == code, "\(function): \(String(describing: error))", sourceLocation: sourceLocation)
        let after = try fingerprint(admin)
        #expect(after == before, "\(function) changed \(after.filter { before[$0.key] != $0.value }.keys.sorted())",
                sourceLocation: sourceLocation)
        return error
    }

    /// The operator-action rows written under a key: operator, action, target type, target id, reason.
    static func audit(_ db: PGConnection, _ key: String) throws -> [[String?]] {
        try rows(db, """
            SELECT operator, action, target_type, target_id, reason FROM payops.operator_actions
            WHERE idempotency_key = $1 ORDER BY id
            """, [key])
    }

    /// Holds `lockSQL`'s row lock, sends `statement` on each connection, waits until every one of them waits on a lock,
    /// lets them go, and returns each call's outcome: "ok" or its SQLSTATE.
    static func race(admin: PGConnection, lockSQL: String, lockParams: [any PGParam], connections: [PGConnection],
                     statement: String, params: (Int) -> [any PGParam],
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        try admin.execute("BEGIN")
        try admin.query(lockSQL, lockParams)
        for (i, conn) in connections.enumerated() { try conn.send(statement, params(i)) }
        var waiting = 0
        for _ in 0..<250 {
            waiting = try admin.query("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                """)[0].decode(0)
            if waiting == connections.count { break }
            usleep(20_000)
        }
        #expect(waiting == connections.count, "all \(connections.count) calls were waiting at once", sourceLocation: sourceLocation)
        try admin.execute("COMMIT")
        return connections.map { conn in
            do { _ = try conn.awaitResult(milliseconds: 20_000); return "ok" } catch let error as PGError {
                return error.sqlState
            } catch { return "\(error)" }
        }
    }
}

/// Every action each non-canonical profile offers, with its rules, on hand-made rows: the exact rows written in the
/// platform's own tables, one payops.operator_actions row per success, and refusals (the SQLSTATEs of
/// Sources/PaymentData/SQL/functions/fn-*.sql) that leave every table, the platform's and payops', as it was.
@Suite("profile actions: rules and the rows each platform gets")
struct ProfileActionRulesTests {
    static let refund = OperatorActionTests.refund
    static let request = OperatorActionTests.request
    static let approve = OperatorActionTests.approve
    static let reject = OperatorActionTests.reject
    static let retry = OperatorActionTests.retry
    static let requeue = OperatorActionTests.requeue
    static let requeueGroup = OperatorActionTests.requeueGroup
    static let requeueSet = "payops.requeue_dead_letter_set($1, $2::bigint[], $3)"
    static let resetOutbox = "payops.reset_outbox($1, $2)"
    static let zone = TestCluster.ticketTokenZone

    /// A login of one of the test operator roles (made once per process by OperatorActionTests' `Operators`).
    static func login(_ conninfo: String, _ user: String) throws -> PGConnection {
        if let failure = Operators.setupFailure { throw PGError(.connection, message: "operator roles: \(failure)") }
        return try PGConnection(conninfo.replacingUser(user))
    }
}

// MARK: - revendiste (seed 000): refunds are refund_initiated payment_events rows in major units

extension ProfileActionRulesTests {
    static let revEvent = Fixtures.uuid(1, 1)
    static let revUser = Fixtures.uuid(3, 1)

    /// A fresh revendiste database (payops installed, no rows) with one event and one user.
    static func revendiste() throws -> (conninfo: String, db: PGConnection) {
        let conninfo = try TestCluster.shared.freshDatabase(fixture: "revendiste", seeded: false)
        let db = try PGConnection(conninfo)
        try db.query("""
            INSERT INTO events (id, external_id, platform, name, event_start_date, event_end_date, venue_address, external_url)
            VALUES ($1, 'rt-1', 'redtickets', 'Cuarteto de Nos · Antel Arena', '2026-12-12 21:00-03', '2026-12-13 00:00-03',
                    'Montevideo', 'https://redtickets.uy/e/1')
            """, [revEvent])
        try db.query("INSERT INTO users (id, clerk_id, email) VALUES ($1, 'user_ana', 'ana@example.uy')", [revUser])
        return (conninfo, db)
    }

    /// Payment n (id Fixtures.uuid(2, n), its order Fixtures.uuid(5, n)) of `amount` MAJOR units in USD.
    @discardableResult
    static func revendistePayment(_ db: PGConnection, _ n: Int, status: String, amount: String) throws -> PGUUID {
        try db.query("""
            INSERT INTO orders (id, user_id, event_id, status, total_amount, subtotal_amount, platform_commission,
                                vat_on_commission, currency, reservation_expires_at)
            VALUES ($1, $2, $3, 'confirmed', $4::numeric, $4::numeric, 0, 0, 'USD', now() + interval '10 minutes')
            """, [Fixtures.uuid(5, n), revUser, revEvent, amount])
        try db.query("""
            INSERT INTO payments (id, order_id, provider, provider_payment_id, status, amount, currency, created_at)
            VALUES ($1, $2, 'dlocal', 'DP-' || $3::text, $4::payment_status, $5::numeric, 'USD', now() - interval '2 hours')
            """, [Fixtures.uuid(2, n), Fixtures.uuid(5, n), String(n), status, amount])
        return Fixtures.uuid(2, n)
    }

    /// The platform's own refund of 20.00 on `payment`, completed: refund_initiated E1 + refund_completed E2.
    static func revendisteEarlierRefund(_ db: PGConnection, _ payment: PGUUID) throws {
        try db.query("""
            INSERT INTO payment_events (id, payment_id, event_type, event_data, created_at) VALUES
                ($1, $2, 'refund_initiated', jsonb_build_object('refund_id', $4::text, 'amount', 20.00, 'currency', 'USD',
                                                                'reason', 'duplicate'), now() - interval '1 hour'),
                ($3, $2, 'refund_completed', jsonb_build_object('refund_id', $4::text), now() - interval '50 minutes')
            """, [Fixtures.uuid(6, 1), payment, Fixtures.uuid(6, 2), Fixtures.uuid(6, 1).string])
    }

    @Test("revendiste: a refund is one pending refund_initiated row in major units (1234 cents → 12.34), one audit row; the same key replays")
    func revendisteRefund() throws {
        let (conninfo, db) = try Self.revendiste()
        let p1 = try Self.revendistePayment(db, 1, status: "paid", amount: "100.00")
        try Self.revendisteEarlierRefund(db, p1)
        let support = try Self.login(conninfo, Operators.support)
        let key = "rv-refund-1"
        let params: [any PGParam] = [p1, Int64(1234), "other", "  customer called twice ", key]
        let first = try ActionBench.call(support, Self.refund, params)
        // 100.00 = 10000 cents; the platform's completed 20.00 = 2000 counts: 8000 refundable; 8000 − 1234 = 6766 after.
        #expect(first["amount"] == "1234")
        #expect(first["currency"] == "USD")
        #expect(first["status"] == "pending")
        #expect(first["refundable_before"] == "8000")
        #expect(first["refundable_after"] == "6766")
        #expect(first["payment_id"] == p1.string)
        let refundID = try #require(first["refund_id"])

        // The one row written in the platform's tables: the refund_initiated event, whose id is the refund's id.
        let earlier = "{\(Fixtures.uuid(6, 1).string),\(Fixtures.uuid(6, 2).string)}"
        let written = try ActionBench.rows(db, """
            SELECT id::text, payment_id::text, event_type::text, from_status::text, to_status::text,
                   event_data ->> 'refund_id', event_data ->> 'amount', jsonb_typeof(event_data -> 'amount'),
                   event_data ->> 'currency', event_data ->> 'reason', event_data ->> 'status',
                   event_data ->> 'idempotency_key', event_data ->> 'operator', event_data ->> 'note',
                   ip_address, user_agent
            FROM payment_events WHERE id <> ALL ($1::uuid[])
            """, [earlier])
        #expect(written == [[refundID, p1.string, "refund_initiated", nil, nil, refundID, "12.34", "number", "USD", "other",
                             "pending", key, Operators.support, "customer called twice", nil,
                             "payops (operator \(Operators.support))"]])
        // The read model sees it as a pending refund of 1234 cents beside the platform's completed 2000.
        #expect(try ActionBench.rows(db, """
            SELECT id::text, amount::text, status, reason FROM payops_read.refunds WHERE transaction_id = $1 ORDER BY created_at
            """, [p1]) == [[Fixtures.uuid(6, 1).string, "2000", "completed", "duplicate"], [refundID, "1234", "pending", "other"]])
        // The payment's status is the payment service's business: untouched.
        #expect(try ActionBench.rows(db, "SELECT status::text, refunded_at FROM payments WHERE id = $1", [p1]) == [["paid", nil]])
        #expect(try ActionBench.audit(db, key) == [[Operators.support, "refund", "payment", p1.string,
                                                    "other: customer called twice"]])

        // The same key and request again: the first answer, nothing more written.
        let before = try ActionBench.fingerprint(db)
        #expect(try ActionBench.call(support, Self.refund, params) == first)
        #expect(try ActionBench.fingerprint(db) == before)
        // The same key with another amount: PX001, nothing written.
        try ActionBench.refused("PX001", support, admin: db, Self.refund, [p1, Int64(1235), "other", "customer called twice", key])
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops.operator_actions") == 1)
    }

    @Test("revendiste: refund rules: over the remainder PX012, exactly the remainder passes; statuses PX010; amount, reason, note, target")
    func revendisteRefundRules() throws {
        let (conninfo, db) = try Self.revendiste()
        let p1 = try Self.revendistePayment(db, 1, status: "paid", amount: "100.00")
        try Self.revendisteEarlierRefund(db, p1)
        let support = try Self.login(conninfo, Operators.support)
        // Remainder: 10000 − 2000 = 8000. One cent over it is refused, nothing written.
        let over = try ActionBench.refused("PX012", support, admin: db, Self.refund, [p1, Int64(8001), "duplicate", PGNull(), "rv-over"])
        #expect(over?.message.contains("exceeds the refundable remainder") == true, "\(String(describing: over))")
        // 1 cent is written as 0.01 and 100 cents as 1.00 (two decimals, major units); then the rest, 7899, as 78.99.
        for (amount, key) in [(Int64(1), "rv-1c"), (Int64(100), "rv-100c"), (Int64(7_899), "rv-rest")] {
            try ActionBench.call(support, Self.refund, [p1, amount, "requested_by_customer", PGNull(), key])
            #expect(try ActionBench.audit(db, key).count == 1, "one audit row for \(key)")
        }
        #expect(try ActionBench.rows(db, """
            SELECT event_data ->> 'amount' FROM payment_events
            WHERE event_type = 'refund_initiated' AND event_data ->> 'source' = 'payops' ORDER BY (event_data ->> 'amount')::numeric
            """) == [["0.01"], ["1.00"], ["78.99"]])
        // 2000 + 1 + 100 + 7899 = 10000: nothing is left, one more cent is refused.
        #expect(try ActionBench.int(db, "SELECT sum(amount) FROM payops_read.refunds WHERE transaction_id = $1", [p1]) == 10_000)
        try ActionBench.refused("PX012", support, admin: db, Self.refund, [p1, Int64(1), "duplicate", PGNull(), "rv-after"])

        // Statuses the platform cannot refund: failed, expired (read as cancelled), pending, refunded: PX010.
        for (n, status) in [(2, "failed"), (3, "expired"), (4, "pending"), (5, "refunded")] {
            let payment = try Self.revendistePayment(db, n, status: status, amount: "45.67")
            try ActionBench.refused("PX010", support, admin: db, Self.refund, [payment, Int64(100), "duplicate", PGNull(), "rv-\(status)"])
        }
        // A partially refunded payment can be refunded further.
        let partial = try Self.revendistePayment(db, 6, status: "partially_refunded", amount: "10.00")
        #expect(try ActionBench.call(support, Self.refund, [partial, Int64(1000), "duplicate", PGNull(), "rv-partial"])["refundable_after"] == "0")
        // The other rules, before anything is written.
        let p7 = try Self.revendistePayment(db, 7, status: "paid", amount: "10.00")
        try ActionBench.refused("PX011", support, admin: db, Self.refund, [p7, Int64(0), "duplicate", PGNull(), "rv-zero"])
        try ActionBench.refused("PX013", support, admin: db, Self.refund, [p7, Int64(100), "changed_mind", PGNull(), "rv-reason"])
        try ActionBench.refused("PX014", support, admin: db, Self.refund, [p7, Int64(100), "other", "   ", "rv-note"])
        try ActionBench.refused("PX002", support, admin: db, Self.refund, [Fixtures.uuid(2, 99), Int64(100), "duplicate", PGNull(), "rv-none"])
        try ActionBench.refused("PX004", support, admin: db, Self.refund, [p7, Int64(100), "duplicate", PGNull(), "  "])
        // Only the four successes wrote audit rows.
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops.operator_actions") == 4)
    }

    @Test("revendiste: 16 concurrent refunds of a quarter plus one cent of 100.00: exactly three succeed")
    func revendisteConcurrentRefunds() throws {
        let (conninfo, db) = try Self.revendiste()
        let p1 = try Self.revendistePayment(db, 1, status: "paid", amount: "100.00")
        let conns = try (0..<16).map { i in try Self.login(conninfo, i % 2 == 0 ? Operators.support : Operators.support2) }
        // 10000 / 4 + 1 = 2501: three fit (7503), a fourth would make 10004.
        let outcomes = try ActionBench.race(
            admin: db, lockSQL: "SELECT 1 FROM payments WHERE id = $1 FOR UPDATE", lockParams: [p1], connections: conns,
            statement: "SELECT \(Self.refund)", params: { i in [p1, Int64(2_501), "duplicate", PGNull(), "rv-race-\(i)"] })
        #expect(outcomes.filter { $0 == "ok" }.count == 3, "\(outcomes)")
        #expect(outcomes.filter { $0 == "PX012" }.count == 13, "\(outcomes)")
        #expect(try ActionBench.rows(db, """
            SELECT count(*)::text, sum((event_data ->> 'amount')::numeric)::text FROM payment_events WHERE event_type = 'refund_initiated'
            """) == [["3", "75.03"]])
        #expect(try ActionBench.int(db, "SELECT sum(amount) FROM payops_read.refunds WHERE transaction_id = $1", [p1]) == 7_503)
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops.operator_actions WHERE action = 'refund'") == 3)
    }
}

// MARK: - advanced-payments (seed 004): a pending refunds row, the trigger's audit row and a refund.requested row

extension ProfileActionRulesTests {
    static let apCustomer = Fixtures.uuid(3, 1)
    static let apEndpoint = Fixtures.uuid(9, 1)

    /// A fresh advanced-payments database (payops installed in `zone`, no rows) with one customer: payops' connection
    /// and the platform's own (its sessions in the profile's zone, as the platform's TIMESTAMPs are local time).
    static func advancedPayments(_ fixture: String = "advanced-payments") throws
        -> (conninfo: String, db: PGConnection, platform: PGConnection)
    {
        let conninfo = try TestCluster.shared.freshDatabase(fixture: fixture, seeded: false)
        let platform = try PGConnection(conninfo)
        try platform.setSession("TimeZone", zone)
        try platform.query("INSERT INTO customers (id, email, first_name, last_name) VALUES ($1, 'ana@example.com', 'Ana', 'Silva')",
                           [apCustomer])
        return (conninfo, try PGConnection(conninfo), platform)
    }

    /// Transaction n (Fixtures.uuid(2, n)) and its order (Fixtures.uuid(5, n)), `amount` in dollars. Untyped parameters,
    /// so that the seed's enums and the variant's VARCHARs both take the labels.
    @discardableResult
    static func apTransaction(_ platform: PGConnection, _ n: Int, type: String = "purchase", status: String,
                              amount: String) throws -> PGUUID {
        try platform.query("""
            INSERT INTO orders (id, customer_id, amount, currency, status) VALUES ($1, $2, $3, 'USD', 'pending')
            """, [Fixtures.uuid(5, n), apCustomer, amount])
        try platform.query("""
            INSERT INTO transactions (id, order_id, transaction_type, amount, currency, status, gateway_transaction_id,
                                      payment_method)
            VALUES ($1, $2, $3, $4, 'USD', $5, 'txn_' || $6::text, '{"type": "card", "brand": "visa", "last4": "4242"}')
            """, [Fixtures.uuid(2, n), Fixtures.uuid(5, n), type, amount, status, String(1000 + n)])
        return Fixtures.uuid(2, n)
    }

    /// The platform's own refunds of A1: R1 20.00 pending (counts), R2 50.00 cancelled (read as failed: does not count).
    static func apEarlierRefunds(_ platform: PGConnection, _ payment: PGUUID) throws {
        try platform.query("""
            INSERT INTO refunds (id, transaction_id, amount, currency, reason, status) VALUES
                ($1, $3, 20.00, 'USD', 'duplicate', 'pending'), ($2, $3, 50.00, 'USD', 'fraudulent', 'cancelled')
            """, [Fixtures.uuid(6, 1), Fixtures.uuid(6, 2), payment])
    }

    /// The ids of every audit_logs row, as an array literal, to tell the rows an action adds.
    static func auditIDs(_ db: PGConnection) throws -> String {
        try ActionBench.text(db, "SELECT coalesce(array_agg(id), '{}')::text FROM audit_logs") ?? "{}"
    }

    @Test("advanced-payments: a refund is a pending refunds row in dollars, the platform trigger's audit row and a refund.requested row")
    func advancedPaymentsRefund() throws {
        let (conninfo, db, platform) = try Self.advancedPayments()
        let a1 = try Self.apTransaction(platform, 1, status: "succeeded", amount: "100.00")
        try Self.apEarlierRefunds(platform, a1)
        let auditBefore = try Self.auditIDs(db)
        let transactionsBefore = try ActionBench.rows(db, "SELECT t::text FROM transactions t ORDER BY id")
        let support = try Self.login(conninfo, Operators.support)
        let key = "ap-refund-1"
        let params: [any PGParam] = [a1, Int64(1234), "other", "customer called twice", key]
        let first = try ActionBench.call(support, Self.refund, params)
        // 10000 cents − R1's 2000 (R2 is cancelled: failed, not counted) = 8000; 8000 − 1234 = 6766.
        #expect(first["refundable_before"] == "8000")
        #expect(first["refundable_after"] == "6766")
        #expect(first["amount"] == "1234")
        let refundID = try #require(first["refund_id"])

        // The refunds row, in dollars, in the transaction's currency, reason code and note; created in the platform's
        // local time (its TIMESTAMP holds wall-clock time in the installed zone, not UTC).
        #expect(try ActionBench.rows(db, """
            SELECT id::text, transaction_id::text, amount::text, currency, reason, status::text,
                   abs(extract(epoch FROM created_at - (now() AT TIME ZONE '\(Self.zone)'))) < 600
            FROM refunds WHERE id NOT IN ($1, $2)
            """, [Fixtures.uuid(6, 1), Fixtures.uuid(6, 2)])
            == [[refundID, a1.string, "12.34", "USD", "other: customer called twice", "pending", "t"]])
        // Two audit rows: the platform's trigger's image of the new refund, then payops' refund.requested about the
        // transaction (amount in cents as payops asked it; no user, as the seed's user_id is a uuid).
        #expect(try ActionBench.rows(db, """
            SELECT entity_type, entity_id::text, action, old_values IS NULL, new_values ->> 'amount',
                   new_values ->> 'transaction_id', new_values ->> 'status', new_values ->> 'refund_id',
                   new_values ->> 'reason', new_values ->> 'note', new_values ->> 'operator', user_id::text,
                   abs(extract(epoch FROM created_at - (now() AT TIME ZONE '\(Self.zone)'))) < 600
            FROM audit_logs WHERE id <> ALL ($1::uuid[]) ORDER BY entity_type
            """, [auditBefore]) == [
                ["refunds", refundID, "INSERT", "t", "12.34", a1.string, "pending", nil, "other: customer called twice", nil,
                 nil, nil, "t"],
                ["transactions", a1.string, "refund.requested", "t", "1234", nil, nil, refundID, "other",
                 "customer called twice", Operators.support, nil, "t"],
            ])
        // The Audit trail reads both as events of A1.
        #expect(try ActionBench.rows(db, """
            SELECT event_type FROM payops_read.events WHERE payment_id = $1 AND event_type LIKE 'refund%' ORDER BY event_type
            """, [a1]) == [["refund.requested"], ["refunds.insert"], ["refunds.insert"], ["refunds.insert"]])
        // The transaction itself is the payment service's: untouched.
        #expect(try ActionBench.rows(db, "SELECT t::text FROM transactions t ORDER BY id") == transactionsBefore)
        #expect(try ActionBench.audit(db, key) == [[Operators.support, "refund", "payment", a1.string,
                                                    "other: customer called twice"]])
        // The same key again: the same answer, nothing written.
        let before = try ActionBench.fingerprint(db)
        #expect(try ActionBench.call(support, Self.refund, params) == first)
        #expect(try ActionBench.fingerprint(db) == before)
    }

    @Test("advanced-payments: over-refund PX012 (cancelled refunds do not count), exactly the remainder passes; holds and failures PX010")
    func advancedPaymentsRefundRules() throws {
        let (conninfo, db, platform) = try Self.advancedPayments()
        let a1 = try Self.apTransaction(platform, 1, status: "succeeded", amount: "100.00")
        try Self.apEarlierRefunds(platform, a1)
        let support = try Self.login(conninfo, Operators.support)
        // Remainder 8000: 8001 is refused and nothing is written (no refund row, no audit row of either kind).
        try ActionBench.refused("PX012", support, admin: db, Self.refund, [a1, Int64(8001), "duplicate", PGNull(), "ap-over"])
        try ActionBench.call(support, Self.refund, [a1, Int64(8000), "duplicate", PGNull(), "ap-rest"])
        #expect(try ActionBench.text(db, "SELECT amount::text FROM refunds WHERE status = 'pending' AND id <> $1", [Fixtures.uuid(6, 1)]) == "80.00")
        try ActionBench.refused("PX012", support, admin: db, Self.refund, [a1, Int64(1), "duplicate", PGNull(), "ap-more"])
        // An authorize that succeeded is a hold (processing); failed, cancelled and refunded transactions: PX010.
        let statuses: [(Int, String, String)] = [(2, "authorize", "succeeded"), (3, "purchase", "failed"),
                                                 (4, "purchase", "cancelled"), (5, "purchase", "refunded")]
        for (n, type, status) in statuses {
            let t = try Self.apTransaction(platform, n, type: type, status: status, amount: "45.67")
            try ActionBench.refused("PX010", support, admin: db, Self.refund, [t, Int64(100), "duplicate", PGNull(), "ap-\(n)"])
        }
        // A captured hold is a payment: refundable.
        let capture = try Self.apTransaction(platform, 6, type: "capture", status: "succeeded", amount: "45.67")
        #expect(try ActionBench.call(support, Self.refund, [capture, Int64(4567), "duplicate", PGNull(), "ap-capture"])["refundable_after"] == "0")
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops.operator_actions") == 2)
    }

    @Test("advanced-payments: 16 concurrent refunds of a quarter plus one cent: exactly three refunds rows, six audit rows")
    func advancedPaymentsConcurrentRefunds() throws {
        let (conninfo, db, platform) = try Self.advancedPayments()
        let a1 = try Self.apTransaction(platform, 1, status: "succeeded", amount: "100.00")
        let auditBefore = try Self.auditIDs(db)
        let conns = try (0..<16).map { i in try Self.login(conninfo, i % 2 == 0 ? Operators.support : Operators.support2) }
        let outcomes = try ActionBench.race(
            admin: db, lockSQL: "SELECT 1 FROM transactions WHERE id = $1 FOR UPDATE", lockParams: [a1], connections: conns,
            statement: "SELECT \(Self.refund)", params: { i in [a1, Int64(2_501), "duplicate", PGNull(), "ap-race-\(i)"] })
        #expect(outcomes.filter { $0 == "ok" }.count == 3, "\(outcomes)")
        #expect(outcomes.filter { $0 == "PX012" }.count == 13, "\(outcomes)")
        #expect(try ActionBench.rows(db, "SELECT count(*)::text, sum(amount)::text FROM refunds") == [["3", "75.03"]])
        #expect(try ActionBench.rows(db, """
            SELECT action, count(*)::text FROM audit_logs WHERE id <> ALL ($1::uuid[]) GROUP BY action ORDER BY action
            """, [auditBefore]) == [["INSERT", "3"], ["refund.requested", "3"]])
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops.operator_actions") == 3)
    }

    @Test("advanced-payments (the real service's types): the key goes into refunds.request_id, the operator into audit_logs.user_id")
    func advancedPaymentsVariantRefund() throws {
        let (conninfo, db, platform) = try Self.advancedPayments("advanced-payments-variant")
        let a1 = try Self.apTransaction(platform, 1, status: "succeeded", amount: "100.00")
        let auditBefore = try Self.auditIDs(db)
        let support = try Self.login(conninfo, Operators.support)
        let answer = try ActionBench.call(support, Self.refund, [a1, Int64(1234), "duplicate", PGNull(), "ap-variant-1"])
        let refundID = try #require(answer["refund_id"])
        #expect(try ActionBench.rows(db, "SELECT id::text, amount::text, status::text, reason, request_id FROM refunds")
            == [[refundID, "12.34", "pending", "duplicate", "ap-variant-1"]])
        #expect(try ActionBench.rows(db, """
            SELECT entity_type, action, user_id, user_agent FROM audit_logs WHERE id <> ALL ($1::uuid[]) ORDER BY entity_type
            """, [auditBefore]) == [["refunds", "INSERT", nil, nil], ["transactions", "refund.requested", Operators.support, "payops"]])
    }

    /// D1 failed, D2 abandoned, D3 retrying, D4 succeeded, D5 pending (Fixtures.uuid(8, n)), at one endpoint.
    static func apDeliveries(_ platform: PGConnection) throws {
        try platform.query("INSERT INTO webhook_endpoints (id, url) VALUES ($1, 'https://shop.example/webhooks')", [apEndpoint])
        let deliveries: [(Int, String, Int, String?)] = [(1, "failed", 1, "HTTP 500"), (2, "abandoned", 5, "HTTP 410 Gone"),
                                                         (3, "retrying", 2, "HTTP 503"), (4, "succeeded", 1, nil),
                                                         (5, "pending", 0, nil)]
        for (n, status, attempts, error) in deliveries {
            try platform.query("""
                INSERT INTO webhook_deliveries (id, event_id, endpoint_id, event_type, attempt_number, status, error_message,
                                                request_body, created_at, updated_at)
                VALUES ($1, 'evt_' || $2::text, $3, 'payment.updated', $4, $5, $6, '{}',
                        localtimestamp - interval '2 hours', localtimestamp - interval '2 hours')
                """, [Fixtures.uuid(8, n), String(n), apEndpoint, attempts, status, error])
        }
    }

    @Test("advanced-payments: marked deliveries (failed and abandoned read as failed) retried as one exact set; a wrong group PX036, a pending one PX030")
    func advancedPaymentsWebhookRetrySet() throws {
        let (conninfo, db, platform) = try Self.advancedPayments()
        try Self.apDeliveries(platform)
        let oncall = try Self.login(conninfo, Operators.oncall)
        let set = "payops.retry_webhook_set($1, $2::uuid[], $3)"
        let marked = "{\(Fixtures.uuid(8, 1).string),\(Fixtures.uuid(8, 2).string)}"
        #expect(try db.run(QueueQueries.failedWebhooks(.message("HTTP 500"))).map(\.id) == [Fixtures.uuid(8, 1)])
        try ActionBench.refused("PX036", oncall, admin: db, set, ["HTTP 500", marked, "ap-set-group"])
        try ActionBench.refused("PX030", oncall, admin: db, set, [PGNull(), "{\(Fixtures.uuid(8, 1).string),\(Fixtures.uuid(8, 5).string)}",
                                                                   "ap-set-pending"])
        let answer = try ActionBench.call(oncall, set, [PGNull(), marked, "ap-set"])
        #expect(answer["count"] == "2")
        #expect(try ActionBench.rows(db, "SELECT status::text FROM webhook_deliveries WHERE id IN ($1, $2) ORDER BY id",
                                     [Fixtures.uuid(8, 1), Fixtures.uuid(8, 2)]) == [["pending"], ["pending"]])
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops.operator_actions WHERE action = 'webhook.retry_set'") == 1)
    }

    @Test("advanced-payments: webhook retry puts a failed or abandoned delivery back to pending, due now; anything else PX030, unknown PX002")
    func advancedPaymentsWebhookRetry() throws {
        let (conninfo, db, platform) = try Self.advancedPayments()
        try Self.apDeliveries(platform)
        let oncall = try Self.login(conninfo, Operators.oncall)
        let auditBefore = try ActionBench.int(db, "SELECT count(*) FROM audit_logs")
        for (n, error) in [(1, "HTTP 500"), (2, "HTTP 410 Gone")] {
            let key = "ap-retry-\(n)"
            let answer = try ActionBench.call(oncall, Self.retry, [Fixtures.uuid(8, n), key])
            #expect(answer == ["webhook_id": Fixtures.uuid(8, n).string, "status": "pending", "previous_error": error])
            #expect(try ActionBench.audit(db, key) == [[Operators.oncall, "webhook.retry", "webhook", Fixtures.uuid(8, n).string, nil]])
        }
        // Both back to pending, due now in the platform's local time; attempts and last error kept as history.
        #expect(try ActionBench.rows(db, """
            SELECT id::text, status::text, attempt_number::text, error_message,
                   abs(extract(epoch FROM next_retry_at - (now() AT TIME ZONE '\(Self.zone)'))) < 600,
                   updated_at > created_at
            FROM webhook_deliveries WHERE id IN ($1, $2) ORDER BY id
            """, [Fixtures.uuid(8, 1), Fixtures.uuid(8, 2)]) == [
                [Fixtures.uuid(8, 1).string, "pending", "1", "HTTP 500", "t", "t"],
                [Fixtures.uuid(8, 2).string, "pending", "5", "HTTP 410 Gone", "t", "t"],
            ])
        #expect(try db.run(QueueQueries.webhooks(status: "failed")).isEmpty, "no failed delivery is left")
        // No audit_logs row: the platform's trigger watches its entities, not deliveries.
        #expect(try ActionBench.int(db, "SELECT count(*) FROM audit_logs") == auditBefore)
        // Retrying (read pending), succeeded (processed), pending, and D1 again now that it is pending: PX030.
        for n in [3, 4, 5, 1] {
            try ActionBench.refused("PX030", oncall, admin: db, Self.retry, [Fixtures.uuid(8, n), "ap-retry-again-\(n)"])
        }
        try ActionBench.refused("PX002", oncall, admin: db, Self.retry, [Fixtures.uuid(8, 99), "ap-retry-none"])
        // D1's first key again: the first answer, nothing written.
        let before = try ActionBench.fingerprint(db)
        #expect(try ActionBench.call(oncall, Self.retry, [Fixtures.uuid(8, 1), "ap-retry-1"])["previous_error"] == "HTTP 500")
        #expect(try ActionBench.fingerprint(db) == before)
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops.operator_actions") == 2)
    }
}

// MARK: - stripe-service (seed 002): no place for any action; nothing is ever written

extension ProfileActionRulesTests {
    static let stripeVenue = PGUUID("00000000-0000-0000-0000-000000000000")!

    /// A fresh stripe-service database with one CAPTURED payment of 49.99 usd (id Fixtures.uuid(2, 1)).
    static func stripeService() throws -> (conninfo: String, db: PGConnection, payment: PGUUID) {
        let conninfo = try TestCluster.shared.freshDatabase(fixture: "stripe-service", seeded: false)
        let db = try PGConnection(conninfo)
        let payment = Fixtures.uuid(2, 1)
        try db.query("""
            INSERT INTO payments ("id", "orderId", "userId", "amount", "currency", "status", "stripePaymentIntentId",
                                  "createdAt", "updatedAt")
            VALUES ($1, 'order_1001', $2, 49.99, 'usd', 'CAPTURED', 'pi_3S1', localtimestamp, localtimestamp)
            """, [payment.string, Fixtures.uuid(3, 1).string])
        return (conninfo, db, payment)
    }

    @Test("stripe-service: a refund passes every rule and is refused by the platform's hook (PX060, its reason); nothing written")
    func stripeServiceRefund() throws {
        let (conninfo, db, payment) = try Self.stripeService()
        let support = try Self.login(conninfo, Operators.support)
        let error = try ActionBench.refused("PX060", support, admin: db, Self.refund,
                                            [payment, Int64(1000), "requested_by_customer", PGNull(), "ss-refund"])
        #expect(error?.message.contains("refunds through Stripe from its own API") == true, "\(String(describing: error))")
        // The rules still come first: over the payment's 4999 cents is PX012, not PX060.
        try ActionBench.refused("PX012", support, admin: db, Self.refund, [payment, Int64(5000), "duplicate", PGNull(), "ss-over"])
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops.operator_actions") == 0)
        #expect(try db.run(PaymentDetailQueries.detail(payment))?.refunds.isEmpty == true)
    }

    @Test("stripe-service: payouts, webhook retry, dead letters and outbox resets are refused (PX021/PX002/PX033 before the hook, PX060 at it); nothing written")
    func stripeServiceQueuesAndPayouts() throws {
        let (conninfo, db, _) = try Self.stripeService()
        let finance = try Self.login(conninfo, Operators.finance)
        let finance2 = try Self.login(conninfo, Operators.finance2)
        let oncall = try Self.login(conninfo, Operators.oncall)
        // Payouts: the pseudo-venue exists but has no balances: nothing is payable (README: "PX021; PX060").
        try ActionBench.refused("PX021", finance, admin: db, Self.request, [Self.stripeVenue, Int64(10_000), false, "ss-payout"])
        // A request left in payops.payout_requests (by an earlier install): approving finds nothing payable (PX021);
        // rejecting reaches the profile's hook, which has no place to write the decision (PX060).
        try db.query("""
            INSERT INTO payops.payout_requests (id, venue_id, amount, currency, requested_by, idempotency_key)
            VALUES ($1, $2, 10000, 'USD', $3, 'left-over')
            """, [Fixtures.uuid(7, 1), Self.stripeVenue, Operators.finance])
        try ActionBench.refused("PX021", finance2, admin: db, Self.approve, [Fixtures.uuid(7, 1), "ss-approve"])
        let rejected = try ActionBench.refused("PX060", finance2, admin: db, Self.reject, [Fixtures.uuid(7, 1), "duplicate request", "ss-reject"])
        #expect(rejected?.message.contains("one Stripe account") == true, "\(String(describing: rejected))")
        // Queues: there is no webhook, dead letter or outbox row to act on.
        try ActionBench.refused("PX002", oncall, admin: db, Self.retry, [Fixtures.uuid(8, 1), "ss-retry"])
        try ActionBench.refused("PX002", oncall, admin: db, Self.requeue, [Int64(1), "ss-requeue"])
        try ActionBench.refused("PX033", oncall, admin: db, Self.requeueGroup, ["HTTP 503", false, "ss-group"])
        try ActionBench.refused("PX002", oncall, admin: db, Self.requeueSet, ["HTTP 503", "{1}", "ss-set"])
        try ActionBench.refused("PX002", oncall, admin: db, Self.resetOutbox, [Int64(1), "ss-reset"])
        let dry = try ActionBench.call(oncall, Self.requeueGroup, ["HTTP 503", true, "ss-dry"])
        #expect(dry["count"] == "0" && dry["dead_letter_ids"] == "[]")
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops.operator_actions") == 0)
    }

    @Test("stripe-service: every write hook behind the actions refuses with PX060 and writes nothing")
    func stripeServiceHooks() throws {
        let (_, db, payment) = try Self.stripeService()
        let hooks: [(String, [any PGParam])] = [
            ("payops_write.insert_refund($1, 100, 'duplicate', '{}', 'k', NULL)", [payment]),
            ("payops_write.record_event($1, 'refund.requested', '{}', NULL)", [payment]),
            ("payops_write.emit($1, 'refund', 'refund.requested', '{}', NULL)", [payment]),
            ("payops_write.insert_payout($1, 10000, 0, 'USD', false, 'k')", [Self.stripeVenue]),
            ("payops_write.decide_payout($1, 'approved', NULL)", [Fixtures.uuid(7, 1)]),
            ("payops_write.debit_available($1, 10000)", [Self.stripeVenue]),
            ("payops_write.retry_webhook($1)", [Fixtures.uuid(8, 1)]),
            ("payops_write.requeue(1)", []),
            ("payops_write.reset_outbox(1)", []),
        ]
        for (hook, params) in hooks {
            try ActionBench.refused("PX060", db, admin: db, hook, params)
        }
    }
}

// MARK: - wallets (seed 003): payouts in payops.payout_requests, approval debits the merchant's wallet

extension ProfileActionRulesTests {
    static let ada = Fixtures.uuid(1, 1)        // merchant, wallet 60,000.00
    static let lockedShop = Fixtures.uuid(1, 2) // merchant, locked wallet 500.00
    static let walletless = Fixtures.uuid(1, 3) // merchant without a wallet
    static let kiosk = Fixtures.uuid(1, 4)      // merchant, wallet 500.00, locked after a request
    static func wallet(_ n: Int) -> String { Fixtures.uuid(9, n).string }

    /// A fresh wallets database with the four merchants; each wallet holds one DEPOSIT ledger row (0 → its balance),
    /// an hour ago in the profile's zone, so the ledger adds up.
    static func wallets(_ fixture: String = "wallets") throws -> (conninfo: String, db: PGConnection) {
        let conninfo = try TestCluster.shared.freshDatabase(fixture: fixture, seeded: false)
        let db = try PGConnection(conninfo)
        let local = "(now() AT TIME ZONE '\(zone)')"
        for (n, merchant, first, balance, locked) in [(1, ada, "Ada" as String?, "60000.00" as String?, false),
                                                     (2, lockedShop, nil, "500.00", true), (3, walletless, nil, nil, false),
                                                     (4, kiosk, "Kiosk", "500.00", false)] {
            try db.query("""
                INSERT INTO users (id, email, password, role, first_name, updated_at)
                VALUES ($1, 'merchant' || $2::text || '@example.com', 'x', 'MERCHANT', $3, \(local))
                """, [merchant.string, String(n), first])
            guard let balance else { continue }
            try db.query("""
                INSERT INTO wallets (id, balance, currency, is_locked, user_id, updated_at)
                VALUES ($1, $2::numeric, 'USD', $3, $4, \(local) - interval '1 hour')
                """, [wallet(n), balance, locked, merchant.string])
            try db.query("""
                INSERT INTO wallet_transactions (id, type, status, amount, balance_before, balance_after, wallet_id,
                                                 created_at, updated_at)
                VALUES ($1, 'DEPOSIT', 'COMPLETED', $2::numeric, 0, $2::numeric, $3, \(local) - interval '1 hour', \(local))
                """, [Fixtures.uuid(10, n).string, balance, wallet(n)])
        }
        return (conninfo, db)
    }

    /// A wallet's ledger rows other than the DEPOSIT: type, status, amount, before, after, reference, payout metadata.
    static func withdrawals(_ db: PGConnection, wallet: String) throws -> [[String?]] {
        try ActionBench.rows(db, """
            SELECT type::text, status::text, amount::text, balance_before::text, balance_after::text, currency,
                   reference_type, reference_id, metadata ->> 'requested_by', metadata ->> 'approved_by', metadata ->> 'fee'
            FROM wallet_transactions WHERE wallet_id = $1 AND type <> 'DEPOSIT' ORDER BY created_at
            """, [wallet])
    }

    @Test("wallets: payout request by A, four-eyes approval by B debits the merchant's wallet with a WITHDRAWAL row that adds up")
    func walletsPayoutFourEyes() throws {
        let (conninfo, db) = try Self.wallets()
        let alice = try Self.login(conninfo, Operators.finance)
        let bob = try Self.login(conninfo, Operators.finance2)
        #expect(try db.run(VenueQueries.balances()).rows.first { $0.id == Self.ada }?.payable.minorUnits == 6_000_000)

        // 40,000.00 instant: fee 1 % = 400.00 (4,000,000 × 100 bp = 40,000 cents).
        let request = try ActionBench.call(alice, Self.request, [Self.ada, Int64(4_000_000), true, "w-payout-1"])
        #expect(request["fee"] == "40000")
        #expect(request["status"] == "requested")
        #expect(request["currency"] == "USD")
        let payout = try #require(request["payout_id"])
        #expect(try ActionBench.rows(db, """
            SELECT venue_id::text, amount::text, fee::text, currency, instant::text, status, requested_by, decided_by
            FROM payops.payout_requests
            """) == [[Self.ada.string, "4000000", "40000", "USD", "true", "requested", Operators.finance, nil]])
        #expect(try Self.withdrawals(db, wallet: Self.wallet(1)).isEmpty, "a request moves no money")
        #expect(try ActionBench.audit(db, "w-payout-1") == [[Operators.finance, "payout.request", "venue", Self.ada.string, nil]])

        // A may not approve (or reject) her own request, superuser or not: PX023, nothing written.
        try ActionBench.refused("PX023", alice, admin: db, Self.approve, [PGUUID(payout)!, "w-approve-own"])
        try ActionBench.refused("PX023", alice, admin: db, Self.reject, [PGUUID(payout)!, "changed my mind", "w-reject-own"])

        // B approves: 60,000.00 − (40,000.00 + 400.00) = 19,600.00, one WITHDRAWAL row from 60000.00 to 19600.00.
        let approval = try ActionBench.call(bob, Self.approve, [PGUUID(payout)!, "w-approve-1"])
        #expect(approval["available_after"] == "1960000")
        #expect(approval["approved_today"] == "4000000")
        #expect(try ActionBench.rows(db, "SELECT balance::text FROM wallets WHERE id = $1", [Self.wallet(1)]) == [["19600.00"]])
        #expect(try Self.withdrawals(db, wallet: Self.wallet(1)) == [
            ["WITHDRAWAL", "COMPLETED", "40400.00", "60000.00", "19600.00", "USD", "payout", payout, Operators.finance,
             Operators.finance2, "40000"],
        ])
        #expect(try ActionBench.rows(db, "SELECT status, decided_by, decided_at IS NOT NULL FROM payops.payout_requests")
            == [["approved", Operators.finance2, "t"]])
        #expect(try ActionBench.audit(db, "w-approve-1") == [[Operators.finance2, "payout.approve", "payout", payout, nil]])
        // The Venues pane: available 1,960,000, a last payout; the ledger still adds up (no finding).
        let venue = try #require(try db.run(VenueQueries.balances()).rows.first { $0.id == Self.ada })
        #expect(venue.available.minorUnits == 1_960_000)
        #expect(venue.lastPayoutAt != nil)
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops_read.findings") == 0)
        // Approving again: PX022 (no longer requested); the same key again: the first answer, nothing written.
        try ActionBench.refused("PX022", bob, admin: db, Self.approve, [PGUUID(payout)!, "w-approve-again"])
        let before = try ActionBench.fingerprint(db)
        #expect(try ActionBench.call(bob, Self.approve, [PGUUID(payout)!, "w-approve-1"]) == approval)
        #expect(try ActionBench.fingerprint(db) == before)
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops.operator_actions") == 2)
    }

    @Test("wallets: the daily limit (5,000,000 cents of approved payouts per venue and UTC day), minimum and payable; rejection")
    func walletsPayoutLimits() throws {
        let (conninfo, db) = try Self.wallets()
        let alice = try Self.login(conninfo, Operators.finance)
        let bob = try Self.login(conninfo, Operators.finance2)
        let first = try ActionBench.call(alice, Self.request, [Self.ada, Int64(4_000_000), false, "w-l-1"])
        try ActionBench.call(bob, Self.approve, [PGUUID(first["payout_id"]!)!, "w-l-1a"])
        // Wallet 60,000.00 − 40,000.00 = 20,000.00 (2,000,000 payable). Two more requests pass payable on their own.
        let x = try #require(PGUUID(try ActionBench.call(alice, Self.request, [Self.ada, Int64(1_500_000), false, "w-l-x"])["payout_id"]!))
        let y = try #require(PGUUID(try ActionBench.call(alice, Self.request, [Self.ada, Int64(1_000_000), false, "w-l-y"])["payout_id"]!))
        // 4,000,000 + 1,500,000 = 5,500,000 > 5,000,000: PX024, nothing written.
        try ActionBench.refused("PX024", bob, admin: db, Self.approve, [x, "w-l-xa"])
        // 4,000,000 + 1,000,000 = 5,000,000: exactly the limit passes; 20,000.00 − 10,000.00 = 10,000.00.
        let approved = try ActionBench.call(bob, Self.approve, [y, "w-l-ya"])
        #expect(approved["approved_today"] == "5000000")
        #expect(approved["available_after"] == "1000000")
        #expect(try Self.withdrawals(db, wallet: Self.wallet(1)).map { [$0[2], $0[3], $0[4]] } == [
            ["40000.00", "60000.00", "20000.00"], ["10000.00", "20000.00", "10000.00"],
        ], "each row starts where the last ended")
        #expect(try ActionBench.rows(db, "SELECT balance::text FROM wallets WHERE id = $1", [Self.wallet(1)]) == [["10000.00"]])
        // X now: 5,000,000 + 1,500,000: still over the limit.
        try ActionBench.refused("PX024", bob, admin: db, Self.approve, [x, "w-l-xa2"])
        // Rejecting needs a reason (PX003) and another operator; then X is rejected and no money moves.
        try ActionBench.refused("PX003", bob, admin: db, Self.reject, [x, "  ", "w-l-xr0"])
        let rejection = try ActionBench.call(bob, Self.reject, [x, "over the daily limit", "w-l-xr"])
        #expect(rejection["status"] == "rejected")
        #expect(try ActionBench.rows(db, "SELECT status, decision_reason FROM payops.payout_requests WHERE id = $1", [x])
            == [["rejected", "over the daily limit"]])
        #expect(try ActionBench.rows(db, "SELECT balance::text FROM wallets WHERE id = $1", [Self.wallet(1)]) == [["10000.00"]])

        // Minimum 100.00 (PX020); payable 1,000,000: 1,000,001 is over (PX021), and so is 990,100 instant
        // (fee ⌊(990,100 × 100 + 5,000) / 10,000⌋ = 9,901; 990,100 + 9,901 = 1,000,001).
        try ActionBench.refused("PX020", alice, admin: db, Self.request, [Self.ada, Int64(9_999), false, "w-l-min"])
        try ActionBench.refused("PX021", alice, admin: db, Self.request, [Self.ada, Int64(1_000_001), false, "w-l-over"])
        try ActionBench.refused("PX021", alice, admin: db, Self.request, [Self.ada, Int64(990_100), true, "w-l-fee"])
        // A locked wallet's balance is reserved: nothing payable (PX021); a merchant without a wallet neither.
        try ActionBench.refused("PX021", alice, admin: db, Self.request, [Self.lockedShop, Int64(10_000), false, "w-l-locked"])
        try ActionBench.refused("PX021", alice, admin: db, Self.request, [Self.walletless, Int64(10_000), false, "w-l-none"])
        // A wallet locked after the request: approval finds nothing payable any more (PX021) and debits nothing.
        let k = try #require(PGUUID(try ActionBench.call(alice, Self.request, [Self.kiosk, Int64(10_000), false, "w-l-k"])["payout_id"]!))
        try db.query("UPDATE wallets SET is_locked = true WHERE id = $1", [Self.wallet(4)])
        try ActionBench.refused("PX021", bob, admin: db, Self.approve, [k, "w-l-ka"])
        #expect(try Self.withdrawals(db, wallet: Self.wallet(4)).isEmpty)
        // Successes: requests 1, x, y, k; approvals 1, y; rejection x: one audit row each.
        #expect(try ActionBench.rows(db, "SELECT action, count(*)::text FROM payops.operator_actions GROUP BY action ORDER BY action")
            == [["payout.approve", "2"], ["payout.reject", "1"], ["payout.request", "4"]])
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops_read.findings") == 0, "the ledger adds up")
    }

    @Test("wallets: 8 concurrent approvals of 10,000.00 payouts of one merchant: exactly 5 fit the daily limit; the ledger chains")
    func walletsConcurrentApprovals() throws {
        let (conninfo, db) = try Self.wallets()
        // Ada's wallet is topped up to 100,000.00 (10,000,000 cents) by a second DEPOSIT, so payable never binds first.
        try db.query("""
            UPDATE wallets SET balance = 100000.00 WHERE id = $1;
            """, [Self.wallet(1)])
        try db.query("""
            INSERT INTO wallet_transactions (id, type, status, amount, balance_before, balance_after, wallet_id, created_at,
                                             updated_at)
            VALUES ($1, 'DEPOSIT', 'COMPLETED', 40000.00, 60000.00, 100000.00, $2, (now() AT TIME ZONE '\(Self.zone)') - interval '30 minutes',
                    now() AT TIME ZONE '\(Self.zone)')
            """, [Fixtures.uuid(10, 9).string, Self.wallet(1)])
        let alice = try Self.login(conninfo, Operators.finance)
        var payouts: [PGUUID] = []
        for i in 0..<8 {
            let answer = try ActionBench.call(alice, Self.request, [Self.ada, Int64(1_000_000), false, "w-c-\(i)"])
            payouts.append(try #require(PGUUID(answer["payout_id"] ?? "")))
        }
        let conns = try (0..<8).map { _ in try Self.login(conninfo, Operators.finance2) }
        let outcomes = try ActionBench.race(
            admin: db, lockSQL: "SELECT 1 FROM wallets WHERE id = $1 FOR UPDATE", lockParams: [Self.wallet(1)],
            connections: conns, statement: "SELECT \(Self.approve)", params: { i in [payouts[i], "w-c-a\(i)"] })
        // 5 × 1,000,000 = 5,000,000 is the limit; a sixth would make 6,000,000.
        #expect(outcomes.filter { $0 == "ok" }.count == 5, "\(outcomes)")
        #expect(outcomes.filter { $0 == "PX024" }.count == 3, "\(outcomes)")
        // 100,000.00 − 5 × 10,000.00 = 50,000.00, in five WITHDRAWAL rows each starting where the previous ended.
        #expect(try ActionBench.rows(db, "SELECT balance::text FROM wallets WHERE id = $1", [Self.wallet(1)]) == [["50000.00"]])
        #expect(try Self.withdrawals(db, wallet: Self.wallet(1)).map { [$0[3], $0[4]] } == [
            ["100000.00", "90000.00"], ["90000.00", "80000.00"], ["80000.00", "70000.00"], ["70000.00", "60000.00"],
            ["60000.00", "50000.00"],
        ])
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops_read.findings") == 0, "the ledger adds up")
        #expect(try ActionBench.rows(db, "SELECT status, count(*)::text FROM payops.payout_requests GROUP BY status ORDER BY status")
            == [["approved", "5"], ["requested", "3"]])
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops.operator_actions WHERE action = 'payout.approve'") == 5)
    }

    /// Bob (a buyer, wallet 1,000.00), one product per merchant, and four COMPLETED orders from Bob: O1 12.34 from Ada
    /// paid from the wallet; O2 600.00 from Kiosk (wallet 500.00), wallet; O3 10.00 from the locked shop, wallet;
    /// O4 30.00 from Ada through the gateway (Stripe). Keys "key-n".
    static func walletsOrders(_ db: PGConnection) throws {
        let local = "(now() AT TIME ZONE '\(zone)')"
        try db.query("""
            INSERT INTO users (id, email, password, role, first_name, updated_at) VALUES ($1, 'bob@example.com', 'x', 'USER', 'Bob', \(local))
            """, [Fixtures.uuid(3, 1).string])
        try db.query("""
            INSERT INTO wallets (id, balance, currency, user_id, updated_at) VALUES ($1, 1000.00, 'USD', $2, \(local) - interval '1 hour')
            """, [wallet(9), Fixtures.uuid(3, 1).string])
        try db.query("""
            INSERT INTO wallet_transactions (id, type, status, amount, balance_before, balance_after, wallet_id, created_at, updated_at)
            VALUES ($1, 'DEPOSIT', 'COMPLETED', 1000.00, 0, 1000.00, $2, \(local) - interval '1 hour', \(local))
            """, [Fixtures.uuid(10, 19).string, wallet(9)])
        for (n, merchant) in [(1, ada), (2, kiosk), (3, lockedShop)] {
            try db.query("""
                INSERT INTO products (id, name, price, available_units, initial_units, merchant_id, updated_at)
                VALUES ($1, 'Product ' || $3::text, 1, 100, 100, $2, \(local))
                """, [Fixtures.uuid(4, n).string, merchant.string, String(n)])
        }
        let orders: [(Int, String, String, PGUUID, Int)] = [(1, "WALLET", "12.34", ada, 1), (2, "WALLET", "600.00", kiosk, 2),
                                                            (3, "WALLET", "10.00", lockedShop, 3), (4, "GATEWAY", "30.00", ada, 1)]
        for (n, method, amount, merchant, product) in orders {
            try db.query("""
                INSERT INTO orders (id, payment_method, status, amount, currency, idempotency_key, created_at, updated_at,
                                    completed_at, user_id, product_id, merchant_id)
                VALUES ($1, $2, 'COMPLETED', $3::numeric, 'USD', 'key-' || $4::text, \(local) - interval '30 minutes',
                        \(local), \(local), $5, $6, $7)
                """, [Fixtures.uuid(2, n).string, method, amount, String(n), Fixtures.uuid(3, 1).string,
                      Fixtures.uuid(4, product).string, merchant.string])
        }
    }

    @Test("wallets: a refund of a wallet-paid order is completed at once: merchant PAYMENT row, buyer REFUND row, REFUNDED when full")
    func walletsRefund() throws {
        let (conninfo, db) = try Self.wallets()
        try Self.walletsOrders(db)
        let support = try Self.login(conninfo, Operators.support)
        let o1 = Fixtures.uuid(2, 1)
        // 2.34 of O1's 12.34: Ada 60000.00 → 59997.66 (PAYMENT), Bob 1000.00 → 1002.34 (REFUND), both about key-1.
        let first = try ActionBench.call(support, Self.refund, [o1, Int64(234), "requested_by_customer", PGNull(), "w-r-1"])
        #expect(first["refundable_before"] == "1234")
        #expect(first["refundable_after"] == "1000")
        let ledger = try ActionBench.rows(db, """
            SELECT wallet_id, type::text, status::text, amount::text, balance_before::text, balance_after::text, reference_type,
                   reference_id, metadata ->> 'side', metadata ->> 'reason'
            FROM wallet_transactions WHERE type IN ('PAYMENT', 'REFUND') ORDER BY created_at
            """)
        #expect(ledger == [
            [Self.wallet(1), "PAYMENT", "COMPLETED", "2.34", "60000.00", "59997.66", "order", "key-1", "merchant", "requested_by_customer"],
            [Self.wallet(9), "REFUND", "COMPLETED", "2.34", "1000.00", "1002.34", "order", "key-1", "buyer", "requested_by_customer"],
        ])
        #expect(try ActionBench.rows(db, "SELECT id, balance::text FROM wallets WHERE id IN ($1, $2) ORDER BY id",
                                     [Self.wallet(1), Self.wallet(9)]) == [[Self.wallet(1), "59997.66"], [Self.wallet(9), "1002.34"]])
        // The refund the read model shows is the REFUND row, completed; the action's answer should say the same.
        let refundID = try #require(first["refund_id"])
        #expect(try ActionBench.rows(db, "SELECT id::text, amount::text, status FROM payops_read.refunds")
            == [[refundID, "234", "completed"]])
        #expect(first["status"] == "completed", "the refund was completed at once (its ledger rows are COMPLETED), not pending")
        #expect(try ActionBench.rows(db, "SELECT status::text FROM orders WHERE id = $1", [o1.string]) == [["COMPLETED"]],
                "a partly refunded order stays COMPLETED")
        #expect(try ActionBench.audit(db, "w-r-1") == [[Operators.support, "refund", "payment", o1.string, "requested_by_customer"]])

        // Over the remaining 1000: PX012. Exactly 1000: the order becomes REFUNDED; then it is not refundable (PX010).
        try ActionBench.refused("PX012", support, admin: db, Self.refund, [o1, Int64(1001), "duplicate", PGNull(), "w-r-over"])
        try ActionBench.call(support, Self.refund, [o1, Int64(1000), "duplicate", PGNull(), "w-r-2"])
        #expect(try ActionBench.rows(db, "SELECT status::text FROM orders WHERE id = $1", [o1.string]) == [["REFUNDED"]])
        #expect(try ActionBench.rows(db, "SELECT id, balance::text FROM wallets WHERE id IN ($1, $2) ORDER BY id",
                                     [Self.wallet(1), Self.wallet(9)]) == [[Self.wallet(1), "59987.66"], [Self.wallet(9), "1012.34"]])
        try ActionBench.refused("PX010", support, admin: db, Self.refund, [o1, Int64(1), "duplicate", PGNull(), "w-r-3"])
        // The platform's refusals (PX060, nothing written): a merchant wallet that cannot cover 600.00 (it holds 500.00),
        // a locked merchant wallet, a gateway (Stripe) order.
        let short = try ActionBench.refused("PX060", support, admin: db, Self.refund, [Fixtures.uuid(2, 2), Int64(60_000), "duplicate", PGNull(), "w-r-short"])
        #expect(short?.message.contains("less than the refund") == true, "\(String(describing: short))")
        let locked = try ActionBench.refused("PX060", support, admin: db, Self.refund, [Fixtures.uuid(2, 3), Int64(100), "duplicate", PGNull(), "w-r-locked"])
        #expect(locked?.message.contains("locked") == true, "\(String(describing: locked))")
        let gateway = try ActionBench.refused("PX060", support, admin: db, Self.refund, [Fixtures.uuid(2, 4), Int64(100), "duplicate", PGNull(), "w-r-gw"])
        #expect(gateway?.message.contains("gateway") == true, "\(String(describing: gateway))")
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops.operator_actions") == 2)
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops_read.findings") == 0, "the ledger adds up")
    }

    @Test("wallets-variant (UUID ids, DECIMAL(65,30), TIMESTAMPTZ, wallets.version): an approved payout debits the wallet and bumps its version")
    func walletsVariantPayout() throws {
        let (conninfo, db) = try Self.wallets("wallets-variant")
        let alice = try Self.login(conninfo, Operators.finance)
        let bob = try Self.login(conninfo, Operators.finance2)
        let request = try ActionBench.call(alice, Self.request, [Self.ada, Int64(4_000_000), true, "wv-payout-1"])
        let payout = try #require(PGUUID(request["payout_id"] ?? ""))
        try ActionBench.refused("PX023", alice, admin: db, Self.approve, [payout, "wv-approve-own"])
        let approval = try ActionBench.call(bob, Self.approve, [payout, "wv-approve-1"])
        #expect(approval["available_after"] == "1960000")
        // 60,000 − 40,400 = 19,600, at the column's scale; one optimistic-locking version step.
        #expect(try ActionBench.rows(db, "SELECT balance = 19600, version::text FROM wallets WHERE id = $1", [Self.wallet(1)])
            == [["t", "1"]])
        #expect(try ActionBench.rows(db, """
            SELECT type, amount = 40400, balance_before = 60000, balance_after = 19600, reference_type, reference_id
            FROM wallet_transactions WHERE wallet_id = $1 AND type <> 'DEPOSIT'
            """, [Self.wallet(1)]) == [["WITHDRAWAL", "t", "t", "t", "payout", payout.string]])
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops_read.findings") == 0, "the ledger adds up")
        #expect(try ActionBench.int(db, "SELECT count(*) FROM payops.operator_actions") == 2)
    }
}
