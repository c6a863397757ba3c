import ArgumentParser
import PaymentData

/// `payops db create-operator NAME --role finance`: a login role for a person, through `payops.create_operator`.
struct CreateOperatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-operator",
        abstract: "Make a login role for a person in one payops group (needs a superuser connection).",
        discussion: """
            Runs payops.create_operator(NAME, GROUP). Idempotent: for an existing role it only adds the group, \
            so run it again with another --role to put a person in a second group. The role gets no password: \
            it authenticates as pg_hba.conf says (peer, a certificate, or a password a DBA sets with psql's \
            \\password, never on a command line). Each person logs in as their own role; that name is written to \
            every audit row.

            The equivalent SQL (as a superuser):
              CREATE ROLE alice LOGIN;
              GRANT payops_finance TO alice;

            Exit status: 0 done; 2 refused (not a superuser, an invalid name); 1 anything else.
            """)

    /// The four payops groups.
    enum Group: String, ExpressibleByArgument, CaseIterable {
        case viewer, support, finance, oncall
    }

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The login role's name (not pg_* or payops_*, not an existing superuser).")
    var name: String

    @Option(help: "The group: viewer (read only), support (refunds, IP blocks), finance (payouts), oncall (queues).")
    var role: Group

    @Flag(help: "Print the database's JSON result on stdout.")
    var json = false

    func run() throws {
        let runner = ActionRunner(json: json)
        try runner.run {
            let db = try runner.connect(connection)
            do {
                runner.report(try db.perform(OperatorActions.createOperator(name, group: role.rawValue)))
            } catch let refusal as ActionRefusal where refusal.reason == .permissionDenied {
                // Nobody but superusers may even execute the function: say so rather than blame the groups.
                throw ActionRefusal(.permissionDenied, "only a superuser may create operators (\(refusal.message))")
            }
        }
    }
}
