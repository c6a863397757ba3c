import PaymentData

/// The Overview pane: the last 24 hours at a glance (payments, success rate, failures and their top
/// reasons, revenue and refunds per currency), queue health and invariant alarms. ↑/↓ select the lines
/// that lead somewhere (a busy queue, an alarm's sample row); Enter opens it.
public final class OverviewPane: Pane {
    /// Where Enter on a line goes.
    public enum Target: Equatable, Sendable {
        /// A payment's detail (an alarm's sample payment).
        case payment(PGUUID)
        /// A venue's payout history (an alarm's sample venue).
        case venuePayouts(PGUUID)
        /// The rows of a queue.
        case queue(QueueRowsPane.Source)
    }

    /// One line of the overview: a dim label, values with meanings, and where Enter goes (`key`
    /// names the line, so the selection survives a refresh that adds or removes lines).
    struct Line {
        var label: String
        var values: [Label]
        var target: Target?
        var key = ""
        var heading = false
    }

    public let windowSeconds: Int
    public private(set) var overview: Overview?
    /// The key of the selected line, among the lines with a target.
    private var selectedKey: String?
    private var offset = 0

    /// An overview of the last `windowSeconds` (default 24 h).
    public init(windowSeconds: Int = 86_400) { self.windowSeconds = windowSeconds }

    public var title: String { "Overview" }
    public var isEmpty: Bool { overview == nil }

    public func load(isRefresh: Bool) -> DataRequest? {
        let probe = ChangeProbe(key: "overview \(windowSeconds)", query: ChangeProbeQueries.overview(windowSeconds: windowSeconds))
        return DataRequest(OverviewQueries.overview(windowSeconds: windowSeconds, asOf: nil), isRefresh: isRefresh,
                           changeProbe: probe) { [weak self] in
            self?.receive($0)
        }
    }

    /// Takes a reading; the selection stays on the same line when it is still actionable.
    public func receive(_ overview: Overview) {
        let previous = selected
        self.overview = overview
        let keys = actionable.map(\.key)
        if let key = selectedKey, !keys.contains(key) { selectedKey = keys.isEmpty ? nil : keys[min(previous, keys.count - 1)] }
        if selectedKey == nil { selectedKey = keys.first }
    }

    private var actionable: [Line] { lines.filter { $0.target != nil } }
    /// The index of the selected line among the actionable ones.
    private var selected: Int { actionable.firstIndex { $0.key == selectedKey } ?? 0 }

    /// The lines Enter can open, top to bottom.
    public var targets: [Target] { actionable.compactMap(\.target) }
    /// The target under the selection.
    public var selectedTarget: Target? { actionable.first { $0.key == selectedKey }?.target }

    public func handle(_ action: Action, visibleRows: Int) -> [PaneEffect] {
        let keys = actionable.map(\.key)
        func select(_ index: Int) { selectedKey = keys.isEmpty ? nil : keys[min(max(0, index), keys.count - 1)] }
        switch action {
        case .up, .pageUp: select(selected - 1)
        case .down, .pageDown: select(selected + 1)
        case .top: select(0)
        case .bottom: select(keys.count - 1)
        case .open:
            guard let target = selectedTarget else { return [.status("nothing to open: no busy queue and no alarm")] }
            return [.push(Self.pane(for: target))]
        default: break
        }
        return []
    }

    /// The pane a target opens.
    static func pane(for target: Target) -> any Pane {
        switch target {
        case let .payment(id): TransactionDetailPane(id: id)
        case let .venuePayouts(id): PayoutsPane(venue: id)
        case let .queue(source): QueueRowsPane(source)
        }
    }

    public var focusedID: String? {
        switch selectedTarget {
        case let .payment(id)?, let .venuePayouts(id)?: id.string
        default: nil
        }
    }

