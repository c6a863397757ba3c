import Screens
import Testing

@Suite("status line")
struct StatusLineTests {
    @Test("left message and right context")
    func normal() {
        let grid = rendered(StatusLine(left: "loaded 50 transactions", right: "[RW] 12:03"), width: 40, height: 1)
        expectScreen(grid, ["loaded 50 transactions        [RW] 12:03"])
        #expect(grid.mask { $0.style == Style(.status) ? "s" : "?" } == [String(repeating: "s", count: 40)])
    }

    @Test("the left text wins; the right text is truncated into what remains")
    func crowded() {
        expectScreen(rendered(StatusLine(left: "loaded 50 transactions", right: "[RW] 12:03"), width: 30, height: 1),
                     ["loaded 50 transactions [RW] 1…"])
        expectScreen(rendered(StatusLine(left: "loaded 50 transactions", right: "[RW] 12:03"), width: 23, height: 1),
                     ["loaded 50 transactions"])
        expectScreen(rendered(StatusLine(left: "", right: "[RW] 12:03"), width: 12, height: 1),
                     ["  [RW] 12:03"])
    }

    @Test("an error uses the error role across the whole row and is never hidden")
    func error() {
        let grid = rendered(StatusLine.error("refund failed: amount exceeds refundable", right: "[RW]"), width: 20, height: 2)
        expectScreen(grid, ["refund failed: amou…", ""])
        #expect(grid.mask { $0.style.role == .statusError ? "e" : "." } == ["eeeeeeeeeeeeeeeeeeee", "...................."])
        #expect(grid[0, 0].style.bold)
    }

    @Test("control characters in a database error are shown, not sent")
    func hostileMessage() {
        expectScreen(rendered(StatusLine.error("ERROR:\u{1b}]52;c;aGk=\u{7}"), width: 24, height: 1),
                     ["ERROR:␛]52;c;aGk=␇"])
    }

    @Test("tiny sizes", arguments: [(0, 0, [String]()), (1, 1, ["…"]), (3, 1, ["lo…"]), (5, 0, [])])
    func tiny(width: Int, height: Int, expected: [String]) {
        expectScreen(rendered(StatusLine(left: "loaded", right: "x"), width: width, height: height), expected)
    }
}
