/// One terminal cell: a grapheme cluster and its style, or the right half of a wide character.
///
/// A double-width character (CJK, most emoji) is stored in its left cell; the cell to its right
/// is a *continuation* cell that renders nothing and always carries the same style as its left half.
/// Characters in a grid are always safe to send to a terminal (see `SafeText`).
public struct Cell: Hashable, Sendable, CustomStringConvertible {
    /// The grapheme cluster shown in this cell (a space for continuation cells).
    public internal(set) var character: Character
    /// What the cell looks like.
    public var style: Style
    /// True for the right half of a double-width character: draw nothing here.
    public internal(set) var isContinuation: Bool

    /// A blank cell in the given style.
    public init(style: Style = .normal) {
        self.character = " "
        self.style = style
        self.isContinuation = false
    }

    /// A cell holding `character`; unsafe characters are shown as their visible replacement.
    ///
    /// Only the first grapheme of the replacement is kept; a zero-width character becomes a space.
    public init(_ character: Character, style: Style = .normal) {
        self.init(character: SafeText.safeSingleCharacter(character), style: style, isContinuation: false)
    }

    /// Makes a cell without sanitising: only for characters already known to be safe.
    init(character: Character, style: Style, isContinuation: Bool) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    /// A blank, unstyled cell.
    public static let blank = Cell()

    /// The right half of a wide character drawn in `style`.
    static func continuation(_ style: Style) -> Cell {
        Cell(character: " ", style: style, isContinuation: true)
    }

    /// True for a blank cell in the normal style.
    public var isBlank: Bool { self == .blank }

    /// A short description for debugging and test failures.
    public var description: String {
        isContinuation ? "<continuation \(style)>" : "\"\(character)\" \(style)"
    }
}
