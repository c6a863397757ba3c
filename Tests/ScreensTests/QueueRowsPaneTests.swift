@testable import PaymentData
import Screens
import Testing

@Suite("Queue rows pane")
struct QueueRowsPaneTests {
    static let payment = Fixture.uuid("3fa85f64")
    static let refund = Fixture.uuid("5e000000")

    static func outbox(_ id: Int64, type: String = "payment", aggregate: PGUUID = payment, event: String = "payment.completed",
                       secondsAgo: Int64 = 900, attempts: Int = 2, error: String? = "connection refused: rabbitmq:5672") -> OutboxRow {
        OutboxRow(id: id, aggregateID: aggregate, aggregateType: type, eventType: event, createdAt: Fixture.ago(secondsAgo),
                  attempts: attempts, lastAttemptAt: nil, lastError: error)
    }

    static func webhook(_ n: Int, event: String = "payment_intent.succeeded", intent: String? = "pi_123",
                        error: String? = "signature mismatch", secondsAgo: Int64 = 60, attempts: Int = 3) -> WebhookRow {
        WebhookRow(id: Fixture.uuid("3e000000", n), webhookID: "evt_\(n)", provider: "stripe", eventType: event, status: "failed",
                   receivedAt: Fixture.ago(secondsAgo), attempts: attempts, errorMessage: error, intentID: intent)
    }

    static func deadLetter(_ id: Int64, type: String = "payment", aggregate: PGUUID = payment, event: String = "payment.completed",
                           error: String? = "connection refused: rabbitmq:5672", secondsAgo: Int64 = 7200) -> DeadLetterRow {
        DeadLetterRow(id: id, originalID: id + 100, aggregateID: aggregate, aggregateType: type, eventType: event, attempts: 5,
                      lastError: error, movedAt: Fixture.ago(secondsAgo))
    }

    @Test("each source loads its own query")
    func loadQueries() throws {
        var request = try #require(QueueRowsPane(.outbox).load(isRefresh: false))
        #expect(request.query.name == "queues.outbox")
        #expect(request.query.statements[0].parameters.map(\.pgText) == ["200"])
        request = try #require(QueueRowsPane(.webhooks(status: "failed")).load(isRefresh: true))
        #expect(request.query.name == "queues.webhooks")
        #expect(request.query.statements[0].parameters.map(\.pgText) == ["failed", "200"])
        #expect(request.isRefresh)
        request = try #require(QueueRowsPane(.deadLetters(errorGroup: "boom")).load(isRefresh: false))
        #expect(request.query.name == "queues.dlq")
        #expect(request.query.statements[0].parameters.map(\.pgText) == ["boom", "200"])
        request = try #require(QueueRowsPane(.deadLetters(errorGroup: nil)).load(isRefresh: false))
        #expect(request.query.statements[0].parameters.map(\.pgText) == ["200"])
    }

