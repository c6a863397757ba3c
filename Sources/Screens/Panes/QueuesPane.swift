import PaymentData

/// The Queues pane: one row per queue with its depth, oldest age and a sparkline (TREND) of depth over the
/// session, then the breakdown of the selected queue (event types, statuses or error groups).
/// `t` moves the selection between the queues and the breakdown; Enter opens the rows of the selected
/// queue, or of the selected group (a webhook status, a dead-letter error group).
public final class QueuesPane: Pane {
    public private(set) var depth: QueueDepth?
    /// Each queue's total depth, one sample per received read, oldest first.
    public private(set) var history: [QueueDepth.Queue: [Int]] = [:]
    /// Samples kept per queue.
    public static let historyLimit = 120
    /// True while ↑/↓ move in the breakdown rather than the queue list.
    public private(set) var focusOnGroups = false
    public private(set) var queueSelection = RowSelection()
    public private(set) var groupSelection = RowSelection()

    /// An empty pane; the depth arrives with the first load.
    public init() {}

    public var title: String { "Queues" }
    public var isEmpty: Bool { depth == nil }

    /// The queues listed, top to bottom: webhooks split by status (failed ones broken down by error).
    public static let queues: [QueueDepth.Queue] = [.outbox, .outboxStuck, .webhooksFailed, .webhooksPending,
                                                    .webhooksProcessing, .deadLetters, .nftMints]

    public var bindings: [KeyBinding] {
        [KeyBinding([.character("t")], .pane("toggle"), "queues / breakdown", inFooter: true),
         KeyBinding.write("a", "requeue-group", "requeue (dead letters) or retry (failed webhooks) the selected error group, "
                          + "dry run first", group: ActionKeys.oncall, inFooter: false)]
    }

    public func load(isRefresh: Bool) -> DataRequest? {
        DataRequest(QueueQueries.depthWithWebhookGroups(), isRefresh: isRefresh) { [weak self] depth in self?.receive(depth) }
    }

    /// Takes a depth reading and records one sample per queue.
    public func receive(_ depth: QueueDepth) {
        self.depth = depth
        for queue in Self.queues {
            history[queue, default: []].append(depth.total(queue))
            if history[queue]!.count > Self.historyLimit { history[queue]!.removeFirst() }
        }
        groupSelection.clamp(count: selectedGroups.count)
        if selectedGroups.isEmpty { focusOnGroups = false }
    }

    /// The queue under the selection.
    public var selectedQueue: QueueDepth.Queue { Self.queues[queueSelection.index] }
    /// The breakdown of the selected queue.
    public var selectedGroups: [QueueDepth.Group] { depth?.groups(selectedQueue) ?? [] }

    public func handle(_ action: Action, visibleRows: Int) -> [PaneEffect] {
        switch action {
        case .pane("toggle"):
            guard focusOnGroups || !selectedGroups.isEmpty else {
                return [.status("nothing waiting in \(QueueHealth.name(selectedQueue))")]
            }
            focusOnGroups.toggle()
            return []
        case .open:
            return focusOnGroups ? openGroup() : openQueue()
        case .pane("requeue-group"):
            let groups = selectedGroups
            guard focusOnGroups, groups.indices.contains(groupSelection.index) else {
                return [.error("select an error group first (dead letters or webhooks failed, then t)")]
            }
            let key = groups[groupSelection.index].key
            switch selectedQueue {
            case .webhooksFailed: return [.modal(WebhookSetRetryForm(scope: .group(ErrorGroup(key: key))))]
            case .deadLetters where key != QueueQueries.noErrorKey: return [.modal(GroupRequeueForm(errorGroup: key))]
            case .deadLetters:
                return [.error("dead letters without an error have no group to requeue: Enter, mark them (Space), r")]
            default: return [.error("select an error group first (dead letters or webhooks failed, then t)")]
            }
        default:
            if focusOnGroups {
                groupSelection.move(action, count: selectedGroups.count, visibleRows: visibleRows)
            } else {
                let before = queueSelection.index
                queueSelection.move(action, count: Self.queues.count, visibleRows: visibleRows)
                if queueSelection.index != before { groupSelection.reset() }
            }
            return []
        }
    }

