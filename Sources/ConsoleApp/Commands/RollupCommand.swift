import ArgumentParser
import PaymentData
#if canImport(Glibc)
import Glibc
#endif

/// `payops rollup [--follow] [--rebuild]`: maintains payops' per-minute rollups (README, "### Rollups") with no
/// console open. Each step is one bounded transaction; two maintainers at once are safe (the one without the lock
/// waits for the next round). Prints progress: rows read, minutes behind, raw payments still to roll up.
struct RollupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollup",
        abstract: "Bring payops' rollups up to date (once, or --follow to keep them warm).",
        discussion: """
            Without --follow, runs bounded steps until the rollups have caught up, then exits. With --follow, \
            keeps stepping every --interval seconds until interrupted. --rebuild first forgets every bucket (it \
            catches what a step cannot see: rows written with an old time, changes that left updated_at as it \
            was, deletes) and then rebuilds them from the first payment on.
            """)

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Keep the rollups warm: a step every --interval seconds until interrupted.")
    var follow = false

    @Flag(help: "Forget every bucket first, then rebuild them all.")
    var rebuild = false

    @Option(help: "Raw rows one step reads at most (per source and kind of work).")
    var maxRows: Int = 50_000

    @Option(help: "Seconds between steps with --follow.")
    var interval: Int = 10

    func validate() throws {
        guard maxRows >= 1 else { throw ValidationError("--max-rows must be at least 1") }
        guard interval >= 1 else { throw ValidationError("--interval must be at least 1 second") }
    }

    func run() throws {
        let runner = ActionRunner(json: false)
        try runner.run {
            let db = try runner.connect(connection)
            try? db.setSession("jit", "off")    // the step's statements read little; compiling them costs more (as in the console)
            if rebuild {
                try db.run(RollupQueries.rebuild())
                print("rollups forgotten; rebuilding")
            }
            var caughtUp = false
            while true {
                let progress = try db.run(RollupQueries.step(maxRows: maxRows))
                if progress.isEmpty {
                    print("rollups are off here: forced row-level security gives each session its own rows; "
                          + "the panes read the raw rows")
                    return
                }
                let lag = try db.run(RollupQueries.lag())
                let behind = lag.minutesBehind ?? 0
                let busy = progress.contains { $0.busy }
                let rows = progress.reduce(0) { $0 + $1.rows }
                if busy {
                    print("another maintainer is stepping; \(behind) min behind")
                } else if behind > 1 || !caughtUp {
                    let remaining = behind > 1 ? try db.run(RollupQueries.paymentsBehind()) : 0
                    print("step: \(rows) rows read; \(behind) min behind, \(remaining) payments to roll up")
                }
                caughtUp = behind <= 1 && !busy && lag.inUse
                if !follow, caughtUp || (busy && behind <= 1) {
                    print("rollups up to date (payments closed until \(Self.text(progress, "payments")))")
                    return
                }
                if follow || busy { sleep(UInt32(follow && caughtUp ? interval : 1)) }
            }
        }
    }

    /// A source's closed_until, or "never".
    static func text(_ progress: [RollupProgress], _ source: String) -> String {
        progress.first { $0.source == source }?.closedUntil.map { "\($0)" } ?? "never"
    }
}
