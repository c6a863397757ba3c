extension Grid {
    /// A grid showing `lines` in the normal style: the expected screen of a snapshot test.
    ///
    /// The size is the widest line by the number of lines unless `width`/`height` say otherwise.
    public init(lines: [String], width: Int? = nil, height: Int? = nil) {
        let measured = lines.map { SafeText.width(of: $0) }.max() ?? 0
        self.init(width: width ?? measured, height: height ?? lines.count)
        for (y, line) in lines.enumerated() where y < self.height {
            put(line, x: 0, y: y)
        }
    }

    /// Each row as plain text, continuation cells skipped and trailing spaces trimmed.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for cell in row(y) where !cell.isContinuation { line.append(cell.character) }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The rows as plain text joined with line feeds (trailing spaces trimmed).
    public var text: String { lines.joined(separator: "\n") }

    /// Each row drawn with one marker character per column, chosen from the cell: for checking styles.
    ///
    /// `grid.mask { $0.style.role == .selection ? "#" : "." }` shows which cells are highlighted.
    /// Trailing spaces are not trimmed.
    public func mask(_ marker: (Cell) -> Character) -> [String] {
        (0..<height).map { y in String(row(y).map(marker)) }
    }

    /// Nil when this grid shows the same text as `expected`; otherwise a line diff for a test failure.
    ///
    /// Compares `lines` (so trailing spaces and styles do not matter). The message lists each
    /// differing line by number (1-based) with both versions between bars and a caret under the
    /// first differing column, then the whole actual screen.
    public func diff(_ expected: Grid) -> String? {
        diff(expectedLines: expected.lines)
    }

    /// Nil when this grid shows exactly `expectedLines`; otherwise a readable line diff.
    public func diff(expectedLines: [String]) -> String? {
        let actualLines = lines
        let expectedTrimmed = expectedLines.map { line -> String in
            var trimmed = line
            while trimmed.last == " " { trimmed.removeLast() }
            return trimmed
        }
        guard actualLines != expectedTrimmed else { return nil }
        var message = "screen differs (\(width)×\(height) grid"
        if actualLines.count != expectedTrimmed.count {
            message += "; expected \(expectedTrimmed.count) lines, got \(actualLines.count)"
        }
        message += "):\n"
        for index in 0..<max(actualLines.count, expectedTrimmed.count) {
            let actual = index < actualLines.count ? actualLines[index] : nil
            let wanted = index < expectedTrimmed.count ? expectedTrimmed[index] : nil
            guard actual != wanted else { continue }
            message += "  line \(index + 1):\n"
            message += "    expected: " + (wanted.map { "|\($0)|" } ?? "(no line)") + "\n"
            message += "    actual:   " + (actual.map { "|\($0)|" } ?? "(no line)") + "\n"
            if let actual, let wanted {
                message += "               " + String(repeating: " ", count: firstDifference(actual, wanted)) + "^\n"
            }
        }
        message += "actual screen:\n"
        for line in actualLines { message += "  |\(line)|\n" }
        return message
    }

    /// The display column where two lines first differ.
    func firstDifference(_ a: String, _ b: String) -> Int {
        var column = 0
        var left = a.makeIterator(), right = b.makeIterator()
        while let x = left.next() {
            guard let y = right.next(), x == y else { return column }
            column += DisplayWidth.of(x)
        }
        return column
    }
}

extension Grid: CustomStringConvertible {
    /// A short description for debugging and test failures.
    public var description: String { "Grid \(width)×\(height)\n" + text }
}
