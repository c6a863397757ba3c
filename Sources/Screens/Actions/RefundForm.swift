import PaymentData

/// `r` on a payment: amount (prefilled with the refundable remainder), reason, note; the review
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

    /// Takes the preview: context lines and the amount prefilled with what is refundable.
    public func received(_ preview: RefundPreview?) {
        let firstLoad = self.preview == nil
        self.preview = preview
        guard let preview else {
            ready(context: ["Payment \(paymentID)"])
            problem = "payment \(paymentID) not found"
            return
        }
        var fields = self.fields
        if firstLoad { fields[0].value = preview.refundable.minorUnits > 0 ? preview.refundable.decimalString : "" }
        fields[0].suffix = preview.currency.code
        let explained = ready(context: [
            "Payment  \(preview.paymentID) (\(preview.status))",
            "Venue    \(SafeText.sanitize(preview.venueName))",
            "Paid \(Formats.money(preview.amount)) · refunded \(Formats.money(preview.refunded)) · "
                + "refundable \(Formats.money(preview.refundable))",
        ], fields: fields)
        if !preview.statusAllowsRefund && !explained {
            problem = "payment is \(preview.status): only completed or partially refunded payments can be refunded"
        }
    }

    override func review() -> Review {
        guard let preview else { return .problem("payment \(paymentID) not found") }
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
