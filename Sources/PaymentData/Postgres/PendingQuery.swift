/// A query in flight on a connection, advanced by the caller's event loop whenever the socket is
/// readable. Snapshot queries are wrapped in BEGIN … READ ONLY / COMMIT, sent one statement at a time.
/// One connection carries one pending query at a time.
public final class PendingQuery {
    /// What the query was called, for the status line.
    public let name: String
    private let connection: PGConnection
    private let steps: [Statement]
    /// Indices of `steps` whose results belong to the query (not BEGIN/COMMIT).
    private let resultSteps: Set<Int>
    private let finish: ([PGResult]) -> Void
    private let fail: (Error) -> Void
    private var index = 0
    private var results: [PGResult] = []
    /// Whether `cancel()` was called: a cancellation the query did not ask for is a stray one.
    private var cancelRequested = false
    /// Whether the query was already sent again after a stray cancellation (once at most).
    private var resent = false
    /// True once the completion (success or failure) has run.
    public private(set) var isFinished = false
    /// When the query was sent (monotonic milliseconds), for "loading… 1.2 s".
    public let startedAt = monotonicMilliseconds()

    /// Sends the first statement of `query`; `completion` runs exactly once from `advance()` or `cancel()`.
    public init<Value>(_ query: Query<Value>, on connection: PGConnection,
                       completion: @escaping (Result<Value, Error>) -> Void) throws(PGError) {
        name = query.name
        self.connection = connection
        if query.snapshot {
            steps = [Statement(PGConnection.beginStatement(.repeatableRead, readOnly: true))] + query.statements + [Statement("COMMIT")]
            resultSteps = Set(1...query.statements.count)
        } else {
            steps = query.statements
            resultSteps = Set(0..<query.statements.count)
        }
        finish = { results in completion(Result { try query.decode(results) }) }
        fail = { error in completion(.failure(error)) }
        try connection.send(steps[0].sql, steps[0].parameters)
    }

    /// Reads what arrived; sends the next statement or completes. Returns true once finished.
    @discardableResult
    public func advance() -> Bool {
        guard !isFinished else { return true }
        do {
            guard try connection.consumeInput() else { return false }
            let result = try connection.takeResult()
            if resultSteps.contains(index), let result { results.append(result) }
            index += 1
            if index < steps.count {
                try connection.send(steps[index].sql, steps[index].parameters)
                return false
            }
            isFinished = true
            finish(results)
        } catch {
            // A failed statement inside a snapshot leaves the transaction aborted: end it.
            if index > 0, steps.count > 1, connection.isHealthy { try? connection.execute("ROLLBACK") }
            if isStray(error), resendFromStart() { return false }
            isFinished = true
            fail(error)
        }
        return true
    }

    /// A cancel request meant for the statement before this one (sent from another thread, it reached the server
    /// late) stopped this query: nothing it did was kept (a cancelled statement, or its transaction, rolls back).
    private func isStray(_ error: Error) -> Bool {
        guard let error = error as? PGError else { return false }
        return !cancelRequested && !resent && error.isCancellation && error.message.contains("user request")
    }

    /// Sends the query again from its first statement; false if the connection cannot take it.
    private func resendFromStart() -> Bool {
        resent = true
        index = 0
        results = []
        do {
            try connection.send(steps[0].sql, steps[0].parameters)
            return true
        } catch {
            return false
        }
    }

    /// Asks the server to stop (from a thread of its own: never waits for the network); the query then completes
    /// with a cancellation error on the next `advance()`.
    public func cancel() {
        guard !isFinished else { return }
        cancelRequested = true
        connection.cancelInBackground()
    }
}
