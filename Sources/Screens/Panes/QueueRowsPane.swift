import PaymentData

/// The rows of one queue, oldest first: waiting outbox rows, webhooks in one status, or dead letters
/// (all, or one error group). Enter on a row about a payment opens that payment.
public final class QueueRowsPane: Pane {
    /// Which rows to show.
    public enum Source: Equatable, Sendable {
        /// Unprocessed outbox rows (the stuck ones come first: oldest first).
        case outbox
        /// Unprocessed outbox rows of one event type, and/or only the stuck ones (over 10 minutes old).
        case outboxFiltered(eventType: String?, stuck: Bool)
        /// `webhook_inbox` rows in a status (`failed`, `pending`, `processing`), optionally of one event type (a
        /// pending or processing group of the Queues breakdown).
        case webhooks(status: String, eventType: String? = nil)
        /// Failed webhooks of an error group (`.any`: all of them).
        case failedWebhooks(ErrorGroup)
        /// Dead letters not yet requeued, optionally of one error group (`last_error`).
        case deadLetters(errorGroup: String?)
        /// Dead letters not yet requeued that have no error (the "(no error)" group).
        case deadLettersWithoutError
        /// NFT mint jobs not minted yet, or of one status.
        case nftMints(status: String?)
    }

    public let source: Source
    public private(set) var outboxRows: [OutboxRow] = []
    public private(set) var webhookRows: [WebhookRow] = []
    public private(set) var deadLetterRows: [DeadLetterRow] = []
    public private(set) var nftRows: [NFTJobRow] = []
    public private(set) var loaded = false
    /// True when the last outbox page was full, so ↓ at the end fetches the next one.
    public private(set) var hasMore = false
    public internal(set) var selection = RowSelection()
    /// Rows marked with Space / Ctrl-Space (failed webhooks and dead letters), for actions on all of them.
    var marks = RowMarks()
    /// Rows fetched per query.
    public static let pageSize = 200

    /// A view of `source`'s rows.
    public init(_ source: Source) { self.source = source }

    public var title: String {
        let marked = marks.isEmpty ? "" : " · \(marks.count) marked"
        return baseTitle + marked
    }

    private var baseTitle: String {
        switch source {
        case .outbox: "Outbox waiting"
        case .outboxFiltered(nil, true): "Outbox stuck"
        case let .outboxFiltered(type?, stuck): (stuck ? "Outbox stuck: " : "Outbox: ") + SafeText.truncate(type, toWidth: 30)
        case .outboxFiltered(nil, false): "Outbox waiting"
        case let .webhooks(status, nil): "Webhooks \(status)"
        case let .webhooks(status, type?): "Webhooks \(status): " + SafeText.truncate(type, toWidth: 30)
        case .failedWebhooks(.any): "Webhooks failed"
        case .failedWebhooks(.none): "Webhooks failed: \(QueueQueries.noErrorKey)"
        case let .failedWebhooks(.message(text)): "Webhooks failed: " + SafeText.truncate(text, toWidth: 30)
        case .deadLetters(nil): "Dead letters"
        case let .deadLetters(group?): "Dead letters: " + SafeText.truncate(group, toWidth: 30)
        case .deadLettersWithoutError: "Dead letters: \(QueueQueries.noErrorKey)"
        case .nftMints(nil): "NFT mints waiting"
        case let .nftMints(status?): "NFT mints " + SafeText.truncate(status, toWidth: 20)
        }
    }

    public var isEmpty: Bool { !loaded }
    public var rowCount: String? {
        loaded ? RowCount.text(position: count == 0 ? nil : selection.index + 1, total: count, more: hasMore) : nil
    }

    /// Rows shown.
    public var count: Int {
        switch source {
        case .outbox, .outboxFiltered: outboxRows.count
        case .webhooks, .failedWebhooks: webhookRows.count
        case .deadLetters, .deadLettersWithoutError: deadLetterRows.count
        case .nftMints: nftRows.count
        }
    }

