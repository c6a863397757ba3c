import Screens
import Testing

@Suite("dialog")
struct DialogTests {
    let confirm = Dialog(title: "Refund", message: ["Refund $12.50 to user 42?"], buttons: ["Cancel", "Refund"],
                         focused: 0, isDangerous: true)

    @Test("a centred box with the message and buttons, focus highlighted")
    func normal() {
        let grid = rendered(confirm, width: 40, height: 9)
        expectScreen(grid, [
            "",
            "",
            "     ┌─ Refund ──────────────────┐",
            "     │ Refund $12.50 to user 42? │",
            "     │                           │",
            "     │  [ Cancel ]  [ Refund ]   │",
            "     └───────────────────────────┘",
            "",
            "",
        ])
        #expect(grid.mask { $0.style.role == .selection ? "#" : "." }[5] == "........##########......................")
        #expect(grid[5, 2].style.role == .danger)
        #expect(confirm.frame(in: Rect(width: 40, height: 9)) == Rect(x: 5, y: 2, width: 29, height: 5))
    }

    @Test("it covers what is underneath")
    func covers() {
        var canvas = Canvas(width: 14, height: 5)
        canvas.fill(with: "x")
        canvas.render(Dialog(title: "", message: ["hi"], buttons: ["OK"], focused: 0))
        expectScreen(canvas.grid, [
            "xx┌────────┐xx",
            "xx│ hi     │xx",
            "xx│        │xx",
            "xx│ [ OK ] │xx",
            "xx└────────┘xx",
        ])
    }

    @Test("long messages wrap to the canvas")
    func wraps() {
        let dialog = Dialog(title: "Error", message: ["the database refused the refund because the amount is too large"],
                            buttons: ["OK"], focused: 0)
        expectScreen(rendered(dialog, width: 24, height: 10), [
            "",
            "┌─ Error ──────────────┐",
            "│ the database refused │",
            "│ the refund because   │",
            "│ the amount is too    │",
            "│ large                │",
            "│                      │",
            "│        [ OK ]        │",
            "└──────────────────────┘",
            "",
        ])
    }

    @Test("no buttons means no button row")
    func noButtons() {
        expectScreen(rendered(Dialog(title: "Wait", message: ["loading"], buttons: []), width: 13, height: 3), [
            " ┌─ Wait ──┐",
            " │ loading │",
            " └─────────┘",
        ])
    }

    @Test("tiny sizes never crash and stay inside the canvas", arguments: [(0, 0), (1, 1), (2, 2), (3, 1), (5, 3), (8, 4)])
    func tiny(width: Int, height: Int) {
        let grid = rendered(confirm, width: width, height: height)
        #expect(grid.lines.count == height)
        #expect(grid.lines.allSatisfy { DisplayWidth.of($0) <= width })
        #expect(structuralProblems(grid).isEmpty)
    }

    @Test("the exact tiny screens", arguments: [(0, 0, [String]()), (1, 1, [""]), (2, 2, ["┌┐", "└┘"])])
    func tinyExact(width: Int, height: Int, expected: [String]) {
        expectScreen(rendered(confirm, width: width, height: height), expected)
    }
}
