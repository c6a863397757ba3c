/// A one-row chart of recent values (`▁▂▃▄▅▆▇█`), e.g. queue depth over the session.
///
/// Shows the most recent `width` values from the left edge, each scaled against `maximum`
/// (default: the largest value shown): a value ≤ 0 is a space, any positive value is at least
/// `▁`, the maximum is `█`. Values above an explicit maximum are drawn as `█`.
public struct Sparkline: Widget, Sendable {
    /// The values, oldest first.
    public var values: [Int]
    /// The value drawn as a full bar; nil to scale to the largest value shown.
    public var maximum: Int?
    /// The style of the bars.
    public var style: Style

    /// The eight bar heights, lowest first.
    public static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Makes a sparkline.
    public init(_ values: [Int], maximum: Int? = nil, style: Style = .normal) {
        self.values = values
        self.maximum = maximum
        self.style = style
    }

    /// The characters drawn at `width`: one per shown value.
    public func bars(width: Int) -> String {
        guard width > 0 else { return "" }
        let shown = values.suffix(width)
        let top = maximum ?? shown.max() ?? 0
        return String(shown.map { Sparkline.bar(for: $0, maximum: top) })
    }

    /// The bar for one value against `maximum`.
    public static func bar(for value: Int, maximum: Int) -> Character {
        guard value > 0 else { return " " }
        guard maximum > 0, value < maximum else { return bars[bars.count - 1] }
        // Ceiling of value × 8 / maximum, in floating point so huge counts cannot overflow.
        let level = Int((Double(value) * Double(bars.count) / Double(maximum)).rounded(.up))
        return bars[min(max(level, 1), bars.count) - 1]
    }

    /// Draws the bars in the canvas's first row.
    public func render(into canvas: inout Canvas) {
        guard canvas.width > 0, canvas.height > 0 else { return }
        canvas.put(bars(width: canvas.width), x: 0, y: 0, style: style)
    }
}
