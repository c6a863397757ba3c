import PaymentData

/// The Suspicious IPs pane: addresses with more than `threshold` failed-payment events in the window
/// (seed 000's query), with distinct users and cards, mean fraud score and last sighting. `w` cycles the
/// window, `[`/`]` move the threshold, `/ADDR` or `/CIDR` and Enter open every payment and event from there.
public final class SuspiciousIPsPane: Pane {
    /// The windows `w` cycles through, in seconds.
    public static let windows = [3600, 21_600, 86_400]
    /// Addresses listed at most (the list is bounded, so there is no paging).
    public static let limit = 200

    public private(set) var windowSeconds: Int
    public private(set) var threshold: Int
    public private(set) var rows: [SuspiciousIP]?
    public private(set) var selection = RowSelection()
    /// The column order (`s`/`S`); `rows` is the list as received, sorted by it.
    public private(set) var sort = TableSort()
    private var received: [SuspiciousIP] = []
    private var now: Timestamp?

    /// A list over `windowSeconds` (default 1 h) of addresses with more than `threshold` (default 10) failures.
    public init(windowSeconds: Int = 3600, threshold: Int = 10) {
        self.windowSeconds = windowSeconds
        self.threshold = max(1, threshold)
    }

    public var title: String { "Suspicious IPs · \(Self.windowName(windowSeconds))" }
    public var isEmpty: Bool { rows == nil }

    public var bindings: [KeyBinding] {
        [KeyBinding([.character("w")], .pane("window"), "window 1h / 6h / 24h", inFooter: true),
         KeyBinding([.character("[")], .pane("lower"), "lower the threshold"),
         KeyBinding([.character("]")], .pane("raise"), "raise the threshold"), ActionKeys.block, ActionKeys.unblock]
            + TableSort.bindings
    }

    public func load(isRefresh: Bool) -> DataRequest? {
        let query = SuspiciousIPQueries.list(windowSeconds: windowSeconds, threshold: threshold, asOf: nil, limit: Self.limit)
        let probe = ChangeProbe(key: "suspicious \(windowSeconds) \(threshold)",
                                query: ChangeProbeQueries.suspiciousIPs(windowSeconds: windowSeconds))
        return DataRequest(query, isRefresh: isRefresh, changeProbe: probe) { [weak self] rows in self?.receive(rows) }
    }

    /// Takes the list; the selection stays on the same address when it is still listed.
    public func receive(_ rows: [SuspiciousIP]) {
        let previous = selectedRow?.address
        received = rows
        let rows = sort.sorted(rows) { self.labels($0) }
        self.rows = rows
        if let previous, let index = rows.firstIndex(where: { $0.address == previous }) {
            selection.select(index, count: rows.count)
        } else {
            selection.clamp(count: rows.count)
        }
    }

    /// The address under the selection.
    public var selectedRow: SuspiciousIP? {
        guard let rows, rows.indices.contains(selection.index) else { return nil }
        return rows[selection.index]
    }

    public func handle(_ action: Action, visibleRows: Int) -> [PaneEffect] {
        switch action {
        case .pane("window"):
            let index = Self.windows.firstIndex(of: windowSeconds) ?? -1
            windowSeconds = Self.windows[(index + 1) % Self.windows.count]
            return reload("window \(Self.windowName(windowSeconds))")
        case .pane("lower"):
            guard threshold > 1 else { return [.status("the threshold is already at its lowest (more than 1 failure)")] }
            threshold -= 1
            return reload("more than \(threshold) failed attempts")
        case .pane("raise"):
            threshold += 1
            return reload("more than \(threshold) failed attempts")
        case .open:
            guard let row = selectedRow else { return [] }
            return [.push(IPDrilldownPane(network: row.address, windowSeconds: windowSeconds))]
        case _ where TableSort.isSortAction(action):
            sort.apply(action, columnCount: Self.columns.count)
            if rows != nil { receive(received) }
            return [.status(sort.describe(Self.columns))]
        case .pane("block"), .pane("unblock"):
            guard let row = selectedRow else { return [.error("no IP selected")] }
            return [.modal(BlockForm(network: row.address.text, block: action == .pane("block")))]
        default:
            selection.move(action, count: rows?.count ?? 0, visibleRows: visibleRows)
            return []
        }
    }

