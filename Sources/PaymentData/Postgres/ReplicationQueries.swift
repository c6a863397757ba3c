/// Where a server the console reads from stands in replication: is it a standby, is it streaming from its
/// primary, and how far behind it is.
public struct StandbyState: Sendable, Equatable {
    /// True on a hot standby (`pg_is_in_recovery()`); false when the read server is a primary itself.
    public var inRecovery: Bool
    /// A WAL receiver is running: the standby is connected to its upstream.
    public var streaming: Bool
    /// Seconds the standby's replay is behind: 0 when it has replayed everything it received, else the age of the
    /// last transaction it replayed (an upper bound); nil when it is behind but has replayed no transaction since it
    /// started (nothing to date it by). 0 on a primary.
    public var lagSeconds: Double?
    /// Bytes received but not yet replayed.
    public var unreplayedBytes: Int64

    /// Makes a state.
    public init(inRecovery: Bool, streaming: Bool, lagSeconds: Double?, unreplayedBytes: Int64) {
        self.inRecovery = inRecovery
        self.streaming = streaming
        self.lagSeconds = lagSeconds
        self.unreplayedBytes = unreplayedBytes
    }
}

/// The statements that let the console read from a streaming standby and still see its own writes: the commit
/// position of an action on the primary, whether the standby has replayed it, and the standby's lag. Each one is
/// a single cheap call of a built-in function every login may run.
public enum ReplicationQueries {
    /// On the primary, in the session that just committed an action: the WAL insert position, at or past the end
    /// of that commit's record.
    public static func commitPosition() -> Query<String> {
        Query("replication.commit_lsn", "SELECT pg_current_wal_insert_lsn()::text") { result in
            try result[0].decode(0)
        }
    }

    /// On the read server: has it replayed WAL up to `lsn`? Always true on a server that is not in recovery
    /// (a primary sees its own writes).
    public static func replayed(_ lsn: String) -> Query<Bool> {
        Query("replication.replayed", """
            SELECT NOT pg_is_in_recovery() OR coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false)
            """, [lsn]) { result in try result[0].decode(0) }
    }

    /// On the read server: recovery, streaming, replay lag. A standby that has replayed all it received is 0 s
    /// behind even when the primary is idle (the age of the last replayed commit would keep growing).
    public static func standbyState() -> Query<StandbyState> {
        Query("replication.lag", """
            SELECT pg_is_in_recovery(), EXISTS (SELECT 1 FROM pg_stat_wal_receiver),
                   CASE WHEN NOT pg_is_in_recovery()
                          OR pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
                        ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END::float8,
                   coalesce(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0)::bigint
            """) { result in
            let row = result[0]
            return StandbyState(inRecovery: try row.decode(0), streaming: try row.decode(1),
                                lagSeconds: try row.decode(2, as: Double?.self).map { max(0, $0) },
                                unreplayedBytes: max(0, try row.decode(3)))
        }
    }
}
