import Screens
import Testing

@Suite("changed cells")
struct GridChangesTests {
    @Test("identical grids have no changes")
    func noChanges() {
        var grid = Grid(width: 10, height: 3)
        grid.put("hello", x: 1, y: 1)
        #expect(grid.changedCells(from: grid).isEmpty)
        #expect(!grid.needsFullRedraw(from: grid))
    }

    @Test("exactly the changed cells are returned, row by row")
    func exactChanges() {
        var before = Grid(width: 6, height: 2)
        before.put("abcdef", x: 0, y: 0)
        var after = before
        after.put("X", x: 2, y: 0)
        after.put("Y", x: 5, y: 1)
        after.put("d", x: 3, y: 0)          // same as before: not a change
        after.restyle(Rect(x: 0, y: 1, width: 1, height: 1)) { $0.bold = true }
        let changes = after.changedCells(from: before)
        #expect(changes == [
            CellChange(x: 2, y: 0, cell: Cell("X")),
            CellChange(x: 0, y: 1, cell: Cell(style: Style(bold: true))),
            CellChange(x: 5, y: 1, cell: Cell("Y")),
        ])
    }

    @Test("a wide character changes its cell and its continuation")
    func wideChanges() {
        let before = Grid(lines: ["abcd"])
        var after = before
        after.put("漢", x: 1, y: 0)
        let changes = after.changedCells(from: before)
        #expect(changes.map { $0.x } == [1, 2])
        #expect(changes[0].cell.character == "漢")
        #expect(changes[1].cell.isContinuation)
        #expect(after.changedRuns(from: before).map { $0.x } == [1])
        #expect(after.changedRuns(from: before).first?.cells.count == 2)
    }

    @Test("replacing half a wide character reports the cleared other half")
    func halfWideChanges() {
        let before = Grid(lines: ["漢字"])
        var after = before
        after.put("a", x: 1, y: 0)
        let changes = after.changedCells(from: before)
        #expect(changes == [
            CellChange(x: 0, y: 0, cell: Cell(" ")),
            CellChange(x: 1, y: 0, cell: Cell("a")),
        ])
    }

    @Test("a size change reports every cell")
    func sizeChange() {
        let before = Grid(width: 3, height: 2)
        let after = Grid(lines: ["ab"], width: 4, height: 1)
        let changes = after.changedCells(from: before)
        #expect(after.needsFullRedraw(from: before))
        #expect(changes.count == 4)
        #expect(changes.map { $0.x } == [0, 1, 2, 3])
        #expect(changes[1].cell.character == "b")
    }

    @Test("runs group adjacent changes on a row and skip nothing in between")
    func runs() {
        let before = Grid(width: 8, height: 2)
        var after = before
        after.put("ab", x: 1, y: 0)
        after.put("c", x: 5, y: 0)
        after.put("d", x: 0, y: 1)
        let runs = after.changedRuns(from: before)
        #expect(runs.map { "\($0.x),\($0.y):" + String($0.cells.map(\.character)) } == ["1,0:ab", "5,0:c", "0,1:d"])
    }
}
