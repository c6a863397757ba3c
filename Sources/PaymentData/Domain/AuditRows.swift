/// One row of the global `payment_events` stream.
public struct PaymentEventRow: Sendable, Equatable {
    public var id: PGUUID
    public var paymentID: PGUUID
    public var eventType: String
    public var ipAddress: InetAddress?
    /// Raw, possibly hostile: sanitise before display.
    public var userAgent: String?
    public var createdAt: Timestamp
    /// What the event changed, in one line ("status: pending → succeeded"), when its payload says (raw: sanitise).
    public var change: String? = nil

    /// The keyset cursor of this row.
    public var cursor: EventCursor { EventCursor(createdAt: createdAt, id: id) }
}

/// A position in the newest-first event stream.
public struct EventCursor: Sendable, Equatable, Hashable {
    public var createdAt: Timestamp
    public var id: PGUUID
    /// Makes a cursor.
    public init(createdAt: Timestamp, id: PGUUID) {
        self.createdAt = createdAt
        self.id = id
    }
}

/// One row of `payops.operator_actions`: who did what, when, why.
public struct OperatorActionRow: Sendable, Equatable {
    public var id: Int64
    public var at: Timestamp
    public var operatorName: String
    public var action: String
    public var targetType: String
    public var targetID: String
    public var reason: String?
    public var request: JSONText
    public var result: JSONText
    public var idempotencyKey: String
    /// The money the action moved (a refund's or a payout's amount), when it moved any.
    public var amount: Money? = nil
    /// The venue of the payout or payment acted on, by name.
    public var venueName: String? = nil
    /// The payout the action is about (a request, an approval, a rejection), to open it.
    public var payoutID: PGUUID? = nil
}