    /// The lines shown for the current reading.
    var lines: [Line] {
        guard let o = overview else { return [] }
        let failed = o.counts[.failed] ?? 0
        let statuses = PaymentStatus.allCases.compactMap { status in
            o.counts[status].map { Label("\(status.rawValue) \(Formats.count($0))", status.meaning) }
        }
        let rate: Label = o.successRateBasisPoints.map { bp in
            Label(Formats.percent(basisPoints: bp), bp < 9000 ? .danger : bp < 9500 ? .warning : .success)
        } ?? Label("—", .dim)
        var lines = [
            Line(label: "Last \(SuspiciousIPsPane.windowName(o.windowSeconds)) · as of \(Formats.time(o.asOf))", values: [], heading: true),
            Line(label: "payments", values: [Label(Formats.count(o.total))] + statuses),
            Line(label: "success rate", values: [rate]),
            Line(label: "failed", values: [Label(Formats.count(failed), failed > 0 ? .failed : .normal)]),
        ]
        if !o.topFailureReasons.isEmpty {
            lines.append(Line(label: "top reasons", values: o.topFailureReasons.map { Label("\($0.reason) \(Formats.count($0.count))", .failed) }))
        }
        lines.append(Line(label: "revenue", values: o.revenue.isEmpty ? [Label("none", .dim)] : o.revenue.map { Label(Formats.money($0)) }))
        lines.append(Line(label: "refunds", values: [Label("\(Formats.count(o.refundCount)) refund\(o.refundCount == 1 ? "" : "s")")]
            + o.refunds.map { Label(Formats.money($0), .refunded) }))
        lines.append(Line(label: "", values: []))
        lines.append(Line(label: "Queue health", values: [], heading: true))
        lines += queueLines(o.queues)
        lines.append(Line(label: "", values: []))
        lines.append(Line(label: "Invariants", values: [], heading: true))
        if o.alarms.isEmpty {
            lines.append(Line(label: "", values: [Label("all invariants hold", .success)]))
        }
        lines += o.alarms.map(Self.alarmLine)
        return lines
    }

    private func queueLines(_ q: QueueDepth) -> [Line] {
        func n(_ queue: QueueDepth.Queue, _ key: String) -> Int { QueueHealth.count(queue, key, in: q) }
        let waiting = q.total(.outbox), stuck = q.total(.outboxStuck), dead = q.total(.deadLetters)
        let oldest = QueueHealth.oldestAge(.outbox, in: q).map { Label("oldest \(Formats.duration(seconds: $0))", QueueHealth.meaning(.outbox, in: q)) }
        let webhooks = [n(.webhooks, "failed"), n(.webhooks, "pending"), n(.webhooks, "processing")]
        let mints = [n(.nftMints, "failed"), n(.nftMints, "queued"), n(.nftMints, "processing")]
        return [
            Line(label: "outbox", values: [Label("\(Formats.count(waiting)) waiting")] + (oldest.map { [$0] } ?? []),
                 target: waiting > 0 ? .queue(.outbox) : nil, key: "queue.outbox"),
            Line(label: "outbox stuck", values: [Label("\(Formats.count(stuck)) older than \(QueueQueries.stuckAfterSeconds / 60)m",
                                                       QueueHealth.meaning(.outboxStuck, in: q))],
                 target: stuck > 0 ? .queue(Self.stuckOutbox) : nil, key: "queue.stuck"),
            Line(label: "webhooks", values: [Label("\(Formats.count(webhooks[0])) failed", QueueHealth.meaning(.webhooks, in: q)),
                                             Label("\(Formats.count(webhooks[1])) pending"), Label("\(Formats.count(webhooks[2])) processing")],
                 target: webhooks[0] > 0 ? .queue(.webhooks(status: "failed")) : nil,
                 key: "queue.webhooks"),
            Line(label: "dead letters", values: [Label("\(Formats.count(dead)) not requeued", QueueHealth.meaning(.deadLetters, in: q))],
                 target: dead > 0 ? .queue(.deadLetters(errorGroup: nil)) : nil,
                 key: "queue.dlq"),
            // The same total the Queues pane lists as waiting (queued + processing + failed), then its split.
            Line(label: "NFT mints", values: [Label("\(Formats.count(q.total(.nftMints))) waiting"),
                                              Label("\(Formats.count(mints[0])) failed", QueueHealth.meaning(.nftMints, in: q)),
                                              Label("\(Formats.count(mints[1])) queued"), Label("\(Formats.count(mints[2])) processing")],
                 target: q.total(.nftMints) > 0 ? .queue(.nftMints(status: nil)) : nil, key: "queue.nft"),
        ]
    }

