import PaymentData

/// One field of a describe view: a label and its whole value, never cut.
public struct DescribeField: Sendable, Equatable {
    /// What the value is ("user agent", "payload").
    public var label: String
    /// The raw value (sanitised when drawn and when copied).
    public var value: String
    /// True for JSON text, which the view pretty-prints.
    public var isJSON: Bool

    /// Makes a field; a nil value reads "—".
    public init(_ label: String, _ value: String?, json: Bool = false) {
        self.label = label
        self.value = value ?? "—"
        self.isJSON = json && value != nil
    }
}

/// What `d` shows about the focused row: a subject for the breadcrumb, its fields, and optionally a read
/// for what the row does not carry (an event's payload), appended when it arrives.
public struct Description {
    /// The breadcrumb: "event 3fa85f64", "203.0.113.7".
    public var subject: String
    public var fields: [DescribeField]
    /// Fields read on demand, shown after `fields`.
    public var more: Query<[DescribeField]>?

    /// Makes a description.
    public init(_ subject: String, _ fields: [DescribeField], more: Query<[DescribeField]>? = nil) {
        self.subject = subject
        self.fields = fields
        self.more = more
    }
}

/// A pane whose focused row (or timeline entry) can be described in full with `d`.
public protocol Describable: Pane {
    /// Every field of the focused row, or nil when nothing is focused.
    func describeFocused() -> Description?
}
