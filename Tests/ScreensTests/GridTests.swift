import Screens
import Testing

@Suite("grid drawing")
struct GridTests {
    @Test("put draws text at a position and returns the column after it")
    func putDrawsText() {
        var grid = Grid(width: 10, height: 2)
        let end = grid.put("hello", x: 2, y: 1)
        #expect(end == 7)
        expectScreen(grid, ["", "  hello"])
        #expect(grid[2, 1].character == "h")
        #expect(grid[2, 1].style == .normal)
    }

    @Test("put clips at the right edge, at maxWidth and outside the rows")
    func putClips() {
        var grid = Grid(width: 6, height: 2)
        #expect(grid.put("abcdefghij", x: 3, y: 0) == 6)
        #expect(grid.put("abcdefghij", x: 0, y: 1, maxWidth: 2) == 2)
        grid.put("zzz", x: 0, y: 2)
        grid.put("zzz", x: 0, y: -1)
        grid.put("zzz", x: 7, y: 0)
        expectScreen(grid, ["   abc", "ab"])
    }

    @Test("put starting left of the grid shows only the visible part")
    func putFromTheLeft() {
        var grid = Grid(width: 5, height: 1)
        grid.put("abcdef", x: -2, y: 0)
        expectScreen(grid, ["cdef"])
    }

    @Test("put with zero or negative maxWidth draws nothing")
    func putZeroWidth() {
        var grid = Grid(width: 5, height: 1)
        #expect(grid.put("abc", x: 1, y: 0, maxWidth: 0) == 1)
        #expect(grid.put("abc", x: 1, y: 0, maxWidth: -3) == 1)
        expectScreen(grid, [""])
    }

    @Test("put sanitises: an escape sequence never lands in a cell raw")
    func putSanitises() {
        var grid = Grid(width: 12, height: 1)
        grid.put("a\u{1b}[2Jb\u{7}", x: 0, y: 0)
        expectScreen(grid, ["a␛[2Jb␇"])
        #expect(structuralProblems(grid).isEmpty)
    }

    @Test("CJK and emoji take two cells; the right one is a continuation")
    func wideCharactersTakeTwoCells() {
        var grid = Grid(width: 8, height: 1)
        let end = grid.put("漢🙂a", x: 0, y: 0)
        #expect(end == 5)
        #expect(grid[0, 0].character == "漢")
        #expect(grid[1, 0].isContinuation)
        #expect(grid[2, 0].character == "🙂")
        #expect(grid[3, 0].isContinuation)
        #expect(grid[4, 0].character == "a")
        expectScreen(grid, ["漢🙂a"])
        #expect(structuralProblems(grid).isEmpty)
    }

    @Test("a wide character at the last column becomes a space")
    func wideCharacterAtTheEdge() {
        var grid = Grid(width: 5, height: 1)
        grid.fill(grid.bounds, with: "x")
        let end = grid.put("ab漢字", x: 2, y: 0)
        #expect(end == 5)
        #expect(grid[4, 0].character == " ")
        #expect(!grid[4, 0].isContinuation)
        expectScreen(grid, ["xxab"])
        #expect(structuralProblems(grid).isEmpty)
    }

    @Test("a wide character straddling maxWidth becomes a space, keeping the style")
    func wideCharacterAtMaxWidth() {
        var grid = Grid(width: 10, height: 1)
        grid.fill(grid.bounds, with: "x")
        grid.put("漢字", x: 0, y: 0, style: Style(.title), maxWidth: 3)
        expectScreen(grid, ["漢 xxxxxxx"])
        #expect(grid[2, 0].style == Style(.title))
    }

    @Test("overwriting the left half of a wide character clears its right half")
    func overwriteLeftHalf() {
        var grid = Grid(width: 6, height: 1)
        grid.put("漢字", x: 0, y: 0)
        grid.put("a", x: 2, y: 0)
        expectScreen(grid, ["漢a"])
        #expect(!grid[3, 0].isContinuation)
        #expect(grid[3, 0].character == " ")
        #expect(structuralProblems(grid).isEmpty)
    }

