import PaymentData
import Screens
#if canImport(Glibc)
import Glibc
#endif

// `make bench`: a throwaway PostgreSQL with N payments (BENCH_TRANSACTIONS, default 1,000,000), every
// pane query through payops' data layer against psql on the identical SQL, the real console in tmux (first
// frame, peak RSS, curses flush) and frame render time. Writes bench/runs/N.tsv and rebuilds bench/RESULTS.md.

let transactions = Int(getenv("BENCH_TRANSACTIONS").map { String(cString: $0) } ?? "") ?? 1_000_000
let repetitions = Int(getenv("BENCH_REPETITIONS").map { String(cString: $0) } ?? "") ?? 15
let output = getenv("BENCH_OUTPUT").map { String(cString: $0) } ?? "bench/RESULTS.md"

/// Prints a line and flushes at once (stdout is block-buffered into a pipe or a log).
func say(_ line: String) {
    print(line)
    fflush(nil)
}

if getenv("BENCH_REPORT_ONLY") != nil {
    BenchReport.rebuild(output: output)
    say("rebuilt \(output) from the saved runs")
    exit(0)
}
if let dsn = getenv("BENCH_EXPLAIN_DSN").map({ String(cString: $0) }) {  // rollup figures on an existing database
    let explained = try PGConnection(dsn)
    try PlannerSettings.apply(explained)            // as the console's sessions
    for line in try RollupBench.report(explained) { say(line) }
    exit(0)
}
say("payops bench: \(transactions) payments, \(repetitions) runs each")
// Text safety, no database needed (printed only: the debug suite checks characters read, not time).
let truncation = TextBench.truncate(repetitions: 20)
say("100 truncations of a 100,000-character user agent to 40 columns: median \(truncation.median.formatted) ms "
    + "(min \(truncation.min.formatted), max \(truncation.max.formatted))")
let sanitising = TextBench.sanitize(repetitions: 20)
say("sanitising a 100 KB hostile string: median \(sanitising.median.formatted) ms "
    + "(min \(sanitising.min.formatted), max \(sanitising.max.formatted))")
let keptDirectory = getenv("BENCH_DATA_DIR").map { String(cString: $0) }
let server = try BenchServer(transactions: transactions, keptDirectory: keptDirectory, say: say)
defer { server.stop() }
let conninfo = server.conninfo
let db = try PGConnection(conninfo)
try PlannerSettings.apply(db)                    // as the console's sessions
let seed = server.seedMilliseconds
say(server.seededNow ? "seeded in \(seed) ms" : "reused a cluster seeded in \(seed) ms")
if server.seededNow { try db.execute("VACUUM ANALYZE") }
if getenv("BENCH_SEED_ONLY") != nil {
    say("BENCH_SEED_ONLY: the cluster in \(keptDirectory ?? "?") is seeded; stopping")
    server.stop()
    exit(0)
}

