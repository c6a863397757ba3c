import PaymentData

/// Marking rows (failed webhooks, dead letters) and the actions on all marked rows: each runs a dry run that
/// reads the marked rows as they are now, then confirms exactly the eligible ones; the database refuses the set
/// when one of them changed since (see payops.retry_webhook_set, payops.requeue_dead_letter_ids).
extension QueueRowsPane {
    static let markActions: Set<String> = ["mark", "mark-range", "unmark-all"]

    static let markKeys = [
        KeyBinding([.character(" ")], .pane("mark"), "mark / unmark this row", inFooter: true),
        KeyBinding([.control(" ")], .pane("mark-range"), "mark every row from the last mark to here"),
        KeyBinding([.character("U")], .pane("unmark-all"), "unmark every row"),
    ]

    /// True for the rows an action can take in bulk (failed webhooks, dead letters).
    var isMarkable: Bool {
        switch source {
        case .webhooks(status: "failed", _), .failedWebhooks, .deadLetters, .deadLettersWithoutError: true
        default: false
        }
    }

    /// The ids rows are marked by, in list order.
    var rowIDs: [String] {
        switch source {
        case .webhooks, .failedWebhooks: webhookRows.map(\.id.string)
        case .deadLetters, .deadLettersWithoutError: deadLetterRows.map { String($0.id) }
        default: []
        }
    }

    /// The marks, as the operator reads them.
    public var markedIDs: [String] { marks.ids }

    func mark(_ name: String) -> [PaneEffect] {
        guard isMarkable else { return [.status("marking applies to failed webhooks and dead letters")] }
        let ids = rowIDs
        let index = selection.index
        switch name {
        case "mark":
            guard ids.indices.contains(index) else { return [.status("no row to mark")] }
            let marked = marks.toggle(ids[index], at: index)
            selection.select(index + 1, count: count)
            return [.status("\(marked ? "marked" : "unmarked") · \(marks.count) marked (U unmarks all)")]
        case "mark-range":
            let added = marks.markRange(to: index, of: ids)
            return [.status("marked \(added) more · \(marks.count) marked")]
        default:
            marks.clear()
            return [.status("no row marked")]
        }
    }

    /// `r` with marks: the bulk form for the marked rows (nil without marks).
    func markedAction(_ name: String) -> [PaneEffect]? {
        guard !marks.isEmpty else { return nil }
        switch (source, name) {
        case (.webhooks, "retry"), (.failedWebhooks, "retry"):
            let ids = marks.ids.compactMap(PGUUID.init)
            return [.modal(WebhookSetRetryForm(scope: .marked(ids)))]
        case (.deadLetters, "requeue"), (.deadLettersWithoutError, "requeue"):
            return [.modal(MarkedRequeueForm(ids: marks.ids.compactMap { Int64($0) }))]
        default:
            return nil
        }
    }
}
