import PaymentData

/// One payment: amounts with the fee and tax breakdown, refunds and what is still refundable, then the
/// full timeline from every table, read from one snapshot.
public final class TransactionDetailPane: Pane {
    public let id: PGUUID
    public private(set) var detail: PaymentDetail?
    public private(set) var missing = false
    private var selected = 0

    /// A detail view of payment `id`.
    public init(id: PGUUID) { self.id = id }

    public var title: String { id.short }
    public var isEmpty: Bool { detail == nil && !missing }
    public var focusedID: String? { id.string }

    public func load(isRefresh: Bool) -> DataRequest? {
        DataRequest(PaymentDetailQueries.detail(id), isRefresh: isRefresh) { [weak self] detail in
            self?.detail = detail
            self?.missing = detail == nil
            if let count = detail?.timeline.count { self?.selected = min(self?.selected ?? 0, max(0, count - 1)) }
        }
    }

    public var bindings: [KeyBinding] { [ActionKeys.refund] }

    public func handle(_ action: Action, visibleRows: Int) -> [PaneEffect] {
        let count = detail?.timeline.count ?? 0
        switch action {
        case .pane("refund"): return [.modal(RefundForm(payment: id))]
        case .down: selected = min(selected + 1, max(0, count - 1))
        case .up: selected = max(0, selected - 1)
        case .pageDown: selected = min(selected + max(1, visibleRows / 2), max(0, count - 1))
        case .pageUp: selected = max(0, selected - max(1, visibleRows / 2))
        case .top: selected = 0
        case .bottom: selected = max(0, count - 1)
        default: break
        }
        return []
    }

    public func export() -> ExportRequest? {
        let id = self.id
        let query = PaymentDetailQueries.timeline(id).map { entries in
            ExportChunk(rows: entries.map { [$0.at.iso8601, $0.source.rawValue, $0.kind, $0.status ?? "",
                                             $0.amount.map(String.init) ?? "", $0.ipAddress?.text ?? "",
                                             $0.userAgent ?? "", $0.actor ?? "", $0.detail ?? ""] }, next: nil)
        }
        return ExportRequest(fileStem: "timeline-\(id.short)",
                             header: ["at", "source", "kind", "status", "amount", "ip", "user_agent", "actor", "detail"],
                             first: query)
    }

    static let timelineColumns = [
        TableView.Column("TIME", width: .fixed(19)),
        TableView.Column("SOURCE", width: .fixed(11)),
        TableView.Column("WHAT", width: .flexible(min: 12, weight: 1)),
        TableView.Column("STATUS", width: .fixed(11), priority: 1),
        TableView.Column("AMOUNT", width: .fixed(11), alignment: .right, priority: 1),
        TableView.Column("IP", width: .fixed(15), priority: 1),
        TableView.Column("DETAIL / USER AGENT", width: .flexible(min: 10, weight: 2), priority: 0),
    ]

    public func render(into canvas: inout Canvas, context: RenderContext) {
        guard let detail else {
            canvas.put(missing ? "no payment with id \(id.string)" : "loading \(id.string)…", x: 1, y: 0,
                       style: Style(missing ? .warning : .dim))
            return
        }
        let t = detail.transaction
        let currency = t.amount.currency
        let facts: [(String, String, Meaning)] = [
            ("payment", t.id.string, .normal), ("status", t.status.rawValue, t.status.meaning),
            ("created", Formats.time(t.createdAt), .normal), ("updated", Formats.time(detail.updatedAt), .dim),
            ("venue", t.venueName + (detail.venueTier.map { " (\($0))" } ?? ""), .normal), ("user", t.userID.string, .normal),
            ("intent", t.intentID ?? "—", .normal), ("idempotency", detail.idempotencyKey?.string ?? "—", .dim),
            ("device", detail.deviceFingerprint ?? "—", .dim), ("method", detail.paymentMethodFingerprint ?? "—", .dim),
        ]
        // "refunded" counts completed refunds only; pending (and processing) ones get their own line.
        let pending = Money(minorUnits: detail.refunds.filter { $0.status == "pending" || $0.status == "processing" }
            .reduce(0) { $0 + $1.amount.minorUnits }, currency: currency)
        let completed = Money(minorUnits: detail.refundedSoFar.minorUnits - pending.minorUnits, currency: currency)
        var money: [(String, Money?, Meaning)] = [
            ("amount", t.amount, .normal), ("platform fee", t.platformFee, .dim), ("tax", t.taxAmount, .dim),
            ("gas fee", detail.gasFee, .dim), ("venue payout", detail.venuePayout, .normal),
            ("refunded", completed, completed.minorUnits > 0 ? .refunded : .dim),
            ("refundable", detail.refundable, detail.refundable.minorUnits > 0 ? .success : .dim),
        ]
        if pending.minorUnits > 0 { money.insert(("refunding", pending, .pending), at: 6) }   // pending or processing
        let leftWidth = min(canvas.width, max(40, canvas.width * 3 / 5))
        for (row, fact) in facts.enumerated() where row < canvas.height {
            canvas.put(fact.0, x: 1, y: row, style: Style(.dim), maxWidth: 12)
            canvas.put(fact.1, x: 14, y: row, style: Style(meaning: fact.2), maxWidth: max(0, leftWidth - 15))
        }
        for (row, entry) in money.enumerated() where row < canvas.height {
            let text = entry.1.map(Formats.money) ?? "—"
            canvas.put(entry.0, x: leftWidth + 1, y: row, style: Style(.dim), maxWidth: 13)
            canvas.put(SafeText.fit(text, width: 14, alignment: .right), x: leftWidth + 14, y: row,
                       style: Style(meaning: entry.2), maxWidth: max(0, canvas.width - leftWidth - 14))
        }
        var top = max(facts.count, money.count) + 1
        if !detail.refunds.isEmpty, top < canvas.height {
            let text = "refunds: " + detail.refunds.map { "\(Formats.money($0.amount)) \($0.status) (\($0.reason))" }
                .joined(separator: "; ")
            canvas.put(text, x: 1, y: top, style: Style(.refunded), maxWidth: canvas.width - 2)
            top += 1
        }
        guard top + 2 < canvas.height else { return }
        canvas.put("Timeline (\(detail.timeline.count) entries, one snapshot)", x: 1, y: top, style: Style(.title))
        let rows = detail.timeline.map { entry -> [Label] in
            let meaning: Meaning = switch entry.status ?? "" {
            case "failed": .failed
            case "pending", "waiting", "unprocessed", "queued": .pending
            default: entry.kind.contains("failed") ? .failed : (entry.kind.hasPrefix("refund") ? .refunded : .normal)
            }
            return [Label(Formats.time(entry.at)), Label(entry.source.rawValue, .dim), Label(entry.kind, meaning),
                    Label(entry.status ?? "", meaning), Label(entry.amount.map { Formats.money(Money(minorUnits: $0, currency: currency)) } ?? ""),
                    Label(entry.ipAddress?.text ?? ""), Label(entry.userAgent ?? entry.actor.map { "by \($0)" + (entry.detail.map { ": \($0)" } ?? "") } ?? entry.detail ?? "", .dim)]
        }
        canvas.region(Rect(x: 0, y: top + 1, width: canvas.width, height: canvas.height - top - 1)) { body in
            var table = TableView(columns: Self.timelineColumns, rows: rows, selected: selected, offset: 0)
            table.offset = table.scrollOffset(visibleRows: table.visibleRowCount(height: body.height))
            body.render(table)
        }
    }
}
