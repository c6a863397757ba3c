@testable import PaymentData
@testable import Screens
import Testing

/// Action forms: role gating of the keys, the refund form's review with the database's rules, the
/// confirm dialog with focus on Cancel, the send and what the operator reads afterwards.
@Suite("action forms")
struct ActionFormTests {
    static let payment = Fixture.uuid("1a2b3c4d", 7)

    static func preview(amount: Int64 = 5_000, refunded: Int64 = 1_250, status: String = "partially_refunded",
                        venue: String = "Blue Note") -> RefundPreview {
        RefundPreview(paymentID: payment, status: status, amount: Fixture.usd(amount), refunded: Fixture.usd(refunded),
                      venueID: Fixture.uuid("7e000000"), venueName: venue)
    }

    /// A console whose Transactions tab answers `r` with a refund form for `payment`.
    static func console(groups: Set<String>, readonly: Bool = false) -> ConsoleModel {
        let (model, _) = ConsoleModelTests.model(readonly: readonly, paneBindings: [ActionKeys.refund])
        model.groups = groups
        _ = model.handle(.character("2"), milliseconds: 0)
        return model
    }

    static func type(_ text: String, into form: ActionForm) {
        for c in text { _ = form.handle(.character(c)) }
    }

    static func text(_ form: ActionForm, width: Int = 90, height: Int = 20) -> String {
        var canvas = Canvas(width: width, height: height)
        form.render(into: &canvas)
        return canvas.grid.lines.joined(separator: "\n")
    }

    @Test("write keys are offered only to their group, and never in a read-only session")
    func gating() {
        #expect(!Self.console(groups: []).keyTable.contains(ActionKeys.refund))
        #expect(!Self.console(groups: ["payops_finance", "payops_viewer"]).keyTable.contains(ActionKeys.refund))
        let support = Self.console(groups: ["payops_support"])
        #expect(support.keyTable.contains(ActionKeys.refund))
        #expect(!Self.console(groups: ["payops_support"], readonly: true).keyTable.contains(ActionKeys.refund))
        // An unoffered key is not performed; the status line names the role it needs.
        let viewer = Self.console(groups: ["payops_viewer"])
        _ = viewer.handle(.character("r"), milliseconds: 0)
        #expect(viewer.modal == nil)
        #expect(viewer.statusIsError && viewer.status.contains("needs payops_support"))
    }

    @Test("refund form: the amount starts empty (r, Enter refunds nothing), Ctrl-F fills the remainder; the review applies the rules")
    func refundReview() throws {
        let form = RefundForm(payment: Self.payment)
        let start = form.start()
        guard case .load? = start.first else { Issue.record("the form loads its preview first"); return }
        #expect(form.stage == .loading)
        form.received(Self.preview())
        #expect(form.stage == .editing)
        #expect(form.fields[0].value == "", "never prefilled with the whole remainder")
        #expect(form.fields[0].suffix == "USD · Ctrl-F: all 37.50")
        let screen = Self.text(form)
        #expect(screen.contains("Paid $50.00 · refunded $12.50 · refundable $37.50"))
        #expect(screen.contains("Venue    Blue Note"))
        // r, Enter, →, Enter used to refund everything: now Enter stops at the empty amount.
        _ = form.handle(.enter)
        #expect(form.stage == .editing)
        #expect(form.problem == "amount: type how much to refund (Ctrl-F fills in all $37.50)")
        _ = form.handle(.control("f"))
        #expect(form.fields[0].value == "37.50")
        #expect(form.problem == nil)
        // Typing into the reason (a choice) explains instead of changing it.
        _ = form.handle(.tab)
        _ = form.handle(.character("o"))
        _ = form.handle(.character(" "))
        #expect(form.fields[1].value == "requested_by_customer")
        #expect(form.problem?.hasPrefix("Reason is a choice (") == true)
        _ = form.handle(.backTab)

        _ = form.handle(.control("u"))
        Self.type("37.51", into: form)
        _ = form.handle(.enter)
        #expect(form.stage == .editing)
        #expect(form.problem?.contains("exceeds the refundable remainder 37.50 USD") == true)
        _ = form.handle(.control("u"))
        Self.type("12.345", into: form)
        _ = form.handle(.enter)
        #expect(form.problem?.hasPrefix("amount:") == true)
        _ = form.handle(.control("u"))
        Self.type("10", into: form)
        _ = form.handle(.tab)
        _ = form.handle(.left)                  // requested_by_customer → other
        #expect(form.fields[1].value == "other")
        _ = form.handle(.enter)
        #expect(form.problem == "reason \"other\" needs a note")
        _ = form.handle(.tab)
        Self.type("customer called\u{1b}[2J", into: form)
        #expect(form.fields[2].value == "customer called[2J", "control characters never enter a field")
    }

