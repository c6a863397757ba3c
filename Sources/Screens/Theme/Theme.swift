/// A colour theme: for every style role, a foreground, background and attributes. Panes never see
/// colours; the backend asks the theme how to draw a role. Passed around as a value.
public struct Theme: Sendable, Equatable {
    /// How one role looks on the terminal.
    public struct Look: Sendable, Equatable, Hashable {
        /// -1 is the terminal's default; 0–255 the palette.
        public var foreground = -1
        public var background = -1
        public var bold = false, dim = false, underline = false, reverse = false, italic = false
        /// Makes a look.
        public init(foreground: Int = -1, background: Int = -1, bold: Bool = false, dim: Bool = false,
                    underline: Bool = false, reverse: Bool = false, italic: Bool = false) {
            self.foreground = foreground
            self.background = background
            self.bold = bold
            self.dim = dim
            self.underline = underline
            self.reverse = reverse
            self.italic = italic
        }
    }

    public var name: String
    public var looks: [Style.Role: Look]

    /// How `role` looks (the normal look when the theme does not mention it).
    public func look(_ role: Style.Role) -> Look { looks[role] ?? looks[.normal] ?? Look() }

    /// Attributes only, no colour: what `NO_COLOR` and terminals without colour get.
    public static let monochrome = Theme(name: "monochrome", looks: [
        .normal: Look(), .header: Look(bold: true, reverse: true), .title: Look(bold: true), .border: Look(),
        .selection: Look(reverse: true), .dim: Look(dim: true), .footerKey: Look(reverse: true), .footerText: Look(),
        .status: Look(reverse: true), .statusError: Look(bold: true, reverse: true), .input: Look(underline: true),
        .success: Look(), .failed: Look(bold: true), .pending: Look(dim: true), .refunded: Look(underline: true),
        .warning: Look(bold: true, underline: true), .danger: Look(bold: true, reverse: true),
    ])

    /// The same theme with every colour removed (attributes kept).
    public var withoutColour: Theme {
        var copy = self
        for (role, look) in looks {
            var plain = look
            plain.foreground = -1
            plain.background = -1
            copy.looks[role] = plain
        }
        return copy
    }
}
