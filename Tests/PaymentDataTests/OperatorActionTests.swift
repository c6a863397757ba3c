import PaymentData
import Testing
import TestSupport

/// Login roles for these tests (cluster-wide), made once per process with payops.create_operator.
enum Operators {
    static let support = "oa_support1"
    static let support2 = "oa_support2"
    static let finance = "oa_finance1"
    static let finance2 = "oa_finance2"
    static let oncall = "oa_oncall1"
    static let viewer = "oa_viewer1"
    static let all = [support, support2, finance, finance2, oncall, viewer]

    /// nil once the roles exist; otherwise why they could not be made.
    static let setupFailure: String? = {
        do {
            let db = try TestCluster.shared.connect(.migrated)
            for (name, group) in [(support, "support"), (support2, "payops_support"), (finance, "finance"),
                                  (finance2, "finance"), (oncall, "oncall"), (viewer, "viewer")] {
                try db.query("SELECT payops.create_operator($1, $2)", [name, group])
            }
            return nil
        } catch {
            return "\(error)"
        }
    }()
}

/// One fresh migrated database, its superuser connection, and connections as each operator.
struct World {
    let conninfo: String
    let admin: PGConnection

    init() throws {
        if let failure = Operators.setupFailure { throw PGError(.connection, message: "operator roles: \(failure)") }
        conninfo = try TestCluster.shared.freshDatabase(.migrated)
        admin = try PGConnection(conninfo)
    }

    func connect(_ user: String) throws -> PGConnection { try PGConnection(conninfo.replacingUser(user)) }

    /// Every base table in public and payops: row count and an md5 over every row.
    func fingerprint() throws -> [String: String] { try tableFingerprint(admin) }

    /// Calls an action (`payops.refund($1, …)`) and returns its jsonb result as key → text.
    @discardableResult
    func call(_ conn: PGConnection, _ function: String, _ params: [any PGParam]) throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try conn.query("SELECT e.key, e.value FROM \(function) AS f(j), jsonb_each_text(f.j) AS e", params)
            .map({ try ($0.decode(0, as: String.self), $0.decode(1, as: String?.self)) }) {
            result[row.0] = row.1 ?? "null"
        }
        return result
    }

    /// Expects the call (`payops.x($1, …)`) to be refused with `code` and every table to be exactly as before.
    @discardableResult
    func refused(_ code: String, _ conn: PGConnection, _ function: String, _ params: [any PGParam],
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> PGError? {
        try refusedStatement(code, conn, "SELECT \(function)", params, sourceLocation: sourceLocation)
    }

    /// Expects the statement to be refused with `code` and every table to be exactly as before.
    @discardableResult
    func refusedStatement(_ code: String, _ conn: PGConnection, _ sql: String, _ params: [any PGParam] = [],
                          sourceLocation: SourceLocation = #_sourceLocation) throws -> PGError? {
        let before = try fingerprint()
        let error = #expect(throws: PGError.self, "\(sql)", sourceLocation: sourceLocation) {
            try conn.query(sql, params)
        }
        #expect(error?.sqlState == code, "\(sql): \(String(describing: error))", sourceLocation: sourceLocation)
        #expect(try fingerprint() == before, "\(sql) changed a table", sourceLocation: sourceLocation)
        return error
    }

    func int(_ sql: String, _ params: [any PGParam] = []) throws -> Int64 {
        try admin.query(sql, params)[0].decode(0)
    }

    /// The audit rows written under a key: (operator, action, target_id).
    func audit(_ key: String) throws -> [(String, String, String)] {
        try admin.query("SELECT operator, action, target_id FROM payops.operator_actions WHERE idempotency_key = $1",
                        [key]).map { try ($0.decode(0), $0.decode(1), $0.decode(2)) }
    }
}

@Suite("operator actions")
struct OperatorActionTests {
    static let refund = "payops.refund($1, $2, $3, $4, $5)"
    static let request = "payops.request_payout($1, $2, $3, $4)"
    static let approve = "payops.approve_payout($1, $2)"
    static let reject = "payops.reject_payout($1, $2, $3)"
    static let retry = "payops.retry_webhook($1, $2)"
    static let requeue = "payops.requeue_dead_letter($1, $2)"
    static let requeueGroup = "payops.requeue_dead_letters($1, $2, $3)"
    static let block = "payops.block_ip($1::cidr, $2, $3::timestamptz, $4)"
    static let unblock = "payops.unblock_ip($1::cidr, $2, $3)"
    static let resetOutbox = "payops.reset_outbox($1, $2)"
    static let requeueSet = "payops.requeue_dead_letter_set($1, $2::bigint[], $3)"

    // MARK: refunds

    @Test("a refund writes a pending refund, an event, an outbox row and one audit row; the payment status stays")
    func refundWrites() throws {
        let w = try World()
        let venue = try Fixtures.venue(w.admin, 1, name: "Hall")
        let payment = try Fixtures.payment(w.admin, 1, venue: venue, at: TestCluster.anchor, amount: 10_000)
        try Fixtures.refund(w.admin, payment: payment, amount: 9_000, status: "failed", at: TestCluster.anchor)
        let support = try w.connect(Operators.support)
        let result = try w.call(support, Self.refund, [payment, Int64(2_500), "requested_by_customer", PGNull(), "k-refund-1"])
        #expect(result["amount"] == "2500")
        #expect(result["refundable_before"] == "10000")
        #expect(result["refundable_after"] == "7500")
        #expect(result["status"] == "pending")
        let refund = try #require(result["refund_id"])
        let row = try w.admin.query("SELECT transaction_id, amount, reason, status, idempotency_key FROM payment_refunds WHERE id = $1::uuid", [refund])
        #expect(row.count == 1)
        #expect(try row[0].decode(0, as: PGUUID.self) == payment)
        #expect(try row[0].decode(1, as: Int64.self) == 2_500)
        #expect(try row[0].decode(2, as: String.self) == "requested_by_customer")
        #expect(try row[0].decode(3, as: String.self) == "pending")
        #expect(try row[0].decode(4, as: String.self) == "k-refund-1")
        let event = try w.admin.query("""
            SELECT payload->>'amount', payload->>'reason', payload->>'operator' FROM payment_events
            WHERE payment_id = $1 AND event_type = 'refund.requested'
            """, [payment])
        #expect(event.count == 1)
        #expect(try event[0].decode(0, as: String.self) == "2500")
        #expect(try event[0].decode(1, as: String.self) == "requested_by_customer")
        #expect(try event[0].decode(2, as: String.self) == Operators.support)
        #expect(try w.int("SELECT count(*) FROM outbox WHERE aggregate_type = 'refund' AND event_type = 'refund.requested' AND aggregate_id = $1 AND payload->>'refund_id' = $2", [payment, refund]) == 1)
        let audit = try w.audit("k-refund-1")
        #expect(audit.count == 1)
        #expect(audit.first?.0 == Operators.support)
        #expect(audit.first?.1 == "refund")
        #expect(audit.first?.2 == payment.string)
        #expect(try w.int("SELECT count(*) FROM payops.operator_actions") == 1)
        #expect(try w.admin.query("SELECT status FROM payment_transactions WHERE id = $1", [payment])[0].decode(0, as: String.self) == "completed")

        // The rest, exactly, is allowed ("other" with a note); one cent more is not.
        let rest = try w.call(support, Self.refund, [payment, Int64(7_500), "other", "goodwill", "k-refund-2"])
        #expect(rest["refundable_after"] == "0")
        try w.refused("PX012", support, Self.refund, [payment, Int64(1), "duplicate", PGNull(), "k-refund-3"])
        #expect(try w.int("SELECT sum(amount) FROM payment_refunds WHERE transaction_id = $1 AND status <> 'failed'", [payment]) == 10_000)
    }

