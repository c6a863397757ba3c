/// A border of box-drawing characters (─│┌┐└┘) with an optional title and trailing note.
///
/// ```
/// ┌─ Transactions ──────────── 12/340 ─┐
/// │                                    │
/// └────────────────────────────────────┘
/// ```
/// Draws nothing below 2×2 (there is no room for a border). The title is truncated with `…`
/// and always wins over the trailing note, which is dropped when there is no room for it.
public struct Box: Widget, Sendable {
    /// The title on the top border, or nil.
    public var title: String?
    /// A note at the right of the top border (counts, `[RO]`), or nil.
    public var trailing: String?
    /// The border's style.
    public var style: Style
    /// The title's style.
    public var titleStyle: Style

    /// Makes a box.
    public init(title: String? = nil, trailing: String? = nil, style: Style = Style(.border),
                titleStyle: Style = Style(.title, bold: true)) {
        self.title = title
        self.trailing = trailing
        self.style = style
        self.titleStyle = titleStyle
    }

    /// The inside of a box drawn over `rect`: what content should be rendered into.
    public static func inner(_ rect: Rect) -> Rect { rect.inset(by: 1) }

    /// Draws the border around the canvas's edge.
    public func render(into canvas: inout Canvas) {
        let width = canvas.width, height = canvas.height
        guard width >= 2, height >= 2 else { return }
        let line = String(repeating: "─", count: width - 2)
        canvas.put("┌" + line + "┐", x: 0, y: 0, style: style)
        for y in 1..<(height - 1) {
            canvas.put("│", x: 0, y: y, style: style)
            canvas.put("│", x: width - 1, y: y, style: style)
        }
        canvas.put("└" + line + "┘", x: 0, y: height - 1, style: style)

        // "┌─ title ─…─ trailing ─┐": the title starts at column 2 and the note ends two columns
        // before the right corner; each is padded with one space on either side.
        var used = 2
        if let title, !title.isEmpty, width - 5 >= 1 {
            let text = SafeText.truncate(title, toWidth: width - 5)
            canvas.put(" ", x: 2, y: 0, style: style)
            let end = canvas.put(text, x: 3, y: 0, style: titleStyle)
            canvas.put(" ", x: end, y: 0, style: style)
            used = end + 1
        }
        if let trailing, !trailing.isEmpty {
            // Room between the title's end (plus one ─) and the two columns before the corner.
            let room = (width - 2) - (used + 1) - 2
            let note = SafeText.truncate(trailing, toWidth: room)
            guard !note.isEmpty else { return }
            let noteWidth = SafeText.width(of: note)
            let start = width - 2 - noteWidth - 2
            canvas.put(" ", x: start, y: 0, style: style)
            canvas.put(note, x: start + 1, y: 0, style: titleStyle)
            canvas.put(" ", x: start + 1 + noteWidth, y: 0, style: style)
        }
    }
}

extension Canvas {
    /// Draws `box` around the canvas and runs `body` with the canvas narrowed to its inside.
    public mutating func boxed(_ box: Box, _ body: (inout Canvas) -> Void) {
        render(box)
        region(Box.inner(bounds), body)
    }
}
