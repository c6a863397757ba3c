/// Where one rollup source ('payments', 'ip_attempts' or 'refunds') stands after a maintenance step.
public struct RollupProgress: Sendable, Equatable {
    public var source: String
    /// Every minute before this has its buckets; nil before the first step.
    public var closedUntil: Timestamp?
    /// Changes to rows with updated_at before this, minus the margin, are folded in.
    public var changesUntil: Timestamp?
    /// Raw rows the step read (changed rows and rows of newly closed minutes).
    public var rows: Int
    /// Another maintainer held the lock: this step did nothing.
    public var busy: Bool
}

/// How far the rollups are behind the data, for progress lines (`payops rollup`, the console's status line).
public struct RollupLag: Sendable, Equatable {
    /// Whole minutes the furthest source is behind (payments: now's minute; attempts and refunds: now minus the margin); 0 when
    /// caught up; nil when never built.
    public var minutesBehind: Int?
    /// True when the reads use the rollups now (built and fresh), false when they fall back to the raw rows.
    public var inUse: Bool
}

/// Maintenance of payops' rollups (README, "### Rollups"): bounded steps, a rebuild, and where they stand.
public enum RollupQueries {
    /// One bounded step (`payops.rollup_step`): safe with other maintainers at once (the one without the lock
    /// answers busy). No rows when the installation cannot share rollups (forced row-level security).
    public static func step(maxRows: Int = 50_000) -> Query<[RollupProgress]> {
        Query("rollup.step", "SELECT r_source, r_closed_until, r_changes_until, r_rows, r_busy FROM payops.rollup_step($1)",
              [maxRows]) { result in
            try result.map { row throws(PGError) in
                RollupProgress(source: try row.decode(0), closedUntil: try row.decode(1), changesUntil: try row.decode(2),
                               rows: try row.decode(3), busy: try row.decode(4))
            }
        }
    }

    /// Forgets every bucket; the following steps rebuild them from the first row on.
    public static func rebuild() -> Query<Void> {
        Query("rollup.rebuild", "SELECT payops.rollup_rebuild()") { _ in () }
    }

    /// How far behind the rollups are, and whether the reads use them now (the freshness rule of `RollupSQL`).
    public static func lag() -> Query<RollupLag> {
        let sql = """
            SELECT (SELECT CASE WHEN count(*) = 3 AND count(s.closed_until) = 3 THEN
                               max(ceil(extract(epoch FROM now() - s.closed_until
                                        - CASE s.source WHEN 'payments' THEN interval '0' ELSE s.margin END) / 60)::bigint - 1)
                           END
                    FROM payops.rollup_state s),
                   (SELECT count(*) = 3 FROM payops.rollup_state s
                    WHERE s.closed_until >= now() - make_interval(secs => $1)
                      AND s.changes_until - s.margin >= now() - make_interval(secs => $1))
            """
        return Query("rollup.lag", sql, [RollupSQL.changeHorizonSeconds]) { result in
            let minutes: Int? = try result[0].decode(0)
            return RollupLag(minutesBehind: minutes.map { max(0, $0) }, inUse: try result[0].decode(1))
        }
    }

    /// Raw payments not yet in a closed minute (the catch-up still to do), counted through the created_at index.
    public static func paymentsBehind() -> Query<Int> {
        Query("rollup.behind", """
            SELECT count(*) FROM payops_read.payments p
            WHERE p.created_at >= coalesce((SELECT s.closed_until FROM payops.rollup_state s WHERE s.source = 'payments'),
                                           '-infinity')
            """) { try $0[0].decode(0) }
    }
}