    @Test("titles name the queue and the status or error group")
    func titles() {
        #expect(QueueRowsPane(.outbox).title == "Outbox waiting")
        #expect(QueueRowsPane(.webhooks(status: "failed")).title == "Webhooks failed")
        #expect(QueueRowsPane(.deadLetters(errorGroup: nil)).title == "Dead letters")
        #expect(QueueRowsPane(.deadLetters(errorGroup: "timeout after 30000ms calling ledger-service")).title
            == "Dead letters: timeout after 30000ms calling…")
    }

    @Test("query results reach the pane through each request's apply path")
    func applyPath() throws {
        let outbox = QueueRowsPane(.outbox)
        try apply(try #require(outbox.load(isRefresh: false)), [syntheticResult(
            columns: ["id", "aggregate_id", "aggregate_type", "event_type", "created_at", "attempts", "last_attempt_at", "last_error"],
            rows: [["7", Self.payment.string, "payment", "payment.failed", Fixture.ago(60).iso8601, "0", nil, nil]])])
        #expect(outbox.outboxRows.map(\.id) == [7])
        #expect(!outbox.hasMore)

        let webhooks = QueueRowsPane(.webhooks(status: "failed"))
        try apply(try #require(webhooks.load(isRefresh: false)), [syntheticResult(
            columns: ["id", "webhook_id", "provider", "event_type", "status", "received_at", "attempts", "error_message", "intent"],
            rows: [[Fixture.uuid("3e000000").string, "evt_1", "stripe", "charge.failed", "failed", Fixture.ago(60).iso8601, "2", "bad", "pi_9"]])])
        #expect(webhooks.webhookRows.map(\.intentID) == ["pi_9"])

        let dlq = QueueRowsPane(.deadLetters(errorGroup: nil))
        #expect(dlq.isEmpty)
        try apply(try #require(dlq.load(isRefresh: false)), [syntheticResult(
            columns: ["id", "original_id", "aggregate_id", "aggregate_type", "event_type", "attempts", "last_error", "moved_at"],
            rows: [["3", nil, Self.payment.string, "payment", "payment.completed", "5", nil, Fixture.ago(60).iso8601]])])
        #expect(dlq.deadLetterRows.map(\.id) == [3])
        #expect(!dlq.isEmpty)
    }

    @Test("loading, then an empty queue, at any size")
    func loadingAndEmpty() {
        let pane = QueueRowsPane(.outbox)
        expectScreen(renderPane(pane, width: 40, height: 2), ["CREATED                AGE EVENT", "loading…"])
        expectRendersAtTinySizes(pane)
        pane.receive(outbox: [])
        expectScreen(renderPane(pane, width: 40, height: 2), ["CREATED                AGE EVENT", "nothing waiting here"])
    }

    @Test("waiting outbox rows, oldest first; rows older than the stuck threshold are danger")
    func outboxScreen() {
        let pane = QueueRowsPane(.outbox)
        pane.receive(outbox: [Self.outbox(1), Self.outbox(2, type: "refund", aggregate: Self.refund, event: "refund.requested",
                                                          secondsAgo: 30, attempts: 0, error: nil)])
        let grid = renderPane(pane, width: 100, height: 4)
        expectScreen(grid, [
            "CREATED                AGE EVENT                  AGGREGATE        TRY LAST ERROR",
            "2026-11-20 11:45:00    15m payment.completed      payment 3fa85f64   2 connection refused: rabbitmq…",
            "2026-11-20 11:59:30    30s refund.requested       refund 5e000000    0",
            "",
        ])
        #expect(role(of: "30s", in: grid) == .normal)
        _ = pane.handle(.down, visibleRows: 3)
        #expect(role(of: "15m", in: renderPane(pane, width: 100, height: 4)) == .danger)
        expectRendersAtTinySizes(pane)
    }

    @Test("failed webhooks with provider, attempts, intent and error")
    func webhookScreen() {
        let pane = QueueRowsPane(.webhooks(status: "failed"))
        pane.receive(webhooks: [Self.webhook(1), Self.webhook(2, event: "charge.refunded", intent: nil, error: nil, secondsAgo: 600, attempts: 1)])
        let grid = renderPane(pane, width: 100, height: 3)
        expectScreen(grid, [
            "  RECEIVED               AGE PROVIDER EVENT           STATUS     TRY INTENT        ERROR",
            "  2026-11-20 11:59:00     1m stripe   payment_intent… failed       3 pi_123        signature mismat…",
            "  2026-11-20 11:50:00    10m stripe   charge.refunded failed       1",
        ])
        _ = pane.handle(.down, visibleRows: 3)
        #expect(role(of: "failed", in: renderPane(pane, width: 100, height: 3)) == .failed)
    }

    @Test("dead letters with their error group")
    func deadLetterScreen() {
        let pane = QueueRowsPane(.deadLetters(errorGroup: nil))
        pane.receive(deadLetters: [Self.deadLetter(1), Self.deadLetter(2, type: "refund", aggregate: Self.refund, event: "refund.requested",
                                                                        error: nil, secondsAgo: 3600)])
        expectScreen(renderPane(pane, width: 100, height: 3), [
            "  MOVED                  AGE EVENT                 AGGREGATE        TRY ERROR",
            "  2026-11-20 10:00:00     2h payment.completed     payment 3fa85f64   5 connection refused: rabbitm…",
            "  2026-11-20 11:00:00     1h refund.requested      refund 5e000000    5 (no error)",
        ])
    }

    @Test("Enter opens the payment a row is about, and explains when it is about something else")
    func openRows() throws {
        let outbox = QueueRowsPane(.outbox)
        outbox.receive(outbox: [Self.outbox(1), Self.outbox(2, type: "refund", aggregate: Self.refund)])
        var detail = try #require(pushed(outbox.handle(.open, visibleRows: 10)) as? TransactionDetailPane)
        #expect(detail.id == Self.payment)
        #expect(outbox.focusedID == Self.payment.string)
        _ = outbox.handle(.down, visibleRows: 10)
        #expect(statuses(outbox.handle(.open, visibleRows: 10)) == ["this row is about refund 5e000000, not a payment"])

        let dlq = QueueRowsPane(.deadLetters(errorGroup: "x"))
        dlq.receive(deadLetters: [Self.deadLetter(1, type: "order"), Self.deadLetter(2)])
        #expect(statuses(dlq.handle(.open, visibleRows: 10)) == ["this row is about order 3fa85f64, not a payment"])
        _ = dlq.handle(.bottom, visibleRows: 10)
        detail = try #require(pushed(dlq.handle(.open, visibleRows: 10)) as? TransactionDetailPane)
        #expect(detail.id == Self.payment)
    }

    @Test("Enter on a webhook opens the payments with its intent id")
    func openWebhook() throws {
        let pane = QueueRowsPane(.webhooks(status: "failed"))
        pane.receive(webhooks: [Self.webhook(1), Self.webhook(2, intent: nil)])
        let transactions = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? TransactionsPane)
        #expect(transactions.filterText == "pi_123")
        #expect(transactions.title == "pi_123")
        #expect(transactions.load(isRefresh: false)?.query.name == "transactions.search.intent")
        #expect(pane.focusedID == "evt_1")
        _ = pane.handle(.down, visibleRows: 10)
        #expect(statuses(pane.handle(.open, visibleRows: 10)) == ["this webhook names no payment intent"])
    }

    @Test("NFT mint jobs: chain, status, priority, payment and error; Enter opens the payment")
    func nftJobs() throws {
        let pane = QueueRowsPane(.nftMints(status: nil))
        #expect(pane.title == "NFT mints waiting")
        #expect(pane.load(isRefresh: false)?.query.name == "queues.nft")
        pane.receive(nftJobs: [NFTJobRow(id: Fixture.uuid("0f000000"), paymentID: Self.payment, blockchain: "polygon",
                                         status: "failed", priority: "urgent", attempts: 3,
                                         errorMessage: "RPC timeout\u{1b}[2J", createdAt: Fixture.ago(7200))])
        let screen = renderPane(pane, width: 110, height: 4).lines.joined(separator: "\n")
        #expect(screen.contains("polygon"))
        #expect(screen.contains("failed"))
        #expect(screen.contains("urgent"))
        #expect(screen.contains("payment \(Self.payment.short)"))
        #expect(screen.contains("RPC timeout␛[2J"), "escape sequences in errors are shown, never sent")
        let detail = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? TransactionDetailPane)
        #expect(detail.id == Self.payment)
        #expect(pane.focusedID == Self.payment.string)
        #expect(QueueRowsPane(.nftMints(status: "failed")).title == "NFT mints failed")
    }

    @Test("↓ past the last of a full page of outbox rows fetches the next page and appends it")
    func outboxPaging() throws {
        let pane = QueueRowsPane(.outbox)
        let page = (1...200).map { Self.outbox(Int64($0), secondsAgo: 3000 - Int64($0)) }
        pane.receive(outbox: page)
        #expect(pane.hasMore)
        #expect(pane.handle(.bottom, visibleRows: 10).isEmpty)      // to the last loaded row first
        #expect(pane.selection.index == 199)
        let next = try #require(loads(pane.handle(.down, visibleRows: 10)).first)
        #expect(next.query.name == "queues.outbox")
        #expect(next.query.statements[0].parameters.map(\.pgText) == [Fixture.ago(2800).iso8601, "200", "200"])
        #expect(loads(pane.handle(.down, visibleRows: 10)).isEmpty)  // one fetch at a time
        try apply(next, [syntheticResult(
            columns: ["id", "aggregate_id", "aggregate_type", "event_type", "created_at", "attempts", "last_attempt_at", "last_error"],
            rows: [["201", Self.payment.string, "payment", "payment.failed", Fixture.ago(60).iso8601, "0", nil, nil]])])
        #expect(pane.count == 201)
        #expect(!pane.hasMore)
        _ = pane.handle(.down, visibleRows: 10)
        #expect(pane.selection.index == 200)
        let refresh = try #require(pane.load(isRefresh: true))
        #expect(refresh.query.statements[0].parameters.map(\.pgText) == ["201"])
    }
}
