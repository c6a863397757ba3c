/// Reads for the Overview pane.
public enum OverviewQueries {
    /// The last `windowSeconds` (default 24 h) before `asOf` (default now), from one snapshot. With `rollups`, the
    /// counts, revenue and failure reasons read payops' per-minute buckets plus the raw rows around and between
    /// them (`RollupSQL`), with the same answer as the raw statements (the oracle, used when `rollups` is false).
    public static func overview(windowSeconds: Int = 86_400, asOf: Timestamp? = nil, rollups: Bool = RollupSQL.enabled)
        -> Query<Overview>
    {
        let clock = "coalesce($1::timestamptz, now())"
        let counts = Statement("""
            SELECT t.status, count(*) FROM payops_read.payments t
            WHERE t.created_at > \(clock) - make_interval(secs => $2) AND t.created_at <= \(clock)
            GROUP BY t.status
            """, [asOf, windowSeconds])
        let revenue = Statement("""
            SELECT t.currency, sum(t.amount) FROM payops_read.payments t
            WHERE t.created_at > \(clock) - make_interval(secs => $2) AND t.created_at <= \(clock)
              AND t.status IN ('completed', 'partially_refunded', 'refunded')
            GROUP BY t.currency ORDER BY t.currency
            """, [asOf, windowSeconds])
        let refunds = Statement("""
            SELECT t.currency, sum(r.amount), count(*) FROM payops_read.refunds r
            JOIN payops_read.payments t ON t.id = r.transaction_id
            WHERE r.created_at > \(clock) - make_interval(secs => $2) AND r.created_at <= \(clock) AND r.status <> 'failed'
            GROUP BY t.currency ORDER BY t.currency
            """, [asOf, windowSeconds])
        let refundRows = RollupSQL.refundRows(since: "\(clock) - make_interval(secs => $2)", until: clock, horizon: "$3")
        let rolledRefunds = Statement("""
            WITH \(refundRows)
            SELECT currency, sum(amount), sum(refunds)::bigint FROM refs GROUP BY currency ORDER BY currency
            """, [asOf, windowSeconds, RollupSQL.changeHorizonSeconds])
        let reasons = Statement("""
            SELECT coalesce(t.metadata ->> 'failure_reason', '(none recorded)') AS reason, count(*)
            FROM payops_read.payments t
            WHERE t.status = 'failed' AND t.created_at > \(clock) - make_interval(secs => $2) AND t.created_at <= \(clock)
            GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5
            """, [asOf, windowSeconds])
        // With rollups, one statement gives all three (the buckets are read once), its rows tagged by what they are.
        let payments = rollups ? [rolledUp(windowSeconds: windowSeconds, asOf: asOf)] : [counts, revenue, reasons]
        // Invariants, each bounded: payments with a refund created in the window (each one's refunds summed through
        // the (transaction_id) index), today's payouts, all balances (3 per venue), stuck outbox rows. The window is
        // written out, not read from the clock CTE, so the planner estimates it (from the CTE it guessed a third of
        // all refunds and scanned every payment). A 30-day window with two correlated sums per payment took 1.2 s
        // at 1 M payments (make bench).
        // With rollups, the payments that break a refund alarm come from payops.rollup_refund_alarms, and only the
        // unsettled ones (a refund not closed or still open, the payment changed lately) are summed raw.
        let refundChecks = rollups
            ? """
              \(RollupSQL.refundAlarmTotals(since: "\(clock) - make_interval(secs => $3)", horizon: "$4"))
              """
            : """
              totals AS (
                  SELECT t.id, t.amount, t.status, s.refunded, s.completed_refunds
                  FROM (SELECT DISTINCT x.transaction_id FROM payops_read.refunds x
                        WHERE x.created_at > \(clock) - make_interval(secs => $3)) recent
                  JOIN payops_read.payments t ON t.id = recent.transaction_id
                  CROSS JOIN LATERAL (
                      SELECT coalesce(sum(r.amount) FILTER (WHERE r.status <> 'failed'), 0) AS refunded,
                             coalesce(sum(r.amount) FILTER (WHERE r.status = 'completed'), 0) AS completed_refunds
                      FROM payops_read.refunds r WHERE r.transaction_id = t.id) s
              ),
              checks AS (
                  SELECT id, refunded > amount AS over_refunded, status = 'refunded' AND completed_refunds <> amount AS status_mismatch
                  FROM totals
              )
              """
        let alarms = Statement("""
            WITH clock AS (SELECT \(clock) AS now),
            \(refundChecks)
            SELECT 'over_refunded', count(*), min(id::text) FROM checks WHERE over_refunded
            UNION ALL
            SELECT 'refunded_status_mismatch', count(*), min(id::text) FROM checks WHERE status_mismatch
            UNION ALL
            SELECT 'negative_balance', count(*), min(venue_id::text) FROM payops_read.balances WHERE amount < 0
            UNION ALL
            SELECT 'stuck_outbox', count(*), min(o.id::text) FROM payops_read.outbox o, clock
            WHERE o.processed_at IS NULL AND o.created_at < clock.now - make_interval(secs => $2)
            UNION ALL
            SELECT 'payout_daily_limit', count(*), min(venue_id::text) FROM (
                SELECT p.venue_id FROM payops_read.payouts p, clock
                WHERE p.status IN ('approved', 'paid') AND p.decided_at >= date_trunc('day', clock.now AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
                GROUP BY p.venue_id HAVING sum(p.amount) > 5000000
            ) over_limit
            UNION ALL
            SELECT f.kind, count(*), min(f.subject) FROM payops_read.findings f
            WHERE f.at > \(clock) - make_interval(secs => $3) AND f.at <= \(clock)
            GROUP BY f.kind
            """, rollups ? [asOf, QueueQueries.stuckAfterSeconds, windowSeconds, RollupSQL.changeHorizonSeconds]
                         : [asOf, QueueQueries.stuckAfterSeconds, windowSeconds])
        let depth = QueueQueries.depth(asOf: asOf)
        return Query(snapshot: "overview", payments + [rollups ? rolledRefunds : refunds, alarms] + depth.statements) { results in
            var statusCounts: [PaymentStatus: Int] = [:]
            var revenue: [Money] = []
            var reasons: [(reason: String, count: Int)] = []
            let rest = Array(results.dropFirst(payments.count))
            for result in results.prefix(payments.count).enumerated() {
                for index in 0..<result.element.count {
                    let row = result.element[index]
                    // Raw: counts, revenue, reasons, one statement each. Rolled up: one statement, each row tagged.
                    let kind = payments.count == 1 ? try row.decode(0, as: String.self) : ["count", "revenue", "reason"][result.offset]
                    let first = payments.count == 1 ? 1 : 0
                    switch kind {
                    case "count": statusCounts[try row.decode(first)] = try row.decode(first + 1)
                    case "revenue": revenue.append(Money(minorUnits: try row.decode(first + 1), currency: try row.decode(first)))
                    default: reasons.append((reason: try row.decode(first), count: try row.decode(first + 1)))
                    }
                }
            }
            let refundTotals = try rest[0].map { row throws(PGError) in
                (Money(minorUnits: try row.decode(1), currency: try row.decode(0)), try row.decode(2, as: Int.self))
            }
            let alarms = try rest[1].map { row throws(PGError) -> Alarm? in
                let count: Int = try row.decode(1)
                guard count > 0, let kind = Alarm.Kind(rawValue: try row.decode(0)) else { return nil }
                return Alarm(kind: kind, count: count, sampleID: try row.decode(2))
            }.compactMap { $0 }
            let queues = try depth.decode([rest[2]])
            return Overview(counts: statusCounts, revenue: revenue, refunds: refundTotals.map(\.0),
                            refundCount: refundTotals.reduce(0) { $0 + $1.1 }, topFailureReasons: reasons,
                            queues: queues, alarms: alarms, asOf: queues.readAt, windowSeconds: windowSeconds)
        }
    }