    @Test("the confirm dialog restates the refund with focus on Cancel; Cancel sends nothing")
    func confirmAndCancel() throws {
        let form = RefundForm(payment: Self.payment)
        _ = form.start()
        form.received(Self.preview())
        _ = form.handle(.control("u"))
        Self.type("10", into: form)
        _ = form.handle(.enter)
        #expect(form.stage == .confirming)
        #expect(form.confirmFocus == 0)
        let dialog = Self.text(form)
        #expect(dialog.contains("Refund $10.00 (USD) of payment \(Self.payment)"))
        #expect(dialog.contains("at Blue Note, reason requested_by_customer"))
        #expect(dialog.contains("$27.50 will remain refundable"))
        #expect(dialog.contains("[ Cancel ]  [ Refund $10.00 ]"))
        let cancelled = form.handle(.enter)
        #expect(cancelled.contains { if case .perform = $0 { true } else { false } } == false)
        #expect(cancelled.contains { if case .close = $0 { true } else { false } })
    }

    @Test("through the console: r, type, confirm, send; success closes, reports and reloads the pane")
    func consoleFlow() throws {
        let model = Self.console(groups: ["payops_support"])
        _ = model.handle(.character("2"), milliseconds: 0)
        // The stub pane does not open forms itself: open one as TransactionsPane would.
        let form = RefundForm(payment: Self.payment)
        let opened = model.perform([.modal(form)], milliseconds: 0)
        #expect(opened.count == 1, "the preview load")
        #expect(form.sessionUser == "alice")
        form.received(Self.preview())
        let footer = ConsoleModelTests.screen(model, width: 100, height: 30).last ?? ""
        #expect(footer.hasPrefix("Enter review  Tab/↑↓ field"), "the footer shows the form's keys: \(footer)")
        for key: Key in [.control("u"), .character("5"), .enter, .right] { _ = model.handle(key, milliseconds: 0) }
        #expect((ConsoleModelTests.screen(model, width: 100, height: 30).last ?? "").contains("Enter press"))
        #expect(form.confirmFocus == 1)
        let sent = model.handle(.enter, milliseconds: 0)
        guard case let .perform(request)? = sent.first else { Issue.record("Enter on Refund sends the action"); return }
        #expect(request.name == "refund")
        #expect(form.stage == .sending)
        #expect(model.handle(.escape, milliseconds: 0).isEmpty, "a sent action cannot be called back")
        let quit = model.handle(.control("c"), milliseconds: 0)
        #expect(quit.count == 1 && { if case .quit = quit[0] { true } else { false } }(), "Ctrl-C quits even over a form")
        #expect(model.modal != nil)
        let after = model.finishAction(.success("refund 9f8e7d6c of 5.00 USD on payment 1a2b3c4d is pending"), milliseconds: 5)
        #expect(model.modal == nil)
        #expect(model.status == "✓ refund 9f8e7d6c of 5.00 USD on payment 1a2b3c4d is pending")
        #expect(after.count == 1, "the pane underneath reloads")
        _ = model.handle(.character("3"), milliseconds: 10)
        #expect(model.status == "", "a ✓ belongs to the pane it happened on")
    }

