import PaymentData

/// A scrolling table: a header row, rows of labels (text + meaning), one selected row.
///
/// ```
/// Time   Id        Amount  Status
/// 12:01  3fa85f64  $12.50  completed      ← success role
/// 12:02  9b2c1d07   $3.00  failed         ← selection role (selected row)
/// ```
/// Columns are fixed or flexible (share spare width by weight). When the canvas is too narrow,
/// flexible columns shrink to their minimum, then whole columns are dropped, lowest `priority`
/// first (ties: the rightmost first); the last column standing takes whatever width there is.
/// Cells are sanitised, truncated with `…` and aligned. The view scrolls so the selected row is
/// always visible; keep `scrollOffset(visibleRows:)` between frames for stable scrolling.
public struct TableView: Widget, Sendable {
    /// How wide a column is.
    public enum Width: Hashable, Sendable {
        /// Exactly this many columns.
        case fixed(Int)
        /// At least `min` columns, plus a share of the spare width proportional to `weight`.
        case flexible(min: Int = 1, weight: Int = 1)
        /// As wide as its longest cell (and title), between `min` and `max`, plus a share of spare width by
        /// `weight`: event names and IPv6 addresses whole when there is room, instead of a fixed guess.
        case content(min: Int, max: Int, weight: Int = 1)
    }

    /// One column: title, width rule, alignment and how long it survives a narrow terminal.
    public struct Column: Hashable, Sendable {
        /// The header text.
        public var title: String
        /// The width rule.
        public var width: Width
        /// How cell text (and the title) is aligned.
        public var alignment: Alignment
        /// Columns with the lowest priority are dropped first when space runs out.
        public var priority: Int

        /// Makes a column.
        public init(_ title: String, width: Width = .flexible(), alignment: Alignment = .left, priority: Int = 0) {
            self.title = title
            self.width = width
            self.alignment = alignment
            self.priority = priority
        }
    }

    /// Where a visible column is drawn.
    public struct ColumnFrame: Hashable, Sendable {
        /// The index into `columns`.
        public var column: Int
        /// The first column of the canvas it occupies.
        public var x: Int
        /// Its width in columns.
        public var width: Int
    }

    /// The columns, left to right.
    public var columns: [Column]
    /// The rows; each holds one label per column (missing labels are blank).
    public var rows: [[Label]]
    /// The selected row, or nil.
    public var selected: Int?
    /// The first row shown last frame (scrolling only moves when the selection leaves the view).
    public var offset: Int
    /// True to draw the header row.
    public var showsHeader: Bool
    /// Shown (dim) under the header when there are no rows, e.g. "no transactions match".
    public var emptyMessage: String?
    /// Columns between two columns.
    public var spacing: Int
    /// The sorted column, whose header shows ▲ or ▼ (the rows come sorted: see `TableSort.sorted`).
    public var sort = TableSort()

    /// Makes a table.
    public init(columns: [Column], rows: [[Label]], selected: Int? = nil, offset: Int = 0,
                showsHeader: Bool = true, emptyMessage: String? = nil, spacing: Int = 1) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.offset = offset
        self.showsHeader = showsHeader
        self.emptyMessage = emptyMessage
        self.spacing = max(0, spacing)
    }

    /// The rows of data a canvas of `height` rows shows (the header takes one).
    public func visibleRowCount(height: Int) -> Int {
        max(0, height - (showsHeader ? 1 : 0))
    }

    /// The first row to show so that the selection is visible, starting from `offset`.
    public func scrollOffset(visibleRows: Int) -> Int {
        guard visibleRows > 0, !rows.isEmpty else { return 0 }
        var first = min(max(0, offset), max(0, rows.count - visibleRows))
        if let selected, selected >= 0, selected < rows.count {
            if selected < first { first = selected }
            if selected >= first + visibleRows { first = selected - visibleRows + 1 }
        }
        return first
    }

    /// Draws the header and the visible rows.
    public func render(into canvas: inout Canvas) {
        let width = canvas.width, height = canvas.height
        guard width > 0, height > 0 else { return }
        let frames = columnFrames(width: width)
        var y = 0
        if showsHeader {
            let style = Style(.header, bold: true)
            canvas.fill(Rect(x: 0, y: 0, width: width, height: 1), style: style)
            for frame in frames {
                let column = columns[frame.column]
                canvas.registerHit(TableHit(x: frame.x, y: 0, width: frame.width, row: nil, column: frame.column, selected: selected))
                let title = sort.column == frame.column && frame.width > 1
                    ? SafeText.truncate(column.title, toWidth: frame.width - 1) + sort.arrow : column.title
                canvas.put(SafeText.fit(title, width: frame.width, alignment: column.alignment),
                           x: frame.x, y: 0, style: style)
            }
            y = 1
        }
        let visible = visibleRowCount(height: height)
        if rows.isEmpty, let emptyMessage, visible > 0 {
            canvas.put(SafeText.truncate(emptyMessage, toWidth: width), x: 0, y: y, style: Style(.dim))
            return
        }
        let first = scrollOffset(visibleRows: visible)
        for index in first..<min(rows.count, first + visible) {
            drawRow(index, frames: frames, y: y + index - first, into: &canvas)
            canvas.registerHit(TableHit(x: 0, y: y + index - first, width: width, row: index, column: nil, selected: selected))
        }
    }

    /// Draws one row; the selected row is drawn across the full width in the selection role.
    func drawRow(_ index: Int, frames: [ColumnFrame], y: Int, into canvas: inout Canvas) {
        let row = rows[index]
        let isSelected = index == selected
        if isSelected {
            canvas.fill(Rect(x: 0, y: y, width: canvas.width, height: 1), style: Style(.selection))
        }
        for frame in frames {
            let label = frame.column < row.count ? row[frame.column] : Label("")
            let style = isSelected ? Style(.selection, bold: label.meaning != .normal) : label.style
            let text = SafeText.fit(label.text, width: frame.width, alignment: columns[frame.column].alignment)
            canvas.put(text, x: frame.x, y: y, style: style)
        }
    }
}
