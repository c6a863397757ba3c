/// Everything the detail view shows about one payment, read from one snapshot.
public struct PaymentDetail: Sendable {
    public var transaction: TransactionRow
    public var gasFee: Money?
    public var venuePayout: Money
    /// nil where the platform does not say.
    public var venueTier: String?
    public var tenantID: PGUUID?
    public var eventID: PGUUID?
    public var deviceFingerprint: String?
    public var paymentMethodFingerprint: String?
    public var idempotencyKey: PGUUID?
    public var metadata: JSONText
    public var updatedAt: Timestamp
    public var refunds: [RefundRow]
    public var timeline: [TimelineEntry]

    /// Σ refunds that are not failed: what already counts against the payment's amount.
    public var refundedSoFar: Money {
        Money(minorUnits: refunds.filter { $0.status != "failed" }.reduce(0) { $0 + $1.amount.minorUnits },
              currency: transaction.amount.currency)
    }

    /// What can still be refunded: amount − Σ non-failed refunds, or zero if the status forbids refunds.
    public var refundable: Money {
        guard transaction.status.isRefundable else { return .zero(transaction.amount.currency) }
        let remaining = transaction.amount.minorUnits - refundedSoFar.minorUnits
        return Money(minorUnits: max(0, remaining), currency: transaction.amount.currency)
    }
}

/// One refund of a payment.
public struct RefundRow: Sendable, Equatable {
    public var id: PGUUID
    public var amount: Money
    public var reason: String
    public var status: String
    public var createdAt: Timestamp
    public var completedAt: Timestamp?
}

/// One moment in a payment's life, from whichever table recorded it.
public struct TimelineEntry: Sendable, Equatable {
    /// Which table the entry comes from.
    public enum Source: String, Sendable, CaseIterable {
        case transaction, event, sequence, refund, outbox, webhook, nft, fraud, idempotency, operatorAction = "operator"
    }

    public var at: Timestamp
    public var source: Source
    /// The event type, action or status change, e.g. `payment.failed`, `refund.requested`.
    public var kind: String
    public var status: String?
    public var amount: Int64?
    public var ipAddress: InetAddress?
    public var userAgent: String?
    /// Who acted: an operator's login, a provider, …
    public var actor: String?
    /// Free text: an error message, a reason, a payload summary. Raw: sanitise before display.
    public var detail: String?
}
