import PaymentData

extension ConsoleModel {
    static let spinner: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    /// Draws the whole screen into `grid`; `milliseconds` animates the spinner.
    public func render(into grid: inout Grid, milliseconds: Int) {
        grid.clear()
        lastHits = []
        guard !TooSmallScreen(neededWidth: Self.minimumWidth, neededHeight: Self.minimumHeight)
            .applies(width: grid.width, height: grid.height)
        else {
            grid.render(TooSmallScreen(neededWidth: Self.minimumWidth, neededHeight: Self.minimumHeight))
            return
        }
        let width = grid.width, height = grid.height
        renderHeader(into: &grid, milliseconds: milliseconds)
        renderTabs(into: &grid)
        var crumbs = Breadcrumbs(breadcrumbs)
        grid.draw(in: Rect(x: 0, y: 2, width: width, height: 1)) { canvas in
            let filter = focused.filterText
            // The row counter ("41 / ~2,992") at the right end, the filter left of it.
            let counter = focused.rowCount.map { " " + $0 + " " } ?? ""
            let counterWidth = min(width / 3, SafeText.width(of: counter))
            let filterWidth = filter.isEmpty ? 0 : min((width - counterWidth) / 2, SafeText.width(of: filter) + 10)
            canvas.region(Rect(x: 0, y: 0, width: width - filterWidth - counterWidth, height: 1)) { crumbsCanvas in
                crumbs = Breadcrumbs(breadcrumbs)
                crumbsCanvas.render(crumbs)
            }
            if !filter.isEmpty {
                canvas.put(SafeText.fit("filter: " + filter, width: filterWidth - 1, alignment: .right),
                           x: width - filterWidth - counterWidth, y: 0, style: Style(.dim))
            }
            if counterWidth > 0 {
                canvas.put(SafeText.fit(counter, width: counterWidth, alignment: .right), x: width - counterWidth, y: 0,
                           style: Style(.title))
            }
        }
        let context = RenderContext(now: now, readonly: header.readonly)
        let note = unavailable ?? paneNotes[tabNames[activeTab]]
        let noteHeight = note == nil ? 0 : 1
        lastBodyHeight = height - 5 - noteHeight
        if let note {
            grid.put(SafeText.fit("ⓘ " + note, width: width - 2), x: 1, y: 3,
                     style: Style(unavailable == nil ? .dim : .statusError))
        }
        if unavailable == nil {
            grid.draw(in: Rect(x: 0, y: 3 + noteHeight, width: width, height: height - 5 - noteHeight)) { canvas in
                focused.render(into: &canvas, context: context)
            }
        }
        renderInputOrStatus(into: &grid, row: height - 2)
        let hints = modal?.hints
            ?? keyTable.filter { focused.bindings.contains($0) ? focused.footerShows($0) : $0.inFooter }.map { KeyHint($0.keyLabel, $0.description.split(separator: " (").first.map(String.init) ?? $0.description) }
        grid.render(Footer(hints), in: Rect(x: 0, y: height - 1, width: width, height: 1))
        lastHits = modal == nil ? grid.hits : []
        renderModal(into: &grid)
        if case let .help(scroll) = mode { renderHelp(into: &grid, scroll: scroll) }
    }

    private func renderHeader(into grid: inout Grid, milliseconds: Int) {
        let mode = header.readonly ? "[RO]" : "[RW]"
        // The interval, stretched when the last read was slow (`⟳ 2s→30s`), and when the data on screen was read.
        let spacing = (refreshSpacingMilliseconds + 999) / 1000
        let asOf = dataAsOf.map { " · " + String($0.iso8601.dropFirst(11).prefix(8)) } ?? ""
        let refresh = (paused ? "⏸ paused" : "⟳ \(interval)s" + (spacing > interval ? "→\(spacing)s" : "")) + asOf
        let host = header.host.isEmpty || header.host.hasPrefix("/") ? "local" : header.host
        let tenant = header.tenant.map { " │ \($0)" } ?? ""
        let context = header.context.map { "[\($0)] " } ?? ""
        // With a read server: `actions user@local:5432 │ reads local:5433 lag 0.2 s`.
        let servers = header.reads.map { "actions \(header.user)@\(host)\(header.port.isEmpty ? "" : ":" + header.port) │ \($0.label)" }
            ?? "\(header.user)@\(host)"
        let left = " payops │ \(context)\(header.database)\(tenant) │ \(servers) │ PostgreSQL \(header.server)"
        // The read/write state and the refresh indicator are never cut: the connection text gives way first (with …).
        let state = " │ \(mode) │ \(refresh)"
        var right = ""
        if let connectionNote {
            right = "⚠ \(connectionNote) "
        } else if let loading {
            let elapsed = max(0, milliseconds - loading.sinceMilliseconds)
            right = "\(Self.spinner[(milliseconds / 100) % Self.spinner.count]) \(loading.name) \(elapsed / 1000).\(elapsed % 1000 / 100)s (Esc cancels) "
        }
        grid.fill(Rect(x: 0, y: 0, width: grid.width, height: 1), with: " ", style: Style(.header))
        let stateWidth = SafeText.width(of: state)
        right = SafeText.truncate(right, toWidth: max(0, grid.width - stateWidth - 12))
        let rightWidth = SafeText.width(of: right)
        let fitted = SafeText.truncate(left, toWidth: max(0, grid.width - rightWidth - stateWidth - 1))
        let end = grid.put(fitted, x: 0, y: 0, style: Style(.header))
        grid.put(state, x: end, y: 0, style: Style(.header))
        grid.put(right, x: grid.width - rightWidth, y: 0, style: Style(.header))
    }

