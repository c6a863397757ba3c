/// Something that draws itself into a canvas: every widget and pane.
public protocol Widget {
    /// Draws into `canvas`, using local coordinates (0, 0)…(canvas.width − 1, canvas.height − 1).
    func render(into canvas: inout Canvas)
}

/// A view of a grid that offsets drawing to a rectangle and clips it there.
///
/// Widgets receive a canvas, never the whole grid: (0, 0) is the canvas's top-left cell and
/// nothing they draw can land outside it. Sub-regions nest with `region(_:_:)` / `render(_:in:)`.
public struct Canvas {
    /// The grid being drawn into.
    public internal(set) var grid: Grid
    /// This canvas's rectangle in grid coordinates (always inside the grid).
    public internal(set) var area: Rect

    /// A canvas over a fresh blank grid of the given size: handy for tests and off-screen drawing.
    public init(width: Int, height: Int) {
        self.init(grid: Grid(width: width, height: height))
    }

    /// A canvas over the whole of `grid`.
    public init(grid: Grid) {
        self.grid = grid
        self.area = grid.bounds
    }

    /// Columns.
    public var width: Int { area.width }
    /// Rows.
    public var height: Int { area.height }
    /// The canvas in its own coordinates: (0, 0, width, height).
    public var bounds: Rect { Rect(x: 0, y: 0, width: area.width, height: area.height) }

    /// Draws sanitised text at local (x, y), clipped to the canvas and `maxWidth`; returns the next column.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style = .normal, maxWidth: Int = .max) -> Int {
        grid.put(text, x: area.x + x, y: area.y + y, style: style, maxWidth: maxWidth, clip: area) - area.x
    }

    /// Fills a local rectangle (clipped to the canvas) with `character`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .normal) {
        grid.fill(rect.offsetBy(dx: area.x, dy: area.y), with: character, style: style, clip: area)
    }

    /// Fills the whole canvas with `character`.
    public mutating func fill(with character: Character = " ", style: Style = .normal) {
        fill(bounds, with: character, style: style)
    }

    /// Changes the style of the cells in a local rectangle, keeping their characters.
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        grid.restyle(rect.offsetBy(dx: area.x, dy: area.y), clip: area, change)
    }

    /// The cell at local (x, y); blank outside the canvas.
    public subscript(x: Int, y: Int) -> Cell {
        guard bounds.contains(x: x, y: y) else { return .blank }
        return grid[area.x + x, area.y + y]
    }

    /// Shows the terminal cursor at local (x, y) if that is inside the canvas, else hides it.
    public mutating func setCursor(x: Int, y: Int) {
        grid.cursor = bounds.contains(x: x, y: y) ? Point(x: area.x + x, y: area.y + y) : nil
    }

    /// Runs `body` with this canvas narrowed to a local rectangle (clipped to the canvas).
    public mutating func region(_ rect: Rect, _ body: (inout Canvas) -> Void) {
        let saved = area
        area = rect.offsetBy(dx: saved.x, dy: saved.y).intersection(saved)
        body(&self)
        area = saved
    }

    /// Renders `widget` into a local rectangle (the whole canvas when nil).
    public mutating func render(_ widget: some Widget, in rect: Rect? = nil) {
        region(rect ?? bounds) { widget.render(into: &$0) }
    }
}

extension Grid {
    /// Runs `body` with a canvas over `rect` (clipped to the grid) of this grid.
    public mutating func draw(in rect: Rect? = nil, _ body: (inout Canvas) -> Void) {
        let area = (rect ?? bounds).intersection(bounds)   // before the swap: afterwards self is empty
        var canvas = Canvas(grid: Grid())
        swap(&canvas.grid, &self)
        canvas.area = area
        body(&canvas)
        swap(&canvas.grid, &self)
    }

    /// Renders `widget` into `rect` of this grid (the whole grid when nil).
    public mutating func render(_ widget: some Widget, in rect: Rect? = nil) {
        draw(in: rect) { widget.render(into: &$0) }
    }
}
