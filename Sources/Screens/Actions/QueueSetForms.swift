import PaymentData

/// `r` on marked failed webhooks, or `a` on a webhook error group: a dry run reads the rows as they are now,
/// the dialog lists exactly those that would go back to pending, and only that set is sent; the database
/// refuses it whole when one of them changed since the dry run.
public final class WebhookSetRetryForm: ActionForm {
    /// Which webhooks.
    public enum Scope: Equatable, Sendable {
        case marked([PGUUID])
        case group(ErrorGroup)
    }

    public let scope: Scope
    /// Rows one group retry takes at most (the dry run says when a group is larger).
    public static let groupLimit = 1000

    /// A retry of `scope`.
    public init(scope: Scope) {
        self.scope = scope
        switch scope {
        case let .marked(ids):
            super.init(title: "Retry marked webhooks")
            context = ["\(Self.webhooks(ids.count)) marked"]
        case let .group(group):
            super.init(title: "Retry webhook error group")
            context = ["Error group " + Self.name(group)]
        }
    }

    override func review() -> Review {
        switch scope {
        case let .marked(ids):
            return .check(DataRequest(QueueQueries.webhooks(ids: ids)) { [weak self] rows in self?.received(dryRun: rows) })
        case let .group(group):
            return .check(DataRequest(QueueQueries.failedWebhooks(group, limit: Self.groupLimit)) { [weak self] rows in
                self?.received(dryRun: rows)
            })
        }
    }

    /// Takes the dry run: the rows as they are now.
    public func received(dryRun rows: [WebhookRow]) {
        let eligible = rows.filter { $0.status == "failed" }
        var lines: [String] = []
        switch scope {
        case let .marked(ids):
            guard !eligible.isEmpty else {
                refuse("dry run: none of the \(Self.webhooks(ids.count)) marked is failed now; nothing to do")
                return
            }
            lines.append("Dry run: \(eligible.count) of \(Self.webhooks(ids.count)) marked \(eligible.count == 1 ? "is" : "are") "
                         + "failed and would go back to pending")
            let skipped = ids.count - eligible.count
            if skipped > 0 {
                let others = rows.filter { $0.status != "failed" }.prefix(4).map { "\($0.id.short) is \(SafeText.sanitize($0.status))" }
                let gone = ids.count - rows.count
                lines.append("left out: " + (others + (gone > 0 ? ["\(gone) no longer exist"] : [])).joined(separator: ", "))
            }
        case let .group(group):
            guard !eligible.isEmpty else {
                refuse("dry run: no failed webhook with error \(Self.name(group)); nothing to do")
                return
            }
            let more = eligible.count == Self.groupLimit ? " (the oldest \(Self.groupLimit); retry again for the rest)" : ""
            lines.append("Dry run: \(Self.webhooks(eligible.count)) failed with error \(Self.name(group))\(more)")
        }
        let ids = eligible.prefix(8).map(\.id.short).joined(separator: ", ") + (eligible.count > 8 ? ", … (\(eligible.count - 8) more)" : "")
        lines.append("ids \(ids)")
        lines.append("Each goes from failed to pending for the webhook worker. Exactly these are retried: if one changes "
                     + "before you confirm, none is and the dry run must be run again.")
        let errorGroup: String? = if case let .group(.message(text)) = scope { text } else { nil }
        confirm(lines, button: "Retry \(eligible.count)",
                ActionRequest(OperatorActions.retryWebhooks(eligible.map(\.id), errorGroup: errorGroup, key: key)))
    }

    static func webhooks(_ count: Int) -> String { count == 1 ? "1 webhook" : "\(count) webhooks" }

    static func name(_ group: ErrorGroup) -> String {
        switch group {
        case .any: "(any)"
        case .none: QueueQueries.noErrorKey
        case let .message(text): "\"\(SafeText.sanitize(text))\""
        }
    }
}

/// `r` on marked dead letters (from any error groups): the dry run reads which still wait, the dialog lists
/// exactly those, and only that set is requeued; the database refuses it whole when one was requeued since.
public final class MarkedRequeueForm: ActionForm {
    public let ids: [Int64]

    /// A requeue of the marked dead letters `ids`.
    public init(ids: [Int64]) {
        self.ids = ids
        super.init(title: "Requeue marked dead letters")
        context = ["\(Self.letters(ids.count)) marked"]
    }

    override func review() -> Review {
        .check(DataRequest(QueueQueries.waitingDeadLetters(ids: ids)) { [weak self] rows in self?.received(dryRun: rows) })
    }

    /// Takes the dry run: the marked dead letters that still wait.
    public func received(dryRun rows: [DeadLetterRow]) {
        guard !rows.isEmpty else {
            refuse("dry run: none of the \(Self.letters(ids.count)) marked waits any more; nothing to do")
            return
        }
        var lines = ["Dry run: \(rows.count) of \(Self.letters(ids.count)) marked still wait\(rows.count == 1 ? "s" : "")"]
        if rows.count < ids.count { lines.append("left out: \(ids.count - rows.count) already requeued or gone") }
        let shown = rows.prefix(12).map { String($0.id) }.joined(separator: ", ") + (rows.count > 12 ? ", … (\(rows.count - 12) more)" : "")
        lines.append("ids \(shown)")
        lines.append("Each is copied back into the outbox and stamped as requeued; none is deleted. Exactly these are "
                     + "requeued: if one changes before you confirm, none is and the dry run must be run again.")
        confirm(lines, button: "Requeue \(rows.count)", ActionRequest(OperatorActions.requeueMarked(rows.map(\.id), key: key)))
    }

    static func letters(_ count: Int) -> String { count == 1 ? "1 dead letter" : "\(count) dead letters" }
}
