/// A payment's status, as `payment_transactions.status` holds it (and the read model's `payments.status` on every
/// platform). `cancelled`: a checkout abandoned, expired or voided before money moved, on the platforms that tell it
/// apart from a failure (the canonical platform has no such status).
public enum PaymentStatus: String, CaseIterable, Sendable, PGParam, PGNonNullDecodable {
    case pending, processing, completed, failed, refunded
    case partiallyRefunded = "partially_refunded"
    case cancelled

    public var pgText: String? { rawValue }

    public init(pgNonNull text: String) throws(PGDecodingError) {
        guard let status = PaymentStatus(rawValue: text) else { throw PGDecodingError("unknown payment status \(text.prefix(30))") }
        self = status
    }

    /// Only these can be refunded (the Refund rule).
    public var isRefundable: Bool { self == .completed || self == .partiallyRefunded }
    /// Counted as a successful payment in success rates and revenue.
    public var isSuccessful: Bool { self == .completed || self == .partiallyRefunded || self == .refunded }
}

/// What a row means, for the theme to colour: renderers return meanings, never colours.
public enum Meaning: String, Sendable, CaseIterable {
    case normal, success, failed, pending, refunded, warning, danger, dim
}

extension PaymentStatus {
    /// The meaning a list shows this status with.
    public var meaning: Meaning {
        switch self {
        case .completed: .success
        case .failed: .failed
        case .cancelled: .dim
        case .pending, .processing: .pending
        case .refunded, .partiallyRefunded: .refunded
        }
    }
}
