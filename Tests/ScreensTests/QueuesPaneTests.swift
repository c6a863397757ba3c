@testable import PaymentData
import Screens
import Testing

@Suite("Queues pane")
struct QueuesPaneTests {
    static let quiet = Fixture.depth([Fixture.group(.outbox, "payment.completed", 10, oldestSecondsAgo: 900)])
    static let busy = Fixture.depth([
        Fixture.group(.outbox, "payment.completed", 10, oldestSecondsAgo: 900),
        Fixture.group(.outbox, "order.paid", 3, oldestSecondsAgo: 100),
        Fixture.group(.outboxStuck, "payment.completed", 2, oldestSecondsAgo: 900),
        Fixture.group(.webhooks, "pending", 5), Fixture.group(.webhooks, "failed", 2),
        Fixture.group(.webhooksFailed, "signature mismatch", 1), Fixture.group(.webhooksFailed, "(no error)", 1),
        Fixture.group(.webhooksPending, "payment_intent.succeeded", 5),
        Fixture.group(.deadLetters, "connection refused: rabbitmq:5672", 2), Fixture.group(.deadLetters, "(no error)", 1),
        Fixture.group(.nftMints, "queued", 4),
    ])

    static func loadedPane() -> QueuesPane {
        let pane = QueuesPane()
        pane.receive(quiet)
        pane.receive(busy)
        return pane
    }

    @Test("load reads queues.depth with the split webhooks' breakdowns, in one snapshot")
    func loadQuery() throws {
        let request = try #require(QueuesPane().load(isRefresh: true))
        #expect(request.query.name == "queues.depth")
        #expect(request.query.snapshot && request.query.statements.count == 2)
        #expect(request.isRefresh)
        #expect(try #require(QueuesPane().load(isRefresh: false)).isRefresh == false)
    }

    @Test("the depth query's result reaches the pane and adds one sample")
    func applyPath() throws {
        let pane = QueuesPane()
        let request = try #require(pane.load(isRefresh: false))
        try apply(request, [syntheticResult(columns: ["queue", "key", "count", "oldest"], rows: [
            ["dlq", "boom", "1", Fixture.ago(60).iso8601],
            ["outbox", "payment.completed", "4", Fixture.ago(30).iso8601],
            ["clock", "", "0", Fixture.now.iso8601],
        ]), syntheticResult(columns: ["queue", "key", "count", "oldest"], rows: [
            ["webhooks_failed", "bad signature", "2", Fixture.ago(60).iso8601],
            ["webhooks_pending", "charge.succeeded", "3", Fixture.ago(60).iso8601],
        ])])
        #expect(pane.depth?.total(.webhooksFailed) == 2)
        #expect(pane.depth?.total(.webhooksPending) == 3)
        #expect(pane.history[.webhooksFailed] == [2])
        #expect(pane.depth?.total(.outbox) == 4)
        #expect(pane.depth?.readAt == Fixture.now)
        #expect(pane.history[.outbox] == [4])
        #expect(pane.history[.deadLetters] == [1])
        #expect(pane.history[.webhooksProcessing] == [0])
    }

    @Test("loading first; sound at tiny sizes")
    func loading() {
        expectScreen(renderPane(QueuesPane(), width: 20, height: 2), [" loading…", ""])
        expectRendersAtTinySizes(QueuesPane())
        expectRendersAtTinySizes(Self.loadedPane())
    }

    @Test("a row per queue with depth, oldest age and trend; the selected queue's breakdown below")
    func screen() {
        let grid = renderPane(Self.loadedPane(), width: 50, height: 14)
        expectScreen(grid, [
            "QUEUE                 WAITING   OLDEST TREND",
            "outbox                     13      15m ▇█",
            "outbox stuck > 10m          2      15m  █",
            "webhooks failed             2       1m  █",
            "webhooks pending            5       1m  █",
            "webhooks processing         0        —",
            "dead letters                3       1m  █",
            "NFT mints                   4       1m  █",
            "",
            " outbox by event type",
            "GROUP                               COUNT   OLDEST",
            "payment.completed                      10      15m",
            "order.paid                              3       1m",
            "",
        ])
        #expect(grid[0, 1].style.role == .selection)
        #expect(structuralProblems(grid).isEmpty)
    }

    @Test("warning colours past the thresholds")
    func meanings() {
        let pane = Self.loadedPane()
        _ = pane.handle(.bottom, visibleRows: 10)
        var grid = renderPane(pane, width: 50, height: 12)
        #expect(role(of: "outbox    ", in: grid) == .warning)       // oldest 15m > 10m
        #expect(role(of: "outbox stuck", in: grid) == .danger)
        #expect(role(of: "webhooks failed", in: grid) == .warning)  // 2 failed
        #expect(role(of: "webhooks pending", in: grid) == .normal)
        #expect(role(of: "dead letters", in: grid) == .warning)
        #expect(role(of: "NFT mints", in: grid) == .selection)
        _ = pane.handle(.top, visibleRows: 10)
        grid = renderPane(pane, width: 50, height: 12)
        #expect(role(of: "NFT mints", in: grid) == .normal)         // nothing failed
        pane.receive(Fixture.depth([Fixture.group(.nftMints, "failed", 1), Fixture.group(.outbox, "x", 1, oldestSecondsAgo: 30)]))
        grid = renderPane(pane, width: 50, height: 12)
        #expect(role(of: "NFT mints", in: grid) == .warning)
        #expect(role(of: "outbox stuck", in: grid) == .normal)
    }

