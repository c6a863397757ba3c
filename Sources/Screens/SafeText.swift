/// Turns any text from the database into text that is safe to draw in a terminal.
///
/// Nothing the database holds (user agents, metadata, reasons, names) can reach the terminal raw:
/// `Grid.put` sanitises everything it draws, and these functions sanitise text for other uses.
///
/// Replacements (each one column wide, so layout stays predictable):
/// - C0 controls U+0000–001F (NUL, BEL, BS, TAB, LF, CR, ESC, …) → the matching Unicode control
///   picture U+2400–241F (`␀ ␇ ␈ ␉ ␊ ␍ ␛`); a CR LF pair becomes `␍␊`;
/// - DEL U+007F → `␡`;
/// - C1 controls U+0080–009F (including the 8-bit CSI U+009B and OSC U+009D) → `�` (U+FFFD);
/// - bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069) → `�`: they could
///   reorder what the operator reads, so their presence is shown, not hidden;
/// - line and paragraph separators U+2028/2029 → `␤`;
/// - a combining mark, ZWJ or variation selector with nothing to attach to
///   (at the start, or after a replaced control) → `◌` + the mark, so it cannot fuse with a
///   replacement and sanitising twice changes nothing.
///
/// Removed (invisible, never needed to read the text, and a way to make two ids look equal):
/// - directional marks U+200E, U+200F, U+061C; zero-width space U+200B; word joiner and
///   invisible operators U+2060–2064; deprecated format characters U+206A–206F; BOM U+FEFF;
///   Mongolian vowel separator U+180E; soft hyphen U+00AD; interlinear annotations U+FFF9–FFFB;
/// - tag characters U+E0000–E007F, except inside an emoji (subdivision flags such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿);
/// - skin-tone modifiers U+1F3FB–1F3FF except after an emoji that takes one (👍🏽 keeps it);
/// - anything left that still draws nothing (a lone Hangul vowel jamo, a stray format character),
///   so every character of sanitised text is 1 or 2 columns wide;
/// - more than 4 combining marks on one character (ncurses keeps a base plus 4; "Zalgo" text),
///   and anything past 16 scalars in one grapheme cluster.
///
/// Kept: ZWJ and ZWNJ inside a cluster (emoji sequences, Indic scripts), variation selectors,
/// combining marks, private-use and unassigned characters (they are printable).
/// Invalid UTF-8 is decoded with U+FFFD for each bad byte.
public enum SafeText {
    /// The most combining marks kept on one character.
    public static let maxCombiningMarks = 4
    /// The most scalars kept in one grapheme cluster.
    public static let maxScalarsPerCharacter = 16

    /// Counts the characters SafeText reads from its input, so tests can check work done rather than time.
    ///
    /// Bound only inside `SafeText.$readCounter.withValue(…)`; nil (nothing counted) everywhere else.
    @TaskLocal static var readCounter: ReadCounter?

    /// A tally of characters read, used by one task at a time (the one that bound it).
    final class ReadCounter: @unchecked Sendable {
        var characters = 0
    }

