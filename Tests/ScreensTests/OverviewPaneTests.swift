@testable import PaymentData
import Screens
import Testing

@Suite("Overview pane")
struct OverviewPaneTests {
    static let overRefunded = Fixture.uuid("3fa85f64")
    static let venue = Fixture.uuid("7e000000")

    static func busyQueues() -> QueueDepth {
        Fixture.depth([
            Fixture.group(.outbox, "payment.completed", 10, oldestSecondsAgo: 900),
            Fixture.group(.outboxStuck, "payment.completed", 2, oldestSecondsAgo: 900),
            Fixture.group(.webhooks, "failed", 2), Fixture.group(.webhooks, "pending", 5),
            Fixture.group(.deadLetters, "connection refused", 3),
            Fixture.group(.nftMints, "failed", 1), Fixture.group(.nftMints, "queued", 4),
        ])
    }

    static func overview(queues: QueueDepth = busyQueues(), alarms: [Alarm]? = nil) -> Overview {
        Overview(counts: [.completed: 1200, .failed: 34, .pending: 3, .refunded: 5],
                 revenue: [Fixture.usd(1_234_567), Fixture.eur(100_000)],
                 refunds: [Fixture.usd(12_000), Fixture.eur(300)], refundCount: 5,
                 topFailureReasons: [("card_declined", 20), ("insufficient_funds", 14)], queues: queues,
                 alarms: alarms ?? [Alarm(kind: .overRefunded, count: 1, sampleID: overRefunded.string),
                                    Alarm(kind: .stuckOutbox, count: 2, sampleID: "17")],
                 asOf: Fixture.now, windowSeconds: 86_400)
    }

    static func loadedPane(_ overview: Overview = overview()) -> OverviewPane {
        let pane = OverviewPane()
        pane.receive(overview)
        return pane
    }

    @Test("load reads the 24 h overview in one snapshot")
    func loadQuery() throws {
        let request = try #require(OverviewPane().load(isRefresh: true))
        #expect(request.query.name == "overview")
        #expect(request.query.snapshot)
        #expect(request.query.statements.count == 4)      // payments' figures (rollups: one statement), refunds, alarms, queues
        #expect(request.isRefresh)
        #expect(request.query.statements[0].parameters.map(\.pgText) == [nil, "86400", "300"])     // 300: rollups' change horizon
    }

    @Test("the query's results reach the pane through the request's apply path")
    func applyPath() throws {
        let pane = OverviewPane()
        #expect(pane.isEmpty)
        let request = try #require(pane.load(isRefresh: false))
        try apply(request, [
            syntheticResult(columns: ["kind", "key", "value", "part", "rank"], rows: [
                ["count", "completed", "9", "1", "0"], ["count", "failed", "1", "1", "0"], ["revenue", "USD", "123456", "2", "0"],
                ["reason", "card_declined", "1", "3", "1"],
            ]),
            syntheticResult(columns: ["currency", "sum", "count"], rows: [["USD", "500", "1"]]),
            syntheticResult(columns: ["kind", "count", "sample"], rows: [["over_refunded", "0", nil], ["negative_balance", "1", Self.venue.string]]),
            syntheticResult(columns: ["queue", "key", "count", "oldest"], rows: [["clock", "", "0", Fixture.now.iso8601]]),
        ])
        #expect(!pane.isEmpty)
        let grid = renderPane(pane, width: 70, height: 20)
        #expect(grid.lines[0] == " Last 24h · as of 2026-11-20 12:00:00")
        #expect(grid.lines[2] == "  success rate   90.00%")
        #expect(grid.lines[4] == "  top reasons    card_declined 1")
        #expect(grid.lines[5] == "  revenue        $1,234.56")
        #expect(grid.lines[16] == "› 1 negative venue balance · e.g. 7e000000")
        #expect(pane.targets == [.venuePayouts(Self.venue)])
    }

    @Test("shows loading before the first reading, at any size")
    func loading() {
        let pane = OverviewPane()
        expectScreen(renderPane(pane, width: 30, height: 2), [" loading…", ""])
        expectRendersAtTinySizes(pane)
    }

