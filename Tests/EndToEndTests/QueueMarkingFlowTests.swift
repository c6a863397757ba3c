import PaymentData
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Marking rows and acting on all of them, and exports, as a person does them: the real `payops` binary in tmux
/// against a fresh seeded database, keys pressed, the screen read, the database and the files checked afterwards.
@Suite("end to end: marking rows, bulk retry with its dry run, exports", .serialized)
struct QueueMarkingFlowTests {
    static let oncall = "e2e_q_oncall"

    /// nil once the role exists; otherwise why it could not be made.
    static let setupFailure: String? = {
        do {
            let db = try TestCluster.shared.connect(.migrated)
            defer { db.close() }
            _ = try db.query("SELECT payops.create_operator($1, 'oncall')", [oncall])
            return nil
        } catch {
            return "\(error)"
        }
    }()

    static func open(_ conninfo: String, environment: String) throws -> TmuxSession {
        let tmux = try TmuxSession("sh -c '\(environment) XDG_CONFIG_HOME=/nonexistent \(payopsBinary()) --dsn \"\(conninfo)\"; s=$?; echo payops-exited-$s; exit $s'",
                                   width: 160, height: 50)
        try tmux.waitFor("the console", seconds: 30) { $0.contains("1 Overview") }
        return tmux
    }

    @Test("on-call marks failed webhooks (Space), sees the dry run, a set changed meanwhile is refused whole, then exactly the set is retried")
    func markAndRetry() throws {
        if let failure = Self.setupFailure { throw PGError(.connection, message: "operator role: \(failure)") }
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let admin = try PGConnection(conninfo)
        // The pane's order: oldest first.
        let failed: [PGUUID] = try admin.query("""
            SELECT id FROM webhook_inbox WHERE status = 'failed' ORDER BY received_at, id LIMIT 3
            """).map { try $0.decode(0) }
        try #require(failed.count == 3, "the demo has failed webhooks")
        func failedCount() throws -> Int64 { try admin.query("SELECT count(*) FROM webhook_inbox WHERE status = 'failed'")[0].decode(0) }
        let before = try failedCount()

        let tmux = try Self.open(conninfo.replacingUser(Self.oncall), environment: "PAYOPS_EXPORT_DIR=/tmp")
        defer { tmux.close() }
        tmux.send("5")
        try tmux.waitFor(text: "webhooks processing", seconds: 30)
        tmux.send("j")
        tmux.send("j")
        try tmux.waitForSettled("the failed webhooks' error groups") { $0.contains(" webhooks failed by error") }
        tmux.send("Enter")
        try tmux.waitForSettled("the failed webhooks") { $0.contains("RECEIVED") && $0.contains("Webhooks failed") && !$0.contains("loading…") }
        tmux.send("Space")
        tmux.send("Space")
        // Settled: a capture taken mid-frame once had the title's "2 marked" over the status line's "1 marked" (CI).
        let marked = try tmux.waitForSettled("two rows marked") {
            $0.contains("Webhooks failed · 2 marked") && $0.contains("marked · 2 marked (U unmarks all)")
        }
        #expect(marked.contains("marked · 2 marked (U unmarks all)"), "\(marked)")
        #expect(marked.split(separator: "\n").filter { $0.hasPrefix("● ") }.count == 2, "two rows carry the mark:\n\(marked)")

        // r: the dry run, then the dialog with exactly the marked ids; Esc writes nothing.
        tmux.send("r")
        var dialog = try tmux.waitFor(text: "[ Retry 2 ]", seconds: 30)
        #expect(dialog.contains("Dry run: 2 of 2 webhooks marked are failed and would go back to pending"), "\(dialog)")
        #expect(dialog.contains("ids \(failed[0].short), \(failed[1].short)"), "\(dialog)")
        #expect(try failedCount() == before, "a dry run writes nothing")
        tmux.send("Escape")
        try tmux.waitFor("the dialog closed") { $0.contains("cancelled; nothing changed") && !$0.contains("[ Retry 2 ]") }

        // Again; while the dialog is open, another worker processes one of them: the whole set is refused.
        tmux.send("r")
        try tmux.waitFor(text: "[ Retry 2 ]", seconds: 30)
        _ = try admin.query("UPDATE webhook_inbox SET status = 'processed' WHERE id = $1", [failed[1]])
        tmux.send("Right")
        tmux.send("Enter")
        let refused = try tmux.waitFor(text: "refused (PX030)", seconds: 30)
        #expect(refused.contains("is processed now"), "\(refused)")
        #expect(try failedCount() == before - 1, "nothing of the set was retried")
        #expect(try admin.query("SELECT count(*) FROM payops.operator_actions")[0].decode(0, as: Int64.self) == 0)

        // The refusal closed the dialog; the dry run again: the processed one is left out and named; confirm retries
        // exactly the other.
        #expect(!refused.contains("[ Retry 2 ]"), "\(refused)")
        tmux.send("r")
        dialog = try tmux.waitFor(text: "[ Retry 1 ]", seconds: 30)
        #expect(dialog.contains("Dry run: 1 of 2 webhooks marked is failed"), "\(dialog)")
        #expect(dialog.contains("left out: \(failed[1].short) is processed"), "\(dialog)")
        tmux.send("Right")
        tmux.send("Enter")
        let done = try tmux.waitFor(text: "✓ 1 webhook pending again (\(failed[0].short))", seconds: 30)
        #expect(!done.contains("[ Retry 1 ]"), "\(done)")
        #expect(try admin.query("SELECT status FROM webhook_inbox WHERE id = $1", [failed[0]])[0].decode(0, as: String.self) == "pending")
        #expect(try admin.query("SELECT status FROM webhook_inbox WHERE id = $1", [failed[2]])[0].decode(0, as: String.self) == "failed",
                "an unmarked webhook is left alone")
        let audit = try admin.query("SELECT operator, action, request::text FROM payops.operator_actions")
        #expect(audit.count == 1)
        #expect(try audit[0].decode(0, as: String.self) == Self.oncall)
        #expect(try audit[0].decode(1, as: String.self) == "webhook.retry_set")
        #expect(try audit[0].decode(2, as: String.self).contains(failed[0].string))

