import PaymentData

/// The `:` and `/` prompts: a line editor each, with history (↑/↓), Tab completion, Enter and Esc.
extension ConsoleModel {
    /// Opens the `:` prompt (empty) or the `/` prompt (holding the filter in force, for editing).
    func openPrompt(command: Bool) {
        prompt = LineEditor(command ? "" : focused.filterText)
        promptHint = nil
        commandHistory.reset()
        filterHistory.reset()
        mode = command ? .command(prompt.text) : .filter(prompt.text)
    }

    /// One key at an open prompt.
    func handlePrompt(_ key: Key, command: Bool, milliseconds: Int) -> [ShellEffect] {
        // Backspace on an empty `:` line closes it, as in vi.
        if command, key == .backspace, prompt.text.isEmpty { mode = .normal; return [] }
        let outcome = prompt.handle(key)
        promptHint = nil
        switch outcome {
        case .edited, .moved, .ignored: break
        case .cancel:
            mode = .normal
            return []
        case .submit:
            mode = .normal
            let text = prompt.text
            if command { commandHistory.record(text) } else { filterHistory.record(text) }
            historyChanged?(command ? ":" : "/", command ? commandHistory : filterHistory)
            return command ? run(command: text, milliseconds: milliseconds) : submitFilter(text, milliseconds: milliseconds)
        case .historyPrevious:
            let entry = command ? commandHistory.previous(current: prompt.text) : filterHistory.previous(current: prompt.text)
            if let entry { prompt.replace(with: entry) }
        case .historyNext:
            let entry = command ? commandHistory.next() : filterHistory.next()
            if let entry { prompt.replace(with: entry) }
        case .complete:
            let before = prompt.text
            let result = command ? completeCommand(before) : completeFilter(before)
            prompt.replace(with: result.text)
            if result.matches.count > 1, result.text == before { promptHint = result.matches.joined(separator: " ") }
            if result.matches.isEmpty { promptHint = "no completion" }
        }
        mode = command ? .command(prompt.text) : .filter(prompt.text)
        return []
    }

    private func submitFilter(_ text: String, milliseconds: Int) -> [ShellEffect] {
        let effects = focused.applyFilter(text.trimmingCharacters(in: " "))
        if !effects.contains(where: { if case .error = $0 { true } else { false } }) {
            say(text.isEmpty ? "filter cleared" : "filter: \(text)")
        }
        return perform(effects, milliseconds: milliseconds)
    }

    /// `:` completion: command names, then theme names after `theme `, context names after `ctx `.
    func completeCommand(_ text: String) -> Completion.Result {
        let words = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        guard words.count == 2 else { return Completion.complete(text, from: ConsoleCommandLine.names) }
        switch words[0].lowercased() {
        case "theme": return Completion.complete(text, from: themeNames)
        case "ctx", "context": return Completion.complete(text, from: contextNames)
        default: return Completion.Result(text: text, matches: [])
        }
    }

    /// `/` completion: the focused pane's filter keys (`status:`), then the values a key takes (`status:fa` → `failed`).
    func completeFilter(_ text: String) -> Completion.Result {
        let word = text.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        if let colon = word.firstIndex(of: ":") {
            let values = focused.filterValues(for: word[..<colon].lowercased())
            return Completion.complete(text, from: values, separators: [" ", ":", ","])
        }
        return Completion.complete(text, from: focused.filterKeys)
    }
}
