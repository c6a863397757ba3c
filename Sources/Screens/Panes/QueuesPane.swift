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
    /// The order of the queue list and of the breakdown (`s`/`S` sort whichever has the focus).
    public private(set) var queueSort = TableSort(), groupSort = TableSort()

    /// An empty pane; the depth arrives with the first load.
    public init() {}

    public var title: String { "Queues" }
    public var isEmpty: Bool { depth == nil }

    /// The queues listed, top to bottom: webhooks split by status (failed ones broken down by error).
    public static let order: [QueueDepth.Queue] = [.outbox, .outboxStuck, .webhooksFailed, .webhooksPending,
                                                    .webhooksProcessing, .deadLetters, .nftMints]

    public var bindings: [KeyBinding] {
        [KeyBinding([.character("t")], .pane("toggle"), "queues / breakdown", inFooter: true),
         KeyBinding.write("a", "requeue-group", "requeue (dead letters) or retry (failed webhooks) the selected error group, "
                          + "dry run first", group: ActionKeys.oncall, inFooter: false)] + TableSort.bindings
    }

    public func load(isRefresh: Bool) -> DataRequest? {
        DataRequest(QueueQueries.depthWithWebhookGroups(), isRefresh: isRefresh) { [weak self] depth in self?.receive(depth) }
    }

    /// Takes a depth reading and records one sample per queue.
    public func receive(_ depth: QueueDepth) {
        self.depth = depth
        for queue in Self.order {
            history[queue, default: []].append(depth.total(queue))
            if history[queue]!.count > Self.historyLimit { history[queue]!.removeFirst() }
        }
        groupSelection.clamp(count: selectedGroups.count)
        if selectedGroups.isEmpty { focusOnGroups = false }
    }

    /// The queue under the selection.
    public var selectedQueue: QueueDepth.Queue { queues[min(queueSelection.index, queues.count - 1)] }
    /// The breakdown of the selected queue, in the breakdown's order.
    public var selectedGroups: [QueueDepth.Group] {
        guard let depth else { return [] }
        return groupSort.sorted(depth.groups(selectedQueue)) { Self.groupLabels($0, depth: depth) }
    }
    /// The queues in the list's order.
    public var queues: [QueueDepth.Queue] {
        guard let depth else { return Self.order }
        return queueSort.sorted(Self.order) { self.queueLabels($0, depth: depth, trendWidth: 0) }
    }

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
        case _ where TableSort.isSortAction(action):
            let selected = focusOnGroups ? nil : selectedQueue
            let columns = focusOnGroups ? Self.groupColumns : Self.queueColumns
            if focusOnGroups {
                let key = focusedID
                groupSort.apply(action, columnCount: columns.count)
                let groups = selectedGroups
                if let index = groups.firstIndex(where: { $0.key == key }) { groupSelection.select(index, count: groups.count) }
            } else {
                queueSort.apply(action, columnCount: columns.count)
                if let selected, let index = queues.firstIndex(of: selected) { queueSelection.select(index, count: queues.count) }
            }
            return [.status((focusOnGroups ? groupSort : queueSort).describe(columns))]
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
                queueSelection.move(action, count: queues.count, visibleRows: visibleRows)
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
        // Pending and processing webhooks are broken down by event type: a group opens only that type.
        case .webhooksPending: return [.push(QueueRowsPane(.webhooks(status: "pending", eventType: group.key)))]
        case .webhooksProcessing: return [.push(QueueRowsPane(.webhooks(status: "processing", eventType: group.key)))]
        case .deadLetters:
            return [.push(QueueRowsPane(group.key == QueueQueries.noErrorKey ? .deadLettersWithoutError
                                        : .deadLetters(errorGroup: group.key)))]
        case .nftMints: return [.push(QueueRowsPane(.nftMints(status: group.key)))]
        }
    }

    public var rowCount: String? {
        guard depth != nil else { return nil }
        return focusOnGroups ? RowCount.loaded(index: groupSelection.index, count: selectedGroups.count)
            : RowCount.loaded(index: queueSelection.index, count: queues.count)
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
        let queues = self.queues
        var table = TableView(columns: Self.queueColumns, rows: [], selected: focusOnGroups ? nil : queueSelection.index)
        table.sort = queueSort
        let trendWidth = table.columnFrames(width: canvas.width).first { $0.column == 3 }?.width ?? 0
        table.rows = queues.map { queueLabels($0, depth: depth, trendWidth: trendWidth) }
        let split = canvas.bounds.sliceTop(queues.count + 1)
        canvas.render(table, in: split.top)
        let below = split.rest.inset(top: 1)
        guard below.height > 0 else { return }
        let queue = selectedQueue
        canvas.put("\(QueueHealth.name(queue)) \(QueueHealth.groupKind(queue))", x: 1, y: below.y,
                   style: Style(.title, bold: true), maxWidth: max(0, canvas.width - 2))
        let groups = selectedGroups.map { Self.groupLabels($0, depth: depth) }
        var groupTable = TableView(columns: Self.groupColumns, rows: groups, selected: focusOnGroups ? groupSelection.index : nil,
                                   emptyMessage: "nothing waiting")
        groupTable.sort = groupSort
        canvas.region(below.inset(top: 1)) { $0.renderScrolling(groupTable, offset: &groupSelection.offset) }
    }

    /// One queue's cells, as drawn and as sorted (the trend's bars only when drawn).
    func queueLabels(_ queue: QueueDepth.Queue, depth: QueueDepth, trendWidth: Int) -> [Label] {
        let meaning = QueueHealth.meaning(queue, in: depth)
        let bars = Sparkline(history[queue] ?? []).bars(width: trendWidth)
        let oldest = depth.oldest(queue).map { Formats.age(from: $0, to: depth.readAt) } ?? "—"
        return [Label(QueueHealth.name(queue), meaning), Label(Formats.count(depth.total(queue)), meaning),
                Label(oldest, meaning), Label(bars, meaning == .normal ? .dim : meaning)]
    }

    /// One breakdown group's cells, as drawn and as sorted.
    static func groupLabels(_ group: QueueDepth.Group, depth: QueueDepth) -> [Label] {
        [Label(group.key, QueueHealth.meaning(of: group)), Label(Formats.count(group.count)),
         Label(group.oldest.map { Formats.age(from: $0, to: depth.readAt) } ?? "—")]
    }
}
