import ArgumentParser
import PaymentData

/// `payops ip block|unblock CIDR --reason …`: support maintains the IP blocklist through `payops.block_ip`
/// and `payops.unblock_ip`.
struct IPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ip",
        abstract: "Block or unblock an IP address or network (the payops_support group).",
        subcommands: [Block.self, Unblock.self])

    /// `payops ip block CIDR --reason … [--expires …]`.
    struct Block: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put an IP address or network on payops.ip_blocklist.",
            discussion: """
                --expires takes a time (2026-12-01T00:00:00Z; a date alone is midnight UTC) or a duration from \
                now on the database server's clock (30m, 24h, 7d, 2w). Without it the block lasts until \
                unblocked. A network that is already blocked is refused (PX043); an expired entry is replaced.

                \(ActionOptions.exitStatusHelp)
                """)

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var action: ActionOptions

        @Argument(help: "An address or network: 203.0.113.7, 198.51.100.0/24, 2001:db8::/32.")
        var network: String

        @Option(help: "Why, for the audit log (required).")
        var reason: String

        @Option(help: "When the block ends: a time like 2026-12-01T00:00:00Z or a duration like 24h or 7d.")
        var expires: String?

        func run() throws {
            let runner = ActionRunner(json: action.json)
            try runner.run {
                let address = try CommandInput.network(network)
                let expiry = try expires.map(CommandInput.expiry)
                let key = try action.key()
                let db = try runner.connect(connection)
                let expiresAt = try Self.resolve(expiry, db: db, key: action.keyWasGiven ? key : nil)
                try runner.perform(OperatorActions.blockIP(address.text, reason: reason, expiresAt: expiresAt, key: key),
                                   on: db, options: action, key: key)
            }
        }

        /// The expiry as a time. A duration counts from the server's now, except when retrying with a key
        /// already used for a block: then the first call's expiry, so the retry is the same request and replays.
        static func resolve(_ expiry: CommandInput.Expiry?, db: PGConnection, key: IdempotencyKey?) throws -> Timestamp? {
            switch expiry {
            case nil: return nil
            case let .at(time): return time
            case let .after(interval):
                if let key, let prior = PriorAction.lookup(db, key), prior.action == "ip.block",
                   let text = prior.expiresAt, let first = Timestamp.parse(text) {
                    return first
                }
                return try db.query("SELECT now() + $1::interval", [interval])[0].decode(0)
            }
        }
    }

    /// `payops ip unblock CIDR --reason …`.
    struct Unblock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove an IP address or network from payops.ip_blocklist.",
            discussion: """
                The network must be written as it was blocked (PX042 when it is not on the list). The audit log \
                keeps who blocked it and why.

                \(ActionOptions.exitStatusHelp)
                """)

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var action: ActionOptions

        @Argument(help: "The address or network as it was blocked.")
        var network: String

        @Option(help: "Why, for the audit log (required).")
        var reason: String

        func run() throws {
            let runner = ActionRunner(json: action.json)
            try runner.run {
                let address = try CommandInput.network(network)
                let key = try action.key()
                let db = try runner.connect(connection)
                try runner.perform(OperatorActions.unblockIP(address.text, reason: reason, key: key), on: db,
                                   options: action, key: key)
            }
        }
    }
}
