/// Tab completion for the prompts: the word before the cursor is completed from a list of candidates,
/// to the unique match or to the longest prefix the matches share.
public enum Completion {
    /// The completed text and the candidates that still match (for a hint when more than one does).
    public struct Result: Equatable, Sendable {
        public var text: String
        public var matches: [String]
    }

    /// Completes the last word of `text` (after the last space, and after `separator` inside it, such as the
    /// comma of `status:failed,ref`) from `candidates`; a unique match gets `suffix` (a space, say) appended.
    public static func complete(_ text: String, from candidates: [String], separators: Set<Character> = [" "],
                                suffix: String = " ") -> Result {
        let start = text.lastIndex(where: { separators.contains($0) }).map { text.index(after: $0) } ?? text.startIndex
        let head = String(text[..<start]), word = String(text[start...])
        let matches = candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) }
        guard let first = matches.first else { return Result(text: text, matches: []) }
        if matches.count == 1 { return Result(text: head + first + (first.hasSuffix(":") ? "" : suffix), matches: matches) }
        var prefix = first
        for match in matches.dropFirst() {
            while !match.lowercased().hasPrefix(prefix.lowercased()) { prefix.removeLast() }
        }
        return Result(text: prefix.count > word.count ? head + prefix : text, matches: matches)
    }
}
