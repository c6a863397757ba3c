import PaymentData

extension ConsoleModel {
    /// Rows the wheel moves per notch.
    static let wheelRows = 3

    /// A click or a wheel turn, hit-tested against the last frame: a click on a tab switches to it, on a table
    /// row selects that row (by the same moves ↑/↓ make, so every list pane works alike), on the selected row
    /// opens it (as Enter), on a column header sorts by that column where the pane sorts; the wheel moves the
    /// selection (or scrolls help).
    func handleMouse(_ event: MouseEvent, milliseconds: Int) -> [ShellEffect] {
        if case let .help(scroll) = mode {
            switch event.kind {
            case .wheelUp: mode = .help(scroll: max(0, scroll - Self.wheelRows))
            case .wheelDown: mode = .help(scroll: scroll + Self.wheelRows)
            case .press: mode = .normal
            }
            return []
        }
        guard modal == nil, mode == .normal, unavailable == nil else { return [] }
        switch event.kind {
        case .wheelUp, .wheelDown:
            return move(event.kind == .wheelUp ? .up : .down, times: Self.wheelRows, milliseconds: milliseconds)
        case .press:
            if let tab = lastTabFrames.firstIndex(where: { $0.contains(event.x) && event.y == 1 }) {
                return tab == activeTab ? [] : switchTab(tab, milliseconds: milliseconds)
            }
            guard let hit = lastHits.last(where: { $0.contains(x: event.x, y: event.y) }) else { return [] }
            if let column = hit.column {
                guard hit.selected != nil else { return [] }      // the header of a table without the focus
                return perform(focused.handle(.pane("sort-column-\(column)"), visibleRows: bodyRows), milliseconds: milliseconds)
            }
            guard let row = hit.row, let selected = hit.selected else { return [] }
            if row == selected { return perform(focused.handle(.open, visibleRows: bodyRows), milliseconds: milliseconds) }
            return move(row > selected ? .down : .up, times: abs(row - selected), milliseconds: milliseconds)
        }
    }

    private func move(_ action: Action, times: Int, milliseconds: Int) -> [ShellEffect] {
        lastMoveMilliseconds = milliseconds
        var effects: [ShellEffect] = []
        for _ in 0..<times { effects += perform(focused.handle(action, visibleRows: bodyRows), milliseconds: milliseconds) }
        return effects
    }
}
