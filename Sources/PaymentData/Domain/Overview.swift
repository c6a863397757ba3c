/// The Overview pane: the last 24 hours at a glance, queue health and invariant alarms.
public struct Overview: Sendable, Equatable {
    /// Counts by status over the window.
    public var counts: [PaymentStatus: Int]
    /// Successful revenue per currency (amount of completed, partially refunded and refunded payments).
    public var revenue: [Money]
    /// Refunds created in the window (not failed), per currency, and how many.
    public var refunds: [Money]
    public var refundCount: Int
    /// The most common failure reasons among failed payments, most frequent first.
    public var topFailureReasons: [(reason: String, count: Int)]
    public var queues: QueueDepth
    /// Broken invariants; empty means all is well.
    public var alarms: [Alarm]
    /// The window's end (server time) and length.
    public var asOf: Timestamp
    public var windowSeconds: Int

    /// Payments in the window.
    public var total: Int { counts.values.reduce(0, +) }
    /// Successful / (successful + failed), in basis points; nil when neither happened.
    public var successRateBasisPoints: Int? {
        let successful = counts.filter { $0.key.isSuccessful }.reduce(0) { $0 + $1.value }
        let decided = successful + (counts[.failed] ?? 0)
        return decided == 0 ? nil : (successful * 10_000 + decided / 2) / decided
    }

    public static func == (lhs: Overview, rhs: Overview) -> Bool {
        lhs.counts == rhs.counts && lhs.revenue == rhs.revenue && lhs.refunds == rhs.refunds
            && lhs.refundCount == rhs.refundCount && lhs.queues == rhs.queues && lhs.alarms == rhs.alarms
            && lhs.asOf == rhs.asOf && lhs.topFailureReasons.map(\.reason) == rhs.topFailureReasons.map(\.reason)
    }
}

/// A broken invariant and where to look.
public struct Alarm: Sendable, Equatable {
    /// Which invariant.
    public enum Kind: String, Sendable {
        case overRefunded = "over_refunded"
        case negativeBalance = "negative_balance"
        case refundedStatusMismatch = "refunded_status_mismatch"
        case stuckOutbox = "stuck_outbox"
        case payoutDailyLimit = "payout_daily_limit"
        /// A ledger row whose balance after is not its balance before ± its amount (platforms with a ledger).
        case ledgerMismatch = "ledger_mismatch"
        /// A wallet whose balance is not its last ledger row's balance after.
        case walletBalanceMismatch = "wallet_balance_mismatch"
    }

    public var kind: Kind
    public var count: Int
    /// One offending row, to jump to.
    public var sampleID: String?
}
