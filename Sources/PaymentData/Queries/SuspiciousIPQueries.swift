/// One address with too many failed payment attempts in the window.
public struct SuspiciousIP: Sendable, Equatable {
    public var address: InetAddress
    /// Failed-payment events from the address in the window (seed 000's count).
    public var failedAttempts: Int
    public var distinctUsers: Int
    /// Distinct payment-method fingerprints (opaque tokens, never card numbers).
    public var distinctCards: Int
    /// Mean fraud score (0–1) of fraud checks from the address in the window; nil if none.
    public var meanFraudScore: Double?
    public var lastSeen: Timestamp
    /// True when an unexpired `payops.ip_blocklist` entry covers the address.
    public var blocked: Bool
    /// Distinct failed payments the failed events are about; nil where the platform's attempts name no payment.
    public var failedPayments: Int? = nil
}

/// Reads for the Suspicious IPs pane. Seed 000's query is the reference: failed payment attempts per IP
/// in the window, more than `threshold` of them (the read model's `ip_attempts`: on the canonical platform
/// the audit events of failed payments, on TicketToken its fraud checks decided decline or challenge).
public enum SuspiciousIPQueries {
    /// Addresses with more than `threshold` failed-payment events in the `windowSeconds` before `asOf`
    /// (default: now), most attempts first. The events' window is written out rather than read from the bounds
    /// CTE so the planner estimates it: from the CTE it guessed a third of all events and, at 10 M payments,
    /// scanned all 40 M of them for a one-hour window (make bench).
    /// With `rollups`, the attempts per address read payops' per-minute buckets plus the raw rows around and between
    /// them (`RollupSQL`), with the same answer as the raw statement (the oracle, used when `rollups` is false).
    /// The addresses that may be over the threshold are found first from sums alone (per-hour sums by address for the
    /// window's whole hours: a hash aggregate); their attempts are then counted exactly from their own minute buckets,
    /// and the distinct users, cards and payments, which need a sort, for those addresses only (at 1 M payments a
    /// 10-day window had 11,118 addresses of which 14 were over: its sort had spilled to disk).
    public static func list(windowSeconds: Int = 3600, threshold: Int = 10, asOf: Timestamp? = nil, limit: Int = 200,
                            rollups: Bool = RollupSQL.enabled) -> Query<[SuspiciousIP]>
    {
        let rawAttempts = """
            attempts AS (
                SELECT a.ip_address, count(*) AS failed, count(DISTINCT a.user_id) AS users,
                       count(DISTINCT a.card) AS cards, max(a.at) AS last_seen,
                       CASE WHEN count(a.payment_id) > 0 THEN count(DISTINCT a.payment_id) END AS payments
                FROM payops_read.ip_attempts a
                WHERE a.at > coalesce($1::timestamptz, now()) - make_interval(secs => $2)
                  AND a.at <= coalesce($1::timestamptz, now())
                GROUP BY a.ip_address
                HAVING count(*) > $3
            )
            """
        let rolledUpAttempts = """
            \(RollupSQL.attemptRows(since: "coalesce($1::timestamptz, now()) - make_interval(secs => $2)",
                                    until: "coalesce($1::timestamptz, now())", horizon: "$5", threshold: "$3")),
            attempts AS (
                SELECT a.ip_address, sum(a.attempts)::bigint AS failed, count(DISTINCT a.user_id) AS users,
                       count(DISTINCT a.card) AS cards, max(a.last_at) AS last_seen,
                       CASE WHEN count(a.payment_id) > 0 THEN count(DISTINCT a.payment_id) END AS payments
                FROM tried a
                GROUP BY a.ip_address
                HAVING sum(a.attempts) > $3
            )
            """
        let sql = """
            WITH bounds AS (SELECT coalesce($1::timestamptz, now()) AS until,
                                   coalesce($1::timestamptz, now()) - make_interval(secs => $2) AS since),
            \(rollups ? rolledUpAttempts : rawAttempts)
            SELECT a.ip_address, a.failed, a.users, a.cards,
                   (SELECT round(avg(f.score), 2) FROM payops_read.fraud_checks f, bounds
                     WHERE f.ip_address = a.ip_address AND f.at > bounds.since AND f.at <= bounds.until),
                   a.last_seen,
                   EXISTS (SELECT 1 FROM payops.ip_blocklist b, bounds
                           WHERE b.network >>= a.ip_address AND (b.expires_at IS NULL OR b.expires_at > bounds.until)),
                   a.payments
            FROM attempts a
            ORDER BY a.failed DESC, a.last_seen DESC, a.ip_address
            LIMIT $4
            """
        var parameters: [any PGParam] = [asOf, windowSeconds, threshold, limit]
        if rollups { parameters.append(RollupSQL.changeHorizonSeconds) }
        return Query("suspicious.list", sql, parameters) { result in
            try result.map { row throws(PGError) in
                SuspiciousIP(address: try row.decode(0), failedAttempts: try row.decode(1), distinctUsers: try row.decode(2),
                             distinctCards: try row.decode(3), meanFraudScore: try row.decode(4), lastSeen: try row.decode(5),
                             blocked: try row.decode(6), failedPayments: try row.decode(7))
            }
        }
    }

    /// Every payment with an event from an address or network, newest first (drill-down); with `withinSeconds`,
    /// only events of that last window count (the list's window, kept by the drill-down).
    public static func payments(from network: InetAddress, withinSeconds: Int? = nil, limit: Int = 200) -> Query<[TransactionRow]> {
        let sql = """
            SELECT \(TransactionRow.columns)
            FROM (SELECT DISTINCT e.payment_id FROM payops_read.events e WHERE e.ip_address <<= $1::inet
                  AND ($3::integer IS NULL OR e.created_at > now() - make_interval(secs => $3::integer))) m
            JOIN payops_read.payments t ON t.id = m.payment_id LEFT JOIN payops_read.venues v ON v.id = t.venue_id
            ORDER BY t.created_at DESC, t.id DESC
            LIMIT $2
            """
        return Query("suspicious.payments", sql, [network, limit, withinSeconds]) { try $0.map(TransactionRow.init(row:)) }
    }

    /// Every event from an address or network, newest first, paged (drill-down).
    public static func events(from network: InetAddress, _ request: PageRequest<EventCursor> = .first, withinSeconds: Int? = nil,
                              limit: Int = 100) -> Query<Page<PaymentEventRow>> {
        AuditQueries.events(request, filter: EventFilter(network: network, withinSeconds: withinSeconds), limit: limit)
    }
}
