import PaymentData
import Testing
import TestSupport

/// The set actions behind marking and error groups, on a real PostgreSQL: exactly the set a dry run showed, in one
/// transaction, or nothing; the same key returns the first result; one audit row names the operator.
@Suite("queue set actions (marked rows, webhook error groups)")
struct QueueSetActionTests {
    static let retrySet = "payops.retry_webhook_set($1, $2::uuid[], $3)"
    static let requeueIDs = "payops.requeue_dead_letter_ids($1::bigint[], $2)"

    static func webhook(_ w: World, _ error: String?, status: String = "failed") throws -> PGUUID {
        try w.admin.query("""
            INSERT INTO webhook_inbox (webhook_id, provider, event_type, status, error_message, attempts)
            VALUES ('wh_' || gen_random_uuid(), 'stripe', 'charge.refunded', $1, $2, 3) RETURNING id
            """, [status, error])[0].decode(0)
    }

    static func list(_ ids: [PGUUID]) -> String { "{" + ids.map(\.string).joined(separator: ",") + "}" }

    @Test("retry_webhook_set: exactly the set or nothing (PX030, PX036, PX002, PX005), idempotent, one audit row")
    func retryWebhookSet() throws {
        let w = try World()
        let timeouts = try [Self.webhook(w, "timeout"), Self.webhook(w, "timeout"), Self.webhook(w, "timeout")]
        let other = try Self.webhook(w, "signature mismatch")
        let noError = try Self.webhook(w, nil)
        let processed = try Self.webhook(w, "timeout", status: "processed")
        let oncall = try w.connect(Operators.oncall)

        // The dry run (a read) and the set it showed; then the set changes: each change refuses the whole set.
        let shown = try oncall.run(QueueQueries.failedWebhooks(.message("timeout")))
        #expect(Set(shown.map(\.id)) == Set(timeouts))
        try w.refused("PX030", oncall, Self.retrySet, ["timeout", Self.list(timeouts + [processed]), "r-processed"])
        try w.refused("PX036", oncall, Self.retrySet, ["timeout", Self.list(timeouts + [other]), "r-group"])
        try w.refused("PX002", oncall, Self.retrySet, ["timeout", Self.list(timeouts + [Fixtures.uuid(9, 1)]), "r-missing"])
        try w.refused("PX005", oncall, Self.retrySet, ["timeout", "{}", "r-empty"])
        try w.refused("PX005", oncall, Self.retrySet, ["  ", Self.list(timeouts), "r-blank"])
        try w.refused("42501", try w.connect(Operators.support), Self.retrySet, ["timeout", Self.list(timeouts), "r-support"])

        let done = try w.call(oncall, Self.retrySet, ["timeout", Self.list(timeouts), "r-ok"])
        #expect(done["count"] == "3")
        #expect(try w.int("SELECT count(*) FROM webhook_inbox WHERE id = ANY ($1::uuid[]) AND status = 'pending'",
                          [Self.list(timeouts)]) == 3)
        #expect(try w.int("SELECT count(*) FROM webhook_inbox WHERE id = $1 AND status = 'failed'", [other]) == 1,
                "a webhook outside the set is left alone")
        #expect(try w.audit("r-ok").map { [$0.0, $0.1, $0.2] } == [[Operators.oncall, "webhook.retry_set", "timeout"]])
        // The same key again: the first result, nothing done twice; another request under it: PX001.
        let before = try w.fingerprint()
        #expect(try w.call(oncall, Self.retrySet, ["timeout", Self.list(timeouts), "r-ok"]) == done)
        #expect(try w.fingerprint() == before)
        try w.refused("PX001", oncall, Self.retrySet, ["timeout", Self.list([other]), "r-ok"])
        // A new key over rows that are pending now: refused, the set changed since its dry run.
        try w.refused("PX030", oncall, Self.retrySet, ["timeout", Self.list(timeouts), "r-again"])

        // Marked rows (no group): any error, NULL included.
        let marked = try w.call(oncall, Self.retrySet, [PGNull(), Self.list([other, noError]), "r-marked"])
        #expect(marked["count"] == "2")
        #expect(try w.audit("r-marked").map(\.2) == ["2 marked"])
        #expect(try w.int("SELECT count(*) FROM webhook_inbox WHERE status = 'failed'") == 0)
    }

    @Test("requeue_dead_letter_ids: marked letters of any group, exactly or nothing (PX031, PX002), idempotent, audited")
    func requeueMarked() throws {
        let w = try World()
        func dead(_ error: String?, requeued: Bool = false) throws -> Int64 {
            try w.admin.query("""
                INSERT INTO outbox_dlq (original_id, aggregate_id, aggregate_type, event_type, payload, attempts, last_error,
                                        requeued_at, requeued_by)
                VALUES (7, gen_random_uuid(), 'payment', 'payment.completed', '{"n": 1}', 5, $1,
                        CASE WHEN $2::boolean THEN now() END, CASE WHEN $2::boolean THEN 'earlier' END)
                RETURNING id
                """, [error, requeued])[0].decode(0)
        }
        let marked = try [dead("timeout"), dead(nil), dead("broker down")]
        let earlier = try dead("timeout", requeued: true)
        let oncall = try w.connect(Operators.oncall)
        let list = { (ids: [Int64]) in "{" + ids.map(String.init).joined(separator: ",") + "}" }

        let dryRun = try oncall.run(QueueQueries.waitingDeadLetters(ids: marked + [earlier]))
        #expect(dryRun.map(\.id).sorted() == marked.sorted(), "the dry run leaves out the letter already requeued")
        try w.refused("PX031", oncall, Self.requeueIDs, [list(marked + [earlier]), "q-requeued"])
        try w.refused("PX002", oncall, Self.requeueIDs, [list(marked + [999_999]), "q-missing"])
        try w.refused("PX005", oncall, Self.requeueIDs, ["{}", "q-empty"])
        try w.refused("42501", try w.connect(Operators.viewer), Self.requeueIDs, [list(marked), "q-viewer"])

        let done = try w.call(oncall, Self.requeueIDs, [list(marked), "q-ok"])
        #expect(done["count"] == "3")
        #expect(try w.int("SELECT count(*) FROM outbox_dlq WHERE id = ANY ($1::bigint[]) AND requeued_outbox_id IS NOT NULL",
                          [list(marked)]) == 3)
        #expect(try w.int("SELECT count(*) FROM outbox") == 3, "each copied back into the outbox")
        #expect(try w.int("SELECT count(*) FROM outbox_dlq") == 4, "nothing deleted")
        #expect(try w.audit("q-ok").map { [$0.0, $0.1, $0.2] } == [[Operators.oncall, "dlq.requeue_marked", "3 marked"]])
        let before = try w.fingerprint()
        #expect(try w.call(oncall, Self.requeueIDs, [list(marked), "q-ok"]) == done, "same key: the first result")
        #expect(try w.fingerprint() == before)
        try w.refused("PX031", oncall, Self.requeueIDs, [list(marked), "q-again"])
    }

    @Test("the typed wrappers send the set and read the receipts")
    func wrappers() throws {
        let w = try World()
        let ids = try [Self.webhook(w, "timeout"), Self.webhook(w, "timeout")]
        let oncall = try w.connect(Operators.oncall)
        let receipt = try oncall.perform(OperatorActions.retryWebhooks(ids, errorGroup: "timeout", key: .make()))
        #expect(Set(receipt.webhookIDs) == Set(ids))
        #expect(receipt.summary.hasPrefix("2 webhooks pending again ("))
        #expect(receipt.summary.hasSuffix(") with error \"timeout\""))
        let refusal = #expect(throws: ActionRefusal.self) {
            try oncall.perform(OperatorActions.retryWebhooks(ids, errorGroup: "timeout", key: .make()))
        }
        #expect(refusal?.code == "PX030")
    }
}
