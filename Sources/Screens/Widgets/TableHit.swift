/// Where a table drew one row or one column header in the last frame, in grid coordinates: the console turns a
/// mouse click into the moves that select that row (or into a sort by that column) without knowing the pane.
public struct TableHit: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var width: Int
    /// The row's index in the table, or nil for a header cell.
    public var row: Int?
    /// The column of a header cell.
    public var column: Int?
    /// The table's selected row when it was drawn (nil: the table does not have the focus).
    public var selected: Int?

    /// Makes a hit region.
    public init(x: Int, y: Int, width: Int, row: Int?, column: Int?, selected: Int?) {
        self.x = x
        self.y = y
        self.width = width
        self.row = row
        self.column = column
        self.selected = selected
    }

    /// True when (x, y) is inside.
    public func contains(x: Int, y: Int) -> Bool {
        y == self.y && x >= self.x && x < self.x + width
    }
}

extension Canvas {
    /// Records a table region given in local coordinates (clipped to the canvas; nothing when outside it).
    mutating func registerHit(_ hit: TableHit) {
        guard hit.y >= 0, hit.y < height, hit.x < width else { return }
        var hit = hit
        hit.width = min(hit.width, width - hit.x)
        hit.x += area.x
        hit.y += area.y
        grid.hits.append(hit)
    }
}