    @Test("the trend keeps the last 120 samples")
    func historyLimit() {
        let pane = QueuesPane()
        for n in 1...130 { pane.receive(Fixture.depth([Fixture.group(.outbox, "x", n)])) }
        #expect(pane.history[.outbox]?.count == 120)
        #expect(pane.history[.outbox]?.first == 11)
        #expect(pane.history[.outbox]?.last == 130)
    }

    @Test("Enter opens the rows of the selected queue: outbox stuck only the stuck rows, each webhook status its own")
    func openQueue() throws {
        let pane = Self.loadedPane()
        let expected: [QueueRowsPane.Source] = [.outbox, .outboxFiltered(eventType: nil, stuck: true), .failedWebhooks(.any),
                                                .webhooks(status: "pending"), .webhooks(status: "processing"),
                                                .deadLetters(errorGroup: nil), .nftMints(status: nil)]
        for source in expected {
            let rows = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? QueueRowsPane)
            #expect(rows.source == source)
            _ = pane.handle(.down, visibleRows: 10)
        }
        #expect(pane.selectedQueue == .nftMints)
    }

    @Test("t moves into the breakdown; Enter opens only that group: an event type, a webhook error, (no error)")
    func openGroup() throws {
        let pane = Self.loadedPane()
        _ = pane.handle(.pane("toggle"), visibleRows: 10)
        var rows = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? QueueRowsPane)
        #expect(rows.source == .outboxFiltered(eventType: "payment.completed", stuck: false))
        #expect(rows.title == "Outbox: payment.completed")
        _ = pane.handle(.pane("toggle"), visibleRows: 10)
        _ = pane.handle(.down, visibleRows: 10)
        _ = pane.handle(.pane("toggle"), visibleRows: 10)
        rows = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? QueueRowsPane)
        #expect(rows.source == .outboxFiltered(eventType: "payment.completed", stuck: true))
        #expect(rows.title == "Outbox stuck: payment.completed")
        _ = pane.handle(.pane("toggle"), visibleRows: 10)

        _ = pane.handle(.down, visibleRows: 10)
        #expect(pane.selectedQueue == .webhooksFailed)
        #expect(pane.handle(.pane("toggle"), visibleRows: 10).isEmpty)
        #expect(pane.focusOnGroups)
        rows = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? QueueRowsPane)
        #expect(rows.source == .failedWebhooks(.message("signature mismatch")))
        #expect(pane.focusedID == "signature mismatch")
        _ = pane.handle(.down, visibleRows: 10)
        rows = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? QueueRowsPane)
        #expect(rows.source == .failedWebhooks(.none))
        let grid = renderPane(pane, width: 50, height: 14)
        #expect(grid.lines[9] == " webhooks failed by error")
        #expect(grid[0, 12].style.role == .selection)
        #expect(grid[0, 3].style.role != .selection)
        // a on a webhook error group: its retry form (dry run first).
        let form = try #require(modal(pane.handle(.pane("requeue-group"), visibleRows: 10)) as? WebhookSetRetryForm)
        #expect(form.scope == .group(.none))

        _ = pane.handle(.pane("toggle"), visibleRows: 10)
        #expect(!pane.focusOnGroups)
        for _ in 0..<3 { _ = pane.handle(.down, visibleRows: 10) }
        #expect(pane.selectedQueue == .deadLetters)
        _ = pane.handle(.pane("toggle"), visibleRows: 10)
        rows = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? QueueRowsPane)
        #expect(rows.source == .deadLetters(errorGroup: "connection refused: rabbitmq:5672"))
        _ = pane.handle(.down, visibleRows: 10)
        rows = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? QueueRowsPane)
        #expect(rows.source == .deadLettersWithoutError, "(no error) opens only the dead letters without one")
        #expect(rows.title == "Dead letters: (no error)")
        #expect(errors(pane.handle(.pane("requeue-group"), visibleRows: 10))
            == ["dead letters without an error have no group to requeue: Enter, mark them (Space), r"])

        // A pending webhooks group (by event type) opens only that type.
        _ = pane.handle(.pane("toggle"), visibleRows: 10)
        for _ in 0..<2 { _ = pane.handle(.up, visibleRows: 10) }
        #expect(pane.selectedQueue == .webhooksPending)
        _ = pane.handle(.pane("toggle"), visibleRows: 10)
        rows = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? QueueRowsPane)
        #expect(rows.source == .webhooks(status: "pending", eventType: "payment_intent.succeeded"))
        #expect(rows.title == "Webhooks pending: payment_intent.succeeded")
        #expect(rows.load(isRefresh: false)?.query.statements[0].parameters.count == 3)
    }

    @Test("t on a queue with nothing waiting says so and keeps the focus")
    func toggleEmpty() {
        let pane = QueuesPane()
        pane.receive(Fixture.depth([]))
        #expect(statuses(pane.handle(.pane("toggle"), visibleRows: 10)) == ["nothing waiting in outbox"])
        #expect(!pane.focusOnGroups)
        let grid = renderPane(pane, width: 50, height: 12)
        #expect(grid.lines[1] == "outbox                      0        —")
        #expect(grid.lines[11] == "nothing waiting")
    }

    @Test("moving to another queue starts its breakdown at the top")
    func groupSelectionResets() {
        let pane = Self.loadedPane()
        _ = pane.handle(.pane("toggle"), visibleRows: 10)
        _ = pane.handle(.down, visibleRows: 10)
        #expect(pane.groupSelection.index == 1)
        _ = pane.handle(.pane("toggle"), visibleRows: 10)
        _ = pane.handle(.down, visibleRows: 10)
        #expect(pane.groupSelection.index == 0)
    }
}
