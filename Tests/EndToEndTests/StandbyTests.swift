import PaymentData
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Reads from a real streaming standby, actions on the primary (`--read-dsn`): the real binary in tmux against a
/// throwaway primary and a `pg_basebackup -R` standby of it (StandbyPair), each server's `pg_stat_statements`
/// telling which server ran what. Every wait is bounded; the pair is removed at the end, also on failure.
@Suite("end to end: reads from a standby, actions on the primary", .serialized)
struct StandbyTests {
    /// The console on the pair's primary, reading from its standby (`--read-dsn`, or with `configured`, `read_dsn`
    /// and `read_fallback = true` in a config.toml of its own); `dsn` replaces both DSNs' arguments.
    static func open(_ pair: StandbyPair, flags: String = "", configured: Bool = false, dsn: String? = nil) throws -> TmuxSession {
        var config = "/nonexistent"
        var arguments = "--dsn \"\(pair.primaryDSN)\" --read-dsn \"\(pair.standbyDSN)\""
        if configured {
            config = "\(pair.primary.directory)/config"
            mkdir(config, 0o755)
            mkdir("\(config)/payops", 0o755)
            let text = "# reads from the standby\nread_dsn = \"\(pair.standbyDSN)\"\nread_fallback = true\nread_lag_limit = 30\n"
            guard let file = fopen("\(config)/payops/config.toml", "w") else { throw TestClusterError("cannot write config.toml") }
            fputs(text, file)
            fclose(file)
            arguments = "--dsn \"\(pair.primaryDSN)\""
        }
        let tmux = try TmuxSession("sh -c 'XDG_CONFIG_HOME=\(config) \(payopsBinary()) \(dsn ?? arguments)\(flags); s=$?; echo payops-exited-$s; exit $s'",
                                   width: 200, height: 45)
        try ConsolePaneTests.waitLoaded(tmux, "Overview")
        return tmux
    }

    /// A completed USD payment with nothing refunded, on the primary.
    static func refundablePayment(_ pair: StandbyPair) throws -> PGUUID {
        try PGConnection(pair.primaryDSN).query("""
            SELECT p.id FROM payment_transactions p
            WHERE p.status = 'completed' AND p.currency = 'USD' AND p.amount >= 5000
              AND NOT EXISTS (SELECT 1 FROM payment_refunds r WHERE r.transaction_id = p.id)
            ORDER BY p.id LIMIT 1 OFFSET $1
            """, [Int.random(in: 0..<20)])[0].decode(0)
    }

    /// Opens the payment's detail, refunds all of it (Ctrl-F fills the remainder) and waits for the console's receipt.
    static func refund(_ tmux: TmuxSession, _ payment: PGUUID) throws -> String {
        tmux.send(":")
        tmux.send("tx \(payment.string)", literal: true)
        tmux.send("Enter")
        try tmux.waitFor("the payment's detail", seconds: 30) { $0.contains("Timeline (") && !$0.contains("loading…") }
        tmux.send("r")
        try tmux.waitFor("the refund form with its preview", seconds: 30) { $0.contains("┌─ Refund") && $0.contains("Ctrl-F: all ") }
        tmux.send("C-f")
        try tmux.waitFor("the amount filled in") { screen in
            screen.contains(/Amount    [0-9]/)
        }
        tmux.send("Enter")
        try tmux.waitFor(text: "[ Cancel ]", seconds: 30)
        tmux.send("Right")
        try tmux.waitFor("focus on the refund button") { _ in flowHighlighted("[ Refund ", in: tmux.styledScreen()) }
        tmux.send("Enter")
        return try tmux.waitFor(text: "✓ refund ", seconds: 30)
    }

    /// Waits for the payment's timeline to show the refund just made.
    static func waitRefundShown(_ tmux: TmuxSession, seconds: Double = 10) throws -> String {
        try tmux.waitForSettled("the refund in the pane", seconds: seconds) {
            $0.contains("✓ refund ") && $0.contains("refund.requested") && !$0.contains("loading…")
        }
    }

