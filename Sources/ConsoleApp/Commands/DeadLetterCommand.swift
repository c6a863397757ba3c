import ArgumentParser
import PaymentData

/// `payops dlq requeue (ID | --error-group TEXT) [--dry-run]`: on-call copies dead letters back into the
/// outbox through `payops.requeue_dead_letter` and `payops.requeue_dead_letters`.
struct DeadLetterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "Requeue dead letters: one, or a whole error group (the payops_oncall group).",
        subcommands: [Requeue.self])

    /// `payops dlq requeue`.
    struct Requeue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a dead letter (or every waiting one with the same last error) back into the outbox.",
            usage: """
                payops dlq requeue <id> [--dry-run] [<options>]
                payops dlq requeue --error-group <text> [--dry-run] [<options>]
                """,
            discussion: """
                A requeued dead letter is stamped (requeued_at, requeued_by, the new outbox row), never deleted; \
                requeueing it again is refused (PX031). An error group is every waiting dead letter whose \
                last_error is exactly the text given; --dry-run lists them and writes nothing; a real run with \
                none waiting is refused (PX033).

                \(ActionOptions.exitStatusHelp)
                """)

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var action: ActionOptions

        @Argument(help: "The dead letter's id (outbox_dlq.id).")
        var id: String?

        @Option(help: "Requeue every waiting dead letter whose last error is exactly this text.")
        var errorGroup: String?

        @Flag(help: "Show what would be requeued; write nothing.")
        var dryRun = false

        func validate() throws {
            guard (id == nil) != (errorGroup == nil) else {
                throw ValidationError("give either a dead letter id or --error-group TEXT")
            }
        }

        func run() throws {
            let runner = ActionRunner(json: action.json)
            try runner.run {
                if let errorGroup {
                    let key = try action.key()
                    let db = try runner.connect(connection)
                    if dryRun {
                        // The dry run neither checks nor consumes the key.
                        let receipt = try db.perform(OperatorActions.requeueGroup(errorGroup, dryRun: true, key: key))
                        runner.report(receipt, details: Self.details(receipt))
                    } else {
                        try runner.perform(OperatorActions.requeueGroup(errorGroup, dryRun: false, key: key), on: db,
                                           options: action, key: key, details: Self.details)
                    }
                } else if let id {
                    let letter = try CommandInput.rowID(id, "dead letter")
                    let key = dryRun ? nil : try action.key()
                    let db = try runner.connect(connection)
                    if let key {
                        try runner.perform(OperatorActions.requeueDeadLetter(letter, key: key), on: db, options: action, key: key)
                    } else {
                        try Self.dryRun(letter, db, runner)
                    }
                }
            }
        }

        /// The ids a group requeue touched (or would touch), at most 50 of them.
        static func details(_ receipt: GroupRequeueReceipt) -> [String] {
            guard !receipt.deadLetterIDs.isEmpty else { return [] }
            func list(_ ids: [Int64]) -> String {
                ids.prefix(50).map(String.init).joined(separator: ", ") + (ids.count > 50 ? " and \(ids.count - 50) more" : "")
            }
            if receipt.dryRun { return ["dead letters: \(list(receipt.deadLetterIDs))"] }
            return ["dead letters: \(list(receipt.deadLetterIDs))", "new outbox rows: \(list(receipt.outboxIDs))"]
        }

        /// One dead letter's dry run: whether it exists and still waits (the function's PX002 and PX031), read only.
        static func dryRun(_ letter: Int64, _ db: PGConnection, _ runner: ActionRunner) throws {
            let rows = try db.query("""
                SELECT event_type, last_error, requeued_at::text FROM payops_read.dead_letters WHERE id = $1
                """, [letter])
            guard rows.count == 1 else { throw ActionRefusal(.notFound, "dead letter \(letter) not found") }
            let eventType: String = try rows[0].decode(0)
            let lastError: String? = try rows[0].decode(1)
            if let requeued: String = try rows[0].decode(2) {
                throw ActionRefusal(.alreadyRequeued, "dead letter \(letter) was already requeued at \(requeued)")
            }
            runner.reportDryRun([
                "dry run: would requeue dead letter \(letter) (\(eventType); last error: \(lastError ?? "none"))",
            ], object: .object([
                ("dry_run", .bool(true)), ("dead_letter_id", .int(letter)), ("event_type", .string(eventType)),
                ("last_error", .string(lastError)),
            ]))
        }
    }
}
