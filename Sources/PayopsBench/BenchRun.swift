/// What the real console did in tmux (first frame, browsing every pane).
struct ConsoleResults {
    var firstFrame: Stats
    var psqlFirstPage: Stats
    var runs: Int
    var peakRSSKilobytes: Int
    var fullFlush: Stats
    var fullCells: Stats
    var fullCount: Int
    var incrementalFlush: Stats
    var incrementalCells: Stats
    var incrementalCount: Int
}

/// Everything one bench run for one N measured; kept as bench/runs/N.tsv so RESULTS.md can show every N side by side.
struct BenchRun {
    var transactions: Int
    var repetitions: Int
    var seedMilliseconds: Int
    var rows: [BenchRow]
    var frame: Stats
    var console: ConsoleResults?
    /// The console's cost on the database (issue 12); empty when not measured.
    var cost = CostResults()
    var machine = ""
    var date = ""
    var load = ""

    /// One tab-separated line per fact.
    var tsv: String {
        func s(_ stats: Stats) -> String { "\(stats.median)\t\(stats.min)\t\(stats.max)" }
        var lines = ["machine\t\(machine)", "date\t\(date)", "load\t\(load)", "transactions\t\(transactions)",
                     "repetitions\t\(repetitions)", "seed_ms\t\(seedMilliseconds)", "render\t\(s(frame))"]
        for row in rows { lines.append("query\t\(row.name)\t\(s(row.ours))\t\(s(row.psql))\t\(row.scaleBound ? 1 : 0)\t\(row.runs)") }
        if let c = console {
            lines.append("first\t\(s(c.firstFrame))\t\(s(c.psqlFirstPage))\t\(c.runs)")
            lines.append("rss\t\(c.peakRSSKilobytes)")
            lines.append("flush_full\t\(s(c.fullFlush))\t\(c.fullCount)\t\(s(c.fullCells))")
            lines.append("flush_incremental\t\(s(c.incrementalFlush))\t\(c.incrementalCount)\t\(s(c.incrementalCells))")
        }
        lines += cost.tsvLines
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a run back from its TSV; nil when it is not one.
    init?(tsv text: String) {
        var run = BenchRun(transactions: 0, repetitions: 0, seedMilliseconds: 0, rows: [], frame: Stats([]))
        var console = ConsoleResults(firstFrame: Stats([]), psqlFirstPage: Stats([]), runs: 0, peakRSSKilobytes: 0,
                                     fullFlush: Stats([]), fullCells: Stats([]), fullCount: 0, incrementalFlush: Stats([]),
                                     incrementalCells: Stats([]), incrementalCount: 0)
        var hasConsole = false
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func stats(_ at: Int) -> Stats {
                Stats(median: Double(f[at]) ?? 0, min: Double(f[at + 1]) ?? 0, max: Double(f[at + 2]) ?? 0)
            }
            switch f[0] {
            case "machine": run.machine = f[1]
            case "date": run.date = f[1]
            case "load": run.load = f[1]
            case "transactions": run.transactions = Int(f[1]) ?? 0
            case "repetitions": run.repetitions = Int(f[1]) ?? 0
            case "seed_ms": run.seedMilliseconds = Int(f[1]) ?? 0
            case "render" where f.count >= 4: run.frame = stats(1)
            case "query" where f.count >= 9:
                run.rows.append(BenchRow(name: f[1], ours: stats(2), psql: stats(5), scaleBound: f[8] == "1",
                                         runs: f.count > 9 ? Int(f[9]) ?? 0 : 0))
            case "first" where f.count >= 8:
                hasConsole = true
                console.firstFrame = stats(1); console.psqlFirstPage = stats(4); console.runs = Int(f[7]) ?? 0
            case "rss": console.peakRSSKilobytes = Int(f[1]) ?? 0
            case "flush_full" where f.count >= 8:
                console.fullFlush = stats(1); console.fullCount = Int(f[4]) ?? 0; console.fullCells = stats(5)
            case "flush_incremental" where f.count >= 8:
                console.incrementalFlush = stats(1); console.incrementalCount = Int(f[4]) ?? 0; console.incrementalCells = stats(5)
            default: _ = run.cost.read(f)
            }
        }
        guard run.transactions > 0 else { return nil }
        run.console = hasConsole ? console : nil
        self = run
    }

    init(transactions: Int, repetitions: Int, seedMilliseconds: Int, rows: [BenchRow], frame: Stats, console: ConsoleResults? = nil) {
        self.transactions = transactions
        self.repetitions = repetitions
        self.seedMilliseconds = seedMilliseconds
        self.rows = rows
        self.frame = frame
        self.console = console
    }
}
