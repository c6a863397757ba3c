import PaymentData

/// The Audit trail pane: the global `payment_events` stream (filter by type, payment, IP) and the
/// operator-action log (filter by operator), toggled with `t`; Enter opens the payment concerned.
public final class AuditPane: Pane {
    /// Which log is on screen.
    public enum View: Sendable, Equatable { case events, operatorLog }

    public private(set) var view: View = .events
    public private(set) var events = KeysetList<PaymentEventRow, EventCursor>(cursor: \.cursor, id: \.id.string)
    public private(set) var actions = KeysetList<OperatorActionRow, Int64>(cursor: \.id, id: { String($0.id) })
    public private(set) var eventFilter = EventFilter()
    public private(set) var operatorName: String?
    private var eventFilterText = ""
    private var pageSize = 50
    private var eventOffset = 0, actionOffset = 0

    /// An audit pane showing the event stream first.
    public init() {}

    public var title: String { "Audit trail" }
    public var isEmpty: Bool { view == .events ? !events.loaded : !actions.loaded }
    public var filterText: String { view == .events ? eventFilterText : operatorName ?? "" }

    public var bindings: [KeyBinding] {
        [KeyBinding([.character("t")], .pane("toggle"), "events / operator log", inFooter: true), TableSort.timeOrderOnly]
    }

    public func load(isRefresh: Bool) -> DataRequest? {
        view == .events ? eventsRequest(events.refreshRequest, isRefresh: isRefresh)
            : actionsRequest(actions.refreshRequest, isRefresh: isRefresh)
    }

    private func eventsRequest(_ page: PageRequest<EventCursor>, isRefresh: Bool = false) -> DataRequest {
        let query = AuditQueries.events(page, filter: eventFilter, limit: pageSize)
        guard isRefresh && eventEstimate != nil else {
            return DataRequest(query.along(with: RowEstimates.events(filter: eventFilter)), isRefresh: isRefresh) { [weak self] in
                self?.receive(events: $0.0, for: page)
                self?.eventEstimate = $0.1
            }
        }
        return DataRequest(query, isRefresh: isRefresh) { [weak self] in
            self?.receive(events: $0, for: page)
        }
    }

    private func actionsRequest(_ page: PageRequest<Int64>, isRefresh: Bool = false) -> DataRequest {
        let query = AuditQueries.operatorActions(page, operatorName: operatorName, limit: pageSize)
        guard isRefresh && actionEstimate != nil else {
            return DataRequest(query.along(with: RowEstimates.operatorActions(operatorName: operatorName)), isRefresh: isRefresh) {
                [weak self] in
                self?.receive(actions: $0.0, for: page)
                self?.actionEstimate = $0.1
            }
        }
        return DataRequest(query, isRefresh: isRefresh) {
            [weak self] in self?.receive(actions: $0, for: page)
        }
    }

    /// The planner's estimates of the rows each log's filter matches (row counter).
    private var eventEstimate: Int?, actionEstimate: Int?

    public var rowCount: String? {
        view == .events ? events.counter(estimate: eventEstimate) : actions.counter(estimate: actionEstimate)
    }

    /// Takes a page of events fetched for `request`.
    public func receive(events page: Page<PaymentEventRow>, for request: PageRequest<EventCursor>) {
        events.receive(page, for: request)
    }

    /// Takes a page of operator actions fetched for `request`.
    public func receive(actions page: Page<OperatorActionRow>, for request: PageRequest<Int64>) {
        actions.receive(page, for: request)
    }

    public func handle(_ action: Action, visibleRows: Int) -> [PaneEffect] {
        pageSize = max(10, visibleRows)
        switch action {
        case .pane("toggle"):
            view = view == .events ? .operatorLog : .events
            return isEmpty ? load(isRefresh: false).map { [.load($0)] } ?? [] : []
        case .open:
            return openSelected()
        case _ where TableSort.isSortAction(action):
            return [.status(TableSort.timeOrderMessage)]
        default:
            if view == .events, let page = events.move(action, pageSize: pageSize) { return [.load(eventsRequest(page))] }
            if view == .operatorLog, let page = actions.move(action, pageSize: pageSize) { return [.load(actionsRequest(page))] }
            return []
        }
    }

    private func openSelected() -> [PaneEffect] {
        if view == .events {
            guard let row = events.selectedRow else { return [] }
            return [.push(TransactionDetailPane(id: row.paymentID))]
        }
        guard let row = actions.selectedRow else { return [] }
        if let payout = row.payoutID { return [.push(PayoutDetailPane(id: payout))] }
        guard row.targetType == "payment", let id = PGUUID(row.targetID) else {
            return [.status("this action is on \(SafeText.truncate(row.targetType + " " + row.targetID, toWidth: 60)), not a payment")]
        }
        return [.push(TransactionDetailPane(id: id))]
    }

    public func applyFilter(_ text: String) -> [PaneEffect] {
        if view == .operatorLog {
            let name = text.trimmingSpaces
            operatorName = name.isEmpty ? nil : name
            return [.load(actionsRequest(actions.reset()))]
        }
        do {
            eventFilter = try EventFilterParser.parse(text)
            eventFilterText = text.trimmingSpaces
            return [.load(eventsRequest(events.reset()))]
        } catch {
            return [.error(error.description)]
        }
    }

    public var focusedID: String? {
        view == .events ? events.selectedRow?.paymentID.string : actions.selectedRow?.targetID
    }

