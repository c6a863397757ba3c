/// Shown instead of the panes when the terminal is smaller than the layout needs.
///
/// One centred line, `terminal too small (need 80×24, have 40×10)`, or, when that does not fit,
/// two centred lines `terminal too small` / `need 80×24, have 40×10`, each truncated with `…`.
public struct TooSmallScreen: Widget, Sendable {
    /// The columns the layout needs.
    public var neededWidth: Int
    /// The rows the layout needs.
    public var neededHeight: Int

    /// Makes the screen for a minimum size.
    public init(neededWidth: Int, neededHeight: Int) {
        self.neededWidth = neededWidth
        self.neededHeight = neededHeight
    }

    /// True when a terminal of the given size is too small for the layout.
    public func applies(width: Int, height: Int) -> Bool {
        width < neededWidth || height < neededHeight
    }

    /// The lines shown on a canvas of the given size.
    public func lines(width: Int, height: Int) -> [String] {
        let need = "need \(neededWidth)×\(neededHeight), have \(width)×\(height)"
        let single = "terminal too small (\(need))"
        let lines = SafeText.width(of: single) <= width ? [single] : ["terminal too small", need]
        return lines.map { SafeText.truncate($0, toWidth: width) }
    }

    /// Clears the canvas and draws the message in its middle.
    public func render(into canvas: inout Canvas) {
        guard canvas.width > 0, canvas.height > 0 else { return }
        canvas.fill()
        let lines = lines(width: canvas.width, height: canvas.height)
        let top = max(0, (canvas.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let x = (canvas.width - SafeText.width(of: line)) / 2
            canvas.put(line, x: x, y: top + index, style: Style(.warning, bold: true))
        }
    }
}