    public func load(isRefresh: Bool) -> DataRequest? {
        switch source {
        case .outbox:
            // A refresh re-reads every row already shown (from the oldest), so the selection stays put.
            let limit = max(Self.pageSize, outboxRows.count)
            return DataRequest(QueueQueries.waitingOutbox(limit: limit), isRefresh: isRefresh) { [weak self] rows in
                self?.receive(outbox: rows, limit: limit)
            }
        case let .outboxFiltered(type, stuck):
            let limit = max(Self.pageSize, outboxRows.count)
            return DataRequest(QueueQueries.outboxRows(eventType: type, stuck: stuck, limit: limit), isRefresh: isRefresh) {
                [weak self] rows in self?.receive(outbox: rows, limit: limit)
            }
        case let .failedWebhooks(group):
            return DataRequest(QueueQueries.failedWebhooks(group, limit: Self.pageSize), isRefresh: isRefresh) { [weak self] in
                self?.receive(webhooks: $0)
            }
        case .deadLettersWithoutError:
            return DataRequest(QueueQueries.deadLettersWithoutError(limit: Self.pageSize), isRefresh: isRefresh) { [weak self] in
                self?.receive(deadLetters: $0)
            }
        case let .webhooks(status, type):
            return DataRequest(QueueQueries.webhooks(status: status, eventType: type, limit: Self.pageSize), isRefresh: isRefresh) { [weak self] in
                self?.receive(webhooks: $0)
            }
        case let .deadLetters(group):
            return DataRequest(QueueQueries.deadLetters(errorGroup: group, limit: Self.pageSize), isRefresh: isRefresh) { [weak self] in
                self?.receive(deadLetters: $0)
            }
        case let .nftMints(status):
            return DataRequest(QueueQueries.nftJobs(status: status, limit: Self.pageSize), isRefresh: isRefresh) { [weak self] in
                self?.receive(nftJobs: $0)
            }
        }
    }

    /// Takes outbox rows: the first page when `appending` is false, else the page after the last row.
    public func receive(outbox rows: [OutboxRow], limit: Int = QueueRowsPane.pageSize, appending: Bool = false) {
        outboxRows = appending ? outboxRows + rows : rows
        hasMore = rows.count >= limit
        finishReceive()
    }

    /// Takes webhook rows.
    public func receive(webhooks rows: [WebhookRow]) {
        webhookRows = rows
        hasMore = rows.count >= Self.pageSize     // a read stopped at its limit: the counter says 200+
        finishReceive()
    }

    /// Takes dead letters.
    public func receive(deadLetters rows: [DeadLetterRow]) {
        deadLetterRows = rows
        hasMore = rows.count >= Self.pageSize     // a read stopped at its limit: the counter says 200+
        finishReceive()
    }

    /// Takes NFT mint jobs.
    public func receive(nftJobs rows: [NFTJobRow]) {
        nftRows = rows
        hasMore = rows.count >= Self.pageSize     // a read stopped at its limit: the counter says 200+
        finishReceive()
    }

    private func finishReceive() {
        loaded = true
        selection.clamp(count: count)
        marks.keep(only: Set(rowIDs))
    }

    public var bindings: [KeyBinding] {
        switch source {
        case .outbox, .outboxFiltered: [ActionKeys.resetOutbox]
        case .webhooks(status: "failed", _), .failedWebhooks: Self.markKeys + [ActionKeys.retryWebhook, ActionKeys.retryGroup]
        case .webhooks, .nftMints: []
        case .deadLetters: Self.markKeys + [ActionKeys.requeue, ActionKeys.requeueGroup]
        case .deadLettersWithoutError: Self.markKeys + [ActionKeys.requeue]
        }
    }

    public func handle(_ action: Action, visibleRows: Int) -> [PaneEffect] {
        if action == .open { return openSelected() }
        if case let .pane(name) = action { return Self.markActions.contains(name) ? mark(name) : rowAction(name) }
        let wasLast = selection.index >= count - 1
        selection.move(action, count: count, visibleRows: visibleRows)
        if case let .outboxFiltered(type, stuck) = source, hasMore, wasLast, [.down, .pageDown, .bottom].contains(action),
           let last = outboxRows.last {
            hasMore = false     // one fetch at a time
            let query = QueueQueries.outboxRows(eventType: type, stuck: stuck, after: (last.createdAt, last.id), limit: Self.pageSize)
            return [.load(DataRequest(query) { [weak self] rows in self?.receive(outbox: rows, appending: true) })]
        }
        if source == .outbox, hasMore, wasLast, [.down, .pageDown, .bottom].contains(action), let last = outboxRows.last {
            hasMore = false     // one fetch at a time
            let query = QueueQueries.waitingOutbox(after: (last.createdAt, last.id), limit: Self.pageSize)
            return [.load(DataRequest(query) { [weak self] rows in self?.receive(outbox: rows, appending: true) })]
        }
        return []
    }

