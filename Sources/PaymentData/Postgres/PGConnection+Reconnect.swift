import CLibPQ
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Where a non-blocking reconnect stands.
public enum ReconnectPoll: Equatable, Sendable {
    /// Waiting for the socket to become readable (or writable); poll it and call `pollReset()` again.
    case reading(Int32), writing(Int32)
    /// Connected, session settings applied.
    case connected
    /// This attempt failed; libpq's reason.
    case failed(String)
}

extension PGConnection {
    /// Starts re-establishing the connection without blocking (libpq's PQresetStart); then call `pollReset()`
    /// whenever its socket is ready. Nothing here waits for the network.
    public func startReset() -> ReconnectPoll {
        guard PQresetStart(handle) == 1 else { return .failed(lastError(.connection).message) }
        return .writing(PQsocket(handle))
    }

    /// Advances a reconnect started by `startReset()`.
    public func pollReset() -> ReconnectPoll {
        switch PQresetPoll(handle) {
        case PGRES_POLLING_READING: return .reading(PQsocket(handle))
        case PGRES_POLLING_WRITING: return .writing(PQsocket(handle))
        case PGRES_POLLING_OK:
            PQsetNoticeProcessor(handle, { _, _ in }, nil)
            do { try applySessionSettings() } catch { return .failed(error.message) }
            return .connected
        default:
            return .failed(lastError(.connection).message)
        }
    }

    /// Asks the server to cancel the running statement from a thread of its own, so a network that stopped
    /// answering never holds up the caller (libpq's PQcancel opens a connection and waits for the server).
    /// Until that thread is done, `cancelInFlight` is true: a statement sent meanwhile could be the one the
    /// server cancels, so callers wait for it before sending the next (bounded by `cancelWaitMilliseconds`).
    public func cancelInBackground() {
        guard let cancel = PQgetCancel(handle) else { return }
        let tracker = cancels
        tracker.began()
        let box = Unmanaged.passRetained(CancelRequest(cancel, tracker)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            let request = Unmanaged<CancelRequest>.fromOpaque(argument).takeRetainedValue()
            var buffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(request.handle, &buffer, Int32(buffer.count))
            request.tracker.ended()
            return nil
        }, box)
        if started == 0 {
            pthread_detach(thread)
        } else {
            let request = Unmanaged<CancelRequest>.fromOpaque(box).takeRetainedValue()
            request.tracker.ended()
        }
    }

    /// How long a connection waits at most for its cancel requests to reach the server before sending again
    /// (a server that does not answer the cancel is no reason to stall the console: its reads time out anyway).
    public static let cancelWaitMilliseconds = 2_000

    /// A cancel request for this connection's backend is still on its way to the server (and not for longer than
    /// `cancelWaitMilliseconds`).
    public var cancelInFlight: Bool { cancels.inFlight(now: monotonicMilliseconds(), limit: Self.cancelWaitMilliseconds) }
}

/// Cancel requests on their way to the server for one connection: how many, and since when.
final class CancelTracker: Sendable {
    private let state = Mutex<(count: Int, since: Int)>((0, 0))

    func began() {
        state.withLock { state in
            if state.count == 0 { state.since = monotonicMilliseconds() }
            state.count += 1
        }
    }

    func ended() { state.withLock { $0.count = max(0, $0.count - 1) } }

    func inFlight(now: Int, limit: Int) -> Bool {
        state.withLock { $0.count > 0 && now - $0.since < limit }
    }
}

/// A libpq cancel handle handed to the thread that sends it; freed when the thread is done with it.
private final class CancelRequest: @unchecked Sendable {
    let handle: OpaquePointer
    let tracker: CancelTracker
    init(_ handle: OpaquePointer, _ tracker: CancelTracker) {
        self.handle = handle
        self.tracker = tracker
    }
    deinit { PQfreeCancel(handle) }
}

extension PGError {
    /// The connection is gone or the server is going away (restart, terminated backend, network): a lost
    /// connection to reconnect, not a database error.
    public var isConnectionLoss: Bool {
        kind == .connection || sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }

    /// The statement waited for a lock longer than `lock_timeout`.
    public var isLockTimeout: Bool { sqlState == "55P03" }
}
