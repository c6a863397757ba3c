import PaymentData

/// The describe view's fields for each list: every column in full plus what the columns leave out.
enum Fields {
    static func time(_ label: String, _ stamp: Timestamp?) -> DescribeField {
        DescribeField(label, stamp.map { "\(Formats.time($0)) UTC (\($0.iso8601))" })
    }

    static func money(_ label: String, _ amount: Money?) -> DescribeField {
        DescribeField(label, amount.map { "\(Formats.money($0)) (\($0.decimalString) \($0.currency.code))" })
    }

    static func payment(_ row: TransactionRow) -> [DescribeField] {
        [DescribeField("payment", row.id.string), DescribeField("status", row.status.rawValue), time("created", row.createdAt),
         DescribeField("venue", row.venueName), DescribeField("venue id", row.venueID.string), DescribeField("user", row.userID.string),
         money("amount", row.amount), money("platform fee", row.platformFee), money("tax", row.taxAmount),
         DescribeField("intent", row.intentID)]
    }

    static func event(_ row: PaymentEventRow) -> Description {
        Description("event \(row.id.short)", [
            DescribeField("event", row.id.string), DescribeField("type", row.eventType), time("at", row.createdAt),
            DescribeField("payment", row.paymentID.string), DescribeField("ip address", row.ipAddress?.text),
            DescribeField("user agent", row.userAgent), DescribeField("change", row.change),
        ], more: AuditQueries.eventPayload(row.id).map { [DescribeField("payload", $0?.text, json: true)] })
    }
}

extension TransactionsPane: Describable {
    public func describeFocused() -> Description? {
        guard rows.indices.contains(selectedIndex) else { return nil }
        let row = rows[selectedIndex]
        return Description("payment \(row.id.short)", Fields.payment(row))
    }
}

extension TransactionDetailPane: Describable {
    /// The focused timeline entry, then the payment itself (metadata pretty-printed).
    public func describeFocused() -> Description? {
        guard let detail else { return nil }
        var fields: [DescribeField] = []
        let currency = detail.transaction.amount.currency
        if timeline.indices.contains(selected) {
            let entry = timeline[selected]
            let json = entry.detail.map { $0.hasPrefix("{") || $0.hasPrefix("[") } ?? false
            fields += [Fields.time("at", entry.at), DescribeField("source", entry.source.rawValue), DescribeField("what", entry.kind),
                       DescribeField("status", entry.status), Fields.money("amount", entry.amount.map { Money(minorUnits: $0, currency: currency) }),
                       DescribeField("ip address", entry.ipAddress?.text), DescribeField("user agent", entry.userAgent),
                       DescribeField("actor", entry.actor), DescribeField("detail", entry.detail, json: json)]
        }
        fields += Fields.payment(detail.transaction).map { field in
            var field = field
            if field.label != "payment" { field.label = "payment " + field.label }
            return field
        }
        fields += [Fields.time("payment updated", detail.updatedAt), DescribeField("venue tier", detail.venueTier),
                   Fields.money("gas fee", detail.gasFee), Fields.money("venue payout", detail.venuePayout),
                   Fields.money("refunded", detail.refundedSoFar), Fields.money("refundable", detail.refundable),
                   DescribeField("tenant", detail.tenantID?.string), DescribeField("event id", detail.eventID?.string),
                   DescribeField("idempotency key", detail.idempotencyKey?.string),
                   DescribeField("device", detail.deviceFingerprint), DescribeField("payment method", detail.paymentMethodFingerprint),
                   DescribeField("metadata", detail.metadata.text, json: true)]
        for (number, refund) in detail.refunds.enumerated() {
            fields.append(DescribeField("refund \(number + 1)",
                                        "\(refund.id.string) · \(Formats.money(refund.amount)) · \(refund.status) · \(refund.reason) · "
                                        + "created \(Formats.time(refund.createdAt))" + (refund.completedAt.map { " · completed \(Formats.time($0))" } ?? "")))
        }
        let subject = timeline.indices.contains(selected) ? "\(id.short) \(timeline[selected].kind)" : "payment \(id.short)"
        return Description(subject, fields)
    }
}

extension AuditPane: Describable {
    public func describeFocused() -> Description? {
        if view == .events { return events.selectedRow.map(Fields.event) }
        guard let row = actions.selectedRow else { return nil }
        return Description("action \(row.id)", [
            DescribeField("action id", String(row.id)), Fields.time("at", row.at), DescribeField("operator", row.operatorName),
            DescribeField("action", row.action), DescribeField("target type", row.targetType), DescribeField("target", row.targetID),
            DescribeField("reason", row.reason), DescribeField("idempotency key", row.idempotencyKey),
            DescribeField("request", row.request.text, json: true), DescribeField("result", row.result.text, json: true),
        ])
    }
}

extension IPDrilldownPane: Describable {
    public func describeFocused() -> Description? {
        if view == .events { return events.selectedRow.map(Fields.event) }
        return selectedPayment.map { Description("payment \($0.id.short)", Fields.payment($0)) }
    }
}

