@testable import PaymentData
@testable import Screens
import Testing

/// Marking queue rows (Space, Ctrl-Space, U) and acting on every marked row: the dry run reads the marked rows
/// as they are now, the dialog lists exactly the eligible ones, and only those ids are sent.
@Suite("marking queue rows and acting on them")
struct QueueMarksTests {
    static func webhooks(_ count: Int) -> [WebhookRow] {
        (1...count).map { QueueRowsPaneTests.webhook($0, error: $0 % 2 == 0 ? "timeout" : "signature mismatch", secondsAgo: Int64(600 - $0)) }
    }

    static func text(_ form: ActionForm, width: Int = 100, height: Int = 20) -> String {
        var canvas = Canvas(width: width, height: height)
        form.render(into: &canvas)
        return canvas.grid.lines.joined(separator: "\n")
    }

    @Test("Space marks the row and moves down, Space again unmarks; Ctrl-Space marks the range from the last mark; U clears")
    func marking() {
        let pane = QueueRowsPane(.webhooks(status: "failed"))
        pane.receive(webhooks: Self.webhooks(5))
        let ids = pane.webhookRows.map(\.id.string)
        #expect(statuses(pane.handle(.pane("mark"), visibleRows: 10)) == ["marked · 1 marked (U unmarks all)"])
        #expect(pane.selection.index == 1)
        _ = pane.handle(.down, visibleRows: 10)
        _ = pane.handle(.down, visibleRows: 10)
        #expect(statuses(pane.handle(.pane("mark-range"), visibleRows: 10)) == ["marked 3 more · 4 marked"])
        #expect(pane.markedIDs == [ids[0], ids[1], ids[2], ids[3]])
        _ = pane.handle(.up, visibleRows: 10)
        _ = pane.handle(.pane("mark"), visibleRows: 10)        // unmarks row 2
        #expect(pane.markedIDs == [ids[0], ids[1], ids[3]])
        #expect(pane.title == "Webhooks failed · 3 marked")
        expectScreen(renderPane(pane, width: 60, height: 6), [
            "  RECEIVED               AGE EVENT                STATUS",
            "● 2026-11-20 11:50:01     9m payment_intent.succ… failed",
            "● 2026-11-20 11:50:02     9m payment_intent.succ… failed",
            "  2026-11-20 11:50:03     9m payment_intent.succ… failed",
            "● 2026-11-20 11:50:04     9m payment_intent.succ… failed",
            "  2026-11-20 11:50:05     9m payment_intent.succ… failed",
        ])
        #expect(role(of: "●", in: renderPane(pane, width: 60, height: 6)) == .warning)
        // A refresh keeps the marks of rows still listed and drops the others (retried meanwhile).
        pane.receive(webhooks: Array(Self.webhooks(5).dropFirst()))
        #expect(pane.markedIDs == [ids[1], ids[3]])
        _ = pane.handle(.pane("unmark-all"), visibleRows: 10)
        #expect(pane.markedIDs.isEmpty && pane.title == "Webhooks failed")
        // Marks are offered where an action can take them, not on outbox rows.
        #expect(QueueRowsPane(.outbox).bindings.allSatisfy { $0.action != .pane("mark") })
        #expect(statuses(QueueRowsPane(.outbox).handle(.pane("mark"), visibleRows: 10))
            == ["marking applies to failed webhooks and dead letters"])
        #expect(QueueRowsPane(.deadLetters(errorGroup: nil)).bindings.contains { $0.keys == [.character(" ")] })
        #expect(QueueRowsPane(.failedWebhooks(.any)).bindings.contains { $0.keys == [.control(" ")] })
    }

    @Test("r with marks: the dry run reads the marked webhooks; the dialog lists the failed ones and sends exactly those")
    func retryMarked() throws {
        let pane = QueueRowsPane(.failedWebhooks(.any))
        let rows = Self.webhooks(4)
        pane.receive(webhooks: rows)
        for _ in 0..<3 { _ = pane.handle(.pane("mark"), visibleRows: 10) }
        let form = try #require(modal(pane.handle(.pane("retry"), visibleRows: 10)) as? WebhookSetRetryForm)
        #expect(form.scope == .marked(Array(rows.prefix(3).map(\.id))))
        guard case let .load(request)? = form.start().first else { Issue.record("the dry run runs first"); return }
        #expect(request.query.name == "queues.webhooks marked")
        #expect(request.query.statements[0].parameters.map(\.pgText)
            == ["{" + rows.prefix(3).map(\.id.string).joined(separator: ",") + "}", "3"])
        #expect(form.stage == .checking)
        // Meanwhile the second one was retried by someone else: it is left out and named.
        var now = Array(rows.prefix(3))
        now[1].status = "pending"
        form.received(dryRun: now)
        #expect(form.stage == .confirming)
        let dialog = Self.text(form)
        #expect(dialog.contains("Dry run: 2 of 3 webhooks marked are failed and would go back to pending"), "\(dialog)")
        #expect(dialog.contains("left out: \(rows[1].id.short) is pending"), "\(dialog)")
        #expect(dialog.contains("ids \(rows[0].id.short), \(rows[2].id.short)"), "\(dialog)")
        #expect(dialog.contains("[ Retry 2 ]"), "\(dialog)")
        let sent = try #require(form.confirmation?.request)
        #expect(sent.name == "webhook.retry_set")
        #expect(sent.query.statements[0].parameters.map(\.pgText)
            == [nil, "{\(rows[0].id.string),\(rows[2].id.string)}", form.key.text])
        // Nothing failed any more: nothing to confirm.
        let stale = WebhookSetRetryForm(scope: .marked([rows[0].id]))
        _ = stale.start()
        stale.received(dryRun: [])
        #expect(stale.stage == .editing)
        #expect(stale.problem == "dry run: none of the 1 webhook marked is failed now; nothing to do")
    }

    @Test("a on a failed webhook: its error group's dry run, then exactly those ids with the group checked")
    func retryGroup() throws {
        let pane = QueueRowsPane(.failedWebhooks(.any))
        pane.receive(webhooks: Self.webhooks(4))
        _ = pane.handle(.down, visibleRows: 10)
        let form = try #require(modal(pane.handle(.pane("retry-group"), visibleRows: 10)) as? WebhookSetRetryForm)
        #expect(form.scope == .group(.message("timeout")))
        guard case let .load(request)? = form.start().first else { Issue.record("the dry run runs first"); return }
        #expect(request.query.statements[0].parameters.map(\.pgText) == ["timeout", "1000"])
        let group = Self.webhooks(4).filter { $0.errorMessage == "timeout" }
        form.received(dryRun: group)
        let dialog = Self.text(form)
        #expect(dialog.contains("Dry run: 2 webhooks failed with error \"timeout\""), "\(dialog)")
        #expect(dialog.contains("[ Retry 2 ]"))
        let sent = try #require(form.confirmation?.request)
        #expect(sent.query.statements[0].parameters.map(\.pgText)
            == ["timeout", "{" + group.map(\.id.string).joined(separator: ",") + "}", form.key.text])
        // Within a (no error) group view, a takes that group.
        let none = QueueRowsPane(.failedWebhooks(.none))
        #expect((modal(none.handle(.pane("retry-group"), visibleRows: 10)) as? WebhookSetRetryForm)?.scope == .group(.none))
    }

    @Test("r with marked dead letters: the dry run keeps those still waiting; exactly those are requeued")
    func requeueMarked() throws {
        let pane = QueueRowsPane(.deadLetters(errorGroup: nil))
        pane.receive(deadLetters: [QueueRowsPaneTests.deadLetter(4), QueueRowsPaneTests.deadLetter(9, error: nil),
                                   QueueRowsPaneTests.deadLetter(12, error: "timeout")])
        _ = pane.handle(.pane("mark"), visibleRows: 10)
        _ = pane.handle(.bottom, visibleRows: 10)
        _ = pane.handle(.pane("mark-range"), visibleRows: 10)
        #expect(pane.markedIDs == ["4", "9", "12"])
        let form = try #require(modal(pane.handle(.pane("requeue"), visibleRows: 10)) as? MarkedRequeueForm)
        guard case let .load(request)? = form.start().first else { Issue.record("the dry run runs first"); return }
        #expect(request.query.statements[0].parameters.map(\.pgText) == ["{4,9,12}", "3"])
        form.received(dryRun: [QueueRowsPaneTests.deadLetter(4), QueueRowsPaneTests.deadLetter(12)])
        let dialog = Self.text(form)
        #expect(dialog.contains("Dry run: 2 of 3 dead letters marked still wait"), "\(dialog)")
        #expect(dialog.contains("left out: 1 already requeued or gone"))
        #expect(dialog.contains("ids 4, 12"))
        #expect(dialog.contains("[ Requeue 2 ]"))
        let sent = try #require(form.confirmation?.request)
        #expect(sent.name == "dlq.requeue_marked")
        #expect(sent.query.statements[0].parameters.map(\.pgText) == ["{4,12}", form.key.text])
        // Without marks, r is the one-row requeue, and "1 attempt" reads as one.
        _ = pane.handle(.pane("unmark-all"), visibleRows: 10)
        let one = try #require(modal(pane.handle(.pane("requeue"), visibleRows: 10)) as? RowActionForm)
        #expect(one.title == "Requeue dead letter")
    }

    @Test("the retry dialog names the same webhook the result names; one try reads \"1 attempt\"")
    func words() throws {
        let pane = QueueRowsPane(.webhooks(status: "failed"))
        let row = QueueRowsPaneTests.webhook(1, attempts: 1)
        pane.receive(webhooks: [row])
        let form = try #require(modal(pane.handle(.pane("retry"), visibleRows: 10)) as? RowActionForm)
        _ = form.start()
        let dialog = Self.text(form, width: 120)
        #expect(dialog.contains("Retry webhook \(row.id.short) (stripe evt_1, payment_intent.succeeded, 1 attempt)"), "\(dialog)")
        let receipt = WebhookRetryReceipt(json: JSONText("{}"), webhookID: row.id, previousError: nil)
        #expect(receipt.summary == "webhook \(row.id.short) is pending again")
        #expect(QueueRowsPane.attempts(1) == "1 attempt" && QueueRowsPane.attempts(0) == "0 attempts")
    }
}
