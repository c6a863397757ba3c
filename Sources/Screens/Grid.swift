/// An in-memory screen of `width × height` styled cells that panes and widgets draw into.
///
/// Drawing never throws and never writes outside the grid or the clip rectangle it is given;
/// text is sanitised on the way in (`SafeText`), so a grid only ever holds characters that are safe
/// to send to a terminal. The curses backend compares two grids (`changedCells(from:)`) and
/// flushes only what changed.
///
/// Wide characters occupy two cells: the left holds the character, the right is a continuation
/// cell. Overwriting either half turns the other half into a space (in its old style) — the one
/// case where a cell just outside a clip rectangle can change, so that no half character survives.
public struct Grid: Equatable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// The cells, row by row (index `y * width + x`).
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown (an input field), or nil to hide it.
    public var cursor: Point?
    /// Where tables drew their rows and headers this frame, for mouse clicks (not part of equality).
    public var hits: [TableHit] = []

    /// A blank grid; a negative size becomes 0.
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill.isContinuation ? .blank : fill, count: self.width * self.height)
        self.cursor = nil
    }

    /// Two grids are equal when they show the same: size, cells and cursor.
    public static func == (a: Grid, b: Grid) -> Bool {
        a.width == b.width && a.height == b.height && a.cursor == b.cursor && a.cells == b.cells
    }

    /// An empty 0×0 grid.
    public init() {
        self.init(width: 0, height: 0)
    }

    /// The whole grid as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y); a blank cell outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, x < width, y >= 0, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// The row `y` as cells; empty outside the grid.
    public func row(_ y: Int) -> ArraySlice<Cell> {
        guard y >= 0, y < height else { return [] }
        return cells[(y * width)..<((y + 1) * width)]
    }

    /// Draws sanitised `text` from (x, y) in one row, clipped to `clip` (default: the whole grid)
    /// and to `maxWidth` columns; returns the column after the last one the text reached.
    ///
    /// No ellipsis is added (use `SafeText.truncate` for that). A wide character that would
    /// straddle the right limit or the clip's left edge leaves a space in its visible half.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style = .normal,
                             maxWidth: Int = .max, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard maxWidth > 0, x < area.maxX else { return x }
        let limit = maxWidth >= area.maxX - x ? area.maxX : x + maxWidth
        let visible = y >= area.y && y < area.maxY
        var column = x
        SafeText.forEachCharacter(in: text) { character, characterWidth in
            guard characterWidth > 0 else { return true }
            guard characterWidth <= 2 else {
                // Sanitised text has no wider clusters; should one appear, show a replacement.
                column = put("\u{FFFD}", x: column, y: y, style: style, maxWidth: limit - column, clip: area)
                return column < limit
            }
            if column + characterWidth > limit {
                // A wide character across the right limit: show a space in the half that fits.
                if visible && column >= area.x { store(Cell(style: style), x: column, y: y) }
                column = limit
                return false
            }
            if visible {
                if column >= area.x {
                    if characterWidth == 1 {
                        store(Cell(character: character, style: style, isContinuation: false), x: column, y: y)
                    } else {
                        storeWide(character, style: style, x: column, y: y)
                    }
                } else if column + characterWidth - 1 >= area.x {
                    // A wide character across the left clip edge: blank its visible right half.
                    store(Cell(style: style), x: area.x, y: y)
                }
            }
            column += characterWidth
            return column < limit
        }
        return column
    }

    /// Fills `rect` (clipped to the grid and to `clip`) with `character` in `style`.
    ///
    /// A wide fill character is laid in pairs; a leftover odd column gets a space.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .normal, clip: Rect? = nil) {
        let area = rect.intersection((clip ?? bounds).intersection(bounds))
        guard !area.isEmpty else { return }
        let safe = SafeText.safeSingleCharacter(character)
        let characterWidth = DisplayWidth.of(safe)
        if characterWidth == 2 {
            let pattern = String(repeating: String(safe), count: (area.width + 1) / 2)
            for y in area.y..<area.maxY {
                put(pattern, x: area.x, y: y, style: style, maxWidth: area.width, clip: area)
            }
            return
        }
        let cell = Cell(character: characterWidth == 1 ? safe : " ", style: style, isContinuation: false)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { store(cell, x: x, y: y) }
        }
    }

    /// Changes the style of every cell in `rect` (clipped), keeping the characters.
    ///
    /// Both halves of a wide character touched by the rectangle are restyled together.
    public mutating func restyle(_ rect: Rect, clip: Rect? = nil, _ change: (inout Style) -> Void) {
        let area = rect.intersection((clip ?? bounds).intersection(bounds))
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            var x = area.x
            if cells[y * width + x].isContinuation { x -= 1 }
            while x < area.maxX {
                let index = y * width + x
                change(&cells[index].style)
                if x + 1 < width, cells[index + 1].isContinuation {
                    cells[index + 1].style = cells[index].style
                    x += 1
                }
                x += 1
            }
        }
    }

    /// Blanks every cell and hides the cursor.
    public mutating func clear(style: Style = .normal) {
        cells = Array(repeating: Cell(style: style), count: width * height)
        cursor = nil
        hits = []
    }

    /// Writes a narrow cell at (x, y), blanking the other half of any wide character it overwrites.
    mutating func store(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        detach(x: x, y: y)
        cells[y * width + x] = cell
    }

    /// Writes a wide character at (x, y) and its continuation at (x + 1, y).
    mutating func storeWide(_ character: Character, style: Style, x: Int, y: Int) {
        guard x >= 0, x + 1 < width, y >= 0, y < height else {
            store(Cell(style: style), x: x, y: y)
            return
        }
        detach(x: x, y: y)
        detach(x: x + 1, y: y)
        cells[y * width + x] = Cell(character: character, style: style, isContinuation: false)
        cells[y * width + x + 1] = .continuation(style)
    }

    /// Turns the partner of the cell at (x, y), if it is half of a wide character, into a space.
    mutating func detach(x: Int, y: Int) {
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = Cell(style: cells[index - 1].style)
            cells[index] = Cell(style: cells[index].style)
        }
        if x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(style: cells[index + 1].style)
        }
    }
}
