/// One venue's balances as the Venues pane shows them.
public struct VenueBalanceRow: Sendable, Equatable {
    public var id: PGUUID
    public var name: String
    /// starter, pro or enterprise; nil where the platform does not say (tickettoken without payops.venue_names).
    public var tier: String?
    public var available: Money
    public var pending: Money
    public var reserved: Money
    public var lastPayoutAt: Timestamp?
    public var openRequests: Int
    public var openRequestedAmount: Money

    /// What can be paid out: available − reserved (never below zero). The Payout rule's ceiling.
    public var payable: Money {
        Money(minorUnits: max(0, available.minorUnits - reserved.minorUnits), currency: available.currency)
    }

    /// The keyset cursor (venues are listed by name).
    public var cursor: VenueCursor { VenueCursor(name: name, id: id) }
}

/// A position in the by-name venue list.
public struct VenueCursor: Sendable, Equatable, Hashable {
    public var name: String
    public var id: PGUUID
    /// Makes a cursor.
    public init(name: String, id: PGUUID) {
        self.name = name
        self.id = id
    }
}

/// One payout request and its decision.
public struct PayoutRow: Sendable, Equatable {
    public var id: PGUUID
    public var venueID: PGUUID
    public var amount: Money
    public var fee: Money
    public var instant: Bool
    public var status: String
    public var requestedBy: String
    public var requestedAt: Timestamp
    public var decidedBy: String?
    public var decidedAt: Timestamp?
    public var decisionReason: String?
}
