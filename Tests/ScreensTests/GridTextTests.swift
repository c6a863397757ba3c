import PaymentData
import Screens
import Testing

@Suite("grid as text")
struct GridTextTests {
    @Test("Grid(lines:) sizes itself to the widest line and renders back to the same lines")
    func roundTrip() {
        let grid = Grid(lines: ["ab", "漢字x", "", "  c"])
        #expect(grid.width == 5)
        #expect(grid.height == 4)
        #expect(grid.lines == ["ab", "漢字x", "", "  c"])
        #expect(grid.text == "ab\n漢字x\n\n  c")
        #expect(grid[1, 1].isContinuation)
    }

    @Test("Grid(lines:) accepts an explicit size and clips to it")
    func explicitSize() {
        let grid = Grid(lines: ["abcdef", "x", "y"], width: 3, height: 2)
        #expect(grid.lines == ["abc", "x"])
    }

    @Test("lines trim trailing spaces but keep inner ones")
    func trimming() {
        var grid = Grid(width: 8, height: 1)
        grid.put("a  b", x: 1, y: 0)
        #expect(grid.lines == [" a  b"])
    }

    @Test("diff is nil for equal screens and ignores styles and trailing spaces")
    func diffEqual() {
        var grid = Grid(width: 6, height: 2)
        grid.put("abc", x: 0, y: 0, style: Style(.title))
        #expect(grid.diff(Grid(lines: ["abc   ", ""])) == nil)
        #expect(grid.diff(expectedLines: ["abc", ""]) == nil)
    }

    @Test("diff names each differing line with both versions and a caret")
    func diffMessage() {
        var grid = Grid(width: 10, height: 3)
        grid.put("same", x: 0, y: 0)
        grid.put("foo  bar", x: 0, y: 1)
        let message = grid.diff(Grid(lines: ["same", "foo  baz", "extra"]))
        #expect(message == """
            screen differs (10×3 grid):
              line 2:
                expected: |foo  baz|
                actual:   |foo  bar|
                                  ^
              line 3:
                expected: |extra|
                actual:   ||
                           ^
            actual screen:
              |same|
              |foo  bar|
              ||

            """)
    }

    @Test("diff reports a different number of lines")
    func diffLineCount() {
        let grid = Grid(lines: ["a", "b"])
        let message = grid.diff(expectedLines: ["a"]) ?? ""
        #expect(message.contains("expected 1 lines, got 2"))
        #expect(message.contains("line 2:\n    expected: (no line)\n    actual:   |b|"))
    }

    @Test("mask shows one marker per column, for checking styles")
    func mask() {
        var grid = Grid(width: 5, height: 2)
        grid.put("ab", x: 1, y: 0, style: Style(meaning: .failed))
        grid.fill(Rect(x: 0, y: 1, width: 5, height: 1), style: Style(.selection))
        #expect(grid.mask { $0.style.role == .failed ? "F" : $0.style.role == .selection ? "#" : "." } == [".FF..", "#####"])
    }
}
