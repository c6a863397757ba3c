import PaymentData
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// What one run of the `payops` binary left behind.
struct CLIRun: CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String
    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// Runs the built binary with `arguments`, keeping stdout and stderr apart (Subprocess captures them
/// together, so a shell sends stderr to a file first).
func runPayops(_ arguments: [String]) -> CLIRun {
    let errorPath = "/tmp/payops-cli-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).stderr"
    defer { unlink(errorPath) }
    let outcome = Subprocess.run(["/bin/sh", "-c", "exec \"$0\" \"$@\" 2>\"$PAYOPS_TEST_STDERR\"", payopsBinary()] + arguments,
                                 environment: ["PAYOPS_TEST_STDERR": errorPath])
    return CLIRun(status: outcome.status, stdout: outcome.output, stderr: readTextFile(errorPath))
}

func readTextFile(_ path: String) -> String {
    guard let file = fopen(path, "r") else { return "" }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while case let count = fread(&buffer, 1, buffer.count, file), count > 0 { bytes += buffer[0..<count] }
    return String(decoding: bytes, as: UTF8.self)
}

func writeTextFile(_ path: String, _ text: String) {
    guard let file = fopen(path, "w") else { return }
    fputs(text, file)
    fclose(file)
}

/// Login roles for these tests (cluster-wide), made once per process with `payops db create-operator` itself.
enum CLIOperators {
    static let support = "cli_support1"
    static let finance = "cli_finance1"
    static let finance2 = "cli_finance2"
    static let oncall = "cli_oncall1"

    /// nil once the roles exist; otherwise why they could not be made.
    static let setupFailure: String? = {
        do {
            let conninfo = try TestCluster.shared.freshDatabase(.migrated)
            for (name, group) in [(support, "support"), (finance, "finance"), (finance2, "finance"), (oncall, "oncall")] {
                let run = runPayops(["db", "create-operator", name, "--role", group, "--dsn", conninfo])
                guard run.status == 0 else { return "create-operator \(name): \(run)" }
            }
            return nil
        } catch {
            return "\(error)"
        }
    }()
}

/// A fresh seeded database, its superuser connection, and the binary run as one of the operators.
struct CLIWorld {
    let conninfo: String
    let admin: PGConnection

    init() throws {
        if let failure = CLIOperators.setupFailure { throw PGError(.connection, message: "operator roles: \(failure)") }
        conninfo = try TestCluster.shared.freshDatabase(.seeded)
        admin = try PGConnection(conninfo)
    }

    /// The conninfo with `user=` replaced.
    func dsn(as user: String) -> String {
        conninfo.split(separator: " ").map { $0.hasPrefix("user=") ? "user=\(user)" : String($0) }.joined(separator: " ")
    }

    /// Runs `payops ARGUMENTS --dsn …` as `user`.
    func run(_ user: String, _ arguments: String...) -> CLIRun {
        runPayops(arguments + ["--dsn", dsn(as: user)])
    }

    func int(_ sql: String, _ parameters: [any PGParam] = []) throws -> Int64 {
        try admin.query(sql, parameters)[0].decode(0)
    }

    func text(_ sql: String, _ parameters: [any PGParam] = []) throws -> String? {
        try admin.query(sql, parameters)[0].decode(0)
    }

    /// A field of JSON text, read by PostgreSQL (which also proves the text is JSON).
    func json(_ text: String, _ field: String) throws -> String? {
        try admin.query("SELECT $1::jsonb ->> $2", [text, field])[0].decode(0)
    }

    /// Rows in the tables an action writes, to show a refused or dry run wrote nothing.
    func writeCounts() throws -> [Int64] {
        try admin.query("""
            SELECT (SELECT count(*) FROM payment_refunds), (SELECT count(*) FROM payops.operator_actions),
                   (SELECT count(*) FROM outbox), (SELECT count(*) FROM payment_events),
                   (SELECT count(*) FROM outbox_dlq WHERE requeued_at IS NULL), (SELECT count(*) FROM venue_payouts)
            """)[0].decodeAll()
    }

    /// `count` completed USD payments with no refunds and an amount of at least $50.00.
    func refundablePayments(_ count: Int) throws -> [PGUUID] {
        try admin.query("""
            SELECT id FROM payment_transactions p WHERE status = 'completed' AND currency = 'USD' AND amount >= 5000
              AND NOT EXISTS (SELECT 1 FROM payment_refunds r WHERE r.transaction_id = p.id) ORDER BY id LIMIT $1
            """, [Int64(count)]).map { try $0.decode(0) }
    }
}

extension PGRow {
    fileprivate func decodeAll() throws -> [Int64] {
        try (0..<6).map { try decode($0) }
    }
}
