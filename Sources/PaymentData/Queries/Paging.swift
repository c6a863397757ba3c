/// Which page of a newest-first list to fetch, by keyset (never OFFSET).
public enum PageRequest<Cursor: Sendable & Equatable>: Sendable, Equatable {
    /// The newest rows.
    case first
    /// The oldest rows (G / End): as fast as the first page.
    case last
    /// The rows just older than the cursor (next page, ↓).
    case after(Cursor)
    /// The rows just newer than the cursor (previous page, ↑).
    case before(Cursor)

    /// True when the rows are fetched oldest-first and reversed for display.
    var fetchesAscending: Bool {
        switch self {
        case .first, .after: false
        case .last, .before: true
        }
    }
}

/// One page of a list, always in display order (newest first).
public struct Page<Row: Sendable>: Sendable {
    public var rows: [Row]
    /// True when there are older rows after the last one shown.
    public var hasOlder: Bool
    /// True when there are newer rows before the first one shown.
    public var hasNewer: Bool

    /// Builds a page from rows fetched with `limit + 1` in the request's direction.
    init<Cursor>(fetched: [Row], limit: Int, request: PageRequest<Cursor>) {
        let more = fetched.count > limit
        var rows = Array(fetched.prefix(limit))
        if request.fetchesAscending { rows.reverse() }
        self.rows = rows
        switch request {
        case .first: hasNewer = false; hasOlder = more
        case .after: hasNewer = true; hasOlder = more
        case .last: hasOlder = false; hasNewer = more
        case .before: hasOlder = true; hasNewer = more
        }
    }
}
