/// One payment as the Transactions list shows it.
public struct TransactionRow: Sendable, Equatable {
    public var id: PGUUID
    public var createdAt: Timestamp
    public var venueID: PGUUID
    public var venueName: String
    public var userID: PGUUID
    public var amount: Money
    public var platformFee: Money
    public var taxAmount: Money?
    public var status: PaymentStatus
    public var intentID: String?

    /// The keyset cursor of this row.
    public var cursor: TransactionCursor { TransactionCursor(createdAt: createdAt, id: id) }

    /// The columns every transaction query selects, in the order `init(row:)` reads them.
    static let columns = """
        t.id, t.created_at, t.venue_id, coalesce(v.name, t.venue_id::text), t.user_id, t.amount, t.currency, t.platform_fee,
        t.tax_amount, t.status, t.stripe_payment_intent_id
        """

    init(row: PGRow) throws(PGError) {
        let currency: Currency = try row.decode(6)
        id = try row.decode(0)
        createdAt = try row.decode(1)
        venueID = try row.decode(2)
        venueName = try row.decode(3)
        userID = try row.decode(4)
        amount = Money(minorUnits: try row.decode(5), currency: currency)
        platformFee = Money(minorUnits: try row.decode(7), currency: currency)
        taxAmount = try row.decode(8, as: Int64?.self).map { Money(minorUnits: $0, currency: currency) }
        status = try row.decode(9)
        intentID = try row.decode(10)
    }
}

/// A position in the newest-first order (created_at DESC, id DESC).
public struct TransactionCursor: Sendable, Equatable, Hashable {
    public var createdAt: Timestamp
    public var id: PGUUID
    /// Makes a cursor.
    public init(createdAt: Timestamp, id: PGUUID) {
        self.createdAt = createdAt
        self.id = id
    }
}