    private func openSelected() -> [PaneEffect] {
        let index = selection.index
        switch source {
        case .outbox, .outboxFiltered:
            guard outboxRows.indices.contains(index) else { return [] }
            return open(aggregate: outboxRows[index].aggregateType, outboxRows[index].aggregateID)
        case .deadLetters, .deadLettersWithoutError:
            guard deadLetterRows.indices.contains(index) else { return [] }
            return open(aggregate: deadLetterRows[index].aggregateType, deadLetterRows[index].aggregateID)
        case .webhooks, .failedWebhooks:
            guard webhookRows.indices.contains(index) else { return [] }
            guard let intent = webhookRows[index].intentID, !intent.isEmpty else {
                return [.status("this webhook names no payment intent")]
            }
            // The payments with this intent id: a Transactions pane already searching for it.
            let pane = TransactionsPane(title: SafeText.truncate(intent, toWidth: 24))
            let effects = pane.applyFilter(intent)
            if case let .error(message)? = effects.first { return [.error(message)] }
            return [.push(pane)]
        case .nftMints:
            guard nftRows.indices.contains(index) else { return [] }
            return [.push(TransactionDetailPane(id: nftRows[index].paymentID))]
        }
    }

    private func open(aggregate type: String, _ id: PGUUID) -> [PaneEffect] {
        guard type == "payment" else {
            return [.status("this row is about \(SafeText.truncate(type, toWidth: 20)) \(id.short), not a payment")]
        }
        return [.push(TransactionDetailPane(id: id))]
    }

    public var focusedID: String? {
        let index = selection.index
        switch source {
        case .outbox, .outboxFiltered: return outboxRows.indices.contains(index) ? outboxRows[index].aggregateID.string : nil
        case .webhooks, .failedWebhooks: return webhookRows.indices.contains(index) ? webhookRows[index].webhookID : nil
        case .deadLetters, .deadLettersWithoutError: return deadLetterRows.indices.contains(index) ? deadLetterRows[index].aggregateID.string : nil
        case .nftMints: return nftRows.indices.contains(index) ? nftRows[index].paymentID.string : nil
        }
    }

    public func render(into canvas: inout Canvas, context: RenderContext) {
        let now = context.now
        func age(_ stamp: Timestamp) -> String { now.map { Formats.age(from: stamp, to: $0) } ?? "" }
        func aggregate(_ type: String, _ id: PGUUID) -> String { "\(type) \(id.short)" }
        var columns: [TableView.Column]
        var rows: [[Label]]
        switch source {
        case .outbox, .outboxFiltered:
            columns = Self.outboxColumns
            rows = outboxRows.map { row in
                let stuck = now.map { $0.microseconds - row.createdAt.microseconds > Int64(QueueQueries.stuckAfterSeconds) * 1_000_000 } ?? false
                return [Label(Formats.time(row.createdAt)), Label(age(row.createdAt), stuck ? .danger : .normal),
                        Label(row.eventType), Label(aggregate(row.aggregateType, row.aggregateID)),
                        Label(String(row.attempts), row.attempts > 0 ? .warning : .normal), Label(row.lastError ?? "", .failed)]
            }
        case .webhooks, .failedWebhooks:
            columns = Self.webhookColumns
            rows = webhookRows.map { row in
                let meaning: Meaning = row.status == "failed" ? .failed : .pending
                return [Label(Formats.time(row.receivedAt)), Label(age(row.receivedAt)), Label(row.provider),
                        Label(row.eventType), Label(row.status, meaning), Label(String(row.attempts)),
                        Label(row.intentID ?? "", .dim), Label(row.errorMessage ?? "", .failed)]
            }
        case .deadLetters, .deadLettersWithoutError:
            columns = Self.deadLetterColumns
            rows = deadLetterRows.map { row in
                [Label(Formats.time(row.movedAt)), Label(age(row.movedAt)), Label(row.eventType),
                 Label(aggregate(row.aggregateType, row.aggregateID)), Label(String(row.attempts)),
                 Label(row.lastError ?? QueueQueries.noErrorKey, .warning)]
            }
        case .nftMints:
            columns = Self.nftColumns
            rows = nftRows.map { row in
                let meaning: Meaning = row.status == "failed" ? .failed : .pending
                return [Label(Formats.time(row.createdAt)), Label(age(row.createdAt)), Label(row.blockchain),
                        Label(row.status, meaning), Label(row.priority, row.priority == "standard" ? .normal : .warning),
                        Label("payment \(row.paymentID.short)"), Label(String(row.attempts)), Label(row.errorMessage ?? "", .failed)]
            }
        }
        if isMarkable {
            columns.insert(Self.markColumn, at: 0)
            let ids = rowIDs
            rows = rows.enumerated().map { index, cells in
                [marks.contains(ids[index]) ? Label("●", .warning) : Label(" ")] + cells
            }
        }
        let empty = loaded ? "nothing waiting here" : "loading…"
        let table = TableView(columns: columns, rows: rows, selected: selection.index, emptyMessage: empty)
        canvas.renderScrolling(table, offset: &selection.offset)
    }

