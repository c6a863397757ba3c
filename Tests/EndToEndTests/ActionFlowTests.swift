import PaymentData
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The console's operator actions as a person does them: the real `payops` binary in tmux, logged in as
/// operator roles of each group against a fresh seeded database, keys pressed, the screen read, and the
/// database checked afterwards.
@Suite("end to end: operator actions in the console", .serialized)
struct ActionFlowTests {
    @Test("support refunds part of a payment: empty amount beside the remainder, confirm restates it, Cancel writes nothing, then timeline and operator log")
    func supportRefund() throws {
        let world = try FlowWorld()
        let payment = try world.refundablePayment()
        let tmux = try world.open(as: FlowOperators.support)
        defer { tmux.close() }
        tmux.send(":")
        tmux.send("tx \(payment.id.string)", literal: true)
        tmux.send("Enter")
        let detail = try tmux.waitFor(text: "Timeline (", seconds: 30)
        #expect(detail.contains("r refund this payment"), "support is offered the refund key:\n\(detail)")

        // The form: the amount starts empty, the refundable remainder beside it (nothing refunded yet: the whole amount).
        let form = try openRefundForm(tmux, payment)
        #expect(form.contains("Payment  \(payment.id.string) (completed)"), "\(form)")
        #expect(form.contains("Venue    \(payment.venue)"), "\(form)")
        #expect(!form.contains("Amount    \(flowDecimal(payment.amount))"), "never prefilled with everything:\n\(form)")
        #expect(form.contains("Ctrl-F: all \(flowDecimal(payment.amount))"), "the remainder is shown:\n\(form)")
        // r, Enter (then →, Enter) used to refund everything: now Enter stops at the empty amount.
        tmux.send("Enter")
        try tmux.waitFor(text: "amount: type how much to refund (Ctrl-F fills in all \(flowUSD(payment.amount)))")
        tmux.send("C-f")
        try tmux.waitFor(text: "Amount    \(flowDecimal(payment.amount))")
        #expect(form.contains("‹ requested_by_customer ›"), "\(form)")

        // Review a partial amount: the dialog restates amount, currency, payment and venue, focus on Cancel.
        let partial: Int64 = 1234
        let dialog = try reviewRefund(tmux, amount: partial)
        #expect(dialog.contains("Refund \(flowUSD(partial)) (USD) of payment \(payment.id.string)"), "\(dialog)")
        #expect(dialog.contains("at \(payment.venue), reason requested_by_customer"), "\(dialog)")
        #expect(dialog.contains("\(flowUSD(payment.amount - partial)) will remain refundable"), "\(dialog)")
        let styled = tmux.styledScreen()
        #expect(flowHighlighted("[ Cancel ]", in: styled), "focus starts on Cancel")
        #expect(!flowHighlighted("[ Refund \(flowUSD(partial)) ]", in: styled), "the confirm button is not focused")

        // Enter on Cancel: closed, nothing written.
        tmux.send("Enter")
        try tmux.waitFor("the dialog closed") { $0.contains("cancelled; nothing changed") && !$0.contains("[ Cancel ]") }
        #expect(try world.count("SELECT count(*) FROM payment_refunds WHERE transaction_id = $1", [payment.id]) == 0)
        #expect(try world.count("SELECT count(*) FROM payops.operator_actions") == 0)

        // Again, and confirm: → moves focus to the confirm button, Enter sends.
        _ = try openRefundForm(tmux, payment)
        _ = try reviewRefund(tmux, amount: partial)
        tmux.send("Right")
        try tmux.waitFor("focus on the confirm button") { _ in
            flowHighlighted("[ Refund \(flowUSD(partial)) ]", in: tmux.styledScreen())
        }
        tmux.send("Enter")
        let done = try tmux.waitFor(text: "✓ refund ", seconds: 30)
        #expect(done.contains("of \(flowDecimal(partial)) USD on payment \(payment.id.short) is pending"), "\(done)")
        #expect(!done.contains("[ Cancel ]"), "the dialog closed:\n\(done)")

        // The detail reloads: its timeline now has the refund event and the operator's row.
        let timeline = try tmux.waitFor("the refund in the timeline", seconds: 30) {
            $0.contains("refund.requested") && $0.contains("by \(FlowOperators.support)")
        }
        #expect(timeline.contains("refunded") && timeline.contains(flowUSD(partial)), "\(timeline)")
        #expect(flowLine(in: timeline, containing: "operator", "refund", "by \(FlowOperators.support)") != nil,
                "the operator row of the timeline:\n\(timeline)")