    /// The text with every control and spoofing character replaced or removed (see the type's rules).
    public static func sanitize(_ text: some StringProtocol) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            readCounter?.characters += text.utf8.count     // printable ASCII: one byte is one character
            return String(text)
        }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var read = 0
        defer { readCounter?.characters += read }
        for character in text {
            read += 1
            if let replacement = replacement(for: character) {
                result += replacement
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// Decodes bytes as UTF-8 (each invalid byte becomes U+FFFD) and sanitises the result.
    public static func sanitize(utf8 bytes: some Collection<UInt8>) -> String {
        sanitize(String(decoding: bytes, as: UTF8.self))
    }

    /// True when drawing `text` raw could not affect the terminal or mislead the reader.
    public static func isSafe(_ text: some StringProtocol) -> Bool {
        text.allSatisfy { replacement(for: $0) == nil }
    }

    /// The columns `text` occupies once sanitised, i.e. as `Grid.put` draws it.
    public static func width(of text: some StringProtocol) -> Int {
        var total = 0
        forEachCharacter(in: text) { _, width in
            total += width
            return true
        }
        return total
    }

    /// Calls `body` with each sanitised grapheme cluster and its width until `body` returns false.
    ///
    /// Work is proportional to how far the caller reads, not to the length of the text.
    static func forEachCharacter(in text: some StringProtocol, _ body: (Character, Int) -> Bool) {
        var read = 0
        defer { readCounter?.characters += read }
        for character in text {
            read += 1
            if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F {
                if !body(character, 1) { return }
            } else if let replacement = replacement(for: character) {
                for piece in replacement where !body(piece, DisplayWidth.of(piece)) { return }
            } else if !body(character, DisplayWidth.of(character)) {
                return
            }
        }
    }

    /// One safe character for a single cell: the first grapheme of the sanitised text, or a space.
    static func safeSingleCharacter(_ character: Character) -> Character {
        guard let replacement = replacement(for: character) else { return character }
        return replacement.first ?? " "
    }

    /// What one grapheme cluster becomes: nil when it is safe as it is, "" when it is removed.
    static func replacement(for character: Character) -> String? {
        if let ascii = character.asciiValue {
            switch ascii {
            case 0x20..<0x7F: return nil
            case 0x7F: return "\u{2421}"
            default: return character == "\r\n" ? "\u{240D}\u{240A}" : String(controlPicture(UInt32(ascii)))
            }
        }
        let scalars = character.unicodeScalars
        guard let base = scalars.first else { return "" }
        // Tag characters survive only inside an emoji that stands on its own (🏴 + tags).
        let emojiBase = base.value > 0x7F && base.properties.isEmoji && !needsBase(base) && !isSkinTone(base)
        // A skin tone only belongs on an emoji that takes one; elsewhere it would show as a swatch
        // glued to another character (a three-column "character").
        let modifierBase = base.properties.isEmojiModifierBase
        var output = String.UnicodeScalarView()
        var changed = false
        var marks = 0
        var kept = 0
        for scalar in scalars {
            if kept >= maxScalarsPerCharacter { changed = true; break }
            switch action(for: scalar, emojiBase: emojiBase, modifierBase: modifierBase) {
            case .keep:
                if isCountedMark(scalar) {
                    marks += 1
                    if marks > maxCombiningMarks { changed = true; continue }
                }
                output.append(scalar)
                kept += 1
            case .replace(let replacement):
                output.append(replacement)
                kept += 1
                changed = true
            case .remove:
                changed = true
            }
        }
        if let first = output.first, needsBase(first) {
            output.insert("\u{25CC}", at: output.startIndex)
            changed = true
        }
        let result = changed ? String(output) : nil
        // Whatever still draws nothing (a lone Hangul vowel jamo, a stray format character) is dropped.
        if changed || DisplayWidth.of(base) == 0, DisplayWidth.of(result ?? String(character)) == 0 { return "" }
        return result
    }

    /// True for the five skin-tone modifiers.
    static func isSkinTone(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F3FB...0x1F3FF).contains(scalar.value)
    }

    /// What happens to one scalar of a cluster.
    enum Action: Equatable {
        case keep
        case replace(Unicode.Scalar)
        case remove
    }

    /// The rule for one scalar, given whether its cluster starts with an emoji / a skin-tone base.
    static func action(for scalar: Unicode.Scalar, emojiBase: Bool, modifierBase: Bool) -> Action {
        switch scalar.value {
        case 0x00...0x1F: return .replace(controlPicture(scalar.value))
        case 0x7F: return .replace("\u{2421}")
        case 0x80...0x9F: return .replace("\u{FFFD}")
        case 0xAD, 0x61C, 0x180E, 0x200B, 0x200E, 0x200F, 0x2060...0x2064, 0x206A...0x206F, 0xFEFF, 0xFFF9...0xFFFB:
            return .remove
        case 0x202A...0x202E, 0x2066...0x2069: return .replace("\u{FFFD}")
        case 0x2028, 0x2029: return .replace("\u{2424}")
        case 0x1F3FB...0x1F3FF: return modifierBase ? .keep : .remove
        case 0xE0000...0xE007F:
            return scalar.value >= 0xE0020 && emojiBase ? .keep : .remove
        default: return .keep
        }
    }

    /// The control picture for a C0 control (`␛` for ESC).
    static func controlPicture(_ value: UInt32) -> Unicode.Scalar {
        Unicode.Scalar(0x2400 + value) ?? "\u{FFFD}"
    }

    /// True for combining marks that count towards `maxCombiningMarks` (not variation selectors).
    static func isCountedMark(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x300 else { return false }
        switch scalar.value {
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF: return false
        default: break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// True for scalars that only make sense attached to a preceding character.
    static func needsBase(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x300 else { return false }
        switch scalar.value {
        case 0x200C, 0x200D, 0xFE00...0xFE0F, 0xFF9E, 0xFF9F, 0xE0100...0xE01EF: return true
        default: break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return false
        }
    }
}
