/// The write path: one typed call per `payops.*` function (migrations 4 and 6). Each is a `Query` value
/// (one `SELECT payops.f(…)`, one transaction on the server), so the console sends it asynchronously
/// and subcommands and tests run it with `PGConnection.perform`, which turns refusals into
/// `ActionRefusal`. Amounts must be in the target's currency: take it from a preview first.
public enum OperatorActions {
    /// Refunds part or all of a payment. `note` is required when `reason` is `other`.
    public static func refund(payment: PGUUID, amount: Money, reason: String, note: String?,
                              key: IdempotencyKey) -> Query<RefundReceipt> {
        action("refund", """
            SELECT r::text AS json, r->>'refund_id' AS refund_id, r->>'payment_id' AS payment_id,
                   (r->>'amount')::bigint AS amount, r->>'currency' AS currency,
                   (r->>'refundable_after')::bigint AS refundable_after, coalesce(r->>'status', 'pending') AS status
            FROM payops.refund($1::uuid, $2::bigint, $3, $4, $5) AS r
            """, [payment, amount.minorUnits, reason, note, key]) { row in
            let currency: Currency = try row.decode("currency")
            return RefundReceipt(json: try row.decode("json"), refundID: try row.decode("refund_id"),
                                 paymentID: try row.decode("payment_id"),
                                 amount: Money(minorUnits: try row.decode("amount"), currency: currency),
                                 refundableAfter: Money(minorUnits: try row.decode("refundable_after"), currency: currency),
                                 status: try row.decode("status"))
        }
    }

    /// Requests a payout from a venue's payable balance; instant payouts carry a 1 % fee.
    public static func requestPayout(venue: PGUUID, amount: Money, instant: Bool,
                                     key: IdempotencyKey) -> Query<PayoutReceipt> {
        payout("payout.request", "payops.request_payout($1::uuid, $2::bigint, $3::boolean, $4)",
               [venue, amount.minorUnits, instant, key])
    }

    /// Approves a requested payout (never by its requester).
    public static func approvePayout(_ payout: PGUUID, key: IdempotencyKey) -> Query<PayoutReceipt> {
        self.payout("payout.approve", "payops.approve_payout($1::uuid, $2)", [payout, key])
    }

    /// Rejects a requested payout with a reason (never by its requester).
    public static func rejectPayout(_ payout: PGUUID, reason: String, key: IdempotencyKey) -> Query<PayoutReceipt> {
        self.payout("payout.reject", "payops.reject_payout($1::uuid, $2, $3)", [payout, reason, key])
    }

    /// Puts a failed webhook back to pending.
    public static func retryWebhook(_ webhook: PGUUID, key: IdempotencyKey) -> Query<WebhookRetryReceipt> {
        action("webhook.retry", """
            SELECT r::text AS json, r->>'webhook_id' AS webhook_id, r->>'previous_error' AS previous_error
            FROM payops.retry_webhook($1::uuid, $2) AS r
            """, [webhook, key]) { row in
            WebhookRetryReceipt(json: try row.decode("json"), webhookID: try row.decode("webhook_id"),
                                previousError: try row.decode("previous_error"))
        }
    }

    /// Copies one dead letter back into the outbox and stamps it.
    public static func requeueDeadLetter(_ id: Int64, key: IdempotencyKey) -> Query<RequeueReceipt> {
        action("dlq.requeue", """
            SELECT r::text AS json, (r->>'dead_letter_id')::bigint AS dead_letter_id, (r->>'outbox_id')::bigint AS outbox_id
            FROM payops.requeue_dead_letter($1::bigint, $2) AS r
            """, [id, key]) { row in
            RequeueReceipt(json: try row.decode("json"), deadLetterID: try row.decode("dead_letter_id"),
                           outboxID: try row.decode("outbox_id"))
        }
    }

    /// Requeues every waiting dead letter whose last error is `errorGroup`; with `dryRun`, only says which.
    public static func requeueGroup(_ errorGroup: String, dryRun: Bool, key: IdempotencyKey) -> Query<GroupRequeueReceipt> {
        groupRequeue(dryRun ? "dlq.requeue_group (dry run)" : "dlq.requeue_group",
                     "payops.requeue_dead_letters($1, $2::boolean, $3)", [errorGroup, dryRun, key])
    }

    /// Requeues exactly these dead letters of `errorGroup` (what a dry run showed), or nothing: refused when
    /// one of them was requeued meanwhile (PX031), left the group (PX036) or does not exist (PX002).
    public static func requeueExactly(_ ids: [Int64], errorGroup: String, key: IdempotencyKey) -> Query<GroupRequeueReceipt> {
        groupRequeue("dlq.requeue_group", "payops.requeue_dead_letter_set($1, $2::bigint[], $3)",
                     [errorGroup, "{" + ids.map(String.init).joined(separator: ",") + "}", key])
    }

