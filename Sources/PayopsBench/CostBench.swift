import PaymentData
#if canImport(Glibc)
import Glibc
#endif

/// The console's cost on the database (issue 12), from pg_stat_statements over a fixed window while the real
/// release `payops` runs in tmux as its own login (`bench_console`), at its default 2 s live refresh: one idle
/// console on each pane, the Overview with a write a second, 20 consoles on the Overview, and a console that
/// reads from a streaming standby while it browses every pane. Figures only, never assertions.
struct CostBench {
    let payops: String
    let server: BenchServer
    /// The superuser's connection to the bench database (pg_stat_statements, the writes).
    let admin: PGConnection
    let seconds: Double
    /// The window of the cases that need a steady state (a write a second, many consoles): at 10 M payments a
    /// 600 ms Overview refreshes once a minute (100× its cost), so a 60 s window showed only the back-off.
    let steadySeconds: Double
    let say: (String) -> Void
    let user = BenchServer.consoleUser
    static let panes = [("1", "Overview"), ("2", "Transactions"), ("3", "Audit trail"), ("4", "Suspicious IPs"),
                        ("5", "Queues"), ("6", "Venues")]

    /// The console command line as `bench_console`, with an empty config folder so no personal settings apply.
    private func command(_ extra: String = "") -> String {
        "XDG_CONFIG_HOME=/tmp/payops-bench-noconfig \(payops) --dsn '\(server.conninfo(user: user))' \(extra)"
    }

    /// Starts a console in a fresh tmux server and waits for the complete Overview.
    private func start(_ extra: String = "", width: Int = 200, height: Int = 60) throws -> BenchTmux {
        let tmux = try BenchTmux(width: width, height: height)
        tmux.run(command(extra))
        guard tmux.wait(until: { $0.contains(ConsoleBench.overviewDone) }) != nil else {
            let screen = tmux.screen()
            tmux.close()
            throw ServerError("payops (as \(user)) showed no complete Overview within 120 s:\n\(screen)")
        }
        tmux.waitIdle()
        return tmux
    }

    /// Sleeps `length` seconds (default `seconds`), calling `tick` once a second if given.
    private func window(_ length: Double? = nil, _ tick: () throws -> Void = {}) throws {
        let end = monotonicMicroseconds() + Int((length ?? seconds) * 1_000_000)
        while monotonicMicroseconds() < end {
            try tick()
            let left = end - monotonicMicroseconds()
            if left > 0 { usleep(useconds_t(min(left, 1_000_000))) }
        }
    }

    /// One idle console per pane: switched to the pane, its data on screen, then the window.
    func idlePanes() throws -> [StatementCost] {
        var costs: [StatementCost] = []
        for (key, name) in Self.panes {
            let tmux = try start()
            defer { tmux.close() }
            tmux.send(key)
            tmux.waitIdle()
            try StatementStats.reset(admin)
            try window()
            let cost = try StatementStats.read(admin, user: user, name: name, seconds: seconds)
            say(cost.line)
            for line in cost.top { say("    " + line) }
            costs.append(cost)
        }
        return costs
    }

    /// The Overview while a second connection (the superuser) inserts one new payment a second (with its
    /// payment.created event), as the platform's write path would: the rollups and the change probe see new rows.
    func overviewWithWrites() throws -> StatementCost {
        let tmux = try start()
        defer { tmux.close() }
        let writer = try PGConnection(server.conninfo(user: "postgres"))
        defer { writer.close() }
        try StatementStats.reset(admin)
        var writes = 0
        try window(steadySeconds) {
            try writer.execute(Self.trickleSQL)
            writes += 1
        }
        let cost = try StatementStats.read(admin, user: user, name: "Overview, one write per second", seconds: steadySeconds)
        say(cost.line + "  (\(writes) payments written)")
        for line in cost.top { say("    " + line) }
        return cost
    }

    /// One new completed payment, a copy of the newest one's venue, user and amounts, with its created event; one
    /// transaction. Marked `pi_bench_…` so the rows can be told apart later.
    static let trickleSQL = """
        WITH src AS (SELECT tenant_id, venue_id, user_id, event_id, amount, currency, platform_fee, venue_payout,
                            device_fingerprint, payment_method_fingerprint
                     FROM payment_transactions ORDER BY created_at DESC LIMIT 1),
        ins AS (INSERT INTO payment_transactions (tenant_id, venue_id, user_id, event_id, amount, currency, status,
                    platform_fee, venue_payout, stripe_payment_intent_id, device_fingerprint, payment_method_fingerprint,
                    idempotency_key)
                SELECT tenant_id, venue_id, user_id, event_id, amount, currency, 'completed', platform_fee, venue_payout,
                       'pi_bench_' || replace(gen_random_uuid()::text, '-', ''), device_fingerprint,
                       payment_method_fingerprint, gen_random_uuid()
                FROM src RETURNING id)
        INSERT INTO payment_events (payment_id, event_type, ip_address, user_agent)
        SELECT id, 'payment.created', '10.40.12.11', 'payops-bench' FROM ins
        """

