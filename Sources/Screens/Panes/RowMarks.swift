/// Rows an operator marked (k9s style: Space marks or unmarks the focused row, Ctrl-Space marks every row from
/// the last mark to the focused one), by row id so marks survive a refresh that reorders or drops rows.
public struct RowMarks: Sendable, Equatable {
    /// The marked ids, in the order they were marked.
    public private(set) var ids: [String] = []
    /// The row index of the last mark (where a range starts).
    public private(set) var anchor: Int?

    /// No marks.
    public init() {}

    public var isEmpty: Bool { ids.isEmpty }
    public var count: Int { ids.count }
    /// True when `id` is marked.
    public func contains(_ id: String) -> Bool { ids.contains(id) }

    /// Marks `id` (row `index`), or unmarks it when it is marked; returns true when it is marked now.
    @discardableResult
    public mutating func toggle(_ id: String, at index: Int) -> Bool {
        if let position = ids.firstIndex(of: id) {
            ids.remove(at: position)
            anchor = nil
            return false
        }
        ids.append(id)
        anchor = index
        return true
    }

    /// Marks every row from the last mark to row `index` of `rowIDs` (from row 0 when nothing is marked);
    /// returns how many rows were newly marked.
    @discardableResult
    public mutating func markRange(to index: Int, of rowIDs: [String]) -> Int {
        guard rowIDs.indices.contains(index) else { return 0 }
        let start = min(anchor ?? 0, rowIDs.count - 1)
        var added = 0
        for id in rowIDs[min(start, index)...max(start, index)] where !ids.contains(id) {
            ids.append(id)
            added += 1
        }
        anchor = index
        return added
    }

    /// Drops marks of rows that are no longer listed (retried, requeued, processed).
    public mutating func keep(only present: Set<String>) {
        ids.removeAll { !present.contains($0) }
        if ids.isEmpty { anchor = nil }
    }

    /// Unmarks everything.
    public mutating func clear() {
        ids = []
        anchor = nil
    }
}
