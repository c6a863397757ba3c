import PaymentData
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway primary with a seeded database and a real streaming hot standby of it (`pg_basebackup -R`), both
/// loading `pg_stat_statements` so a test can see which server ran which statement. Every step is bounded in
/// time (pg_ctl waits at most 60 s, replication checks `seconds`); `stop()` (and deinit) removes both, and each
/// server's watchdog removes it if the test process dies.
public final class StandbyPair {
    public let primary: ThrowawayServer
    public let standby: ThrowawayServer
    public let database = "payops_standby"

    /// Starts the primary, seeds `database` (the demo data set, `TestCluster.seededTransactions` payments at the
    /// fixed anchor), then clones it into a standby started with `standbySettings` (e.g. `recovery_min_apply_delay`).
    public init(standbySettings: [String: String] = [:]) throws {
        let statements = ["shared_preload_libraries": "pg_stat_statements", "pg_stat_statements.track_utility": "off"]
        primary = try ThrowawayServer(settings: statements)
        do {
            try PGConnection(primary.conninfo()).execute("CREATE DATABASE \(database)")
            let db = try PGConnection(primary.conninfo(database: database))
            try MigrationRunner().migrate(db)
            _ = try DemoData.seed(db, transactions: TestCluster.seededTransactions, seed: TestCluster.seed, anchor: TestCluster.anchor)
            try db.execute("CREATE EXTENSION pg_stat_statements")
            db.close()
            standby = try ThrowawayServer(settings: statements.merging(standbySettings) { $1 }, standbyOf: primary)
        } catch {
            primary.stop()
            throw error
        }
        do { try waitStreaming() } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    /// Stops and removes both servers. Safe to call twice.
    public func stop() {
        standby.stop()
        primary.stop()
    }

    /// The primary's conninfo for the seeded database.
    public var primaryDSN: String { primary.conninfo(database: database) }
    /// The standby's conninfo for the seeded database.
    public var standbyDSN: String { standby.conninfo(database: database) }

    /// Waits until the standby's WAL receiver is streaming from the primary.
    public func waitStreaming(seconds: Double = 30) throws {
        let deadline = monotonicMilliseconds() + Int(seconds * 1000)
        while monotonicMilliseconds() < deadline {
            if let replica = try? PGConnection(standbyDSN),
               let streaming = try? replica.query("SELECT count(*) AS harness FROM pg_stat_wal_receiver WHERE status = 'streaming'")[0]
                .decode(0, as: Int64.self), streaming == 1 {
                return
            }
            usleep(100_000)
        }
        throw TestClusterError("the standby was not streaming from the primary within \(seconds) s:\n\(standby.logTail())")
    }

    /// Waits until the standby has replayed everything the primary has written so far.
    public func waitReplayed(seconds: Double = 30) throws {
        let target: String = try PGConnection(primaryDSN).query("SELECT pg_current_wal_insert_lsn()::text AS harness")[0].decode(0)
        let replica = try PGConnection(standbyDSN)
        let deadline = monotonicMilliseconds() + Int(seconds * 1000)
        while monotonicMilliseconds() < deadline {
            if try replica.query("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS harness", [target])[0].decode(0, as: Bool.self) { return }
            usleep(50_000)
        }
        throw TestClusterError("the standby had not replayed \(target) within \(seconds) s")
    }

    /// Makes the standby apply each commit `delay` after the primary made it (`recovery_min_apply_delay`, set with
    /// ALTER SYSTEM and a reload, so it can change while the pair runs); waits until the server reports it.
    public func setApplyDelay(_ delay: String, seconds: Double = 10) throws {
        let replica = try PGConnection(standby.conninfo())
        try replica.query("SELECT set_config('statement_timeout', '10s', false) AS harness")
        try replica.execute("ALTER SYSTEM SET recovery_min_apply_delay = '\(delay)'")
        try replica.query("SELECT pg_reload_conf() AS harness")
        let deadline = monotonicMilliseconds() + Int(seconds * 1000)
        while monotonicMilliseconds() < deadline {
            let now: String = try PGConnection(standby.conninfo()).query("SELECT current_setting('recovery_min_apply_delay') AS harness")[0].decode(0)
            if now == delay { return }
            usleep(50_000)
        }
        throw TestClusterError("the standby did not take recovery_min_apply_delay = \(delay) within \(seconds) s")
    }

    /// Forgets every statement `pg_stat_statements` counted on `server` so far.
    public static func resetStatements(_ server: ThrowawayServer, database: String = "payops_standby") throws {
        try PGConnection(server.conninfo(database: database)).query("SELECT pg_stat_statements_reset()")
    }

    /// The statements `server` ran in `database` since the last reset, except session bookkeeping that every
    /// connection sends (`set_config` of its settings) and this harness's own (`… AS harness`).
    public static func statements(_ server: ThrowawayServer, database: String = "payops_standby") throws -> Set<String> {
        let rows = try PGConnection(server.conninfo(database: database)).query("""
            SELECT s.query FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = $1 AND s.query NOT LIKE '%set_config(%' AND s.query NOT LIKE '%pg_stat_statements%'
              AND s.query NOT LIKE '%AS harness%'
            """, [database])
        var texts: Set<String> = []
        for index in 0..<rows.count { texts.insert(try rows[index].decode(0)) }
        return texts
    }
}
