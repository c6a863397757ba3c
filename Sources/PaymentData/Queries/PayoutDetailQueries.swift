/// One payout with its venue's name and every operator action on it (request, approval, rejection), oldest first.
public struct PayoutDetail: Sendable, Equatable {
    public var payout: PayoutRow
    public var venueName: String
    public var audit: [OperatorActionRow]
}

/// Reads for a payout's detail (Enter on a payout in a venue's history or in the operator log).
public enum PayoutDetailQueries {
    /// The payout and its audit rows from one snapshot; nil when there is no such payout. The audit rows come
    /// through payops.operator_actions' (target_type, target_id, at) index.
    public static func detail(_ id: PGUUID) -> Query<PayoutDetail?> {
        let payout = Statement("""
            SELECT p.id, p.venue_id, p.amount, p.fee, p.currency, p.instant, p.status, p.requested_by, p.requested_at,
                   p.decided_by, p.decided_at, p.decision_reason,
                   coalesce((SELECT v.name FROM payops_read.venues v WHERE v.id = p.venue_id), p.venue_id::text)
            FROM payops_read.payouts p WHERE p.id = $1::uuid
            """, [id])
        let audit = Statement("""
            SELECT a.id, a.at, a.operator, a.action, a.target_type, a.target_id, a.reason, a.request, a.result, a.idempotency_key
            FROM payops.operator_actions a
            WHERE a.target_type = 'payout' AND a.target_id = $1
            ORDER BY a.at, a.id
            """, [id.string])
        return Query(snapshot: "payouts.detail", [payout, audit]) { results in
            guard let row = try VenueQueries.decodePayouts(results[0]).first, results[0].count == 1 else { return nil }
            let name: String = try results[0][0].decode(12)
            let actions = try results[1].map { row throws(PGError) in
                OperatorActionRow(id: try row.decode(0), at: try row.decode(1), operatorName: try row.decode(2),
                                  action: try row.decode(3), targetType: try row.decode(4), targetID: try row.decode(5),
                                  reason: try row.decode(6), request: try row.decode(7), result: try row.decode(8),
                                  idempotencyKey: try row.decode(9))
            }
            return PayoutDetail(payout: row, venueName: name, audit: actions)
        }
    }
}