        // The Audit trail's operator log shows who did it.
        tmux.send("3")
        try tmux.waitFor(text: "t events / operator log")
        tmux.send("t")
        let log = try tmux.waitFor("the refund in the operator log", seconds: 30) { screen in
            screen.contains("OPERATOR") && flowLine(in: screen, containing: FlowOperators.support, "refund") != nil
        }
        #expect(flowLine(in: log, containing: FlowOperators.support, "refund", "payment \(payment.id.short)",
                         "requested_by_customer") != nil, "\(log)")

        // Exactly one refund and one audit row, by e2e_support.
        #expect(try world.count("SELECT count(*) FROM payment_refunds WHERE transaction_id = $1", [payment.id]) == 1)
        #expect(try world.count("""
            SELECT count(*) FROM payment_refunds WHERE transaction_id = $1 AND amount = $2 AND status = 'pending'
              AND reason = 'requested_by_customer'
            """, [payment.id, partial]) == 1)
        #expect(try world.count("SELECT count(*) FROM payops.operator_actions") == 1)
        #expect(try world.count("""
            SELECT count(*) FROM payops.operator_actions
            WHERE operator = $1 AND action = 'refund' AND target_id = $2
            """, [FlowOperators.support, payment.id.string]) == 1)
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("an over-refund shows the exact reason in the form and writes nothing; a refund made meanwhile is refused by the database")
    func overRefund() throws {
        let world = try FlowWorld()
        let payment = try world.partiallyRefundedPayment()
        let refundable = payment.amount - payment.refunded
        let tmux = try world.open(as: FlowOperators.support)
        defer { tmux.close() }
        tmux.send(":")
        tmux.send("tx \(payment.id.string)", literal: true)
        tmux.send("Enter")
        try tmux.waitFor(text: "Timeline (", seconds: 30)
        let form = try openRefundForm(tmux, payment)
        #expect(form.contains("(partially_refunded)"), "\(form)")
        #expect(form.contains("refunded \(flowUSD(payment.refunded)) · refundable \(flowUSD(refundable))"), "\(form)")
        #expect(form.contains("Ctrl-F: all \(flowDecimal(refundable))"), "what is left, beside the empty amount:\n\(form)")
        let before = try world.writeCounts()

        // One cent more than refundable: the form says exactly why and stays open.
        tmux.send("C-u")
        tmux.send(flowDecimal(refundable + 1), literal: true)
        tmux.send("Enter")
        let reason = "refund of \(flowDecimal(refundable + 1)) USD exceeds the refundable remainder \(flowDecimal(refundable)) USD"
        let refused = try tmux.waitFor(text: reason)
        #expect(!refused.contains("[ Cancel ]"), "no confirm dialog for a refused amount:\n\(refused)")
        #expect(try world.writeCounts() == before, "a refused refund writes nothing")

        // A refund nobody in this console saw lands first (made by the superuser through the same function):
        // the form's check passes, the database refuses, the form stays open with the refusal.
        tmux.send("C-u")
        tmux.send(flowDecimal(refundable), literal: true)
        tmux.send("Enter")
        try tmux.waitFor(text: "[ Refund \(flowUSD(refundable)) ]")
        _ = try world.admin.query("SELECT payops.refund($1, 1, 'duplicate', NULL, 'e2e-meanwhile')", [payment.id])
        let afterMeanwhile = try world.writeCounts()
        tmux.send("Right")
        tmux.send("Enter")
        let databaseRefusal = try tmux.waitFor(text: "refused (PX012): ", seconds: 30)
        #expect(databaseRefusal.contains("exceeds the refundable remainder"), "\(databaseRefusal)")
        // The form re-reads the payment and explains the refusal in money, not cents.
        #expect(databaseRefusal.contains("\(flowDecimal(refundable - 1)) USD — the figures above are current"), "\(databaseRefusal)")
        let statusLine = try tmux.waitFor(text: "refused (PX012): refund of \(flowDecimal(refundable)) USD")
        #expect(statusLine.contains("exceeds the refundable remainder \(flowDecimal(refundable - 1)) USD"),
                "the status line gives the reason in money: \(statusLine)")
        #expect(databaseRefusal.contains("refundable \(flowUSD(refundable - 1))"), "the context shows the new figures: \(databaseRefusal)")
        #expect(!databaseRefusal.contains("✓ refund"), "\(databaseRefusal)")
        #expect(try world.writeCounts() == afterMeanwhile, "the refused send wrote nothing")
        #expect(try world.count("SELECT count(*) FROM payops.operator_actions WHERE operator = $1",
                                [FlowOperators.support]) == 0)
        tmux.send("Escape")
        try tmux.waitFor(text: "cancelled; nothing changed")
        #expect(try world.writeCounts() == afterMeanwhile)
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    /// The retry the form offers after a lost connection, checked at the database: the server logs every statement
    /// of the operator's sessions in this database (log_statement, with its parameters), so the test reads the key
    /// each request carried when it arrived — the first send, killed while it waits for a row lock, and the
    /// re-send after the reconnect — rather than the key the form holds. Both must be one key, and the one refund
    /// and audit row written must carry it.
    @Test("a lost connection while a refund waits: Enter re-sends it with the key the first request carried; one refund")
    func refundRetryAfterLostConnection() throws {
        let world = try FlowWorld()
        let payment = try world.refundablePayment()
        let database = try #require(try world.text("SELECT current_database()::text"))
        try world.admin.execute("ALTER ROLE \(FlowOperators.support) IN DATABASE \(database) SET log_statement = 'all'")
        let log = "\(try TestCluster.shared.server().directory)/server.log"
        let locker = try PGConnection(world.conninfo)
        try locker.execute("BEGIN")
        try locker.query("SELECT 1 FROM payment_transactions WHERE id = $1 FOR UPDATE", [payment.id])
        var locked = true
        defer { if locked { try? locker.execute("ROLLBACK") } }

        let tmux = try world.open(as: FlowOperators.support)
        defer { tmux.close() }
        tmux.send(":")
        tmux.send("tx \(payment.id.string)", literal: true)
        tmux.send("Enter")
        try tmux.waitFor(text: "Timeline (", seconds: 30)
        _ = try openRefundForm(tmux, payment)
        _ = try reviewRefund(tmux, amount: 100)
        tmux.send("Right")
        tmux.send("Enter")

        // The refund waits for the payment's row lock (the console's lock_timeout is 3 s): its backend is ended
        // while it waits, so nothing is written and the console does not know it.
        var killed = false
        let deadline = monotonicMilliseconds() + 2_500
        while !killed && monotonicMilliseconds() < deadline {
            killed = try world.admin.query("""
                SELECT count(*) > 0 FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE usename = $1 AND datname = current_database() AND wait_event_type = 'Lock'
                      AND query LIKE '%payops.refund(%') k
                """, [FlowOperators.support])[0].decode(0, as: Bool.self)
            if !killed { usleep(20_000) }
        }
        try #require(killed, "the console's refund never waited for the lock")
        let retry = try tmux.waitFor(text: "Enter retries with the same idempotency key", seconds: 15)
        #expect(retry.contains("connection lost"), "\(retry)")
        #expect(try world.count("SELECT count(*) FROM payment_refunds WHERE transaction_id = $1", [payment.id]) == 0)
        try locker.execute("ROLLBACK")
        locked = false

        // Once the console has a session again, Enter (the focus is on the confirm button) re-sends.
        let reconnected = monotonicMilliseconds() + 15_000
        while try world.count("""
            SELECT count(*) FROM pg_stat_activity WHERE usename = $1 AND datname = current_database()
            """, [FlowOperators.support]) == 0 && monotonicMilliseconds() < reconnected { usleep(50_000) }
        tmux.send("Enter")
        let done = try tmux.waitFor(text: "✓ refund ", seconds: 30)
        #expect(done.contains("of 1.00 USD on payment \(payment.id.short) is pending"), "\(done)")

        // The keys the two requests carried, as the server logged them ($5 of payops.refund).
        let sent = try Self.loggedRefundKeys(log, payment: payment.id)
        let logged = String(Subprocess.run(["grep", "-a", "-A2", "payops.refund", log]).output.suffix(3000))
        #expect(sent.count == 2, "the server logged \(sent.count) refund requests for the payment: \(sent)\n\(logged)")
        #expect(Set(sent).count == 1, "the re-send carried another key than the first request: \(sent)")
        let refunds = try world.admin.query(
            "SELECT idempotency_key FROM payment_refunds WHERE transaction_id = $1", [payment.id])
        #expect(refunds.count == 1, "\(refunds.count) refunds of the payment after the retry")
        let written = try refunds.map { try $0.decode(0, as: String?.self) }
        #expect(sent.first.map { [$0] } == written, "the refund's key \(written), the requests' \(sent)")
        #expect(try world.count("""
            SELECT count(*) FROM payops.operator_actions WHERE action = 'refund' AND target_id = $1 AND idempotency_key = $2
            """, [payment.id.string, sent.first ?? ""]) == 1)
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    /// The idempotency keys of the payops.refund calls for `payment` in the server's log, in order (the DETAIL line
    /// log_statement writes after each statement: `parameters: $1 = '<payment>', …, $5 = '<key>'`).
    static func loggedRefundKeys(_ path: String, payment: PGUUID) throws -> [String] {
        guard let file = fopen(path, "r") else { throw TestClusterError("cannot read \(path)") }
        defer { fclose(file) }
        var keys: [String] = []
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        while getline(&line, &capacity, file) > 0 {
            let text = String(cString: line!)
            guard text.contains("arameters: $1 = '\(payment.string)'"), text.contains("$3 = 'requested_by_customer'"),
                  let start = flowFind("$5 = '", in: text) else { continue }
            let rest = text[text.index(start, offsetBy: 6)...]
            keys.append(String(rest.prefix { $0 != "'" }))
        }
        free(line)
        return keys
    }

    @Test("finance four-eyes: A requests a payout and cannot approve it; B approves it and the venue is debited")
    func financeFourEyes() throws {
        let world = try FlowWorld()
        let venue = try world.payableVenue()
        let amount: Int64 = 15_000
        let a = try world.open(as: FlowOperators.financeA)
        defer { a.close() }
        a.send(":")
        a.send("venue \(venue.name)", literal: true)
        a.send("Enter")
        let venues = try a.waitFor("the venue listed", seconds: 30) { screen in
            screen.contains("filter: \(venue.name)") && flowLine(in: screen, containing: venue.name, flowUSD(venue.payable)) != nil
        }
        #expect(venues.contains("p request a payout"), "finance is offered the payout key:\n\(venues)")

        a.send("p")
        let form = try a.waitFor(text: "Payable  \(flowUSD(venue.payable))", seconds: 30)
        #expect(form.contains("Request payout"), "\(form)")
        a.send(flowDecimal(amount), literal: true)
        a.send("Enter")
        let dialog = try a.waitFor(text: "[ Request ]")
        #expect(dialog.contains("Request a payout of \(flowUSD(amount)) (USD) from \(venue.name)"), "\(dialog)")
        #expect(flowHighlighted("[ Cancel ]", in: a.styledScreen()), "focus starts on Cancel")
        a.send("Right")
        a.send("Enter")
        let requested = try a.waitFor(text: "✓ payout ", seconds: 30)
        #expect(requested.contains("of \(flowDecimal(amount)) USD is requested"), "\(requested)")
        let payout = try #require(try world.admin.query("""
            SELECT id FROM venue_payouts WHERE venue_id = $1 AND requested_by = $2 AND status = 'requested' AND amount = $3
            """, [venue.id, FlowOperators.financeA, amount]).map { row throws(PGError) -> PGUUID in try row.decode(0) }.first)
        #expect(requested.contains("✓ payout \(payout.string) of"), "\(requested)")

        // The venue's payouts: the new request is the newest row; A's own approval is refused (four-eyes).
        a.send("Enter")
        let payouts = try a.waitFor("A's request in the payouts pane", seconds: 30) { screen in
            screen.contains("\(venue.name) payouts")
                && flowLine(in: screen, containing: flowUSD(amount), "requested", FlowOperators.financeA) != nil
        }
        #expect(payouts.contains("a approve this payout"), "\(payouts)")
        let before = try world.writeCounts()
        a.send("a")
        let fourEyes = try a.waitFor(text: "four-eyes: you (\(FlowOperators.financeA)) requested this payout", seconds: 30)
        #expect(!fourEyes.contains("[ Approve ]"), "no approve button for the requester:\n\(fourEyes)")
        a.send("Escape")
        try a.waitFor(text: "cancelled; nothing changed")
        #expect(try world.writeCounts() == before, "the refused approval wrote nothing")
        #expect(try world.text("SELECT status FROM venue_payouts WHERE id = $1", [payout]) == "requested")

        // B, in a second session, approves it.
        let b = try world.open(as: FlowOperators.financeB)
        defer { b.close() }
        b.send(":")
        b.send("venue \(venue.name)", literal: true)
        b.send("Enter")
        try b.waitFor(text: "filter: \(venue.name)", seconds: 30)
        try b.waitFor("the venue listed") { flowLine(in: $0, containing: venue.name, flowUSD(venue.payable)) != nil }
        b.send("Enter")
        try b.waitFor("A's request in B's payouts pane", seconds: 30) { screen in
            screen.contains("\(venue.name) payouts")
                && flowLine(in: screen, containing: flowUSD(amount), "requested", FlowOperators.financeA) != nil
        }
        b.send("a")
        let approve = try b.waitFor(text: "[ Approve ]", seconds: 30)
        #expect(approve.contains("Payout   \(payout.string)"), "\(approve)")
        #expect(approve.contains("requested by \(FlowOperators.financeA)"), "\(approve)")
        #expect(approve.contains("Approving debits \(flowUSD(amount)) from the venue's available balance."), "\(approve)")
        #expect(flowHighlighted("[ Cancel ]", in: b.styledScreen()), "focus starts on Cancel")
        b.send("Right")
        b.send("Enter")
        let approved = try b.waitFor(text: "✓ payout \(payout.string) of \(flowDecimal(amount)) USD is approved", seconds: 30)
        #expect(!approved.contains("[ Approve ]"), "\(approved)")
        try b.waitFor("the approved row") {
            flowLine(in: $0, containing: flowUSD(amount), "approved", FlowOperators.financeA, FlowOperators.financeB) != nil
        }

        #expect(try world.text("SELECT status FROM venue_payouts WHERE id = $1", [payout]) == "approved")
        #expect(try world.text("SELECT decided_by FROM venue_payouts WHERE id = $1", [payout]) == FlowOperators.financeB)
        #expect(try world.count("""
            SELECT amount FROM venue_balances WHERE venue_id = $1 AND balance_type = 'available'
            """, [venue.id]) == venue.available - amount, "approving debits available")
        #expect(try world.count("""
            SELECT count(*) FROM venue_balances WHERE venue_id = $1 AND balance_type = 'available'
              AND last_payout_at > now() - interval '10 minutes'
            """, [venue.id]) == 1, "approving sets last_payout_at")
        #expect(try world.count("""
            SELECT count(*) FROM payops.operator_actions
            WHERE (operator, action) IN (($1, 'payout.request'), ($2, 'payout.approve'))
            """, [FlowOperators.financeA, FlowOperators.financeB]) == 2)
        #expect(try world.count("SELECT count(*) FROM payops.operator_actions") == 2)
        b.send("q")
        try b.waitForTranscript(text: "payops-exited-0")
        a.send("q")
        try a.waitForTranscript(text: "payops-exited-0")
    }

    @Test("on-call requeues a dead letter's error group after a dry run; Cancel writes nothing; nothing is deleted")
    func oncallRequeueGroup() throws {
        let world = try FlowWorld()
        // The first row of the dead-letters view (oldest first) and its error group.
        let group = try #require(try world.text("""
            SELECT last_error FROM outbox_dlq WHERE requeued_at IS NULL ORDER BY moved_to_dlq_at, id LIMIT 1
            """))
        let waiting = try world.count("SELECT count(*) FROM outbox_dlq WHERE requeued_at IS NULL AND last_error = $1", [group])
        let deadLetters = try world.count("SELECT count(*) FROM outbox_dlq")
        let outbox = try world.count("SELECT count(*) FROM outbox")
        #expect(waiting >= 2, "the seeded data has a group of several dead letters first")

        let tmux = try world.open(as: FlowOperators.oncall)
        defer { tmux.close() }
        tmux.send("5")
        try tmux.waitFor("the queues", seconds: 30) { $0.contains("QUEUE") && $0.contains("dead letters") }
        for _ in 0..<5 { tmux.send("Down") }     // outbox, stuck, webhooks failed / pending / processing
        try tmux.waitFor("the dead letters' breakdown") { $0.contains(" dead letters by error") }
        tmux.send("Enter")
        // Settled, rows in: the header is drawn before the rows' read returns ("loading…").
        let rows = try tmux.waitForSettled("the dead letters") {
            $0.contains("Queues › Dead letters") && $0.contains("MOVED") && !$0.contains("loading…")
        }
        #expect(rows.contains("a requeue its whole error group"), "on-call is offered the group requeue:\n\(rows)")

        tmux.send("a")
        let dryRun = try tmux.waitFor(text: "[ Requeue ", seconds: 30)
        #expect(dryRun.contains("Dry run: \(waiting) waiting dead letters with error \"\(group)\""), "\(dryRun)")
        #expect(dryRun.contains("[ Requeue \(waiting) ]"), "\(dryRun)")
        #expect(flowHighlighted("[ Cancel ]", in: tmux.styledScreen()), "focus starts on Cancel")
        tmux.send("Enter")
        try tmux.waitFor("the dialog closed") { $0.contains("cancelled; nothing changed") && !$0.contains("[ Cancel ]") }
        #expect(try world.count("SELECT count(*) FROM outbox_dlq WHERE requeued_at IS NULL AND last_error = $1", [group]) == waiting)
        #expect(try world.count("SELECT count(*) FROM outbox") == outbox, "the dry run and Cancel wrote nothing")
        #expect(try world.count("SELECT count(*) FROM payops.operator_actions") == 0)

        tmux.send("a")
        try tmux.waitFor(text: "[ Requeue \(waiting) ]", seconds: 30)
        tmux.send("Right")
        try tmux.waitFor("focus on Requeue") { _ in flowHighlighted("[ Requeue \(waiting) ]", in: tmux.styledScreen()) }
        tmux.send("Enter")
        let done = try tmux.waitFor(text: "✓ requeued \(waiting) dead letters with error \"\(group)\"", seconds: 30)
        #expect(!done.contains("[ Cancel ]"), "\(done)")
        if rows.contains(group) {
            try tmux.waitFor("the group gone from the list") { screen in
                screen.contains("MOVED") && !screen.split(separator: "\n").dropLast(2).contains { $0.contains(group) }
            }
        }

        #expect(try world.count("SELECT count(*) FROM outbox_dlq WHERE requeued_at IS NULL AND last_error = $1", [group]) == 0)
        #expect(try world.count("SELECT count(*) FROM outbox_dlq WHERE requeued_at IS NOT NULL AND last_error = $1", [group])
                == waiting, "stamped as requeued")
        #expect(try world.count("SELECT count(*) FROM outbox_dlq") == deadLetters, "no dead letter deleted")
        #expect(try world.count("SELECT count(*) FROM outbox") == outbox + waiting, "each copied back into the outbox")
        #expect(try world.count("""
            SELECT count(*) FROM payops.operator_actions WHERE operator = $1 AND action = 'dlq.requeue_group' AND target_id = $2
            """, [FlowOperators.oncall, group]) == 1)
        #expect(try world.count("SELECT count(*) FROM payops.operator_actions") == 1)

        // One dead letter on its own: r on the (new) first row.
        let single = try #require(try world.admin.query("""
            SELECT id FROM outbox_dlq WHERE requeued_at IS NULL ORDER BY moved_to_dlq_at, id LIMIT 1
            """).map { row throws(PGError) -> Int64 in try row.decode(0) }.first)
        tmux.send("g")
        tmux.send("r")
        let one = try tmux.waitFor(text: "[ Requeue ]", seconds: 30)
        #expect(one.contains("Requeue dead letter \(single) ("), "\(one)")
        tmux.send("Right")
        tmux.send("Enter")
        let requeued = try tmux.waitFor(text: "✓ dead letter \(single) requeued as outbox row ", seconds: 30)
        #expect(!requeued.contains("[ Requeue ]"), "\(requeued)")
        #expect(try world.count("SELECT count(*) FROM outbox_dlq WHERE id = $1 AND requeued_at IS NOT NULL", [single]) == 1)
        #expect(try world.count("SELECT count(*) FROM outbox_dlq") == deadLetters)
        #expect(try world.count("SELECT count(*) FROM payops.operator_actions WHERE operator = $1", [FlowOperators.oncall]) == 2)
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("write keys follow the role: a viewer and a read-only support session get no refund; support gets no payout keys")
    func roleGating() throws {
        let world = try FlowWorld()

        // The control: support in a read-write session is offered r on Transactions.
        let support = try world.open(as: FlowOperators.support)
        defer { support.close() }
        support.send("2")
        let offered = try support.waitForSettled("the transactions", seconds: 30) {
            $0.contains("INTENT") && $0.contains("? help") && !$0.contains("loading…")
        }
        #expect(offered.contains("[RW]"), "\(offered)")
        #expect(offered.contains("r refund this payment"), "\(offered)")
        // …but not finance's keys: none in Venues nor in a venue's payouts, and pressing them does nothing.
        support.send("6")
        let venues = try support.waitFor("the venues", seconds: 30) { $0.contains("PAYABLE") && $0.contains("? help") }
        #expect(!venues.contains("request a payout"), "\(venues)")
        support.send("p")
        try support.waitFor(text: "p: request a payout needs payops_finance")
        support.send("Enter")
        let payouts = try support.waitFor("a venue's payouts", seconds: 30) { $0.contains(" payouts") && $0.contains("DECIDED BY") }
        for hidden in ["approve", "reject", "request a payout"] {
            #expect(!flowFooter(payouts).contains(hidden), "support sees no \(hidden) key:\n\(payouts)")
        }
        support.send("a")
        try support.waitFor(text: "a: approve this payout needs payops_finance")
        support.send("x")
        let refusedKeys = try support.waitFor(text: "x: reject this payout needs payops_finance")
        #expect(!refusedKeys.contains("Approve payout") && !refusedKeys.contains("Reject payout"), "\(refusedKeys)")
        support.send("q")

        // A viewer: [RO], no refund key, and r says which role refunds need.
        let viewer = try world.open(as: FlowOperators.viewer)
        defer { viewer.close() }
        viewer.send("2")
        let list = try viewer.waitFor("the transactions", seconds: 30) { $0.contains("INTENT") && $0.contains("? help") }
        #expect(list.contains("[RO]"), "\(list)")
        #expect(!list.contains("refund this payment"), "\(list)")
        viewer.send("r")
        let noKey = try viewer.waitFor(text: "r: refund this payment needs payops_support (your groups: payops_viewer)")
        #expect(!noKey.contains("┌─ Refund"), "\(noKey)")
        viewer.send("q")

        // Support with --readonly: [RO] and no refund key, in the list and in a payment's detail.
        let readonly = try world.open(as: FlowOperators.support, readonly: true)
        defer { readonly.close() }
        let header = try readonly.waitFor(text: "Queue health", seconds: 30)
        #expect(header.contains("[RO]"), "\(header)")
        readonly.send("2")
        // Rows in before Enter (the header is drawn before the page's read returns).
        let roList = try readonly.waitForSettled("the transactions", seconds: 30) {
            $0.contains("INTENT") && $0.contains("? help") && !$0.contains("loading…")
        }
        #expect(!roList.contains("refund this payment"), "\(roList)")
        readonly.send("Enter")
        let roDetail = try readonly.waitFor(text: "Timeline (", seconds: 30)
        #expect(!flowFooter(roDetail).contains("refund"), "\(roDetail)")
        readonly.send("r")
        try readonly.waitFor(text: "r: refund this payment is not available in a read-only session")
        readonly.send("q")
        try readonly.waitForTranscript(text: "payops-exited-0")

        #expect(try world.count("SELECT count(*) FROM payops.operator_actions") == 0)
    }

    // MARK: steps shared by the refund tests

    /// Presses r on a payment's detail and waits for the form with its preview loaded.
    private func openRefundForm(_ tmux: TmuxSession, _ payment: FlowPayment) throws -> String {
        tmux.send("r")
        return try tmux.waitFor("the refund form with its preview", seconds: 30) { screen in
            screen.contains("┌─ Refund") && screen.contains("Paid \(flowUSD(payment.amount)) · refunded")
                && screen.contains("Amount    ")
        }
    }

    /// Replaces the amount, presses Enter, and waits for the confirm dialog.
    private func reviewRefund(_ tmux: TmuxSession, amount: Int64) throws -> String {
        tmux.send("C-u")
        tmux.send(flowDecimal(amount), literal: true)
        tmux.send("Enter")
        return try tmux.waitFor(text: "[ Refund \(flowUSD(amount)) ]", seconds: 30)
    }
}

// MARK: - the world these tests run in

/// Login roles for these tests (roles are cluster-wide, so the names are this file's own), made once per process.
private enum FlowOperators {
    static let support = "e2e_support"
    static let financeA = "e2e_finance_a"
    static let financeB = "e2e_finance_b"
    static let oncall = "e2e_oncall"
    static let viewer = "e2e_viewer"

    /// nil once the roles exist; otherwise why they could not be made.
    static let setupFailure: String? = {
        do {
            let db = try TestCluster.shared.connect(.migrated)
            defer { db.close() }
            for (name, group) in [(support, "support"), (financeA, "finance"), (financeB, "finance"), (oncall, "oncall"),
                                  (viewer, "viewer")] {
                _ = try db.query("SELECT payops.create_operator($1, $2)", [name, group])
            }
            return nil
        } catch {
            return "\(error)"
        }
    }()
}

/// A completed or partially refunded USD payment picked for a test.
private struct FlowPayment {
    let id: PGUUID
    let amount: Int64
    let refunded: Int64
    let venue: String
}

/// A USD venue with a payable balance and no open payout request.
private struct FlowVenue {
    let id: PGUUID
    let name: String
    let available: Int64
    let payable: Int64
}

/// A fresh seeded database, its superuser connection, and consoles opened on it as operators.
private struct FlowWorld {
    let conninfo: String
    let admin: PGConnection

    init() throws {
        if let failure = FlowOperators.setupFailure { throw PGError(.connection, message: "operator roles: \(failure)") }
        conninfo = try TestCluster.shared.freshDatabase(.seeded)
        admin = try PGConnection(conninfo)
    }

    /// The conninfo with `user=` replaced (the test server trusts every local login).
    func dsn(as user: String) -> String {
        conninfo.replacingUser(user)
    }

    /// The console as `user`, waiting until its first screen is drawn.
    func open(as user: String, readonly: Bool = false) throws -> TmuxSession {
        let flags = readonly ? " --readonly" : ""
        let tmux = try TmuxSession("sh -c 'XDG_CONFIG_HOME=/nonexistent \(payopsBinary()) --dsn \"\(dsn(as: user))\"\(flags); s=$?; echo payops-exited-$s; exit $s'",
                                   width: 160, height: 50)
        try tmux.waitFor("the console as \(user)", seconds: 30) { $0.contains("\(user)@") && $0.contains("1 Overview") }
        return tmux
    }

    func count(_ sql: String, _ parameters: [any PGParam] = []) throws -> Int64 {
        try admin.query(sql, parameters)[0].decode(0)
    }

    func text(_ sql: String, _ parameters: [any PGParam] = []) throws -> String? {
        try admin.query(sql, parameters)[0].decode(0)
    }

    /// Rows in every table an action writes, to show that a refused or cancelled action wrote nothing.
    func writeCounts() throws -> [Int64] {
        let row = try admin.query("""
            SELECT (SELECT count(*) FROM payment_refunds), (SELECT count(*) FROM payops.operator_actions),
                   (SELECT count(*) FROM outbox), (SELECT count(*) FROM payment_events),
                   (SELECT count(*) FROM outbox_dlq WHERE requeued_at IS NULL), (SELECT count(*) FROM venue_payouts),
                   (SELECT count(*) FROM venue_payouts WHERE status = 'requested'),
                   (SELECT coalesce(sum(amount), 0)::bigint FROM venue_balances)
            """)[0]
        return try (0..<8).map { index throws(PGError) -> Int64 in try row.decode(index) }
    }

    /// Venue names the screen shows as they are (no emoji, CJK or control characters to sanitise).
    private static let plainName = "v.name ~ '^[A-Za-z'' ]+$'"

    /// A completed USD payment of at least $50.00 with no refunds, at a plainly named venue.
    func refundablePayment() throws -> FlowPayment {
        try payment("""
            SELECT p.id, p.amount, 0::bigint, v.name FROM payment_transactions p JOIN venues v ON v.id = p.venue_id
            WHERE p.status = 'completed' AND p.currency = 'USD' AND p.amount >= 5000 AND \(Self.plainName)
              AND NOT EXISTS (SELECT 1 FROM payment_refunds r WHERE r.transaction_id = p.id)
            ORDER BY p.id LIMIT 1
            """)
    }

    /// A partially refunded USD payment with at least $1.00 still refundable, at a plainly named venue.
    func partiallyRefundedPayment() throws -> FlowPayment {
        try payment("""
            SELECT p.id, p.amount, r.refunded, v.name
            FROM payment_transactions p JOIN venues v ON v.id = p.venue_id
            CROSS JOIN LATERAL (SELECT coalesce(sum(amount), 0)::bigint AS refunded FROM payment_refunds
                                WHERE transaction_id = p.id AND status <> 'failed') r
            WHERE p.status = 'partially_refunded' AND p.currency = 'USD' AND \(Self.plainName)
              AND r.refunded > 0 AND p.amount - r.refunded >= 100
            ORDER BY p.id LIMIT 1
            """)
    }

    private func payment(_ sql: String) throws -> FlowPayment {
        let rows = try admin.query(sql)
        guard rows.count == 1 else { throw PGError(.decoding, message: "no payment fits: \(sql)") }
        return FlowPayment(id: try rows[0].decode(0), amount: try rows[0].decode(1), refunded: try rows[0].decode(2),
                           venue: try rows[0].decode(3))
    }

    func payableVenue() throws -> FlowVenue {
        let rows = try admin.query("""
            SELECT v.id, v.name, a.amount, a.amount - r.amount
            FROM venues v
            JOIN venue_balances a ON a.venue_id = v.id AND a.balance_type = 'available'
            JOIN venue_balances r ON r.venue_id = v.id AND r.balance_type = 'reserved'
            WHERE v.currency = 'USD' AND \(Self.plainName) AND a.amount - r.amount >= 100000
              AND NOT EXISTS (SELECT 1 FROM venue_payouts p WHERE p.venue_id = v.id AND p.status = 'requested')
              AND (SELECT count(*) FROM venues w WHERE w.name ILIKE '%' || v.name || '%') = 1
            ORDER BY v.name LIMIT 1
            """)
        guard rows.count == 1 else { throw PGError(.decoding, message: "no venue with a payable balance and no open request") }
        return FlowVenue(id: try rows[0].decode(0), name: try rows[0].decode(1), available: try rows[0].decode(2),
                         payable: try rows[0].decode(3))
    }
}

// MARK: - reading the screen

/// Cents as the console formats dollars: `$1,234.56`.
private func flowUSD(_ cents: Int64) -> String {
    let digits = String(cents / 100)
    var grouped = ""
    for (index, character) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
        grouped.append(character)
    }
    return "$\(grouped).\(flowCents(cents))"
}

/// Cents as a plain decimal amount: `1234.56`.
private func flowDecimal(_ cents: Int64) -> String { "\(cents / 100).\(flowCents(cents))" }

private func flowCents(_ cents: Int64) -> String {
    let rest = cents % 100
    return rest < 10 ? "0\(rest)" : "\(rest)"
}

/// The first screen line containing every one of `parts`.
private func flowLine(in screen: String, containing parts: String...) -> Substring? {
    screen.split(separator: "\n").first { line in parts.allSatisfy { line.contains($0) } }
}

/// The footer: the last non-blank line of the screen.
private func flowFooter(_ screen: String) -> String {
    String(screen.split(separator: "\n").last { !$0.allSatisfy(\.isWhitespace) } ?? "")
}

/// True when `label` is drawn highlighted (a focused button): the escape sequences directly before it
/// turn on bold, reverse video or a background colour.
func flowHighlighted(_ label: String, in styled: String) -> Bool {
    guard let start = flowFind(label, in: styled) else { return false }
    var before = styled[..<start]
    var parameters: [Int] = []
    // Walk back over the SGR sequences (ESC [ … m) that end right where the label starts.
    while before.hasSuffix("m"), let escape = before.lastIndex(of: "\u{1b}") {
        let sequence = before[escape...]
        guard sequence.hasPrefix("\u{1b}["),
              sequence.dropFirst(2).dropLast().allSatisfy({ $0.isNumber || $0 == ";" }) else { break }
        parameters += sequence.dropFirst(2).dropLast().split(separator: ";").compactMap { Int($0) }
        before = before[..<escape]
    }
    return parameters.contains { $0 == 1 || $0 == 7 || (40...47).contains($0) || (100...107).contains($0) || $0 == 48 }
}

/// Where `text` first starts in `screen` (no Foundation here).
func flowFind(_ text: String, in screen: String) -> String.Index? {
    var index = screen.startIndex
    while index < screen.endIndex {
        if screen[index...].hasPrefix(text) { return index }
        index = screen.index(after: index)
    }
    return nil
}
