import PaymentData

extension QueueRowsPane {
    /// The write actions on the selected row, or on every marked row (the keys are only offered to on-call).
    func rowAction(_ name: String) -> [PaneEffect] {
        if let bulk = markedAction(name) { return bulk }
        let index = selection.index
        switch (source, name) {
        case (.outbox, "reset"), (.outboxFiltered, "reset"):
            guard outboxRows.indices.contains(index) else { return [.error("no row selected")] }
            let row = outboxRows[index]
            return [.modal(RowActionForm(title: "Reset outbox row", lines: [
                "Reset outbox row \(row.id) (\(SafeText.sanitize(row.eventType)), \(Self.attempts(row.attempts))) for retry",
                "Attempts go back to 0 so the outbox worker picks it up at once; its last error stays.",
            ], button: "Reset") { ActionRequest(OperatorActions.resetOutbox(row.id, key: $0)) })]
        case (.webhooks, "retry"), (.failedWebhooks, "retry"):
            guard webhookRows.indices.contains(index) else { return [.error("no webhook selected")] }
            let row = webhookRows[index]
            // The result names the webhook by its payops id (`WebhookRetryReceipt`): the dialog names the same one.
            return [.modal(RowActionForm(title: "Retry webhook", lines: [
                "Retry webhook \(row.id.short) (\(SafeText.sanitize(row.provider)) \(SafeText.sanitize(row.webhookID)), "
                    + "\(SafeText.sanitize(row.eventType)), \(Self.attempts(row.attempts)))",
                "Status failed → pending; last error: " + SafeText.truncate(row.errorMessage ?? "none", toWidth: 60),
            ], button: "Retry") { ActionRequest(OperatorActions.retryWebhook(row.id, key: $0)) })]
        case (.webhooks, "retry-group"), (.failedWebhooks, "retry-group"):
            if case let .failedWebhooks(group) = source, group != .any {
                return [.modal(WebhookSetRetryForm(scope: .group(group)))]
            }
            guard webhookRows.indices.contains(index) else { return [.error("no webhook selected")] }
            let group = webhookRows[index].errorMessage.map { ErrorGroup.message($0) } ?? .none
            return [.modal(WebhookSetRetryForm(scope: .group(group)))]
        case (.deadLetters, "requeue"), (.deadLettersWithoutError, "requeue"):
            guard deadLetterRows.indices.contains(index) else { return [.error("no dead letter selected")] }
            let row = deadLetterRows[index]
            return [.modal(RowActionForm(title: "Requeue dead letter", lines: [
                "Requeue dead letter \(row.id) (\(SafeText.sanitize(row.eventType)), \(Self.attempts(row.attempts)))",
                "It is copied back into the outbox and stamped as requeued; it is never deleted.",
            ], button: "Requeue") { ActionRequest(OperatorActions.requeueDeadLetter(row.id, key: $0)) })]
        case let (.deadLetters(group), "requeue-group"):
            guard let errorGroup = group ?? (deadLetterRows.indices.contains(index) ? deadLetterRows[index].lastError : nil) else {
                return [.error("this dead letter has no error group; mark the rows (Space) and press r")]
            }
            return [.modal(GroupRequeueForm(errorGroup: errorGroup))]
        default:
            return [.error("no such action on these rows")]
        }
    }

    /// `1 attempt`, `3 attempts`.
    static func attempts(_ count: Int) -> String { count == 1 ? "1 attempt" : "\(count) attempts" }
}
