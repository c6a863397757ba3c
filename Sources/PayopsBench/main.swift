import PaymentData
import Screens
#if canImport(Glibc)
import Glibc
#endif

// `make bench`: a throwaway PostgreSQL with N payments (BENCH_TRANSACTIONS, default 1,000,000), every
// pane query through payops' data layer against psql on the identical SQL, and frame render time.
// Prints one table and writes bench/RESULTS.md.

let transactions = Int(getenv("BENCH_TRANSACTIONS").map { String(cString: $0) } ?? "") ?? 1_000_000
let repetitions = Int(getenv("BENCH_REPETITIONS").map { String(cString: $0) } ?? "") ?? 15
let output = getenv("BENCH_OUTPUT").map { String(cString: $0) } ?? "bench/RESULTS.md"

/// Prints a line and flushes at once (stdout is block-buffered into a pipe or a log).
func say(_ line: String) {
    print(line)
    fflush(nil)
}

say("payops bench: \(transactions) payments, \(repetitions) runs each")
let server = try ThrowawayServer(settings: ["shared_buffers": "1GB", "work_mem": "32MB"])
defer { server.stop() }
let admin = try PGConnection(server.conninfo())
try admin.execute("CREATE DATABASE bench")
admin.close()
let conninfo = server.conninfo(database: "bench")
let db = try PGConnection(conninfo)
try MigrationRunner().migrate(db)
let seed = try DemoData.seed(db, transactions: transactions, seed: 1)
say("seeded in \(seed.totalMilliseconds) ms")
try db.execute("VACUUM ANALYZE")

var rows: [BenchRow] = []
let psql = PsqlRunner(conninfo: conninfo)
for (name, statements, snapshot) in try BenchQueries.all(db) {
    let query = Query<Int>(name: name, statements: statements, snapshot: snapshot) { $0.reduce(0) { $0 + $1.count } }
    _ = try db.run(query)                                   // warm the cache for both clients
    var ours: [Double] = []
    for _ in 0..<repetitions {
        let start = monotonicMicroseconds()
        _ = try db.run(query)
        ours.append(Double(monotonicMicroseconds() - start) / 1000)
    }
    let theirs = psql.time(statements, snapshot: snapshot, repetitions: repetitions)
    let row = BenchRow(name: name, ours: Stats(ours), psql: Stats(theirs))
    rows.append(row)
    say(row.line)
}

let frame = FrameBench.render(width: 200, height: 60, repetitions: 200, connection: db)
say("frame render 200×60: median \(frame.median.formatted) ms (min \(frame.min.formatted), max \(frame.max.formatted))")
let report = BenchReport(transactions: transactions, repetitions: repetitions, seedMilliseconds: seed.totalMilliseconds,
                         rows: rows, frame: frame)
writeFile(output, report.markdown)
say("wrote \(output)")
