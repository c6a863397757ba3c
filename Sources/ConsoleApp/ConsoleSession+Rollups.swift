import PaymentData
import Screens

/// The console's share of rollup maintenance (README, "### Rollups"): one console among those running is the
/// maintainer, elected by a session-level advisory lock held by its connection (released when it quits or its
/// connection drops, so another takes over). The maintainer runs one bounded step when the connection is idle,
/// every 30 s once caught up (back to back while catching up), and says on the status line while it is catching up.
struct RollupMaintainer {
    /// The session-level lock that elects the maintainer (the steps themselves serialise on another lock).
    static let electionKey = "payops.rollup.maintainer"
    /// Raw rows one console step reads at most: a day's catch-up takes many short steps, never one long read.
    static let maxRows = 5_000
    /// Milliseconds between two tries to become the maintainer.
    static let electionRetryMilliseconds = 30_000
    /// Milliseconds between two steps once caught up. The panes read the minutes since the last step raw (a short
    /// tail), and rollups count as fresh for `RollupSQL.changeHorizonSeconds` (5 min), so a step every 30 s keeps
    /// them fresh with ten times less maintenance than a step per 2 s refresh (each step re-reads its margin).
    static let stepEveryMilliseconds = 30_000

    enum Role { case unknown, maintainer, follower, off }
    var role = Role.unknown
    var nextMilliseconds = 0
    /// The step in flight, so that an operator's read can cancel it (maintenance never holds up a pane).
    var step: ObjectIdentifier?
    /// The step in flight was cancelled for an operator's read: not a failure; the next step comes later.
    var yielded = false
    /// Whole minutes behind at the last step, for the status line (nil when caught up).
    var behind: Int?
}

extension ConsoleSession {
    /// Sends the election or a step when it is due and the connection is idle; does nothing with `--no-rollups`.
    func maintainRollups(now: Int) {
        // On the primary (the steps write), never beside other work: with a standby for reads the primary is
        // otherwise idle; without one the step waits for the panes' reads.
        // A console reading from a standby leaves the primary alone (only actions go there): `payops rollup --follow`
        // beside the primary keeps the rollups warm, and the standby replicates them.
        let lane = primary
        guard standby == nil, RollupSQL.enabled, rollups.role != .off, lane.pending == nil, lane.queue.isEmpty, !lane.reconnector.active,
              model.unavailable == nil, now >= rollups.nextMilliseconds, lane.connection.isHealthy else { return }
        let interval = max(RollupMaintainer.stepEveryMilliseconds, ConsoleModel.intervals[model.intervalIndex] * 1000)
        // Bookkeeping: neither a pane's read (which the operator's next request would cancel) nor an action; no spinner.
        lane.pendingIsRead = false
        lane.pendingIsAction = false
        lane.pendingIsProbe = true
        lane.superseded = nil
        switch rollups.role {
        case .off:
            return
        case .unknown, .follower:
            rollups.nextMilliseconds = now + (rollups.role == .unknown ? 0 : RollupMaintainer.electionRetryMilliseconds)
            let elect = Query("rollup.elect", "SELECT pg_try_advisory_lock(hashtext($1))", [RollupMaintainer.electionKey]) {
                try $0[0].decode(0, as: Bool.self)
            }
            lane.pending = try? PendingQuery(elect, on: lane.connection) { [weak self] result in
                guard let self else { return }
                switch result {
                case let .success(won): rollups.role = won ? .maintainer : .follower
                case .failure: rollups.role = .off
                }
            }
        case .maintainer:
            rollups.nextMilliseconds = now + interval
            lane.pending = try? PendingQuery(RollupQueries.step(maxRows: RollupMaintainer.maxRows), on: lane.connection) { [weak self] result in
                guard let self else { return }
                rollups.step = nil
                if rollups.yielded {      // cancelled for the operator's read: the step (one transaction) rolled back
                    rollups.yielded = false
                    if case .failure = result { return }
                }
                switch result {
                case let .success(progress):
                    // No rows: rollups cannot be shared here (forced row-level security); stop trying.
                    if progress.isEmpty { rollups.role = .off; return }
                    let closed = progress.first { $0.source == "payments" }?.closedUntil
                    let minutes = closed.map { max(0, Int((ConsoleSession.wallClock().microseconds - $0.microseconds) / 60_000_000)) }
                    if let minutes, minutes > 1 {
                        rollups.behind = minutes
                        rollups.nextMilliseconds = now      // catching up: the next step as soon as the line is idle
                        model.say("rollups: catching up, \(minutes) min behind (\(progress.reduce(0) { $0 + $1.rows }) rows this step)")
                    } else if rollups.behind != nil {
                        rollups.behind = nil
                        model.say("rollups: up to date")
                    }
                case .failure:
                    // A read-only transaction, a timeout, a lost connection: try again after the election delay
                    // (the panes read raw meanwhile once the rollups go stale).
                    rollups.role = .follower
                }
            }
            rollups.step = lane.pending.map(ObjectIdentifier.init)
        }
    }

    /// Cancels the rollup step in flight on the primary, if any, so that the operator's read goes next; the
    /// maintainer steps again after its interval.
    func yieldRollupStep() {
        guard let step = rollups.step, let pending = primary.pending, ObjectIdentifier(pending) == step else { return }
        rollups.yielded = true
        pending.cancel()
    }
}
