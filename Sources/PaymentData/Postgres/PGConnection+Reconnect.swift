import CLibPQ
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
    public func cancelInBackground() {
        guard let cancel = PQgetCancel(handle) else { return }
        let box = Unmanaged.passRetained(CancelRequest(cancel)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            let request = Unmanaged<CancelRequest>.fromOpaque(argument).takeRetainedValue()
            var buffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(request.handle, &buffer, Int32(buffer.count))
            return nil
        }, box)
        if started == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<CancelRequest>.fromOpaque(box).release()
        }
    }
}

/// A libpq cancel handle handed to the thread that sends it; freed when the thread is done with it.
private final class CancelRequest: @unchecked Sendable {
    let handle: OpaquePointer
    init(_ handle: OpaquePointer) { self.handle = handle }
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