    public func export() -> ExportRequest? {
        if view == .events { return Self.eventExport(filter: eventFilter, fileStem: "events") }
        let name = operatorName
        func chunk(after id: Int64?) -> Query<ExportChunk> {
            AuditQueries.operatorActions(id.map { .after($0) } ?? .first, operatorName: name, limit: 1000).map { page in
                ExportChunk(rows: page.rows.map { [String($0.id), $0.at.iso8601, $0.operatorName, $0.action, $0.targetType,
                                                   $0.targetID, $0.reason ?? "", $0.idempotencyKey,
                                                   $0.amount?.decimalString ?? "", $0.amount?.currency.code ?? "", $0.venueName ?? ""] },
                            next: page.hasOlder ? page.rows.last.map { chunk(after: $0.id) } : nil)
            }
        }
        return ExportRequest(fileStem: "operator-actions", header: Self.actionsCSVHeader, first: chunk(after: nil))
    }

    /// Streams every event matching `filter`, newest first, 1000 rows a page.
    static func eventExport(filter: EventFilter, fileStem: String) -> ExportRequest {
        func chunk(after cursor: EventCursor?) -> Query<ExportChunk> {
            AuditQueries.events(cursor.map { .after($0) } ?? .first, filter: filter, limit: 1000).map { page in
                ExportChunk(rows: page.rows.map { [$0.id.string, $0.createdAt.iso8601, $0.paymentID.string, $0.eventType,
                                                   $0.ipAddress?.text ?? "", $0.userAgent ?? "", $0.change ?? ""] },
                            next: page.hasOlder ? page.rows.last.map { chunk(after: $0.cursor) } : nil)
            }
        }
        return ExportRequest(fileStem: fileStem, header: eventsCSVHeader, first: chunk(after: nil))
    }

    static let eventsCSVHeader = ["id", "created_at", "payment_id", "event_type", "ip_address", "user_agent", "change"]
    static let actionsCSVHeader = ["id", "at", "operator", "action", "target_type", "target_id", "reason", "idempotency_key",
                                   "amount", "currency", "venue"]

    static let eventColumns = [
        TableView.Column("TIME", width: .fixed(19), priority: 5),
        TableView.Column("PAYMENT", width: .fixed(8), priority: 6),
        TableView.Column("EVENT", width: .content(min: 14, max: 48, weight: 1), priority: 7),
        TableView.Column("IP", width: .content(min: 15, max: 39, weight: 1), priority: 3),
        TableView.Column("CHANGE", width: .flexible(min: 20, weight: 4), priority: 2),
        TableView.Column("USER AGENT", width: .flexible(min: 10, weight: 2), priority: 1),
    ]

    static let actionColumns = [
        TableView.Column("TIME", width: .fixed(19), priority: 5),
        TableView.Column("OPERATOR", width: .flexible(min: 8, weight: 1), priority: 6),
        TableView.Column("ACTION", width: .flexible(min: 10, weight: 1), priority: 7),
        TableView.Column("TARGET", width: .flexible(min: 16, weight: 1), priority: 4),
        TableView.Column("AMOUNT", width: .fixed(12), alignment: .right, priority: 3),
        TableView.Column("VENUE", width: .flexible(min: 8, weight: 1), priority: 1),
        TableView.Column("REASON", width: .flexible(min: 10, weight: 2), priority: 2),
    ]

    /// The meaning of an event type: failures fail, refunds are refunds, completions succeed.
    static func meaning(ofEvent type: String) -> Meaning {
        if type.contains("fail") || type.contains("declin") { return .failed }
        if type.contains("refund") { return .refunded }
        if type.contains("complet") || type.contains("succeed") { return .success }
        return .normal
    }

    /// The table of event rows, as the Audit trail and the IP drill-down show them; the CHANGE column only when
    /// some row's payload says what changed (an audit log's old and new values, a status change, a ledger move).
    static func eventTable(_ rows: [PaymentEventRow], selected: Int?, emptyMessage: String) -> TableView {
        let changes = rows.contains { $0.change != nil }
        let columns = changes ? eventColumns : eventColumns.filter { $0.title != "CHANGE" }
        let cells = rows.map { row -> [Label] in
            var labels = [Label(Formats.time(row.createdAt)), Label(row.paymentID.short),
                          Label(row.eventType, meaning(ofEvent: row.eventType)), Label(row.ipAddress?.text ?? "")]
            if changes { labels.append(Label(row.change ?? "")) }
            labels.append(Label(row.userAgent ?? "", .dim))
            return labels
        }
        return TableView(columns: columns, rows: cells, selected: selected, emptyMessage: emptyMessage)
    }

    public func render(into canvas: inout Canvas, context: RenderContext) {
        if view == .events {
            let empty = events.loaded ? (eventFilterText.isEmpty ? "no payment events yet" : "no event matches \(eventFilterText)") : "loading…"
            let table = Self.eventTable(events.rows, selected: events.selected, emptyMessage: empty)
            canvas.renderScrolling(table, offset: &eventOffset)
            return
        }
        let rows = actions.rows.map { row -> [Label] in
            let target = PGUUID(row.targetID).map { "\(row.targetType) \($0.short)" } ?? "\(row.targetType) \(row.targetID)"
            return [Label(Formats.time(row.at)), Label(row.operatorName), Label(row.action, Self.meaning(ofAction: row.action)),
                    Label(target), Label(row.amount.map(Formats.money) ?? ""), Label(row.venueName ?? "", .dim),
                    Label(row.reason ?? "", .dim)]
        }
        let empty = actions.loaded ? (operatorName.map { "no action by \($0)" } ?? "no operator action yet") : "loading…"
        let table = TableView(columns: Self.actionColumns, rows: rows, selected: actions.selected, emptyMessage: empty)
        canvas.renderScrolling(table, offset: &actionOffset)
    }

    /// The meaning of an operator action: refunds are refunds, rejections and blocks are warnings.
    static func meaning(ofAction action: String) -> Meaning {
        if action.contains("refund") { return .refunded }
        if action.contains("reject") || action.contains("block") { return .warning }
        return .normal
    }
}