    /// Resets a stuck outbox row (unprocessed, over 10 minutes old) for retry.
    public static func resetOutbox(_ id: Int64, key: IdempotencyKey) -> Query<OutboxResetReceipt> {
        action("outbox.reset", """
            SELECT r::text AS json, (r->>'outbox_id')::bigint AS outbox_id,
                   (r->>'previous_attempts')::integer AS previous_attempts, r->>'last_error' AS last_error
            FROM payops.reset_outbox($1::bigint, $2) AS r
            """, [id, key]) { row in
            OutboxResetReceipt(json: try row.decode("json"), outboxID: try row.decode("outbox_id"),
                               previousAttempts: try row.decode("previous_attempts"), lastError: try row.decode("last_error"))
        }
    }

    /// Blocks an IP or CIDR (`203.0.113.7`, `198.51.100.0/24`) with a reason and an optional expiry.
    public static func blockIP(_ network: String, reason: String, expiresAt: Timestamp?,
                               key: IdempotencyKey) -> Query<BlockReceipt> {
        block("ip.block", "payops.block_ip($1::cidr, $2, $3::timestamptz, $4)", [network, reason, expiresAt, key])
    }

    /// Removes a network from the blocklist, with a reason.
    public static func unblockIP(_ network: String, reason: String, key: IdempotencyKey) -> Query<BlockReceipt> {
        block("ip.unblock", "payops.unblock_ip($1::cidr, $2, $3)", [network, reason, key])
    }

    /// Makes (or extends) a login role for a person in one group; superusers only.
    public static func createOperator(_ name: String, group: String) -> Query<OperatorReceipt> {
        action("create_operator", """
            SELECT r::text AS json, r->>'operator' AS operator, r->>'group' AS grp, (r->>'created')::boolean AS created
            FROM payops.create_operator($1, $2) AS r
            """, [name, group]) { row in
            OperatorReceipt(json: try row.decode("json"), name: try row.decode("operator"), group: try row.decode("grp"),
                            created: try row.decode("created"))
        }
    }

    // MARK: shared shapes

    private static func payout(_ name: String, _ call: String, _ parameters: [any PGParam]) -> Query<PayoutReceipt> {
        // The payout's currency comes from its row: a rejection's result does not carry it.
        action(name, """
            SELECT r::text AS json, r->>'payout_id' AS payout_id, r->>'venue_id' AS venue_id,
                   (r->>'amount')::bigint AS amount, (r->>'fee')::bigint AS fee, r->>'status' AS status,
                   coalesce(r->>'currency', (SELECT currency FROM payops_read.venues WHERE id = (r->>'venue_id')::uuid)) AS currency
            FROM \(call) AS r
            """, parameters) { row in
            let currency: Currency = try row.decode("currency")
            let fee: Int64? = try row.decode("fee")
            return PayoutReceipt(json: try row.decode("json"), payoutID: try row.decode("payout_id"),
                                 venueID: try row.decode("venue_id"),
                                 amount: Money(minorUnits: try row.decode("amount"), currency: currency),
                                 fee: fee.map { Money(minorUnits: $0, currency: currency) }, status: try row.decode("status"))
        }
    }

    private static func groupRequeue(_ name: String, _ call: String, _ parameters: [any PGParam]) -> Query<GroupRequeueReceipt> {
        action(name, """
            SELECT r::text AS json, r->>'error_group' AS error_group, (r->>'dry_run')::boolean AS dry_run,
                   coalesce((SELECT string_agg(v, ',') FROM jsonb_array_elements_text(r->'dead_letter_ids') v), '') AS ids,
                   coalesce((SELECT string_agg(v, ',') FROM jsonb_array_elements_text(r->'outbox_ids') v), '') AS outbox
            FROM \(call) AS r
            """, parameters) { row in
            GroupRequeueReceipt(json: try row.decode("json"), errorGroup: try row.decode("error_group"),
                                dryRun: try row.decode("dry_run"), deadLetterIDs: try integers(row.decode("ids")),
                                outboxIDs: try integers(row.decode("outbox")))
        }
    }

    private static func block(_ name: String, _ call: String, _ parameters: [any PGParam]) -> Query<BlockReceipt> {
        action(name, """
            SELECT r::text AS json, r->>'network' AS network, (r->>'blocked')::boolean AS blocked,
                   (r->>'expires_at')::timestamptz AS expires_at
            FROM \(call) AS r
            """, parameters) { row in
            BlockReceipt(json: try row.decode("json"), network: try row.decode("network"),
                         blocked: try row.decode("blocked"), expiresAt: try row.decode("expires_at"))
        }
    }

    private static func action<R>(_ name: String, _ sql: String, _ parameters: [any PGParam],
                                  decode: @escaping (PGRow) throws -> R) -> Query<R> {
        Query(name, sql, parameters) { result in
            guard result.count == 1 else { throw PGError(.decoding, message: "\(name): expected one result row") }
            return try decode(result[0])
        }
    }

    private static func integers(_ text: String) throws -> [Int64] {
        try text.split(separator: ",").map { part in
            guard let value = Int64(part) else { throw PGError(.decoding, message: "not an id list: \(text)") }
            return value
        }
    }
}

extension PGConnection {
    /// Runs an action and waits: a refusal (rule, permission, read-only session) comes back as an
    /// `ActionRefusal`; anything else as the original error.
    public func perform<R>(_ action: Query<R>) throws -> R {
        do {
            return try run(action)
        } catch let error as PGError {
            if let refusal = ActionRefusal(error) { throw refusal }
            throw error
        }
    }
}