    private func openQueue() -> [PaneEffect] {
        [.push(QueueRowsPane(QueueHealth.rowsSource(selectedQueue)))]
    }

    private func openGroup() -> [PaneEffect] {
        let groups = selectedGroups
        guard groups.indices.contains(groupSelection.index) else { return [] }
        let group = groups[groupSelection.index]
        switch group.queue {
        case .outbox: return [.push(QueueRowsPane(.outboxFiltered(eventType: group.key, stuck: false)))]
        case .outboxStuck: return [.push(QueueRowsPane(.outboxFiltered(eventType: group.key, stuck: true)))]
        case .webhooks: return [.push(QueueRowsPane(.webhooks(status: group.key)))]
        case .webhooksFailed: return [.push(QueueRowsPane(.failedWebhooks(ErrorGroup(key: group.key))))]
        // Pending and processing webhooks are broken down by event type; their rows open whole.
        case .webhooksPending, .webhooksProcessing: return openQueue()
        case .deadLetters:
            return [.push(QueueRowsPane(group.key == QueueQueries.noErrorKey ? .deadLettersWithoutError
                                        : .deadLetters(errorGroup: group.key)))]
        case .nftMints: return [.push(QueueRowsPane(.nftMints(status: group.key)))]
        }
    }

    public var focusedID: String? {
        guard focusOnGroups, selectedGroups.indices.contains(groupSelection.index) else { return nil }
        return selectedGroups[groupSelection.index].key
    }

    static let queueColumns = [
        TableView.Column("QUEUE", width: .fixed(19), priority: 9),
        TableView.Column("WAITING", width: .fixed(9), alignment: .right, priority: 8),
        TableView.Column("OLDEST", width: .fixed(8), alignment: .right, priority: 3),
        TableView.Column("TREND", width: .flexible(min: 8, weight: 1), priority: 1),
    ]

    static let groupColumns = [
        TableView.Column("GROUP", width: .flexible(min: 12, weight: 1), priority: 9),
        TableView.Column("COUNT", width: .fixed(9), alignment: .right, priority: 8),
        TableView.Column("OLDEST", width: .fixed(8), alignment: .right, priority: 3),
    ]

    public func render(into canvas: inout Canvas, context: RenderContext) {
        guard let depth else {
            canvas.put("loading…", x: 1, y: 0, style: Style(.dim))
            return
        }
        func age(_ stamp: Timestamp?) -> String { stamp.map { Formats.age(from: $0, to: depth.readAt) } ?? "—" }
        let queues = Self.queues
        var table = TableView(columns: Self.queueColumns, rows: [], selected: focusOnGroups ? nil : queueSelection.index)
        let trendWidth = table.columnFrames(width: canvas.width).first { $0.column == 3 }?.width ?? 0
        table.rows = queues.map { queue in
            let meaning = QueueHealth.meaning(queue, in: depth)
            let bars = Sparkline(history[queue] ?? []).bars(width: trendWidth)
            return [Label(QueueHealth.name(queue), meaning), Label(Formats.count(depth.total(queue)), meaning),
                    Label(age(depth.oldest(queue)), meaning), Label(bars, meaning == .normal ? .dim : meaning)]
        }
        let split = canvas.bounds.sliceTop(queues.count + 1)
        canvas.render(table, in: split.top)
        let below = split.rest.inset(top: 1)
        guard below.height > 0 else { return }
        let queue = selectedQueue
        canvas.put("\(QueueHealth.name(queue)) \(QueueHealth.groupKind(queue))", x: 1, y: below.y,
                   style: Style(.title, bold: true), maxWidth: max(0, canvas.width - 2))
        let groups = selectedGroups.map { group in
            [Label(group.key, QueueHealth.meaning(of: group)), Label(Formats.count(group.count)), Label(age(group.oldest))]
        }
        let groupTable = TableView(columns: Self.groupColumns, rows: groups, selected: focusOnGroups ? groupSelection.index : nil,
                                   emptyMessage: "nothing waiting")
        canvas.region(below.inset(top: 1)) { $0.renderScrolling(groupTable, offset: &groupSelection.offset) }
    }
}
