import PaymentData

/// Every payment and every event from one address or network, newest first, toggled with `t`; opened from
/// Suspicious IPs it keeps that list's window (`w` widens it to all time, and back); Enter opens the payment.
public final class IPDrilldownPane: Pane {
    /// Which list is on screen.
    public enum View: Sendable, Equatable { case payments, events }

    public let network: InetAddress
    public private(set) var view: View = .payments
    public private(set) var payments: [TransactionRow]?
    public private(set) var events = KeysetList<PaymentEventRow, EventCursor>(cursor: \.cursor, id: \.id.string)
    public private(set) var paymentSelection = RowSelection()
    /// The payments' column order (`s`/`S`; they are loaded whole); the events stay newest first.
    public private(set) var paymentSort = TableSort()
    private var receivedPayments: [TransactionRow] = []
    private var eventOffset = 0
    private var pageSize = 100
    /// Payments listed at most.
    public static let paymentLimit = 200

    /// The window the list was read over (seconds), or nil for all time.
    public private(set) var windowSeconds: Int?
    /// The window it was opened with (what `w` goes back to).
    public let openedWindow: Int?

    /// A drill-down for an address (`203.0.113.7`) or a network (`203.0.113.0/24`), over the last `windowSeconds`
    /// (nil: all time).
    public init(network: InetAddress, windowSeconds: Int? = nil) {
        self.network = network
        self.windowSeconds = windowSeconds
        openedWindow = windowSeconds
    }

    public var title: String { network.text + (windowSeconds.map { " · \(SuspiciousIPsPane.windowName($0))" } ?? "") }

    /// "in the last 1h" or "at any time".
    var windowWords: String { windowSeconds.map { "in the last \(SuspiciousIPsPane.windowName($0))" } ?? "at any time" }
    public var isEmpty: Bool { view == .payments ? payments == nil : !events.loaded }

    public var bindings: [KeyBinding] {
        [KeyBinding([.character("t")], .pane("toggle"), "payments / events", inFooter: true)]
            + (openedWindow == nil ? [] : [KeyBinding([.character("w")], .pane("window"), "the list's window / all time", inFooter: true)])
            + [ActionKeys.block, ActionKeys.unblock, ActionKeys.refund.with(inFooter: false)] + TableSort.bindings
    }

    public func load(isRefresh: Bool) -> DataRequest? {
        if view == .payments {
            return DataRequest(SuspiciousIPQueries.payments(from: network, withinSeconds: windowSeconds, limit: Self.paymentLimit),
                               isRefresh: isRefresh) {
                [weak self] in self?.receive(payments: $0)
            }
        }
        return eventsRequest(events.refreshRequest, isRefresh: isRefresh)
    }

    private func eventsRequest(_ page: PageRequest<EventCursor>, isRefresh: Bool = false) -> DataRequest {
        let query = SuspiciousIPQueries.events(from: network, page, withinSeconds: windowSeconds, limit: pageSize)
        guard isRefresh && eventEstimate != nil else {
            let estimate = RowEstimates.events(filter: EventFilter(network: network, withinSeconds: windowSeconds))
            return DataRequest(query.along(with: estimate), isRefresh: isRefresh) {
                [weak self] in
                self?.receive(events: $0.0, for: page)
                self?.eventEstimate = $0.1
            }
        }
        return DataRequest(query, isRefresh: isRefresh) { [weak self] in
            self?.receive(events: $0, for: page)
        }
    }

    /// The planner's estimate of the events from the network (row counter).
    private var eventEstimate: Int?

    public var rowCount: String? {
        guard view == .payments else { return events.counter(estimate: eventEstimate) }
        return payments.flatMap { RowCount.loaded(index: paymentSelection.index, count: $0.count, limit: Self.paymentLimit) }
    }

    /// Takes the payments; the selection stays on the same payment when it is still listed.
    public func receive(payments rows: [TransactionRow]) {
        let previous = selectedPayment?.id
        receivedPayments = rows
        let rows = paymentSort.sorted(rows, labels: Self.paymentLabels)
        payments = rows
        if let previous, let index = rows.firstIndex(where: { $0.id == previous }) {
            paymentSelection.select(index, count: rows.count)
        } else {
            paymentSelection.clamp(count: rows.count)
        }
    }

    /// Takes a page of events fetched for `request`.
    public func receive(events page: Page<PaymentEventRow>, for request: PageRequest<EventCursor>) {
        events.receive(page, for: request)
    }

    /// The payment under the selection (payments view).
    public var selectedPayment: TransactionRow? {
        guard let payments, payments.indices.contains(paymentSelection.index) else { return nil }
        return payments[paymentSelection.index]
    }

