@testable import PaymentData
import Screens
import Testing

@Suite("Payouts pane")
struct PayoutsPaneTests {
    static let venue = Fixture.uuid("7e000000")

    static func loadedPane() -> PayoutsPane {
        let pane = PayoutsPane(venue: venue, name: "Blue Note")
        pane.receive([
            Fixture.payout(1, status: "requested", decidedBy: nil),
            Fixture.payout(2, fee: 2500, instant: true, reason: "weekly"),
            Fixture.payout(3, amount: 90_000, status: "rejected", reason: "below minimum payout"),
        ])
        return pane
    }

    @Test("load reads the venue's payouts, newest first")
    func loadQuery() throws {
        let request = try #require(PayoutsPane(venue: Self.venue).load(isRefresh: true))
        #expect(request.query.name == "venues.payouts")
        #expect(request.query.statements[0].parameters.map(\.pgText) == [Self.venue.string, "200"])
        #expect(request.isRefresh)
        #expect(PayoutsPane(venue: Self.venue).title == "7e000000 payouts")
    }

    @Test("the payouts query's result reaches the pane through the apply path")
    func applyPath() throws {
        let pane = PayoutsPane(venue: Self.venue)
        try apply(try #require(pane.load(isRefresh: false)), [syntheticResult(
            columns: ["id", "venue_id", "amount", "fee", "currency", "instant", "status", "requested_by", "requested_at", "decided_by",
                      "decided_at", "decision_reason"],
            rows: [[Fixture.uuid("9a000000").string, Self.venue.string, "1000000", "10000", "EUR", "t", "approved", "fin_bob",
                    Fixture.ago(60).iso8601, "fin_carol", Fixture.now.iso8601, nil]])])
        #expect(pane.payouts?.first?.amount == Fixture.eur(1_000_000))
        #expect(pane.payouts?.first?.instant == true)
        #expect(!pane.isEmpty)
    }

    @Test("amount, fee, instant, status, who requested and who decided, and why")
    func screen() {
        let pane = Self.loadedPane()
        let grid = renderPane(pane, width: 100, height: 6)
        expectScreen(grid, [
            " payouts of Blue Note · 3 · 1 open: $2,500.00",
            "REQUESTED                  AMOUNT       FEE INSTANT STATUS    BY          DECIDED BY   REASON",
            "2026-11-19 12:00:00     $2,500.00     $0.00         requested fin_bob     —",
            "2026-11-18 12:00:00     $2,500.00    $25.00 instant paid      fin_bob     fin_carol    weekly",
            "2026-11-17 12:00:00       $900.00     $0.00         rejected  fin_bob     fin_carol    below minimu…",
            "",
        ])
        #expect(role(of: "paid", in: grid) == .success)
        #expect(role(of: "rejected", in: grid) == .warning)
        #expect(grid[0, 2].style.role == .selection)
        let wide = renderPane(pane, width: 130, height: 4)
        #expect(wide.lines[1].contains("DECIDED BY"))
        #expect(wide.lines[3].contains("fin_carol       2026-11-18 13:00:00 weekly"))
    }

    @Test("loading and empty messages; sound at tiny sizes")
    func messages() {
        let pane = PayoutsPane(venue: Self.venue, name: "Blue Note")
        #expect(renderPane(pane, width: 40, height: 3).lines[2] == "loading…")
        expectRendersAtTinySizes(pane)
        pane.receive([])
        let grid = renderPane(pane, width: 40, height: 3)
        #expect(grid.lines[0] == " payouts of Blue Note · 0")
        #expect(grid.lines[2] == "this venue has no payouts yet")
        expectRendersAtTinySizes(Self.loadedPane())
    }

    @Test("open requests are summed per currency, never across currencies")
    func openSummary() {
        let rows = [Fixture.payout(1, amount: 10_000, status: "requested", decidedBy: nil),
                    Fixture.payout(2, amount: 20_000, status: "requested", decidedBy: nil, currency: .eur),
                    Fixture.payout(3, amount: 5_000, status: "requested", decidedBy: nil),
                    Fixture.payout(4, amount: 99_999, status: "paid")]
        #expect(PayoutsPane.openSummary(rows) == "3 open: $150.00 + €200.00")
        #expect(PayoutsPane.openSummary([Fixture.payout(1)]) == nil)
    }

    @Test("↑/↓ move the selection; focusedID is the payout id")
    func navigation() throws {
        let pane = Self.loadedPane()
        #expect(pane.focusedID == Fixture.uuid("9a000000", 1).string)
        _ = pane.handle(.down, visibleRows: 10)
        _ = pane.handle(.down, visibleRows: 10)
        _ = pane.handle(.down, visibleRows: 10)
        #expect(pane.focusedID == Fixture.uuid("9a000000", 3).string)
        _ = pane.handle(.top, visibleRows: 10)
        #expect(pane.selectedPayout?.status == "requested")
        let detail = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? PayoutDetailPane, "Enter opens the payout")
        #expect(detail.id == Fixture.uuid("9a000000", 1))
    }

    @Test("Ctrl-S exports the history")
    func export() throws {
        let export = try #require(Self.loadedPane().export())
        #expect(export.fileStem == "payouts-7e000000")
        #expect(export.header == ["id", "requested_at", "amount", "fee", "currency", "instant", "status", "requested_by",
                                  "decided_by", "decided_at", "decision_reason"])
        #expect(export.first.name == "venues.payouts")
    }
}
