import ArgumentParser
import PaymentData

/// `payops payout request|approve|reject`: finance's four-eyes payouts through `payops.request_payout`,
/// `approve_payout` and `reject_payout`.
struct PayoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payout",
        abstract: "Request, approve or reject a venue payout (four-eyes; the payops_finance group).",
        discussion: """
            A payout is requested by one finance operator and approved or rejected by another: the database \
            refuses the requester's own decision (PX023), superusers included. Rules: at least 100.00; \
            amount plus fee at most payable (available − reserved); a venue's approved payouts per UTC day at \
            most 50,000.00; instant payouts cost 1 %.
            """,
        subcommands: [Request.self, Approve.self, Reject.self])

    /// `payops payout request VENUE_ID --amount 150.00 [--instant]`.
    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Request a payout from a venue's payable balance; prints the new payout's id.",
            discussion: """
                The amount is in the venue's currency (150.00 is 15000 cents of a USD venue). The payout waits \
                in status "requested" until another finance operator approves or rejects it.

                \(ActionOptions.exitStatusHelp)
                """)

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var action: ActionOptions

        @Argument(help: "The venue's id (a uuid).")
        var venueID: String

        @Option(help: "The amount to pay out, in the venue's currency (e.g. 150.00).")
        var amount: String

        @Flag(help: "An instant payout (1 % fee, added on top of the amount).")
        var instant = false

        func run() throws {
            let runner = ActionRunner(json: action.json)
            try runner.run {
                let venue = try CommandInput.uuid(venueID, "venue")
                let db = try runner.connect(connection)
                guard let preview = try db.perform(PayoutPreview.query(venue)) else {
                    throw ActionRefusal(.notFound, "venue \(venue) not found")
                }
                let money = try CommandInput.amount(amount, in: preview.currency, of: "the venue")
                let key = try action.key()
                // stdout is the payout's id alone: id=$(payops payout request …); payops payout approve "$id".
                try runner.perform(OperatorActions.requestPayout(venue: venue, amount: money, instant: instant, key: key),
                                   on: db, options: action, key: key, stdout: { $0.payoutID.string })
            }
        }
    }

    /// `payops payout approve PAYOUT_ID`.
    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a requested payout (not your own): debits the venue's available balance.",
            discussion: ActionOptions.exitStatusHelp)

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var action: ActionOptions

        @Argument(help: "The payout's id (a uuid).")
        var payoutID: String

        func run() throws {
            let runner = ActionRunner(json: action.json)
            try runner.run {
                let payout = try CommandInput.uuid(payoutID, "payout")
                let key = try action.key()
                let db = try runner.connect(connection)
                try runner.perform(OperatorActions.approvePayout(payout, key: key), on: db, options: action, key: key)
            }
        }
    }

    /// `payops payout reject PAYOUT_ID --reason …`.
    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reject a requested payout (not your own), with a reason.",
            discussion: ActionOptions.exitStatusHelp)

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var action: ActionOptions

        @Argument(help: "The payout's id (a uuid).")
        var payoutID: String

        @Option(help: "Why, for the audit log and the requester (required).")
        var reason: String

        func run() throws {
            let runner = ActionRunner(json: action.json)
            try runner.run {
                let payout = try CommandInput.uuid(payoutID, "payout")
                let key = try action.key()
                let db = try runner.connect(connection)
                try runner.perform(OperatorActions.rejectPayout(payout, reason: reason, key: key), on: db, options: action, key: key)
            }
        }
    }
}
