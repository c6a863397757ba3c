import PaymentData

/// The describe view (`d`, as in k9s): every field of one row in full, wrapped to the width, JSON
/// pretty-printed, all sanitised. ↑/↓ move the focused field (`y` copies it), PgUp/PgDn scroll.
public final class DescribePane: Pane {
    public let subject: String
    public private(set) var fields: [DescribeField]
    /// The focused field.
    public private(set) var focus = 0
    /// The first line shown.
    public private(set) var top = 0
    private var more: Query<[DescribeField]>?
    private var lastWidth = 80, lastHeight = 20

    /// A view of `description`.
    public init(_ description: Description) {
        subject = description.subject
        fields = description.fields
        more = description.more
    }

    public var title: String { "describe " + subject }
    public var isEmpty: Bool { false }

    public var bindings: [KeyBinding] {
        [KeyBinding([.character("y")], .copyID, "copy the focused field", inFooter: true)]
    }

    public func load(isRefresh: Bool) -> DataRequest? {
        guard let more else { return nil }
        return DataRequest(more) { [weak self] extra in
            self?.fields += extra
            self?.more = nil
        }
    }

    /// The sanitised value of the focused field: what `y` copies (JSON as the server sent it).
    public var focusedID: String? {
        fields.indices.contains(focus) ? SafeText.sanitize(fields[focus].value) : nil
    }

    public var rowCount: String? { fields.isEmpty ? nil : "field \(focus + 1) / \(fields.count)" }

    /// The label of the focused field.
    public var focusedLabel: String? { fields.indices.contains(focus) ? fields[focus].label : nil }

    public func handle(_ action: Action, visibleRows: Int) -> [PaneEffect] {
        let layout = Self.layout(fields, width: lastWidth)
        let height = max(1, lastHeight)
        switch action {
        case .up: focus = max(0, focus - 1); reveal(layout, height: height)
        case .down: focus = min(max(0, fields.count - 1), focus + 1); reveal(layout, height: height)
        case .top: focus = 0; top = 0
        case .bottom:
            focus = max(0, fields.count - 1)
            top = max(0, layout.lines.count - height)
        case .pageDown:
            top = min(max(0, layout.lines.count - height), top + max(1, height - 1))
            focus = layout.field(atLine: top)
        case .pageUp:
            top = max(0, top - max(1, height - 1))
            focus = layout.field(atLine: top)
        default: break
        }
        return []
    }

    /// Scrolls so that the focused field's first line is in view (and as much of it as fits).
    private func reveal(_ layout: Layout, height: Int) {
        guard layout.starts.indices.contains(focus) else { return }
        let start = layout.starts[focus]
        let end = focus + 1 < layout.starts.count ? layout.starts[focus + 1] : layout.lines.count
        if start < top { top = start }
        if end > top + height { top = min(start, end - height) }
    }

    /// The describe view's lines at one width: label (first line of a field only) and value text.
    struct Layout {
        var lines: [(field: Int, label: String?, text: String)] = []
        /// The first line of each field.
        var starts: [Int] = []
        var labelWidth = 0

        func field(atLine line: Int) -> Int {
            starts.lastIndex { $0 <= line } ?? 0
        }
    }

    static func layout(_ fields: [DescribeField], width: Int) -> Layout {
        var layout = Layout()
        layout.labelWidth = min(18, fields.map { SafeText.width(of: $0.label) }.max() ?? 0)
        let valueWidth = max(8, width - layout.labelWidth - 3)
        for (index, field) in fields.enumerated() {
            layout.starts.append(layout.lines.count)
            let lines = field.isJSON ? jsonLines(field.value, width: valueWidth)
                : SafeText.wrap(SafeText.sanitize(field.value), width: valueWidth)
            for (number, line) in (lines.isEmpty ? [""] : lines).enumerated() {
                layout.lines.append((index, number == 0 ? field.label : nil, line))
            }
        }
        return layout
    }

    /// Pretty-printed JSON, each line wrapped under its own indentation.
    static func jsonLines(_ text: String, width: Int) -> [String] {
        JSONPretty.format(text).split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            let indent = line.prefix { $0 == " " }.count
            let room = max(8, width - indent)
            let pad = String(repeating: " ", count: width - room)
            return SafeText.wrap(SafeText.sanitize(line.dropFirst(indent)), width: room).map { pad + $0 }
        }
    }

    public func render(into canvas: inout Canvas, context: RenderContext) {
        lastWidth = canvas.width
        lastHeight = canvas.height - 1
        guard canvas.width > 0, canvas.height > 0 else { return }
        let layout = Self.layout(fields, width: canvas.width)
        let height = canvas.height - 1
        top = min(top, max(0, layout.lines.count - height))
        let end = min(layout.lines.count, top + height)
        let position = layout.lines.isEmpty ? "" : "lines \(top + 1)–\(end) of \(layout.lines.count)"
        let heading = "\(subject) · \(fields.count) fields" + (more == nil ? "" : " · loading…")
        canvas.put(heading, x: 1, y: 0, style: Style(.title, bold: true), maxWidth: max(0, canvas.width - 2))
        if SafeText.width(of: heading) + SafeText.width(of: position) + 4 < canvas.width {
            canvas.put(position, x: canvas.width - SafeText.width(of: position) - 1, y: 0, style: Style(.dim))
        }
        let valueX = layout.labelWidth + 2
        for (row, line) in layout.lines[top..<end].enumerated() {
            let y = row + 1
            let focused = line.field == focus
            // A click on any line of a field focuses it (the console turns it into ↑/↓ moves).
            canvas.registerHit(TableHit(x: 0, y: y, width: canvas.width, row: line.field, column: nil, selected: focus))
            if let label = line.label {
                let style = focused ? Style(.selection, bold: true) : Style(.dim)
                canvas.put(SafeText.fit(label, width: layout.labelWidth + 1), x: 0, y: y, style: style)
            } else if focused {
                canvas.put("▏", x: 0, y: y, style: Style(.selection))
            }
            canvas.put(line.text, x: valueX, y: y, style: Style(.normal), maxWidth: max(0, canvas.width - valueX))
        }
    }
}
