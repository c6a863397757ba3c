/// What a payout form needs: the venue's payable balance, what it has approved today, and the
/// payout rules (minimum, daily limit, the instant fee) as `payops.request_payout` and
/// `payops.approve_payout` enforce them. Tests check that these agree with the database.
public struct PayoutPreview: Sendable, Equatable {
    /// $100.00: the smallest payout, in minor units.
    public static let minimumMinorUnits: Int64 = 10_000
    /// $50,000.00: a venue's approved payouts per UTC day, in minor units.
    public static let dailyLimitMinorUnits: Int64 = 5_000_000
    /// Instant payouts cost 1 %.
    public static let instantFeeBasisPoints: Int64 = 100

    public var venueID: PGUUID
    public var venueName: String
    public var available: Money
    public var reserved: Money
    /// Approved or paid payouts decided today (UTC).
    public var approvedToday: Money

    /// Makes a preview.
    public init(venueID: PGUUID, venueName: String, available: Money, reserved: Money, approvedToday: Money) {
        self.venueID = venueID
        self.venueName = venueName
        self.available = available
        self.reserved = reserved
        self.approvedToday = approvedToday
    }

    public var currency: Currency { available.currency }

    /// available − reserved, as the database computes it (may be negative when reserved exceeds available).
    public var payableMinorUnits: Int64 { available.minorUnits - reserved.minorUnits }

    /// The fee for a payout: 1 % half-up for instant payouts, nothing otherwise.
    public static func fee(amount: Money, instant: Bool) -> Money {
        guard instant else { return Money.zero(amount.currency) }
        // 1 % of an Int64 amount cannot overflow; percentOf only throws on overflow.
        let fee = (try? Money.percentOf(amount.minorUnits, basisPoints: instantFeeBasisPoints)) ?? 0
        return Money(minorUnits: fee, currency: amount.currency)
    }

    /// Why `request_payout` would refuse this request, or nil when it would accept it.
    public func requestRefusal(amount: Money, instant: Bool) -> ActionRefusal? {
        if amount.currency != currency {
            return ActionRefusal(.invalidInput, "the venue pays out in \(currency), not \(amount.currency)")
        }
        if amount.minorUnits < Self.minimumMinorUnits {
            return ActionRefusal(.belowMinimumPayout, "payout of \(amount) is below the minimum of "
                                 + "\(Money(minorUnits: Self.minimumMinorUnits, currency: currency))")
        }
        let fee = Self.fee(amount: amount, instant: instant)
        if amount.minorUnits + fee.minorUnits > payableMinorUnits {
            return ActionRefusal(.exceedsPayable, "payout of \(amount) plus fee \(fee) exceeds payable "
                                 + "\(Money(minorUnits: payableMinorUnits, currency: currency))")
        }
        return nil
    }

    /// Why `approve_payout` would refuse a payout of `amount` + `fee` for this venue (the daily limit and payable
    /// at approval), or nil. Four-eyes is checked against the payout's requester separately.
    public func approvalRefusal(amount: Money, fee: Money) -> ActionRefusal? {
        if approvedToday.minorUnits + amount.minorUnits > Self.dailyLimitMinorUnits {
            return ActionRefusal(.dailyLimit, "approving \(amount) would bring today's approved payouts to "
                                 + "\(Money(minorUnits: approvedToday.minorUnits + amount.minorUnits, currency: currency)), "
                                 + "over the \(Money(minorUnits: Self.dailyLimitMinorUnits, currency: currency)) limit")
        }
        if amount.minorUnits + fee.minorUnits > payableMinorUnits {
            return ActionRefusal(.exceedsPayable, "payout of \(amount) plus fee \(fee) exceeds payable "
                                 + "\(Money(minorUnits: payableMinorUnits, currency: currency)) at approval")
        }
        return nil
    }

    /// The preview of one venue, or nil when there is no such venue.
    public static func query(_ venue: PGUUID) -> Query<PayoutPreview?> {
        Query("payout.preview", """
            SELECT v.id, v.name, v.currency,
                   coalesce((SELECT sum(amount) FROM payops_read.balances WHERE venue_id = v.id AND balance_type = 'available'), 0)::bigint,
                   coalesce((SELECT sum(amount) FROM payops_read.balances WHERE venue_id = v.id AND balance_type = 'reserved'), 0)::bigint,
                   coalesce((SELECT sum(amount) FROM payops_read.payouts WHERE venue_id = v.id AND status IN ('approved', 'paid')
                               AND decided_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
                               AND decided_at < (date_trunc('day', now() AT TIME ZONE 'UTC') + interval '1 day') AT TIME ZONE 'UTC'), 0)::bigint
            FROM payops_read.venues v WHERE v.id = $1::uuid
            """, [venue]) { result in
            guard result.count == 1 else { return nil }
            let row = result[0]
            let currency: Currency = try row.decode(2)
            return PayoutPreview(venueID: try row.decode(0), venueName: try row.decode(1),
                                 available: Money(minorUnits: try row.decode(3), currency: currency),
                                 reserved: Money(minorUnits: try row.decode(4), currency: currency),
                                 approvedToday: Money(minorUnits: try row.decode(5), currency: currency))
        }
    }
}
