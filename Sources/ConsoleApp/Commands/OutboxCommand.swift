import ArgumentParser
import PaymentData

/// `payops outbox reset ID`: on-call resets a stuck outbox row for retry through `payops.reset_outbox`.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Reset a stuck outbox row for retry (the payops_oncall group).",
        subcommands: [Reset.self])

    /// `payops outbox reset ID`.
    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reset a stuck outbox row (unprocessed, over 10 minutes old): attempts back to 0.",
            discussion: """
                Refused when the row was already processed (PX034) or is under 10 minutes old, when the worker \
                may still be on it (PX035). The previous attempts and last error go to the audit log.

                \(ActionOptions.exitStatusHelp)
                """)

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var action: ActionOptions

        @Argument(help: "The outbox row's id (a number).")
        var id: String

        func run() throws {
            let runner = ActionRunner(json: action.json)
            try runner.run {
                let row = try CommandInput.rowID(id, "outbox row")
                let key = try action.key()
                let db = try runner.connect(connection)
                try runner.perform(OperatorActions.resetOutbox(row, key: key), on: db, options: action, key: key)
            }
        }
    }
}
