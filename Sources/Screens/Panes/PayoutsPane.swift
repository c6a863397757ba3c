import PaymentData

/// One venue's payout history, newest first: amount and fee, instant or not, the status, who requested
/// and who decided (four-eyes), when, and why. Enter opens a payout with its audit rows.
public final class PayoutsPane: Pane {
    public let venueID: PGUUID
    public let venueName: String?
    public private(set) var payouts: [PayoutRow]?
    public private(set) var selection = RowSelection()
    /// The column order (`s`/`S`); `payouts` is the history as received, sorted by it.
    public private(set) var sort = TableSort()
    private var received: [PayoutRow] = []
    /// Payouts listed at most.
    public static let limit = 200

    /// The payouts of venue `venue`; `name` titles the pane.
    public init(venue: PGUUID, name: String? = nil) {
        venueID = venue
        venueName = name
    }

    public var title: String { "\(venueName ?? venueID.short) payouts" }
    public var isEmpty: Bool { payouts == nil }

    public func load(isRefresh: Bool) -> DataRequest? {
        DataRequest(VenueQueries.payouts(venue: venueID, limit: Self.limit), isRefresh: isRefresh) { [weak self] rows in
            self?.receive(rows)
        }
    }

    /// Takes the history; the selection stays on the same payout when it is still listed.
    public func receive(_ rows: [PayoutRow]) {
        let previous = selectedPayout?.id
        received = rows
        let rows = sort.sorted(rows, labels: Self.labels)
        payouts = rows
        if let previous, let index = rows.firstIndex(where: { $0.id == previous }) {
            selection.select(index, count: rows.count)
        } else {
            selection.clamp(count: rows.count)
        }
    }

    /// The payout under the selection.
    public var selectedPayout: PayoutRow? {
        guard let payouts, payouts.indices.contains(selection.index) else { return nil }
        return payouts[selection.index]
    }

    public var bindings: [KeyBinding] { [ActionKeys.approve, ActionKeys.reject, ActionKeys.requestPayout] + TableSort.bindings }

    public func handle(_ action: Action, visibleRows: Int) -> [PaneEffect] {
        switch action {
        case .pane("approve"), .pane("reject"):
            guard let payout = selectedPayout else { return [.error("no payout selected")] }
            guard payout.status == "requested" else {
                return [.error("payout \(payout.id.short) is \(payout.status); only requested payouts can be decided")]
            }
            return [.modal(PayoutDecisionForm(payout: payout, venueName: venueName ?? venueID.string,
                                              approve: action == .pane("approve")))]
        case .pane("payout"):
            return [.modal(PayoutRequestForm(venue: venueID))]
        case _ where TableSort.isSortAction(action):
            sort.apply(action, columnCount: Self.columns.count)
            if payouts != nil { receive(received) }
            return [.status(sort.describe(Self.columns))]
        case .open:
            guard let payout = selectedPayout else { return [] }
            return [.push(PayoutDetailPane(id: payout.id))]
        default:
            selection.move(action, count: payouts?.count ?? 0, visibleRows: visibleRows)
            return []
        }
    }

    public var focusedID: String? { selectedPayout?.id.string }

    public var rowCount: String? { payouts.flatMap { RowCount.loaded(index: selection.index, count: $0.count, limit: Self.limit) } }

    /// Exports the history shown (at most `limit` payouts).
    public func export() -> ExportRequest? {
        let query = VenueQueries.payouts(venue: venueID, limit: Self.limit).map { rows in
            ExportChunk(rows: rows.map { [$0.id.string, $0.requestedAt.iso8601, $0.amount.decimalString, $0.fee.decimalString,
                                          $0.amount.currency.code, $0.instant ? "true" : "false", $0.status, $0.requestedBy,
                                          $0.decidedBy ?? "", $0.decidedAt?.iso8601 ?? "", $0.decisionReason ?? ""] },
                        next: nil)
        }
        return ExportRequest(fileStem: "payouts-\(venueID.short)", header: Self.csvHeader, first: query)
    }

    static let csvHeader = ["id", "requested_at", "amount", "fee", "currency", "instant", "status", "requested_by",
                            "decided_by", "decided_at", "decision_reason"]

    /// The meaning of a payout status.
    static func meaning(ofStatus status: String) -> Meaning {
        switch status {
        case "requested": .pending
        case "approved", "paid": .success
        case "rejected": .warning
        case "failed": .failed
        default: .normal
        }
    }

    /// Open requests summed per currency (never across currencies), e.g. `2 open: $1,200.00`.
    public static func openSummary(_ rows: [PayoutRow]) -> String? {
        let open = rows.filter { $0.status == "requested" }
        guard !open.isEmpty else { return nil }
        var totals: [Money] = []
        for row in open {
            if let index = totals.firstIndex(where: { $0.currency == row.amount.currency }) {
                totals[index] = (try? totals[index].adding(row.amount)) ?? totals[index]
            } else {
                totals.append(row.amount)
            }
        }
        return "\(open.count) open: " + totals.map(Formats.money).joined(separator: " + ")
    }

    /// Amount and status outlive the rest; the decision reason outlives its timestamp.
    static let columns = [
        TableView.Column("REQUESTED", width: .fixed(19), priority: 5),
        TableView.Column("AMOUNT", width: .fixed(13), alignment: .right, priority: 6),
        TableView.Column("FEE", width: .fixed(9), alignment: .right, priority: 2),
        TableView.Column("INSTANT", width: .fixed(7), priority: 1),
        TableView.Column("STATUS", width: .fixed(9), priority: 6),
        TableView.Column("BY", width: .flexible(min: 8, weight: 1), priority: 3),
        TableView.Column("DECIDED BY", width: .flexible(min: 10, weight: 1), priority: 3),
        TableView.Column("DECIDED", width: .fixed(19), priority: 1),
        TableView.Column("REASON", width: .flexible(min: 8, weight: 2), priority: 2),
    ]

    public func render(into canvas: inout Canvas, context: RenderContext) {
        let split = canvas.bounds.sliceTop(1)
        var summary = "payouts of \(venueName ?? venueID.string)"
        if let payouts {
            summary += " · \(payouts.count == Self.limit ? "newest " : "")\(payouts.count)"
            if let open = Self.openSummary(payouts) { summary += " · " + open }
        }
        canvas.put(summary, x: 1, y: 0, style: Style(.dim), maxWidth: max(0, canvas.width - 2))
        let rows = (payouts ?? []).map(Self.labels)
        let empty = payouts == nil ? "loading…" : "this venue has no payouts yet"
        var table = TableView(columns: Self.columns, rows: rows, selected: selection.index, emptyMessage: empty)
        table.sort = sort
        canvas.region(split.rest) { $0.renderScrolling(table, offset: &selection.offset) }
    }

    /// One payout's cells, as drawn and as sorted.
    static func labels(_ row: PayoutRow) -> [Label] {
        [Label(Formats.time(row.requestedAt)), Label(Formats.money(row.amount)), Label(Formats.money(row.fee), .dim),
         Label(row.instant ? "instant" : "", .dim), Label(row.status, Self.meaning(ofStatus: row.status)),
         Label(row.requestedBy), Label(row.decidedBy ?? "—", row.decidedBy == nil ? .dim : .normal),
         Label(row.decidedAt.map(Formats.time) ?? ""), Label(row.decisionReason ?? "", .dim)]
    }
}