    private func reload(_ message: String) -> [PaneEffect] {
        [.status(message)] + (load(isRefresh: false).map { [.load($0)] } ?? [])
    }

    /// `/ADDR` or `/CIDR` opens the drill-down for that address or network.
    public func applyFilter(_ text: String) -> [PaneEffect] {
        guard !text.trimmingSpaces.isEmpty else { return [] }
        do {
            return [.push(IPDrilldownPane(network: try NetworkParser.parse(text), windowSeconds: windowSeconds))]
        } catch {
            return [.error(error.description)]
        }
    }

    public var focusedID: String? { selectedRow?.address.text }

    public var rowCount: String? { rows.flatMap { RowCount.loaded(index: selection.index, count: $0.count, limit: Self.limit) } }

    /// `1h`, `6h`, `24h`.
    public static func windowName(_ seconds: Int) -> String {
        seconds % 3600 == 0 ? "\(seconds / 3600)h" : Formats.duration(seconds: Int64(seconds))
    }

    /// A fraud score (0–1) with two decimals, e.g. `0.83`; the score is not money, only display.
    public static func score(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        let hundredths = Int((min(max(value, 0), 1) * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    static let columns = [
        TableView.Column("IP", width: .flexible(min: 15, weight: 1), priority: 9),
        TableView.Column("PAYMENTS", width: .fixed(8), alignment: .right, priority: 7),
        TableView.Column("EVENTS", width: .fixed(7), alignment: .right, priority: 8),
        TableView.Column("USERS", width: .fixed(6), alignment: .right, priority: 2),
        TableView.Column("CARDS", width: .fixed(6), alignment: .right, priority: 2),
        TableView.Column("SCORE", width: .fixed(5), alignment: .right, priority: 4),
        TableView.Column("LAST SEEN", width: .fixed(9), alignment: .right, priority: 3),
        TableView.Column("BLOCKED", width: .flexible(min: 7, weight: 3), priority: 5),
    ]

    public func render(into canvas: inout Canvas, context: RenderContext) {
        let split = canvas.bounds.sliceTop(1)
        let window = Self.windowName(windowSeconds)
        var summary = "failed in the last \(window) · more than \(threshold) failed events"
        if let rows { summary += " · \(rows.count == Self.limit ? "first " : "")\(rows.count) address\(rows.count == 1 ? "" : "es")" }
        if rows?.contains(where: { $0.failedPayments == nil }) == true {
            summary += " · PAYMENTS —: attempts here name no payment"
        }
        canvas.put(summary, x: 1, y: 0, style: Style(.dim), maxWidth: max(0, canvas.width - 2))
        now = context.now
        let labels = (rows ?? []).map(labels)
        let empty = rows == nil ? "loading…"
            : "no address has more than \(threshold) failed events in the last \(window)"
        var table = TableView(columns: Self.columns, rows: labels, selected: selection.index, emptyMessage: empty)
        table.sort = sort
        canvas.region(split.rest) { $0.renderScrolling(table, offset: &selection.offset) }
    }

    /// One row's cells, as drawn and as sorted.
    func labels(_ row: SuspiciousIP) -> [Label] {
        let meaning: Meaning = row.blocked ? .dim : (row.meanFraudScore ?? 0) >= 0.8 ? .danger : .normal
        let seen = now.map { Formats.age(from: row.lastSeen, to: $0) } ?? Formats.shortTime(row.lastSeen, now: nil)
        return [Label(row.address.text, meaning), Label(row.failedPayments.map(Formats.count) ?? "—", meaning),
                Label(Formats.count(row.failedAttempts), meaning),
                Label(Formats.count(row.distinctUsers), meaning), Label(Formats.count(row.distinctCards), meaning),
                Label(Self.score(row.meanFraudScore), meaning), Label(seen, meaning), Label(row.blocked ? "blocked" : "", meaning)]
    }
}
