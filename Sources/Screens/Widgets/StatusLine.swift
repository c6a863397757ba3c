/// The one-row status line: a message on the left, context on the right, an error variant.
///
/// ```
/// loaded 50 transactions                  [RW] payops@db 12:03
/// ```
/// The left text has priority: it is never hidden by the right text, which gets what is left
/// after one separating space (truncated with `…`, or dropped). An error uses `.statusError`.
public struct StatusLine: Widget, Sendable {
    /// The message at the left.
    public var left: String
    /// Context at the right (mode, connection, clock).
    public var right: String
    /// True when the message is an error.
    public var isError: Bool

    /// Makes a status line.
    public init(left: String, right: String = "", isError: Bool = false) {
        self.left = left
        self.right = right
        self.isError = isError
    }

    /// A status line showing an error message.
    public static func error(_ message: String, right: String = "") -> StatusLine {
        StatusLine(left: message, right: right, isError: true)
    }

    /// The style of the whole row.
    public var style: Style { isError ? Style(.statusError, bold: true) : Style(.status) }

    /// Draws the status line in the canvas's first row.
    public func render(into canvas: inout Canvas) {
        let width = canvas.width
        guard width > 0, canvas.height > 0 else { return }
        canvas.fill(Rect(x: 0, y: 0, width: width, height: 1), style: style)
        let leftText = SafeText.truncate(left, toWidth: width)
        let leftWidth = canvas.put(leftText, x: 0, y: 0, style: style)
        let room = width - leftWidth - (leftWidth > 0 ? 1 : 0)
        guard room > 0, !right.isEmpty else { return }
        let rightText = SafeText.truncate(right, toWidth: room)
        canvas.put(rightText, x: width - SafeText.width(of: rightText), y: 0, style: style)
    }
}
