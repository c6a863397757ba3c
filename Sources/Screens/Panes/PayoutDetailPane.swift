import PaymentData

/// One payout: amount, fee, status, who requested and who decided, and every operator action on it (its audit
/// rows), from one snapshot. Opened with Enter on a payout in a venue's history or in the operator log.
public final class PayoutDetailPane: Pane {
    public let id: PGUUID
    public private(set) var detail: PayoutDetail?
    public private(set) var missing = false
    public private(set) var selection = RowSelection()

    /// The detail of payout `id`.
    public init(id: PGUUID) { self.id = id }

    public var title: String { "Payout \(id.short)" }
    public var isEmpty: Bool { detail == nil && !missing }

    public func load(isRefresh: Bool) -> DataRequest? {
        DataRequest(PayoutDetailQueries.detail(id), isRefresh: isRefresh) { [weak self] detail in self?.receive(detail) }
    }

    /// Takes the payout and its audit rows (nil: no such payout).
    public func receive(_ detail: PayoutDetail?) {
        self.detail = detail
        missing = detail == nil
        selection.clamp(count: detail?.audit.count ?? 0)
    }

    public func handle(_ action: Action, visibleRows: Int) -> [PaneEffect] {
        selection.move(action, count: detail?.audit.count ?? 0, visibleRows: visibleRows)
        return []
    }

    public var focusedID: String? { id.string }

    /// The payout's audit rows, each with the payout's figures.
    public func export() -> ExportRequest? {
        guard let detail else { return nil }
        let p = detail.payout
        return ExportRequest(fileStem: "payout-\(id.short)",
                             header: ["payout_id", "venue", "amount", "fee", "currency", "status", "action_id", "at", "operator",
                                      "action", "reason", "idempotency_key"],
                             rows: detail.audit.map { row in
                                 [p.id.string, detail.venueName, p.amount.decimalString, p.fee.decimalString, p.amount.currency.code,
                                  p.status, String(row.id), row.at.iso8601, row.operatorName, row.action, row.reason ?? "",
                                  row.idempotencyKey]
                             })
    }

    static let auditColumns = [
        TableView.Column("TIME", width: .fixed(19), priority: 5),
        TableView.Column("OPERATOR", width: .flexible(min: 8, weight: 1), priority: 6),
        TableView.Column("ACTION", width: .flexible(min: 10, weight: 1), priority: 7),
        TableView.Column("REASON", width: .flexible(min: 10, weight: 2), priority: 3),
        TableView.Column("KEY", width: .flexible(min: 10, weight: 1), priority: 1),
    ]

    public func render(into canvas: inout Canvas, context: RenderContext) {
        guard let detail else {
            canvas.put(missing ? "no payout with id \(id.string)" : "loading \(id.string)…", x: 1, y: 0,
                       style: Style(missing ? .warning : .dim))
            return
        }
        let p = detail.payout
        let facts: [(String, String, Meaning)] = [
            ("payout", p.id.string, .normal), ("venue", detail.venueName, .normal),
            ("amount", Formats.money(p.amount), .normal),
            ("fee", Formats.money(p.fee) + (p.instant ? " (instant)" : " (standard)"), .dim),
            ("status", p.status, PayoutsPane.meaning(ofStatus: p.status)),
            ("requested", "\(Formats.time(p.requestedAt)) by \(p.requestedBy)", .normal),
            ("decided", p.decidedAt.map { "\(Formats.time($0)) by \(p.decidedBy ?? "—")" } ?? "—", p.decidedAt == nil ? .dim : .normal),
            ("reason", p.decisionReason ?? "—", .dim),
        ]
        for (row, fact) in facts.enumerated() where row < canvas.height {
            canvas.put(fact.0, x: 1, y: row, style: Style(.dim), maxWidth: 12)
            canvas.put(fact.1, x: 14, y: row, style: Style(meaning: fact.2), maxWidth: max(0, canvas.width - 15))
        }
        let top = facts.count + 1
        guard top + 1 < canvas.height else { return }
        canvas.put("Audit (\(detail.audit.count) operator action\(detail.audit.count == 1 ? "" : "s"))", x: 1, y: top,
                   style: Style(.title))
        let rows = detail.audit.map { row -> [Label] in
            [Label(Formats.time(row.at)), Label(row.operatorName), Label(row.action, AuditPane.meaning(ofAction: row.action)),
             Label(row.reason ?? "", .dim), Label(row.idempotencyKey, .dim)]
        }
        let table = TableView(columns: Self.auditColumns, rows: rows, selected: selection.index, emptyMessage: "no operator action on it")
        canvas.region(Rect(x: 0, y: top + 1, width: canvas.width, height: canvas.height - top - 1)) {
            $0.renderScrolling(table, offset: &selection.offset)
        }
    }
}
