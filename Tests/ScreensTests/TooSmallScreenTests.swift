import Screens
import Testing

@Suite("too-small screen")
struct TooSmallScreenTests {
    let screen = TooSmallScreen(neededWidth: 80, neededHeight: 24)

    @Test("one centred line when it fits")
    func oneLine() {
        let grid = rendered(screen, width: 50, height: 5)
        expectScreen(grid, ["", "", "    terminal too small (need 80×24, have 50×5)", "", ""])
        #expect(grid[4, 2].style.role == .warning)
    }

    @Test("two centred lines on a narrow terminal, truncated when needed")
    func twoLines() {
        expectScreen(rendered(screen, width: 24, height: 4), ["", "   terminal too small", " need 80×24, have 24×4", ""])
        expectScreen(rendered(screen, width: 20, height: 3), [" terminal too small", "need 80×24, have 20…", ""])
    }

    @Test("it clears what was on screen")
    func clears() {
        var canvas = Canvas(width: 30, height: 3)
        canvas.fill(with: "#")
        canvas.render(screen)
        expectScreen(canvas.grid, ["      terminal too small", "    need 80×24, have 30×3", ""])
    }

    @Test("tiny sizes", arguments: [(0, 0, [String]()), (1, 1, ["…"]), (2, 1, ["t…"]), (1, 2, ["…", "…"])])
    func tiny(width: Int, height: Int, expected: [String]) {
        expectScreen(rendered(screen, width: width, height: height), expected)
    }

    @Test("applies only below the needed size")
    func applies() {
        #expect(screen.applies(width: 79, height: 40))
        #expect(screen.applies(width: 100, height: 23))
        #expect(!screen.applies(width: 80, height: 24))
    }
}
