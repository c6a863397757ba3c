@testable import PaymentData
@testable import Screens
import Testing

/// Column sort, content-sized columns, the row counter and mouse hits: the generic parts every pane shares.
@Suite("table sort, content columns, row counter, mouse hits")
struct TableSortTests {
    static func sorted(_ cells: [String], _ sort: TableSort) -> [String] {
        sort.sorted(cells) { [Label($0)] }
    }

    @Test("cells sort by what they say: money, counts, ages, IPv4 by value; text by characters; empty and — last")
    func keys() {
        let up = TableSort(column: 0), down = TableSort(column: 0, descending: true)
        #expect(Self.sorted(["$1,200.00", "$900.00", "-$3.00", "—", "€12.50"], up) == ["-$3.00", "€12.50", "$900.00", "$1,200.00", "—"])
        #expect(Self.sorted(["10", "9", "1,234", ""], down) == ["1,234", "10", "9", ""])
        #expect(Self.sorted(["2d4h", "42s", "5h12m", "3m", "1d4h ago"], up) == ["42s", "3m", "5h12m", "1d4h ago", "2d4h"])
        #expect(Self.sorted(["10.0.0.100", "10.0.0.2", "2001:db8::1", "9.255.0.1"], up) == ["9.255.0.1", "10.0.0.2", "10.0.0.100", "2001:db8::1"])
        #expect(Self.sorted(["beta", "Alpha", "gamma"], up) == ["Alpha", "beta", "gamma"])
        #expect(Self.sorted(["2026-11-20 11:00:00", "2026-11-19 23:00:00"], up) == ["2026-11-19 23:00:00", "2026-11-20 11:00:00"])
        #expect(Self.sorted(["b", "a"], TableSort()) == ["b", "a"], "no column: the list's own order")
        #expect(Self.sorted(["x 1", "x 1", "a"], up) == ["a", "x 1", "x 1"])
    }

    @Test("s cycles the columns then back to the list's order, S and a header click reverse")
    func keysCycle() {
        var sort = TableSort()
        sort.apply(.pane("sort"), columnCount: 2)
        #expect(sort == TableSort(column: 0))
        sort.apply(.pane("sort-reverse"), columnCount: 2)
        #expect(sort == TableSort(column: 0, descending: true))
        sort.apply(.pane("sort"), columnCount: 2)
        #expect(sort == TableSort(column: 1))
        sort.apply(.pane("sort"), columnCount: 2)
        #expect(sort.column == nil)
        sort.apply(.pane("sort-column-1"), columnCount: 2)
        sort.apply(.pane("sort-column-1"), columnCount: 2)
        #expect(sort == TableSort(column: 1, descending: true))
        #expect(TableSort.isSortAction(.pane("sort-column-3")) && !TableSort.isSortAction(.pane("toggle")))
    }

    static let columns = [
        TableView.Column("TIME", width: .fixed(5), priority: 5),
        TableView.Column("EVENT", width: .content(min: 6, max: 30), priority: 7),
        TableView.Column("IP", width: .content(min: 6, max: 39, weight: 0), priority: 3),
        TableView.Column("NOTE", width: .flexible(min: 6, weight: 1), priority: 2),
    ]
    static let rows: [[Label]] = [["12:00", "payment.risk_review", "2001:db8:85a3::7334", "a note"]]

    @Test("a content column takes its longest cell when there is room, shrinks (…) before it is dropped, and lower priorities go first")
    func contentColumns() {
        let table = TableView(columns: Self.columns, rows: Self.rows)
        // Wide: everything whole (spare width shared by weight: EVENT and NOTE).
        var grid = rendered(table, width: 60, height: 2)
        #expect(grid.lines[1] == "12:00 payment.risk_review     2001:db8:85a3::7334 a note")
        // 45 columns: NOTE (priority 2) goes before the IP address is cut; the event name stays whole.
        grid = rendered(table, width: 45, height: 2)
        #expect(grid.lines[1] == "12:00 payment.risk_review 2001:db8:85a3::7334")
        // 35: the IP address (priority 3) is cut with … before it is dropped, and given what room there is.
        grid = rendered(table, width: 35, height: 2)
        #expect(grid.lines[1] == "12:00 payment.risk_review 2001:db8…")
        // 25: the IP address is gone; the event keeps its name.
        grid = rendered(table, width: 25, height: 2)
        #expect(grid.lines[1] == "12:00 payment.risk_review")
        // The sorted column's header carries the arrow.
        var sortedTable = table
        sortedTable.sort = TableSort(column: 1, descending: true)
        #expect(rendered(sortedTable, width: 60, height: 1).lines[0].hasPrefix("TIME  EVENT▼"))
    }