var rows: [BenchRow] = []
let psql = PsqlRunner(conninfo: conninfo)
let queries = try BenchQueries.all(db)
if let only = getenv("BENCH_PROFILE").map({ String(cString: $0) }) {  // client time: libpq alone, then with decoding
    for query in queries where query.name.contains(only) {
        var raw: [Double] = [], literal: [Double] = [], full: [Double] = []
        let literals = query.statements.map { psql.literalSQL($0) }
        for _ in 0..<(getenv("BENCH_PROFILE_RUNS").flatMap { Int(String(cString: $0)) } ?? 2000) {
            var start = monotonicMicroseconds()
            for statement in query.statements { _ = try db.query(statement.sql, statement.parameters) }
            raw.append(Double(monotonicMicroseconds() - start) / 1000)
            start = monotonicMicroseconds()
            for sql in literals { _ = try db.query(sql) }
            literal.append(Double(monotonicMicroseconds() - start) / 1000)
            start = monotonicMicroseconds()
            try query.run(db)
            full.append(Double(monotonicMicroseconds() - start) / 1000)
        }
        say(query.name.padded(28) + " libpq \(Stats(raw).median.formatted)  literal SQL \(Stats(literal).median.formatted)"
            + "  run \(Stats(full).median.formatted)  psql \(Stats(psql.time(query.statements, snapshot: false, repetitions: 50)).median.formatted)")
    }
    exit(0)
}
if let folder = getenv("BENCH_PRINT_SQL").map({ String(cString: $0) }) {    // the SQL psql gets, one file per query
    for query in queries {
        writeFile("\(folder)/\(query.name.replacingAll(" ", with: "_")).sql", query.statements.map { psql.literalSQL($0) + ";\n" }.joined())
    }
    say("wrote the SQL to \(folder)")
    exit(0)
}
// Timings are at the mercy of a busy 2-core machine: runs come in 3 rounds that alternate payops and psql, so a
// burst of load elsewhere hits both sides rather than one. Sub-10 ms queries get 5× the runs; queries over a
// second one round of a third.
// Each query gets a fresh connection, as each psql round is a fresh session: a backend that has just run the
// suspicious-IP aggregates runs the Overview ~45 % slower for a while, in psql's own session too.
// BENCH_ONLY=cost: only the console's cost on the database (issue 12); the query timings, frame and console
// figures of this N's earlier run are kept as they are in bench/runs/N.tsv.
let costOnly = getenv("BENCH_ONLY").map { String(cString: $0) } == "cost"
var frame = Stats([])
var console: ConsoleResults?
var fromNothing: CatchUp?
let payopsPath = getenv("BENCH_PAYOPS").map { String(cString: $0) } ?? ".build/release/payops"
let payops = Subprocess.run(["realpath", payopsPath]).output.trimmedLine
let canRunConsole = access(payops, X_OK) == 0 && Subprocess.run(["sh", "-c", "command -v tmux"]).succeeded
if !costOnly {
    // Rollups (issue 12): built (the catch-up timed), compared with the raw statements, and kept fresh for the panes.
    // From nothing on a reused cluster too: its rollups were built (and kept up) by the run that seeded it.
    if !server.seededNow { try db.execute("SELECT payops.rollup_rebuild()") }
    let built = try RollupBench.catchUp(db)
    fromNothing = CatchUp(milliseconds: built.milliseconds, steps: built.steps, rows: built.rows)
    // A live server's autovacuum visits freshly filled tables within a minute or so (inserts alone start it since
    // PostgreSQL 13), setting their visibility maps; right after a catch-up the panes' index-only scans of the
    // buckets would still fetch every heap page. The bench measures the steady state, so it vacuums them itself.
    try db.execute("VACUUM (ANALYZE) payops.rollup_payments, payops.rollup_ip_attempts, payops.rollup_ip_hours, "
                   + "payops.rollup_refunds, payops.rollup_open_refunds, payops.rollup_refund_alarms")
    for line in try RollupBench.report(db, built: built) { say(line) }
    for query in queries {
        let db = try PGConnection(conninfo)
        try PlannerSettings.apply(db)            // as the console's sessions; psql gets the same (PsqlRunner)
        defer { db.close() }
        _ = try db.run(RollupQueries.step())                      // fresh rollups: a step within the margin
        var start = monotonicMicroseconds()
        try query.run(db)                                         // warm the cache for both clients
        let warm = monotonicMicroseconds() - start
        if warm < 10_000 { for _ in 0..<20 { try query.run(db) } }   // and this process and connection, for sub-ms runs
        let (rounds, perRound) = warm < 10_000 ? (3, repetitions * 5) : warm > 1_000_000 ? (1, max(5, repetitions / 3))
            : (3, max(5, repetitions / 3))
        var ours: [Double] = [], theirs: [Double] = []
        for _ in 0..<rounds {
            for _ in 0..<perRound {
                start = monotonicMicroseconds()
                try query.run(db)
                ours.append(Double(monotonicMicroseconds() - start) / 1000)
            }
            theirs += psql.time(query.statements, snapshot: query.snapshot, repetitions: perRound)
        }
        let row = BenchRow(name: query.name, ours: Stats(ours), psql: Stats(theirs), scaleBound: query.scaleBound, runs: ours.count)
        rows.append(row)
        say(row.line)
    }

    frame = FrameBench.render(width: 200, height: 60, repetitions: 200, connection: db)
    say("frame render 200×60: median \(frame.median.formatted) ms (min \(frame.min.formatted), max \(frame.max.formatted))")

    // The real binary in tmux: first frame against psql, peak RSS while browsing every pane, curses flush times.
    if canRunConsole {
        let bench = ConsoleBench(payops: payops, conninfo: conninfo)
        let overview = OverviewQueries.overview().statements     // exactly what the console sends: its window ends now
        let firstRuns = Int(getenv("BENCH_FIRST_FRAME_RUNS").map { String(cString: $0) } ?? "") ?? 7
        let first = try bench.firstFrame(runs: firstRuns, overview: overview)
        say("first frame: payops \(Stats(first.ours).median.formatted) ms, psql \(Stats(first.psql).median.formatted) ms")
        let browse = try bench.browse()
        say("browse every pane: peak RSS \(browse.peakRSSKilobytes) kB; \(browse.full.count) full flushes, "
            + "\(browse.incremental.count) incremental")
        console = ConsoleResults(firstFrame: Stats(first.ours), psqlFirstPage: Stats(first.psql), runs: firstRuns,
                                 peakRSSKilobytes: browse.peakRSSKilobytes, fullFlush: Stats(browse.full),
                                 fullCells: Stats(browse.fullCells), fullCount: browse.full.count,
                                 incrementalFlush: Stats(browse.incremental), incrementalCells: Stats(browse.incrementalCells),
                                 incrementalCount: browse.incremental.count)
    } else {
        say("skipping the console measurements: no \(payops) (swift build -c release --product payops) or no tmux")
    }
}

