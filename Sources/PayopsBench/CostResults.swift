/// A rollup catch-up: milliseconds, steps and raw rows read.
struct CatchUp {
    var milliseconds: Double
    var steps: Int
    var rows: Int
    var line: String { "\(milliseconds.formatted) ms, \(steps) steps, \(rows) rows read" }
}

/// What the console costs the database (issue 12), as one run measured it; kept in bench/runs/N.tsv next to the
/// query timings (a run with BENCH_ONLY=cost replaces only these lines).
struct CostResults {
    /// One idle console per pane, then the Overview with a write a second (kind "write").
    var idle: [StatementCost] = []
    var withWrites: StatementCost?
    /// Many consoles on the Overview at once.
    var many: StatementCost?
    var standbyPrimary: StatementCost?
    var standbyStandby: StatementCost?
    /// Every statement the primary ran for a console reading from the standby ("12.34 ms 30× SELECT …").
    var standbyPrimaryStatements: [String] = []
    var catchUpNothing: CatchUp?
    var catchUpDay: CatchUp?
    /// When these figures were measured, and the load average then ("2026-11-30 06:10 UTC; load 1.2 1.4 1.7").
    var date = ""
    /// Why a part is missing ("standby: off above 1 M payments", an error's first line).
    var notes: [String] = []

    var isEmpty: Bool {
        idle.isEmpty && withWrites == nil && many == nil && standbyPrimary == nil && catchUpNothing == nil && catchUpDay == nil
            && notes.isEmpty
    }

    var tsvLines: [String] {
        var lines = idle.map { $0.tsv(kind: "idle") }
        if let withWrites { lines.append(withWrites.tsv(kind: "write")) }
        if let many { lines.append(many.tsv(kind: "many")) }
        if let standbyPrimary { lines.append(standbyPrimary.tsv(kind: "standby_primary")) }
        if let standbyStandby { lines.append(standbyStandby.tsv(kind: "standby_standby")) }
        lines += standbyPrimaryStatements.map { "cost_primary_statement\t\($0)" }
        if let c = catchUpNothing { lines.append("catchup\tnothing\t\(c.milliseconds)\t\(c.steps)\t\(c.rows)") }
        if let c = catchUpDay { lines.append("catchup\tday\t\(c.milliseconds)\t\(c.steps)\t\(c.rows)") }
        if !date.isEmpty { lines.append("cost_date\t\(date)") }
        lines += notes.map { "cost_note\t" + $0.replacingAll("\t", with: " ").replacingAll("\n", with: " ") }
        return lines
    }

    /// Takes one TSV line's fields if they are a cost line; false when they are something else.
    mutating func read(_ f: [String]) -> Bool {
        switch f[0] {
        case "cost" where f.count >= 8:
            guard let cost = StatementCost(fields: f) else { return false }
            switch f[1] {
            case "idle": idle.append(cost)
            case "write": withWrites = cost
            case "many": many = cost
            case "standby_primary": standbyPrimary = cost
            case "standby_standby": standbyStandby = cost
            default: return false
            }
        case "cost_primary_statement" where f.count >= 2: standbyPrimaryStatements.append(f[1])
        case "catchup" where f.count >= 5:
            let c = CatchUp(milliseconds: Double(f[2]) ?? 0, steps: Int(f[3]) ?? 0, rows: Int(f[4]) ?? 0)
            if f[1] == "day" { catchUpDay = c } else { catchUpNothing = c }
        case "cost_note" where f.count >= 2: notes.append(f[1])
        case "cost_date" where f.count >= 2: date = f[1]
        default: return false
        }
        return true
    }
}
