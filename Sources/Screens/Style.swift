import PaymentData

/// What a cell looks like, as a meaning plus text attributes; the theme turns roles into colours.
///
/// Screens never names a colour: a pane says "this is a header", "this row failed",
/// and the curses backend looks the role up in the active theme (passed as a value).
/// `NO_COLOR` and monochrome themes can still honour `bold`, `underline` and `reverse`.
public struct Style: Hashable, Sendable, CustomStringConvertible {
    /// The UI role of a cell: what it is, never which colour it has.
    public enum Role: String, CaseIterable, Hashable, Sendable {
        /// Ordinary text.
        case normal
        /// A table's column titles.
        case header
        /// Box-drawing borders.
        case border
        /// The highlighted row or focused button.
        case selection
        /// De-emphasised text: separators, placeholders, empty-list messages.
        case dim
        /// A box or dialog title, the current breadcrumb.
        case title
        /// The key part of a footer hint (`q`).
        case footerKey
        /// The description part of a footer hint and the footer background.
        case footerText
        /// The status line.
        case status
        /// The status line while it shows an error.
        case statusError
        /// Text the operator is typing (filters, `:` commands, forms).
        case input
        /// A successful payment or action (`Meaning.success`).
        case success
        /// A failed payment or action (`Meaning.failed`).
        case failed
        /// Something still in flight (`Meaning.pending`).
        case pending
        /// A refunded payment (`Meaning.refunded`).
        case refunded
        /// Attention: a threshold was passed (`Meaning.warning`).
        case warning
        /// A dangerous state or a destructive action (`Meaning.danger`).
        case danger

        /// The role a row renderer's meaning is shown with.
        public init(_ meaning: Meaning) {
            switch meaning {
            case .normal: self = .normal
            case .success: self = .success
            case .failed: self = .failed
            case .pending: self = .pending
            case .refunded: self = .refunded
            case .warning: self = .warning
            case .danger: self = .danger
            case .dim: self = .dim
            }
        }
    }

    /// What the cell is; the theme maps it to colours.
    public var role: Role
    /// Bold (or bright) text.
    public var bold: Bool
    /// Underlined text.
    public var underline: Bool
    /// Foreground and background swapped.
    public var reverse: Bool

    /// Makes a style from a role and attributes.
    public init(_ role: Role = .normal, bold: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.role = role
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
    }

    /// Makes a style for text that carries a row renderer's meaning.
    public init(meaning: Meaning, bold: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.init(Role(meaning), bold: bold, underline: underline, reverse: reverse)
    }

    /// Plain text.
    public static let normal = Style()

    /// This style with bold switched on.
    public var bolded: Style {
        var copy = self
        copy.bold = true
        return copy
    }

    /// This style with a different role and the same attributes.
    public func with(role: Role) -> Style {
        var copy = self
        copy.role = role
        return copy
    }

    /// A short description for debugging and test failures.
    public var description: String {
        var parts = [role.rawValue]
        if bold { parts.append("bold") }
        if underline { parts.append("underline") }
        if reverse { parts.append("reverse") }
        return parts.joined(separator: "+")
    }
}
