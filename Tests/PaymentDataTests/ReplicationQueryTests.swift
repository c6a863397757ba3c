import PaymentData
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The statements behind reading from a standby, on a real streaming standby (StandbyPair): the commit position,
/// the replay check, and the lag the header shows.
@Suite("replication queries on a real standby", .serialized)
struct ReplicationQueryTests {
    /// Polls `condition` every 50 ms for at most `seconds`.
    static func eventually(_ seconds: Double = 10, _ condition: () throws -> Bool) throws -> Bool {
        let deadline = monotonicMilliseconds() + Int(seconds * 1000)
        while monotonicMilliseconds() < deadline {
            if try condition() { return true }
            usleep(50_000)
        }
        return false
    }

    @Test("a primary is not a standby and sees its own writes; a standby streams, and with replay paused it has not replayed a commit and says it is behind")
    func standbyFacts() throws {
        let pair = try StandbyPair()
        defer { pair.stop() }
        let primary = try PGConnection(pair.primaryDSN)
        let standby = try PGConnection(pair.standbyDSN)
        #expect(try primary.run(ReplicationQueries.standbyState())
                == StandbyState(inRecovery: false, streaming: false, lagSeconds: 0, unreplayedBytes: 0))

        try pair.waitReplayed()
        let caughtUp = try standby.run(ReplicationQueries.standbyState())
        #expect(caughtUp == StandbyState(inRecovery: true, streaming: true, lagSeconds: 0, unreplayedBytes: 0), "\(caughtUp)")

        try standby.query("SELECT pg_wal_replay_pause()")
        defer { _ = try? standby.query("SELECT pg_wal_replay_resume()") }
        try primary.execute("CREATE TABLE written_while_paused (x int); INSERT INTO written_while_paused VALUES (1)")
        let lsn = try primary.run(ReplicationQueries.commitPosition())
        #expect(try primary.run(ReplicationQueries.replayed(lsn)), "a primary sees its own writes")
        #expect(try !standby.run(ReplicationQueries.replayed(lsn)), "paused: not replayed")
        var behind = caughtUp
        #expect(try Self.eventually {
            behind = try standby.run(ReplicationQueries.standbyState())
            return behind.unreplayedBytes > 0
        }, "the standby received the commit without replaying it: \(behind)")
        // Nothing replayed since the standby started: behind, by a time it cannot know.
        #expect(behind.inRecovery && behind.streaming && behind.lagSeconds == nil, "\(behind)")

        try standby.query("SELECT pg_wal_replay_resume()")
        #expect(try Self.eventually { try standby.run(ReplicationQueries.replayed(lsn)) }, "resumed: replayed within 10 s")
        #expect(try standby.query("SELECT count(*) FROM written_while_paused")[0].decode(0, as: Int64.self) == 1)

        // Once a transaction has been replayed, a stalled replay is dated by it: the lag is its age, and grows.
        try standby.query("SELECT pg_wal_replay_pause()")
        try primary.execute("INSERT INTO written_while_paused VALUES (2)")
        #expect(try Self.eventually {
            behind = try standby.run(ReplicationQueries.standbyState())
            return behind.unreplayedBytes > 0 && (behind.lagSeconds ?? 0) > 0
        }, "a dated lag while paused: \(behind)")
        try standby.query("SELECT pg_wal_replay_resume()")
        #expect(try Self.eventually { try standby.run(ReplicationQueries.standbyState()).lagSeconds == 0 }, "caught up: lag 0")
    }
}
