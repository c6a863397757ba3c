import PaymentData

/// The Venues pane: every venue by name with its balances (each in the venue's own currency), what is
/// payable, the last payout and open payout requests. `/` filters by name; Enter opens the payout
/// history; `t` opens the venue's payments.
public final class VenuesPane: Pane {
    public private(set) var list = KeysetList<VenueBalanceRow, VenueCursor>(cursor: \.cursor, id: \.id.string)
    /// The name substring in force (`/`), or nil.
    public private(set) var nameContains: String?
    private var pageSize = 50
    private var offset = 0
    /// The column order (`s`/`S`): client-side, so only over the whole list (up to `sortLimit` venues).
    public private(set) var sort = TableSort()
    /// Venues read at once while a column sort is in force.
    public static let sortLimit = 200
    private var now: Timestamp?

    /// A pane over every venue.
    public init() {}

    public var title: String { "Venues" }
    public var isEmpty: Bool { !list.loaded }
    public var filterText: String { nameContains ?? "" }

    public var bindings: [KeyBinding] {
        [KeyBinding([.character("t")], .pane("payments"), "venue's payments", inFooter: true), ActionKeys.requestPayout]
            + TableSort.bindings
    }

    public func load(isRefresh: Bool) -> DataRequest? {
        request(list.refreshRequest, isRefresh: isRefresh)
    }

    private func request(_ page: PageRequest<VenueCursor>, isRefresh: Bool = false) -> DataRequest {
        let query = VenueQueries.balances(page, nameContains: nameContains, limit: pageSize)
        guard isRefresh && estimate != nil else {
            return DataRequest(query.along(with: RowEstimates.venues(nameContains: nameContains)), isRefresh: isRefresh) { [weak self] in
                self?.estimate = $0.1
                self?.receive($0.0, for: page)
            }
        }
        return DataRequest(query, isRefresh: isRefresh) { [weak self] in
            self?.receive($0, for: page)
        }
    }

    /// The planner's estimate of the venues the filter matches (row counter).
    private var estimate: Int?

    public var rowCount: String? { list.counter(estimate: estimate) }

    /// Takes a page of venues fetched for `request`.
    public func receive(_ page: Page<VenueBalanceRow>, for request: PageRequest<VenueCursor>) {
        list.receive(page, for: request)
        list.reorder { sort.sorted($0, labels: labels) }
    }

    public func handle(_ action: Action, visibleRows: Int) -> [PaneEffect] {
        pageSize = sort.column == nil ? max(10, visibleRows) : Self.sortLimit
        switch action {
        case _ where TableSort.isSortAction(action):
            sort.apply(action, columnCount: Self.columns.count)
            pageSize = sort.column == nil ? max(10, visibleRows) : Self.sortLimit
            // Sorting needs every venue: read them all (up to the limit) from the top, sorted when they arrive.
            return [.status(sort.describe(Self.columns)), .load(request(list.reset()))]
        case .open:
            guard let row = list.selectedRow else { return [] }
            return [.push(PayoutsPane(venue: row.id, name: row.name))]
        case .pane("payout"):
            guard let row = list.selectedRow else { return [.error("no venue selected")] }
            return [.modal(PayoutRequestForm(venue: row.id))]
        case .pane("payments"):
            guard let row = list.selectedRow else { return [] }
            return [.push(TransactionsPane(filter: TransactionFilter(venueID: row.id), title: row.name))]
        default:
            return list.move(action, pageSize: pageSize).map { [.load(request($0))] } ?? []
        }
    }

    /// `/NAME` keeps venues whose name contains NAME (case-insensitive); an empty text shows all.
    public func applyFilter(_ text: String) -> [PaneEffect] {
        let name = text.trimmingSpaces
        guard name.count <= 200 else { return [.error("a venue name is at most 200 characters")] }
        nameContains = name.isEmpty ? nil : name
        return [.load(request(list.reset()))]
    }

    public var focusedID: String? { list.selectedRow?.id.string }

    /// Streams every venue matching the filter (all venues without one), by name, 500 a page.
    public func export() -> ExportRequest? {
        let name = nameContains
        func chunk(after cursor: VenueCursor?) -> Query<ExportChunk> {
            VenueQueries.balances(cursor.map { .after($0) } ?? .first, nameContains: name, limit: 500).map { page in
                ExportChunk(rows: page.rows.map(VenuesPane.csvRow),
                            next: page.hasOlder ? page.rows.last.map { chunk(after: $0.cursor) } : nil)
            }
        }
        return ExportRequest(fileStem: "venues", header: Self.csvHeader, first: chunk(after: nil))
    }

    static let csvHeader = ["id", "name", "tier", "currency", "available", "pending", "reserved", "payable",
                            "last_payout_at", "open_requests", "open_requested_amount"]

    static func csvRow(_ row: VenueBalanceRow) -> [String] {
        [row.id.string, row.name, row.tier ?? "", row.available.currency.code, row.available.decimalString,
         row.pending.decimalString, row.reserved.decimalString, row.payable.decimalString,
         row.lastPayoutAt?.iso8601 ?? "", String(row.openRequests), row.openRequestedAmount.decimalString]
    }

    /// The venue's name outlives every other column; then payable, available and open requests.
    static let columns = [
        TableView.Column("VENUE", width: .flexible(min: 10, weight: 1), priority: 10),
        TableView.Column("TIER", width: .fixed(10), priority: 1),
        TableView.Column("CUR", width: .fixed(3), priority: 0),
        TableView.Column("AVAILABLE", width: .fixed(13), alignment: .right, priority: 5),
        TableView.Column("PENDING", width: .fixed(13), alignment: .right, priority: 2),
        TableView.Column("RESERVED", width: .fixed(12), alignment: .right, priority: 2),
        TableView.Column("PAYABLE", width: .fixed(13), alignment: .right, priority: 6),
        TableView.Column("LAST PAYOUT", width: .fixed(11), alignment: .right, priority: 3),
        TableView.Column("OPEN REQUESTS", width: .flexible(min: 13, weight: 1), priority: 4),
    ]

    public func render(into canvas: inout Canvas, context: RenderContext) {
        now = context.now
        let rows = list.rows.map(labels)
        let empty = list.loaded ? (nameContains.map { "no venue name contains \($0)" } ?? "no venues yet") : "loading…"
        var table = TableView(columns: Self.columns, rows: rows, selected: list.selected, emptyMessage: empty)
        // More venues than one read holds stay in name order: the arrow only when the sort is real.
        table.sort = list.isWhole ? sort : TableSort()
        canvas.renderScrolling(table, offset: &offset)
    }

    /// One venue's cells, as drawn and as sorted.
    func labels(_ row: VenueBalanceRow) -> [Label] {
        let lastPayout = row.lastPayoutAt.map { stamp in
            now.map { Formats.age(from: stamp, to: $0) + " ago" } ?? Formats.shortTime(stamp, now: nil)
        } ?? "never"
        let open = row.openRequests > 0
            ? Label("\(row.openRequests) · \(Formats.money(row.openRequestedAmount))", .warning) : Label("none", .dim)
        return [Label(row.name), Label(row.tier ?? "—", .dim), Label(row.available.currency.code, .dim),
                    Label(Formats.money(row.available), row.available.minorUnits < 0 ? .danger : .normal),
                    Label(Formats.money(row.pending), .pending), Label(Formats.money(row.reserved), .dim),
                    Label(Formats.money(row.payable), row.payable.minorUnits > 0 ? .success : .dim),
                    Label(lastPayout, row.lastPayoutAt == nil ? .dim : .normal), open]
    }
}
