@testable import PaymentData
import Screens
import Testing

@Suite("Audit trail pane")
struct AuditPaneTests {
    static let p1 = Fixture.uuid("3fa85f64")
    static let p2 = Fixture.uuid("9b2c1d07")
    static let eventColumns = ["id", "payment_id", "event_type", "ip_address", "user_agent", "created_at", "change"]

    static func loadedPane() -> AuditPane {
        let pane = AuditPane()
        pane.receive(events: Fixture.page([
            Fixture.event(1, payment: p1),
            Fixture.event(2, payment: p2, type: "payment.created", agent: "Mozilla/5.0 (X11; Linux x86_64)"),
        ]), for: .first)
        return pane
    }

    static func operatorLog(_ pane: AuditPane) {
        _ = pane.handle(.pane("toggle"), visibleRows: 10)
        var refund = Fixture.action(7, targetID: p1.string)
        refund.amount = Fixture.usd(1_250)
        refund.venueName = "Blue Note"
        var approval = Fixture.action(5, action: "payout.approve", targetType: "payout", targetID: payout.string, reason: nil)
        approval.amount = Money(minorUnits: 125_000, currency: .eur)
        approval.venueName = "Fabric"
        approval.payoutID = payout
        pane.receive(actions: Fixture.page([
            refund,
            Fixture.action(6, action: "block_ip", targetType: "ip", targetID: "203.0.113.0/24", reason: "card testing"),
            approval,
        ]), for: .first)
    }

    static let payout = Fixture.uuid("9a000000", 4)

    static func eventCells(_ n: Int, secondsAgo: Int64) -> [String?] {
        [Fixture.uuid("e0000000", n).string, p1.string, "payment.failed", "203.0.113.7", nil, Fixture.ago(secondsAgo).iso8601,
         "status: pending → failed"]
    }

