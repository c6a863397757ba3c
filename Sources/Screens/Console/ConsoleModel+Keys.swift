import PaymentData

extension ConsoleModel {
    /// Handles one key; `milliseconds` is the backend's monotonic clock.
    public func handle(_ key: Key, milliseconds: Int) -> [ShellEffect] {
        if let modal { return handleModal(modal, key: key, milliseconds: milliseconds) }
        switch mode {
        case .normal: return handleNormal(key, milliseconds: milliseconds)
        case let .command(text): return handleCommand(key, text: text, milliseconds: milliseconds)
        case let .filter(text): return handleFilter(key, text: text, milliseconds: milliseconds)
        case let .help(scroll):
            switch key {
            case .down, .character("j"): mode = .help(scroll: scroll + 1)
            case .up, .character("k"): mode = .help(scroll: max(0, scroll - 1))
            case .pageDown: mode = .help(scroll: scroll + 10)
            case .pageUp: mode = .help(scroll: max(0, scroll - 10))
            case .character("q"), .escape, .character("?"), .enter: mode = .normal
            default: break
            }
            return []
        }
    }

    private func handleNormal(_ key: Key, milliseconds: Int) -> [ShellEffect] {
        if key == .escape, loading != nil { say("cancelled"); return [.cancelQuery] }
        if key == .control("c") { return [.quit] }
        guard let action = GlobalKeys.action(for: key, in: keyTable) else {
            if key != .resize { say("\(key.label): no such key here (? for help)", error: true) }
            return []
        }
        switch action {
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            lastMoveMilliseconds = milliseconds
            return perform(focused.handle(action, visibleRows: bodyRows), milliseconds: milliseconds)
        case .open, .pane:
            return perform(focused.handle(action, visibleRows: bodyRows), milliseconds: milliseconds)
        case .back:
            if !pop() { say("already at the top of \(tabNames[activeTab])") }
            return []
        case .quit: return [.quit]
        case .help: mode = .help(scroll: 0); return []
        case .commandMode: mode = .command(""); return []
        case .filter: mode = .filter(focused.filterText); return []
        case .nextMatch:
            lastMoveMilliseconds = milliseconds
            return perform(focused.handle(.pageDown, visibleRows: bodyRows), milliseconds: milliseconds)
        case .previousMatch:
            lastMoveMilliseconds = milliseconds
            return perform(focused.handle(.pageUp, visibleRows: bodyRows), milliseconds: milliseconds)
        case .refresh:
            lastRefreshMilliseconds = milliseconds
            return focused.load(isRefresh: false).map { [.run($0)] } ?? []
        case .faster:
            intervalIndex = max(0, intervalIndex - 1)
            say("live refresh every \(interval) s")
            return []
        case .slower:
            intervalIndex = min(Self.intervals.count - 1, intervalIndex + 1)
            say("live refresh every \(interval) s")
            return []
        case .togglePause:
            paused.toggle()
            say(paused ? "live refresh paused (P resumes)" : "live refresh every \(interval) s")
            return []
        case .copyID:
            guard let id = focused.focusedID else { say("nothing to copy here", error: true); return [] }
            say("copied \(id) (OSC 52)")
            return [.copy(id)]
        case .export:
            guard let request = focused.export() else { say("nothing to export here", error: true); return [] }
            say("exporting…")
            return [.export(request)]
        case let .switchPane(index): return switchTab(index, milliseconds: milliseconds)
        case .nextPane: return switchTab((activeTab + 1) % stacks.count, milliseconds: milliseconds)
        case .previousPane: return switchTab((activeTab + stacks.count - 1) % stacks.count, milliseconds: milliseconds)
        }
    }

    private func handleCommand(_ key: Key, text: String, milliseconds: Int) -> [ShellEffect] {
        switch key {
        case .escape: mode = .normal
        case .backspace: mode = text.isEmpty ? .normal : .command(String(text.dropLast()))
        case .tab: mode = .command(ConsoleCommandLine.complete(text))
        case .enter:
            mode = .normal
            return run(command: text, milliseconds: milliseconds)
        case let .character(c): mode = .command(text + String(c))
        default: break
        }
        return []
    }

    private func handleFilter(_ key: Key, text: String, milliseconds: Int) -> [ShellEffect] {
        switch key {
        case .escape: mode = .normal
        case .backspace: mode = .filter(String(text.dropLast()))
        case .enter:
            mode = .normal
            let effects = focused.applyFilter(text.trimmingCharacters(in: " "))
            if !effects.contains(where: { if case .error = $0 { true } else { false } }) {
                say(text.isEmpty ? "filter cleared" : "filter: \(text)")
            }
            return perform(effects, milliseconds: milliseconds)
        case let .character(c): mode = .filter(text + String(c))
        default: break
        }
        return []
    }

    /// Runs a `:` command.
    func run(command text: String, milliseconds: Int) -> [ShellEffect] {
        let command: ConsoleCommandLine.Command
        do { command = try ConsoleCommandLine.parse(text) } catch {
            say(error.description, error: true)
            return []
        }
        switch command {
        case .quit: return [.quit]
        case .help: mode = .help(scroll: 0); return []
        case let .theme(name): return [.setTheme(name)]
        case let .tenant(text): return [.setTenant(text)]
        case let .transaction(text):
            var effects = switchTab(routes.transactionsTab, milliseconds: milliseconds)
            if let id = PGUUID(text) {
                effects += push(TransactionDetailPane(id: id), milliseconds: milliseconds)
            } else {
                effects += perform(focused.applyFilter(text), milliseconds: milliseconds)
            }
            return effects
        case let .ip(address):
            _ = switchTab(routes.suspiciousTab, milliseconds: milliseconds)
            return push(routes.ipPane(address), milliseconds: milliseconds)
        case let .venue(name):
            activeTab = routes.venuesTab
            while pop() {}
            return perform(focused.applyFilter(name), milliseconds: milliseconds)
        }
    }

    /// Rows the focused pane's body has (set by the last render).
    var bodyRows: Int { max(1, lastBodyHeight - 1) }
}