extension SuspiciousIPsPane: Describable {
    public func describeFocused() -> Description? {
        guard let row = selectedRow else { return nil }
        return Description(row.address.text, [
            DescribeField("ip address", row.address.text),
            DescribeField("window", Self.windowName(windowSeconds)),
            DescribeField("failed payments", row.failedPayments.map(Formats.count) ?? "— (the platform's attempts name no payment)"),
            DescribeField("failed events", Formats.count(row.failedAttempts)),
            DescribeField("distinct users", Formats.count(row.distinctUsers)),
            DescribeField("distinct cards", Formats.count(row.distinctCards)),
            DescribeField("mean fraud score", Self.score(row.meanFraudScore)),
            Fields.time("last seen", row.lastSeen), DescribeField("blocked", row.blocked ? "yes" : "no"),
        ])
    }
}

extension VenuesPane: Describable {
    public func describeFocused() -> Description? {
        guard let row = list.selectedRow else { return nil }
        return Description(row.name, [
            DescribeField("venue", row.name), DescribeField("venue id", row.id.string), DescribeField("tier", row.tier),
            DescribeField("currency", row.available.currency.code), Fields.money("available", row.available),
            Fields.money("pending", row.pending), Fields.money("reserved", row.reserved), Fields.money("payable", row.payable),
            Fields.time("last payout", row.lastPayoutAt), DescribeField("open requests", String(row.openRequests)),
            Fields.money("open requested", row.openRequestedAmount),
        ])
    }
}

extension PayoutsPane: Describable {
    public func describeFocused() -> Description? {
        guard let row = selectedPayout else { return nil }
        return Description("payout \(row.id.short)", [
            DescribeField("payout", row.id.string), DescribeField("venue id", row.venueID.string), DescribeField("status", row.status),
            Fields.money("amount", row.amount), Fields.money("fee", row.fee), DescribeField("instant", row.instant ? "yes" : "no"),
            DescribeField("requested by", row.requestedBy), Fields.time("requested at", row.requestedAt),
            DescribeField("decided by", row.decidedBy), Fields.time("decided at", row.decidedAt),
            DescribeField("decision reason", row.decisionReason),
        ])
    }
}

extension QueuesPane: Describable {
    public func describeFocused() -> Description? {
        guard let depth else { return nil }
        if focusOnGroups, selectedGroups.indices.contains(groupSelection.index) {
            let group = selectedGroups[groupSelection.index]
            return Description(QueueHealth.name(group.queue), [
                DescribeField("queue", QueueHealth.name(group.queue)), DescribeField(QueueHealth.groupKind(group.queue), group.key),
                DescribeField("count", Formats.count(group.count)), Fields.time("oldest", group.oldest),
            ])
        }
        let queue = selectedQueue
        return Description(QueueHealth.name(queue), [
            DescribeField("queue", QueueHealth.name(queue)), DescribeField("waiting", Formats.count(depth.total(queue))),
            Fields.time("oldest", depth.oldest(queue)), Fields.time("read at", depth.readAt),
        ] + depth.groups(queue).map { DescribeField($0.key, "\(Formats.count($0.count)) waiting") })
    }
}

extension QueueRowsPane: Describable {
    public func describeFocused() -> Description? {
        let index = selection.index
        switch source {
        case .outbox, .outboxFiltered:
            guard outboxRows.indices.contains(index) else { return nil }
            let row = outboxRows[index]
            return Description("outbox \(row.id)", [
                DescribeField("outbox id", String(row.id)), DescribeField("event type", row.eventType),
                DescribeField("aggregate type", row.aggregateType), DescribeField("aggregate", row.aggregateID.string),
                Fields.time("created", row.createdAt), DescribeField("attempts", String(row.attempts)),
                Fields.time("last attempt", row.lastAttemptAt), DescribeField("last error", row.lastError),
            ], more: PayloadQueries.outbox(row.id).map { [DescribeField("payload", $0?.text, json: true)] })
        case .webhooks, .failedWebhooks:
            guard webhookRows.indices.contains(index) else { return nil }
            let row = webhookRows[index]
            return Description("webhook \(row.id.short)", [
                DescribeField("webhook row", row.id.string), DescribeField("webhook id", row.webhookID),
                DescribeField("provider", row.provider), DescribeField("event type", row.eventType), DescribeField("status", row.status),
                Fields.time("received", row.receivedAt), DescribeField("attempts", String(row.attempts)),
                DescribeField("intent", row.intentID), DescribeField("error", row.errorMessage),
            ], more: PayloadQueries.webhook(row.id).map { [DescribeField("payload", $0?.text, json: true)] })
        case .deadLetters, .deadLettersWithoutError:
            guard deadLetterRows.indices.contains(index) else { return nil }
            let row = deadLetterRows[index]
            return Description("dead letter \(row.id)", [
                DescribeField("dead letter id", String(row.id)), DescribeField("original outbox id", row.originalID.map(String.init)),
                DescribeField("event type", row.eventType), DescribeField("aggregate type", row.aggregateType),
                DescribeField("aggregate", row.aggregateID.string), DescribeField("attempts", String(row.attempts)),
                Fields.time("moved", row.movedAt), DescribeField("last error", row.lastError),
            ], more: PayloadQueries.deadLetter(row.id).map { [DescribeField("payload", $0?.text, json: true)] })
        case .nftMints:
            guard nftRows.indices.contains(index) else { return nil }
            let row = nftRows[index]
            return Description("nft job \(row.id.short)", [
                DescribeField("job", row.id.string), DescribeField("payment", row.paymentID.string),
                DescribeField("blockchain", row.blockchain), DescribeField("status", row.status), DescribeField("priority", row.priority),
                DescribeField("attempts", String(row.attempts)), Fields.time("created", row.createdAt),
                DescribeField("error", row.errorMessage),
            ])
        }
    }
}
