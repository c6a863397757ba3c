/// What a refund form needs before the operator types: the payment, its currency, what is still
/// refundable, and the same rules `payops.refund` enforces, so the form can say no before sending.
/// Tests check that these answers agree with the database on the same cases.
public struct RefundPreview: Sendable, Equatable {
    public static let reasons = ["requested_by_customer", "duplicate", "fraudulent", "other"]

    public var paymentID: PGUUID
    public var status: String
    public var amount: Money
    /// Refunds that are not `failed` (pending ones count: they will complete).
    public var refunded: Money
    /// Of `refunded`, what is still pending or processing (not completed yet).
    public var pendingRefunds: Money
    public var venueID: PGUUID
    public var venueName: String

    /// Makes a preview.
    public init(paymentID: PGUUID, status: String, amount: Money, refunded: Money, venueID: PGUUID, venueName: String,
                pendingRefunds: Money? = nil) {
        self.paymentID = paymentID
        self.status = status
        self.amount = amount
        self.refunded = refunded
        self.pendingRefunds = pendingRefunds ?? .zero(amount.currency)
        self.venueID = venueID
        self.venueName = venueName
    }

    public var currency: Currency { amount.currency }

    /// True when the payment's status allows refunds at all.
    public var statusAllowsRefund: Bool { PaymentStatus(rawValue: status)?.isRefundable == true }

    /// The most that can be refunded now: amount − refunds not failed; zero when the status forbids it.
    public var refundable: Money {
        Money(minorUnits: statusAllowsRefund ? max(0, amount.minorUnits - refunded.minorUnits) : 0, currency: currency)
    }

    /// Why the database would refuse this refund, or nil when it would accept it (barring a race).
    public func refusal(amount requested: Money, reason: String, note: String?) -> ActionRefusal? {
        let note = note?.trimmingCharacters(in: " ") ?? ""
        if !statusAllowsRefund {
            return ActionRefusal(.paymentNotRefundable, "payment \(paymentID) is \(status); only completed or partially refunded payments can be refunded")
        }
        if requested.currency != currency {
            return ActionRefusal(.invalidInput, "the payment is in \(currency), not \(requested.currency)")
        }
        if requested.minorUnits <= 0 { return ActionRefusal(.amountNotPositive, "refund amount must be positive") }
        if !Self.reasons.contains(reason) {
            return ActionRefusal(.unknownRefundReason, "unknown refund reason \(reason)",
                                 hint: "duplicate, fraudulent, requested_by_customer or other")
        }
        if reason == "other" && note.isEmpty { return ActionRefusal(.noteRequired, "reason \"other\" needs a note") }
        if requested.minorUnits > refundable.minorUnits {
            return ActionRefusal(.exceedsRefundable, "refund of \(requested) exceeds the refundable remainder \(refundable)")
        }
        return nil
    }

    /// The preview of one payment, or nil when there is no such payment.
    public static func query(_ payment: PGUUID) -> Query<RefundPreview?> {
        Query("refund.preview", """
            SELECT p.id, p.status, p.amount, p.currency, p.venue_id, coalesce(v.name, p.venue_id::text),
                   coalesce((SELECT sum(r.amount) FROM payops_read.refunds r
                             WHERE r.transaction_id = p.id AND r.status <> 'failed'), 0)::bigint,
                   coalesce((SELECT sum(r.amount) FROM payops_read.refunds r
                             WHERE r.transaction_id = p.id AND r.status IN ('pending', 'processing')), 0)::bigint
            FROM payops_read.payments p LEFT JOIN payops_read.venues v ON v.id = p.venue_id
            WHERE p.id = $1::uuid
            """, [payment]) { result in
            guard result.count == 1 else { return nil }
            let row = result[0]
            let currency: Currency = try row.decode(3)
            return RefundPreview(paymentID: try row.decode(0), status: try row.decode(1),
                                 amount: Money(minorUnits: try row.decode(2), currency: currency),
                                 refunded: Money(minorUnits: try row.decode(6), currency: currency),
                                 venueID: try row.decode(4), venueName: try row.decode(5),
                                 pendingRefunds: Money(minorUnits: try row.decode(7), currency: currency))
        }
    }
}
