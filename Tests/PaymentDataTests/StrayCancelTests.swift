import PaymentData
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A cancel request travels to the server on a connection of its own and reaches the backend whenever it arrives:
/// meant for the statement before, it can stop the next one (the console's refund form once never opened so). A
/// query stopped by a cancel it never asked for runs again, once.
@Suite("libpq access: cancels that arrive late")
struct StrayCancelTests {
    /// Runs `SELECT pg_sleep(0.4), 42` in a snapshot as the console does; another session cancels it `strays` times
    /// (each time the statement is running anew), or the query cancels itself (`ownCancel`). Bounded: 20 s.
    static func run(strays: Int, ownCancel: Bool = false) throws -> Result<Int, Error> {
        let db = try TestCluster.shared.connect(.empty)
        let other = try TestCluster.shared.connect(.empty)
        defer { db.close(); other.close() }
        let pid = try db.query("SELECT pg_backend_pid()")[0].decode(0, as: Int.self)
        let query = Query<Int>(snapshot: "sleep", [Statement("SELECT pg_sleep(0.4), 42")]) { results in
            try results[0][0].decode(1, as: Int.self)
        }
        var outcome: Result<Int, Error>?
        let pending = try PendingQuery(query, on: db) { outcome = $0 }
        var cancelled: Set<String> = []
        let deadline = monotonicMilliseconds() + 20_000
        while outcome == nil {
            guard monotonicMilliseconds() < deadline else { throw PGError(.connection, message: "no outcome in 20 s") }
            let running = try other.query("""
                SELECT query_start::text FROM pg_stat_activity
                WHERE pid = $1 AND state = 'active' AND query LIKE 'SELECT pg_sleep%'
                """, [pid])
            if running.count == 1 {
                let start = try running[0].decode(0, as: String.self)
                if ownCancel, cancelled.isEmpty {
                    pending.cancel()
                    cancelled.insert(start)
                } else if !ownCancel, cancelled.count < strays, !cancelled.contains(start) {
                    _ = try other.query("SELECT pg_cancel_backend($1)", [pid])
                    cancelled.insert(start)
                }
            }
            var descriptor = pollfd(fd: db.socket, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 20)
            pending.advance()
        }
        // The connection is usable afterwards either way.
        #expect(try db.query("SELECT 2")[0].decode(0, as: Int.self) == 2)
        return outcome!
    }

    @Test("a cancel the query never asked for: it runs again and answers")
    func oneStrayCancel() throws {
        let outcome = try Self.run(strays: 1)
        #expect(try outcome.get() == 42)
    }

    @Test("a second stray cancel, or the query's own cancel, stops it with a cancellation")
    func cancellationsThatCount() throws {
        for outcome in [try Self.run(strays: 2), try Self.run(strays: 0, ownCancel: true)] {
            guard case let .failure(error) = outcome else {
                Issue.record("the query answered though it was cancelled")
                continue
            }
            #expect((error as? PGError)?.isCancellation == true, "\(error)")
        }
    }
}
