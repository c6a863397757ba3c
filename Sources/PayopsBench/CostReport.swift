/// The issue-12 parts of bench/RESULTS.md: the targets table at the top (1 M and 10 M side by side) and, in each
/// N's section, "Console cost on the database".
enum CostReport {
    /// The two aggregates the issue names; every other query is "every other pane's data".
    static let aggregates = ["overview", "suspicious IPs 24 h"]

    static func summary(_ runs: [BenchRun]) -> String {
        let columns = [1_000_000, 10_000_000].map { n in runs.first { $0.transactions == n } }
        var text = """
            ## Targets (issue 12)

            Database time is the execution time pg_stat_statements counts for the console's own login over a fixed
            window (60 s for the idle panes and the standby, 180 s for a write a second and 20 consoles unless a run
            says otherwise), per minute; % of a core is that over 60,000 ms. Data in: payops' median (max) over the runs of the
            query table below. Each column is the latest run of that N (its date is in its section below; the 10 M
            query figures may come from an older build than the 1 M ones).

            | what | 1 M | 10 M | target (10 M) |
            |---|---|---|---|

            """
        func row(_ what: String, _ target: String, _ cell: (BenchRun) -> String?) {
            text += "| \(what) | " + columns.map { run in run.flatMap(cell) ?? "not run" }.joined(separator: " | ") + " | \(target) |\n"
        }
        func query(_ run: BenchRun, _ name: String) -> String? {
            run.rows.first { $0.name == name }.map { "\($0.ours.median.formatted) ms (max \($0.ours.max.formatted))" }
        }
        row("Overview 24 h: data in", "≤ 100 ms median, ≤ 250 ms p95") { query($0, "overview") }
        row("Suspicious IPs 24 h: data in", "≤ 100 ms median, ≤ 250 ms p95") { query($0, "suspicious IPs 24 h") }
        row("every other pane's data (the slowest)", "≤ 20 ms, flat 1 M → 10 M (≤ 1.2×)") { run in
            run.rows.filter { !aggregates.contains($0.name) }.max { $0.ours.median < $1.ours.median }
                .map { "\($0.name) \($0.ours.median.formatted) ms" }
        }
        if let million = columns[0], let ten = columns[1] {
            let factors = million.rows.filter { !aggregates.contains($0.name) }.compactMap { row in
                ten.rows.first { $0.name == row.name && row.ours.median > 0 }.map { (row.name, $0.ours.median / row.ours.median) }
            }
            if let worst = factors.max(by: { $0.1 < $1.1 }) {
                text += "| every other pane's data, 1 M → 10 M (the worst) | | \(worst.0) \(worst.1.formatted)× | ≤ 1.2× |\n"
            }
        }
        row("database time per minute, one idle console, each pane", "≤ 0.6 s (1 % of a core)") { run in
            run.cost.idle.isEmpty ? nil : run.cost.idle.map {
                "\($0.name) \(seconds($0.perMinute)) s\($0.perMinute <= 600 ? "" : " ✗")"
            }.joined(separator: ", ")
        }
        row("the same, Overview with one write per second", "(≤ 0.6 s)") { run in
            run.cost.withWrites.map { "\(seconds($0.perMinute)) s/min\($0.perMinute <= 600 ? "" : " ✗")" }
        }
        row("20 consoles open on the Overview at once", "≤ 25 % of one core") { run in
            run.cost.many.map { "\($0.name): \(seconds($0.perMinute)) s/min = \($0.percentOfCore.formatted) % of a core"
                + ($0.percentOfCore <= 25 ? "" : " ✗") }
        }
        row("rollup catch-up after 24 h without a maintainer", "reported (time and rows)") { $0.cost.catchUpDay?.line }
        row("rollup catch-up from nothing", "(reported)") { $0.cost.catchUpNothing?.line }
        row("standby: primary's database time while a console browses every pane", "only actions and the change probe") { run in
            run.cost.standbyPrimary.map { primary in
                "\(primary.milliseconds.formatted) ms, \(primary.calls) statements in \(Int(primary.seconds)) s"
                    + (run.cost.standbyStandby.map { "; standby \($0.milliseconds.formatted) ms, \($0.calls) statements" } ?? "")
            }
        }
        return text
    }

    /// "Console cost on the database (issue 12)" for one N; empty when nothing was measured.
    static func section(_ cost: CostResults) -> String {
        if cost.isEmpty { return "" }
        var text = "\n### Console cost on the database (issue 12)\n\n"
        if !cost.date.isEmpty { text += "- measured: \(cost.date)\n" }
        if let first = cost.idle.first ?? cost.many {
            text += "- the release `payops` in tmux (200×60) as its own login `bench_console` (payops_support), default 2 s live "
                + "refresh; pg_stat_statements (track = top: a rollup step counts once, with what it runs) reset once the pane "
                + "shows its data, read after \(Int(first.seconds)) s\n"
        }
        text += "\n| console | database ms/min | statements/min | % of a core | rollup_step ms (share) | costliest statements |\n"
            + "|---|---:|---:|---:|---:|---|\n"
        var all = cost.idle
        if let c = cost.withWrites { all.append(c) }
        if let c = cost.many { all.append(c) }
        if let c = cost.standbyPrimary { all.append(c) }
        if let c = cost.standbyStandby { all.append(c) }
        for c in all {
            text += "| \(c.name) | \(c.perMinute.formatted) | \(Int(c.callsPerMinute.rounded())) | \(c.percentOfCore.formatted) "
                + "| \(c.rollupMilliseconds.formatted) (\(c.rollupShare.formatted) %) | "
                + c.top.map { "`\($0.replacingAll("|", with: "\\|").replacingAll("`", with: "'"))`" }.joined(separator: "<br>") + " |\n"
        }
        if !cost.standbyPrimaryStatements.isEmpty {
            text += "\nWhat the primary ran for the console reading from the standby (`--read-dsn`), by time:\n\n"
                + cost.standbyPrimaryStatements.map { "- `\($0.replacingAll("`", with: "'"))`\n" }.joined()
        } else if cost.standbyPrimary != nil {
            text += "\nThe primary ran nothing for the console reading from the standby (`--read-dsn`).\n"
        }
        text += "\n"
        if let c = cost.catchUpDay { text += "- rollup catch-up after 24 h without a maintainer: \(c.line)\n" }
        if let c = cost.catchUpNothing { text += "- rollup catch-up from nothing: \(c.line)\n" }
        for note in cost.notes { text += "- \(note)\n" }
        return text
    }

    static func seconds(_ milliseconds: Double) -> String { (milliseconds / 1000).formatted }
}
