/// Which rows of an error-grouped queue: every one, those without an error, or those with one exact error.
public enum ErrorGroup: Sendable, Hashable {
    case any
    /// Rows whose error is NULL (the "(no error)" group).
    case none
    case message(String)

    /// The group a breakdown key names ("(no error)" stands for NULL).
    public init(key: String) { self = key == QueueQueries.noErrorKey ? .none : .message(key) }
}

/// Reads behind the Queues pane's split webhooks, its narrower drill-downs (stuck outbox rows, one event type,
/// one webhook error, dead letters without an error) and the dry runs of actions on marked rows.
extension QueueQueries {
    /// The breakdown key of rows without an error.
    public static let noErrorKey = "(no error)"

    /// The depth of every queue plus the split webhooks' breakdowns (failed by error, pending and processing by
    /// event type), from one snapshot.
    public static func depthWithWebhookGroups(asOf: Timestamp? = nil) -> Query<QueueDepth> {
        let depth = depth(asOf: asOf)
        let breakdown = Statement("""
            SELECT 'webhooks_failed', coalesce(w.error_message, '\(noErrorKey)'), count(*), min(w.received_at)
            FROM payops_read.webhooks w WHERE w.status = 'failed' GROUP BY w.error_message
            UNION ALL
            SELECT 'webhooks_' || w.status, w.event_type, count(*), min(w.received_at)
            FROM payops_read.webhooks w WHERE w.status IN ('pending', 'processing') GROUP BY w.status, w.event_type
            ORDER BY 1, 3 DESC, 2
            """)
        return Query(snapshot: "queues.depth", depth.statements + [breakdown]) { results in
            var reading = try depth.decode(Array(results.prefix(depth.statements.count)))
            let extra = results[depth.statements.count]
            for index in 0..<extra.count {
                let row = extra[index]
                guard let queue = QueueDepth.Queue(rawValue: try row.decode(0)) else { continue }
                reading.groups.append(.init(queue: queue, key: try row.decode(1), count: try row.decode(2), oldest: try row.decode(3)))
            }
            return reading
        }
    }

    /// Unprocessed outbox rows, oldest first, keyset on (created_at, id): only those of `eventType` when given, only
    /// the stuck ones (unprocessed for over `stuckAfterSeconds`) when `stuck`.
    public static func outboxRows(eventType: String?, stuck: Bool, after cursor: (Timestamp, Int64)? = nil,
                                  limit: Int = 100) -> Query<[OutboxRow]> {
        var conditions = SQLConditions()
        if let eventType { conditions.add("o.event_type = ?", eventType) }
        if stuck { conditions.add("o.created_at < now() - make_interval(secs => ?)", stuckAfterSeconds) }
        if let cursor { conditions.add("(o.created_at, o.id) > (?, ?)", cursor.0, cursor.1) }
        let limitPlaceholder = conditions.bind(limit)
        let sql = """
            SELECT o.id, o.aggregate_id, o.aggregate_type, o.event_type, o.created_at, o.attempts, o.last_attempt_at,
                   o.last_error
            FROM payops_read.outbox o WHERE o.processed_at IS NULL \(conditions.andClause)
            ORDER BY o.created_at, o.id LIMIT \(limitPlaceholder)
            """
        return Query("queues.outbox", sql, conditions.parameters) { result in
            try result.map(OutboxRow.init(row:))
        }
    }

    /// Failed webhooks of an error group, oldest first.
    public static func failedWebhooks(_ group: ErrorGroup, limit: Int = 100) -> Query<[WebhookRow]> {
        var conditions = SQLConditions()
        switch group {
        case .any: break
        case .none: conditions.add("w.error_message IS NULL")
        case let .message(text): conditions.add("w.error_message = ?", text)
        }
        // One group's rows in the order of the (status, error, time, id) index: ordering by the error too (one value
        // here) lets the walk stop at the limit; by time alone the planner, guessing from the whole table how many
        // failed webhooks lack an error, walked every failed webhook (CostTests, "webhook rows without an error").
        let order = group == .any ? "w.received_at, w.id" : "w.error_message, w.received_at, w.id"
        return webhookRows("queues.webhooks", where: "w.status = 'failed'", conditions, order: order, limit: limit)
    }

    /// These webhooks, as they are now (a dry run of a retry on marked rows: which are still failed).
    public static func webhooks(ids: [PGUUID]) -> Query<[WebhookRow]> {
        var conditions = SQLConditions()
        conditions.add("w.id = ANY (?::uuid[])", "{" + ids.map(\.string).joined(separator: ",") + "}")
        return webhookRows("queues.webhooks marked", where: "true", conditions, order: "w.received_at, w.id", limit: max(1, ids.count))
    }

    private static func webhookRows(_ name: String, where base: String, _ conditions: SQLConditions,
                                    order: String, limit: Int) -> Query<[WebhookRow]> {
        var conditions = conditions
        let limitPlaceholder = conditions.bind(limit)
        let sql = """
            SELECT w.id, w.webhook_id, w.provider, w.event_type, w.status, w.received_at, w.attempts, w.error_message,
                   w.payload #>> '{data,object,id}'
            FROM payops_read.webhooks w WHERE \(base) \(conditions.andClause)
            ORDER BY \(order) LIMIT \(limitPlaceholder)
            """
        return Query(name, sql, conditions.parameters) { result in
            try result.map(WebhookRow.init(row:))
        }
    }

    /// Dead letters not yet requeued whose error is NULL, oldest first.
    public static func deadLettersWithoutError(limit: Int = 100) -> Query<[DeadLetterRow]> {
        deadLetterRows("queues.dlq", "d.last_error IS NULL", [limit], limit: "$1")
    }

    /// Which of these dead letters still wait (a dry run of a requeue on marked rows).
    public static func waitingDeadLetters(ids: [Int64]) -> Query<[DeadLetterRow]> {
        deadLetterRows("queues.dlq marked", "d.id = ANY ($1::bigint[])",
                       ["{" + ids.map(String.init).joined(separator: ",") + "}", max(1, ids.count)], limit: "$2")
    }

    private static func deadLetterRows(_ name: String, _ condition: String, _ parameters: [any PGParam],
                                       limit: String) -> Query<[DeadLetterRow]> {
        let sql = """
            SELECT d.id, d.original_id, d.aggregate_id, d.aggregate_type, d.event_type, d.attempts, d.last_error,
                   d.moved_to_dlq_at
            FROM payops_read.dead_letters d WHERE d.requeued_at IS NULL AND \(condition)
            ORDER BY d.moved_to_dlq_at, d.id LIMIT \(limit)
            """
        return Query(name, sql, parameters) { result in
            try result.map(DeadLetterRow.init(row:))
        }
    }
}
