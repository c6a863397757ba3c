/// A key press as the console understands it (the curses backend translates terminal input into these).
public enum Key: Hashable, Sendable {
    case character(Character)
    /// Ctrl plus a letter, e.g. `.control("s")` for Ctrl-S.
    case control(Character)
    case up, down, left, right, pageUp, pageDown, home, end, enter, escape, tab, backTab, backspace, delete
    case function(Int)
    case resize
    /// A mouse button or wheel at a cell of the screen (the curses backend reads it with getmouse).
    case mouse(MouseEvent)
    /// Alt (Meta) plus a character, e.g. `.alt("b")` for Alt-b (the terminal sends Esc, then the character).
    case alt(Character)
    /// Ctrl-← and Ctrl-→: a word left or right in a prompt.
    case wordLeft, wordRight

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
        case let .mouse(event): event.label
        case let .alt(c): "Alt-" + String(c)
        case .wordLeft: "Ctrl-←"
        case .wordRight: "Ctrl-→"
        }
    }
}

/// A mouse event at a screen cell (0-based column and row).
public struct MouseEvent: Hashable, Sendable {
    /// What happened.
    public enum Kind: Hashable, Sendable {
        /// The left button went down.
        case press
        case wheelUp, wheelDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    /// Makes an event.
    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }

    /// How help writes it.
    public var label: String {
        switch kind {
        case .press: "click"
        case .wheelUp: "wheel ↑"
        case .wheelDown: "wheel ↓"
        }
    }
}
