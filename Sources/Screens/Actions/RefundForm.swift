import PaymentData

/// `r` on a payment: amount (empty: the refundable remainder is shown beside it and Ctrl-F fills it in, so
/// `r`, Enter can never refund everything by accident), reason, note; the review
/// applies `RefundPreview`'s rules (the database's), the dialog restates amount, currency, payment and venue.
public final class RefundForm: ActionForm {
    public let paymentID: PGUUID
    public private(set) var preview: RefundPreview?

    /// A refund form for one payment.
    public init(payment: PGUUID, reason: String? = nil) {
        paymentID = payment
        super.init(title: "Refund", fields: [
            .text("amount", "Amount", limit: 24),
            .choice("reason", "Reason", RefundPreview.reasons, value: reason),
            .text("note", "Note", limit: 500, suffix: "(required for other)"),
        ])
    }

    override func prepare() -> DataRequest? {
        DataRequest(RefundPreview.query(paymentID)) { [weak self] preview in self?.received(preview) }
    }

    /// Takes the preview: context lines, and the refundable remainder beside the (empty) amount.
    public func received(_ preview: RefundPreview?) {
        self.preview = preview
        guard let preview else {
            ready(context: ["Payment \(paymentID)"])
            problem = "payment \(paymentID) not found"
            return
        }
        var fields = self.fields
        fields[0].suffix = preview.refundable.minorUnits > 0
            ? "\(preview.currency.code) · Ctrl-F: all \(preview.refundable.decimalString)" : preview.currency.code
        // "Paid" only for a payment that was paid; refunds split into completed and still pending.
        let amountWord = PaymentStatus(rawValue: preview.status)?.isSuccessful == true ? "Paid" : "Amount"
        let completed = Money(minorUnits: preview.refunded.minorUnits - preview.pendingRefunds.minorUnits, currency: preview.currency)
        let pending = preview.pendingRefunds.minorUnits > 0 ? " · pending refunds \(Formats.money(preview.pendingRefunds))" : ""
        let explained = ready(context: [
            "Payment  \(preview.paymentID) (\(preview.status))",
            "Venue    \(SafeText.sanitize(preview.venueName))",
            "\(amountWord) \(Formats.money(preview.amount)) · refunded \(Formats.money(completed))\(pending) · "
                + "refundable \(Formats.money(preview.refundable))",
        ], fields: fields)
        if !preview.statusAllowsRefund && !explained {
            problem = "payment is \(preview.status): only completed or partially refunded payments can be refunded"
        }
    }

    /// Ctrl-F in the amount fills in the whole refundable remainder (shown beside it).
    override func formKey(_ key: Key) -> Bool {
        guard key == .control("f"), focus == 0, let preview, preview.refundable.minorUnits > 0 else { return false }
        fields[0].value = preview.refundable.decimalString
        return true
    }

    override func review() -> Review {
        guard let preview else { return .problem("payment \(paymentID) not found") }
        if value("amount").isEmpty, let preview = self.preview, preview.refundable.minorUnits > 0 {
            return .problem("amount: type how much to refund (Ctrl-F fills in all \(Formats.money(preview.refundable)))")
        }
        let amount: Money
        do { amount = try Money.parsePositive(value("amount"), currency: preview.currency) } catch {
            return .problem("amount: \(error)")
        }
        let reason = value("reason"), note = value("note")
        if let refusal = preview.refusal(amount: amount, reason: reason, note: note) {
            return .problem(refusal.description)
        }
        let remaining = Money(minorUnits: preview.refundable.minorUnits - amount.minorUnits, currency: amount.currency)
        let lines = [
            "Refund \(Formats.money(amount)) (\(amount.currency.code)) of payment \(preview.paymentID)",
            "at \(SafeText.sanitize(preview.venueName)), reason \(reason)" + (note.isEmpty ? "" : ": \(SafeText.sanitize(note))"),
            "\(Formats.money(remaining)) will remain refundable. The refund is pending until the payment service completes it.",
        ]
        let request = ActionRequest(OperatorActions.refund(payment: paymentID, amount: amount, reason: reason,
                                                           note: note.isEmpty ? nil : note, key: key))
        return .confirm(lines, button: "Refund \(Formats.money(amount))", request)
    }
}
