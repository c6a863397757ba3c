import PaymentData

extension ConsoleModel {
    /// Handles one key; `milliseconds` is the backend's monotonic clock.
    public func handle(_ key: Key, milliseconds: Int) -> [ShellEffect] {
        clockMilliseconds = milliseconds
        // Esc and a key typed quickly after it reach us as Alt-key: except for the prompts' own Alt-b/f/d, that is
        // Esc, then the key (a form, help and the lists never see an Alt key).
        if case let .alt(c) = key {
            let promptOpen = modal == nil && (mode == .command(prompt.text) || mode == .filter(prompt.text))
            if !(promptOpen && "bfd".contains(c)) {
                return handle(.escape, milliseconds: milliseconds) + handle(.character(c), milliseconds: milliseconds)
            }
        }
        if case let .mouse(event) = key { return handleMouse(event, milliseconds: milliseconds) }
        if let modal { return handleModal(modal, key: key, milliseconds: milliseconds) }
        switch mode {
        case .normal: return handleNormal(key, milliseconds: milliseconds)
        case .command: return handlePrompt(key, command: true, milliseconds: milliseconds)
        case .filter: return handlePrompt(key, command: false, milliseconds: milliseconds)
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
            if key != .resize { say(unavailableKeyMessage(key), error: true, transient: true) }
            return []
        }
        switch action {
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            lastMoveMilliseconds = milliseconds
            return perform(focused.handle(action, visibleRows: bodyRows), milliseconds: milliseconds)
        case .open, .pane:
            return perform(focused.handle(action, visibleRows: bodyRows), milliseconds: milliseconds)
        case .back:
            if pop() { return [] }
            // Esc at the top of a list clears its filter, then says there is nowhere further back.
            if !focused.filterText.isEmpty { return submitFilterClear(milliseconds: milliseconds) }
            say("already at the top of \(tabNames[activeTab])", transient: true)
            return []
        case .quit: return [.quit]
        case .help: mode = .help(scroll: 0); return []
        case .commandMode: openPrompt(command: true); return []
        case .filter: openPrompt(command: false); return []
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
            let what = (focused as? DescribePane)?.focusedLabel ?? id
            say(SafeText.width(of: what) > 60 || focused is DescribePane ? "copied \(what) (\(id.count) characters, OSC 52)" : "copied \(id) (OSC 52)")
            return [.copy(id)]
        case .describe:
            guard let description = (focused as? any Describable)?.describeFocused() else {
                say(focused is DescribePane ? "already describing (Esc goes back)" : "nothing to describe here", error: true)
                return []
            }
            return push(DescribePane(description), milliseconds: milliseconds)
        case .export:
            guard let request = focused.export() else { say("nothing to export here", error: true); return [] }
            say("exporting…")
            return [.export(request)]
        case let .switchPane(index): return switchTab(index, milliseconds: milliseconds)
        case .nextPane: return switchTab((activeTab + 1) % stacks.count, milliseconds: milliseconds)
        case .previousPane: return switchTab((activeTab + stacks.count - 1) % stacks.count, milliseconds: milliseconds)
        }
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
        case let .context(name): return [.setContext(name)]
        case .log: return push(MessageLogPane(messageLog), milliseconds: milliseconds)
        case let .transaction(text):
            // From any pane: the Transactions list at its root, then the payment (or the search, or the filter).
            var effects = switchTab(routes.transactionsTab, milliseconds: milliseconds)
            if let id = PGUUID(text) {
                if let detail = focused as? TransactionDetailPane, detail.id == id { return effects }
                while pop() {}
                effects += push(TransactionDetailPane(id: id), milliseconds: milliseconds)
            } else {
                while pop() {}
                effects += perform(focused.applyFilter(text), milliseconds: milliseconds)
            }
            return effects
        case let .ip(address):
            _ = switchTab(routes.suspiciousTab, milliseconds: milliseconds)
            let pane = routes.ipPane(address)
            if focused.title == pane.title { return [] }
            while pop() {}
            return push(pane, milliseconds: milliseconds)
        case let .venue(name):
            activeTab = routes.venuesTab
            while pop() {}
            return perform(focused.applyFilter(name), milliseconds: milliseconds)
        }
    }

    private func submitFilterClear(milliseconds: Int) -> [ShellEffect] {
        let effects = focused.applyFilter("")
        if !effects.contains(where: { if case .error = $0 { true } else { false } }) { say("filter cleared") }
        return perform(effects, milliseconds: milliseconds)
    }

    /// Rows the focused pane's body has (set by the last render).
    var bodyRows: Int { max(1, lastBodyHeight - 1) }
}
