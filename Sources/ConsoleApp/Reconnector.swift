import PaymentData

/// The console's way back to the database after losing it: attempts with exponential backoff and jitter
/// (0.5 s, 1 s, 2 s, … up to 30 s, each ±50 %), each one a non-blocking libpq reconnect with a deadline, so keys,
/// drawing and signals never wait for the network.
struct Reconnector {
    /// What the loop should poll for the attempt under way.
    enum Wait: Equatable { case none, readable(Int32), writable(Int32) }

    private(set) var attempt = 0
    private(set) var nextAttemptAt = 0
    private(set) var attemptDeadline = 0
    private(set) var wait: Wait = .none
    private(set) var lastFailure = ""
    /// Milliseconds an attempt may take before it counts as failed (libpq's connect_timeout does not apply to a
    /// non-blocking reconnect).
    static let attemptMilliseconds = PGConnection.defaultConnectTimeout * 1000

    /// True while attempting (or waiting to attempt).
    var active: Bool { attempt > 0 }

    /// The header's words.
    func note(now: Int) -> String {
        if wait != .none { return "reconnecting, attempt \(attempt)…" }
        let seconds = max(0, (nextAttemptAt - now + 999) / 1000)
        return "connection lost: reconnecting, attempt \(attempt), next in \(seconds) s"
    }

    /// The connection was lost: schedule the first attempt (soon) unless one is already scheduled.
    mutating func begin(now: Int, reason: String) {
        guard !active else { return }
        lastFailure = reason
        attempt = 1
        nextAttemptAt = now + 200
        wait = .none
    }

    /// Starts, advances or gives up the current attempt. Returns true once connected.
    mutating func step(_ connection: PGConnection, now: Int, socketReady: Bool) -> Bool {
        guard active else { return false }
        let poll: ReconnectPoll
        switch wait {
        case .none:
            guard now >= nextAttemptAt else { return false }
            attemptDeadline = now + Self.attemptMilliseconds
            poll = connection.startReset()
        case .readable, .writable:
            if now >= attemptDeadline {
                fail("no answer within \(Self.attemptMilliseconds / 1000) s", now: now)
                return false
            }
            guard socketReady else { return false }
            poll = connection.pollReset()
        }
        switch poll {
        case let .reading(fd): wait = .readable(fd)
        case let .writing(fd): wait = .writable(fd)
        case .connected:
            self = Reconnector()
            return true
        case let .failed(message):
            fail(message, now: now)
        }
        return false
    }

    /// Also give up an attempt whose deadline passed while nothing arrived on its socket.
    private mutating func fail(_ message: String, now: Int) {
        lastFailure = message
        attempt += 1
        wait = .none
        let base = min(30_000, 500 << min(attempt - 2, 6))
        nextAttemptAt = now + base / 2 + Int.random(in: 0...base)
    }
}
