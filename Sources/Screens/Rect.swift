/// A cell position: column `x`, row `y`, counted from the top-left corner.
public struct Point: Hashable, Sendable, CustomStringConvertible {
    /// The column.
    public var x: Int
    /// The row.
    public var y: Int

    /// Makes a point.
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }

    /// A short description for debugging and test failures.
    public var description: String { "(\(x), \(y))" }
}

/// A rectangle of cells; width and height are never negative.
///
/// Layout code slices rectangles (`sliceTop`, `sliceBottom`, …) instead of doing arithmetic by hand,
/// and every slice of a too-small rectangle is simply empty, never negative.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    /// The leftmost column.
    public var x: Int
    /// The top row.
    public var y: Int
    /// Columns; at least 0.
    public var width: Int { didSet { width = max(0, width) } }
    /// Rows; at least 0.
    public var height: Int { didSet { height = max(0, height) } }

    /// Makes a rectangle; a negative width or height becomes 0.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// A rectangle at the origin.
    public init(width: Int, height: Int) {
        self.init(x: 0, y: 0, width: width, height: height)
    }

    /// The empty rectangle at the origin.
    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    /// The first column to the right of the rectangle (exclusive end).
    public var maxX: Int { x + width }
    /// The first row below the rectangle (exclusive end).
    public var maxY: Int { y + height }
    /// True when the rectangle holds no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }
    /// The number of cells.
    public var area: Int { width * height }

    /// True when the cell at (x, y) lies inside.
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// True when the point lies inside.
    public func contains(_ point: Point) -> Bool { contains(x: point.x, y: point.y) }

    /// The cells both rectangles share; empty (at the clamped origin) when they do not overlap.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// The rectangle moved by (dx, dy).
    public func offsetBy(dx: Int, dy: Int) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width, height: height)
    }

    /// The rectangle shrunk by `amount` on every side (a box's inside is `inset(by: 1)`).
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// The rectangle shrunk by a different amount on each side; never negative.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let w = max(0, width - left - right), h = max(0, height - top - bottom)
        return Rect(x: x + min(left, width), y: y + min(top, height), width: w, height: h)
    }

    /// Splits off the top `rows` rows (fewer when there are not that many).
    public func sliceTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let taken = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: taken),
                Rect(x: x, y: y + taken, width: width, height: height - taken))
    }

    /// Splits off the bottom `rows` rows (fewer when there are not that many).
    public func sliceBottom(_ rows: Int) -> (bottom: Rect, rest: Rect) {
        let taken = min(max(0, rows), height)
        return (Rect(x: x, y: maxY - taken, width: width, height: taken),
                Rect(x: x, y: y, width: width, height: height - taken))
    }

    /// Splits off the left `columns` columns (fewer when there are not that many).
    public func sliceLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
        let taken = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: taken, height: height),
                Rect(x: x + taken, y: y, width: width - taken, height: height))
    }

    /// Splits off the right `columns` columns (fewer when there are not that many).
    public func sliceRight(_ columns: Int) -> (right: Rect, rest: Rect) {
        let taken = min(max(0, columns), width)
        return (Rect(x: maxX - taken, y: y, width: taken, height: height),
                Rect(x: x, y: y, width: width - taken, height: height))
    }

    /// A rectangle of at most the given size, centred inside this one.
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), width), ch = min(max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// A short description for debugging and test failures.
    public var description: String { "\(width)×\(height) at (\(x), \(y))" }
}
