import Screens
import Testing

@Suite("box")
struct BoxTests {
    @Test("a box with a title and a trailing note")
    func titled() {
        let grid = rendered(Box(title: "Transactions", trailing: "12/340"), width: 30, height: 4)
        expectScreen(grid, [
            "┌─ Transactions ──── 12/340 ─┐",
            "│                            │",
            "│                            │",
            "└────────────────────────────┘",
        ])
        #expect(grid[3, 0].style == Style(.title, bold: true))
        #expect(grid[1, 0].style == Style(.border))
    }

    @Test("a narrow box truncates the title and drops the note")
    func narrow() {
        expectScreen(rendered(Box(title: "Transactions", trailing: "12/340"), width: 10, height: 3), [
            "┌─ Tran… ┐",
            "│        │",
            "└────────┘",
        ])
    }

    @Test("a title with an escape sequence is drawn harmlessly")
    func hostileTitle() {
        expectScreen(rendered(Box(title: "\u{1b}[2J"), width: 12, height: 2), [
            "┌─ ␛[2J ───┐",
            "└──────────┘",
        ])
    }

    @Test("tiny boxes: nothing below 2×2, bare corners at 2×2", arguments: [(0, 0), (1, 1), (1, 5), (5, 1)])
    func tooSmall(width: Int, height: Int) {
        let grid = rendered(Box(title: "T"), width: width, height: height)
        #expect(grid.lines.allSatisfy { $0.isEmpty })
        #expect(grid.lines.count == height)
    }

    @Test("a 2×2 box is four corners")
    func twoByTwo() {
        expectScreen(rendered(Box(title: "Title"), width: 2, height: 2), ["┌┐", "└┘"])
    }

    @Test("boxed draws content inside the border only")
    func boxed() {
        var canvas = Canvas(width: 8, height: 3)
        canvas.boxed(Box()) { inside in
            inside.put("overflowing", x: 0, y: 0)
        }
        expectScreen(canvas.grid, ["┌──────┐", "│overfl│", "└──────┘"])
    }
}