    @Test("a busy day: totals, reasons, money per currency, queue health and alarms")
    func busyScreen() {
        let grid = renderPane(Self.loadedPane(), width: 100, height: 20)
        expectScreen(grid, [
            " Last 24h · as of 2026-11-20 12:00:00",
            "  payments       1,242 · pending 3 · completed 1,200 · failed 34 · refunded 5",
            "  success rate   97.26%",
            "  failed         34",
            "  top reasons    card_declined 20 · insufficient_funds 14",
            "  revenue        $12,345.67 · €1,000.00",
            "  refunds        5 refunds · $120.00 · €3.00",
            "",
            " Queue health",
            "› outbox         10 waiting · oldest 15m",
            "  outbox stuck   2 older than 10m",
            "  webhooks       2 failed · 5 pending · 0 processing",
            "  dead letters   3 not requeued",
            "  NFT mints      5 waiting · 1 failed · 4 queued · 0 processing",
            "",
            " Invariants",
            "  1 payment refunded beyond the amount · e.g. 3fa85f64",
            "  2 outbox rows stuck > 10m · e.g. #17",
            "",
            "",
        ])
        #expect(structuralProblems(grid).isEmpty)
        expectRendersAtTinySizes(Self.loadedPane())
    }

    @Test("meanings: stuck outbox is danger, old outbox and failures are warnings, alarms are danger")
    func meanings() {
        let pane = Self.loadedPane()
        _ = pane.handle(.bottom, visibleRows: 20)     // move the selection off the outbox line
        let grid = renderPane(pane, width: 100, height: 20)
        #expect(role(of: "97.26%", in: grid) == .success)
        #expect(role(of: "34", in: grid) != nil)
        #expect(role(of: "oldest 15m", in: grid) == .warning)
        #expect(role(of: "2 older than 10m", in: grid) == .danger)
        #expect(role(of: "2 failed", in: grid) == .warning)
        #expect(role(of: "3 not requeued", in: grid) == .warning)
        #expect(role(of: "1 failed", in: grid) == .warning)
        #expect(role(of: "1 payment refunded", in: grid) == .danger)
        #expect(role(of: "€3.00", in: grid) == .refunded)
        #expect(role(of: "Queue health", in: grid) == .title)
    }

    @Test("a healthy day: all invariants hold, quiet queues, nothing to open")
    func healthy() {
        let quiet = Fixture.depth([Fixture.group(.webhooks, "pending", 1)])
        let pane = Self.loadedPane(Self.overview(queues: quiet, alarms: []))
        let grid = renderPane(pane, width: 60, height: 20)
        #expect(grid.lines[9] == "  outbox         0 waiting")
        #expect(grid.lines[10] == "  outbox stuck   0 older than 10m")
        #expect(grid.lines[16] == "  all invariants hold")
        #expect(role(of: "all invariants hold", in: grid) == .success)
        #expect(role(of: "0 older than 10m", in: grid) == .normal)
        #expect(pane.targets.isEmpty)
        #expect(statuses(pane.handle(.open, visibleRows: 10)) == ["nothing to open: no busy queue and no alarm"])
    }

    @Test("failure reasons from the database are drawn safely")
    func hostileReason() {
        var day = Self.overview()
        day.topFailureReasons = [("\u{1B}]52;c;ZXZpbA==\u{7}declined\u{202E}", 3)]
        let grid = renderPane(Self.loadedPane(day), width: 100, height: 20)
        #expect(structuralProblems(grid).isEmpty)
        #expect(grid.lines[4].hasPrefix("  top reasons    "))
        #expect(!grid.lines[4].unicodeScalars.contains { $0.value == 0x1B || $0.value == 7 || $0.value == 0x202E })
    }

    @Test("no payments at all: no success rate and no revenue")
    func emptyDay() {
        let day = Overview(counts: [:], revenue: [], refunds: [], refundCount: 0, topFailureReasons: [],
                           queues: Fixture.depth([]), alarms: [], asOf: Fixture.now, windowSeconds: 86_400)
        let grid = renderPane(Self.loadedPane(day), width: 60, height: 8)
        expectScreen(grid, [
            " Last 24h · as of 2026-11-20 12:00:00",
            "  payments       0",
            "  success rate   —",
            "  failed         0",
            "  revenue        none",
            "  refunds        0 refunds",
            "",
            " Queue health",
        ])
    }

