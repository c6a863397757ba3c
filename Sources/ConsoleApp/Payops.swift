import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The `payops` command: the console by default, plus database, demo and operator-action subcommands.
@main
struct Payops: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payops",
        abstract: "A terminal console for operating a payment platform's PostgreSQL database.",
        discussion: """
            With no subcommand, opens the console. Connection settings are libpq's own: --dsn takes a \
            conninfo string or URI; without it PGHOST, PGDATABASE, PGUSER, ~/.pgpass and pg_service.conf apply.
            """,
        version: "0.1.0",
        subcommands: [Console.self, Demo.self, Database.self, RefundCommand.self, PayoutCommand.self,
                      WebhookCommand.self, DeadLetterCommand.self, OutboxCommand.self, IPCommand.self, RollupCommand.self],
        defaultSubcommand: Console.self
    )

    /// Runs the command like ArgumentParser's own `main`, except that a usage error exits 1 (not 64):
    /// payops exits 0 done, 2 refused, 1 anything else.
    static func main() {
        // A peer that closed its socket must be an error to handle, never the end of payops: libpq's PQcancel
        // sends on a socket of its own without MSG_NOSIGNAL, and a cancel sent while the server shuts down met a
        // closed socket; SIGPIPE's default would kill the console with the terminal still on the alternate screen.
        // Children get the default back (Subprocess resets it), and a closed stdout is a failed write, not a death.
        signal(SIGPIPE, SIG_IGN)
        // `payops help nosuch` would print the top help and exit 0: say what is unknown and exit 1.
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "help", arguments.count > 1, !helpPathExists(Array(arguments.dropFirst())) {
            printError("payops: no such command: \(arguments.dropFirst().joined(separator: " ")) (see payops --help)")
            exit(withError: ExitCode.failure)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                let message = fullMessage(for: error)
                if !message.isEmpty { printError(message) }
                exit(withError: ExitCode.failure)
            }
            exit(withError: error)
        }
    }
}

/// True when `path` names a command: `refund`, `db install`, `payout approve`, …
func helpPathExists(_ path: [String]) -> Bool {
    var commands: [any ParsableCommand.Type] = Payops.configuration.subcommands
    for word in path {
        guard let next = commands.first(where: { ($0.configuration.commandName ?? "\($0)".lowercased()) == word }) else {
            return false
        }
        commands = next.configuration.subcommands
    }
    return true
}

/// `payops db …`: schema and demo-data maintenance.
struct Database: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Migrate a database, fill it with demo data, or make a login for an operator.",
        subcommands: [Detect.self, Install.self, Uninstall.self, Migrate.self, Seed.self, CreateOperatorCommand.self]
    )
}