        // Ctrl-Space marks a range from the last mark: in the dead letters.
        tmux.send("Escape")
        tmux.send("Escape")
        try tmux.waitFor(text: "webhooks processing")
        for _ in 0..<3 { tmux.send("j") }
        try tmux.waitForSettled("the dead letters' error groups") { $0.contains(" dead letters by error") }
        tmux.send("Enter")
        try tmux.waitForSettled("the dead letters") { $0.contains("MOVED") && $0.contains("Dead letters") && !$0.contains("loading…") }
        tmux.send("Space")
        tmux.send("j")
        tmux.send("j")
        tmux.send("C-Space")
        try tmux.waitFor(text: "Dead letters · 4 marked")
        tmux.send("U")
        try tmux.waitFor(text: "no row marked")
        tmux.send("q")
    }

    @Test("Ctrl-S from the Overview, Queues, Suspicious IPs and queue rows: files 0600 in $XDG_DATA_HOME/payops/exports (0700), control characters made harmless")
    func exports() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seededLive)
        let admin = try PGConnection(conninfo)
        // A dead letter whose error would clear a terminal that cats the file, and one a spreadsheet would run.
        _ = try admin.query("""
            INSERT INTO outbox_dlq (original_id, aggregate_id, aggregate_type, event_type, payload, attempts, last_error, moved_to_dlq_at)
            VALUES (1, gen_random_uuid(), 'payment', 'payment.completed', '{}', 5, E'boom \\x1b[2J\\x1b]52;c;eA==\\x07 gone', now() - interval '300 days'),
                   (2, gen_random_uuid(), 'payment', '=HYPERLINK("http://x")', '{}', 5, '@SUM(A1)', now() - interval '299 days')
            """)
        var template = Array("/tmp/payops-xdg-XXXXXX".utf8CString)
        let data = String(cString: mkdtemp(&template)!)
        defer { _ = Subprocess.run(["rm", "-rf", data]) }
        let directory = "\(data)/payops/exports"
        let tmux = try Self.open(conninfo, environment: "XDG_DATA_HOME=\(data)")
        defer { tmux.close() }

        func export(_ stem: String) throws -> String {
            tmux.send("C-s")
            try tmux.waitFor(text: "/\(stem)-", seconds: 30)
            let files = Subprocess.run(["sh", "-c", "ls \(directory)/\(stem)-*.csv"]).output.split(separator: "\n")
            #expect(files.count == 1, "\(stem): \(files)")
            let path = String(files.first ?? "")
            var info = stat()
            #expect(stat(path, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o600, "\(stem): mode \(String(info.st_mode & 0o777, radix: 8))")
            return Subprocess.run(["cat", path]).output
        }

        try ConsolePaneTests.waitLoaded(tmux, "Overview")
        let overview = try export("overview-24h")
        #expect(overview.hasPrefix("section,item,value,currency_or_sample,window,as_of\r\n"), "\(overview.prefix(200))")
        #expect(overview.contains("payments,total,"), "\(overview.prefix(400))")
        var info = stat()
        #expect(stat(directory, &info) == 0 && info.st_mode & 0o777 == 0o700, "the export directory is the operator's alone")

        tmux.send("4")
        try ConsolePaneTests.waitLoaded(tmux, "Suspicious IPs")
        let suspicious = try export("suspicious-ips-1h")
        #expect(suspicious.hasPrefix("ip,failed_payments_1h,failed_events_1h,distinct_users,distinct_cards,"), "\(suspicious.prefix(200))")
        #expect(suspicious.split(separator: "\r\n").count > 1, "the attackers of the live demo are listed:\n\(suspicious)")

        tmux.send("5")
        try ConsolePaneTests.waitLoaded(tmux, "Queues")
        let queues = try export("queues")
        #expect(queues.hasPrefix("queue,group,waiting,oldest,read_at\r\n"))
        #expect(queues.contains("webhooks failed,"), "\(queues)")
        #expect(queues.contains("dead letters,'@SUM(A1),1,"), "a formula in a group name is neutralised:\n\(queues)")

        for _ in 0..<5 { tmux.send("j") }
        try tmux.waitForSettled("the dead letters' error groups") { $0.contains(" dead letters by error") }
        tmux.send("Enter")
        try tmux.waitForSettled("the dead letters") { $0.contains("MOVED") && $0.contains("boom") && !$0.contains("loading…") }
        let rows = try export("queue-dead-letters")
        #expect(!rows.contains("\u{1b}") && !rows.contains("\u{07}"), "no control character reaches the file")
        #expect(rows.contains("boom ␛[2J␛]52;c;eA==␇ gone"), "they are shown as pictures:\n\(rows.prefix(600))")
        #expect(rows.contains(",'=HYPERLINK(\"\"http://x\"\"),") || rows.contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
                "a formula is neutralised:\n\(rows.prefix(600))")
        #expect(rows.contains(",'@SUM(A1),"), "\(rows.prefix(600))")
        tmux.send("q")
    }
}