    @Test("t toggles the views and is in the footer")
    func binding() {
        #expect(AuditPane().bindings == [KeyBinding([.character("t")], .pane("toggle"), "events / operator log", inFooter: true),
                                         TableSort.timeOrderOnly])
        #expect(AuditPane().title == "Audit trail")
    }

    @Test("load reads the newest page of events")
    func loadQuery() throws {
        let request = try #require(AuditPane().load(isRefresh: true))
        #expect(request.query.name == "audit.events")
        #expect(request.query.statements[0].parameters.map(\.pgText) == ["51"])
        #expect(request.isRefresh)
    }

    @Test("event and operator-action results reach the pane through the apply path")
    func applyPath() throws {
        let pane = AuditPane()
        try apply(try #require(pane.load(isRefresh: false)), [syntheticResult(columns: Self.eventColumns, rows: [Self.eventCells(1, secondsAgo: 5)]),
                                                              estimateResult(1_234)])
        #expect(pane.rowCount == "1 / 1", "the whole stream is in the window: counted, not estimated")
        #expect(pane.events.rows.map(\.paymentID) == [Self.p1])
        let toggle = loads(pane.handle(.pane("toggle"), visibleRows: 10))
        #expect(toggle.map(\.query.name) == ["audit.operator_actions"])
        try apply(toggle[0], [syntheticResult(
            columns: ["id", "at", "operator", "action", "target_type", "target_id", "reason", "request", "result", "idempotency_key",
                      "amount", "currency", "venue", "payout"],
            rows: [["9", Fixture.now.iso8601, "bob", "retry_webhook", "webhook", "evt_1", nil, "{}", "{}", "k", nil, nil, nil, nil],
                   ["8", Fixture.now.iso8601, "fin", "payout.request", "venue", Fixture.uuid("7e000000").string, nil, "{}", "{}", "k2",
                    "125000", "USD", "Blue Note", Self.payout.string]]), estimateResult(3)])
        #expect(pane.actions.rows.map(\.id) == [9, 8])
        #expect(pane.actions.rows[1].amount == Fixture.usd(125_000))
        #expect(pane.actions.rows[1].venueName == "Blue Note")
        #expect(pane.actions.rows[1].payoutID == Self.payout)
        #expect(pane.actions.rows[0].amount == nil)
        #expect(!pane.isEmpty)
    }

    @Test("loading, empty and filtered-empty messages; sound at tiny sizes")
    func messages() {
        let pane = AuditPane()
        #expect(renderPane(pane, width: 40, height: 2).lines[1] == "loading…")
        expectRendersAtTinySizes(pane)
        pane.receive(events: Fixture.page([PaymentEventRow]()), for: .first)
        #expect(renderPane(pane, width: 40, height: 2).lines[1] == "no payment events yet")
        _ = pane.applyFilter("type:refund.failed")
        #expect(renderPane(pane, width: 40, height: 2).lines[1] == "no event matches type:refund.failed")
        _ = pane.handle(.pane("toggle"), visibleRows: 10)
        #expect(renderPane(pane, width: 40, height: 2).lines[1] == "loading…")
        pane.receive(actions: Fixture.page([OperatorActionRow]()), for: .first)
        #expect(renderPane(pane, width: 40, height: 2).lines[1] == "no operator action yet")
        _ = pane.applyFilter("carol")
        #expect(renderPane(pane, width: 40, height: 2).lines[1] == "no action by carol")
    }

    @Test("the event stream: time, payment, type, IP, user agent")
    func eventsScreen() {
        let pane = Self.loadedPane()
        let grid = renderPane(pane, width: 100, height: 4)
        expectScreen(grid, [
            "TIME                PAYMENT  EVENT                  IP                     USER AGENT",
            "2026-11-20 11:59:00 3fa85f64 payment.failed         203.0.113.7            curl/8.4",
            "2026-11-20 11:59:00 9b2c1d07 payment.created        203.0.113.7            Mozilla/5.0 (X11; Linux …",
            "",
        ])
        #expect(grid[0, 1].style.role == .selection)
        #expect(role(of: "Mozilla", in: grid) == .dim)
        expectRendersAtTinySizes(pane)
    }

    @Test("a CHANGE column appears when some event says what it changed")
    func changeColumn() {
        let pane = AuditPane()
        var changed = Fixture.event(1, payment: Self.p1)
        changed.change = "status: pending → succeeded"
        pane.receive(events: Fixture.page([changed, Fixture.event(2, payment: Self.p1)]), for: .first)
        let grid = renderPane(pane, width: 120, height: 3)
        #expect(grid.lines[0].contains("CHANGE"))
        #expect(grid.lines[1].contains("status: pending → succeeded"))
        pane.receive(events: Fixture.page([Fixture.event(2, payment: Self.p1)]), for: .first)
        #expect(!renderPane(pane, width: 100, height: 3).lines[0].contains("CHANGE"))
    }

    @Test("hostile user agents are drawn safely")
    func hostileUserAgent() {
        let pane = AuditPane()
        pane.receive(events: Fixture.page([Fixture.event(1, payment: Self.p1, agent: "evil\u{1B}[2J\u{202E}agent\u{7}")]), for: .first)
        let grid = renderPane(pane, width: 100, height: 2)
        #expect(structuralProblems(grid).isEmpty)
        #expect(!grid.lines[1].unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 7 })
    }

    @Test("Enter on a payout action opens the payout with its audit rows")
    func openPayout() throws {
        let pane = Self.loadedPane()
        Self.operatorLog(pane)
        _ = pane.handle(.down, visibleRows: 10)
        _ = pane.handle(.down, visibleRows: 10)
        let detail = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? PayoutDetailPane)
        #expect(detail.id == Self.payout)
        _ = pane.handle(.up, visibleRows: 10)
        #expect(statuses(pane.handle(.open, visibleRows: 10)) == ["this action is on ip 203.0.113.0/24, not a payment"])
    }

    @Test("the operator log: time, operator, action, target, amount in money, venue name, reason")
    func operatorScreen() {
        let pane = Self.loadedPane()
        Self.operatorLog(pane)
        expectScreen(renderPane(pane, width: 100, height: 4), [
            "TIME                OPERATOR   ACTION       TARGET                   AMOUNT VENUE      REASON",
            "2026-11-20 11:58:00 alice      refund       payment 3fa85f64         $12.50 Blue Note  duplicate",
            "2026-11-20 11:58:00 alice      block_ip     ip 203.0.113.0/24                          card testing",
            "2026-11-20 11:58:00 alice      payout.appr… payout 9a000000       €1,250.00 Fabric",
        ])
        #expect(pane.focusedID == Self.p1.string)
        expectRendersAtTinySizes(pane)
    }

    @Test("Enter on an event or a payment action opens the payment; other targets explain")
    func open() throws {
        let pane = Self.loadedPane()
        _ = pane.handle(.down, visibleRows: 10)
        var detail = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? TransactionDetailPane)
        #expect(detail.id == Self.p2)
        #expect(pane.focusedID == Self.p2.string)
        Self.operatorLog(pane)
        detail = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? TransactionDetailPane)
        #expect(detail.id == Self.p1)
        _ = pane.handle(.down, visibleRows: 10)
        #expect(statuses(pane.handle(.open, visibleRows: 10)) == ["this action is on ip 203.0.113.0/24, not a payment"])
        #expect(pane.handle(.pane("toggle"), visibleRows: 10).isEmpty)     // the events are still loaded
        #expect(pane.view == .events)
    }

    @Test("event filters: type, payment, ip and cidr reach the query; bad ones are errors")
    func eventFilters() throws {
        let pane = Self.loadedPane()
        let effects = pane.applyFilter("type:payment.failed ip:203.0.113.0/24")
        let request = try #require(loads(effects).first)
        #expect(request.query.statements[0].parameters.map(\.pgText) == ["payment.failed", "203.0.113.0/24", "51"])
        #expect(pane.eventFilter == EventFilter(eventType: "payment.failed", network: InetAddress("203.0.113.0/24")))
        #expect(pane.filterText == "type:payment.failed ip:203.0.113.0/24")
        _ = pane.applyFilter("payment:" + Self.p1.string.uppercased())
        #expect(pane.eventFilter == EventFilter(paymentID: Self.p1))
        #expect(errors(pane.applyFilter("ip:300.1.2.3")).count == 1)
        #expect(errors(pane.applyFilter("colour:red")) == ["unknown filter colour: (use type: payment: ip:)"])
        #expect(errors(pane.applyFilter("payment:nope")) == ["payment: takes a full payment id (uuid)"])
        #expect(pane.eventFilter == EventFilter(paymentID: Self.p1))       // unchanged by the bad ones
        _ = pane.applyFilter("")
        #expect(pane.eventFilter == EventFilter())
        #expect(pane.filterText == "")
    }

    @Test("the operator-log filter is an operator name")
    func operatorFilter() throws {
        let pane = Self.loadedPane()
        Self.operatorLog(pane)
        let request = try #require(loads(pane.applyFilter(" alice ")).first)
        #expect(request.query.name == "audit.operator_actions")
        #expect(request.query.statements[0].parameters.map(\.pgText) == ["alice", "11"])
        #expect(pane.filterText == "alice")
        _ = pane.handle(.pane("toggle"), visibleRows: 10)
        #expect(pane.filterText == "")
    }

    @Test("moving past the window fetches the next page by keyset")
    func paging() throws {
        let pane = AuditPane()
        pane.receive(events: Fixture.page([Fixture.event(1, payment: Self.p1, secondsAgo: 10), Fixture.event(2, payment: Self.p2, secondsAgo: 20)],
                                          more: true), for: .first)
        #expect(loads(pane.handle(.down, visibleRows: 10)).isEmpty)
        let next = try #require(loads(pane.handle(.down, visibleRows: 10)).first)
        #expect(next.query.name == "audit.events")
        #expect(next.query.statements[0].parameters.map(\.pgText)
            == [Fixture.ago(10).iso8601, Fixture.uuid("e0000000", 1).string, Fixture.ago(10).iso8601, "11"])     // a page is what fits: 10 rows
        // (the cursor's time twice: the row comparison, and a plain bound that lets month partitions be pruned)
    }

    @Test("Ctrl-S streams every event matching the filter, page after page")
    func exportEvents() throws {
        let pane = Self.loadedPane()
        _ = pane.applyFilter("type:payment.failed")
        let export = try #require(pane.export())
        #expect(export.fileStem == "events")
        #expect(export.first.name == "audit.events")
        #expect(export.header == ["id", "created_at", "payment_id", "event_type", "ip_address", "user_agent", "change"])
        #expect(export.first.statements[0].parameters.map(\.pgText) == ["payment.failed", "1001"])
        let rows = (1...1001).map { Self.eventCells($0, secondsAgo: Int64($0)) }
        let chunk = try export.first.decode([syntheticResult(columns: Self.eventColumns, rows: rows)])
        #expect(chunk.rows.count == 1000)
        #expect(chunk.rows[0] == [Fixture.uuid("e0000000", 1).string, Fixture.ago(1).iso8601, Self.p1.string, "payment.failed",
                                  "203.0.113.7", "", "status: pending → failed"])
        let next = try #require(chunk.next)
        #expect(next.statements[0].parameters.map(\.pgText)
            == ["payment.failed", Fixture.ago(1000).iso8601, Fixture.uuid("e0000000", 1000).string, Fixture.ago(1000).iso8601, "1001"])
        let last = try next.decode([syntheticResult(columns: Self.eventColumns, rows: [Self.eventCells(1001, secondsAgo: 1001)])])
        #expect(last.rows.count == 1)
        #expect(last.next == nil)
    }

    @Test("in the operator log, Ctrl-S streams the operator actions")
    func exportActions() throws {
        let pane = Self.loadedPane()
        Self.operatorLog(pane)
        let export = try #require(pane.export())
        #expect(export.fileStem == "operator-actions")
        #expect(export.header == ["id", "at", "operator", "action", "target_type", "target_id", "reason", "idempotency_key",
                                  "amount", "currency", "venue"])
        #expect(export.first.name == "audit.operator_actions")
    }
}
