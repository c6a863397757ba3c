extension TableView.Width {
    /// The fewest columns this width rule accepts.
    var minimum: Int {
        switch self {
        case .fixed(let width): max(0, width)
        case .flexible(let min, _), .content(let min, _, _): max(0, min)
        }
    }

    /// The share of spare width this rule takes (0 for fixed columns).
    var weight: Int {
        switch self {
        case .fixed: 0
        case .flexible(_, let weight), .content(_, _, let weight): max(0, weight)
        }
    }
}

extension TableView {
    /// Which columns are shown at `width`, where, and how wide.
    ///
    /// 1. Every column starts at its minimum (fixed width, flexible `min`, a content column's longest cell).
    /// 2. While that does not fit and more than one column is left, the column with the lowest priority
    ///    (the rightmost among equals) gives way: a content column first shrinks to its rule's `min` (its
    ///    cells then end in `…`), just before columns of its own priority are dropped; any other is dropped.
    /// 3. Spare width goes to flexible columns by weight (rounding leftovers by largest remainder);
    ///    a single remaining column that is still too wide is cut to `width`.
    public func columnFrames(width: Int) -> [ColumnFrame] {
        guard width > 0, !columns.isEmpty else { return [] }
        var shown = Array(columns.indices)
        var minimums = columns.indices.map(minimumWidth)
        func required(_ indices: [Int]) -> Int {
            indices.reduce(0) { $0 + minimums[$1] } + spacing * max(0, indices.count - 1)
        }
        // Giving way, lowest priority first (the rightmost among equals): a content column first falls back to its
        // rule's minimum (cut with …) just before its priority's turn to be dropped, then is dropped at its turn.
        func giveWayKey(_ position: Int) -> Double {
            let column = shown[position]
            let shrinkable = minimums[column] > columns[column].width.minimum
            return Double(columns[column].priority) - (shrinkable ? 0.5 : 0)
        }
        while shown.count > 1 && required(shown) > width {
            let victim = shown.indices.min { a, b in
                let ka = giveWayKey(a), kb = giveWayKey(b)
                return ka != kb ? ka < kb : a > b
            }!
            let column = shown[victim]
            if minimums[column] > columns[column].width.minimum {
                minimums[column] = columns[column].width.minimum
            } else {
                shown.remove(at: victim)
            }
        }
        var widths = shown.map { minimums[$0] }
        var spare = width - required(shown)
        // Spare width first gives a shrunk content column back what its cells need (highest priority first).
        let content = columns.indices.map(minimumWidth)
        for position in shown.indices.sorted(by: { columns[shown[$0]].priority > columns[shown[$1]].priority }) where spare > 0 {
            let grow = min(spare, max(0, content[shown[position]] - widths[position]))
            widths[position] += grow
            spare -= grow
        }
        if spare < 0 {
            widths[0] = width
        } else if spare > 0 {
            distribute(spare, over: shown, into: &widths)
        }
        var frames: [ColumnFrame] = []
        var x = 0
        for (position, column) in shown.enumerated() {
            frames.append(ColumnFrame(column: column, x: x, width: widths[position]))
            x += widths[position] + spacing
        }
        return frames
    }

    /// The fewest columns column `index` takes: its rule's minimum, or for a content column its longest cell or
    /// title within the rule's bounds.
    func minimumWidth(_ index: Int) -> Int {
        guard case let .content(least, most, _) = columns[index].width else { return columns[index].width.minimum }
        var longest = SafeText.width(of: columns[index].title)
        for row in rows where index < row.count {
            longest = max(longest, SafeText.width(of: row[index].text))
            if longest >= most { break }
        }
        return max(0, min(max(least, longest), max(least, most)))
    }

    /// Shares `spare` columns among the flexible columns of `shown` in proportion to their weights.
    func distribute(_ spare: Int, over shown: [Int], into widths: inout [Int]) {
        let weights = shown.map { columns[$0].width.weight }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return }
        var given = 0
        var remainders: [(position: Int, remainder: Int)] = []
        for position in shown.indices where weights[position] > 0 {
            let (share, remainder) = (spare * weights[position]).quotientAndRemainder(dividingBy: totalWeight)
            widths[position] += share
            given += share
            remainders.append((position, remainder))
        }
        // Largest remainder first (the leftmost among equals) takes the columns rounding left over.
        remainders.sort { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.position < $1.position }
        for entry in remainders.prefix(spare - given) {
            widths[entry.position] += 1
        }
    }
}