// The console's cost on the database (issue 12): BENCH_IDLE_SECONDS windows (60) for one idle console per pane
// and the standby, BENCH_STEADY_SECONDS (180) for a write a second and BENCH_CONSOLES at once (20),
// BENCH_STANDBY=1/0 (on by default up to 1 M payments), BENCH_COST=0 skips it.
var cost = CostResults()
if getenv("BENCH_COST").map({ String(cString: $0) }) == "0" {
    cost.notes.append("not measured (BENCH_COST=0)")
} else if !canRunConsole {
    say("skipping the console's cost: no \(payops) (swift build -c release --product payops) or no tmux")
    cost.notes.append("not measured: no release payops binary or no tmux")
} else {
    let seconds = Double(getenv("BENCH_IDLE_SECONDS").map { String(cString: $0) } ?? "") ?? 60
    let steady = Double(getenv("BENCH_STEADY_SECONDS").map { String(cString: $0) } ?? "") ?? 180
    let consoles = Int(getenv("BENCH_CONSOLES").map { String(cString: $0) } ?? "") ?? 20
    let standby = getenv("BENCH_STANDBY").map { String(cString: $0) != "0" } ?? (transactions <= 1_000_000)
    cost = CostBench(payops: payops, server: server, admin: db, seconds: seconds, steadySeconds: steady, say: say).all(consoles: consoles, standby: standby)
}
cost.catchUpNothing = fromNothing
cost.date = Subprocess.run(["date", "-u", "+%Y-%m-%d %H:%M UTC"]).output.trimmedLine + "; load average "
    + Subprocess.run(["cut", "-d", " ", "-f", "1-3", "/proc/loadavg"]).output.trimmedLine

var run = BenchRun(transactions: transactions, repetitions: repetitions, seedMilliseconds: seed,
                   rows: rows, frame: frame, console: console)
if costOnly {   // keep this N's earlier figures, and its catch-up from nothing (not from nothing on a reused cluster)
    let folder = output.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    let saved = (folder.isEmpty ? "" : folder + "/") + "runs/\(transactions).tsv"
    if let earlier = BenchRun(tsv: Subprocess.run(["cat", saved]).output) {
        run = earlier
        cost.catchUpNothing = earlier.cost.catchUpNothing
    }
}
run.cost = cost
BenchReport.record(run, output: output)
say("wrote \(output)")
