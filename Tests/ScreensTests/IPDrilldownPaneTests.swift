@testable import PaymentData
import Screens
import Testing

@Suite("IP drill-down pane")
struct IPDrilldownPaneTests {
    static let network = InetAddress("203.0.113.0/24")!
    static let p1 = Fixture.uuid("3fa85f64")
    static let p2 = Fixture.uuid("9b2c1d07")

    static func loadedPane() -> IPDrilldownPane {
        let pane = IPDrilldownPane(network: network)
        pane.receive(payments: [
            Fixture.payment(p1),
            Fixture.payment(p2, venue: "Fabric", amount: 125_000, currency: "EUR", status: "partially_refunded", secondsAgo: 900),
        ])
        return pane
    }

    @Test("the title is the network; t toggles payments and events")
    func basics() {
        let pane = IPDrilldownPane(network: Self.network)
        #expect(pane.title == "203.0.113.0/24")
        #expect(pane.bindings == [KeyBinding([.character("t")], .pane("toggle"), "payments / events", inFooter: true),
                                  ActionKeys.block, ActionKeys.unblock, ActionKeys.refund.with(inFooter: false)] + TableSort.bindings)
        #expect(pane.focusedID == "203.0.113.0/24")
    }

    @Test("load reads the payments from the network, then its events by keyset")
    func loadQueries() throws {
        let pane = IPDrilldownPane(network: Self.network)
        let request = try #require(pane.load(isRefresh: false))
        #expect(request.query.name == "suspicious.payments")
        #expect(request.query.statements[0].parameters.map(\.pgText) == ["203.0.113.0/24", "200", nil])
        let events = try #require(loads(pane.handle(.pane("toggle"), visibleRows: 20)).first)
        #expect(events.query.name == "audit.events")
        #expect(events.query.statements[0].parameters.map(\.pgText) == ["203.0.113.0/24", "21"])
    }

    @Test("payment and event results reach the pane through the apply path")
    func applyPath() throws {
        let pane = IPDrilldownPane(network: Self.network)
        try apply(try #require(pane.load(isRefresh: false)), [syntheticResult(
            columns: ["id", "created_at", "venue_id", "name", "user_id", "amount", "currency", "platform_fee", "tax_amount", "status",
                      "intent"],
            rows: [Fixture.transactionCells(Self.p1)])])
        #expect(pane.payments?.map(\.id) == [Self.p1])
        let events = try #require(loads(pane.handle(.pane("toggle"), visibleRows: 10)).first)
        #expect(pane.isEmpty)
        try apply(events, [syntheticResult(columns: ["id", "payment_id", "event_type", "ip_address", "user_agent", "created_at", "change"],
                                           rows: [[Fixture.uuid("e0000000").string, Self.p2.string, "payment.failed", "203.0.113.9",
                                                   "curl", Fixture.now.iso8601, nil]]), estimateResult(1)])
        #expect(pane.events.rows.map(\.paymentID) == [Self.p2])
        #expect(!pane.isEmpty)
    }

    @Test("payments from the network, newest first, money in its own currency")
    func paymentsScreen() {
        let grid = renderPane(Self.loadedPane(), width: 80, height: 5)
        expectScreen(grid, [
            " payments with an event from 203.0.113.0/24 at any time (2)",
            "TIME                ID       VENUE      USER           AMOUNT STATUS",
            "2026-11-20 11:55:00 3fa85f64 Blue Note  05e70000       $12.50 failed",
            "2026-11-20 11:45:00 9b2c1d07 Fabric     05e70000    €1,250.00 partially_refunded",
            "",
        ])
        expectRendersAtTinySizes(Self.loadedPane())
    }

    @Test("loading and empty messages in both views")
    func messages() {
        let pane = IPDrilldownPane(network: Self.network)
        #expect(renderPane(pane, width: 80, height: 3).lines[2] == "loading…")
        expectRendersAtTinySizes(pane)
        pane.receive(payments: [])
        #expect(renderPane(pane, width: 80, height: 3).lines[2] == "no payment has an event from 203.0.113.0/24 at any time")
        _ = pane.handle(.pane("toggle"), visibleRows: 10)
        var grid = renderPane(pane, width: 80, height: 3)
        #expect(grid.lines[0] == " events from 203.0.113.0/24 at any time, newest first")
        #expect(grid.lines[2] == "loading…")
        pane.receive(events: Fixture.page([PaymentEventRow]()), for: .first)
        grid = renderPane(pane, width: 80, height: 3)
        #expect(grid.lines[2] == "no event from 203.0.113.0/24 at any time")
    }

    @Test("the events view lists every event from the network")
    func eventsScreen() {
        let pane = Self.loadedPane()
        _ = pane.handle(.pane("toggle"), visibleRows: 10)
        pane.receive(events: Fixture.page([Fixture.event(1, payment: Self.p1)]), for: .first)
        expectScreen(renderPane(pane, width: 80, height: 3), [
            " events from 203.0.113.0/24 at any time, newest first",
            "TIME                PAYMENT  EVENT             IP                USER AGENT",
            "2026-11-20 11:59:00 3fa85f64 payment.failed    203.0.113.7       curl/8.4",
        ])
        expectRendersAtTinySizes(pane)
    }

    @Test("Enter opens the selected payment, or the payment of the selected event")
    func open() throws {
        let pane = Self.loadedPane()
        _ = pane.handle(.down, visibleRows: 10)
        var detail = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? TransactionDetailPane)
        #expect(detail.id == Self.p2)
        #expect(pane.focusedID == Self.p2.string)
        _ = pane.handle(.down, visibleRows: 10)
        #expect(pane.selectedPayment?.id == Self.p2)
        _ = pane.handle(.pane("toggle"), visibleRows: 10)
        #expect(pane.handle(.open, visibleRows: 10).isEmpty)       // no events yet
        pane.receive(events: Fixture.page([Fixture.event(1, payment: Self.p1)]), for: .first)
        detail = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? TransactionDetailPane)
        #expect(detail.id == Self.p1)
        #expect(pane.focusedID == "203.0.113.0/24")
        #expect(pane.handle(.pane("toggle"), visibleRows: 10).isEmpty)    // payments are still loaded
        #expect(pane.view == .payments)
    }

    @Test("opened from Suspicious IPs it keeps the window and says so; w widens it to all time and back")
    func keepsTheWindow() throws {
        let pane = IPDrilldownPane(network: Self.network, windowSeconds: 3600)
        #expect(pane.title == "203.0.113.0/24 · 1h")
        #expect(pane.bindings.contains { $0.action == .pane("window") })
        let request = try #require(pane.load(isRefresh: false))
        #expect(request.query.statements[0].parameters.map(\.pgText) == ["203.0.113.0/24", "200", "3600"])
        pane.receive(payments: [Fixture.payment(Self.p1)])
        expectScreen(renderPane(pane, width: 100, height: 1),
                     [" payments with an event from 203.0.113.0/24 in the last 1h (1) · w: all time"])
        let effects = pane.handle(.pane("window"), visibleRows: 10)
        #expect(pane.windowSeconds == nil && pane.payments == nil)
        let wider = try #require(loads(effects).first)
        #expect(wider.query.statements[0].parameters.map(\.pgText) == ["203.0.113.0/24", "200", nil])
        #expect(pane.title == "203.0.113.0/24")
        _ = pane.handle(.pane("toggle"), visibleRows: 10)
        expectScreen(renderPane(pane, width: 100, height: 1),
                     [" events from 203.0.113.0/24 at any time, newest first · w: back to the list's window"])
        let back = try #require(loads(pane.handle(.pane("window"), visibleRows: 10)).first)
        #expect(back.query.name == "audit.events")
        #expect(back.query.statements[0].parameters.map(\.pgText) == ["203.0.113.0/24", "3600", "11"])
        // From :ip there is no list window to keep: no w.
        #expect(!IPDrilldownPane(network: Self.network).bindings.contains { $0.action == .pane("window") })
    }

    @Test("Ctrl-S streams every event from the network")
    func export() throws {
        let export = try #require(IPDrilldownPane(network: Self.network).export())
        #expect(export.fileStem == "events-203.0.113.0_24")
        #expect(export.header == ["id", "created_at", "payment_id", "event_type", "ip_address", "user_agent", "change"])
        #expect(export.first.name == "audit.events")
        #expect(export.first.statements[0].parameters.map(\.pgText) == ["203.0.113.0/24", "1001"])
    }
}
