/// One footer entry: the key to press and what it does.
public struct KeyHint: Hashable, Sendable, CustomStringConvertible {
    /// The key as shown (`q`, `Enter`, `^S`).
    public var key: String
    /// What the key does (`Quit`).
    public var description: String

    /// Makes a hint.
    public init(_ key: String, _ description: String) {
        self.key = key
        self.description = description
    }

    /// The hint's width as drawn: key, a space, description.
    var width: Int {
        let keyWidth = SafeText.width(of: key), descriptionWidth = SafeText.width(of: description)
        return descriptionWidth == 0 ? keyWidth : keyWidth + 1 + descriptionWidth
    }
}

/// The one-row footer of key hints, built from the same key table as help and read-only gating.
///
/// ```
/// q Quit  / Filter  Enter Detail  ? Help
/// ```
/// Hints are separated by two spaces. When they do not all fit, as many whole hints as fit are
/// shown followed by `…`; when not even the first fits, it is truncated (key first).
public struct Footer: Widget, Sendable {
    /// The hints, most important first.
    public var hints: [KeyHint]
    /// Columns between two hints.
    public static let separator = 2

    /// Makes a footer.
    public init(_ hints: [KeyHint]) {
        self.hints = hints
    }

    /// Draws the hints in the canvas's first row.
    public func render(into canvas: inout Canvas) {
        let width = canvas.width
        guard width > 0, canvas.height > 0 else { return }
        canvas.fill(Rect(x: 0, y: 0, width: width, height: 1), style: Style(.footerText))
        guard let first = hints.first else { return }
        let shown = fittingCount(width: width)
        if shown == 0 {
            let key = SafeText.truncate(first.key, toWidth: width)
            let end = canvas.put(key, x: 0, y: 0, style: Style(.footerKey, bold: true))
            if end + 1 < width, !first.description.isEmpty {
                canvas.put(SafeText.truncate(first.description, toWidth: width - end - 1), x: end + 1, y: 0, style: Style(.footerText))
            }
            return
        }
        var x = 0
        for hint in hints.prefix(shown) {
            if x > 0 { x += Footer.separator }
            x = draw(hint, x: x, in: &canvas)
        }
        if shown < hints.count {
            canvas.put(String(SafeText.ellipsis), x: x + Footer.separator, y: 0, style: Style(.footerText))
        }
    }

    /// How many leading hints are drawn whole at `width` (leaving room for `…` if some are dropped).
    public func fittingCount(width: Int) -> Int {
        var total = 0
        var fits: [Int] = [0]    // fits[k]: width of the first k hints with separators
        for (index, hint) in hints.enumerated() {
            total += (index > 0 ? Footer.separator : 0) + hint.width
            fits.append(total)
        }
        if total <= width { return hints.count }
        var count = hints.count - 1
        while count > 0 && fits[count] + Footer.separator + 1 > width { count -= 1 }
        return count
    }

    /// Draws one hint at column x and returns the column after it.
    func draw(_ hint: KeyHint, x: Int, in canvas: inout Canvas) -> Int {
        var end = canvas.put(SafeText.sanitize(hint.key), x: x, y: 0, style: Style(.footerKey, bold: true))
        if !hint.description.isEmpty {
            end = canvas.put(SafeText.sanitize(hint.description), x: end + 1, y: 0, style: Style(.footerText))
        }
        return end
    }
}