    @Test("the payment's timeline sorts by any column (loaded whole), and describe follows the order on screen")
    func timelineSort() throws {
        let pane = TransactionDetailPane(id: LongValuesScreenTests.payment)
        pane.receive(LongValuesScreenTests.detail())
        #expect(pane.timeline.map(\.source) == [.transaction, .event, .webhook])
        let effects = pane.handle(.pane("sort-column-2"), visibleRows: 10)
        #expect(statuses(effects) == ["sorted by WHAT ▲"])
        #expect(pane.timeline.map(\.kind) == ["payment.created", "payment.risk_review_requested", "payment_intent.payment_failed"])
        _ = pane.handle(.pane("sort-reverse"), visibleRows: 10)
        #expect(pane.timeline.first?.kind == "payment_intent.payment_failed")
        #expect(try #require(pane.describeFocused()).subject.hasSuffix("payment_intent.payment_failed"))
        #expect(renderPane(pane, width: 100, height: 20).lines.contains { $0.contains("WHAT▼") })
    }

    @Test("row counter: exact when loaded whole, ~ against the estimate, + at a read's limit, back from the end after G")
    func counter() throws {
        #expect(RowCount.loaded(index: 40, count: 2_992) == "41 / 2,992")
        #expect(RowCount.loaded(index: 0, count: 200, limit: 200) == "1 / 200+")
        #expect(RowCount.loaded(index: 0, count: 0) == "0 rows")
        var list = KeysetList<Int, Int>(cursor: { $0 }, id: { String($0) })
        list.receive(Fixture.page(Array(1...10), PageRequest<Int>.first, more: true), for: .first)
        #expect(list.counter(estimate: 2_992) == "1 / ~2,992")
        #expect(list.counter(estimate: nil) == "1 / …")
        _ = list.move(.down, pageSize: 10)
        let next = list.move(.pageDown, pageSize: 10)!
        list.receive(Fixture.page(Array(11...20), next, more: true), for: next)
        #expect(list.counter(estimate: 2_992) == "12 / ~2,992", "the window starts after the first ten rows")
        let moved = list.move(.bottom, pageSize: 10)
        let last = try #require(moved)
        list.receive(Fixture.page(Array(2983...2992), last), for: last)
        #expect(list.counter(estimate: 2_992) == "~2,992 / ~2,992", "G: the last row, counted back from the estimate")
        var short = KeysetList<Int, Int>(cursor: { $0 }, id: { String($0) })
        short.receive(Fixture.page([1, 2, 3], PageRequest<Int>.first), for: .first)
        #expect(short.counter(estimate: 9_000) == "1 / 3", "the whole list in view: counted, not estimated")
    }

    @Test("a click selects the row under it by ↑/↓ moves, a second click opens it, a header click sorts, the wheel moves")
    func mouseHits() throws {
        let pane = SuspiciousIPsPane()
        pane.receive((1...8).map { Fixture.suspicious("203.0.113.\($0)", failed: 20 - $0) })
        let model = ConsoleModel(tabs: [Tab("Suspicious IPs") { pane }, Tab("Other") { IPDrilldownPane(network: InetAddress("203.0.113.0/24")!) }],
                                 header: ConnectionHeader(database: "d", user: "u", host: "", server: "15", readonly: true),
                                 routes: Routes(ipPane: { IPDrilldownPane(network: $0) }))
        var grid = Grid(width: 100, height: 20)
        model.render(into: &grid, milliseconds: 0)
        // Screen row 3 is the summary, 4 the header, 5 the first address: row 8 is the fourth.
        _ = model.handle(.mouse(MouseEvent(.press, x: 10, y: 8)), milliseconds: 0)
        #expect(pane.selection.index == 3)
        model.render(into: &grid, milliseconds: 0)
        _ = model.handle(.mouse(MouseEvent(.wheelDown, x: 10, y: 8)), milliseconds: 0)
        #expect(pane.selection.index == 6)
        model.render(into: &grid, milliseconds: 0)
        let failedX = try #require(grid.lines[4].firstRange(of: "EVENTS")).lowerBound.utf16Offset(in: grid.lines[4])
        _ = model.handle(.mouse(MouseEvent(.press, x: failedX, y: 4)), milliseconds: 0)
        #expect(pane.sort == TableSort(column: 2))
        #expect(pane.rows?.first?.failedAttempts == 12, "fewest failures first")
        model.render(into: &grid, milliseconds: 0)
        let selectedRow = 5 + pane.selection.index
        _ = model.handle(.mouse(MouseEvent(.press, x: 10, y: selectedRow)), milliseconds: 0)
        #expect(model.breadcrumbs.count == 2, "a click on the selected row opens it: \(model.breadcrumbs)")
        let tabX = try #require(grid.lines[1].firstRange(of: "Other")).lowerBound.utf16Offset(in: grid.lines[1])
        _ = model.handle(.mouse(MouseEvent(.press, x: tabX, y: 1)), milliseconds: 0)
        #expect(model.activeTab == 1)
    }
}
