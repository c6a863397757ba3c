/// Where the operator is: `Transactions › 3fa85f64 › Timeline`; Esc goes back one crumb.
///
/// Earlier crumbs and separators are dim, the current one is a bold title. When the trail does
/// not fit, the oldest crumbs give way to `…` (`… › 3fa85f64 › Timeline`); when not even
/// `… › current` fits, the current crumb alone is shown, truncated.
public struct Breadcrumbs: Widget, Sendable {
    /// The crumbs, outermost first.
    public var items: [String]
    /// Drawn between crumbs.
    public static let separator = " › "

    /// Makes a trail.
    public init(_ items: [String]) {
        self.items = items
    }

    /// The crumbs actually shown at `width`: a suffix of `items`, possibly led by `…`.
    public func visibleItems(width: Int) -> [String] {
        guard !items.isEmpty, width > 0 else { return [] }
        let widths = items.map { SafeText.width(of: $0) }
        let separatorWidth = SafeText.width(of: Breadcrumbs.separator)
        func total(from start: Int, elided: Bool) -> Int {
            let crumbs = widths[start...].reduce(0, +) + separatorWidth * (items.count - start - 1)
            return elided ? crumbs + 1 + separatorWidth : crumbs
        }
        if total(from: 0, elided: false) <= width { return items }
        for start in 1..<items.count where total(from: start, elided: true) <= width {
            return [String(SafeText.ellipsis)] + items[start...]
        }
        return [SafeText.truncate(items[items.count - 1], toWidth: width)]
    }

    /// Draws the trail in the canvas's first row.
    public func render(into canvas: inout Canvas) {
        guard canvas.width > 0, canvas.height > 0 else { return }
        let shown = visibleItems(width: canvas.width)
        var x = 0
        for (index, item) in shown.enumerated() {
            if index > 0 { x = canvas.put(Breadcrumbs.separator, x: x, y: 0, style: Style(.dim)) }
            let isCurrent = index == shown.count - 1
            x = canvas.put(item, x: x, y: 0, style: isCurrent ? Style(.title, bold: true) : Style(.dim))
        }
    }
}
