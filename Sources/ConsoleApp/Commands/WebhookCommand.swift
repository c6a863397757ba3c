import ArgumentParser
import PaymentData

/// `payops webhook retry ID`: on-call puts a failed webhook back to pending through `payops.retry_webhook`.
struct WebhookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook",
        abstract: "Retry a failed webhook (the payops_oncall group).",
        subcommands: [Retry.self])

    /// `payops webhook retry ID`.
    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a failed webhook_inbox row back to pending, so the worker processes it again.",
            discussion: """
                Only a webhook in status "failed" can be retried (PX030 otherwise); its last error is kept in \
                the audit log.

                \(ActionOptions.exitStatusHelp)
                """)

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var action: ActionOptions

        @Argument(help: "The webhook_inbox row's id (a uuid).")
        var id: String

        func run() throws {
            let runner = ActionRunner(json: action.json)
            try runner.run {
                let webhook = try CommandInput.uuid(id, "webhook")
                let key = try action.key()
                let db = try runner.connect(connection)
                try runner.perform(OperatorActions.retryWebhook(webhook, key: key), on: db, options: action, key: key)
            }
        }
    }
}
