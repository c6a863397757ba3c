import PaymentData
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// What a race gave: each call's outcome ("ok" or its SQLSTATE), in the order of the connections, and the most
/// calls seen waiting on a lock at one time while the gate was held.
struct RaceOutcome {
    var outcomes: [String]
    var mostWaiting: Int
}

extension World {
    /// Runs `sql` on every connection at once and shows that the calls really overlapped.
    ///
    /// A gate session opens a transaction and runs `gate` (a `SELECT … FOR UPDATE` of a row every call needs), then
    /// the calls are sent; the gate is held until `pg_stat_activity` shows every one of them waiting on a lock
    /// (wait_event_type = 'Lock': on the gate's row, or behind a call that waits on it), then committed, and the
    /// outcomes are collected. Calls that ran one after another would never be seen waiting together: the caller
    /// checks `mostWaiting == conns.count`. Every wait is bounded: the watch 5 s, each call's lock_timeout 5 s,
    /// each result 20 s.
    func race(gate: String, _ gateParameters: [any PGParam], on conns: [PGConnection], _ sql: String,
              _ parameters: (Int) -> [any PGParam]) throws -> RaceOutcome {
        let pids: [Int32] = try conns.map { try $0.query("SELECT pg_backend_pid()")[0].decode(0) }
        for conn in conns { try conn.query("SELECT set_config('lock_timeout', '5s', false)") }
        let gateSession = try PGConnection(conninfo)
        defer { gateSession.close() }
        try gateSession.execute("BEGIN")
        var open = true
        defer { if open { try? gateSession.execute("ROLLBACK") } }
        #expect(try gateSession.query(gate, gateParameters).count > 0, "the gate locks a row")

        for (i, conn) in conns.enumerated() { try conn.send(sql, parameters(i)) }
        let pidArray = "{" + pids.map(String.init).joined(separator: ",") + "}"
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        var most = 0
        while true {
            let waiting: Int = try admin.query("""
                SELECT count(*) FROM pg_stat_activity WHERE pid = ANY($1::int[]) AND wait_event_type = 'Lock'
                """, [pidArray])[0].decode(0)
            most = max(most, waiting)
            if waiting == conns.count || clock.now > deadline { break }
            usleep(5_000)
        }
        try gateSession.execute("COMMIT")
        open = false

        let outcomes = conns.map { conn -> String in
            do {
                if try conn.awaitResult(milliseconds: 20_000) != nil { return "ok" }
                conn.cancel()
                return "no result in 20 s"
            } catch let error as PGError {
                return error.sqlState.isEmpty ? "\(error)" : error.sqlState
            } catch {
                return "\(error)"
            }
        }
        return RaceOutcome(outcomes: outcomes, mostWaiting: most)
    }

    /// Redefines `function` (a signature, `payops.refund(uuid, bigint, text, text, text)`) with `old` replaced by
    /// `new` on the one line of its definition that holds both `marker` and `old`: a deliberate fault, to show that
    /// a test catches it.
    func injectFault(into function: String, onTheLineWith marker: String, replacing old: String, with new: String) throws {
        let definition: String = try admin.query("SELECT pg_get_functiondef($1::regprocedure)", [function])[0].decode(0)
        var lines = definition.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let hits = lines.indices.filter { lines[$0].contains(marker) && lines[$0].contains(old) }
        try #require(hits.count == 1, "exactly one line of \(function) holds \(marker) and \(old)")
        lines[hits[0]] = lines[hits[0]].replacing(old, with: new)
        try admin.execute(lines.joined(separator: "\n"))
    }
}
