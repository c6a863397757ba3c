/// The selection in a short list that is loaded whole (no keyset paging): moves clamp at both ends,
/// and the first row shown is kept between frames so the view only scrolls when the selection leaves it.
public struct RowSelection: Sendable, Equatable {
    /// The selected row.
    public private(set) var index = 0
    /// The first row shown last frame.
    public var offset = 0

    /// Starts on the first row.
    public init() {}

    /// Applies a navigation action over `count` rows; false when `action` is not a move.
    @discardableResult
    public mutating func move(_ action: Action, count: Int, visibleRows: Int) -> Bool {
        let last = max(0, count - 1)
        let page = max(1, visibleRows - 1)
        switch action {
        case .up: index = max(0, index - 1)
        case .down: index = min(last, index + 1)
        case .pageUp: index = max(0, index - page)
        case .pageDown: index = min(last, index + page)
        case .top: index = 0
        case .bottom: index = last
        default: return false
        }
        return true
    }

    /// Selects row `index` of `count` (clamped).
    public mutating func select(_ index: Int, count: Int) {
        self.index = min(max(0, index), max(0, count - 1))
    }

    /// Keeps the selection inside a list that now has `count` rows.
    public mutating func clamp(count: Int) {
        select(index, count: count)
    }

    /// Back to the first row.
    public mutating func reset() {
        index = 0
        offset = 0
    }
}

extension Canvas {
    /// Renders `table` scrolled so its selection is visible, starting from and updating `offset`.
    mutating func renderScrolling(_ table: TableView, offset: inout Int) {
        var table = table
        table.offset = offset
        table.offset = table.scrollOffset(visibleRows: table.visibleRowCount(height: height))
        offset = table.offset
        render(table)
    }
}
