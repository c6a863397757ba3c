/// The order of a table whose rows are all loaded: by one column, up or down, or the list's own order.
/// Sorting is generic: it compares what the cells say (numbers, money, counts, ages like `5h12m` and IPv4
/// addresses by value; other text by its characters), so it works on whatever columns a table has.
/// Empty cells and `—` sort last either way.
public struct TableSort: Sendable, Equatable {
    /// The sorted column, or nil for the list's own order.
    public var column: Int?
    /// True for largest (or latest, or Z) first.
    public var descending = false

    /// The list's own order.
    public init(column: Int? = nil, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }

    /// The keys every sortable pane offers (footer and help read them from the pane's bindings).
    public static let bindings = [
        KeyBinding([.character("s")], .pane("sort"), "sort (by the next column; ▲/▼ in its header)", inFooter: true),
        KeyBinding([.character("S")], .pane("sort-reverse"), "reverse the sort"),
    ]

    /// The keys on a long keyset list (Transactions, the Audit trail): no client-side sort of a window, and no
    /// server-side order but time that an index serves on every platform (an amount order would scan).
    public static let timeOrderOnly = KeyBinding([.character("s"), .character("S")], .pane("sort"),
                                                 "sort: long lists stay newest first (the only indexed order)")
    /// What `s` says there.
    public static let timeOrderMessage = "this list stays newest first, the only order an index serves on every platform (G: oldest)"

    /// True for the actions that sort: `s`, `S`, and a click on a column header (`sort-column-N`).
    public static func isSortAction(_ action: Action) -> Bool {
        if case let .pane(name) = action { return name.hasPrefix("sort") }
        return false
    }

    /// Applies a sort action: `s` the next column, `S` the other direction, a header click that column (again: the
    /// other direction).
    public mutating func apply(_ action: Action, columnCount: Int) {
        guard case let .pane(name) = action else { return }
        if name == "sort" { next(columnCount: columnCount); return }
        if name == "sort-reverse" { reverse(); return }
        guard name.hasPrefix("sort-column-"), let index = Int(name.dropFirst("sort-column-".count)), index < columnCount else { return }
        if column == index { descending.toggle() } else { column = index; descending = false }
    }

    /// `s`: the next column (ascending), and after the last one the list's own order again.
    public mutating func next(columnCount: Int) {
        guard columnCount > 0 else { column = nil; return }
        if let column, column + 1 < columnCount { self.column = column + 1 } else if column == nil { self.column = 0 } else { self.column = nil }
        descending = false
    }

    /// `S`: the other direction (the first column when nothing is sorted yet).
    public mutating func reverse() {
        if column == nil { column = 0; descending = true } else { descending.toggle() }
    }

    /// The arrow the sorted column's header shows.
    public var arrow: String { descending ? "▼" : "▲" }

    /// What the status line says after a change, e.g. "sorted by FAILED ▼".
    public func describe(_ columns: [TableView.Column]) -> String {
        guard let column, columns.indices.contains(column) else { return "in the list's own order" }
        return "sorted by \(columns[column].title) \(arrow)"
    }

    /// `rows` in this order, compared by the cells `labels` gives for each row (stable: equal rows keep
    /// their order).
    public func sorted<Row>(_ rows: [Row], labels: (Row) -> [Label]) -> [Row] {
        guard let column else { return rows }
        let keys = rows.map { row -> Key in
            let cells = labels(row)
            return Key(column < cells.count ? cells[column].text : "")
        }
        let order = rows.indices.sorted { a, b in
            let (ka, kb) = (keys[a], keys[b])
            if ka.isMissing != kb.isMissing { return kb.isMissing }
            if ka == kb { return a < b }
            return descending ? kb < ka : ka < kb
        }
        return order.map { rows[$0] }
    }

    /// What a cell is compared by.
    struct Key: Comparable {
        var number: Double?
        var text: String
        var isMissing: Bool

        init(_ raw: String) {
            text = raw.trimmingCharacters(in: " ")
            isMissing = text.isEmpty || text == "—" || text == "-"
            number = Self.number(text)
            text = text.lowercased()
        }

        static func < (a: Key, b: Key) -> Bool {
            switch (a.number, b.number) {
            case let (x?, y?): return x != y ? x < y : a.text < b.text
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.text < b.text
            }
        }

        /// The value of `1,234`, `-$3.00`, `€12.50`, `1,500 JPY`, `97.25%`, `0.83`, `5h12m`, `42s`, `203.0.113.7`.
        static func number(_ text: String) -> Double? {
            if let seconds = duration(text) { return seconds }
            if let address = ipv4(text) { return address }
            var chars = Substring(text)
            var sign = 1.0
            if chars.first == "-" || chars.first == "−" { sign = -1; chars = chars.dropFirst() }
            chars = chars.drop { !$0.isNumber && !$0.isWhitespace && $0 != "." }   // a currency symbol
            guard chars.first?.isNumber == true, text.count - chars.count <= 4 else { return nil }
            var digits = "", seenDot = false
            while let c = chars.first, c.isASCII, c.isNumber || c == "," || (c == "." && !seenDot) {
                if c == "." { seenDot = true }
                if c != "," { digits.append(c) }
                chars = chars.dropFirst()
            }
            let rest = chars.drop { $0 == " " }
            // What may follow: nothing, a percent sign, or a currency code.
            guard rest.isEmpty || rest == "%" || (rest.count == 3 && rest.allSatisfy { $0.isUppercase }) else { return nil }
            return Double(digits).map { $0 * sign }
        }

        /// `2d4h`, `5h12m`, `3m`, `42s` in seconds.
        static func duration(_ text: String) -> Double? {
            var total = 0.0, value = "", sawUnit = false
            for c in text.hasSuffix(" ago") ? String(text.dropLast(4)) : text {
                if c.isASCII, c.isNumber { value.append(c); continue }
                guard let amount = Double(value) else { return nil }
                switch c {
                case "d": total += amount * 86_400
                case "h": total += amount * 3600
                case "m": total += amount * 60
                case "s": total += amount
                default: return nil
                }
                value = ""
                sawUnit = true
            }
            return sawUnit && value.isEmpty ? total : nil
        }

        /// A dotted-quad address as one number, so that `10.0.0.2` sorts before `10.0.0.100`.
        static func ipv4(_ text: String) -> Double? {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 4 else { return nil }
            var value = 0.0
            for part in parts {
                guard let byte = Int(part), (0...255).contains(byte) else { return nil }
                value = value * 256 + Double(byte)
            }
            return value
        }
    }
}
