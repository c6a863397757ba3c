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

    /// The console's session settings, on every connection it opens (at start, a context switch; kept across
    /// reconnects): reads never wait without a limit (a statement 30 s, a lock 3 s; Esc cancels sooner); the
    /// planner settings every pane read gets (`PlannerSettings`: no JIT, no parallel workers); the server ends the
    /// work of a console that vanished mid-action.
    static func applySessionSettings(_ connection: PGConnection) {
        try? connection.setSession("statement_timeout", "\(statementTimeoutSeconds)s")
        try? PlannerSettings.apply(connection)
        try? connection.setSession("lock_timeout", "\(lockTimeoutSeconds)s")
        try? connection.setSession("client_connection_check_interval", "2s")
    }

    /// Rollups cannot be shared where row-level security isolates tenants (payops.rollup_step does nothing there):
    /// the panes then send the raw statements alone, whose every bound is an index condition under the policies.
    static func noteTenantIsolation(_ isolated: Bool) {
        RollupSQL.tenantIsolated.store(isolated, ordering: .relaxed)
    }

    func checkReadDeadline(_ lane: Lane, now: Int) {
        guard let query = lane.pending, now - query.startedAt > (Self.statementTimeoutSeconds + 5) * 1000 else { return }
        query.cancel()
        lane.pending = nil
        let error = PGError(.connection, sqlState: "08006",
                            message: "no answer from the server for \(Self.statementTimeoutSeconds + 5) s")
        // An action's form is told its outcome is unknown (it offers to send again with the same key).
        if lane.pendingIsAction { perform(model.finishAction(.failure(error), milliseconds: now)) }
        connectionLost(error, lane: lane)
    }

    /// A lane's connection is gone: say so, fail what was waiting, and reconnect in the background. A lost standby
    /// is shown in the header; its reads go to the primary only with `--read-fallback`.
    func connectionLost(_ error: PGError, lane: Lane) {
        if lane.role == .standby {
            standbyLost(error)
            return
        }
        let hadAction = lane.queue.contains { if case .action = $0 { true } else { false } }
        lane.queue.removeAll()
        lane.pending = nil
        lane.reconnector.begin(now: monotonicMilliseconds(), reason: error.message)
        model.say("connection lost: \(error.message) — reconnecting", error: true)
        lane.statusIsConnectionError = true
        if hadAction { perform(model.finishAction(.failure(error), milliseconds: monotonicMilliseconds())) }
    }

    /// Back: the error goes, the pane reloads.
    func reconnected(_ lane: Lane) {
        if lane.role == .standby {
            standbyBack()
            return
        }
        model.connectionNote = nil
        // A multi-host DSN (target_session_attrs=read-write) may have found another primary.
        model.header.host = lane.connection.info.host
        if model.header.reads != nil { model.header.port = lane.connection.info.port }
        model.say("connection back")
        lane.statusIsConnectionError = false
        rollups.role = rollups.role == .off ? .off : .unknown     // a new session holds no maintainer lock: elect again
        perform(model.start())
    }

    func report(_ error: Error, modal: Bool = false, lane: Lane) {
        if let error = error as? PGError, error.isConnectionLoss {
            connectionLost(error, lane: lane)
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
            // A hot standby cancels a read whose rows its replay must remove (max_standby_streaming_delay).
            if error.sqlState == "40001" && error.message.contains("conflict with recovery") {
                return "the standby cancelled this read to keep replaying (conflict with recovery); R tries again"
            }
            return "database error: \(error)"
        }
        return "\(error)"
    }
}
