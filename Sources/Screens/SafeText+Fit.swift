extension SafeText {
    /// The ellipsis that marks truncated text.
    public static let ellipsis: Character = "…"

    /// Sanitises `text` and cuts it to at most `width` columns, ending in `…` when anything was cut.
    ///
    /// Never splits a grapheme cluster or a wide character; width 0 gives "", width 1 gives "…"
    /// when the text does not fit. Stops reading once the width is exceeded, so a 100 KB user
    /// agent costs no more than a short one.
    public static func truncate(_ text: some StringProtocol, toWidth width: Int) -> String {
        truncateMeasured(text, toWidth: width).text
    }

    /// Sanitises, truncates and pads `text` to exactly `width` columns.
    public static func fit(_ text: some StringProtocol, width: Int, alignment: Alignment = .left) -> String {
        guard width > 0 else { return "" }
        let (cut, used) = truncateMeasured(text, toWidth: width)
        let (leading, trailing) = alignment.padding(used: used, width: width)
        if leading == 0 && trailing == 0 { return cut }
        return String(repeating: " ", count: leading) + cut + String(repeating: " ", count: trailing)
    }

    /// Truncated, sanitised text and its width in columns.
    static func truncateMeasured(_ text: some StringProtocol, toWidth width: Int) -> (text: String, width: Int) {
        guard width > 0 else { return ("", 0) }
        var kept: [Character] = []
        var used = 0
        var fitsWithEllipsis = (count: 0, width: 0)
        var truncated = false
        forEachCharacter(in: text) { character, characterWidth in
            if used + characterWidth > width {
                truncated = true
                return false
            }
            kept.append(character)
            used += characterWidth
            if used <= width - 1 { fitsWithEllipsis = (kept.count, used) }
            return true
        }
        guard truncated else { return (String(kept), used) }
        return (String(kept[..<fitsWithEllipsis.count]) + String(ellipsis), fitsWithEllipsis.width + 1)
    }

    /// Sanitises `text` and breaks it into lines of at most `width` columns.
    ///
    /// Line feeds in the text start new lines; lines break at spaces where possible, and a word
    /// longer than a line is broken between characters. Width 0 gives no lines.
    public static func wrap(_ text: some StringProtocol, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            wrapParagraph(paragraph, width: width, into: &lines)
        }
        return lines
    }

    /// Greedy word wrap of one paragraph (no line feeds) into `lines`.
    static func wrapParagraph(_ paragraph: some StringProtocol, width: Int, into lines: inout [String]) {
        var line = ""
        var lineWidth = 0
        var pendingSpaces = 0
        var word: [Character] = []
        var wordWidth = 0

        func flushWord() {
            guard !word.isEmpty else { return }
            if lineWidth > 0 && lineWidth + pendingSpaces + wordWidth > width {
                lines.append(line)
                line = ""
                lineWidth = 0
                pendingSpaces = 0
            }
            if lineWidth > 0 {
                line += String(repeating: " ", count: pendingSpaces)
                lineWidth += pendingSpaces
            }
            pendingSpaces = 0
            for original in word {
                // A wide character in a one-column line cannot be shown: mark it with the ellipsis.
                let fits = DisplayWidth.of(original) <= width
                let character = fits ? original : ellipsis
                let w = fits ? DisplayWidth.of(original) : 1
                if lineWidth + w > width && lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                line.append(character)
                lineWidth += w
            }
            word.removeAll(keepingCapacity: true)
            wordWidth = 0
        }

        forEachCharacter(in: paragraph) { character, characterWidth in
            if character == " " {
                flushWord()
                if lineWidth > 0 { pendingSpaces += 1 }
            } else {
                word.append(character)
                wordWidth += characterWidth
            }
            return true
        }
        flushWord()
        lines.append(line)
    }
}
