/// Reads for a payment's detail view and its full timeline.
public enum PaymentDetailQueries {
    /// The payment, its refunds and its merged timeline, from one read-only REPEATABLE READ snapshot.
    /// Returns nil when no payment has that id.
    public static func detail(_ id: PGUUID) -> Query<PaymentDetail?> {
        let transaction = Statement("""
            SELECT \(TransactionRow.columns), t.gas_fee_paid, t.venue_payout, v.tier, t.tenant_id, t.event_id,
                   t.device_fingerprint, t.payment_method_fingerprint, t.idempotency_key, t.metadata, t.updated_at
            FROM payops_read.payments t LEFT JOIN payops_read.venues v ON v.id = t.venue_id
            WHERE t.id = $1
            """, [id])
        let refunds = Statement("""
            SELECT r.id, r.amount, r.reason, r.status, r.created_at, r.completed_at
            FROM payops_read.refunds r WHERE r.transaction_id = $1
            ORDER BY r.created_at, r.id
            """, [id])
        let timeline = Statement(timelineSQL, [id])
        return Query(snapshot: "payment.detail", [transaction, refunds, timeline]) { results in
            guard results[0].count == 1 else { return nil }
            let row = results[0][0]
            let base = try TransactionRow(row: row)
            let currency = base.amount.currency
            return PaymentDetail(
                transaction: base,
                gasFee: try row.decode(11, as: Int64?.self).map { Money(minorUnits: $0, currency: currency) },
                venuePayout: Money(minorUnits: try row.decode(12), currency: currency),
                venueTier: try row.decode(13),
                tenantID: try row.decode(14),
                eventID: try row.decode(15),
                deviceFingerprint: try row.decode(16),
                paymentMethodFingerprint: try row.decode(17),
                idempotencyKey: try row.decode(18),
                metadata: try row.decode(19),
                updatedAt: try row.decode(20),
                refunds: try results[1].map { refund throws(PGError) in
                    RefundRow(id: try refund.decode(0), amount: Money(minorUnits: try refund.decode(1), currency: currency),
                              reason: try refund.decode(2), status: try refund.decode(3),
                              createdAt: try refund.decode(4), completedAt: try refund.decode(5))
                },
                timeline: try results[2].map(decodeEntry)
            )
        }
    }

    /// Just the timeline, as one statement (a single statement is its own snapshot).
    public static func timeline(_ id: PGUUID) -> Query<[TimelineEntry]> {
        Query("payment.timeline", timelineSQL, [id]) { try $0.map(decodeEntry) }
    }

    private static func decodeEntry(_ row: PGRow) throws(PGError) -> TimelineEntry {
        let sourceText: String = try row.decode(0)
        guard let source = TimelineEntry.Source(rawValue: sourceText) else {
            throw PGError(.decoding, message: "unknown timeline source \(sourceText)")
        }
        return TimelineEntry(
            at: try row.decode(1), source: source, kind: try row.decode(2), status: try row.decode(3),
            amount: try row.decode(4), ipAddress: try row.decode(5), userAgent: try row.decode(6),
            actor: try row.decode(7), detail: try row.decode(8))
    }

    /// Every table that records something about a payment, merged in time order.
    static let timelineSQL = """
        WITH p AS (SELECT id, created_at, updated_at, status, amount, stripe_payment_intent_id
                   FROM payops_read.payments WHERE id = $1)
        SELECT * FROM (
            SELECT 'transaction' AS source, p.created_at AS at, 'payment.created' AS kind, NULL::text AS status,
                   p.amount, NULL::inet AS ip, NULL::text AS user_agent, NULL::text AS actor,
                   p.stripe_payment_intent_id AS detail
            FROM p
            UNION ALL
            SELECT 'event', e.created_at, e.event_type, NULL, NULL, e.ip_address, e.user_agent, NULL,
                   coalesce(payops_read.change_line(e.payload), e.payload::text)
            FROM payops_read.events e WHERE e.payment_id = $1
            UNION ALL
            SELECT 'sequence', s.event_timestamp, s.event_type,
                   CASE WHEN s.processed_at IS NULL THEN 'unprocessed' ELSE 'processed' END,
                   NULL, NULL, NULL, NULL, '#' || s.sequence_number || ' ' || coalesce(s.stripe_event_id, '')
            FROM payops_read.event_sequence s WHERE s.payment_id = $1
            UNION ALL
            SELECT 'refund', r.created_at, 'refund.' || r.status, r.status, r.amount, NULL, NULL, NULL, r.reason
            FROM payops_read.refunds r WHERE r.transaction_id = $1
            UNION ALL
            SELECT 'outbox', o.created_at, o.event_type,
                   CASE WHEN o.processed_at IS NOT NULL THEN 'processed' ELSE 'waiting' END,
                   NULL, NULL, NULL, o.aggregate_type, o.last_error
            FROM payops_read.outbox o WHERE o.aggregate_id = $1
            UNION ALL
            SELECT 'webhook', w.received_at, w.event_type, w.status, NULL, NULL, NULL, w.provider, w.error_message
            FROM payops_read.webhooks w, p WHERE (w.payload #>> '{data,object,id}') = p.stripe_payment_intent_id
            UNION ALL
            SELECT 'nft', n.created_at, 'nft.mint', n.status, NULL, NULL, NULL, n.blockchain, n.error_message
            FROM payops_read.mint_jobs n WHERE n.payment_id = $1
            UNION ALL
            SELECT 'fraud', f.at, 'fraud.check', f.decision, NULL, f.ip_address, NULL, NULL,
                   'score ' || f.score
            FROM payops_read.fraud_checks f WHERE f.payment_id = $1
            UNION ALL
            SELECT 'idempotency', i.created_at, 'idempotency ' || coalesce(i.request, 'record'), i.status_code::text,
                   NULL, NULL, NULL, NULL, i.key
            FROM payops_read.idempotency i WHERE i.payment_id = $1
            UNION ALL
            SELECT 'operator', a.at, a.action, NULL, NULL, NULL, NULL, a.operator, a.reason
            FROM payops.operator_actions a WHERE a.target_type = 'payment' AND a.target_id = $1::text
        ) timeline
        ORDER BY at, source <> 'transaction', source, kind
        """
}