    /// `count` consoles on the Overview at once, each in its own tmux server; the total over the window.
    func manyOnOverview(count: Int) throws -> StatementCost {
        var consoles: [BenchTmux] = []
        defer { for tmux in consoles { tmux.close() } }
        for _ in 0..<count {
            let tmux = try BenchTmux(width: 200, height: 60)
            consoles.append(tmux)
            tmux.run(command())
        }
        for tmux in consoles {
            guard tmux.wait(seconds: 300, until: { $0.contains(ConsoleBench.overviewDone) }) != nil else {
                throw ServerError("one of \(count) consoles showed no complete Overview within 300 s:\n\(tmux.screen())")
            }
        }
        for tmux in consoles { tmux.waitIdle() }
        try StatementStats.reset(admin)
        try window(steadySeconds)
        let cost = try StatementStats.read(admin, user: user, name: "\(count) consoles, Overview", seconds: steadySeconds)
        say(cost.line)
        for line in cost.top { say("    " + line) }
        return cost
    }

    /// What a console reading from a streaming standby costs each server while it browses every pane (keys 1..6
    /// in turn, one every 5 s) for the window: the primary's and the standby's figures, and every statement the
    /// primary ran for the console. The standby is stopped and removed at the end, also on failure.
    func standbyBrowse() throws -> (primary: StatementCost, standby: StatementCost, primaryStatements: [String]) {
        let standby = try BenchStandby(primarySocket: server.socketDirectory, primaryPort: server.port, say: say)
        defer { standby.stop() }
        let replica = try PGConnection(standby.conninfo())
        defer { replica.close() }
        let tmux = try start("--read-dsn '\(standby.conninfo(user: user))'")
        defer { tmux.close() }
        try StatementStats.reset(admin)
        try StatementStats.reset(replica)
        var next = 1, lastKey = 0
        try window {
            let now = monotonicMicroseconds()
            if now - lastKey >= 5_000_000 {
                tmux.send(Self.panes[next % Self.panes.count].0)
                next += 1
                lastKey = now
            }
        }
        let primary = try StatementStats.read(admin, user: user, name: "standby browse: primary", seconds: seconds)
        let statements = try StatementStats.statements(admin, user: user, limit: 50)
        let read = try StatementStats.read(replica, user: user, name: "standby browse: standby", seconds: seconds)
        say(primary.line)
        for line in statements { say("    primary ran: " + line) }
        say(read.line)
        for line in read.top { say("    " + line) }
        return (primary, read, statements)
    }
}

extension CostBench {
    /// Every part in turn (each failure becomes a note and the next part still runs): rollups brought current
    /// first (so no console pays a catch-up in its window), the idle panes, the Overview with writes, `consoles`
    /// consoles, the standby (when `standby`), and last the catch-up after 24 h without a maintainer.
    func all(consoles: Int, standby: Bool) -> CostResults {
        var results = CostResults()
        func part(_ name: String, _ body: () throws -> Void) {
            do { try body() } catch {
                let first = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
                say("\(name): failed: \(error)")
                results.notes.append("\(name): failed: \(first)")
            }
        }
        part("rollups") { _ = try RollupBench.catchUp(admin) }
        say("console cost on the database, \(Int(seconds)) s windows (\(Int(steadySeconds)) s for the steady cases), as \(user) (pg_stat_statements):")
        part("idle panes") { results.idle = try idlePanes() }
        part("overview with writes") { results.withWrites = try overviewWithWrites() }
        part("\(consoles) consoles") { results.many = try manyOnOverview(count: consoles) }
        if standby {
            part("standby") {
                let browse = try standbyBrowse()
                results.standbyPrimary = browse.primary
                results.standbyStandby = browse.standby
                results.standbyPrimaryStatements = browse.primaryStatements
            }
        } else {
            results.notes.append("standby: not run (BENCH_STANDBY=1 runs it; off by default above 1 M payments)")
        }
        part("catch-up after 24 h") {
            let c = try RollupBench.catchUpAfterDay(admin)
            results.catchUpDay = CatchUp(milliseconds: c.milliseconds, steps: c.steps, rows: c.rows)
            say("rollup catch-up after 24 h without a maintainer: \(results.catchUpDay!.line)")
        }
        return results
    }
}
