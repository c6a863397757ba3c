import PaymentData
#if canImport(Glibc)
import Glibc
#endif

/// One connection the console sends work to: its queue of jobs, the one query in flight, and its way back after a
/// loss. The console has a lane for the primary (actions, their previews, every read without `--read-dsn`) and,
/// with `--read-dsn`, a second lane for a standby (pane reads and exports); the event loop polls both.
final class Lane {
    /// Which server the lane talks to.
    enum Role { case primary, standby }

    let role: Role
    let connection: PGConnection
    var queue: [ConsoleSession.Job] = []
    var pending: PendingQuery?
    /// What the query in flight is: a pane's read can be cancelled when the operator asks for something else.
    var pendingIsRead = false
    /// The query in flight is an operator action (its form waits for the outcome).
    var pendingIsAction = false
    /// The query in flight is the console's own bookkeeping (a commit position, a replay check, the standby's lag):
    /// no spinner, never superseded, never holds up a live refresh.
    var pendingIsProbe = false
    /// A read cancelled because the operator asked for something else: its cancellation is not an error.
    var superseded: ObjectIdentifier?
    var reconnector = Reconnector()
    /// True while the status line shows this lane's lost connection (cleared once data is back).
    var statusIsConnectionError = false

    init(_ role: Role, _ connection: PGConnection) {
        self.role = role
        self.connection = connection
    }

    /// Busy with something the operator asked for (probes do not count).
    var busy: Bool {
        (pending != nil && !pendingIsProbe) || queue.contains { if case .probe = $0 { false } else { true } }
    }

    /// A probe is in flight or waiting.
    var hasProbe: Bool {
        (pending != nil && pendingIsProbe) || queue.contains { if case .probe = $0 { true } else { false } }
    }

    /// What `poll()` watches for this lane: the reconnect attempt's socket, the query's socket, or nothing.
    var descriptor: pollfd {
        switch reconnector.wait {
        case let .readable(fd): return pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        case let .writable(fd): return pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        case .none:
            let fd = reconnector.active || pending == nil ? -1 : connection.socket
            return pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        }
    }

    /// Drops waiting reads and exports (Esc, a lost connection); actions and probes stay.
    func dropReads() {
        queue.removeAll { job in
            switch job {
            case .data, .export: true
            case .action, .probe: false
            }
        }
    }

    /// `host:port` for the header (`local` for a Unix socket).
    var serverLabel: String {
        let info = connection.info
        let host = info.host.isEmpty || info.host.hasPrefix("/") ? "local" : info.host
        return info.port.isEmpty ? host : "\(host):\(info.port)"
    }
}

extension ConsoleSession {
    /// A bookkeeping query: its result is applied when it arrives; a failure other than a lost connection goes to
    /// `failed` (a lost connection is handled like any other).
    struct Probe {
        let query: Query<() -> Void>
        let failed: (Error) -> Void
        init<Value>(_ query: Query<Value>, failed: @escaping (Error) -> Void, apply: @escaping (Value) -> Void) {
            self.query = query.map { value in { apply(value) } }
            self.failed = failed
        }
    }
}

extension ConsoleSession {
    /// The primary lane's query in flight, queue and reconnector, for code that works on the primary only (rollup
    /// maintenance, which takes an advisory lock and writes): reads go through `lane(forRead:)` instead.
    var pending: PendingQuery? {
        get { primary.pending }
        set { primary.pending = newValue }
    }
    var queue: [Job] {
        get { primary.queue }
        set { primary.queue = newValue }
    }
    var reconnector: Reconnector {
        get { primary.reconnector }
        set { primary.reconnector = newValue }
    }
}
