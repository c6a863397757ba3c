import PaymentData
import Screens
import Testing

@Suite("table view")
struct TableViewTests {
    static let columns = [
        TableView.Column("Time", width: .fixed(5)),
        TableView.Column("Id", width: .fixed(8), priority: 3),
        TableView.Column("Amount", width: .flexible(min: 7), alignment: .right, priority: 1),
        TableView.Column("Status", width: .fixed(9), priority: 2),
    ]
    static let rows: [[Label]] = [
        ["12:01", "3fa85f64", "$12.50", Label("completed", .success)],
        ["12:02", "9b2c1d07", "$3.00", Label("failed", .failed)],
        ["12:03", "77aa0b12", "$1,250.00", Label("refunded", .refunded)],
        ["12:04", "c0ffee00", "$0.99", Label("pending", .pending)],
    ]

    func table(selected: Int? = 0, offset: Int = 0) -> TableView {
        TableView(columns: Self.columns, rows: Self.rows, selected: selected, offset: offset)
    }

    @Test("header, rows, right-aligned amounts, spare width to the flexible column")
    func normal() {
        let grid = rendered(table(), width: 40, height: 6)
        expectScreen(grid, [
            "Time  Id                Amount Status",
            "12:01 3fa85f64          $12.50 completed",
            "12:02 9b2c1d07           $3.00 failed",
            "12:03 77aa0b12       $1,250.00 refunded",
            "12:04 c0ffee00           $0.99 pending",
            "",
        ])
        #expect(table().columnFrames(width: 40).map { [$0.column, $0.x, $0.width] } == [[0, 0, 5], [1, 6, 8], [2, 15, 15], [3, 31, 9]])
    }

    @Test("meanings become roles; the selected row is highlighted across the full width")
    func styles() {
        let grid = rendered(table(selected: 1), width: 40, height: 4)
        let roles = grid.mask { cell in
            switch cell.style.role {
            case .header: "h"
            case .selection: "#"
            case .success: "s"
            case .refunded: "r"
            default: "."
            }
        }
        #expect(roles == [
            String(repeating: "h", count: 40),
            String(repeating: ".", count: 31) + "sssssssss",
            String(repeating: "#", count: 40),
            String(repeating: ".", count: 31) + "rrrrrrrrr",
        ])
        #expect(grid[31, 2].style == Style(.selection, bold: true))
        #expect(grid[0, 2].style == Style(.selection))
        #expect(grid[0, 0].style.bold)
    }

    @Test("scrolling keeps the selected row visible", arguments: [
        (0, 0, 0), (2, 0, 0), (3, 0, 1), (3, 1, 1), (0, 2, 0), (1, 3, 1), (nil, 9, 1),
    ] as [(Int?, Int, Int)])
    func scrolling(selected: Int?, offset: Int, expectedOffset: Int) {
        #expect(table(selected: selected, offset: offset).scrollOffset(visibleRows: 3) == expectedOffset)
    }

    @Test("the selection at the bottom scrolls the view")
    func scrolledView() {
        expectScreen(rendered(table(selected: 3), width: 40, height: 3), [
            "Time  Id                Amount Status",
            "12:03 77aa0b12       $1,250.00 refunded",
            "12:04 c0ffee00           $0.99 pending",
        ])
    }

    @Test("narrow: flexible columns shrink, then the lowest priorities drop, then text is cut")
    func narrow() {
        expectScreen(rendered(table(selected: nil), width: 32, height: 2), [
            "Time  Id        Amount Status",
            "12:01 3fa85f64  $12.50 completed",
        ])
        expectScreen(rendered(table(selected: nil), width: 30, height: 2), [
            "Id            Amount Status",
            "3fa85f64      $12.50 completed",
        ])
        expectScreen(rendered(table(selected: nil), width: 20, height: 3), [
            "Id       Status",
            "3fa85f64 completed",
            "9b2c1d07 failed",
        ])
        expectScreen(rendered(table(selected: nil), width: 5, height: 2), ["Id", "3fa8…"])
    }

    @Test("cells are sanitised and truncated; missing cells are blank")
    func hostileCells() {
        let table = TableView(columns: [TableView.Column("Agent", width: .fixed(12)), TableView.Column("IP", width: .fixed(4))],
                              rows: [[Label("\u{1b}[2J" + String(repeating: "A", count: 100_000)), "1.2.3.4"], ["漢字漢字漢字漢字"]])
        expectScreen(rendered(table, width: 20, height: 3), [
            "Agent        IP",
            "␛[2JAAAAAAA… 1.2…",
            "漢字漢字漢… ",
        ])
    }

    @Test("an empty table shows its empty message under the header")
    func empty() {
        let table = TableView(columns: Self.columns, rows: [], emptyMessage: "no transactions match")
        expectScreen(rendered(table, width: 40, height: 3), [
            "Time  Id                Amount Status",
            "no transactions match",
            "",
        ])
        #expect(rendered(table, width: 40, height: 3)[0, 1].style.role == .dim)
    }

    @Test("without a header every row is data")
    func noHeader() {
        var table = table(selected: nil)
        table.showsHeader = false
        expectScreen(rendered(table, width: 40, height: 2), [
            "12:01 3fa85f64          $12.50 completed",
            "12:02 9b2c1d07           $3.00 failed",
        ])
    }

    @Test("weights share spare width; rounding leftovers go to the largest remainder")
    func weights() {
        let table = TableView(columns: [
            TableView.Column("A", width: .flexible(min: 1, weight: 1)),
            TableView.Column("B", width: .flexible(min: 1, weight: 2)),
            TableView.Column("C", width: .fixed(3)),
        ], rows: [])
        #expect(table.columnFrames(width: 17).map(\.width) == [4, 8, 3])
        #expect(table.columnFrames(width: 8).map(\.width) == [1, 2, 3])
        #expect(table.columnFrames(width: 9).map(\.width) == [2, 2, 3])
        #expect(table.columnFrames(width: 0).isEmpty)
    }

    @Test("tiny sizes", arguments: [(0, 0, [String]()), (1, 1, ["…"]), (2, 2, ["Id", "3…"]), (10, 1, ["Id"])])
    func tiny(width: Int, height: Int, expected: [String]) {
        expectScreen(rendered(table(), width: width, height: height), expected)
    }
}