    public func handle(_ action: Action, visibleRows: Int) -> [PaneEffect] {
        pageSize = max(10, visibleRows)
        switch action {
        case .pane("toggle"):
            view = view == .payments ? .events : .payments
            return isEmpty ? load(isRefresh: false).map { [.load($0)] } ?? [] : []
        case _ where TableSort.isSortAction(action):
            guard view == .payments else { return [.status(TableSort.timeOrderMessage)] }
            paymentSort.apply(action, columnCount: Self.paymentColumns.count)
            if payments != nil { receive(payments: receivedPayments) }
            return [.status(paymentSort.describe(Self.paymentColumns))]
        case .pane("window"):
            guard let openedWindow else { return [.status("this list is already over all time")] }
            windowSeconds = windowSeconds == nil ? openedWindow : nil
            payments = nil
            eventEstimate = nil
            events = KeysetList<PaymentEventRow, EventCursor>(cursor: \.cursor, id: \.id.string)
            paymentSelection.reset()
            return [.status("payments and events from \(network.text) \(windowWords)")] + (load(isRefresh: false).map { [.load($0)] } ?? [])
        case .open:
            let id = view == .payments ? selectedPayment?.id : events.selectedRow?.paymentID
            return id.map { [.push(TransactionDetailPane(id: $0))] } ?? []
        case .pane("block"), .pane("unblock"):
            return [.modal(BlockForm(network: network.text, block: action == .pane("block")))]
        case .pane("refund"):
            let id = view == .payments ? selectedPayment?.id : events.selectedRow?.paymentID
            return id.map { [.modal(RefundForm(payment: $0, reason: "fraudulent"))] } ?? [.error("no payment selected")]
        default:
            if view == .payments {
                paymentSelection.move(action, count: payments?.count ?? 0, visibleRows: visibleRows)
            } else if let page = events.move(action, pageSize: pageSize) {
                return [.load(eventsRequest(page))]
            }
            return []
        }
    }

    public var focusedID: String? { view == .payments ? selectedPayment?.id.string ?? network.text : network.text }

    /// Exports every event from the network.
    public func export() -> ExportRequest? {
        let stem = "events-" + network.text.map { $0 == "/" || $0 == ":" ? "_" : $0 }.reduce(into: "") { $0.append($1) }
        return AuditPane.eventExport(filter: EventFilter(network: network), fileStem: stem)
    }

    static let paymentColumns = [
        TableView.Column("TIME", width: .fixed(19), priority: 5),
        TableView.Column("ID", width: .fixed(8), priority: 7),
        TableView.Column("VENUE", width: .flexible(min: 8, weight: 2), priority: 2),
        TableView.Column("USER", width: .fixed(8), priority: 1),
        TableView.Column("AMOUNT", width: .fixed(12), alignment: .right, priority: 6),
        TableView.Column("STATUS", width: .fixed(18), priority: 6),
        TableView.Column("INTENT", width: .flexible(min: 10, weight: 1), priority: 0),
    ]

    public func render(into canvas: inout Canvas, context: RenderContext) {
        let split = canvas.bounds.sliceTop(1)
        var summary: String
        if view == .payments {
            let count = payments.map { " (\($0.count == Self.paymentLimit ? "newest " : "")\($0.count))" } ?? ""
            summary = "payments with an event from \(network.text) \(windowWords)\(count)"
        } else {
            summary = "events from \(network.text) \(windowWords), newest first"
        }
        if openedWindow != nil { summary += windowSeconds == nil ? " · w: back to the list's window" : " · w: all time" }
        canvas.put(summary, x: 1, y: 0, style: Style(.dim), maxWidth: max(0, canvas.width - 2))
        canvas.region(split.rest) { body in
            if view == .payments {
                let rows = (payments ?? []).map(Self.paymentLabels)
                let empty = payments == nil ? "loading…" : "no payment has an event from \(network.text) \(windowWords)"
                var table = TableView(columns: Self.paymentColumns, rows: rows, selected: paymentSelection.index, emptyMessage: empty)
                table.sort = paymentSort
                body.renderScrolling(table, offset: &paymentSelection.offset)
            } else {
                let empty = events.loaded ? "no event from \(network.text) \(windowWords)" : "loading…"
                let table = AuditPane.eventTable(events.rows, selected: events.selected, emptyMessage: empty)
                body.renderScrolling(table, offset: &eventOffset)
            }
        }
    }

    /// One payment's cells, as drawn and as sorted.
    static func paymentLabels(_ row: TransactionRow) -> [Label] {
        [Label(Formats.time(row.createdAt)), Label(row.id.short), Label(row.venueName), Label(row.userID.short),
         Label(Formats.money(row.amount)), Label(row.status.rawValue, row.status.meaning), Label(row.intentID ?? "", .dim)]
    }
}
