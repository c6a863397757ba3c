import ArgumentParser
import CCurses
import PaymentData
#if canImport(Glibc)
import Glibc
#endif

/// Runs one operator action from the command line so that its outcome is never in doubt. The action waits at
/// most `lockTimeoutSeconds` for a lock (then it is a refusal: nothing was done), `statementTimeoutSeconds` in all,
/// and the server ends it if the client vanishes (`client_connection_check_interval`). Ctrl-C, SIGTERM or SIGHUP
/// while it runs cancel it on the server and report which of three things happened: not done (exit 3), done (the
/// receipt, exit 0), or unknown (exit 4, with the exact command that settles it: the same key again replays the
/// first result or acts once). A lost connection is "unknown" too.
enum InterruptibleAction {
    static let lockTimeoutSeconds = 3
    static let statementTimeoutSeconds = 30
    /// How long to wait for the server's answer after a cancel before calling the outcome unknown.
    static let settleMilliseconds: Int32 = 5_000

    /// The interrupted action was cancelled before it did anything.
    struct NotDone: Error {}
    /// The outcome cannot be known from here; `settle` is the command that settles it.
    struct Unknown: Error { let reason: String }

    /// Runs `body` with SIGINT, SIGTERM and SIGHUP held back and readable from the descriptor it gets: whatever
    /// `body` prints about an outcome is printed before a signal can end the process.
    static func withSignalsHeld<T>(_ body: (Int32) throws -> T) rethrows -> T {
        let signals = payops_signalfd_for_termination()
        defer { restoreSignals(signals) }
        return try body(signals)
    }

    /// True when a termination signal arrived (and consumes it).
    static func signalled(_ signals: Int32) -> Bool {
        var descriptor = pollfd(fd: signals, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) > 0 else { return false }
        var info = signalfd_siginfo()
        _ = read(signals, &info, MemoryLayout<signalfd_siginfo>.size)
        return true
    }

    /// Sets the action session's limits: lock and statement timeouts, and the server ending the work of a
    /// client that vanished.
    static func prepare(_ db: PGConnection) {
        try? db.setSession("lock_timeout", "\(lockTimeoutSeconds)s")
        try? db.setSession("statement_timeout", "\(statementTimeoutSeconds)s")
        try? db.setSession("client_connection_check_interval", "2s")
    }

    /// Runs `action`; a signal on `signals` while it runs cancels it on the server (see the type's comment).
    static func run<R>(_ action: Query<R>, on db: PGConnection, signals: Int32) throws -> R {
        guard action.statements.count == 1, let statement = action.statements.first else { return try db.run(action) }
        do {
            try db.send(statement.sql, statement.parameters)
        } catch {
            throw Unknown(reason: error.message)
        }
        var interrupted = false
        var deadline = Int.max
        while true {
            do {
                if try db.consumeInput() {
                    let result = try db.takeResult()
                    guard let result else { throw Unknown(reason: "no result came back") }
                    if interrupted { printError("payops: interrupted, but the action had already completed: it is done") }
                    return try action.decode([result])
                }
            } catch let error as PGError {
                if interrupted && error.isCancellation { throw NotDone() }
                if error.isConnectionLoss { throw Unknown(reason: error.message) }
                throw error
            }
            let now = monotonicMilliseconds()
            if now >= deadline { throw Unknown(reason: "no answer from the server within \(settleMilliseconds / 1000) s of the cancel") }
            var descriptors = [pollfd(fd: db.socket, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: signals, events: Int16(POLLIN), revents: 0)]
            let wait = interrupted ? Int32(max(1, deadline - now)) : 1000
            if poll(&descriptors, 2, wait) < 0 && errno != EINTR { throw Unknown(reason: "poll failed: errno \(errno)") }
            if descriptors[1].revents != 0, !interrupted {
                var info = signalfd_siginfo()
                _ = read(signals, &info, MemoryLayout<signalfd_siginfo>.size)
                interrupted = true
                deadline = monotonicMilliseconds() + Int(settleMilliseconds)
                printError("payops: interrupted: cancelling the action on the server…")
                db.cancelInBackground()
            }
        }
    }

    /// Gives the signals back to their default behaviour once the action is over.
    private static func restoreSignals(_ fd: Int32) {
        if fd >= 0 { close(fd) }
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, signal) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }

    /// The command line that settles an unknown outcome: this one, with the action's key.
    static func settleCommand(_ key: IdempotencyKey) -> String {
        var arguments = Array(CommandLine.arguments)
        if !arguments.contains(where: { $0 == "--idempotency-key" || $0.hasPrefix("--idempotency-key=") }) {
            arguments += ["--idempotency-key", key.text]
        }
        return arguments.map(shellQuoted).joined(separator: " ")
    }

    static func shellQuoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic && scalar.isASCII || ("0"..."9").contains(scalar) || "-_./=:@,+%".unicodeScalars.contains(scalar)
        }
        return plain ? word : "'" + word.replacing("'", with: "'\\''") + "'"
    }
}