    @Test("overwriting the right half of a wide character clears its left half")
    func overwriteRightHalf() {
        var grid = Grid(width: 6, height: 1)
        grid.put("漢字", x: 0, y: 0)
        grid.put("b", x: 1, y: 0)
        expectScreen(grid, [" b字"])
        #expect(structuralProblems(grid).isEmpty)
    }

    @Test("a wide character over two others clears both of their outer halves")
    func wideOverWide() {
        var grid = Grid(width: 6, height: 1)
        grid.put("漢字", x: 0, y: 0)
        grid.put("🙂", x: 1, y: 0)
        expectScreen(grid, [" 🙂"])
        #expect(grid[3, 0].character == " ")
        #expect(!grid[3, 0].isContinuation)
        #expect(structuralProblems(grid).isEmpty)
    }

    @Test("fill covers a rectangle, clipped to the grid; a wide fill leaves a space in an odd column")
    func fill() {
        var grid = Grid(width: 6, height: 3)
        grid.fill(Rect(x: 4, y: 1, width: 10, height: 10), with: "#")
        grid.fill(Rect(x: 0, y: 0, width: 5, height: 1), with: "漢")
        expectScreen(grid, ["漢漢", "    ##", "    ##"])
        #expect(grid[4, 0].character == " ")
        #expect(structuralProblems(grid).isEmpty)
    }

    @Test("fill with a control character fills with its visible replacement")
    func fillWithControl() {
        var grid = Grid(width: 3, height: 1)
        grid.fill(grid.bounds, with: "\u{1b}")
        expectScreen(grid, ["␛␛␛"])
    }

    @Test("restyle changes styles, keeps characters, and keeps wide halves together")
    func restyle() {
        var grid = Grid(width: 6, height: 1)
        grid.put("a漢b", x: 0, y: 0)
        grid.restyle(Rect(x: 2, y: 0, width: 1, height: 1)) { $0.role = .selection }
        expectScreen(grid, ["a漢b"])
        #expect(grid.mask { $0.style.role == .selection ? "#" : "." } == [".##..."])
        #expect(structuralProblems(grid).isEmpty)
    }

    @Test("clear blanks everything and hides the cursor")
    func clear() {
        var grid = Grid(width: 3, height: 1)
        grid.put("abc", x: 0, y: 0)
        grid.cursor = Point(x: 1, y: 0)
        grid.clear()
        expectScreen(grid, [""])
        #expect(grid.cursor == nil)
    }

    @Test("reading outside the grid gives blank cells; a 0×0 grid accepts every call")
    func outOfBounds() {
        var grid = Grid(width: 0, height: 0)
        grid.put("abc", x: 0, y: 0)
        grid.fill(Rect(x: -5, y: -5, width: 50, height: 50), with: "x")
        grid.restyle(Rect(x: 0, y: 0, width: 5, height: 5)) { $0.bold = true }
        #expect(grid[0, 0] == .blank)
        #expect(grid[-1, 3] == .blank)
        #expect(grid.lines.isEmpty)
        #expect(Grid(width: -3, height: 2).width == 0)
    }

    @Test("random drawing always leaves a sound grid (wide halves paired, nothing unsafe)")
    func randomDrawingKeepsTheGridSound() {
        var rng = SplitMix64(seed: 7)
        for round in 0..<150 {
            var grid = Grid(width: Int(rng.next() % 12), height: Int(rng.next() % 4))
            for _ in 0..<12 {
                let x = Int(rng.next() % 16) - 3, y = Int(rng.next() % 5) - 1
                let clip = Rect(x: Int(rng.next() % 8) - 1, y: Int(rng.next() % 4) - 1,
                                width: Int(rng.next() % 10), height: Int(rng.next() % 4))
                switch rng.next() % 3 {
                case 0: grid.put(HostileText.make(using: &rng), x: x, y: y, maxWidth: Int(rng.next() % 12), clip: clip)
                case 1: grid.fill(clip, with: ["漢", "x", "\u{1b}", "🙂"][Int(rng.next() % 4)])
                default: grid.restyle(clip) { $0.role = .warning }
                }
            }
            let problems = structuralProblems(grid)
            #expect(problems.isEmpty, "round \(round): \(problems)")
        }
    }
}