    private func renderTabs(into grid: inout Grid) {
        var x = 0
        // When the names do not fit, inactive tabs shrink to their digit.
        let fullWidth = tabNames.enumerated().reduce(0) { $0 + SafeText.width(of: " \($1.offset + 1) \($1.element) ") + 1 }
        let compact = fullWidth > grid.width
        lastTabFrames = []
        for (index, name) in tabNames.enumerated() {
            let text = compact && index != activeTab ? " \(index + 1) " : " \(index + 1) \(name) "
            let style = index == activeTab ? Style(.selection, bold: true) : Style(.dim)
            let start = x
            x = grid.put(text, x: x, y: 1, style: style)
            lastTabFrames.append(start..<x)
            x += 1
        }
    }

    private func renderInputOrStatus(into grid: inout Grid, row: Int) {
        let rect = Rect(x: 0, y: row, width: grid.width, height: 1)
        switch mode {
        case let .command(text), let .filter(text):
            grid.fill(rect, with: " ", style: Style(.input))
            let sigil = mode == .command(text) ? ":" : "/"
            var hintWidth = 0
            if let promptHint, grid.width > 30 {
                let hint = SafeText.fit(promptHint, width: min(SafeText.width(of: promptHint), grid.width / 2))
                hintWidth = SafeText.width(of: hint) + 1
                grid.put(hint, x: grid.width - hintWidth + 1, y: row, style: Style(.dim))
            }
            // The line scrolls sideways so the cursor is always on screen.
            let room = max(1, grid.width - hintWidth - 2)
            let chars = Array(SafeText.sanitize(text))
            let cursor = min(prompt.cursor, chars.count)
            var start = 0
            while SafeText.width(of: String(chars[start..<cursor])) >= room { start += 1 }
            let shown = (start > 0 ? "…" : sigil) + String(chars[start...])
            grid.put(shown, x: 0, y: row, style: Style(.input), maxWidth: room + 1)
            let x = 1 + SafeText.width(of: String(chars[start..<cursor]))
            grid.cursor = Point(x: min(x, grid.width - 1), y: row)
        default:
            grid.render(StatusLine(left: status, right: "\(tabNames[activeTab])", isError: statusIsError), in: rect)
        }
    }

    /// The help overlay: every key in force, from the same table the footer and dispatch use.
    private func renderHelp(into grid: inout Grid, scroll: Int) {
        let table = keyTable
        let keyWidth = min(24, (table.map { SafeText.width(of: $0.keyLabel) }.max() ?? 4) + 2)
        var lines = table.map { SafeText.fit($0.keyLabel, width: keyWidth, alignment: .left) + $0.description
            + ($0.dangerous ? "  (changes data)" : "") }
        let width = min(grid.width - 4, 100)
        lines += [""] + SafeText.wrap("Commands: :tx ID|PREFIX|INTENT|KEY  :ip ADDR  :venue NAME  :theme NAME  :ctx NAME  "
                                      + ":log  :q  (Tab completes; ↑/↓ recall earlier lines)", width: width - 4)
        if let syntax = focused.filterHelp {
            lines += [""] + SafeText.wrap("Filter (/) on \(focused.title): " + syntax, width: width - 4)
        }
        lines += [""] + SafeText.wrap("At a prompt: ←/→ Home/End Ctrl-A/E move, Alt-b/Alt-f or Ctrl-←/→ by word, "
                                      + "Ctrl-U/K delete to start/end, Ctrl-W the word before, Esc cancels.", width: width - 4)
        lines += [""] + SafeText.wrap("Mouse: click a tab or a row (again: open it), a column header to sort by it; the wheel moves.",
                                      width: width - 4)
        let height = min(grid.height - 4, lines.count + 2)
        let frame = Rect(x: (grid.width - width) / 2, y: (grid.height - height) / 2, width: width, height: height)
        let top = min(scroll, max(0, lines.count - (height - 2)))
        grid.draw(in: frame) { canvas in
            canvas.fill(with: " ", style: Style(.normal))
            canvas.boxed(Box(title: "Help — \(focused.title)", trailing: "↑/↓ scroll · Esc close")) { inner in
                for (row, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
                    inner.put(line, x: 1, y: row, style: Style(.normal), maxWidth: inner.width - 2)
                }
            }
        }
    }
}
