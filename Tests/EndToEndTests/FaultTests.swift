import PaymentData
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Real faults, each bounded in time: a network that accepts and never answers (a socket of the test's own), a
/// terminated backend, a table lock and a row lock held by another session, a Ctrl-C while an action waits.
@Suite("end to end: when the database misbehaves", .serialized)
struct FaultTests {
    /// The throwaway server's Unix socket, for a SilentNetwork to forward to.
    static func serverSocket() throws -> String {
        let server = try TestCluster.shared.server()
        return "\(server.directory)/sock/.s.PGSQL.\(server.port)"
    }

    static func database(of conninfo: String) -> String {
        conninfo.split(separator: " ").first { $0.hasPrefix("dbname=") }.map { String($0.dropFirst(7)) } ?? "postgres"
    }

    /// Starts `payops ARGS` in the background (stdout and stderr to files); returns its pid and the two paths.
    static func launch(_ arguments: [String]) throws -> (pid: pid_t, out: String, err: String) {
        let stem = "/tmp/payops-fault-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let quoted = ([payopsBinary()] + arguments).map { "'" + $0.replacing("'", with: "'\\''") + "'" }.joined(separator: " ")
        guard let pid = Subprocess.launchDetached(["/bin/sh", "-c", "exec \(quoted) >\(stem).out 2>\(stem).err"]) else {
            throw TestClusterError("could not start payops")
        }
        return (pid, "\(stem).out", "\(stem).err")
    }

    /// A seeded database, a superuser connection, a completed payment, and another session holding its row lock
    /// (`ROLLBACK` on `locker` lets it go).
    static func lockedPayment() throws -> (String, PGConnection, PGUUID, PGConnection) {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let admin = try PGConnection(conninfo)
        let payment: PGUUID = try admin.query("SELECT id FROM payment_transactions WHERE status = 'completed' LIMIT 1")[0].decode(0)
        let locker = try PGConnection(conninfo)
        try locker.execute("BEGIN")
        try locker.query("SELECT 1 FROM payment_transactions WHERE id = $1 FOR UPDATE", [payment])
        return (conninfo, admin, payment, locker)
    }

    @Test("an endpoint that accepts and never answers: the CLI fails within its connect timeout")
    func silentConnect() throws {
        let silent = try SilentNetwork(forwardTo: nil)
        defer { silent.stop() }
        let start = monotonicMilliseconds()
        let run = runPayops(["refund", Fixtures.uuid(2, 1).string, "--amount", "1.00", "--reason", "duplicate",
                             "--dsn", silent.conninfo(database: "payops", connectTimeout: 2)])
        let elapsed = monotonicMilliseconds() - start
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("cannot connect"), "\(run)")
        #expect(elapsed < 6_000, "gave up after \(elapsed) ms")
    }

    @Test("the network goes silent under the console: q, and SIGTERM, still quit within a second")
    func quitWhileSilent() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        for how in ["q", "SIGTERM"] {
            let network = try SilentNetwork(forwardTo: try Self.serverSocket())
            defer { network.stop() }
            let marker = "fault_\(how)_\(getpid())"
            let dsn = network.conninfo(database: Self.database(of: conninfo)) + " application_name=\(marker)"
            let tmux = try ConsolePaneTests.open(dsn)
            defer { tmux.close() }
            try tmux.waitFor("the overview") { $0.contains("Queue health") && !$0.contains("loading…") }
            network.goSilent()
            tmux.send("2")   // a read that will never be answered
            // Something now waits on the silent network: the page's read, or the console's rollup step when one was
            // in flight as the network went silent (the read queues behind it; CI saw that once).
            try tmux.waitFor("a query waiting on the silent network") {
                $0.contains("transactions.page") || $0.contains("rollup.step")
            }
            let start = monotonicMilliseconds()
            if how == "q" {
                tmux.send("q")
            } else {
                // Only payops itself (its command line starts with the binary), not the shell or tmux around it.
                _ = Subprocess.run(["pkill", "-TERM", "-f", "^\(payopsBinary()) .*application_name=\(marker)"])
            }
            try tmux.waitForTranscript(text: "payops-exited-", seconds: 5)
            let elapsed = monotonicMilliseconds() - start
            #expect(elapsed < 1_500, "\(how): quit took \(elapsed) ms")
        }
    }

    @Test("a terminated backend during a read: the console reconnects, the data comes back, the error goes")
    func terminatedBackend() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let marker = "fault_kill_\(getpid())"
        let tmux = try ConsolePaneTests.open(conninfo + " application_name=\(marker)")
        defer { tmux.close() }
        tmux.send("2")
        try tmux.waitFor("transactions") { $0.contains("INTENT") && !$0.contains("loading…") }
        let admin = try PGConnection(conninfo)
        let killed: Int = try admin.query("""
            SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1) k
            """, [marker])[0].decode(0)
        #expect(killed == 1)
        tmux.send("R")
        let back = try tmux.waitFor(text: "connection back", seconds: 10)
        #expect(back.contains("INTENT"))
        #expect(!back.contains("database error"))
        tmux.send("3")
        try tmux.waitFor("audit trail after the reconnect") { $0.contains("Audit trail") && !$0.contains("loading…") && !$0.contains("connection lost") }
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("a table lock held by another session: the next pane still loads, and the locked read says why it stopped")
    func tableLockDuringRead() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let tmux = try ConsolePaneTests.open(conninfo)
        defer { tmux.close() }
        try tmux.waitFor("the overview") { $0.contains("Queue health") && !$0.contains("loading…") }
        let locker = try PGConnection(conninfo)
        try locker.execute("BEGIN; LOCK TABLE payment_transactions IN ACCESS EXCLUSIVE MODE")
        tmux.send("2")
        try tmux.waitFor(text: "transactions.page")
        let start = monotonicMilliseconds()
        tmux.send("6")
        try tmux.waitFor("venues while payments are locked", seconds: 5) { $0.contains("PAYABLE") && !$0.contains("loading…") }
        #expect(monotonicMilliseconds() - start < 2_500, "Venues waited for the locked read")
        tmux.send("2")
        let stopped = try tmux.waitFor(text: "a lock held by another transaction kept this read waiting", seconds: 10)
        #expect(stopped.contains("R tries again"))
        try locker.execute("ROLLBACK")
        tmux.send("R")
        try tmux.waitFor("transactions once the lock is gone") { $0.contains("INTENT") && !$0.contains("loading…") }
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("a locked payment: the CLI refund is a clear refusal within seconds, and nothing is written")
    func rowLockDuringAction() throws {
        _ = CLIOperators.setupFailure
        let (conninfo, admin, payment, locker) = try Self.lockedPayment()
        defer { try? locker.execute("ROLLBACK") }
        let start = monotonicMilliseconds()
        let run = runPayops(["refund", payment.string, "--amount", "1.00", "--reason", "duplicate", "--idempotency-key", "fault-locked",
                             "--dsn", conninfo])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("payment \(payment.string.prefix(8)) is locked by another transaction; nothing was done; try again"))
        #expect(monotonicMilliseconds() - start < 8_000)
        #expect(try admin.query("SELECT count(*) FROM payment_refunds WHERE idempotency_key = 'fault-locked'")[0].decode(0, as: Int.self) == 0)
    }

    @Test("Ctrl-C while a CLI refund waits: not done is reported; the same key again makes exactly one refund")
    func interruptedRefund() throws {
        let (conninfo, admin, payment, locker) = try Self.lockedPayment()
        let arguments = ["refund", payment.string, "--amount", "1.00", "--reason", "duplicate", "--idempotency-key", "fault-ctrl-c",
                         "--dsn", conninfo]
        let run = try Self.launch(arguments)
        usleep(1_000_000)
        kill(run.pid, SIGINT)
        let status = Subprocess.wait(run.pid)
        let stderr = readTextFile(run.err)
        #expect(status == 3, "\(stderr)")
        #expect(stderr.contains("interrupted: nothing was done (the action was cancelled on the server)"))
        try locker.execute("ROLLBACK")
        #expect(try admin.query("SELECT count(*) FROM payment_refunds WHERE idempotency_key = 'fault-ctrl-c'")[0].decode(0, as: Int.self) == 0)
        let again = runPayops(arguments)
        #expect(again.status == 0, "\(again)")
        #expect(try admin.query("SELECT count(*) FROM payment_refunds WHERE idempotency_key = 'fault-ctrl-c'")[0].decode(0, as: Int.self) == 1)
    }

    @Test("the network goes silent while a CLI refund waits: Ctrl-C reports the outcome unknown and the command that settles it")
    func unknownOutcome() throws {
        let (conninfo, admin, payment, locker) = try Self.lockedPayment()
        let network = try SilentNetwork(forwardTo: try Self.serverSocket())
        defer { network.stop() }
        let run = try Self.launch(["refund", payment.string, "--amount", "1.00", "--reason", "duplicate",
                                   "--dsn", network.conninfo(database: Self.database(of: conninfo))])
        usleep(1_000_000)
        network.goSilent()
        kill(run.pid, SIGINT)
        let start = monotonicMilliseconds()
        let status = Subprocess.wait(run.pid)
        #expect(monotonicMilliseconds() - start < 8_000)
        let stderr = readTextFile(run.err)
        #expect(status == 4, "\(stderr)")
        #expect(stderr.contains("the outcome is unknown"))
        try locker.execute("ROLLBACK")
        // The settling command is the same one with the same key: run it, directly this time.
        let settle = try #require(stderr.split(separator: "\n").last { $0.contains("--idempotency-key") })
        let words = settle.split(separator: " ").map(String.init)
        let keyIndex = try #require(words.firstIndex(of: "--idempotency-key"))
        let key = words[keyIndex + 1]
        let again = runPayops(["refund", payment.string, "--amount", "1.00", "--reason", "duplicate", "--idempotency-key", key,
                               "--dsn", conninfo])
        #expect(again.status == 0, "\(again)")
        #expect(try admin.query("SELECT count(*) FROM payment_refunds WHERE idempotency_key = $1", [key])[0].decode(0, as: Int.self) == 1)
    }

    @Test("a server restart under the console: the header says it is reconnecting, then the data and the console come back")
    func serverRestart() throws {
        let server = try ThrowawayServer()
        defer { server.stop() }
        let db = try PGConnection(server.conninfo())
        try MigrationRunner().migrate(db)
        _ = try DemoData.seed(db, transactions: 300, seed: 7, anchor: TestCluster.anchor)
        db.close()
        let tmux = try ConsolePaneTests.open(server.conninfo())
        defer { tmux.close() }
        tmux.send("2")
        try tmux.waitFor("transactions") { $0.contains("INTENT") && !$0.contains("loading…") }
        try server.halt()
        tmux.send("R")
        let down = try tmux.waitFor(text: "reconnecting, attempt", seconds: 10)
        #expect(down.contains("connection lost"), "\(down)")
        try server.resume()
        let start = monotonicMilliseconds()
        let back = try tmux.waitFor(text: "connection back", seconds: 30)
        #expect(back.contains("INTENT"))
        #expect(!back.contains("database error"), "a restart is a lost connection, not a database error")
        #expect(monotonicMilliseconds() - start < 15_000)
        let transcript = tmux.screen()
        #expect(!transcript.contains("57P01"))
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("the backend of a CLI refund is terminated while it waits: the outcome is unknown, and its command settles it")
    func terminatedDuringAction() throws {
        let (conninfo, admin, payment, locker) = try Self.lockedPayment()
        let marker = "fault_action_\(getpid())"
        let arguments = ["refund", payment.string, "--amount", "1.00", "--reason", "duplicate", "--idempotency-key", "fault-killed",
                         "--dsn", conninfo + " application_name=\(marker)"]
        let run = try Self.launch(arguments)
        usleep(800_000)
        _ = try admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [marker])
        let status = Subprocess.wait(run.pid)
        let stderr = readTextFile(run.err)
        #expect(status == 4, "\(stderr)")
        #expect(stderr.contains("the outcome is unknown"))
        #expect(stderr.contains("--idempotency-key fault-killed"))
        try locker.execute("ROLLBACK")
        let again = runPayops(arguments)
        #expect(again.status == 0, "\(again)")
        #expect(try admin.query("SELECT count(*) FROM payment_refunds WHERE idempotency_key = 'fault-killed'")[0].decode(0, as: Int.self) == 1)
    }
}
