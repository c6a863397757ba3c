import PaymentData

/// `p` on a venue: request a payout (finance). Amount and instant; the fee and the rules come from
/// `PayoutPreview`, which agrees with `payops.request_payout`.
public final class PayoutRequestForm: ActionForm {
    public let venueID: PGUUID
    public private(set) var preview: PayoutPreview?

    /// A request form for one venue.
    public init(venue: PGUUID) {
        venueID = venue
        super.init(title: "Request payout", fields: [
            .text("amount", "Amount", limit: 24),
            .choice("instant", "Instant", ["no", "yes"], suffix: "instant payouts cost 1 %"),
        ])
    }

    override func prepare() -> DataRequest? {
        DataRequest(PayoutPreview.query(venueID)) { [weak self] preview in self?.received(preview) }
    }

    /// Takes the venue's balances.
    public func received(_ preview: PayoutPreview?) {
        self.preview = preview
        guard let preview else {
            ready(context: ["Venue \(venueID)"])
            problem = "venue \(venueID) not found"
            return
        }
        fields[0].suffix = preview.currency.code
        let payable = Money(minorUnits: preview.payableMinorUnits, currency: preview.currency)
        ready(context: [
            "Venue    \(SafeText.sanitize(preview.venueName))",
            "Payable  \(Formats.money(payable))",
            "Today    approved \(Formats.money(preview.approvedToday)) · left under the daily limit "
                + Formats.money(Self.leftToday(preview)),
            "Minimum \(Formats.money(Money(minorUnits: PayoutPreview.minimumMinorUnits, currency: preview.currency))); "
                + "another finance operator must approve it.",
        ])
    }

    /// What may still be approved today under the daily limit (never below zero).
    static func leftToday(_ preview: PayoutPreview) -> Money {
        Money(minorUnits: max(0, PayoutPreview.dailyLimitMinorUnits - preview.approvedToday.minorUnits), currency: preview.currency)
    }

    override func review() -> Review {
        guard let preview else { return .problem("venue \(venueID) not found") }
        let amount: Money
        do { amount = try Money.parsePositive(value("amount"), currency: preview.currency) } catch {
            return .problem("amount: \(error)")
        }
        let instant = value("instant") == "yes"
        if let refusal = preview.requestRefusal(amount: amount, instant: instant) { return .problem(refusal.description) }
        let fee = PayoutPreview.fee(amount: amount, instant: instant)
        let lines = [
            "Request a payout of \(Formats.money(amount)) (\(amount.currency.code)) from \(SafeText.sanitize(preview.venueName))",
            instant ? "instant: fee \(Formats.money(fee)), \(Formats.money(Money(minorUnits: amount.minorUnits + fee.minorUnits, currency: amount.currency))) leaves the balance on approval"
                : "standard payout, no fee",
            "It waits for another finance operator's approval.",
        ]
        return .confirm(lines, button: "Request", ActionRequest(OperatorActions.requestPayout(venue: venueID, amount: amount,
                                                                                            instant: instant, key: key)))
    }
}

/// `a` / `x` on a requested payout: approve (four-eyes and the daily limit checked before sending) or
/// reject with a reason.
public final class PayoutDecisionForm: ActionForm {
    public let payout: PayoutRow
    public let venueName: String
    public let approve: Bool
    public private(set) var preview: PayoutPreview?

    /// A decision form for one payout.
    public init(payout: PayoutRow, venueName: String, approve: Bool) {
        self.payout = payout
        self.venueName = venueName
        self.approve = approve
        super.init(title: approve ? "Approve payout" : "Reject payout",
                   fields: approve ? [] : [.text("reason", "Reason", limit: 500)])
    }

    private var describe: [String] {
        let fee = payout.fee.minorUnits > 0 ? " + fee \(Formats.money(payout.fee))" : ""
        return ["Payout   \(payout.id)",
                "Venue    \(SafeText.sanitize(venueName))",
                "Amount   \(Formats.money(payout.amount))\(fee) (\(payout.amount.currency.code)), requested by "
                    + SafeText.sanitize(payout.requestedBy)]
    }

    override func prepare() -> DataRequest? {
        guard payout.status == "requested" else { return nil }
        return DataRequest(PayoutPreview.query(payout.venueID)) { [weak self] preview in self?.received(preview) }
    }

    /// Takes the venue's balances and, for an approval, goes straight to the confirm dialog.
    public func received(_ preview: PayoutPreview?) {
        self.preview = preview
        // After a refusal, ready() explains it; never go back to the confirm dialog on our own.
        guard !ready(context: describe), approve else { return }
        switch review() {
        case let .problem(text): refuse(text)
        case let .confirm(lines, button, request): confirm(lines, button: button, request)
        case .check: break
        }
    }

    override func review() -> Review {
        if payout.status != "requested" { return .problem("payout is \(payout.status), not requested") }
        if payout.requestedBy == sessionUser {
            return .problem("four-eyes: you (\(SafeText.sanitize(sessionUser))) requested this payout; another finance operator must decide it")
        }
        if approve {
            if let preview, let refusal = preview.approvalRefusal(amount: payout.amount, fee: payout.fee) {
                return .problem(refusal.description)
            }
            let lines = describe + ["Approving debits \(Formats.money(Money(minorUnits: payout.amount.minorUnits + payout.fee.minorUnits, currency: payout.amount.currency))) from the venue's available balance."]
            return .confirm(lines, button: "Approve", ActionRequest(OperatorActions.approvePayout(payout.id, key: key)))
        }
        let reason = value("reason")
        if reason.isEmpty { return .problem("rejecting a payout needs a reason") }
        return .confirm(describe + ["Reason: \(SafeText.sanitize(reason))"], button: "Reject",
                        ActionRequest(OperatorActions.rejectPayout(payout.id, reason: reason, key: key)))
    }
}