    static let outboxColumns = [
        TableView.Column("CREATED", width: .fixed(19), priority: 4),
        TableView.Column("AGE", width: .fixed(6), alignment: .right, priority: 5),
        TableView.Column("EVENT", width: .flexible(min: 12, weight: 1), priority: 6),
        TableView.Column("AGGREGATE", width: .fixed(16), priority: 3),
        TableView.Column("TRY", width: .fixed(3), alignment: .right, priority: 1),
        TableView.Column("LAST ERROR", width: .flexible(min: 10, weight: 2), priority: 2),
    ]

    static let webhookColumns = [
        TableView.Column("RECEIVED", width: .fixed(19), priority: 4),
        TableView.Column("AGE", width: .fixed(6), alignment: .right, priority: 5),
        TableView.Column("PROVIDER", width: .fixed(8), priority: 1),
        TableView.Column("EVENT", width: .flexible(min: 12, weight: 1), priority: 6),
        TableView.Column("STATUS", width: .fixed(10), priority: 6),
        TableView.Column("TRY", width: .fixed(3), alignment: .right, priority: 1),
        TableView.Column("INTENT", width: .flexible(min: 10, weight: 1), priority: 3),
        TableView.Column("ERROR", width: .flexible(min: 10, weight: 2), priority: 2),
    ]

    static let nftColumns = [
        TableView.Column("CREATED", width: .fixed(19), priority: 4),
        TableView.Column("AGE", width: .fixed(6), alignment: .right, priority: 5),
        TableView.Column("CHAIN", width: .fixed(7), priority: 2),
        TableView.Column("STATUS", width: .fixed(10), priority: 6),
        TableView.Column("PRIORITY", width: .fixed(8), priority: 1),
        TableView.Column("PAYMENT", width: .fixed(16), priority: 3),
        TableView.Column("TRY", width: .fixed(3), alignment: .right, priority: 1),
        TableView.Column("ERROR", width: .flexible(min: 10, weight: 2), priority: 2),
    ]

    /// The mark (●) beside a marked row.
    static let markColumn = TableView.Column("", width: .fixed(1), priority: 10)

    static let deadLetterColumns = [
        TableView.Column("MOVED", width: .fixed(19), priority: 2),
        TableView.Column("AGE", width: .fixed(6), alignment: .right, priority: 5),
        TableView.Column("EVENT", width: .flexible(min: 12, weight: 1), priority: 6),
        TableView.Column("AGGREGATE", width: .fixed(16), priority: 3),
        TableView.Column("TRY", width: .fixed(3), alignment: .right, priority: 1),
        TableView.Column("ERROR", width: .flexible(min: 10, weight: 2), priority: 4),
    ]
}
