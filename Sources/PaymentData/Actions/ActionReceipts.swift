/// What a successful (or replayed) action returned. Every receipt keeps the function's jsonb result
/// as `json` (what `--json` prints and the audit row holds) and says what happened in one line.
public protocol ActionReceipt: Sendable {
    var json: JSONText { get }
    /// One line for the status line or stdout.
    var summary: String { get }
}

/// A refund was requested: pending until the payment service completes it, or completed at once where the
/// platform's write hook does (a wallet ledger refund).
public struct RefundReceipt: ActionReceipt, Equatable {
    public var json: JSONText
    public var refundID: PGUUID
    public var paymentID: PGUUID
    public var amount: Money
    public var refundableAfter: Money
    public var status: String = "pending"
    public var summary: String {
        "refund \(refundID.short) of \(amount) on payment \(paymentID.short) is \(status); \(refundableAfter) still refundable"
    }
}

/// A payout was requested, approved or rejected.
public struct PayoutReceipt: ActionReceipt, Equatable {
    public var json: JSONText
    public var payoutID: PGUUID
    public var venueID: PGUUID
    public var amount: Money
    /// The instant-payout fee (zero for standard payouts); nil in a rejection's result.
    public var fee: Money?
    /// `requested`, `approved` or `rejected`.
    public var status: String
    public var summary: String {
        let feeText = fee.map { $0.minorUnits > 0 ? " + fee \($0)" : "" } ?? ""
        return "payout \(payoutID) of \(amount)\(feeText) is \(status)"
    }
}

/// A failed webhook went back to pending.
public struct WebhookRetryReceipt: ActionReceipt, Equatable {
    public var json: JSONText
    public var webhookID: PGUUID
    public var previousError: String?
    public var summary: String { "webhook \(webhookID.short) is pending again" }
}

/// One dead letter copied back into the outbox.
public struct RequeueReceipt: ActionReceipt, Equatable {
    public var json: JSONText
    public var deadLetterID: Int64
    public var outboxID: Int64
    public var summary: String { "dead letter \(deadLetterID) requeued as outbox row \(outboxID)" }
}

/// A whole error group: the dry run (what would be touched) or the requeue itself.
public struct GroupRequeueReceipt: ActionReceipt, Equatable {
    public var json: JSONText
    public var errorGroup: String
    public var dryRun: Bool
    public var deadLetterIDs: [Int64]
    public var outboxIDs: [Int64]
    public var summary: String {
        let letters = deadLetterIDs.count == 1 ? "1 dead letter" : "\(deadLetterIDs.count) dead letters"
        return dryRun ? "dry run: would requeue \(letters) with error \"\(errorGroup)\""
            : "requeued \(letters) with error \"\(errorGroup)\""
    }
}

/// A stuck outbox row reset for retry.
public struct OutboxResetReceipt: ActionReceipt, Equatable {
    public var json: JSONText
    public var outboxID: Int64
    public var previousAttempts: Int
    public var lastError: String?
    public var summary: String { "outbox row \(outboxID) reset for retry (had \(previousAttempts) attempts)" }
}

/// An IP or network blocked or unblocked.
public struct BlockReceipt: ActionReceipt, Equatable {
    public var json: JSONText
    public var network: String
    public var blocked: Bool
    public var expiresAt: Timestamp?
    public var summary: String {
        guard blocked else { return "\(network) unblocked" }
        return "\(network) blocked" + (expiresAt.map { " until \($0.iso8601)" } ?? "")
    }
}

/// A login role made for a person in a group.
public struct OperatorReceipt: ActionReceipt, Equatable {
    public var json: JSONText
    public var name: String
    public var group: String
    public var created: Bool
    public var summary: String {
        created ? "created login role \(name) in \(group)" : "\(name) already existed; now also in \(group)"
    }
}
