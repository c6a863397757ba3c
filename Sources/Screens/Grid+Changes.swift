/// One cell that differs between two frames: where it is and what it holds now.
public struct CellChange: Hashable, Sendable, CustomStringConvertible {
    /// The column.
    public let x: Int
    /// The row.
    public let y: Int
    /// The cell's new content.
    public let cell: Cell

    /// Makes a change record.
    public init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }

    /// A short description for debugging and test failures.
    public var description: String { "(\(x), \(y)) \(cell)" }
}

extension Grid {
    /// The cells that differ from `previous`, row by row; every cell when the size changed.
    ///
    /// For the curses backend: draw each change whose cell is not a continuation (a wide
    /// character covers its continuation cell itself) and skip continuation cells. A continuation
    /// cell only changes together with its left half, because both halves always share a style.
    public func changedCells(from previous: Grid) -> [CellChange] {
        guard previous.width == width, previous.height == height else { return allCells }
        var changes: [CellChange] = []
        cells.withUnsafeBufferPointer { current in
            previous.cells.withUnsafeBufferPointer { old in
                for index in 0..<current.count where current[index] != old[index] {
                    changes.append(CellChange(x: index % width, y: index / width, cell: current[index]))
                }
            }
        }
        return changes
    }

    /// True when the backend must redraw everything to go from `previous` to this grid.
    public func needsFullRedraw(from previous: Grid) -> Bool {
        previous.width != width || previous.height != height
    }

    /// Every cell as a change, row by row.
    var allCells: [CellChange] {
        cells.indices.map { CellChange(x: $0 % width, y: $0 / width, cell: cells[$0]) }
    }

    /// Runs of changed cells on one row: for backends that write a row segment at a time.
    ///
    /// Each run starts at a non-continuation cell and lists the characters and styles to draw,
    /// continuation cells included so that `x + offset` stays the column.
    public func changedRuns(from previous: Grid) -> [(x: Int, y: Int, cells: [Cell])] {
        var runs: [(x: Int, y: Int, cells: [Cell])] = []
        for change in changedCells(from: previous) {
            if var last = runs.last, last.y == change.y, last.x + last.cells.count == change.x {
                last.cells.append(change.cell)
                runs[runs.count - 1] = last
            } else if change.cell.isContinuation {
                continue
            } else {
                runs.append((change.x, change.y, [change.cell]))
            }
        }
        return runs
    }
}
