import PaymentData
import Screens
#if canImport(Glibc)
import Glibc
#endif

/// Time limits, losing the connection and getting it back, and the words an operator reads for an error.
extension ConsoleSession {
    /// Reads may take `statementTimeoutSeconds`; one with no answer at all for longer than that plus a margin
    /// means the network stopped answering: the connection is given up and re-established.
    static let statementTimeoutSeconds = 30
    static let lockTimeoutSeconds = 3

    func checkReadDeadline(now: Int) {
        guard let query = pending, now - query.startedAt > (Self.statementTimeoutSeconds + 5) * 1000 else { return }
        query.cancel()
        pending = nil
        let error = PGError(.connection, sqlState: "08006",
                            message: "no answer from the server for \(Self.statementTimeoutSeconds + 5) s")
        // An action's form is told its outcome is unknown (it offers to send again with the same key).
        if pendingIsAction { perform(model.finishAction(.failure(error), milliseconds: now)) }
        connectionLost(error)
    }

    /// The connection is gone: say so, fail what was waiting, and reconnect in the background.
    func connectionLost(_ error: PGError) {
        let hadAction = queue.contains { if case .action = $0 { true } else { false } }
        queue.removeAll()
        pending = nil
        reconnector.begin(now: monotonicMilliseconds(), reason: error.message)
        model.say("connection lost: \(error.message) — reconnecting", error: true)
        statusIsConnectionError = true
        if hadAction { perform(model.finishAction(.failure(error), milliseconds: monotonicMilliseconds())) }
    }

    /// Back: the error goes, the pane reloads.
    func reconnected() {
        model.connectionNote = nil
        model.say("connection back")
        statusIsConnectionError = false
        rollups.role = rollups.role == .off ? .off : .unknown     // a new session holds no maintainer lock: elect again
        perform(model.start())
    }

    func report(_ error: Error, modal: Bool = false) {
        if let error = error as? PGError, error.isConnectionLoss {
            connectionLost(error)
            return
        }
        if modal {
            perform(model.modalLoadFailed(ConsoleSession.words(for: error), milliseconds: monotonicMilliseconds()))
        } else {
            model.say(ConsoleSession.words(for: error), error: true)
        }
    }

    /// The one place that turns any error into what an operator reads.
    static func words(for error: Error) -> String {
        if let error = error as? PGError {
            if error.isCancellation {
                return error.message.contains("statement timeout")
                    ? "the read took over \(statementTimeoutSeconds) s and was stopped (statement_timeout); R tries again"
                    : "query cancelled"
            }
            if error.isLockTimeout {
                return "a lock held by another transaction kept this read waiting over \(lockTimeoutSeconds) s; R tries again"
            }
            if error.isConnectionLoss { return "connection lost: \(error.message) — reconnecting" }
            return "database error: \(error)"
        }
        return "\(error)"
    }
}
