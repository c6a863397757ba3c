import ArgumentParser
import PaymentData

/// What every operator-action subcommand takes besides the connection: the idempotency key and `--json`.
struct ActionOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The action's idempotency key (default: a new one, printed on stderr).",
        discussion: """
            The same command again with the same key returns the first result instead of acting twice (exit 0); \
            the same key with a different request is refused (PX001).
            """,
        valueName: "key"))
    var idempotencyKey: String?

    @Flag(help: "Print the database's JSON result on stdout; on refusal {\"error\": CODE, \"message\": …}.")
    var json = false

    @Flag(help: "Refuse to write anything (as `readonly = true` in config.toml does for every command).")
    var readonly = false

    /// The end of every action's help: what the exit status means.
    static let exitStatusHelp = """
        Exit status: 0 done (an idempotent replay included); 2 refused by a rule, a permission, invalid \
        input or a lock held over 3 s, with "payops: refused (CODE): reason" on stderr; 3 interrupted \
        (Ctrl-C, SIGTERM) and cancelled on the server: nothing was done; 4 outcome unknown (the connection \
        was lost, or the server did not answer the cancel): stderr gives the command that settles it; 1 \
        anything else (no connection, a usage error).
        """

    /// True when the operator chose the key (so it may have been used before).
    var keyWasGiven: Bool { idempotencyKey != nil }

    /// The key to use: the one given (refused when it is blank or too long), or a new one.
    func key() throws -> IdempotencyKey {
        guard let text = idempotencyKey else { return IdempotencyKey.make() }
        guard let key = IdempotencyKey(text) else {
            throw ActionRefusal(.invalidInput, "--idempotency-key must be 1–200 printable characters "
                                + "without leading or trailing spaces")
        }
        return key
    }

    /// Says a new key on stderr just before the action is sent, so a script that loses its connection
    /// can retry with it; a key the operator gave is not repeated.
    func announce(_ key: IdempotencyKey) {
        guard !keyWasGiven else { return }
        printError("payops: idempotency key \(key) (to retry without acting twice: --idempotency-key \(key))")
    }
}

/// What `payops.operator_actions` holds for a key used before, if anything: a replay is coming.
struct PriorAction {
    /// The action the key was first used for, e.g. `refund`, `ip.block`.
    let action: String
    /// The first request's `expires_at` (block_ip), as the database printed it.
    let expiresAt: String?

    /// The audit row of `key`, or nil when the key is new (or the log cannot be read: it is only a label).
    static func lookup(_ db: PGConnection, _ key: IdempotencyKey) -> PriorAction? {
        guard let result = try? db.query("""
            SELECT action, request->>'expires_at' FROM payops.operator_actions WHERE idempotency_key = $1
            """, [key]), result.count == 1,
              let action = try? result[0].decode(0, as: String.self) else { return nil }
        return PriorAction(action: action, expiresAt: try? result[0].decode(1, as: String?.self))
    }
}
