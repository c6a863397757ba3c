import PaymentData

/// One payment: amounts with the fee and tax breakdown, refunds and what is still refundable, then the
/// full timeline from every table, read from one snapshot.
public final class TransactionDetailPane: Pane {
    public let id: PGUUID
    public private(set) var detail: PaymentDetail?
    public private(set) var missing = false
    private(set) var selected = 0
    /// The timeline in the order on screen: as read (by time), or sorted by a column (`s`/`S`).
    public private(set) var timeline: [TimelineEntry] = []
    public private(set) var sort = TableSort()

    /// A detail view of payment `id`.
    public init(id: PGUUID) { self.id = id }

    public var title: String { id.short }
    public var isEmpty: Bool { detail == nil && !missing }
    public var focusedID: String? { id.string }
    public var rowCount: String? { detail.flatMap { RowCount.loaded(index: selected, count: $0.timeline.count) } }

    public func load(isRefresh: Bool) -> DataRequest? {
        DataRequest(PaymentDetailQueries.detail(id), isRefresh: isRefresh) { [weak self] detail in self?.receive(detail) }
    }

    /// Takes the payment's detail (nil: no such payment); the selection stays inside the timeline.
    public func receive(_ detail: PaymentDetail?) {
        self.detail = detail
        missing = detail == nil
        let currency = detail?.transaction.amount.currency ?? .usd
        timeline = sort.sorted(detail?.timeline ?? []) { Self.timelineLabels($0, currency: currency) }
        if let count = detail?.timeline.count { selected = min(selected, max(0, count - 1)) }
    }

    public var bindings: [KeyBinding] { [ActionKeys.refund] + TableSort.bindings }

    public func handle(_ action: Action, visibleRows: Int) -> [PaneEffect] {
        let count = detail?.timeline.count ?? 0
        switch action {
        case .pane("refund"): return [.modal(RefundForm(payment: id))]
        case _ where TableSort.isSortAction(action):
            sort.apply(action, columnCount: Self.timelineColumns.count)
            if detail != nil { receive(detail) }
            return [.status(sort.describe(Self.timelineColumns))]
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
        // Narrow terminals drop, in order: detail, IP, source, amount, status; WHAT and TIME stay.
        TableView.Column("TIME", width: .fixed(19), priority: 6),
        TableView.Column("SOURCE", width: .fixed(11), priority: 3),
        TableView.Column("WHAT", width: .content(min: 12, max: 32, weight: 1), priority: 7),
        TableView.Column("STATUS", width: .fixed(11), priority: 5),
        TableView.Column("AMOUNT", width: .fixed(11), alignment: .right, priority: 4),
        TableView.Column("IP", width: .content(min: 15, max: 39, weight: 0), priority: 2),
        TableView.Column("DETAIL / USER AGENT", width: .flexible(min: 10, weight: 2), priority: 1),
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
        // Room for a whole uuid (14 + 36) beside the money column (28) from 79 columns up; narrower, values are
        // cut visibly (…) and `d` shows them whole.
        let leftWidth = min(canvas.width, max(canvas.width >= 79 ? 51 : 40, canvas.width * 3 / 5))
        for (row, fact) in facts.enumerated() where row < canvas.height {
            canvas.put(SafeText.truncate(fact.0, toWidth: 12), x: 1, y: row, style: Style(.dim))
            canvas.put(SafeText.truncate(fact.1, toWidth: max(0, leftWidth - 15)), x: 14, y: row, style: Style(meaning: fact.2))
        }
        for (row, entry) in money.enumerated() where row < canvas.height {
            let text = entry.1.map(Formats.money) ?? "—"
            let room = max(0, canvas.width - leftWidth - 14)
            canvas.put(SafeText.truncate(entry.0, toWidth: 13), x: leftWidth + 1, y: row, style: Style(.dim))
            canvas.put(SafeText.fit(text, width: min(14, room), alignment: .right), x: leftWidth + 14, y: row,
                       style: Style(meaning: entry.2))
        }
        var top = max(facts.count, money.count) + 1
        if !detail.refunds.isEmpty, top < canvas.height {
            let text = "refunds: " + detail.refunds.map { "\(Formats.money($0.amount)) \($0.status) (\($0.reason))" }
                .joined(separator: "; ")
            canvas.put(SafeText.truncate(text, toWidth: canvas.width - 2), x: 1, y: top, style: Style(.refunded))
            top += 1
        }
        guard top + 2 < canvas.height else { return }
        canvas.put("Timeline (\(detail.timeline.count) entries, one snapshot)", x: 1, y: top, style: Style(.title))
        let rows = timeline.map { Self.timelineLabels($0, currency: currency) }
        canvas.region(Rect(x: 0, y: top + 1, width: canvas.width, height: canvas.height - top - 1)) { body in
            var table = TableView(columns: Self.timelineColumns, rows: rows, selected: selected, offset: 0)
            table.sort = sort
            table.offset = table.scrollOffset(visibleRows: table.visibleRowCount(height: body.height))
            body.render(table)
        }
    }

    /// One timeline entry's cells, as drawn and as sorted.
    static func timelineLabels(_ entry: TimelineEntry, currency: Currency) -> [Label] {
        let meaning: Meaning = switch entry.status ?? "" {
        case "failed": .failed
        case "pending", "waiting", "unprocessed", "queued": .pending
        default: entry.kind.contains("failed") ? .failed : (entry.kind.hasPrefix("refund") ? .refunded : .normal)
        }
        return [Label(Formats.time(entry.at)), Label(entry.source.rawValue, .dim), Label(entry.kind, meaning),
                Label(entry.status ?? "", meaning), Label(entry.amount.map { Formats.money(Money(minorUnits: $0, currency: currency)) } ?? ""),
                Label(entry.ipAddress?.text ?? ""),
                Label(entry.userAgent ?? entry.actor.map { "by \($0)" + (entry.detail.map { ": \($0)" } ?? "") } ?? entry.detail ?? "", .dim)]
    }
}
