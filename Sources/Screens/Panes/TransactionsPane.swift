import PaymentData

/// The Transactions pane: every payment, newest first, paged by keyset; `/` filters or searches;
/// Enter opens the payment's detail and timeline.
public final class TransactionsPane: Pane {
    public private(set) var list = KeysetList<TransactionRow, TransactionCursor>(cursor: \.cursor, id: \.id.string)
    public private(set) var filter = TransactionFilter()
    public private(set) var searchHits: [SearchHit]?
    public private(set) var filterText = ""
    private var pageSize = 50
    private var now: Timestamp?
    private let fixedTitle: String

    /// A pane over all payments, or those matching `filter` (e.g. one venue's).
    public init(filter: TransactionFilter = TransactionFilter(), title: String = "Transactions") {
        self.filter = filter
        fixedTitle = title
    }

    public var title: String { fixedTitle }
    public var isEmpty: Bool { (!list.loaded && searchHits == nil) || awaitingSearch }
    /// True between sending a search and its results.
    private var awaitingSearch = false

    public func load(isRefresh: Bool) -> DataRequest? {
        if let search = searchHitsQuery() { return search }
        return request(list.refreshRequest, isRefresh: isRefresh)
    }

    private func searchHitsQuery() -> DataRequest? {
        guard searchHits != nil, !filterText.isEmpty, let query = try? TransactionQueries.search(filterText) else { return nil }
        return DataRequest(query) { [weak self] hits in self?.searchHits = hits }
    }

    private func request(_ page: PageRequest<TransactionCursor>, isRefresh: Bool = false) -> DataRequest {
        let query = TransactionQueries.page(page, filter: filter, limit: pageSize)
        // The row counter's total: the planner's estimate (planning only), with every read but live refresh.
        guard isRefresh && estimate != nil else {
            return DataRequest(query.along(with: RowEstimates.transactions(filter: filter)), isRefresh: isRefresh) { [weak self] in
                self?.list.receive($0.0, for: page)
                self?.estimate = $0.1
            }
        }
        return DataRequest(query, isRefresh: isRefresh) { [weak self] result in
            self?.list.receive(result, for: page)
        }
    }

    /// The planner's estimate of the payments the filter matches.
    public private(set) var estimate: Int?

    public var rowCount: String? {
        if let hits = searchHits { return awaitingSearch ? nil : RowCount.loaded(index: searchSelection, count: hits.count) }
        return list.counter(estimate: estimate)
    }

    /// The rows on screen: search hits when searching, else the list window.
    public var rows: [TransactionRow] { searchHits?.map(\.transaction) ?? list.rows }
    var selectedIndex: Int { searchHits == nil ? list.selected : searchSelection }
    private var searchSelection = 0

    public var bindings: [KeyBinding] { [ActionKeys.refund, TableSort.timeOrderOnly] }

    public func handle(_ action: Action, visibleRows: Int) -> [PaneEffect] {
        pageSize = max(10, visibleRows)
        if TableSort.isSortAction(action) { return [.status(TableSort.timeOrderMessage)] }
        if action == .pane("refund") {
            guard rows.indices.contains(selectedIndex) else { return [.error("no payment selected")] }
            return [.modal(RefundForm(payment: rows[selectedIndex].id))]
        }
        if let hits = searchHits {
            switch action {
            case .down: searchSelection = min(searchSelection + 1, max(0, hits.count - 1))
            case .up: searchSelection = max(0, searchSelection - 1)
            case .top, .pageUp: searchSelection = 0
            case .bottom, .pageDown: searchSelection = max(0, hits.count - 1)
            case .open: return openSelected()
            default: break
            }
            return []
        }
        if action == .open { return openSelected() }
        if let page = list.move(action, pageSize: pageSize) { return [.load(request(page))] }
        return []
    }

    private func openSelected() -> [PaneEffect] {
        guard rows.indices.contains(selectedIndex) else { return [] }
        return [.push(TransactionDetailPane(id: rows[selectedIndex].id))]
    }

    public func applyFilter(_ text: String) -> [PaneEffect] {
        do {
            switch try TransactionFilterParser.parse(text, now: now) {
            case let .filter(parsed):
                filter = parsed
                searchHits = nil
                filterText = text
                return [.load(request(list.reset()))]
            case let .search(term):
                let query = try TransactionQueries.search(term)
                filterText = term
                searchSelection = 0
                searchHits = []
                awaitingSearch = true
                return [.load(DataRequest(query) { [weak self] hits in
                    self?.searchHits = hits
                    self?.awaitingSearch = false
                })]
            }
        } catch let error as FilterError {
            return [.error(error.description)]
        } catch {
            return [.error("\(error)")]
        }
    }

    public var focusedID: String? {
        rows.indices.contains(selectedIndex) ? rows[selectedIndex].id.string : nil
    }

    public func export() -> ExportRequest? {
        let filter = self.filter
        func chunk(after cursor: TransactionCursor?) -> Query<ExportChunk> {
            TransactionQueries.exportPage(after: cursor, filter: filter).map { page in
                ExportChunk(rows: page.rows.map(TransactionsPane.csvRow),
                            next: page.hasOlder ? page.rows.last.map { chunk(after: $0.cursor) } : nil)
            }
        }
        return ExportRequest(fileStem: "transactions", header: Self.csvHeader, first: chunk(after: nil))
    }

    static let csvHeader = ["id", "created_at", "venue_id", "venue", "user_id", "amount", "currency", "platform_fee",
                            "tax_amount", "status", "stripe_payment_intent_id"]

    static func csvRow(_ row: TransactionRow) -> [String] {
        [row.id.string, row.createdAt.iso8601, row.venueID.string, row.venueName, row.userID.string,
         row.amount.decimalString, row.amount.currency.code, row.platformFee.decimalString,
         row.taxAmount?.decimalString ?? "", row.status.rawValue, row.intentID ?? ""]
    }

    static let columns = [
        TableView.Column("TIME", width: .fixed(19), priority: 4),
        TableView.Column("ID", width: .fixed(8), priority: 4),
        TableView.Column("VENUE", width: .flexible(min: 8, weight: 2), priority: 2),
        TableView.Column("USER", width: .fixed(8), priority: 1),
        TableView.Column("AMOUNT", width: .fixed(12), alignment: .right, priority: 4),
        TableView.Column("FEE", width: .fixed(9), alignment: .right, priority: 1),
        TableView.Column("STATUS", width: .fixed(18), priority: 3),
        TableView.Column("INTENT", width: .flexible(min: 10, weight: 1), priority: 0),
    ]

    public func render(into canvas: inout Canvas, context: RenderContext) {
        now = context.now
        let labels = rows.map { row in
            [Label(Formats.time(row.createdAt)), Label(row.id.short), Label(row.venueName), Label(row.userID.short),
             Label(Formats.money(row.amount)), Label(Formats.money(row.platformFee), .dim),
             Label(row.status.rawValue, row.status.meaning), Label(row.intentID ?? "", .dim)]
        }
        let empty = isEmpty ? "loading…" : (searchHits != nil ? "no payment matches \(filterText)" : "no payments match this filter")
        var table = TableView(columns: Self.columns, rows: labels, selected: selectedIndex, offset: 0, emptyMessage: empty)
        table.offset = table.scrollOffset(visibleRows: table.visibleRowCount(height: canvas.height))
        canvas.render(table)
    }
}
