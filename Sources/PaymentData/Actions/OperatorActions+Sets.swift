/// Actions on a set of queue rows the operator marked (or an error group's rows a dry run listed): each sends
/// exactly the ids the dry run showed, and the database refuses the whole set when one of them changed since.
extension OperatorActions {
    /// Retries exactly these failed webhooks; with `errorGroup`, each must still have that error (PX036), and each
    /// must still be failed (PX030) and exist (PX002), or none is retried.
    public static func retryWebhooks(_ ids: [PGUUID], errorGroup: String?, key: IdempotencyKey) -> Query<WebhookSetRetryReceipt> {
        let list = "{" + ids.map(\.string).joined(separator: ",") + "}"
        return Query("webhook.retry_set", """
            SELECT r::text AS json, r->>'error_group' AS error_group,
                   coalesce((SELECT string_agg(v, ',') FROM jsonb_array_elements_text(r->'webhook_ids') v), '') AS ids
            FROM payops.retry_webhook_set($1, $2::uuid[], $3) AS r
            """, [errorGroup, list, key]) { result in
            guard result.count == 1 else { throw PGError(.decoding, message: "webhook.retry_set: expected one result row") }
            let row = result[0]
            let text: String = try row.decode("ids")
            let ids = try text.split(separator: ",").map { part throws(PGError) -> PGUUID in
                guard let id = PGUUID(String(part)) else { throw PGError(.decoding, message: "not a uuid list: \(text)") }
                return id
            }
            return WebhookSetRetryReceipt(json: try row.decode("json"), errorGroup: try row.decode("error_group"), webhookIDs: ids)
        }
    }

    /// Requeues exactly these dead letters (marked, from any error groups), or none: PX031 one was requeued
    /// meanwhile, PX002 one does not exist.
    public static func requeueMarked(_ ids: [Int64], key: IdempotencyKey) -> Query<MarkedRequeueReceipt> {
        Query("dlq.requeue_marked", """
            SELECT r::text AS json,
                   coalesce((SELECT string_agg(v, ',') FROM jsonb_array_elements_text(r->'dead_letter_ids') v), '') AS ids,
                   coalesce((SELECT string_agg(v, ',') FROM jsonb_array_elements_text(r->'outbox_ids') v), '') AS outbox
            FROM payops.requeue_dead_letter_ids($1::bigint[], $2) AS r
            """, ["{" + ids.map(String.init).joined(separator: ",") + "}", key]) { result in
            guard result.count == 1 else { throw PGError(.decoding, message: "dlq.requeue_marked: expected one result row") }
            let row = result[0]
            func integers(_ text: String) throws(PGError) -> [Int64] {
                try text.split(separator: ",").map { part throws(PGError) -> Int64 in
                    guard let value = Int64(part) else { throw PGError(.decoding, message: "not an id list: \(text)") }
                    return value
                }
            }
            return MarkedRequeueReceipt(json: try row.decode("json"), deadLetterIDs: try integers(row.decode("ids")),
                                        outboxIDs: try integers(row.decode("outbox")))
        }
    }
}

/// A set of failed webhooks went back to pending.
public struct WebhookSetRetryReceipt: ActionReceipt, Equatable {
    public var json: JSONText
    /// The error group confirmed, or nil for marked rows.
    public var errorGroup: String?
    public var webhookIDs: [PGUUID]
    public var summary: String {
        let count = webhookIDs.count == 1 ? "1 webhook" : "\(webhookIDs.count) webhooks"
        let ids = webhookIDs.prefix(3).map(\.short).joined(separator: ", ") + (webhookIDs.count > 3 ? ", …" : "")
        return "\(count) pending again (\(ids))" + (errorGroup.map { " with error \"\($0)\"" } ?? "")
    }
}

/// Marked dead letters copied back into the outbox.
public struct MarkedRequeueReceipt: ActionReceipt, Equatable {
    public var json: JSONText
    public var deadLetterIDs: [Int64]
    public var outboxIDs: [Int64]
    public var summary: String {
        "requeued \(deadLetterIDs.count == 1 ? "1 marked dead letter" : "\(deadLetterIDs.count) marked dead letters")"
    }
}
