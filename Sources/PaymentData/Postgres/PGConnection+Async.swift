import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

extension PGConnection {
    /// The socket to `poll()` for readability while a query runs; it can change after a reset.
    public var socket: Int32 { PQsocket(handle) }

    /// Sends one parameterised statement without waiting for its result.
    public func send(_ sql: String, _ parameters: [any PGParam] = []) throws(PGError) {
        let texts = parameters.map { $0.pgText }
        let sent = withOptionalCStrings(texts) { pointers in
            PQsendQueryParams(handle, sql, Int32(pointers.count), nil, pointers, nil, nil, 0)
        }
        guard sent == 1 else { throw lastError(.query) }
        _ = PQflush(handle)
    }

    /// Reads what has arrived on the socket; returns true once a result can be taken without blocking.
    public func consumeInput() throws(PGError) -> Bool {
        guard PQconsumeInput(handle) == 1 else { throw lastError(.connection) }
        return PQisBusy(handle) == 0
    }

    /// Takes the finished result of the statement sent last, draining libpq's queue.
    /// Call only after `consumeInput()` returned true. Returns nil if nothing was sent.
    public func takeResult() throws(PGError) -> PGResult? {
        var last: PGResult?
        var failure: PGError?
        while let raw = PQgetResult(handle) {
            let result = PGResult(raw)
            do { try check(raw) } catch { if failure == nil { failure = error } }
            last = result
        }
        if let failure { throw failure }
        return last
    }

    /// Asks the server to cancel the running statement; its result then arrives as a cancellation error.
    @discardableResult
    public func cancel() -> Bool {
        guard let cancel = PQgetCancel(handle) else { return false }
        defer { PQfreeCancel(cancel) }
        var buffer = [CChar](repeating: 0, count: 256)
        return PQcancel(cancel, &buffer, Int32(buffer.count)) == 1
    }

    /// Waits up to `milliseconds` (−1: forever) for the statement sent last; nil on timeout.
    /// For scripts and tests: the console instead polls `socket` with its keyboard.
    public func awaitResult(milliseconds: Int32 = -1) throws(PGError) -> PGResult? {
        while true {
            if try consumeInput() { return try takeResult() }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready == 0 { return nil }
            if ready < 0 && errno != EINTR { throw PGError(.connection, message: "poll failed: errno \(errno)") }
        }
    }
}