    @Test("every pane reads the standby; the refund, its preview and its commit position go to the primary")
    func readsOnStandby() throws {
        let pair = try StandbyPair()
        defer { pair.stop() }
        let payment = try Self.refundablePayment(pair)
        try StandbyPair.resetStatements(pair.primary)
        try StandbyPair.resetStatements(pair.standby)
        let tmux = try Self.open(pair)
        defer { tmux.close() }
        let header = try tmux.waitFor(text: "reads local:\(pair.standby.port) lag ")
        #expect(header.contains("actions postgres@local:\(pair.primary.port) │ reads local:\(pair.standby.port) lag "), "\(header)")
        for (key, title) in [("2", "Transactions"), ("3", "Audit trail"), ("4", "Suspicious IPs"), ("5", "Queues"), ("6", "Venues")] {
            tmux.send(key)
            try ConsolePaneTests.waitLoaded(tmux, title)
        }
        _ = try Self.refund(tmux, payment)
        _ = try Self.waitRefundShown(tmux)
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")

        let onPrimary = try StandbyPair.statements(pair.primary)
        let onStandby = try StandbyPair.statements(pair.standby)
        let paneReads = onStandby.filter { $0.contains("payops_read.") }
        #expect(paneReads.count >= 6, "the standby ran the panes' reads; it ran:\n\(onStandby.sorted().joined(separator: "\n---\n"))")
        #expect(onPrimary.isDisjoint(with: onStandby),
                "a statement ran on both servers:\n\(onPrimary.intersection(onStandby).sorted().joined(separator: "\n---\n"))")
        #expect(!onPrimary.contains { $0.contains("payops_read.") && !$0.contains("payops_read.notes") && !$0.contains("WHERE p.id = $1::uuid") },
                "only the refund form's preview reads the read model on the primary:\n\(onPrimary.sorted().joined(separator: "\n---\n"))")
        #expect(onPrimary.contains { $0.contains("payops.refund(") }, "the refund ran on the primary")
        #expect(onPrimary.contains { $0.contains("pg_current_wal_insert_lsn") }, "its commit position was read on the primary")
        #expect(onStandby.contains { $0.contains("pg_last_wal_replay_lsn() >=") }, "the standby was asked whether it had replayed it")
        #expect(!onStandby.contains { $0.contains("payops.refund(") })
    }

    /// The standby applies commits 0.5 s late (`recovery_min_apply_delay`), so a read right after the refund would
    /// miss it; live refresh is paused, so only the read the action itself triggers can show it. Then 5 s late:
    /// past the 2 s limit, that read goes to the primary once and the status line says so.
    @Test("an action's effect is in the pane right after it: the read waits for the standby to replay it, or reads the primary once")
    func readYourWrites() throws {
        let pair = try StandbyPair()
        defer { pair.stop() }
        try pair.setApplyDelay("500ms")
        let tmux = try Self.open(pair)
        defer { tmux.close() }
        tmux.send("P")
        try tmux.waitFor(text: "⏸ paused")

        let first = try Self.refundablePayment(pair)
        _ = try Self.refund(tmux, first)
        let waited = try Self.waitRefundShown(tmux)
        #expect(!waited.contains("read from the primary"), "the standby replayed it within the limit:\n\(waited)")

        try pair.setApplyDelay("5s")
        var second = try Self.refundablePayment(pair)
        while second == first { second = try Self.refundablePayment(pair) }
        _ = try Self.refund(tmux, second)
        let fallback = try Self.waitRefundShown(tmux)
        #expect(fallback.contains("read from the primary: the standby had not replayed it within 2 s"), "\(fallback)")
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("the standby stops mid-session: the header says so; without fallback the panes wait and the primary gets no read, then it is back; with fallback (from config.toml) the primary is read")
    func standbyLost() throws {
        let pair = try StandbyPair()
        defer { pair.stop() }
        let standby = "local:\(pair.standby.port)"
        do {
            let tmux = try Self.open(pair)
            defer { tmux.close() }
            tmux.send("2")
            try ConsolePaneTests.waitLoaded(tmux, "Transactions")
            try pair.standby.halt()
            try StandbyPair.resetStatements(pair.primary)
            let lost = try tmux.waitFor("the standby lost", seconds: 15) {
                $0.contains("reads ⚠ standby \(standby) lost: reconnecting; reads wait for it")
                    && $0.contains("the standby the panes read from (\(standby)) is lost — reconnecting")
            }
            #expect(!lost.contains("INTENT"), "the panes no longer show the standby's rows as current:\n\(lost)")
            for (key, title) in [("3", "Audit trail"), ("6", "Venues")] {
                tmux.send(key)
                try tmux.waitFor("\(title) asked for") { $0.split(separator: "\n").dropFirst(2).first?.hasPrefix(title) == true }
            }
            tmux.send("R")
            try tmux.waitForSettled("still waiting for the standby") { $0.contains("is lost — ") }
            let onPrimary = try StandbyPair.statements(pair.primary)
            #expect(onPrimary.isEmpty, "no read went to the primary:\n\(onPrimary.sorted().joined(separator: "\n---\n"))")

            try pair.standby.resume()
            let back = try tmux.waitFor("the standby back", seconds: 60) { $0.contains("standby back") && $0.contains("PAYABLE") }
            #expect(!back.contains("is lost —"), "\(back)")
            tmux.send("q")
            try tmux.waitForTranscript(text: "payops-exited-0")
        }
        try pair.waitStreaming()

        let tmux = try Self.open(pair, configured: true)     // read_dsn and read_fallback = true in config.toml
        defer { tmux.close() }
        try pair.standby.halt()
        try StandbyPair.resetStatements(pair.primary)
        try tmux.waitFor(text: "reads ⚠ standby \(standby) lost: reading the primary", seconds: 15)
        tmux.send("6")
        let venues = try ConsolePaneTests.waitLoaded(tmux, "Venues")
        #expect(venues.contains("PAYABLE"), "\(venues)")
        let onPrimary = try StandbyPair.statements(pair.primary)
        #expect(onPrimary.contains { $0.contains("payops_read.") }, "the reads went to the primary:\n\(onPrimary.sorted().joined(separator: "\n---\n"))")
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("libpq multi-host DSNs: target_session_attrs picks the primary for actions and the standby for reads")
    func multiHost() throws {
        let pair = try StandbyPair()
        defer { pair.stop() }
        let hosts = "host=\(pair.standby.directory)/sock,\(pair.primary.directory)/sock port=\(pair.standby.port),\(pair.primary.port)"
        let reversed = "host=\(pair.primary.directory)/sock,\(pair.standby.directory)/sock port=\(pair.primary.port),\(pair.standby.port)"
        let common = "user=postgres dbname=\(pair.database)"
        // The standby is listed first for actions and last for reads: each lane still finds its server.
        let tmux = try Self.open(pair, dsn: "--dsn \"\(hosts) \(common) target_session_attrs=read-write\" "
                                 + "--read-dsn \"\(reversed) \(common) target_session_attrs=prefer-standby\"")
        defer { tmux.close() }
        let screen = try tmux.waitFor(text: "reads local:\(pair.standby.port) lag ")
        #expect(screen.contains("actions postgres@local:\(pair.primary.port) │ reads local:\(pair.standby.port) lag "), "\(screen)")
        #expect(screen.contains("[RW]"), "\(screen)")
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("a read server that cannot be reached at start: exit 1 with libpq's reason and a hint, no console; a bad lag limit is refused")
    func unreachableReadServer() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let run = runPayops(["--dsn", conninfo, "--read-dsn", "host=/nonexistent-payops-standby port=5999 connect_timeout=2"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("payops: cannot connect to the read server (--read-dsn):"), "\(run)")
        #expect(run.stderr.contains("/nonexistent-payops-standby"), "libpq's reason names the server:\n\(run)")
        #expect(run.stderr.contains("hint: "), "\(run)")
        let limit = runPayops(["--dsn", conninfo, "--read-dsn", conninfo, "--read-lag-limit", "0"])
        #expect(limit.status == 1 && limit.stderr.contains("--read-lag-limit must be above 0 seconds"), "\(limit)")
    }

    @Test("the standby's network goes silent under a read: the header shows what waits, and q still quits within a second")
    func silentStandby() throws {
        let pair = try StandbyPair()
        defer { pair.stop() }
        let network = try SilentNetwork(forwardTo: "\(pair.standby.directory)/sock/.s.PGSQL.\(pair.standby.port)")
        defer { network.stop() }
        let tmux = try Self.open(pair, dsn: "--dsn \"\(pair.primaryDSN)\" --read-dsn \"\(network.conninfo(database: pair.database))\"")
        defer { tmux.close() }
        network.goSilent()
        tmux.send("2")   // a read the standby will never answer
        try tmux.waitFor(text: "transactions.page")
        let start = monotonicMilliseconds()
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0", seconds: 5)
        let elapsed = monotonicMilliseconds() - start
        #expect(elapsed < 1_500, "quit took \(elapsed) ms")
    }

    /// Bounded by the console's own limit: a read with no answer for 35 s gives the connection up (about 45 s here).
    @Test("a standby that stops answering is given up after the read limit; with fallback the pane then loads from the primary")
    func silentStandbyFallback() throws {
        let pair = try StandbyPair()
        defer { pair.stop() }
        let network = try SilentNetwork(forwardTo: "\(pair.standby.directory)/sock/.s.PGSQL.\(pair.standby.port)")
        defer { network.stop() }
        let tmux = try Self.open(pair, dsn: "--dsn \"\(pair.primaryDSN)\" --read-dsn \"\(network.conninfo(database: pair.database))\" --read-fallback")
        defer { tmux.close() }
        network.goSilent()
        tmux.send("2")
        try tmux.waitFor(text: "transactions.page")
        let loaded = try tmux.waitFor("the pane from the primary", seconds: 60) {
            $0.contains("lost: reading the primary") && $0.contains("INTENT") && !$0.contains("loading…")
        }
        #expect(loaded.contains("no answer from the server for 35 s"), "\(loaded)")
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0", seconds: 5)
    }

    @Test("a lagging standby is shown: replay paused past --read-lag-limit, the header warns; resumed, the warning goes")
    func laggingStandby() throws {
        let pair = try StandbyPair()
        defer { pair.stop() }
        let primary = try PGConnection(pair.primaryDSN)
        try primary.execute("CREATE TABLE lag_marks (at timestamptz DEFAULT now())")
        try pair.waitReplayed()     // a replayed commit dates the lag from now on
        let tmux = try Self.open(pair, flags: " --read-lag-limit 1")
        defer { tmux.close() }
        let standby = "reads local:\(pair.standby.port)"
        try tmux.waitFor(text: "\(standby) lag 0.0 s")
        let replica = try PGConnection(pair.standbyDSN)
        try replica.query("SELECT pg_wal_replay_pause() AS harness")
        defer { _ = try? replica.query("SELECT pg_wal_replay_resume() AS harness") }
        try primary.execute("INSERT INTO lag_marks DEFAULT VALUES")
        let lagging = try tmux.waitFor("the lag warning", seconds: 15) { $0.contains("\(standby) ⚠ lag ") && $0.contains("(limit 1.0 s)") }
        #expect(!lagging.contains("\(standby) lag 0.0 s"), "\(lagging)")
        try replica.query("SELECT pg_wal_replay_resume() AS harness")
        try tmux.waitFor(text: "\(standby) lag 0.0 s", seconds: 15)
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("payops demo --standby: the console reads from a streaming standby of the demo server; q removes both")
    func demoStandby() throws {
        let tmux = try TmuxSession("sh -c 'XDG_CONFIG_HOME=/nonexistent \(payopsBinary()) demo --standby --transactions 1500; s=$?; echo payops-exited-$s; exit $s'",
                                   width: 200, height: 45)
        defer { tmux.close() }
        let screen = try tmux.waitFor("the console on the demo with its standby", seconds: 120) {
            $0.contains("│ actions postgres@local:") && $0.contains("│ reads local:") && $0.contains(" lag ")
        }
        #expect(screen.contains("[RW]"), "\(screen)")
        tmux.send("q")
        let transcript = try tmux.waitForTranscript(text: "payops-exited-0", seconds: 60)
        let directories = transcript.split(separator: "\n").compactMap { line -> String? in
            guard let open = line.lastIndex(of: "("), line.hasSuffix(")"), line[open...].hasPrefix("(/tmp/payops-pg-") else { return nil }
            return String(line[line.index(after: open)..<line.index(before: line.endIndex)])
        }
        #expect(directories.count == 2, "the demo's server and its standby:\n\(transcript)")
        for directory in directories {
            #expect(DemoCommandTests.waitGone(directory, seconds: 15), "\(directory) is removed")
        }
    }
}
