import PaymentData
import Screens
import Testing

/// Every widget, with hostile and wide content, at every small size.
@Suite("every widget at every small size")
struct WidgetSizesTests {
    static let hostile = "漢🙂\u{1b}[2J\u{202E}x\u{7}e\u{301}"

    static let widgets: [(String, any Widget & Sendable)] = [
        ("table", TableView(columns: [TableView.Column(hostile, width: .fixed(3)), TableView.Column("B", alignment: .right)],
                            rows: [[Label(hostile, .failed), "漢字"], ["a"], []], selected: 2, emptyMessage: hostile)),
        ("empty table", TableView(columns: [TableView.Column("A")], rows: [], emptyMessage: hostile)),
        ("status", StatusLine(left: hostile, right: hostile)),
        ("error status", StatusLine.error(hostile, right: "漢")),
        ("footer", Footer([KeyHint("漢", hostile), KeyHint("q", "Quit")])),
        ("breadcrumbs", Breadcrumbs([hostile, "漢字", hostile])),
        ("box", Box(title: hostile, trailing: hostile)),
        ("sparkline", Sparkline([0, 5, -1, Int.max, 3])),
        ("too small", TooSmallScreen(neededWidth: 80, neededHeight: 24)),
        ("dialog", Dialog(title: hostile, message: [hostile, "漢字漢字漢字"], buttons: ["漢", hostile], focused: 1, isDangerous: true)),
    ]

    @Test("renders at 0×0 through 7×5 into a region without touching anything outside it")
    func allSizes() {
        for (name, widget) in Self.widgets {
            for width in 0...7 {
                for height in 0...5 {
                    var grid = Grid(width: width + 4, height: height + 2, fill: Cell("x"))
                    let region = Rect(x: 2, y: 1, width: width, height: height)
                    grid.render(widget, in: region)
                    let problems = structuralProblems(grid)
                    #expect(problems.isEmpty, "\(name) at \(width)×\(height): \(problems)")
                    for y in 0..<grid.height {
                        for x in 0..<grid.width where !region.contains(x: x, y: y) {
                            #expect(grid[x, y] == Cell("x"), "\(name) at \(width)×\(height) drew outside its region at (\(x), \(y))")
                        }
                    }
                }
            }
        }
    }

    @Test("renders at 0×0 and 1×1 on a bare canvas")
    func zeroAndOne() {
        for (name, widget) in Self.widgets {
            var empty = Canvas(width: 0, height: 0)
            empty.render(widget)
            #expect(empty.grid.lines == [], "\(name)")
            var one = Canvas(width: 1, height: 1)
            one.render(widget)
            #expect(one.grid.lines.count == 1, "\(name)")
            #expect(DisplayWidth.of(one.grid.lines[0]) <= 1, "\(name)")
        }
    }
}
