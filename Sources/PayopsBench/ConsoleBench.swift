import PaymentData
#if canImport(Glibc)
import Glibc
#endif

/// The real `payops` binary in a 200×60 tmux window: time to its first complete frame against psql printing
/// the same first pane, peak RSS while browsing every pane, and curses flush times (PAYOPS_FRAME_LOG).
struct ConsoleBench {
    let payops: String
    let conninfo: String
    let width = 200, height = 60
    /// Text that is on the screen only once the Overview (the first pane) shows its data: the Queue health
    /// heading comes from the same result as the counts, success rate, revenue and alarms, all drawn in one frame.
    static let overviewDone = "Queue health"
    static let psqlDone = "PSQL-FIRST-PANE-DONE"

    /// The console command line, with an empty config folder so no personal settings apply.
    private func command(extra: String = "") -> String {
        "XDG_CONFIG_HOME=/tmp/payops-bench-noconfig \(extra) \(payops) --dsn '\(conninfo)'"
    }

    /// Milliseconds from starting payops to the complete Overview on screen, and from starting psql to its
    /// last line of the same statements (the Overview query, one snapshot) on screen; `runs` of each, alternating.
    func firstFrame(runs: Int, overview: [Statement]) throws -> (ours: [Double], psql: [Double]) {
        let tmux = try BenchTmux(width: width, height: height)
        defer { tmux.close() }
        let psql = PsqlRunner(conninfo: conninfo)
        let script = "/tmp/payops-bench-first-\(getpid()).sql"
        writeFile(script, "\\pset pager off\nBEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\n"
                  + overview.map { psql.literalSQL($0) + ";\n" }.joined() + "COMMIT;\n\\echo \(Self.psqlDone)\n")
        var ours: [Double] = [], theirs: [Double] = []
        for run in 0...runs {                                  // run 0 warms the page cache and the binaries
            var start = monotonicMicroseconds()
            tmux.run(command())
            let spawned = monotonicMicroseconds()
            var polls = 0
            guard tmux.wait(until: { polls += 1; return $0.contains(Self.overviewDone) }) != nil else {
                throw ServerError("payops showed no complete Overview within 120 s:\n\(tmux.screen())")
            }
            let payopsMilliseconds = Double(monotonicMicroseconds() - start) / 1000
            if getenv("BENCH_DEBUG") != nil { print("respawn \(spawned - start) µs, \(polls) polls, \(payopsMilliseconds) ms") }
            tmux.send("q")
            _ = tmux.wait(seconds: 10) { _ in tmux.paneDead }
            start = monotonicMicroseconds()
            tmux.run("PGOPTIONS='\(PlannerSettings.pgOptions)' psql '\(conninfo)' -X -q -f \(script)")   // as payops' sessions
            guard tmux.wait(until: { $0.contains(Self.psqlDone) }) != nil else {
                throw ServerError("psql did not finish within 120 s:\n\(tmux.screen())")
            }
            let psqlMilliseconds = Double(monotonicMicroseconds() - start) / 1000
            if run > 0 { ours.append(payopsMilliseconds); theirs.append(psqlMilliseconds) }
        }
        return (ours, theirs)
    }

    /// What browsing every pane left behind.
    struct Browse {
        var peakRSSKilobytes: Int
        var full: [Double] = []
        var incremental: [Double] = []
        var fullCells: [Double] = []
        var incrementalCells: [Double] = []
    }

    /// Browses every pane (paging to the end of Transactions and Audit, drilling into a payment, an IP, a queue,
    /// a venue), switches theme back and forth for full redraws, then reads VmHWM before quitting.
    func browse(themeSwitches: Int = 10) throws -> Browse {
        let tmux = try BenchTmux(width: width, height: height)
        defer { tmux.close() }
        let log = "/tmp/payops-bench-frames-\(getpid()).log"
        unlink(log)
        tmux.run(command(extra: "PAYOPS_FRAME_LOG=\(log)"))
        guard tmux.wait(until: { $0.contains(Self.overviewDone) }) != nil else {
            throw ServerError("payops showed no complete Overview within 120 s:\n\(tmux.screen())")
        }
        guard let pid = tmux.panePID else { throw ServerError("no pane pid") }
        func keys(_ sequence: [String]) {
            for key in sequence {
                tmux.send(key)
                tmux.waitIdle()
            }
        }
        keys(["Down", "Enter", "Escape",                                          // Overview: a queue or alarm
              "2", "NPage", "NPage", "NPage", "G", "PPage", "g", "Down", "Enter", "Escape",   // Transactions
              "End", "Enter", "Escape",
              "3", "NPage", "G", "Enter", "Escape",                                // Audit trail
              "4", "Enter", "Escape",                                              // Suspicious IPs → IP drill-down
              "5", "Enter", "Escape", "Down", "Enter", "Escape",                  // Queues → rows
              "6", "Enter", "Escape", "G", "Enter", "Escape"])                     // Venues → payouts
        tmux.send("2"); tmux.waitIdle()
        tmux.send("/"); tmux.send("status:failed", literal: true); tmux.send("Enter"); tmux.waitIdle()
        tmux.send("G"); tmux.waitIdle()
        for index in 0..<themeSwitches {
            tmux.send(":"); tmux.send("theme \(index % 2 == 0 ? "light" : "dark")", literal: true); tmux.send("Enter")
            tmux.waitIdle()
        }
        guard let peak = peakRSSKilobytes(pid) else { throw ServerError("no VmHWM for pid \(pid)") }
        tmux.send("q")
        _ = tmux.wait(seconds: 10) { _ in tmux.paneDead }
        var result = Browse(peakRSSKilobytes: peak)
        // The first full flush is the "loading…" frame at start; the theme switches redraw a whole 200×60 screen.
        for line in Subprocess.run(["cat", log]).output.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            guard fields.count == 3, let micros = Double(fields[0]), let cells = Double(fields[1]) else { continue }
            if fields[2] == "full" { result.full.append(micros / 1000); result.fullCells.append(cells) } else {
                result.incremental.append(micros / 1000); result.incrementalCells.append(cells)
            }
        }
        return result
    }
}
