/// What a key does. Global actions are handled by the shell; the rest go to the focused pane.
public enum Action: Hashable, Sendable {
    // Moving in a list.
    case up, down, pageUp, pageDown, top, bottom
    case open, back
    // The shell.
    case quit, help, commandMode, filter, nextMatch, previousMatch
    case refresh, faster, slower, togglePause, copyID, export
    /// Open the describe view of the focused row (`d`).
    case describe
    case switchPane(Int), nextPane, previousPane
    /// A pane's own action, identified by name (e.g. "timeline", "refund").
    case pane(String)
}

/// One entry of a key table: the footer, `?` help and read-only gating all read these.
public struct KeyBinding: Sendable, Equatable {
    public var keys: [Key]
    public var action: Action
    public var description: String
    /// Changes money or state: hidden in read-only sessions, and always confirmed first.
    public var dangerous: Bool
    /// Shown in the footer (otherwise only in help).
    public var inFooter: Bool
    /// The group role a dangerous action needs (`payops_support`, …); the key is not offered without it.
    public var group: String?

    /// Makes a binding.
    public init(_ keys: [Key], _ action: Action, _ description: String, dangerous: Bool = false, inFooter: Bool = false,
                group: String? = nil) {
        self.keys = keys
        self.action = action
        self.description = description
        self.dangerous = dangerous
        self.inFooter = inFooter
        self.group = group
    }

    /// A write action of `group` (hidden without the group and in read-only sessions).
    public static func write(_ key: Character, _ name: String, _ description: String, group: String,
                             inFooter: Bool = true) -> KeyBinding {
        KeyBinding([.character(key)], .pane(name), description, dangerous: true, inFooter: inFooter, group: group)
    }

    /// How the keys are written, e.g. `↑/k`.
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}

/// The keys every pane shares, in the order help lists them.
public enum GlobalKeys {
    public static let navigation: [KeyBinding] = [
        KeyBinding([.up, .character("k")], .up, "move up"),
        KeyBinding([.down, .character("j")], .down, "move down"),
        KeyBinding([.pageUp, .control("b")], .pageUp, "page up"),
        KeyBinding([.pageDown, .control("f")], .pageDown, "page down"),
        KeyBinding([.home, .character("g")], .top, "first row"),
        KeyBinding([.end, .character("G")], .bottom, "last row"),
        KeyBinding([.enter], .open, "open / drill down", inFooter: true),
        KeyBinding([.escape], .back, "back", inFooter: true),
    ]

    public static let shell: [KeyBinding] = [
        KeyBinding([.tab], .nextPane, "next pane"),
        KeyBinding([.backTab], .previousPane, "previous pane"),
        KeyBinding([.character("1"), .character("2"), .character("3"), .character("4"), .character("5"), .character("6")],
                   .switchPane(0), "go to pane 1–6"),
        KeyBinding([.character("/")], .filter, "filter", inFooter: true),
        KeyBinding([.character("n")], .nextMatch, "next page (as PgDn; the filter keeps only matching rows)"),
        KeyBinding([.character("N")], .previousMatch, "previous page (as PgUp)"),
        KeyBinding([.character(":")], .commandMode, "command (:tx ID, :ip ADDR, :venue NAME, :theme NAME, :ctx NAME, :log, :q)", inFooter: true),
        KeyBinding([.character("R")], .refresh, "refresh now"),
        KeyBinding([.character("+")], .faster, "refresh more often"),
        KeyBinding([.character("-")], .slower, "refresh less often"),
        KeyBinding([.character("P")], .togglePause, "pause / resume live refresh"),
        KeyBinding([.character("y")], .copyID, "copy the focused id (OSC 52)"),
        KeyBinding([.control("s")], .export, "export this view as CSV"),
        KeyBinding([.character("?")], .help, "help", inFooter: true),
        KeyBinding([.character("q")], .quit, "quit", inFooter: true),
        KeyBinding([.character("d")], .describe, "describe (every field of the focused row in full)", inFooter: true),
    ]

    /// The binding for `key` in `table`, if any; digit keys map to their pane number.
    public static func action(for key: Key, in table: [KeyBinding]) -> Action? {
        if case let .character(c) = key, let digit = c.wholeNumberValue, (1...6).contains(digit) {
            return .switchPane(digit - 1)
        }
        return table.first { $0.keys.contains(key) }?.action
    }
}
