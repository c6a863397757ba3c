/// What the header says about the server the panes read from when it is not the primary (`--read-dsn`): where
/// it is, how far its replay is behind, and whether it is there at all.
public struct ReadServerHeader: Sendable, Equatable {
    /// How the read server is doing.
    public enum State: Sendable, Equatable {
        /// Not heard from yet since the console started (or came back).
        case unknown
        /// A hot standby streaming from its primary, `lagSeconds` behind (nil: behind, by an unknown time).
        case streaming(lagSeconds: Double?)
        /// A hot standby whose WAL receiver is not running: it replays nothing new until it reconnects upstream.
        case notStreaming(lagSeconds: Double?)
        /// The read server accepts writes: it is a primary (a multi-host DSN with prefer-standby found no standby).
        case notStandby
        /// The connection to the read server is lost; the console is reconnecting.
        case lost
    }

    /// `host:port` of the read server (`local` for a Unix socket).
    public var server: String
    public var state: State
    /// Above this many seconds of lag the header warns.
    public var lagLimitSeconds: Double
    /// While the read server is lost, reads go to the primary (`--read-fallback`).
    public var fallback: Bool

    /// Makes a header part.
    public init(server: String, state: State = .unknown, lagLimitSeconds: Double = 10, fallback: Bool = false) {
        self.server = server
        self.state = state
        self.lagLimitSeconds = lagLimitSeconds
        self.fallback = fallback
    }

    /// True when the header should draw attention: lost, lagging past the limit, or not streaming.
    public var isWarning: Bool {
        switch state {
        case .unknown, .notStandby: false
        case let .streaming(lag): (lag ?? 0) > lagLimitSeconds
        case .notStreaming, .lost: true
        }
    }

    /// The header's words: `reads local:5433 lag 0.2 s`, `reads local:5433 ⚠ lag 14 s (limit 10 s)`,
    /// `reads ⚠ standby local:5433 lost: reconnecting; reads wait for it`, ….
    public var label: String {
        switch state {
        case .unknown: return "reads \(server)"
        case .notStandby: return "reads \(server) (not a standby)"
        case let .streaming(lag):
            guard let lag else { return "reads \(server) lag ? (replaying)" }
            return lag > lagLimitSeconds ? "reads \(server) ⚠ lag \(Self.seconds(lag)) (limit \(Self.seconds(lagLimitSeconds)))"
                : "reads \(server) lag \(Self.seconds(lag))"
        case let .notStreaming(lag):
            return "reads \(server) ⚠ not streaming" + ((lag ?? 0) > 0 ? ", lag \(Self.seconds(lag ?? 0))" : "")
        case .lost:
            return "reads ⚠ standby \(server) lost: " + (fallback ? "reading the primary" : "reconnecting; reads wait for it")
        }
    }

    /// `0.2 s`, `14 s`, `5 min`, `3 h`.
    static func seconds(_ value: Double) -> String {
        if value < 10 {
            let tenths = Int((value * 10).rounded())
            return "\(tenths / 10).\(tenths % 10) s"
        }
        if value < 120 { return "\(Int(value.rounded())) s" }
        if value < 7200 { return "\(Int((value / 60).rounded())) min" }
        return "\(Int((value / 3600).rounded())) h"
    }
}
