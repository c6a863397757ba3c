import PaymentData

/// Text plus what it means, as row renderers return it: never a colour.
public struct Label: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The text, raw (it is sanitised when drawn).
    public var text: String
    /// What the text means; the theme colours it.
    public var meaning: Meaning

    /// Makes a label.
    public init(_ text: String, _ meaning: Meaning = .normal) {
        self.text = text
        self.meaning = meaning
    }

    /// Makes a normal label from a string literal.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The style this label is drawn with when nothing overrides it.
    public var style: Style { Style(meaning: meaning) }

    /// A short description for debugging and test failures.
    public var description: String { meaning == .normal ? text : "\(text) [\(meaning.rawValue)]" }
}