    /// Where "outbox stuck" leads: only the stuck rows.
    static let stuckOutbox = QueueRowsPane.Source.outboxFiltered(eventType: nil, stuck: true)

    /// One alarm: what is broken, how often, and a sample to jump to.
    static func alarmLine(_ alarm: Alarm) -> Line {
        let n = Formats.count(alarm.count), s = alarm.count == 1 ? "" : "s"
        let uuid = alarm.sampleID.flatMap(PGUUID.init)
        let (text, target): (String, Target?) = switch alarm.kind {
        case .overRefunded: ("\(n) payment\(s) refunded beyond the amount", uuid.map { .payment($0) })
        case .refundedStatusMismatch: ("\(n) refunded payment\(s) whose completed refunds ≠ amount", uuid.map { .payment($0) })
        case .negativeBalance: ("\(n) negative venue balance\(s)", uuid.map { .venuePayouts($0) })
        case .stuckOutbox: ("\(n) outbox row\(s) stuck > \(QueueQueries.stuckAfterSeconds / 60)m", .queue(stuckOutbox))
        case .payoutDailyLimit: ("\(n) venue\(s) over the daily payout limit", uuid.map { .venuePayouts($0) })
        case .ledgerMismatch: ("\(n) ledger row\(s) whose balance after ≠ balance before ± amount", nil)
        // A wallet (a buyer's or a merchant's) is no venue: nothing to jump to; the sample names it.
        case .walletBalanceMismatch: ("\(n) wallet\(s) whose balance ≠ the last ledger row", nil)
        }
        let sample = alarm.sampleID.map { "e.g. " + (PGUUID($0)?.short ?? "#" + $0) }
        return Line(label: "", values: [Label(text, .danger)] + (sample.map { [Label($0, .dim)] } ?? []), target: target,
                    key: "alarm." + alarm.kind.rawValue)
    }

    public func render(into canvas: inout Canvas, context: RenderContext) {
        guard canvas.width > 0, canvas.height > 0 else { return }
        let lines = self.lines
        guard !lines.isEmpty else {
            canvas.put("loading…", x: 1, y: 0, style: Style(.dim))
            return
        }
        var selectedLine: Int?
        var seen = 0
        for (index, line) in lines.enumerated() where line.target != nil {
            if seen == selected { selectedLine = index }
            seen += 1
        }
        if let selectedLine {
            if selectedLine < offset { offset = selectedLine }
            if selectedLine >= offset + canvas.height { offset = selectedLine - canvas.height + 1 }
        }
        offset = min(offset, max(0, lines.count - canvas.height))
        for y in 0..<min(canvas.height, lines.count - offset) {
            let line = lines[offset + y]
            let isSelected = offset + y == selectedLine
            if line.heading {
                canvas.put(line.label, x: 1, y: y, style: Style(.title, bold: true))
                continue
            }
            if isSelected { canvas.fill(Rect(x: 0, y: y, width: canvas.width, height: 1), style: Style(.selection)) }
            if line.target != nil { canvas.put(isSelected ? "›" : " ", x: 0, y: y, style: isSelected ? Style(.selection) : .normal) }
            canvas.put(line.label, x: 2, y: y, style: isSelected ? Style(.selection) : Style(.dim), maxWidth: 14)
            var x = line.label.isEmpty ? 2 : 17
            for (position, value) in line.values.enumerated() {
                if position > 0 { x = canvas.put(" · ", x: x, y: y, style: isSelected ? Style(.selection) : Style(.dim)) }
                x = canvas.put(value.text, x: x, y: y, style: isSelected ? Style(.selection, bold: value.meaning != .normal) : value.style)
            }
        }
    }
}
