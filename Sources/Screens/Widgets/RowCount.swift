/// The row counter a list shows at the right of the breadcrumbs line: "41 / 2,992", "41 / ~2,992" where the
/// total is the planner's estimate (a count would scan), "200+" where a bounded list was cut at its limit.
public enum RowCount {
    /// "41 / 2,992"; `estimated` marks the total with `~`, `positionEstimated` the position too; `more` says the
    /// list was cut at `total` rows (a bounded read).
    public static func text(position: Int?, total: Int?, estimated: Bool = false, positionEstimated: Bool = false,
                            more: Bool = false) -> String? {
        let totalText = total.map { (estimated ? "~" : "") + Formats.count($0) + (more ? "+" : "") }
        switch (position, totalText) {
        case let (position?, totalText?): return (positionEstimated ? "~" : "") + Formats.count(position) + " / " + totalText
        case let (nil, totalText?): return totalText + " rows"
        case let (position?, nil): return Formats.count(position) + " / …"
        case (nil, nil): return nil
        }
    }

    /// The counter of a list loaded whole: `index` is the selection (0-based) among `count` rows; `limit` is the
    /// read's bound (a list of exactly that many may have been cut).
    public static func loaded(index: Int, count: Int, limit: Int? = nil) -> String? {
        text(position: count == 0 ? nil : min(index, count - 1) + 1, total: count, more: limit == count)
    }
}
