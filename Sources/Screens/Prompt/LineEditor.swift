/// A one-line text editor for the `/` and `:` prompts, as readline and the shells have taught people:
/// ←/→, Home/End, Ctrl-A/E, Ctrl-U/W/K, word moves (Alt-b/Alt-f, Ctrl-←/→), Backspace/Delete.
/// A value: the model keeps one while a prompt is open; the cursor counts characters from the start.
public struct LineEditor: Equatable, Sendable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int

    /// What a key did to the line (or asks the owner to do).
    public enum Outcome: Equatable, Sendable {
        /// The text changed.
        case edited
        /// Only the cursor moved.
        case moved
        /// Enter, Esc, Tab, ↑ and ↓ belong to the owner (submit, cancel, complete, history).
        case submit, cancel, complete, historyPrevious, historyNext
        /// Nothing to do (a key the editor does not know, or a move at the end of the line).
        case ignored
    }

    /// A line holding `text` with the cursor at its end.
    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    /// The line's text.
    public var text: String { String(characters) }

    /// Replaces the whole line (history, completion); the cursor goes to the end.
    public mutating func replace(with text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    /// Handles one key.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .enter: return .submit
        case .escape, .control("c"), .control("g"): return .cancel
        case .tab: return .complete
        case .up, .control("p"): return .historyPrevious
        case .down, .control("n"): return .historyNext
        case .left, .control("b"): return move(to: cursor - 1)
        case .right, .control("f"): return move(to: cursor + 1)
        case .home, .control("a"): return move(to: 0)
        case .end, .control("e"): return move(to: characters.count)
        case .alt("b"), .wordLeft: return move(to: wordStart(before: cursor))
        case .alt("f"), .wordRight: return move(to: wordEnd(after: cursor))
        case .backspace:
            guard cursor > 0 else { return .ignored }
            return delete(cursor - 1..<cursor)
        case .delete, .control("d"):
            guard cursor < characters.count else { return .ignored }
            return delete(cursor..<cursor + 1)
        case .control("u"): return delete(0..<cursor)
        case .control("k"): return delete(cursor..<characters.count)
        case .control("w"): return delete(wordStart(before: cursor, spacesOnly: true)..<cursor)
        case .alt("d"): return delete(cursor..<wordEnd(after: cursor))
        case let .character(c):
            guard !c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return .ignored }
            characters.insert(c, at: cursor)
            cursor += 1
            return .edited
        default: return .ignored
        }
    }

    private mutating func move(to position: Int) -> Outcome {
        let target = min(max(0, position), characters.count)
        guard target != cursor else { return .ignored }
        cursor = target
        return .moved
    }

    private mutating func delete(_ range: Range<Int>) -> Outcome {
        guard !range.isEmpty else { return .ignored }
        characters.removeSubrange(range)
        cursor = range.lowerBound
        return .edited
    }

    /// Where the word before `position` starts: skip separators, then the word. Ctrl-W stops only at
    /// spaces (it kills `status:failed` whole), Alt-b also at punctuation, as in readline.
    private func wordStart(before position: Int, spacesOnly: Bool = false) -> Int {
        var index = position
        func isWord(_ c: Character) -> Bool { spacesOnly ? c != " " : Self.isWordCharacter(c) }
        while index > 0, !isWord(characters[index - 1]) { index -= 1 }
        while index > 0, isWord(characters[index - 1]) { index -= 1 }
        return index
    }

    /// Where the word after `position` ends.
    private func wordEnd(after position: Int) -> Int {
        var index = position
        while index < characters.count, !Self.isWordCharacter(characters[index]) { index += 1 }
        while index < characters.count, Self.isWordCharacter(characters[index]) { index += 1 }
        return index
    }

    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
}