    /// The counts, revenue and failure reasons over the rollups in one statement (the window's buckets and raw rows
    /// are read once, into `pay`, then grouped three ways): rows (kind, key, value) with kind `count` (status,
    /// payments), `revenue` (currency, amount) or `reason` (reason, payments; the top five), in the raw statements'
    /// orders.
    static func rolledUp(windowSeconds: Int, asOf: Timestamp?) -> Statement {
        let clock = "coalesce($1::timestamptz, now())"
        let rows = RollupSQL.paymentRows(since: "\(clock) - make_interval(secs => $2)", until: clock, horizon: "$3")
        let parameters: [any PGParam] = [asOf, windowSeconds, RollupSQL.changeHorizonSeconds]
        return Statement("""
            WITH \(rows),
            sums AS MATERIALIZED (
                SELECT status, currency, reason, sum(payments)::bigint AS payments, sum(amount) AS amount
                FROM pay GROUP BY status, currency, reason
            )
            (SELECT 'count' AS kind, status AS key, sum(payments)::numeric AS value, 1 AS part, 0 AS rank
             FROM sums GROUP BY status)
            UNION ALL
            (SELECT 'revenue', currency, sum(amount), 2, 0 FROM sums
             WHERE status IN ('completed', 'partially_refunded', 'refunded') GROUP BY currency)
            UNION ALL
            (SELECT 'reason', reason, sum(payments), 3, row_number() OVER (ORDER BY sum(payments) DESC, reason)
             FROM sums WHERE status = 'failed' GROUP BY reason ORDER BY sum(payments) DESC, reason LIMIT 5)
            ORDER BY part, rank, key
            """, parameters)
    }
}
