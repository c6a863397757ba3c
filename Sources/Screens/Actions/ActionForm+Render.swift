extension ActionForm {
    static let labelWidth = 10
    static let fieldWidth = 40
    static let editingHelp = "Enter review · Tab/↑↓ field · ←/→ choose · Ctrl-U clear · Esc cancel"

    /// Draws the form, or its confirm dialog, centred in the body.
    public func render(into canvas: inout Canvas) {
        guard canvas.width > 0, canvas.height > 0 else { return }
        switch stage {
        case .confirming, .sending:
            renderConfirmation(into: &canvas)
        case .loading, .editing, .checking:
            renderForm(into: &canvas)
        }
    }

    private func renderForm(into canvas: inout Canvas) {
        let width = min(canvas.width, 80)
        let inner = max(1, width - 4)
        // Context (payment, venue, amounts) never pushes the fields off the screen: each line takes at most two
        // rows, and all of it only the rows the fields, the footer and the frame leave (cut visibly, with …).
        var lines: [(String, Style)] = context.flatMap { line in
            Self.clipped(SafeText.wrap(line, width: inner), rows: 2, width: inner).map { ($0, Style.normal) }
        }
        let footerRows = 1 + (problem.map { SafeText.wrap($0, width: inner).count } ?? 0)
        let budget = max(0, canvas.height - 2 - fields.count - (fields.isEmpty ? 0 : 2) - footerRows)
        if lines.count > budget {
            lines = Self.clipped(lines.map(\.0), rows: budget, width: inner).map { ($0, Style.normal) }
        }
        if stage == .loading { lines.append(("loading…", Style(.dim))) }
        let fieldRow = lines.count + (lines.isEmpty ? 0 : 1)
        let footer: [(String, Style)] = {
            if stage == .checking { return [("checking (dry run)… Esc stops waiting", Style(.pending))] }
            if let problem {
                return SafeText.wrap(problem, width: inner).map { ($0, Style(.failed, bold: true)) }
                    + [(fields.isEmpty ? "Esc closes · Enter checks again" : Self.editingHelp, Style(.dim))]
            }
            return [(Self.editingHelp, Style(.dim))]
        }()
        let height = fieldRow + fields.count + (fields.isEmpty ? 0 : 1) + footer.count + 2
        let frame = canvas.bounds.centered(width: width, height: min(canvas.height, height))
        var cursor: Point?
        canvas.region(frame) { box in
            box.fill()
            box.render(Box(title: title, trailing: "key \(self.key.text.suffix(8))", style: Style(.danger),
                           titleStyle: Style(.danger, bold: true)))
            box.region(box.bounds.inset(top: 1, left: 2, bottom: 1, right: 2)) { content in
                for (row, line) in lines.enumerated() { content.put(line.0, x: 0, y: row, style: line.1) }
                for (index, field) in fields.enumerated() {
                    let y = fieldRow + index
                    let focused = index == focus && stage == .editing
                    content.put(SafeText.fit(field.label, width: Self.labelWidth), x: 0, y: y,
                                style: focused ? Style(.title, bold: true) : Style.normal)
                    let valueWidth = min(Self.fieldWidth, max(1, content.width - Self.labelWidth - 1))
                    let shown: String
                    switch field.kind {
                    case .text: shown = field.value
                    case .choice: shown = "‹ " + field.value + " ›"
                    }
                    // The end of a long value stays visible while typing.
                    let visible = SafeText.width(of: shown) >= valueWidth
                        ? "…" + String(shown.suffix(max(0, valueWidth - 2))) : shown
                    content.fill(Rect(x: Self.labelWidth, y: y, width: valueWidth, height: 1), with: " ",
                                 style: Style(.input, reverse: focused))
                    let end = content.put(visible, x: Self.labelWidth, y: y, style: Style(.input, reverse: focused),
                                          maxWidth: valueWidth)
                    if !field.suffix.isEmpty {
                        content.put(field.suffix, x: Self.labelWidth + valueWidth + 1, y: y, style: Style(.dim))
                    }
                    if focused, case .text = field.kind { cursor = Point(x: min(end, Self.labelWidth + valueWidth - 1), y: y) }
                }
                let footerRow = fieldRow + fields.count + (fields.isEmpty ? 0 : 1)
                for (offset, line) in footer.enumerated() { content.put(line.0, x: 0, y: footerRow + offset, style: line.1) }
                if let cursor { content.setCursor(x: cursor.x, y: cursor.y) }
            }
        }
    }

    /// At most `rows` of `lines`; when some are left out, the last one kept ends with "…".
    static func clipped(_ lines: [String], rows: Int, width: Int) -> [String] {
        guard lines.count > rows else { return lines }
        guard rows > 0 else { return [] }
        var kept = Array(lines.prefix(rows))
        kept[rows - 1] = SafeText.fit(kept[rows - 1] + " …", width: width)
        if !kept[rows - 1].hasSuffix("…") { kept[rows - 1] = String(kept[rows - 1].dropLast()) + "…" }
        return kept
    }

    private func renderConfirmation(into canvas: inout Canvas) {
        guard let confirmation else { return }
        var message = confirmation.lines
        if stage == .sending {
            message.append("sending… (one transaction; the same key \(key.text.suffix(8)) makes a retry safe)")
        } else if let problem {
            message.append(problem)
        }
        let dialog = Dialog(title: title, message: message,
                            buttons: stage == .sending ? [] : ["Cancel", confirmation.button],
                            focused: confirmFocus, isDangerous: true)
        canvas.render(dialog)
    }
}