    @Test("a refusal returns to the form with its exact reason; a lost connection retries with the same key")
    func refusalAndLostConnection() throws {
        let form = RefundForm(payment: Self.payment)
        _ = form.start()
        form.received(Self.preview())
        _ = form.handle(.control("f"))
        _ = form.handle(.enter)
        _ = form.handle(.right)
        _ = form.handle(.enter)
        let refused = form.finished(.failure(PGError(.query, sqlState: "PX012",
                                                     message: "refund of 3750 exceeds the refundable remainder 2500 of payment x")))
        // The figures moved under the form: it reads them again before explaining, in money.
        #expect(form.stage == .loading)
        #expect(refused.contains { if case .load = $0 { true } else { false } })
        #expect(refused.contains { if case .error = $0 { true } else { false } })
        form.received(Self.preview(refunded: 2_500))
        #expect(form.stage == .editing)
        #expect(form.fields[0].value == "37.50", "what the operator typed stays")
        #expect(form.problem == "refused (PX012): refund of 37.50 USD exceeds the refundable remainder 25.00 USD — the figures above are current")
        #expect(Self.text(form).contains("refundable $25.00"))
        #expect(form.statusUpdate == "refused (PX012): refund of 37.50 USD exceeds the refundable remainder 25.00 USD",
                "the status line gets the reason in money too")
        let key = form.key
        _ = form.handle(.control("u"))
        Self.type("10", into: form)
        _ = form.handle(.enter)
        _ = form.handle(.right)
        _ = form.handle(.enter)
        _ = form.finished(.failure(PGError(.connection, message: "server closed the connection unexpectedly")))
        #expect(form.stage == .confirming)
        #expect(form.confirmFocus == 1)
        #expect(form.problem?.contains("same idempotency key") == true)
        #expect(Self.text(form).contains("server closed the connection"))
        let retry = form.handle(.enter)
        #expect(retry.contains { if case .perform = $0 { true } else { false } })
        #expect(form.key == key)
    }

    @Test("four-eyes: the requester's own payout is refused in the form, before anything is sent")
    func fourEyes() {
        let payout = Fixture.payout(1, status: "requested", requestedBy: "alice", decidedBy: nil)
        let model = Self.console(groups: ["payops_finance"])
        let form = PayoutDecisionForm(payout: payout, venueName: "Blue Note", approve: true)
        _ = model.perform([.modal(form)], milliseconds: 0)
        form.received(PayoutPreview(venueID: payout.venueID, venueName: "Blue Note", available: Fixture.usd(10_000_000),
                                    reserved: Fixture.usd(0), approvedToday: Fixture.usd(0)))
        #expect(form.stage == .editing)
        #expect(form.problem?.hasPrefix("four-eyes: you (alice) requested this payout") == true)
        let other = PayoutDecisionForm(payout: Fixture.payout(2, status: "requested", requestedBy: "bob", decidedBy: nil),
                                       venueName: "Blue Note", approve: true)
        _ = model.perform([.modal(other)], milliseconds: 0)
        other.received(PayoutPreview(venueID: payout.venueID, venueName: "Blue Note", available: Fixture.usd(10_000_000),
                                     reserved: Fixture.usd(0), approvedToday: Fixture.usd(4_900_000)))
        #expect(other.problem?.contains("over the $50,000.00 limit") == true || other.problem?.contains("limit") == true)
    }

    @Test("bulk requeue shows its dry run first; an empty group says there is nothing to do")
    func groupRequeue() {
        let form = GroupRequeueForm(errorGroup: "timeout")
        let start = form.start()
        guard case .load? = start.first else { Issue.record("the dry run runs first"); return }
        #expect(form.stage == .checking)
        form.received(dryRun: GroupRequeueReceipt(json: JSONText("{}"), errorGroup: "timeout", dryRun: true,
                                                  deadLetterIDs: [4, 9, 12], outboxIDs: []))
        #expect(form.stage == .confirming)
        let dialog = Self.text(form)
        #expect(dialog.contains("Dry run: 3 waiting dead letters with error \"timeout\""))
        #expect(dialog.contains("ids 4, 9, 12"))
        #expect(dialog.contains("[ Requeue 3 ]"))
        let empty = GroupRequeueForm(errorGroup: "gone")
        _ = empty.start()
        empty.received(dryRun: GroupRequeueReceipt(json: JSONText("{}"), errorGroup: "gone", dryRun: true,
                                                   deadLetterIDs: [], outboxIDs: []))
        #expect(empty.stage == .editing)
        #expect(empty.problem?.contains("nothing to do") == true)
    }

    @Test("a in Queues requeues the selected dead-letter error group; elsewhere it says what to select")
    func queuesGroupKey() {
        let pane = QueuesPane()
        pane.receive(Fixture.depth([Fixture.group(.deadLetters, "timeout", 3), Fixture.group(.outbox, "payment.created", 2)]))
        guard case .error? = pane.handle(.pane("requeue-group"), visibleRows: 10).first else {
            Issue.record("on the queue list, a asks for an error group"); return
        }
        for _ in QueueDepth.Queue.allCases { _ = pane.handle(.down, visibleRows: 10) }
        while pane.selectedQueue != .deadLetters { _ = pane.handle(.up, visibleRows: 10) }
        _ = pane.handle(.pane("toggle"), visibleRows: 10)
        guard case let .modal(form)? = pane.handle(.pane("requeue-group"), visibleRows: 10).first,
              let requeue = form as? GroupRequeueForm else { Issue.record("a opens the group requeue"); return }
        #expect(requeue.errorGroup == "timeout")
    }

    @Test("hostile names are drawn harmless; every form renders at 0×0, 1×1 and 60×15")
    func hostileAndTiny() {
        let form = RefundForm(payment: Self.payment)
        _ = form.start()
        form.received(Self.preview(venue: "Evil\u{1b}]52;c;bad\u{07}Hall 東京"))
        var canvas = Canvas(width: 90, height: 20)
        form.render(into: &canvas)
        #expect(structuralProblems(canvas.grid).isEmpty)
        #expect(!canvas.grid.lines.joined().contains("\u{1b}"))
        let forms: [ActionForm] = [form, BlockForm(network: "203.0.113.7", block: true), GroupRequeueForm(errorGroup: "x"),
                                   PayoutRequestForm(venue: Fixture.uuid("7e000000"))]
        for form in forms {
            for (w, h) in [(0, 0), (1, 1), (60, 15)] {
                var small = Canvas(width: w, height: h)
                form.render(into: &small)
                #expect(structuralProblems(small.grid).isEmpty)
            }
        }
    }

    @Test("block form: network and reason checked; the expiry is computed from the console's clock")
    func blockForm() {
        let model = Self.console(groups: ["payops_support"])
        model.now = Fixture.now
        let form = BlockForm(network: "203.0.113.7", block: true)
        _ = model.perform([.modal(form)], milliseconds: 0)
        _ = form.handle(.enter)
        #expect(form.problem == "blocking needs a reason")
        Self.type("card testing", into: form)
        _ = form.handle(.tab)
        _ = form.handle(.right)
        _ = form.handle(.right)                  // never → 1h → 24h
        _ = form.handle(.enter)
        #expect(form.stage == .confirming)
        #expect(Self.text(form).contains("Block 203.0.113.7 until 2026-11-21 12:00:00 UTC"))
        let bad = BlockForm(network: "300.1.1.1", block: true)
        Self.type("x", into: bad)
        _ = bad.handle(.enter)
        #expect(bad.problem?.hasPrefix("network:") == true)
    }
}

