import ArgumentParser
import PaymentData

/// `payops refund PAYMENT_ID --amount 12.50 --reason …` and `payops refund --csv FILE`: refunds through
/// `payops.refund`, the same database function the console's refund form calls.
struct RefundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refund",
        abstract: "Refund part or all of a payment, or every refund in a CSV file.",
        usage: """
            payops refund <payment-id> --amount <amount> --reason <reason> [--note <note>] [--dry-run] [<options>]
            payops refund --csv <file> [--dry-run] [<options>]
            """,
        discussion: """
            The amount is in the payment's own currency (12.50 is 1250 cents of a USD payment; a JPY payment \
            takes whole yen) and is required: there is no implicit "refund everything". The database checks \
            the payment's status and what is still refundable; a refused refund changes nothing. Needs the \
            payops_support group.

            CSV: one refund per line, payment_id,amount,reason[,note]; an optional header line; fields may be \
            quoted ("a note, with a comma", "" for a quote). A malformed file (wrong column count, a bad id, \
            amount or reason, "other" without a note) is refused whole, with its line number, before anything \
            is written. Each row is its own transaction with the key <idempotency-key>:<line>, so running the \
            same file again with the same --idempotency-key replays the rows already done instead of refunding \
            twice. --dry-run checks every row against its payment (no writes) and prints what each would do \
            and the total per currency. Exit status 2 when any row was (or would be) refused.

            \(ActionOptions.exitStatusHelp)
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var action: ActionOptions

    @Argument(help: "The payment's id (a uuid).")
    var paymentID: String?

    @Option(help: "The amount to refund, in the payment's currency (e.g. 12.50). Required.")
    var amount: String?

    @Option(help: "duplicate, fraudulent, requested_by_customer or other.")
    var reason: String?

    @Option(help: "A note for the audit log (required with --reason other).")
    var note: String?

    @Option(help: ArgumentHelp("Refund every line of this CSV file instead: payment_id,amount,reason[,note].",
                               valueName: "file"))
    var csv: String?

    @Flag(help: "Check and show what would happen; write nothing.")
    var dryRun = false

    func validate() throws {
        if csv != nil {
            guard paymentID == nil, amount == nil, reason == nil, note == nil else {
                throw ValidationError("--csv takes every refund from the file: give no payment id, --amount, --reason or --note")
            }
            return
        }
        guard paymentID != nil else { throw ValidationError("give a payment id, or --csv FILE") }
        guard amount != nil else {
            throw ValidationError("--amount is required, in the payment's currency (e.g. --amount 12.50): "
                                  + "there is no implicit full refund")
        }
        guard reason != nil else {
            throw ValidationError("--reason is required: duplicate, fraudulent, requested_by_customer or other")
        }
    }

    func run() throws {
        let runner = ActionRunner(json: action.json)
        try runner.run {
            if let csv {
                let rows = try RefundCSV.rows(RefundCSV.read(csv), file: csv)
                // A dry run needs a key only to say which rows a real run with it would replay.
                let key = dryRun && !action.keyWasGiven ? nil : try action.key()
                let db = try runner.connect(connection)
                try BulkRefund(rows: rows, key: key, options: action, runner: runner).run(db, dryRun: dryRun)
            } else {
                try refundOne(runner)
            }
        }
    }

    /// One refund: the payment's preview first (its currency, whether it exists), then the database call.
    private func refundOne(_ runner: ActionRunner) throws {
        guard let paymentID, let amount, let reason else { return }
        let payment = try CommandInput.uuid(paymentID, "payment")
        try Self.checkReason(reason, note: note)
        let db = try runner.connect(connection)
        guard let preview = try db.perform(RefundPreview.query(payment)) else {
            throw ActionRefusal(.notFound, "payment \(payment) not found")
        }
        let money = try CommandInput.amount(amount, in: preview.currency, of: "the payment")
        guard !dryRun else {
            if let refusal = preview.refusal(amount: money, reason: reason, note: note) { throw refusal }
            let after = Money(minorUnits: preview.refundable.minorUnits - money.minorUnits, currency: money.currency)
            runner.reportDryRun([
                "dry run: would refund \(money) of payment \(payment) at \(preview.venueName); "
                    + "refundable now \(preview.refundable), after \(after)",
            ], object: .object([
                ("dry_run", .bool(true)), ("payment_id", .string(payment.string)), ("venue", .string(preview.venueName)),
                ("amount", .int(money.minorUnits)), ("currency", .string(money.currency.code)),
                ("refundable_before", .int(preview.refundable.minorUnits)), ("refundable_after", .int(after.minorUnits)),
            ]))
            return
        }
        let key = try action.key()
        try runner.perform(OperatorActions.refund(payment: payment, amount: money, reason: reason, note: note, key: key),
                           on: db, options: action, key: key)
    }

    /// Refuses an unknown reason, or "other" without a note, before connecting (the database's codes).
    static func checkReason(_ reason: String, note: String?, line: String = "") throws {
        guard RefundPreview.reasons.contains(reason) else {
            throw ActionRefusal(.unknownRefundReason, "\(line)unknown refund reason \"\(reason.prefix(40))\"",
                                hint: "duplicate, fraudulent, requested_by_customer or other")
        }
        if reason == "other", (note ?? "").trimmingCharacters(in: " ").isEmpty {
            throw ActionRefusal(.noteRequired, "\(line)reason \"other\" needs a note")
        }
    }
}
