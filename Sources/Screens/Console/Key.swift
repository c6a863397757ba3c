/// A key press as the console understands it (the curses backend translates terminal input into these).
public enum Key: Hashable, Sendable {
    case character(Character)
    /// Ctrl plus a letter, e.g. `.control("s")` for Ctrl-S.
    case control(Character)
    case up, down, left, right, pageUp, pageDown, home, end, enter, escape, tab, backTab, backspace, delete
    case function(Int)
    case resize

    /// How help and the footer write the key.
    public var label: String {
        switch self {
        case let .character(c): c == " " ? "Space" : String(c)
        case let .control(c): c == " " ? "Ctrl-Space" : "Ctrl-" + String(c).uppercased()
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case let .function(n): "F\(n)"
        case .resize: "resize"
        }
    }
}
