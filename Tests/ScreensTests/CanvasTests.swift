import Screens
import Testing

@Suite("canvas and regions")
struct CanvasTests {
    @Test("a region offsets drawing and clips it to its rectangle")
    func regionClips() {
        var grid = Grid(width: 10, height: 4)
        grid.draw(in: Rect(x: 2, y: 1, width: 4, height: 2)) { canvas in
            #expect(canvas.width == 4)
            #expect(canvas.height == 2)
            canvas.put("abcdefgh", x: 0, y: 0)
            canvas.put("xy", x: -1, y: 1)
            canvas.put("hidden", x: 0, y: 2)
            canvas.put("hidden", x: 0, y: -1)
        }
        expectScreen(grid, ["", "  abcd", "  y", ""])
    }

    @Test("a wide character straddling a region's right edge becomes a space inside the region")
    func wideAtRegionEdge() {
        var grid = Grid(lines: ["..........", ".........."])
        grid.draw(in: Rect(x: 2, y: 0, width: 3, height: 2)) { canvas in
            canvas.put("漢字", x: 0, y: 0)
            canvas.put("漢字", x: -1, y: 1)
        }
        expectScreen(grid, ["..漢 .....", ".. 字....."])
    }

    @Test("nested regions intersect with their parents")
    func nestedRegions() {
        var canvas = Canvas(width: 8, height: 3)
        canvas.region(Rect(x: 1, y: 1, width: 5, height: 2)) { outer in
            outer.region(Rect(x: 3, y: 0, width: 10, height: 10)) { inner in
                #expect(inner.width == 2)
                #expect(inner.height == 2)
                inner.fill(with: "#")
            }
            outer.put("<", x: 0, y: 0)
        }
        canvas.put("top", x: 0, y: 0)
        expectScreen(canvas.grid, ["top", " <  ##", "    ##"])
    }

    @Test("fill and restyle use local coordinates and stay inside the region")
    func fillAndRestyle() {
        var grid = Grid(width: 6, height: 2)
        grid.draw(in: Rect(x: 1, y: 0, width: 3, height: 2)) { canvas in
            canvas.fill(Rect(x: -5, y: 0, width: 50, height: 1), with: "=")
            canvas.restyle(canvas.bounds) { $0.role = .warning }
        }
        expectScreen(grid, [" ===", ""])
        #expect(grid.mask { $0.style.role == .warning ? "w" : "." } == [".www..", ".www.."])
    }

    @Test("the cursor is placed in grid coordinates, and hidden outside the canvas")
    func cursor() {
        var grid = Grid(width: 10, height: 5)
        grid.draw(in: Rect(x: 3, y: 2, width: 4, height: 2)) { canvas in
            canvas.setCursor(x: 1, y: 1)
        }
        #expect(grid.cursor == Point(x: 4, y: 3))
        grid.draw(in: Rect(x: 3, y: 2, width: 4, height: 2)) { canvas in
            canvas.setCursor(x: 4, y: 0)
        }
        #expect(grid.cursor == nil)
    }

    @Test("a region outside the grid draws nothing")
    func regionOutside() {
        var grid = Grid(width: 4, height: 2)
        grid.draw(in: Rect(x: 10, y: 10, width: 5, height: 5)) { canvas in
            #expect(canvas.width == 0)
            canvas.put("x", x: 0, y: 0)
            canvas.fill(with: "#")
        }
        expectScreen(grid, ["", ""])
    }

    @Test("a canvas reads back its own cells")
    func subscriptReads() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("ab", x: 1, y: 0)
        canvas.region(Rect(x: 1, y: 0, width: 3, height: 1)) { region in
            #expect(region[0, 0].character == "a")
            #expect(region[5, 0] == .blank)
        }
    }
}
