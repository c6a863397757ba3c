/// Reads for the Queues pane.
public enum QueueQueries {
    /// Outbox rows unprocessed for longer than this are "stuck" (seed 001's reconciliation rule).
    public static let stuckAfterSeconds = 600

    /// Depth, oldest age and breakdown of every queue, in one statement. `asOf` defaults to now.
    public static func depth(asOf: Timestamp? = nil) -> Query<QueueDepth> {
        let sql = """
            WITH clock AS (SELECT coalesce($1::timestamptz, now()) AS now)
            SELECT 'outbox', o.event_type, count(*), min(o.created_at)
            FROM payops_read.outbox o WHERE o.processed_at IS NULL GROUP BY o.event_type
            UNION ALL
            SELECT 'outbox_stuck', o.event_type, count(*), min(o.created_at)
            FROM payops_read.outbox o, clock
            WHERE o.processed_at IS NULL AND o.created_at < clock.now - make_interval(secs => $2)
            GROUP BY o.event_type
            UNION ALL
            SELECT 'webhooks', w.status, count(*), min(w.received_at)
            FROM payops_read.webhooks w WHERE w.status IN ('pending', 'processing', 'failed') GROUP BY w.status
            UNION ALL
            SELECT 'dlq', coalesce(d.last_error, '(no error)'), count(*), min(d.moved_to_dlq_at)
            FROM payops_read.dead_letters d WHERE d.requeued_at IS NULL GROUP BY d.last_error
            UNION ALL
            SELECT 'nft', n.status, count(*), min(n.created_at)
            FROM payops_read.mint_jobs n WHERE n.status IN ('queued', 'processing', 'failed') GROUP BY n.status
            UNION ALL
            SELECT 'clock', '', 0, clock.now FROM clock
            ORDER BY 1, 3 DESC, 2
            """
        return Query("queues.depth", sql, [asOf, stuckAfterSeconds]) { result in
            var groups: [QueueDepth.Group] = []
            var readAt = Timestamp(microseconds: 0)
            for index in 0..<result.count {
                let row = result[index]
                let name: String = try row.decode(0)
                if name == "clock" { readAt = try row.decode(3); continue }
                guard let queue = QueueDepth.Queue(rawValue: name) else { continue }
                groups.append(.init(queue: queue, key: try row.decode(1), count: try row.decode(2), oldest: try row.decode(3)))
            }
            return QueueDepth(groups: groups, readAt: readAt)
        }
    }

    /// Unprocessed outbox rows, oldest first (drill-down), keyset on (created_at, id).
    public static func waitingOutbox(after cursor: (Timestamp, Int64)? = nil, limit: Int = 100) -> Query<[OutboxRow]> {
        outboxRows(eventType: nil, stuck: false, after: cursor, limit: limit)
    }

    /// Webhooks in a status (default failed), oldest first.
    /// With `eventType`, only that type (a pending or processing group): the status index's walk of what is waiting,
    /// filtered.
    public static func webhooks(status: String = "failed", eventType: String? = nil, limit: Int = 100) -> Query<[WebhookRow]> {
        let ofType = eventType == nil ? "" : " AND w.event_type = $3"
        let sql = """
            SELECT w.id, w.webhook_id, w.provider, w.event_type, w.status, w.received_at, w.attempts, w.error_message,
                   w.payload #>> '{data,object,id}'
            FROM payops_read.webhooks w WHERE w.status = $1\(ofType)
            ORDER BY w.received_at, w.id LIMIT $2
            """
        let parameters: [any PGParam] = eventType.map { [status, limit, $0] } ?? [status, limit]
        return Query("queues.webhooks", sql, parameters) { result in
            try result.map(WebhookRow.init(row:))
        }
    }

    /// Dead letters not yet requeued, optionally of one error group, oldest first.
    public static func deadLetters(errorGroup: String? = nil, limit: Int = 100) -> Query<[DeadLetterRow]> {
        var conditions = SQLConditions()
        if let errorGroup { conditions.add("d.last_error = ?", errorGroup) }
        let limitPlaceholder = conditions.bind(limit)
        let sql = """
            SELECT d.id, d.original_id, d.aggregate_id, d.aggregate_type, d.event_type, d.attempts, d.last_error,
                   d.moved_to_dlq_at
            FROM payops_read.dead_letters d WHERE d.requeued_at IS NULL \(conditions.andClause)
            ORDER BY d.moved_to_dlq_at, d.id LIMIT \(limitPlaceholder)
            """
        return Query("queues.dlq", sql, conditions.parameters) { result in
            try result.map(DeadLetterRow.init(row:))
        }
    }
}

/// An outbox row waiting to be published.
public struct OutboxRow: Sendable, Equatable {
    public var id: Int64
    public var aggregateID: PGUUID
    public var aggregateType: String
    public var eventType: String
    public var createdAt: Timestamp
    public var attempts: Int
    public var lastAttemptAt: Timestamp?
    public var lastError: String?
}

extension OutboxRow {
    /// One row of a statement selecting id, aggregate_id, aggregate_type, event_type, created_at, attempts,
    /// last_attempt_at, last_error, in that order.
    init(row: PGRow) throws(PGError) {
        self.init(id: try row.decode(0), aggregateID: try row.decode(1), aggregateType: try row.decode(2),
                  eventType: try row.decode(3), createdAt: try row.decode(4), attempts: try row.decode(5),
                  lastAttemptAt: try row.decode(6), lastError: try row.decode(7))
    }
}

/// A webhook in the inbox.
public struct WebhookRow: Sendable, Equatable {
    public var id: PGUUID
    public var webhookID: String
    public var provider: String
    public var eventType: String
    public var status: String
    public var receivedAt: Timestamp
    public var attempts: Int
    public var errorMessage: String?
    public var intentID: String?
}

extension WebhookRow {
    /// One row of a statement selecting id, webhook_id, provider, event_type, status, received_at, attempts,
    /// error_message and the payload's intent id, in that order.
    init(row: PGRow) throws(PGError) {
        self.init(id: try row.decode(0), webhookID: try row.decode(1), provider: try row.decode(2),
                  eventType: try row.decode(3), status: try row.decode(4), receivedAt: try row.decode(5),
                  attempts: try row.decode(6), errorMessage: try row.decode(7), intentID: try row.decode(8))
    }
}

/// A dead letter.
public struct DeadLetterRow: Sendable, Equatable {
    public var id: Int64
    public var originalID: Int64?
    public var aggregateID: PGUUID
    public var aggregateType: String
    public var eventType: String
    public var attempts: Int
    public var lastError: String?
    public var movedAt: Timestamp
}

extension DeadLetterRow {
    /// One row of a statement selecting id, original_id, aggregate_id, aggregate_type, event_type, attempts,
    /// last_error, moved_to_dlq_at, in that order.
    init(row: PGRow) throws(PGError) {
        self.init(id: try row.decode(0), originalID: try row.decode(1), aggregateID: try row.decode(2),
                  aggregateType: try row.decode(3), eventType: try row.decode(4), attempts: try row.decode(5),
                  lastError: try row.decode(6), movedAt: try row.decode(7))
    }
}
