import PaymentData

/// Ctrl-S on the panes whose rows or figures are all on hand (a bounded list, a reading): the export writes
/// exactly what the pane holds, as plain values (times in UTC, amounts as decimals with their currency).
extension SuspiciousIPsPane {
    public func export() -> ExportRequest? {
        guard let rows else { return nil }
        let window = Self.windowName(windowSeconds)
        return ExportRequest(fileStem: "suspicious-ips-\(window)",
                             header: ["ip", "failed_payments_\(window)", "failed_events_\(window)", "distinct_users",
                                      "distinct_cards", "mean_fraud_score", "last_seen", "blocked"],
                             rows: rows.map { row in
                                 [row.address.text, row.failedPayments.map(String.init) ?? "", String(row.failedAttempts),
                                  String(row.distinctUsers), String(row.distinctCards),
                                  row.meanFraudScore.map { Self.score($0) } ?? "", row.lastSeen.iso8601, row.blocked ? "true" : "false"]
                             })
    }
}

extension QueuesPane {
    /// Every queue's depth and every group of its breakdown, from the last reading.
    public func export() -> ExportRequest? {
        guard let depth else { return nil }
        var rows: [[String]] = []
        for queue in Self.order {
            rows.append([QueueHealth.name(queue), "", String(depth.total(queue)), depth.oldest(queue)?.iso8601 ?? "",
                         depth.readAt.iso8601])
            for group in depth.groups(queue) {
                rows.append([QueueHealth.name(queue), group.key, String(group.count), group.oldest?.iso8601 ?? "",
                             depth.readAt.iso8601])
            }
        }
        return ExportRequest(fileStem: "queues", header: ["queue", "group", "waiting", "oldest", "read_at"], rows: rows)
    }
}

extension QueueRowsPane {
    /// The rows listed (the oldest first, as shown), with a `marked` column where rows can be marked.
    public func export() -> ExportRequest? {
        guard loaded else { return nil }
        let stem = "queue-" + baseTitleStem
        switch source {
        case .outbox, .outboxFiltered:
            return ExportRequest(fileStem: stem, header: ["id", "created_at", "event_type", "aggregate_type", "aggregate_id",
                                                          "attempts", "last_attempt_at", "last_error"],
                                 rows: outboxRows.map { row in
                                     [String(row.id), row.createdAt.iso8601, row.eventType, row.aggregateType, row.aggregateID.string,
                                      String(row.attempts), row.lastAttemptAt?.iso8601 ?? "", row.lastError ?? ""]
                                 })
        case .webhooks, .failedWebhooks:
            return ExportRequest(fileStem: stem, header: ["id", "webhook_id", "provider", "event_type", "status", "received_at",
                                                          "attempts", "intent_id", "error", "marked"],
                                 rows: webhookRows.map { row in
                                     [row.id.string, row.webhookID, row.provider, row.eventType, row.status, row.receivedAt.iso8601,
                                      String(row.attempts), row.intentID ?? "", row.errorMessage ?? "",
                                      marks.contains(row.id.string) ? "true" : "false"]
                                 })
        case .deadLetters, .deadLettersWithoutError:
            return ExportRequest(fileStem: stem, header: ["id", "original_id", "moved_at", "event_type", "aggregate_type",
                                                          "aggregate_id", "attempts", "last_error", "marked"],
                                 rows: deadLetterRows.map { row in
                                     [String(row.id), row.originalID.map(String.init) ?? "", row.movedAt.iso8601, row.eventType,
                                      row.aggregateType, row.aggregateID.string, String(row.attempts), row.lastError ?? "",
                                      marks.contains(String(row.id)) ? "true" : "false"]
                                 })
        case .nftMints:
            return ExportRequest(fileStem: stem, header: ["id", "payment_id", "created_at", "blockchain", "status", "priority",
                                                          "attempts", "error"],
                                 rows: nftRows.map { row in
                                     [row.id.string, row.paymentID.string, row.createdAt.iso8601, row.blockchain, row.status,
                                      row.priority, String(row.attempts), row.errorMessage ?? ""]
                                 })
        }
    }

    /// `webhooks-failed`, `dead-letters`, … for the file name.
    var baseTitleStem: String {
        switch source {
        case .outbox, .outboxFiltered(_, false): "outbox"
        case .outboxFiltered(_, true): "outbox-stuck"
        case let .webhooks(status, _): "webhooks-" + status.filter { $0.isLetter }
        case .failedWebhooks: "webhooks-failed"
        case .deadLetters, .deadLettersWithoutError: "dead-letters"
        case .nftMints: "nft-mints"
        }
    }
}

extension OverviewPane {
    /// The reading's tables as rows of section, item, value (and currency where it is money).
    public func export() -> ExportRequest? {
        guard let o = overview else { return nil }
        let window = SuspiciousIPsPane.windowName(o.windowSeconds)
        var rows: [[String]] = []
        func add(_ section: String, _ item: String, _ value: String, _ currency: String = "") {
            rows.append([section, item, value, currency, window, o.asOf.iso8601])
        }
        add("payments", "total", String(o.total))
        for status in PaymentStatus.allCases { if let count = o.counts[status] { add("payments", status.rawValue, String(count)) } }
        if let bp = o.successRateBasisPoints { add("payments", "success_rate_percent", Formats.percent(basisPoints: bp).filter { $0 != "%" }) }
        for reason in o.topFailureReasons { add("failure_reasons", reason.reason, String(reason.count)) }
        for money in o.revenue { add("revenue", "revenue", money.decimalString, money.currency.code) }
        add("refunds", "count", String(o.refundCount))
        for money in o.refunds { add("refunds", "amount", money.decimalString, money.currency.code) }
        for queue: QueueDepth.Queue in [.outbox, .outboxStuck, .webhooks, .deadLetters, .nftMints] {
            add("queues", QueueHealth.name(queue), String(o.queues.total(queue)))
            for group in o.queues.groups(queue) { add("queues", QueueHealth.name(queue) + ": " + group.key, String(group.count)) }
        }
        for alarm in o.alarms { add("alarms", alarm.kind.rawValue, String(alarm.count), alarm.sampleID ?? "") }
        return ExportRequest(fileStem: "overview-\(window)", header: ["section", "item", "value", "currency_or_sample", "window", "as_of"],
                             rows: rows)
    }
}