    @Test("↑/↓ move over the actionable lines; Enter opens queue rows, payments and venues")
    func navigation() throws {
        let pane = Self.loadedPane(Self.overview(alarms: [
            Alarm(kind: .overRefunded, count: 1, sampleID: Self.overRefunded.string),
            Alarm(kind: .payoutDailyLimit, count: 1, sampleID: Self.venue.string),
            Alarm(kind: .negativeBalance, count: 1, sampleID: nil),
        ]))
        #expect(pane.targets == [.queue(.outbox), .queue(.outboxFiltered(eventType: nil, stuck: true)),
                                 .queue(.webhooks(status: "failed")), .queue(.deadLetters(errorGroup: nil)), .queue(.nftMints(status: nil)),
                                 .payment(Self.overRefunded), .venuePayouts(Self.venue)])
        var rows = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? QueueRowsPane)
        #expect(rows.source == .outbox)
        _ = pane.handle(.down, visibleRows: 10)
        rows = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? QueueRowsPane)
        #expect(rows.source == .outboxFiltered(eventType: nil, stuck: true), "outbox stuck opens only the stuck rows")
        _ = pane.handle(.down, visibleRows: 10)
        rows = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? QueueRowsPane)
        #expect(rows.source == .webhooks(status: "failed"))
        _ = pane.handle(.down, visibleRows: 10)
        rows = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? QueueRowsPane)
        #expect(rows.source == .deadLetters(errorGroup: nil))
        _ = pane.handle(.down, visibleRows: 10)
        rows = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? QueueRowsPane)
        #expect(rows.source == .nftMints(status: nil), "NFT mints open their rows too")
        _ = pane.handle(.down, visibleRows: 10)
        let detail = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? TransactionDetailPane)
        #expect(detail.id == Self.overRefunded)
        #expect(pane.focusedID == Self.overRefunded.string)
        _ = pane.handle(.down, visibleRows: 10)
        _ = pane.handle(.down, visibleRows: 10)     // stays on the last actionable line
        let payouts = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? PayoutsPane)
        #expect(payouts.venueID == Self.venue)
        _ = pane.handle(.top, visibleRows: 10)
        #expect(pane.selectedTarget == .queue(.outbox))
        _ = pane.handle(.up, visibleRows: 10)
        #expect(pane.selectedTarget == .queue(.outbox))
        _ = pane.handle(.bottom, visibleRows: 10)
        #expect(pane.selectedTarget == .venuePayouts(Self.venue))
    }

    @Test("the view scrolls to keep the selected alarm visible")
    func scrolls() {
        let pane = Self.loadedPane()
        _ = pane.handle(.bottom, visibleRows: 6)
        let grid = renderPane(pane, width: 60, height: 6)
        expectScreen(grid, [
            "  dead letters   3 not requeued",
            "  NFT mints      5 waiting · 1 failed · 4 queued · 0 process",
            "",
            " Invariants",
            "  1 payment refunded beyond the amount · e.g. 3fa85f64",
            "› 2 outbox rows stuck > 10m · e.g. #17",
        ])
        #expect(grid[0, 5].style.role == .selection)
        #expect(grid[40, 5].style.role == .selection)
        #expect(grid[0, 4].style.role == .normal)
    }

    @Test("a refresh keeps the selection on the same line even when lines above it go quiet")
    func refreshKeepsSelection() {
        let pane = Self.loadedPane()
        _ = pane.handle(.down, visibleRows: 10)
        _ = pane.handle(.down, visibleRows: 10)
        #expect(pane.selectedTarget == .queue(.webhooks(status: "failed")))
        let calmer = Fixture.depth([Fixture.group(.webhooks, "failed", 1), Fixture.group(.deadLetters, "x", 1)])
        pane.receive(Self.overview(queues: calmer))
        #expect(pane.selectedTarget == .queue(.webhooks(status: "failed")))
        pane.receive(Self.overview(queues: Fixture.depth([Fixture.group(.deadLetters, "x", 1)])))
        #expect(pane.selectedTarget == .queue(.deadLetters(errorGroup: nil)))
    }
}