    @Test("over-refund by one cent is refused; a partially refunded payment can be refunded to exactly its amount")
    func overRefundByOneCent() throws {
        let w = try World()
        let venue = try Fixtures.venue(w.admin, 1, name: "Hall")
        let payment = try Fixtures.payment(w.admin, 1, venue: venue, at: TestCluster.anchor, amount: 5_000,
                                           status: "partially_refunded")
        try Fixtures.refund(w.admin, payment: payment, amount: 1_000, status: "completed", at: TestCluster.anchor)
        try Fixtures.refund(w.admin, payment: payment, amount: 1_000, status: "pending", at: TestCluster.anchor)
        let support = try w.connect(Operators.support)
        let error = try w.refused("PX012", support, Self.refund, [payment, Int64(3_001), "duplicate", PGNull(), "k1"])
        #expect(error?.message == "refund of 30.01 USD exceeds the refundable remainder 30.00 USD of payment \(payment.string)",
                "money as money: \(String(describing: error?.message))")
        #expect(try w.call(support, Self.refund, [payment, Int64(3_000), "duplicate", PGNull(), "k2"])["refundable_after"] == "0")
    }

    @Test("every refund rule has its own error code, and a refusal writes nothing")
    func refundRules() throws {
        let w = try World()
        let venue = try Fixtures.venue(w.admin, 1, name: "Hall")
        let ok = try Fixtures.payment(w.admin, 1, venue: venue, at: TestCluster.anchor, amount: 10_000)
        let support = try w.connect(Operators.support)
        for (n, status) in ["pending", "processing", "failed", "refunded"].enumerated() {
            let payment = try Fixtures.payment(w.admin, 10 + n, venue: venue, at: TestCluster.anchor, status: status)
            try w.refused("PX010", support, Self.refund, [payment, Int64(100), "duplicate", PGNull(), "k-\(status)"])
        }
        try w.refused("PX011", support, Self.refund, [ok, Int64(0), "duplicate", PGNull(), "k-zero"])
        try w.refused("PX011", support, Self.refund, [ok, Int64(-5), "duplicate", PGNull(), "k-negative"])
        try w.refused("PX011", support, Self.refund, [ok, PGNull(), "duplicate", PGNull(), "k-null"])
        try w.refused("PX013", support, Self.refund, [ok, Int64(100), "because", PGNull(), "k-reason"])
        try w.refused("PX013", support, Self.refund, [ok, Int64(100), PGNull(), PGNull(), "k-reason-null"])
        try w.refused("PX014", support, Self.refund, [ok, Int64(100), "other", PGNull(), "k-other"])
        try w.refused("PX014", support, Self.refund, [ok, Int64(100), "other", "   ", "k-other-blank"])
        try w.refused("PX002", support, Self.refund, [Fixtures.uuid(2, 999), Int64(100), "duplicate", PGNull(), "k-missing"])
        try w.refused("PX005", support, Self.refund, [PGNull(), Int64(100), "duplicate", PGNull(), "k-null-payment"])
        try w.refused("PX004", support, Self.refund, [ok, Int64(100), "duplicate", PGNull(), PGNull()])
        try w.refused("PX004", support, Self.refund, [ok, Int64(100), "duplicate", PGNull(), ""])
        for reason in ["duplicate", "fraudulent", "requested_by_customer"] {
            try w.call(support, Self.refund, [ok, Int64(100), reason, PGNull(), "k-ok-\(reason)"])
        }
        #expect(try w.int("SELECT count(*) FROM payops.operator_actions") == 3)
    }

    @Test("the same idempotency key twice gives one refund; the same key with another request is refused")
    func refundIdempotency() throws {
        let w = try World()
        let venue = try Fixtures.venue(w.admin, 1, name: "Hall")
        let payment = try Fixtures.payment(w.admin, 1, venue: venue, at: TestCluster.anchor, amount: 10_000)
        let support = try w.connect(Operators.support)
        let support2 = try w.connect(Operators.support2)
        let first = try w.call(support, Self.refund, [payment, Int64(1_000), "duplicate", PGNull(), "same-key"])
        let before = try w.fingerprint()
        let second = try w.call(support, Self.refund, [payment, Int64(1_000), "duplicate", PGNull(), "same-key"])
        #expect(first == second)
        #expect(try w.fingerprint() == before)
        // Another operator replaying the same key and request also gets the first result, and nothing is written.
        #expect(try w.call(support2, Self.refund, [payment, Int64(1_000), "duplicate", PGNull(), "same-key"]) == first)
        #expect(try w.int("SELECT count(*) FROM payment_refunds") == 1)
        #expect(try w.audit("same-key").count == 1)
        try w.refused("PX001", support, Self.refund, [payment, Int64(1_001), "duplicate", PGNull(), "same-key"])
        try w.refused("PX001", support, Self.refund, [payment, Int64(1_000), "fraudulent", PGNull(), "same-key"])
        try w.refused("PX001", support, Self.block, ["203.0.113.0/24", "abuse", PGNull(), "same-key"])
    }

    /// The payment row every refund of it locks: held by the race's gate until all the calls wait on it.
    static let paymentGate = "SELECT 1 FROM payment_transactions WHERE id = $1 FOR UPDATE"

    /// 16 refunds of 15.00 from 16 connections against one payment of 100.00, released together.
    static func refundRace(_ w: World) throws -> (race: RaceOutcome, payment: PGUUID, conns: [PGConnection]) {
        let venue = try Fixtures.venue(w.admin, 1, name: "Hall")
        let payment = try Fixtures.payment(w.admin, 1, venue: venue, at: TestCluster.anchor, amount: 10_000)
        let conns = try (0..<16).map { i in try w.connect(i % 2 == 0 ? Operators.support : Operators.support2) }
        let race = try w.race(gate: paymentGate, [payment], on: conns, "SELECT \(refund)") { i in
            [payment, Int64(1_500), "duplicate", PGNull(), "concurrent-\(i)"]
        }
        return (race, payment, conns)
    }

    @Test("16 refunds of one payment at once (all 16 seen waiting together) never exceed its amount")
    func concurrentRefunds() throws {
        let w = try World()
        let (race, payment, conns) = try Self.refundRace(w)
        // They overlapped: all 16 were waiting on a lock at one moment (calls taking turns would show one at most).
        #expect(race.mostWaiting == 16)
        #expect(race.outcomes.filter { $0 == "ok" }.count == 6)
        #expect(race.outcomes.filter { $0 == "PX012" }.count == 10)
        #expect(try w.int("SELECT sum(amount) FROM payment_refunds WHERE transaction_id = $1", [payment]) == 9_000)
        #expect(try w.int("SELECT count(*) FROM payops.operator_actions") == 6)
        #expect(try w.int("SELECT count(*) FROM payment_events WHERE event_type = 'refund.requested'") == 6)
        #expect(try w.int("SELECT count(*) FROM outbox WHERE event_type = 'refund.requested'") == 6)

        // The same key from 16 connections at once: one refund, one audit row, 16 identical answers.
        let same = try w.race(gate: Self.paymentGate, [payment], on: conns, "SELECT \(Self.refund)") { _ in
            [payment, Int64(100), "duplicate", PGNull(), "concurrent-same"]
        }
        #expect(same.mostWaiting == 16)
        #expect(same.outcomes == Array(repeating: "ok", count: 16))
        #expect(try w.int("SELECT count(*) FROM payment_refunds WHERE idempotency_key = 'concurrent-same'") == 1)
        #expect(try w.audit("concurrent-same").count == 1)
    }

    @Test("deliberate fault: a refund that does not lock its payment over-refunds in the same race, so the test above fails")
    func concurrentRefundsCatchAMissingLock() throws {
        let w = try World()
        try w.injectFault(into: "payops.refund(uuid, bigint, text, text, text)", onTheLineWith: "FROM payops_read.payments",
                          replacing: " FOR UPDATE", with: "")
        let (race, payment, _) = try Self.refundRace(w)
        // Every call reads the remainder before any writes (they meet again at the refund's foreign key).
        #expect(race.mostWaiting == 16)
        #expect(race.outcomes == Array(repeating: "ok", count: 16))
        #expect(try w.int("SELECT sum(amount) FROM payment_refunds WHERE transaction_id = $1", [payment]) == 24_000)
    }

    // MARK: payouts

    @Test("payout request: minimum, instant fee with half-up rounding, payable = available − reserved")
    func payoutRequest() throws {
        let w = try World()
        let venue = try Fixtures.venue(w.admin, 1, name: "Hall", available: 100_000, reserved: 20_000)
        let finance = try w.connect(Operators.finance)
        try w.refused("PX020", finance, Self.request, [venue, Int64(9_999), false, "p-min"])
        try w.refused("PX021", finance, Self.request, [venue, Int64(80_001), false, "p-over"])
        // 80,000 instant costs 800 more than payable allows.
        try w.refused("PX021", finance, Self.request, [venue, Int64(80_000), true, "p-over-fee"])
        try w.refused("PX002", finance, Self.request, [Fixtures.uuid(1, 99), Int64(10_000), false, "p-missing"])
        try w.refused("PX005", finance, Self.request, [venue, Int64(10_000), PGNull(), "p-null"])
        try w.refused("PX004", finance, Self.request, [venue, Int64(10_000), false, " "])
        // 10,050 × 1 % = 100.5 → 101; 10,049 × 1 % = 100.49 → 100; 79,208 + 792 = 80,000 = payable.
        #expect(try w.call(finance, Self.request, [venue, Int64(10_050), true, "p-fee-up"])["fee"] == "101")
        #expect(try w.call(finance, Self.request, [venue, Int64(10_049), true, "p-fee-down"])["fee"] == "100")
        #expect(try w.call(finance, Self.request, [venue, Int64(10_000), false, "p-standard"])["fee"] == "0")
        let exact = try w.call(finance, Self.request, [venue, Int64(79_208), true, "p-exact"])
        #expect(exact["fee"] == "792")
        #expect(exact["status"] == "requested")
        let id = try #require(exact["payout_id"])
        let row = try w.admin.query("SELECT requested_by, status, amount, fee, instant, idempotency_key FROM venue_payouts WHERE id = $1::uuid", [id])
        #expect(try row[0].decode(0, as: String.self) == Operators.finance)
        #expect(try row[0].decode(1, as: String.self) == "requested")
        #expect(try row[0].decode(2, as: Int64.self) == 79_208)
        #expect(try row[0].decode(3, as: Int64.self) == 792)
        #expect(try row[0].decode(4, as: Bool.self))
        #expect(try row[0].decode(5, as: String.self) == "p-exact")
        #expect(try w.audit("p-exact").map(\.0) == [Operators.finance])
        #expect(try w.audit("p-exact").map(\.1) == ["payout.request"])
        // Requesting does not move money.
        #expect(try w.int("SELECT amount FROM venue_balances WHERE venue_id = $1 AND balance_type = 'available'", [venue]) == 100_000)
        #expect(try w.int("SELECT count(*) FROM payops.operator_actions") == 4)
    }

    @Test("four-eyes: the requester cannot approve or reject their own payout, superuser included")
    func fourEyes() throws {
        let w = try World()
        let venue = try Fixtures.venue(w.admin, 1, name: "Hall", available: 1_000_000)
        let finance = try w.connect(Operators.finance)
        let id = try #require(try w.call(finance, Self.request, [venue, Int64(50_000), true, "r1"])["payout_id"])
        let payout = try #require(PGUUID(id))
        // The requester calls the function directly, as themselves.
        let error = try w.refused("PX023", finance, Self.approve, [payout, "a-self"])
        #expect(error?.message.contains(Operators.finance) == true)
        try w.refused("PX023", finance, Self.reject, [payout, "no", "j-self"])
        // No superuser exception: a payout the superuser requested cannot be approved by the superuser.
        let own = try #require(try w.call(w.admin, Self.request, [venue, Int64(10_000), false, "r-admin"])["payout_id"])
        try w.refused("PX023", w.admin, Self.approve, [own, "a-admin"])
        // Even a direct UPDATE by the superuser is refused by the table's check constraint.
        let direct = #expect(throws: PGError.self) {
            try w.admin.query("UPDATE venue_payouts SET status = 'approved', decided_by = requested_by WHERE id = $1", [payout])
        }
        #expect(direct?.sqlState == "23514")

        let finance2 = try w.connect(Operators.finance2)
        let approved = try w.call(finance2, Self.approve, [payout, "a-ok"])
        #expect(approved["status"] == "approved")
        #expect(approved["available_after"] == "949500")
        let row = try w.admin.query("SELECT status, decided_by, decided_at IS NOT NULL FROM venue_payouts WHERE id = $1", [payout])
        #expect(try row[0].decode(0, as: String.self) == "approved")
        #expect(try row[0].decode(1, as: String.self) == Operators.finance2)
        #expect(try row[0].decode(2, as: Bool.self))
        // Approving debits available by amount + fee and stamps last_payout_at on every balance row.
        #expect(try w.int("SELECT amount FROM venue_balances WHERE venue_id = $1 AND balance_type = 'available'", [venue]) == 949_500)
        #expect(try w.int("SELECT count(*) FROM venue_balances WHERE venue_id = $1 AND last_payout_at IS NOT NULL", [venue]) == 3)
        #expect(try w.audit("a-ok").map(\.0) == [Operators.finance2])
        #expect(try w.audit("a-ok").map(\.1) == ["payout.approve"])
        // Decided payouts cannot be decided again.
        try w.refused("PX022", finance2, Self.approve, [payout, "a-again"])
        try w.refused("PX022", finance2, Self.reject, [payout, "late", "j-again"])
        try w.refused("PX002", finance2, Self.approve, [Fixtures.uuid(9, 1), "a-missing"])
        // Replaying the approval's key returns its result and debits nothing more.
        #expect(try w.call(finance2, Self.approve, [payout, "a-ok"]) == approved)
        #expect(try w.int("SELECT amount FROM venue_balances WHERE venue_id = $1 AND balance_type = 'available'", [venue]) == 949_500)
    }

    @Test("a venue's approved payouts per UTC day stay within 5,000,000 cents")
    func dailyLimit() throws {
        let w = try World()
        let venue = try Fixtures.venue(w.admin, 1, name: "Hall", available: 10_000_000)
        // Paid earlier today counts; decided two days ago does not; rejected does not.
        try w.admin.query("""
            INSERT INTO venue_payouts (venue_id, amount, status, requested_by, requested_at, decided_by, decided_at)
            VALUES ($1, 1000000, 'paid', 'someone', now(), 'other', now()),
                   ($1, 4000000, 'paid', 'someone', now() - interval '2 days', 'other', now() - interval '2 days'),
                   ($1, 4000000, 'rejected', 'someone', now(), 'other', now())
            """, [venue])
        let finance = try w.connect(Operators.finance)
        let finance2 = try w.connect(Operators.finance2)
        let a = try #require(try w.call(finance, Self.request, [venue, Int64(3_000_000), false, "r-a"])["payout_id"])
        let b = try #require(try w.call(finance, Self.request, [venue, Int64(1_000_001), false, "r-b"])["payout_id"])
        let c = try #require(try w.call(finance, Self.request, [venue, Int64(1_000_000), false, "r-c"])["payout_id"])
        #expect(try w.call(finance2, Self.approve, [a, "a-a"])["approved_today"] == "4000000")
        try w.refused("PX024", finance2, Self.approve, [b, "a-b"])
        #expect(try w.call(finance2, Self.approve, [c, "a-c"])["approved_today"] == "5000000")
    }

    @Test("payable is checked again at approval; rejecting needs a reason and writes it")
    func approvalPayableAndReject() throws {
        let w = try World()
        let venue = try Fixtures.venue(w.admin, 1, name: "Hall", available: 60_000)
        let finance = try w.connect(Operators.finance)
        let finance2 = try w.connect(Operators.finance2)
        let first = try #require(try w.call(finance, Self.request, [venue, Int64(50_000), false, "r1"])["payout_id"])
        let second = try #require(try w.call(finance, Self.request, [venue, Int64(50_000), false, "r2"])["payout_id"])
        try w.call(finance2, Self.approve, [first, "a1"])
        // Only 10,000 is left: the second request no longer fits.
        try w.refused("PX021", finance2, Self.approve, [second, "a2"])
        try w.refused("PX003", finance2, Self.reject, [second, PGNull(), "j-null"])
        try w.refused("PX003", finance2, Self.reject, [second, "  ", "j-blank"])
        try w.refused("PX002", finance2, Self.reject, [Fixtures.uuid(9, 1), "x", "j-missing"])
        let rejected = try w.call(finance2, Self.reject, [second, "insufficient funds", "j-ok"])
        #expect(rejected["status"] == "rejected")
        let row = try w.admin.query("SELECT status, decided_by, decision_reason FROM venue_payouts WHERE id = $1::uuid", [second])
        #expect(try row[0].decode(0, as: String.self) == "rejected")
        #expect(try row[0].decode(1, as: String.self) == Operators.finance2)
        #expect(try row[0].decode(2, as: String.self) == "insufficient funds")
        #expect(try w.int("SELECT amount FROM venue_balances WHERE venue_id = $1 AND balance_type = 'available'", [venue]) == 10_000)
        let audit = try w.admin.query("SELECT operator, reason FROM payops.operator_actions WHERE idempotency_key = 'j-ok'")
        #expect(audit.count == 1)
        #expect(try audit[0].decode(0, as: String.self) == Operators.finance2)
        #expect(try audit[0].decode(1, as: String.self) == "insufficient funds")
    }

    /// A venue's balance rows, which every approval of the venue locks: held by the race's gate.
    static let balancesGate = "SELECT 1 FROM venue_balances WHERE venue_id = $1 FOR UPDATE"

    /// Two payouts requested (by the superuser) for one venue, approved at once by two finance operators.
    static func approvalRace(_ w: World, available: Int64, reserved: Int64 = 0, paidToday: Int64,
                             _ payouts: [(amount: Int64, instant: Bool)])
        throws -> (race: RaceOutcome, venue: PGUUID, payouts: [String]) {
        let venue = try Fixtures.venue(w.admin, 1, name: "Hall", available: available, reserved: reserved)
        if paidToday > 0 {
            try w.admin.query("""
                INSERT INTO venue_payouts (venue_id, amount, status, requested_by, requested_at, decided_by, decided_at)
                VALUES ($1, $2, 'paid', 'someone', now(), 'other', now())
                """, [venue, paidToday])
        }
        let ids = try payouts.enumerated().map { i, payout in
            try #require(try w.call(w.admin, request, [venue, payout.amount, payout.instant, "race-r\(i)"])["payout_id"])
        }
        let approvers = [try w.connect(Operators.finance), try w.connect(Operators.finance2)]
        let race = try w.race(gate: balancesGate, [venue], on: approvers, "SELECT \(approve)") { i in
            [ids[i], "race-a\(i)"]
        }
        return (race, venue, ids)
    }

    /// The venue's approved and paid payouts decided today, and its available balance.
    static func approvedTodayAndAvailable(_ w: World, _ venue: PGUUID) throws -> (Int64, Int64) {
        (try w.int("""
            SELECT coalesce(sum(amount), 0) FROM venue_payouts
            WHERE venue_id = $1 AND status IN ('approved', 'paid') AND decided_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
            """, [venue]),
         try w.int("SELECT amount FROM venue_balances WHERE venue_id = $1 AND balance_type = 'available'", [venue]))
    }

    @Test("two approvals at once (both seen waiting together) against the daily limit: exactly one, to exactly 5,000,000")
    func approvalRaceDailyLimit() throws {
        let w = try World()
        // 2,000,000 paid today; two payouts of 3,000,000: either one fits the limit exactly, both do not.
        let (race, venue, ids) = try Self.approvalRace(w, available: 10_000_000, paidToday: 2_000_000,
                                                       [(3_000_000, false), (3_000_000, false)])
        #expect(race.mostWaiting == 2, "both approvals waited on a lock at one moment")
        #expect(race.outcomes.sorted() == ["PX024", "ok"])
        let (today, available) = try Self.approvedTodayAndAvailable(w, venue)
        #expect(today == 5_000_000)
        #expect(available == 7_000_000)
        let statuses = try ids.map { id in try w.admin.query("SELECT status FROM venue_payouts WHERE id = $1::uuid", [id])[0].decode(0, as: String.self) }
        #expect(statuses == race.outcomes.map { $0 == "ok" ? "approved" : "requested" }, "the refused payout stays requested")
        #expect(try w.int("SELECT count(*) FROM payops.operator_actions WHERE action = 'payout.approve'") == 1)
    }

    @Test("two approvals at once (both seen waiting together) against payable: exactly one, the other refused")
    func approvalRacePayable() throws {
        let w = try World()
        // Payable 70,000 − 20,000 = 50,000: 30,000 instant (+ 300 fee) or 30,000 standard fits, not both.
        let (race, venue, ids) = try Self.approvalRace(w, available: 70_000, reserved: 20_000, paidToday: 0,
                                                       [(30_000, true), (30_000, false)])
        #expect(race.mostWaiting == 2, "both approvals waited on a lock at one moment")
        #expect(race.outcomes.sorted() == ["PX021", "ok"])
        let winner = try #require(race.outcomes.firstIndex(of: "ok"))
        let (today, available) = try Self.approvedTodayAndAvailable(w, venue)
        #expect(today == 30_000)
        #expect(available == 70_000 - [30_300, 30_000][winner], "available is debited once, by amount + fee")
        #expect(available - 20_000 >= 0, "payable never goes negative")
        let approved: [String] = try w.admin.query("SELECT id::text FROM venue_payouts WHERE status = 'approved'").map { try $0.decode(0) }
        #expect(approved == [ids[winner]])
    }

    @Test("deliberate fault: approvals that do not lock the venue's balances both pass in the same races, so the tests above fail")
    func approvalRacesCatchAMissingLock() throws {
        for scenario in ["daily limit", "payable"] {
            let w = try World()
            try w.injectFault(into: "payops.approve_payout(uuid, text)", onTheLineWith: "payops_read.balances",
                              replacing: "FOR UPDATE", with: "")
            // Both read the day's total and the balance before either writes; they meet again at the debit.
            if scenario == "daily limit" {
                let (race, venue, _) = try Self.approvalRace(w, available: 10_000_000, paidToday: 2_000_000,
                                                             [(3_000_000, false), (3_000_000, false)])
                #expect(race.mostWaiting == 2 && race.outcomes == ["ok", "ok"], "\(scenario)")
                #expect(try Self.approvedTodayAndAvailable(w, venue) == (8_000_000, 4_000_000), "over the daily limit")
            } else {
                let (race, venue, _) = try Self.approvalRace(w, available: 70_000, reserved: 20_000, paidToday: 0,
                                                             [(30_000, true), (30_000, false)])
                #expect(race.mostWaiting == 2 && race.outcomes == ["ok", "ok"], "\(scenario)")
                #expect(try Self.approvedTodayAndAvailable(w, venue) == (60_000, 9_700), "payable 9,700 − 20,000 < 0")
            }
        }
    }

    // MARK: queues

    @Test("webhook retry: failed → pending, error kept, updated_at bumped; anything else refused")
    func webhookRetry() throws {
        let w = try World()
        let failed: PGUUID = try w.admin.query("""
            INSERT INTO webhook_inbox (webhook_id, provider, event_type, status, error_message, attempts, updated_at)
            VALUES ('wh_1', 'stripe', 'charge.refunded', 'failed', 'signature mismatch', 3, now() - interval '1 hour')
            RETURNING id
            """)[0].decode(0)
        let processed: PGUUID = try w.admin.query("""
            INSERT INTO webhook_inbox (webhook_id, provider, event_type, status) VALUES ('wh_2', 'stripe', 'x', 'processed')
            RETURNING id
            """)[0].decode(0)
        let oncall = try w.connect(Operators.oncall)
        try w.refused("PX030", oncall, Self.retry, [processed, "w-processed"])
        try w.refused("PX002", oncall, Self.retry, [Fixtures.uuid(9, 1), "w-missing"])
        let result = try w.call(oncall, Self.retry, [failed, "w-ok"])
        #expect(result["status"] == "pending")
        #expect(result["previous_error"] == "signature mismatch")
        let row = try w.admin.query("SELECT status, error_message, attempts, updated_at > now() - interval '1 minute' FROM webhook_inbox WHERE id = $1", [failed])
        #expect(try row[0].decode(0, as: String.self) == "pending")
        #expect(try row[0].decode(1, as: String.self) == "signature mismatch")
        #expect(try row[0].decode(2, as: Int.self) == 3)
        #expect(try row[0].decode(3, as: Bool.self))
        #expect(try w.audit("w-ok").map(\.0) == [Operators.oncall])
        try w.refused("PX030", oncall, Self.retry, [failed, "w-again"])
    }

    @Test("requeue copies a dead letter into the outbox and stamps it; bulk requeue dry-runs first")
    func deadLetters() throws {
        let w = try World()
        func dead(_ error: String, requeued: Bool = false) throws -> Int64 {
            try w.admin.query("""
                INSERT INTO outbox_dlq (original_id, aggregate_id, aggregate_type, event_type, payload, attempts, last_error,
                                        requeued_at, requeued_by)
                VALUES (7, gen_random_uuid(), 'payment', 'payment.completed', '{"n": 1}', 5, $1,
                        CASE WHEN $2::boolean THEN now() END, CASE WHEN $2::boolean THEN 'earlier' END)
                RETURNING id
                """, [error, requeued])[0].decode(0)
        }
        let one = try dead("connection reset")
        let timeouts = try [dead("timeout"), dead("timeout"), dead("timeout")]
        _ = try dead("timeout", requeued: true)
        let oncall = try w.connect(Operators.oncall)

        let result = try w.call(oncall, Self.requeue, [one, "d-one"])
        let outboxID = try #require(result["outbox_id"])
        let copied = try w.admin.query("""
            SELECT o.aggregate_id = d.aggregate_id, o.event_type, o.payload = d.payload, o.attempts, o.processed_at IS NULL,
                   d.requeued_by, d.requeued_at IS NOT NULL
            FROM outbox o JOIN outbox_dlq d ON d.requeued_outbox_id = o.id WHERE o.id = $1::bigint
            """, [outboxID])
        #expect(copied.count == 1)
        #expect(try copied[0].decode(0, as: Bool.self))
        #expect(try copied[0].decode(1, as: String.self) == "payment.completed")
        #expect(try copied[0].decode(2, as: Bool.self))
        #expect(try copied[0].decode(3, as: Int.self) == 0)
        #expect(try copied[0].decode(4, as: Bool.self))
        #expect(try copied[0].decode(5, as: String.self) == Operators.oncall)
        #expect(try copied[0].decode(6, as: Bool.self))
        #expect(try w.int("SELECT count(*) FROM outbox_dlq") == 5)
        try w.refused("PX031", oncall, Self.requeue, [one, "d-again"])
        try w.refused("PX002", oncall, Self.requeue, [Int64(999_999), "d-missing"])

        // Dry run: what it would touch, nothing written.
        let before = try w.fingerprint()
        let dry = try w.call(oncall, Self.requeueGroup, ["timeout", true, "g-1"])
        #expect(dry["count"] == "3")
        #expect(dry["dead_letter_ids"] == "[" + timeouts.map(String.init).joined(separator: ", ") + "]")
        #expect(try w.fingerprint() == before)
        let done = try w.call(oncall, Self.requeueGroup, ["timeout", false, "g-1"])
        #expect(done["count"] == "3")
        #expect(done["dead_letter_ids"] == dry["dead_letter_ids"])
        #expect(try w.int("SELECT count(*) FROM outbox_dlq WHERE last_error = 'timeout' AND requeued_outbox_id IS NOT NULL") == 3)
        #expect(try w.int("SELECT count(*) FROM outbox") == 4)
        #expect(try w.audit("g-1").count == 1)
        #expect(try w.int("SELECT count(*) FROM payops.operator_actions") == 2)
        try w.refused("PX033", oncall, Self.requeueGroup, ["timeout", false, "g-2"])
        try w.refused("PX005", oncall, Self.requeueGroup, ["", false, "g-3"])
        try w.refused("PX005", oncall, Self.requeueGroup, ["timeout", PGNull(), "g-4"])
        #expect(try w.call(oncall, Self.requeueGroup, ["timeout", true, "g-5"])["count"] == "0")

        // Exactly the dry run's letters: a letter arriving after the dry run is left alone.
        let shown = try [dead("broker down"), dead("broker down")]
        let dryRun = try w.call(oncall, Self.requeueGroup, ["broker down", true, "s-0"])
        let late = try dead("broker down")
        let list = "{" + shown.map(String.init).joined(separator: ",") + "}"
        try w.refused("PX036", oncall, Self.requeueSet, ["timeout", list, "s-1"])
        try w.refused("PX002", oncall, Self.requeueSet, ["broker down", "{\(shown[0]),999999}", "s-2"])
        try w.refused("PX005", oncall, Self.requeueSet, ["broker down", "{}", "s-3"])
        let exact = try w.call(oncall, Self.requeueSet, ["broker down", list, "s-4"])
        #expect(exact["dead_letter_ids"] == dryRun["dead_letter_ids"])
        #expect(try w.int("SELECT count(*) FROM outbox_dlq WHERE id = $1 AND requeued_at IS NULL", [late]) == 1,
                "the late letter waits for its own dry run")
        #expect(try w.call(oncall, Self.requeueSet, ["broker down", list, "s-4"]) == exact, "same key: the first result")
        try w.refused("PX031", oncall, Self.requeueSet, ["broker down", "{\(shown[0]),\(late)}", "s-5"])
        #expect(try w.int("SELECT count(*) FROM outbox_dlq WHERE id = $1 AND requeued_at IS NULL", [late]) == 1,
                "a refused set requeues none of its letters")
        #expect(try w.audit("s-4").map(\.1) == ["dlq.requeue_group"])
    }

    @Test("reset of a stuck outbox row: attempts back to 0, error kept; fresh or processed rows refused")
    func outboxReset() throws {
        let w = try World()
        func row(age: String, processed: Bool = false) throws -> Int64 {
            try w.admin.query("""
                INSERT INTO outbox (aggregate_id, aggregate_type, event_type, created_at, attempts, last_attempt_at,
                                    last_error, processed_at)
                VALUES (gen_random_uuid(), 'payment', 'payment.completed', now() - $1::interval, 4,
                        now() - interval '1 minute', 'broker unavailable', CASE WHEN $2::boolean THEN now() END)
                RETURNING id
                """, [age, processed])[0].decode(0)
        }
        let stuck = try row(age: "11 minutes")
        let fresh = try row(age: "9 minutes")
        let processed = try row(age: "1 hour", processed: true)
        let oncall = try w.connect(Operators.oncall)
        let result = try w.call(oncall, Self.resetOutbox, [stuck, "o-1"])
        #expect(result["previous_attempts"] == "4")
        #expect(result["last_error"] == "broker unavailable")
        let after = try w.admin.query("SELECT attempts, last_attempt_at IS NULL, last_error FROM outbox WHERE id = $1",
                                      [stuck])[0]
        #expect(try after.decode(0, as: Int.self) == 0)
        #expect(try after.decode(1, as: Bool.self))
        #expect(try after.decode(2, as: String.self) == "broker unavailable")
        #expect(try w.audit("o-1").map(\.1) == ["outbox.reset"])
        #expect(try w.call(oncall, Self.resetOutbox, [stuck, "o-1"]) == result, "same key: the first result")
        try w.refused("PX035", oncall, Self.resetOutbox, [fresh, "o-2"])
        try w.refused("PX034", oncall, Self.resetOutbox, [processed, "o-3"])
        try w.refused("PX002", oncall, Self.resetOutbox, [Int64(999_999), "o-4"])
        try w.refused("PX001", oncall, Self.resetOutbox, [fresh, "o-1"])
        try w.refused("42501", try w.connect(Operators.support), Self.resetOutbox, [stuck, "o-5"])
    }

    @Test("migration 8: whitespace is blank, a huge instant payout is PX021, a platform payout key is PX001, expiry replays across time zones, a never-tried outbox row is not reset")
    func migrationEightFixes() throws {
        let w = try World()
        let venue = try Fixtures.venue(w.admin, 1, name: "Hall", available: 1_000_000)
        let payment = try Fixtures.payment(w.admin, 1, venue: venue, at: TestCluster.anchor)
        let support = try w.connect(Operators.support)
        let finance = try w.connect(Operators.finance)
        let oncall = try w.connect(Operators.oncall)
        try w.refused("PX014", support, Self.refund, [payment, Int64(100), "other", "\t\n ", "m8-1"])
        try w.refused("PX004", support, Self.refund, [payment, Int64(100), "duplicate", PGNull(), "\t"])
        try w.refused("PX003", support, Self.block, ["192.0.2.1", "\n\t", PGNull(), "m8-2"])
        try w.refused("PX005", oncall, Self.requeueGroup, ["\t", false, "m8-3"])
        try w.refused("PX021", finance, Self.request, [venue, Int64.max, true, "m8-4"])
        try w.admin.query("""
            INSERT INTO venue_payouts (venue_id, amount, status, requested_by, idempotency_key)
            VALUES ($1, 10000, 'paid', 'platform', 'payout-2026-11-20')
            """, [venue])
        try w.refused("PX001", finance, Self.request, [venue, Int64(10_000), false, "payout-2026-11-20"])
        // The same block from a session in another time zone is the same request: the first result comes back.
        let first = try w.call(support, Self.block, ["203.0.113.0/24", "card testing", "2999-01-01 00:00:00+00", "m8-5"])
        let support2 = try w.connect(Operators.support2)
        try support2.execute("SET TimeZone = 'America/New_York'")
        #expect(try w.call(support2, Self.block, ["203.0.113.0/24", "card testing", "2999-01-01 00:00:00+00", "m8-5"]) == first)
        #expect(first["expires_at"] == "2999-01-01T00:00:00.000000Z")
        let neverTried: Int64 = try w.admin.query("""
            INSERT INTO outbox (aggregate_id, aggregate_type, event_type, created_at)
            VALUES (gen_random_uuid(), 'payment', 'payment.completed', now() - interval '1 hour') RETURNING id
            """)[0].decode(0)
        try w.refused("PX037", oncall, Self.resetOutbox, [neverTried, "m8-6"])
    }

    // MARK: IP blocklist

    @Test("block and unblock an IP or CIDR with a reason and optional expiry")
    func blocklist() throws {
        let w = try World()
        let support = try w.connect(Operators.support)
        try w.refused("PX003", support, Self.block, ["203.0.113.0/24", " ", PGNull(), "b-blank"])
        try w.refused("PX041", support, Self.block, ["203.0.113.0/24", "abuse", "2000-01-01 00:00:00+00", "b-past"])
        try w.refused("PX005", support, Self.block, [PGNull(), "abuse", PGNull(), "b-null"])
        let blocked = try w.call(support, Self.block, ["203.0.113.0/24", "card testing", "2999-01-01 00:00:00+00", "b-ok"])
        #expect(blocked["network"] == "203.0.113.0/24")
        let row = try w.admin.query("SELECT reason, created_by, expires_at IS NOT NULL FROM payops.ip_blocklist WHERE network = '203.0.113.0/24'")
        #expect(try row[0].decode(0, as: String.self) == "card testing")
        #expect(try row[0].decode(1, as: String.self) == Operators.support)
        #expect(try row[0].decode(2, as: Bool.self))
        try w.refused("PX043", support, Self.block, ["203.0.113.0/24", "again", PGNull(), "b-again"])
        // An expired entry is replaced.
        try w.admin.query("INSERT INTO payops.ip_blocklist (network, reason, expires_at) VALUES ('198.51.100.7/32', 'old', now() - interval '1 day')")
        #expect(try w.call(support, Self.block, ["198.51.100.7", "back again", PGNull(), "b-expired"])["replaced_expired"] == "true")
        #expect(try w.int("SELECT count(*) FROM payops.ip_blocklist WHERE network = '198.51.100.7/32' AND expires_at IS NULL") == 1)

        try w.refused("PX003", support, Self.unblock, ["203.0.113.0/24", PGNull(), "u-null"])
        try w.refused("PX042", support, Self.unblock, ["192.0.2.0/24", "mistake", "u-missing"])
        #expect(try w.call(support, Self.unblock, ["203.0.113.0/24", "false positive", "u-ok"])["blocked"] == "false")
        #expect(try w.int("SELECT count(*) FROM payops.ip_blocklist WHERE network = '203.0.113.0/24'") == 0)
        #expect(try w.audit("u-ok").map(\.1) == ["ip.unblock"])
        #expect(try w.audit("b-ok").map(\.0) == [Operators.support])
        #expect(try w.int("SELECT count(*) FROM payops.operator_actions") == 3)
    }

    // MARK: roles

    @Test("each group executes only its own functions; nobody runs the internal helpers")
    func groupsExecuteOnlyTheirFunctions() throws {
        let w = try World()
        let venue = try Fixtures.venue(w.admin, 1, name: "Hall", available: 1_000_000)
        let payment = try Fixtures.payment(w.admin, 1, venue: venue, at: TestCluster.anchor)
        let calls: [(group: String, function: String, params: [any PGParam])] = [
            ("support", Self.refund, [payment, Int64(100), "duplicate", PGNull(), "x1"]),
            ("support", Self.block, ["192.0.2.1", "x", PGNull(), "x2"]),
            ("support", Self.unblock, ["192.0.2.1", "x", "x3"]),
            ("finance", Self.request, [venue, Int64(10_000), false, "x4"]),
            ("finance", Self.approve, [Fixtures.uuid(9, 1), "x5"]),
            ("finance", Self.reject, [Fixtures.uuid(9, 1), "x", "x6"]),
            ("oncall", Self.retry, [Fixtures.uuid(9, 1), "x7"]),
            ("oncall", Self.requeue, [Int64(1), "x8"]),
            ("oncall", Self.requeueGroup, ["timeout", false, "x9"]),
            ("oncall", Self.resetOutbox, [Int64(1), "x10"]),
            ("oncall", Self.requeueSet, ["timeout", "{1}", "x11"]),
        ]
        let operators = ["support": Operators.support, "finance": Operators.finance, "oncall": Operators.oncall,
                         "viewer": Operators.viewer]
        for (group, user) in operators {
            let conn = try w.connect(user)
            for call in calls where call.group != group {
                try w.refused("42501", conn, call.function, call.params)
            }
            try w.refused("42501", conn, "payops.audit('refund', 'payment', 'x', NULL, '{}', '{}', 'forged')", [])
            try w.refused("42501", conn, "payops.idempotent_replay('k', 'refund', '{}')", [])
            try w.refused("42501", conn, "payops.lock_dead_letters('{1}')", [])
            try w.refused("42501", conn, "payops_write.reset_outbox(1)", [])
            try w.refused("42501", conn, "payops.lock_decidable_payout(gen_random_uuid(), 'approve', 'x')", [])
            try w.refused("42501", conn, "payops.create_operator('oa_mallory', 'finance')", [])
        }
        // The grants, as PostgreSQL reports them.
        let granted: [String] = try w.admin.query("""
            SELECT r.rolname || ' ' || p.proname FROM pg_proc p CROSS JOIN pg_roles r
            WHERE p.pronamespace = 'payops'::regnamespace AND r.rolname LIKE 'payops\\_%'
              AND p.proname NOT IN ('utc', 'cents', 'txt', 'minor', 'uid', 'tenant_guard', 'rollup_minute', 'rollup_hour')
              AND has_function_privilege(r.oid, p.oid, 'EXECUTE') ORDER BY 1
            """).map { try $0.decode(0) }
        // Any operator's console may be the elected rollup maintainer (README, Rollups): rollup_step only writes
        // payops' own buckets, from what every group may read.
        #expect(granted == [
            "payops_finance approve_payout", "payops_finance reject_payout", "payops_finance request_payout",
            "payops_finance rollup_step",
            "payops_oncall requeue_dead_letter", "payops_oncall requeue_dead_letter_ids", "payops_oncall requeue_dead_letter_set",
            "payops_oncall requeue_dead_letters", "payops_oncall reset_outbox",
            "payops_oncall retry_webhook", "payops_oncall retry_webhook_set", "payops_oncall rollup_step",
            "payops_support block_ip", "payops_support refund", "payops_support rollup_step", "payops_support unblock_ip",
            "payops_viewer rollup_step",
        ])
        // Every action function is SECURITY DEFINER with a pinned search_path.
        let unsafe: [String] = try w.admin.query("""
            SELECT proname FROM pg_proc WHERE pronamespace = 'payops'::regnamespace
              AND proname NOT IN ('refuse_change', 'idempotent_replay', 'audit', 'lock_dead_letters', 'lock_decidable_payout',
                                  'is_blank', 'trimmed', 'utc_text', 'money_text', 'utc', 'cents', 'txt', 'minor', 'uid', 'tenant_guard',
                                  'rollup_minute', 'rollup_hour')
              AND (NOT prosecdef OR proconfig IS NULL
                   OR NOT proconfig @> ARRAY['search_path=pg_catalog, payops, pg_temp'])
            """).map { try $0.decode(0) }
        #expect(unsafe == [])
    }

    @Test("no operator role can INSERT into any table, nor UPDATE or DELETE the audit tables, nor create tables")
    func noDirectWrites() throws {
        let w = try World()
        let venue = try Fixtures.venue(w.admin, 1, name: "Hall")
        let payment = try Fixtures.payment(w.admin, 1, venue: venue, at: TestCluster.anchor)
        try Fixtures.event(w.admin, payment: payment, type: "payment.created", at: TestCluster.anchor)
        let support = try w.connect(Operators.support)
        try w.call(support, Self.refund, [payment, Int64(100), "duplicate", PGNull(), "k"])
        let tables: [String] = try w.admin.query("""
            SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables
            WHERE table_schema IN ('public', 'payops') AND table_type = 'BASE TABLE' ORDER BY 1
            """).map { try $0.decode(0) }
        #expect(tables.count >= 18)
        for user in Operators.all {
            let conn = try w.connect(user)
            for table in tables {
                // Table names come from the catalog, quoted by format(%I).
                try w.refusedStatement("42501", conn, "INSERT INTO \(table) DEFAULT VALUES")
            }
            for statement in ["UPDATE payment_events SET event_type = 'x'", "DELETE FROM payment_events",
                              "UPDATE payops.operator_actions SET reason = 'x'", "DELETE FROM payops.operator_actions",
                              "TRUNCATE payment_events", "UPDATE venue_balances SET amount = amount + 1",
                              "DELETE FROM payops.ip_blocklist", "CREATE TABLE public.mine (x int)",
                              "CREATE TABLE payops.mine (x int)"] {
                let before = try w.fingerprint()
                let error = #expect(throws: PGError.self, "\(user): \(statement)") { try conn.query(statement) }
                #expect(error?.sqlState == "42501", "\(user): \(statement)")
                #expect(try w.fingerprint() == before)
            }
        }
        let writable: [String] = try w.admin.query("""
            SELECT r.rolname || ' ' || c.oid::regclass::text FROM pg_class c CROSS JOIN pg_roles r
            WHERE c.relnamespace IN ('public'::regnamespace, 'payops'::regnamespace) AND c.relkind IN ('r', 'p')
              AND (r.rolname LIKE 'payops\\_%' OR r.rolname LIKE 'oa\\_%')
              AND (has_table_privilege(r.oid, c.oid, 'INSERT') OR has_table_privilege(r.oid, c.oid, 'UPDATE')
                   OR has_table_privilege(r.oid, c.oid, 'DELETE') OR has_table_privilege(r.oid, c.oid, 'TRUNCATE'))
            """).map { try $0.decode(0) }
        #expect(writable == [])
        // payops grants nothing on the platform's tables: one created later is neither readable nor writable by
        // operators (they read the read model in payops_read).
        try w.admin.execute("CREATE TABLE public.later (x int)")
        let viewer = try w.connect(Operators.viewer)
        try w.refusedStatement("42501", viewer, "SELECT count(*) FROM public.later")
        try w.refusedStatement("42501", support, "INSERT INTO public.later VALUES (1)")
    }

    @Test("create_operator makes a login role in a group; only superusers may call it")
    func createOperator() throws {
        let w = try World()
        let name = "oa_created_\(UInt32.random(in: 0...UInt32.max))"
        let result = try w.call(w.admin, "payops.create_operator($1, $2)", [name, "finance"])
        #expect(result["created"] == "true")
        #expect(result["group"] == "payops_finance")
        let row = try w.admin.query("""
            SELECT rolcanlogin, rolsuper, pg_has_role(oid, 'payops_finance', 'MEMBER'), pg_has_role(oid, 'payops_support', 'MEMBER')
            FROM pg_roles WHERE rolname = $1
            """, [name])
        #expect(try row[0].decode(0, as: Bool.self))
        #expect(try !row[0].decode(1, as: Bool.self))
        #expect(try row[0].decode(2, as: Bool.self))
        #expect(try !row[0].decode(3, as: Bool.self))
        // Again with another group adds the group.
        #expect(try w.call(w.admin, "payops.create_operator($1, $2)", [name, "payops_oncall"])["created"] == "false")
        let conn = try w.connect(name)
        #expect(try conn.query("SELECT has_function_privilege('payops.retry_webhook(uuid, text)', 'EXECUTE')")[0].decode(0, as: Bool.self))
        try w.refused("PX050", w.admin, "payops.create_operator($1, $2)", [name, "admin"])
        try w.refused("PX050", w.admin, "payops.create_operator($1, $2)", [name, PGNull()])
        try w.refused("PX051", w.admin, "payops.create_operator($1, $2)", ["payops_evil", "finance"])
        try w.refused("PX051", w.admin, "payops.create_operator($1, $2)", ["postgres", "finance"])
        try w.refused("PX051", w.admin, "payops.create_operator($1, $2)", ["", "finance"])
        // A finance operator cannot make operators (no EXECUTE; and the function checks rolsuper too).
        try w.refused("42501", conn, "payops.create_operator($1, $2)", ["oa_sneaky", "finance"])
        try w.admin.execute("GRANT EXECUTE ON FUNCTION payops.create_operator(text, text) TO payops_finance")
        let error = try w.refused("42501", conn, "payops.create_operator($1, $2)", ["oa_sneaky", "finance"])
        #expect(error?.message.contains("superuser") == true)
    }
}

/// Every base table in public (the platform's) and payops (payops' own): row count and an md5 over every row, so
/// that a refusal can be shown to have written nothing anywhere.
func tableFingerprint(_ db: PGConnection) throws -> [String: String] {
    let tables: [String] = try db.query("""
        SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables
        WHERE table_schema IN ('public', 'payops') AND table_type = 'BASE TABLE' ORDER BY 1
        """).map { try $0.decode(0) }
    var result: [String: String] = [:]
    for table in tables {
        // Names come from the catalog, quoted by format(%I).
        let row = try db.query("SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \(table) t")[0]
        result[table] = "\(try row.decode(0, as: Int.self)):\(try row.decode(1, as: String.self))"
    }
    return result
}
