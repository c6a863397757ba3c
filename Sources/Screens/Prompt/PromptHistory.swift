/// What was typed at one prompt (`:` or `/`), oldest first, with ↑/↓ walking it like a shell's history:
/// ↑ from the line being typed keeps that line as a draft that ↓ past the newest entry brings back.
public struct PromptHistory: Equatable, Sendable {
    public private(set) var entries: [String]
    /// The entry ↑/↓ shows now; nil while editing the draft.
    public private(set) var position: Int?
    private var draft = ""
    /// Entries kept (the oldest go first).
    public static let limit = 200

    /// A history holding `entries` (oldest first), trimmed to the limit.
    public init(_ entries: [String] = []) {
        self.entries = Array(entries.suffix(Self.limit))
    }

    /// Remembers a submitted line: empty lines and lines that look secret are not kept; a line typed again
    /// moves to the end instead of appearing twice. Ends any walk.
    public mutating func record(_ line: String) {
        position = nil
        draft = ""
        let trimmed = line.trimmingCharacters(in: " ")
        guard !trimmed.isEmpty, !Self.looksSecret(trimmed), !trimmed.contains("\n") else { return }
        entries.removeAll { $0 == trimmed }
        entries.append(trimmed)
        if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
    }

    /// The entry before the one shown (↑), remembering `current` as the draft when the walk starts; nil at the oldest.
    public mutating func previous(current: String) -> String? {
        guard !entries.isEmpty else { return nil }
        let next: Int
        if let position {
            guard position > 0 else { return nil }
            next = position - 1
        } else {
            draft = current
            next = entries.count - 1
        }
        position = next
        return entries[next]
    }

    /// The entry after the one shown (↓), or the draft past the newest; nil when not walking.
    public mutating func next() -> String? {
        guard let position else { return nil }
        if position + 1 < entries.count {
            self.position = position + 1
            return entries[position + 1]
        }
        self.position = nil
        return draft
    }

    /// Forgets the walk (the prompt closed).
    public mutating func reset() {
        position = nil
        draft = ""
    }

    /// A conninfo with a password, or anything naming one, is never written to disk.
    static func looksSecret(_ line: String) -> Bool {
        let lower = line.lowercased()
        return lower.contains("password") || lower.contains("passwd") || lower.contains("secret")
    }

    /// The file form: one entry per line, oldest first.
    public var encoded: String { entries.map { $0 + "\n" }.joined() }

    /// Reads the file form; lines with control characters (a damaged file) are skipped.
    public init(decoding text: String) {
        let lines = text.split(separator: "\n").map(String.init).filter { line in
            !line.isEmpty && !line.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }
        self.init(lines)
    }
}
