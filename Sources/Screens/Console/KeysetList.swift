import PaymentData

/// The state of a long list paged by keyset: a window of rows, the selection, and the request that
/// produced the window (a refresh re-runs it). Navigation returns the next page request when the
/// window must move; moving inside the window costs nothing.
public struct KeysetList<Row: Sendable, Cursor: Sendable & Equatable> {
    public private(set) var rows: [Row] = []
    public private(set) var selected = 0
    public private(set) var hasOlder = false
    public private(set) var hasNewer = false
    /// The request that produced `rows`.
    public private(set) var anchor: PageRequest<Cursor> = .first
    /// True once a page has arrived.
    public private(set) var loaded = false
    /// How many rows come before the window (0 from the top; nil when unknown, e.g. after jumping to the end):
    /// with it the row counter says "41 / ~2,992" without counting.
    public private(set) var windowStart: Int? = 0
    /// Where the selection should land when the requested page arrives.
    private var pendingSelection: Selection = .keep
    private let cursorOf: (Row) -> Cursor
    private let idOf: (Row) -> String

    enum Selection { case keep, first, last, index(Int) }

    /// Makes an empty list; `cursor` gives a row's keyset position, `id` its identity (to keep the selection).
    public init(cursor: @escaping (Row) -> Cursor, id: @escaping (Row) -> String) {
        cursorOf = cursor
        idOf = id
    }

    /// The selected row, if any.
    public var selectedRow: Row? { rows.indices.contains(selected) ? rows[selected] : nil }

    /// Moves the selection; returns the page to fetch when the window must move.
    public mutating func move(_ action: Action, pageSize: Int) -> PageRequest<Cursor>? {
        guard loaded else { return nil }
        switch action {
        case .down:
            if selected + 1 < rows.count { selected += 1; return nil }
            guard hasOlder, let first = rows.first else { return nil }
            return request(.after(cursorOf(first)), select: .last)      // shift the window by one row
        case .up:
            if selected > 0 { selected -= 1; return nil }
            guard hasNewer, let last = rows.last else { return nil }
            return request(.before(cursorOf(last)), select: .first)
        case .pageDown:
            guard hasOlder, let last = rows.last else { selected = max(0, rows.count - 1); return nil }
            return request(.after(cursorOf(last)), select: .index(selected))
        case .pageUp:
            guard hasNewer, let first = rows.first else { selected = 0; return nil }
            return request(.before(cursorOf(first)), select: .index(selected))
        case .top:
            return request(.first, select: .first)
        case .bottom:
            return request(.last, select: .last)
        default:
            return nil
        }
    }

    /// The request that reloads the current window (live refresh, R).
    public var refreshRequest: PageRequest<Cursor> { anchor }

    /// Starts over from the newest rows (after a filter change).
    public mutating func reset() -> PageRequest<Cursor> {
        request(.first, select: .first)
    }

    private mutating func request(_ page: PageRequest<Cursor>, select: Selection) -> PageRequest<Cursor> {
        pendingSelection = select
        return page
    }

    /// True when the window holds the whole list (no page before or after it): only then may it be reordered.
    public var isWhole: Bool { loaded && !hasOlder && !hasNewer }

    /// The rows before the window `request` fetches (`count` rows), from the window it moves away from.
    private func start(of request: PageRequest<Cursor>, rows count: Int) -> Int? {
        if request == anchor && loaded { return windowStart }       // a refresh of the same window
        switch request {
        case .first: return 0
        case .last: return nil
        case let .after(cursor):
            guard let start = windowStart, let index = rows.firstIndex(where: { cursorOf($0) == cursor }) else { return nil }
            return start + index + 1
        case let .before(cursor):
            guard let start = windowStart, let index = rows.firstIndex(where: { cursorOf($0) == cursor }) else { return nil }
            return max(0, start + index - count)
        }
    }

    /// The row counter: "41 / 2,992" once the end is in the window, else against `estimate` ("41 / ~2,992").
    public func counter(estimate: Int?) -> String? {
        guard loaded else { return nil }
        let position = windowStart.map { $0 + selected + 1 }
        if !hasOlder, let start = windowStart { return RowCount.text(position: position, total: start + rows.count) }
        if windowStart == nil, !hasOlder, let estimate {      // the last rows (G): counted back from the end
            let total = max(estimate, rows.count)
            return RowCount.text(position: total - rows.count + selected + 1, total: total, estimated: true, positionEstimated: true)
        }
        let lowest = (windowStart ?? 0) + rows.count + (hasOlder ? 1 : 0)
        return RowCount.text(position: rows.isEmpty ? nil : position, total: estimate.map { max($0, lowest) }, estimated: true)
    }

    /// Reorders a whole list client-side (a column sort), keeping the selected row selected.
    public mutating func reorder(_ transform: ([Row]) -> [Row]) {
        guard isWhole else { return }
        let previousID = selectedRow.map(idOf)
        rows = transform(rows)
        if let previousID, let index = rows.firstIndex(where: { idOf($0) == previousID }) { selected = index }
    }

    /// Takes a fetched page for `request`; keeps the selected row selected when it is still there.
    public mutating func receive(_ page: Page<Row>, for request: PageRequest<Cursor>) {
        let previousID = selectedRow.map(idOf)
        // A page that moved past the end (e.g. rows deleted) is empty: keep what we have unless at an edge.
        if page.rows.isEmpty, loaded, request != .first, request != .last { hasOlder = false; return }
        windowStart = start(of: request, rows: page.rows.count)
        rows = page.rows
        hasOlder = page.hasOlder
        hasNewer = page.hasNewer
        anchor = request
        loaded = true
        switch pendingSelection {
        case .first: selected = 0
        case .last: selected = max(0, rows.count - 1)
        case let .index(index): selected = min(max(0, index), max(0, rows.count - 1))
        case .keep:
            if let previousID, let index = rows.firstIndex(where: { idOf($0) == previousID }) {
                selected = index
            } else {
                selected = min(selected, max(0, rows.count - 1))
            }
        }
        pendingSelection = .keep
    }
}
