@testable import PaymentData
import Screens
import Testing

@Suite("Venues pane")
struct VenuesPaneTests {
    static let balanceColumns = ["id", "name", "tier", "currency", "available", "pending", "reserved", "last_payout_at",
                                 "open_count", "open_amount"]

    static func loadedPane() -> VenuesPane {
        let pane = VenuesPane()
        pane.receive(Fixture.page([
            Fixture.venue("Blue Note", openRequests: 2, openAmount: 300_000),
            Fixture.venue("Fabric", n: 2, currency: .eur, lastPayoutSecondsAgo: nil),
            Fixture.venue("東京ドーム", n: 3, currency: Currency("JPY")!, available: -1500, pending: 0, reserved: 0,
                          lastPayoutSecondsAgo: 86_400),
        ]), for: .first)
        return pane
    }

    @Test("load reads the first venues by name; t opens the venue's payments")
    func loadQuery() throws {
        let request = try #require(VenuesPane().load(isRefresh: false))
        #expect(request.query.name == "venues.balances")
        #expect(request.query.statements[0].parameters.map(\.pgText) == ["51"])
        #expect(VenuesPane().bindings == [KeyBinding([.character("t")], .pane("payments"), "venue's payments", inFooter: true),
                                          ActionKeys.requestPayout] + TableSort.bindings)
        #expect(VenuesPane().title == "Venues")
    }

    @Test("the balances query's result reaches the pane through the apply path")
    func applyPath() throws {
        let pane = VenuesPane()
        try apply(try #require(pane.load(isRefresh: false)), [syntheticResult(columns: Self.balanceColumns, rows: [
            [Fixture.uuid("7e000000").string, "Blue Note", "pro", "USD", "500000", "0", "100000", nil, "1", "20000"],
        ]), estimateResult(1)])
        #expect(pane.list.rows.map(\.name) == ["Blue Note"])
        #expect(pane.list.rows.first?.payable == Fixture.usd(400_000))
        #expect(!pane.isEmpty)
    }

    @Test("balances in each venue's own currency; payable; last payout; open requests")
    func screen() {
        let pane = Self.loadedPane()
        let grid = renderPane(pane, width: 100, height: 5)
        expectScreen(grid, [
            "VENUE               AVAILABLE       PENDING     RESERVED       PAYABLE LAST PAYOUT OPEN REQUESTS",
            "Blue Note           $5,000.00       $200.00    $1,000.00     $4,000.00      2h ago 2 · $3,000.00",
            "Fabric              €5,000.00       €200.00    €1,000.00     €4,000.00       never none",
            "東京ドーム            -¥1,500            ¥0           ¥0            ¥0      1d ago none",
            "",
        ])
        #expect(structuralProblems(grid).isEmpty)
        #expect(loads(pane.handle(.bottom, visibleRows: 4)).count == 1)    // G fetches the last page by keyset
        _ = pane.handle(.down, visibleRows: 4)
        _ = pane.handle(.down, visibleRows: 4)
        let moved = renderPane(pane, width: 100, height: 5)
        #expect(role(of: "2 · $3,000.00", in: moved) == .warning)
        #expect(role(of: "€4,000.00", in: moved) == .success)
        #expect(role(of: "never", in: moved) == .dim)
        #expect(role(of: "none", in: moved) == .dim)
    }

    @Test("a negative balance is danger")
    func negative() {
        let pane = Self.loadedPane()
        let grid = renderPane(pane, width: 100, height: 5)
        #expect(role(of: "-¥1,500", in: grid) == .danger)
    }

    @Test("wide enough, the tier and currency columns appear")
    func wide() {
        let grid = renderPane(Self.loadedPane(), width: 130, height: 2)
        #expect(grid.lines[0] == "VENUE                  TIER       CUR     AVAILABLE       PENDING     RESERVED       PAYABLE LAST PAYOUT OPEN REQUESTS")
        #expect(grid.lines[1].hasPrefix("Blue Note              pro        USD     $5,000.00"))
    }

    @Test("loading, empty and filtered-empty messages; sound at tiny sizes")
    func messages() {
        let pane = VenuesPane()
        #expect(renderPane(pane, width: 40, height: 2).lines[1] == "loading…")
        expectRendersAtTinySizes(pane)
        pane.receive(Fixture.page([VenueBalanceRow]()), for: .first)
        #expect(renderPane(pane, width: 40, height: 2).lines[1] == "no venues yet")
        _ = pane.applyFilter("jazz")
        #expect(renderPane(pane, width: 40, height: 2).lines[1] == "no venue name contains jazz")
        expectRendersAtTinySizes(Self.loadedPane())
    }

    @Test("/ filters by a name substring and starts from the top; an empty filter shows all")
    func filter() throws {
        let pane = Self.loadedPane()
        _ = pane.handle(.down, visibleRows: 20)
        let request = try #require(loads(pane.applyFilter(" note ")).first)
        #expect(request.query.statements[0].parameters.map(\.pgText) == ["note", "21"])
        #expect(pane.filterText == "note")
        #expect(pane.nameContains == "note")
        _ = pane.applyFilter("")
        #expect(pane.nameContains == nil)
        #expect(errors(pane.applyFilter(String(repeating: "x", count: 201))) == ["a venue name is at most 200 characters"])
    }

    @Test("Enter opens the payouts; t opens the venue's payments")
    func open() throws {
        let pane = Self.loadedPane()
        _ = pane.handle(.down, visibleRows: 10)
        let payouts = try #require(pushed(pane.handle(.open, visibleRows: 10)) as? PayoutsPane)
        #expect(payouts.venueID == Fixture.uuid("7e000000", 2))
        #expect(payouts.title == "Fabric payouts")
        let payments = try #require(pushed(pane.handle(.pane("payments"), visibleRows: 10)) as? TransactionsPane)
        #expect(payments.filter == TransactionFilter(venueID: Fixture.uuid("7e000000", 2)))
        #expect(payments.title == "Fabric")
        #expect(pane.focusedID == Fixture.uuid("7e000000", 2).string)
        #expect(VenuesPane().handle(.open, visibleRows: 10).isEmpty)
        #expect(VenuesPane().handle(.pane("payments"), visibleRows: 10).isEmpty)
    }

    @Test("↓ at the end of a full window fetches the next venues by name")
    func paging() throws {
        let pane = VenuesPane()
        pane.receive(Fixture.page([Fixture.venue("A"), Fixture.venue("B", n: 2)], more: true), for: .first)
        _ = pane.handle(.down, visibleRows: 10)
        let next = try #require(loads(pane.handle(.down, visibleRows: 10)).first)
        #expect(next.query.name == "venues.balances")
        #expect(next.query.statements[0].parameters.map(\.pgText) == ["A", Fixture.uuid("7e000000").string, "11"])
    }

    @Test("Ctrl-S streams every venue matching the filter, 500 a page")
    func export() throws {
        let pane = Self.loadedPane()
        _ = pane.applyFilter("blue")
        let export = try #require(pane.export())
        #expect(export.fileStem == "venues")
        #expect(export.header == ["id", "name", "tier", "currency", "available", "pending", "reserved", "payable",
                                  "last_payout_at", "open_requests", "open_requested_amount"])
        #expect(export.first.name == "venues.balances")
        #expect(export.first.statements[0].parameters.map(\.pgText) == ["blue", "501"])
        let chunk = try export.first.decode([syntheticResult(columns: Self.balanceColumns, rows: [
            [Fixture.uuid("7e000000").string, "Blue Note", "pro", "USD", "500000", "0", "100000", nil, "1", "20000"],
        ])])
        #expect(chunk.rows == [[Fixture.uuid("7e000000").string, "Blue Note", "pro", "USD", "5000.00", "0.00", "1000.00", "4000.00",
                                "", "1", "200.00"]])
        #expect(chunk.next == nil)
    }
}
