import PaymentData
import Testing
import TestSupport

/// The typed Swift calls of PaymentData/Actions against the real functions, and the previews'
/// agreement with the database on the same cases.
@Suite("typed actions and previews")
struct ActionWrapperTests {
    static let usd = Currency.usd

    func key(_ text: String) -> IdempotencyKey { IdempotencyKey(text)! }

    @Test("refund: typed receipt, typed refusals for every rule, replay gives the same receipt")
    func refund() throws {
        let w = try World()
        let venue = try Fixtures.venue(w.admin, 1, name: "Hall")
        let payment = try Fixtures.payment(w.admin, 1, venue: venue, at: TestCluster.anchor, amount: 5_000)
        let support = try w.connect(Operators.support)
        let amount = Money(minorUnits: 1_250, currency: Self.usd)
        let receipt = try support.perform(OperatorActions.refund(payment: payment, amount: amount, reason: "duplicate",
                                                                 note: nil, key: key("w-r1")))
        #expect(receipt.paymentID == payment)
        #expect(receipt.amount == amount)
        #expect(receipt.refundableAfter == Money(minorUnits: 3_750, currency: Self.usd))
        #expect(receipt.json.text.contains("\"refund_id\""))
        #expect(receipt.summary.contains("12.50 USD"))
        let replay = try support.perform(OperatorActions.refund(payment: payment, amount: amount, reason: "duplicate",
                                                                note: nil, key: key("w-r1")))
        #expect(replay == receipt)
        #expect(try w.int("SELECT count(*) FROM payment_refunds") == 1)

        func refusal(_ query: Query<RefundReceipt>, on conn: PGConnection) -> ActionRefusal.Reason? {
            do { _ = try conn.perform(query); return nil } catch { return (error as? ActionRefusal)?.reason }
        }
        let over = Money(minorUnits: 3_751, currency: Self.usd)
        #expect(refusal(OperatorActions.refund(payment: payment, amount: over, reason: "duplicate", note: nil,
                                               key: key("w-r2")), on: support) == .exceedsRefundable)
        #expect(refusal(OperatorActions.refund(payment: payment, amount: amount, reason: "other", note: " ",
                                               key: key("w-r3")), on: support) == .noteRequired)
        #expect(refusal(OperatorActions.refund(payment: Fixtures.uuid(2, 99), amount: amount, reason: "duplicate",
                                               note: nil, key: key("w-r4")), on: support) == .notFound)
        #expect(refusal(OperatorActions.refund(payment: payment, amount: over, reason: "duplicate", note: nil,
                                               key: key("w-r1")), on: support) == .keyReused)
        #expect(refusal(OperatorActions.refund(payment: payment, amount: amount, reason: "duplicate", note: nil,
                                               key: key("w-r5")), on: try w.connect(Operators.finance)) == .permissionDenied)
    }

    @Test("a lost connection is not a refusal: it stays a PGError")
    func lostConnectionIsNotARefusal() throws {
        let w = try World()
        let support = try w.connect(Operators.support)
        let pid: Int32 = try support.query("SELECT pg_backend_pid()")[0].decode(0)
        try w.admin.query("SELECT pg_terminate_backend($1)", [pid])
        let query = OperatorActions.refund(payment: Fixtures.uuid(2, 1), amount: Money(minorUnits: 1, currency: Self.usd),
                                           reason: "duplicate", note: nil, key: key("w-lost"))
        let error = #expect(throws: PGError.self) { try support.perform(query) }
        #expect(error?.asRefusal == nil)
    }

    @Test("refund preview: refundable and the Swift-side rules agree with payops.refund on every case")
    func refundPreviewAgrees() throws {
        let w = try World()
        let venue = try Fixtures.venue(w.admin, 1, name: "Hall")
        let at = TestCluster.anchor
        let completed = try Fixtures.payment(w.admin, 1, venue: venue, at: at, amount: 10_000)
        let partial = try Fixtures.payment(w.admin, 2, venue: venue, at: at, amount: 10_000, status: "partially_refunded")
        try Fixtures.refund(w.admin, payment: partial, amount: 2_500, at: at)
        try Fixtures.refund(w.admin, payment: partial, amount: 1_000, status: "pending", at: at)
        try Fixtures.refund(w.admin, payment: partial, amount: 4_000, status: "failed", at: at)
        let refunded = try Fixtures.payment(w.admin, 3, venue: venue, at: at, amount: 10_000, status: "refunded")
        let failed = try Fixtures.payment(w.admin, 4, venue: venue, at: at, amount: 10_000, status: "failed")
        let support = try w.connect(Operators.support)
        var cases = 0
        for (n, payment) in [completed, partial, refunded, failed].enumerated() {
            let preview = try #require(try support.run(RefundPreview.query(payment)))
            for (m, offset) in [Int64(-1), 0, 1].enumerated() {
                for (reason, note) in [("duplicate", nil), ("other", nil), ("other", "customer called"), ("typo", nil)] as [(String, String?)] {
                    let amount = Money(minorUnits: preview.refundable.minorUnits + offset, currency: preview.currency)
                    let expected = preview.refusal(amount: amount, reason: reason, note: note)?.reason
                    var actual: ActionRefusal.Reason?
                    do {
                        try support.execute("BEGIN")
                        _ = try support.perform(OperatorActions.refund(payment: payment, amount: amount, reason: reason,
                                                                      note: note, key: key("p-\(n)-\(m)-\(reason)-\(note ?? "")")))
                    } catch let refusal as ActionRefusal {
                        actual = refusal.reason
                    }
                    try support.execute("ROLLBACK")
                    #expect(actual == expected, "payment \(n) amount \(amount) reason \(reason) note \(note ?? "nil")")
                    cases += 1
                }
            }
        }
        #expect(cases == 48)
        let partialPreview = try #require(try support.run(RefundPreview.query(partial)))
        #expect(partialPreview.refundable == Money(minorUnits: 6_500, currency: Self.usd), "failed refunds do not count")
        #expect(try support.run(RefundPreview.query(Fixtures.uuid(2, 99))) == nil)
    }

    @Test("payout preview: the instant fee and the request rules agree with payops.request_payout")
    func payoutPreviewAgrees() throws {
        let w = try World()
        let venue = try Fixtures.venue(w.admin, 1, name: "Hall", available: 100_000, reserved: 20_000)
        let finance = try w.connect(Operators.finance)
        let preview = try #require(try finance.run(PayoutPreview.query(venue)))
        #expect(preview.payableMinorUnits == 80_000)
        let amounts: [Int64] = [9_999, 10_000, 10_049, 10_050, 10_051, 12_345, 79_207, 79_208, 79_209, 80_000, 80_001]
        for amount in amounts {
            for instant in [false, true] {
                let money = Money(minorUnits: amount, currency: Self.usd)
                let expected = preview.requestRefusal(amount: money, instant: instant)?.reason
                try finance.execute("BEGIN")
                do {
                    let receipt = try finance.perform(OperatorActions.requestPayout(venue: venue, amount: money,
                                                                                    instant: instant, key: key("q-\(amount)-\(instant)")))
                    #expect(expected == nil, "\(amount) instant \(instant): the database accepted it")
                    #expect(receipt.fee == PayoutPreview.fee(amount: money, instant: instant), "fee of \(amount)")
                    #expect(receipt.status == "requested")
                } catch let refusal as ActionRefusal {
                    #expect(refusal.reason == expected, "\(amount) instant \(instant): \(refusal)")
                }
                try finance.execute("ROLLBACK")
            }
        }
        #expect(PayoutPreview.fee(amount: Money(minorUnits: 10_050, currency: Self.usd), instant: true).minorUnits == 101)
        #expect(PayoutPreview.fee(amount: Money(minorUnits: 10_049, currency: Self.usd), instant: true).minorUnits == 100)
    }

    @Test("payout approve and reject: typed receipts; four-eyes and the daily limit agree with the preview")
    func payoutDecisions() throws {
        let w = try World()
        let venue = try Fixtures.venue(w.admin, 1, name: "Hall", available: 10_000_000)
        let alice = try w.connect(Operators.finance)
        let bob = try w.connect(Operators.finance2)
        let big = Money(minorUnits: 3_000_000, currency: Self.usd)
        let first = try alice.perform(OperatorActions.requestPayout(venue: venue, amount: big, instant: false, key: key("d-1")))
        let second = try alice.perform(OperatorActions.requestPayout(venue: venue, amount: big, instant: true, key: key("d-2")))
        let third = try alice.perform(OperatorActions.requestPayout(venue: venue, amount: big, instant: false, key: key("d-3")))
        #expect(second.fee == Money(minorUnits: 30_000, currency: Self.usd))
        do {
            _ = try alice.perform(OperatorActions.approvePayout(first.payoutID, key: key("d-4")))
            Issue.record("the requester approved their own payout")
        } catch let refusal as ActionRefusal {
            #expect(refusal.reason == .fourEyes)
            #expect(refusal.description.contains("another finance operator"))
        }
        let approved = try bob.perform(OperatorActions.approvePayout(first.payoutID, key: key("d-5")))
        #expect(approved.status == "approved")
        #expect(approved.amount == big)
        let preview = try #require(try bob.run(PayoutPreview.query(venue)))
        #expect(preview.approvedToday == big)
        #expect(preview.approvalRefusal(amount: big, fee: second.fee!)?.reason == .dailyLimit)
        #expect(throws: ActionRefusal(.dailyLimit, "")) { try bob.perform(OperatorActions.approvePayout(second.payoutID, key: key("d-6"))) }
        let rejected = try bob.perform(OperatorActions.rejectPayout(third.payoutID, reason: "duplicate request", key: key("d-7")))
        #expect(rejected.status == "rejected")
        #expect(rejected.amount == big, "the currency comes from the venue when the result lacks it")
        #expect(rejected.fee == nil)
    }

    @Test("queue actions: webhook retry, one requeue, a group's dry run then the requeue, outbox reset")
    func queueActions() throws {
        let w = try World()
        let webhook: PGUUID = try w.admin.query("""
            INSERT INTO webhook_inbox (webhook_id, provider, event_type, status, attempts, error_message)
            VALUES ('evt_1', 'stripe', 'charge.succeeded', 'failed', 3, 'HTTP 500') RETURNING id
            """)[0].decode(0)
        var letters: [Int64] = []
        for error in ["timeout", "timeout", "schema mismatch"] {
            letters.append(try w.admin.query("""
                INSERT INTO outbox_dlq (aggregate_id, aggregate_type, event_type, last_error)
                VALUES (gen_random_uuid(), 'payment', 'payment.completed', $1) RETURNING id
                """, [error])[0].decode(0))
        }
        let stuck: Int64 = try w.admin.query("""
            INSERT INTO outbox (aggregate_id, aggregate_type, event_type, created_at, attempts)
            VALUES (gen_random_uuid(), 'payment', 'payment.completed', now() - interval '20 minutes', 7) RETURNING id
            """)[0].decode(0)
        let oncall = try w.connect(Operators.oncall)
        let retried = try oncall.perform(OperatorActions.retryWebhook(webhook, key: key("q-1")))
        #expect(retried.webhookID == webhook)
        #expect(retried.previousError == "HTTP 500")
        let one = try oncall.perform(OperatorActions.requeueDeadLetter(letters[2], key: key("q-2")))
        #expect(one.deadLetterID == letters[2])
        let before = try w.fingerprint()
        let dry = try oncall.perform(OperatorActions.requeueGroup("timeout", dryRun: true, key: key("q-3")))
        #expect(dry.dryRun)
        #expect(dry.deadLetterIDs == Array(letters[0...1]))
        #expect(dry.outboxIDs.isEmpty)
        #expect(dry.summary == "dry run: would requeue 2 dead letters with error \"timeout\"")
        #expect(try w.fingerprint() == before, "a dry run writes nothing")
        let done = try oncall.perform(OperatorActions.requeueGroup("timeout", dryRun: false, key: key("q-3")))
        #expect(!done.dryRun)
        #expect(done.deadLetterIDs == dry.deadLetterIDs)
        #expect(done.outboxIDs.count == 2)
        let reset = try oncall.perform(OperatorActions.resetOutbox(stuck, key: key("q-4")))
        #expect(reset.previousAttempts == 7)
        #expect(throws: ActionRefusal(.alreadyRequeued, "")) { try oncall.perform(OperatorActions.requeueDeadLetter(letters[2], key: key("q-5"))) }
    }

    @Test("block and unblock: typed receipts with the expiry; create_operator as a typed call")
    func blocklistAndOperators() throws {
        let w = try World()
        let support = try w.connect(Operators.support)
        let expiry = Timestamp(microseconds: TestCluster.anchor.microseconds + 400 * 86_400_000_000)
        let blocked = try support.perform(OperatorActions.blockIP("198.51.100.0/24", reason: "card testing", expiresAt: expiry,
                                                                  key: key("b-1")))
        #expect(blocked.blocked)
        #expect(blocked.network == "198.51.100.0/24")
        #expect(blocked.expiresAt == expiry)
        #expect(blocked.summary.hasPrefix("198.51.100.0/24 blocked until"))
        let unblocked = try support.perform(OperatorActions.unblockIP("198.51.100.0/24", reason: "false positive", key: key("b-2")))
        #expect(!unblocked.blocked)
        #expect(throws: ActionRefusal(.notBlocked, "")) {
            try support.perform(OperatorActions.unblockIP("198.51.100.0/24", reason: "again", key: key("b-3")))
        }
        // A value PostgreSQL cannot take is refused input, not an unknown outcome: nothing was written.
        do {
            _ = try support.perform(OperatorActions.blockIP("198.51.100.1/24", reason: "x", expiresAt: nil, key: key("b-4")))
            Issue.record("a network with host bits set was accepted")
        } catch let refusal as ActionRefusal {
            #expect(refusal.reason == .invalidInput)
            #expect(refusal.code == "22P02")
        }
        let made = try w.admin.perform(OperatorActions.createOperator("oa_viewer1", group: "viewer"))
        #expect(!made.created)
        #expect(made.group == "payops_viewer")
        #expect(throws: ActionRefusal(.permissionDenied, "")) { try support.perform(OperatorActions.createOperator("x", group: "viewer")) }
    }

    @Test("idempotency keys: new ones are distinct version-4 uuids; blank or control characters are refused")
    func keys() {
        let keys = (0..<100).map { _ in IdempotencyKey.make().text }
        #expect(Set(keys).count == 100)
        #expect(keys.allSatisfy { $0.hasPrefix("payops-") && $0.count == 43 && Array($0)[21] == "4" })
        #expect(IdempotencyKey("") == nil)
        #expect(IdempotencyKey(" padded") == nil)
        #expect(IdempotencyKey("a\u{1b}b") == nil)
        #expect(IdempotencyKey("batch-7:12")?.text == "batch-7:12")
    }
}
