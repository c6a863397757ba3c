/// A centred modal box: title, message lines, and a row of buttons with one focused.
///
/// ```
///     ┌─ Refund ──────────────────┐
///     │ Refund $12.50 to user 42? │
///     │                           │
///     │   [ Cancel ]  [ Refund ]  │
///     └───────────────────────────┘
/// ```
/// Sized to its content and clamped to the canvas; message lines are word-wrapped to fit.
/// Destructive dialogs start with focus on Cancel (the caller sets `focused`); a dangerous
/// dialog draws its border and title in the `.danger` role.
public struct Dialog: Widget, Sendable {
    /// The title on the top border.
    public var title: String
    /// The message, one entry per paragraph (wrapped to the dialog's width).
    public var message: [String]
    /// The button labels, left to right.
    public var buttons: [String]
    /// The index of the focused button; nil or out of range for none.
    public var focused: Int?
    /// True for destructive confirmations.
    public var isDangerous: Bool

    /// Makes a dialog.
    public init(title: String, message: [String], buttons: [String], focused: Int? = 0, isDangerous: Bool = false) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.focused = focused
        self.isDangerous = isDangerous
    }

    /// Columns between two buttons.
    static let buttonGap = 2

    /// How a button is drawn: `[ OK ]`.
    static func buttonText(_ label: String) -> String { "[ " + SafeText.sanitize(label) + " ]" }

    /// The rectangle the dialog occupies inside a canvas of size `bounds`.
    public func frame(in bounds: Rect) -> Rect {
        let inner = contentWidth(maximum: bounds.width - 4)
        let lines = wrappedMessage(width: inner)
        let rows = lines.count + (buttons.isEmpty ? 2 : 4)
        return bounds.centered(width: inner + 4, height: rows)
    }

    /// The width of the text area: the widest of title, message and buttons, at most `maximum`.
    func contentWidth(maximum: Int) -> Int {
        let titleWidth = SafeText.width(of: title) + 2
        let messageWidth = message.map { SafeText.width(of: $0) }.max() ?? 0
        let buttonsWidth = buttons.map { SafeText.width(of: Dialog.buttonText($0)) }.reduce(0, +)
            + Dialog.buttonGap * max(0, buttons.count - 1)
        return max(0, min(maximum, max(titleWidth, messageWidth, buttonsWidth)))
    }

    /// The message wrapped to `width` columns.
    func wrappedMessage(width: Int) -> [String] {
        message.flatMap { SafeText.wrap($0, width: max(1, width)) }
    }

    /// Draws the dialog centred in the canvas, over whatever is there.
    public func render(into canvas: inout Canvas) {
        guard canvas.width > 0, canvas.height > 0 else { return }
        let frame = frame(in: canvas.bounds)
        let borderStyle = isDangerous ? Style(.danger) : Style(.border)
        let titleStyle = isDangerous ? Style(.danger, bold: true) : Style(.title, bold: true)
        let lines = wrappedMessage(width: frame.width - 4)
        canvas.region(frame) { dialog in
            dialog.fill()
            dialog.render(Box(title: title, style: borderStyle, titleStyle: titleStyle))
            // Text area: inside the border with one column of padding on each side.
            dialog.region(dialog.bounds.inset(top: 1, left: 2, bottom: 1, right: 2)) { content in
                for (index, line) in lines.enumerated() {
                    content.put(line, x: 0, y: index)
                }
                guard !buttons.isEmpty else { return }
                drawButtons(into: &content, y: content.height - 1)
            }
        }
    }

    /// Draws the buttons centred on row `y`, the focused one highlighted.
    func drawButtons(into canvas: inout Canvas, y: Int) {
        let labels = buttons.map(Dialog.buttonText)
        let total = labels.map { SafeText.width(of: $0) }.reduce(0, +) + Dialog.buttonGap * (labels.count - 1)
        var x = max(0, (canvas.width - total) / 2)
        for (index, label) in labels.enumerated() {
            let style = index == focused ? Style(.selection, bold: true) : Style.normal
            x = canvas.put(label, x: x, y: y, style: style) + Dialog.buttonGap
        }
    }
}