/// Forms keep their fields and buttons on screen whatever the data holds.
@Suite("action forms with hostile data")
struct ActionFormLongDataTests {
    @Test("a 10,000-character venue name is cut with …; the amount, reason and buttons stay visible at 80×24",
          arguments: [(80, 24), (60, 15), (200, 60)])
    func longVenueName(width: Int, height: Int) {
        let name = String(repeating: "Grand Hall of Very Long Names ", count: 340).prefix(10_000)
        let form = RefundForm(payment: ActionFormTests.payment)
        _ = form.start()
        form.received(ActionFormTests.preview(venue: String(name)))
        let screen = ActionFormTests.text(form, width: width, height: height)
        #expect(screen.contains("…"), "the name is visibly cut")
        #expect(screen.contains("USD"), "the amount field is visible:\n\(screen)")
        #expect(screen.contains("Reason"), "the reason field is visible:\n\(screen)")
        #expect(screen.contains("Enter review"), "the form's keys are visible:\n\(screen)")
        // Reviewed: the confirm dialog keeps its buttons on screen too.
        _ = form.handle(.control("f"))
        _ = form.handle(.enter)
        #expect(form.stage == .confirming)
        let dialog = ActionFormTests.text(form, width: width, height: height)
        #expect(dialog.contains("Cancel"), "the dialog's buttons are visible:\n\(dialog)")
    }
}
