@testable import PaymentData
import Screens
import Testing

@Suite("Suspicious IPs pane")
struct SuspiciousIPsPaneTests {
    static func loadedPane() -> SuspiciousIPsPane {
        let pane = SuspiciousIPsPane()
        pane.receive([
            Fixture.suspicious("203.0.113.7", failed: 42, users: 9, cards: 30, score: 0.91),
            Fixture.suspicious("198.51.100.23", failed: 12, score: 0.4, secondsAgo: 600, blocked: true),
            Fixture.suspicious("2001:db8::1", failed: 1024, users: 3, cards: 2, secondsAgo: 3600),
        ])
        return pane
    }

    static func parameters(_ request: DataRequest?) -> [String?] {
        request?.query.statements[0].parameters.map(\.pgText) ?? []
    }

    @Test("load lists the last hour, more than 10 failures, as of the server's now, at most 200")
    func loadQuery() throws {
        let request = try #require(SuspiciousIPsPane().load(isRefresh: true))
        #expect(request.query.name == "suspicious.list")
        // The fifth: how far back a payment's change makes its attempts read raw (rollups; README, Rollups).
        #expect(Self.parameters(request) == [nil, "3600", "10", "200", "300"])
        #expect(request.isRefresh)
    }

    @Test("the list query's result reaches the pane through the apply path")
    func applyPath() throws {
        let pane = SuspiciousIPsPane()
        try apply(try #require(pane.load(isRefresh: false)), [syntheticResult(
            columns: ["ip_address", "failed", "users", "cards", "score", "last_seen", "blocked", "payments"],
            rows: [["203.0.113.7", "11", "2", "3", "0.85", Fixture.ago(5).iso8601, "f", "4"],
                   ["198.51.100.1", "12", "1", "1", nil, Fixture.ago(5).iso8601, "t", nil]])])
        #expect(pane.rows?.map(\.failedPayments) == [4, nil])
        #expect(pane.rows?.map(\.address.text) == ["203.0.113.7", "198.51.100.1"])
        #expect(pane.rows?.map(\.blocked) == [false, true])
        #expect(pane.rows?[0].meanFraudScore == 0.85)
    }

    @Test("window in the title and above the table; failed payments and failed events apart; danger for high scores")
    func screen() {
        let pane = Self.loadedPane()
        #expect(pane.title == "Suspicious IPs · 1h")
        let grid = renderPane(pane, width: 70, height: 6)
        expectScreen(grid, [
            " failed in the last 1h · more than 10 failed events · 3 addresses",
            "IP              PAYMENTS  EVENTS  USERS  CARDS SCORE LAST SEEN BLOCKED",
            "203.0.113.7           10      42      9     30  0.91       30s",
            "198.51.100.23          3      12      1      1  0.40       10m blocked",
            "2001:db8::1          256   1,024      3      2     —        1h",
            "",
        ])
        _ = pane.handle(.bottom, visibleRows: 5)
        let moved = renderPane(pane, width: 70, height: 6)
        #expect(role(of: "203.0.113.7", in: moved) == .danger)
        #expect(role(of: "0.91", in: moved) == .danger)
        #expect(role(of: "198.51.100.23", in: moved) == .dim)
        #expect(role(of: "blocked", in: moved) == .dim)
        #expect(role(of: "2001:db8::1", in: moved) == .selection)
    }

    @Test("loading, then a clear empty message; sound at tiny sizes")
    func emptyAndTiny() {
        let pane = SuspiciousIPsPane()
        expectScreen(renderPane(pane, width: 60, height: 3), [
            " failed in the last 1h · more than 10 failed events",
            "IP               PAYMENTS  EVENTS SCORE LAST SEEN BLOCKED",     // USERS and CARDS go first when narrow
            "loading…",
        ])
        expectRendersAtTinySizes(pane)
        pane.receive([])
        #expect(renderPane(pane, width: 80, height: 3).lines[2] == "no address has more than 10 failed events in the last 1h")
        expectRendersAtTinySizes(Self.loadedPane())
    }

    @Test("a platform whose failed attempts name no payment: PAYMENTS shows — and the line above says why")
    func noPaymentLink() {
        let pane = SuspiciousIPsPane()
        var row = Fixture.suspicious("203.0.113.7", failed: 42)
        row.failedPayments = nil
        pane.receive([row])
        expectScreen(renderPane(pane, width: 120, height: 3), [
            " failed in the last 1h · more than 10 failed events · 1 address · PAYMENTS —: attempts here name no payment",
            "IP                           PAYMENTS  EVENTS  USERS  CARDS SCORE LAST SEEN BLOCKED",
            "203.0.113.7                         —      42      1      1     —       30s",
        ])
    }

    @Test("Enter opens the drill-down over the list's window")
    func drilldownKeepsWindow() throws {
        let pane = Self.loadedPane()
        _ = pane.handle(.pane("window"), visibleRows: 10)
        let drill = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? IPDrilldownPane)
        #expect(drill.windowSeconds == 21_600)
        #expect(drill.title == "203.0.113.7 · 6h")
    }

    @Test("w cycles the window 1h → 6h → 24h → 1h and reloads")
    func window() {
        let pane = SuspiciousIPsPane()
        for (seconds, name) in [(21_600, "6h"), (86_400, "24h"), (3600, "1h")] {
            let effects = pane.handle(.pane("window"), visibleRows: 10)
            #expect(pane.windowSeconds == seconds)
            #expect(statuses(effects) == ["window \(name)"])
            #expect(Self.parameters(loads(effects).first) == [nil, String(seconds), "10", "200", "300"])
        }
    }

    @Test("[ and ] move the threshold, never below 1")
    func threshold() {
        let pane = SuspiciousIPsPane(threshold: 2)
        var effects = pane.handle(.pane("raise"), visibleRows: 10)
        #expect(pane.threshold == 3)
        #expect(Self.parameters(loads(effects).first) == [nil, "3600", "3", "200", "300"])
        _ = pane.handle(.pane("lower"), visibleRows: 10)
        effects = pane.handle(.pane("lower"), visibleRows: 10)
        #expect(pane.threshold == 1)
        #expect(statuses(effects) == ["more than 1 failed attempts"])
        effects = pane.handle(.pane("lower"), visibleRows: 10)
        #expect(pane.threshold == 1)
        #expect(loads(effects).isEmpty)
        #expect(SuspiciousIPsPane(threshold: 0).threshold == 1)
        #expect(pane.bindings.map(\.keyLabel) == ["w", "[", "]", "b", "u", "s", "S"])
        #expect(pane.bindings.map(\.action) == [.pane("window"), .pane("lower"), .pane("raise"), .pane("block"), .pane("unblock"),
                                                .pane("sort"), .pane("sort-reverse")])
    }

    @Test("Enter opens the drill-down for the selected address")
    func open() throws {
        let pane = Self.loadedPane()
        _ = pane.handle(.down, visibleRows: 10)
        let drill = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? IPDrilldownPane)
        #expect(drill.network == InetAddress("198.51.100.23"))
        #expect(pane.focusedID == "198.51.100.23")
        #expect(SuspiciousIPsPane().handle(.open, visibleRows: 10).isEmpty)
    }

    @Test("a refresh keeps the selection on the same address")
    func refreshKeepsSelection() {
        let pane = Self.loadedPane()
        _ = pane.handle(.down, visibleRows: 10)
        pane.receive([Fixture.suspicious("192.0.2.1", failed: 99), Fixture.suspicious("198.51.100.23", failed: 13)])
        #expect(pane.focusedID == "198.51.100.23")
        pane.receive([Fixture.suspicious("192.0.2.1", failed: 99)])
        #expect(pane.focusedID == "192.0.2.1")
    }

    @Test("/ with an address or network opens its drill-down; anything else is an error")
    func filter() throws {
        let pane = Self.loadedPane()
        var drill = try #require(pushed(pane.applyFilter("203.0.113.0/24")) as? IPDrilldownPane)
        #expect(drill.network.text == "203.0.113.0/24")
        drill = try #require(pushed(pane.applyFilter(" 2001:db8::/32 ")) as? IPDrilldownPane)
        #expect(drill.network.text == "2001:db8::/32")
        #expect(errors(pane.applyFilter("203.0.113.0/33")) == ["/33: the prefix length must be 0–32"])
        #expect(errors(pane.applyFilter("evil.example")).count == 1)
        #expect(pane.applyFilter("").isEmpty)
        #expect(pane.filterText == "")
    }

    @Test("scores print with two decimals, no score as a dash")
    func scores() {
        #expect(SuspiciousIPsPane.score(0.8) == "0.80")
        #expect(SuspiciousIPsPane.score(0.05) == "0.05")
        #expect(SuspiciousIPsPane.score(1) == "1.00")
        #expect(SuspiciousIPsPane.score(nil) == "—")
        #expect(SuspiciousIPsPane.score(.nan) == "—")
    }
}
