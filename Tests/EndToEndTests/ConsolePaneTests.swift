import PaymentData
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite("end to end: panes, filters, drill-down, resize, export", .serialized)
struct ConsolePaneTests {
    static func open(_ conninfo: String, exportDirectory: String = "/tmp", width: Int = 160, height: Int = 45) throws -> TmuxSession {
        try TmuxSession("sh -c 'PAYOPS_EXPORT_DIR=\(exportDirectory) XDG_CONFIG_HOME=/nonexistent \(payopsBinary()) --dsn \"\(conninfo)\"; echo payops-exited-$?'",
                        width: width, height: height)
    }

    @Test("every pane opens with its digit key and shows data")
    func everyPane() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let tmux = try Self.open(conninfo)
        defer { tmux.close() }
        try tmux.waitFor(text: "1 Overview")
        let expectations: [(String, String)] = [("1", "Overview"), ("2", "Transactions"), ("3", "Audit trail"),
                                                ("4", "Suspicious IPs"), ("5", "Queues"), ("6", "Venues")]
        for (key, title) in expectations {
            tmux.send(key)
            let screen = try tmux.waitFor("\(title) loaded") { screen in
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                return lines.count > 4 && lines[2].hasPrefix(title) && !screen.contains("loading…")
            }
            #expect(!screen.contains("database error"), "\(title): \(screen)")
        }
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("filter transactions, drill into one, see its timeline, go back")
    func filterAndDrillDown() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let tmux = try Self.open(conninfo)
        defer { tmux.close() }
        tmux.send("2")
        try tmux.waitFor(text: "INTENT")
        tmux.send("/")
        tmux.send("status:failed", literal: true)
        tmux.send("Enter")
        let filtered = try tmux.waitFor("failed rows") { screen in
            screen.contains("filter: status:failed") && screen.contains(" failed ")
                && !screen.contains(" completed ")
        }
        #expect(!filtered.contains(" pending "))
        tmux.send("Enter")
        let detail = try tmux.waitFor(text: "Timeline (")
        #expect(detail.contains("payment.created"))
        #expect(detail.contains("refundable"))
        #expect(detail.contains("Transactions › "))
        tmux.send("Escape")
        try tmux.waitFor("back at the list") { $0.contains("INTENT") && !$0.contains("Timeline (") }
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("a too-small terminal gets a clear screen and recovers when enlarged")
    func resize() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let tmux = try Self.open(conninfo, width: 120, height: 40)
        defer { tmux.close() }
        tmux.send("2")
        try tmux.waitFor(text: "INTENT")
        tmux.resize(width: 40, height: 10)
        let small = try tmux.waitFor(text: "too small")
        #expect(small.contains("60×15"))
        tmux.resize(width: 120, height: 40)
        try tmux.waitFor("recovered") { $0.contains("INTENT") && !$0.contains("too small") }
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("Ctrl-S exports every row matching the filter, identical to psql's CSV for the same filter")
    func exportMatchesPsql() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        var template = Array("/tmp/payops-export-XXXXXX".utf8CString)
        let directory = String(cString: mkdtemp(&template)!)
        defer { _ = Subprocess.run(["rm", "-rf", directory]) }
        let tmux = try Self.open(conninfo, exportDirectory: directory)
        defer { tmux.close() }
        tmux.send("2")
        try tmux.waitFor(text: "INTENT")
        tmux.send("/")
        tmux.send("status:refunded,failed", literal: true)
        tmux.send("Enter")
        try tmux.waitFor(text: "filter: status:refunded,failed")
        tmux.send("C-s")
        let screen = try tmux.waitFor(text: "exported ")
        let files = Subprocess.run(["sh", "-c", "ls \(directory)/transactions-*.csv"]).output.split(separator: "\n")
        #expect(files.count == 1)
        let exported = Subprocess.run(["cat", String(files.first ?? "")]).output.replacingCRLF()
        let psql = Subprocess.run(["psql", conninfo, "-X", "-q", "-c", Self.psqlCopy])
        #expect(psql.succeeded, "\(psql.output)")
        #expect(exported == psql.output, "the export differs from psql's output")
        let rows = exported.split(separator: "\n").count - 1
        #expect(rows > 50, "the export streams every matching row, not one screen")
        #expect(screen.contains("exported \(rows) rows") || screen.contains("exported \(Self.grouped(rows)) rows"))
        tmux.send("q")
    }

    static func grouped(_ n: Int) -> String {
        n >= 1000 ? "\(n / 1000),\(String(repeating: "0", count: 3 - String(n % 1000).count))\(n % 1000)" : "\(n)"
    }

    /// The same rows and columns as the Transactions export, formatted by PostgreSQL.
    static let psqlCopy = """
        COPY (SELECT t.id, to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at,
                     t.venue_id, v.name AS venue, t.user_id,
                     to_char(t.amount / 100.0, 'FM999999999999990.00') AS amount, t.currency,
                     to_char(t.platform_fee / 100.0, 'FM999999999999990.00') AS platform_fee,
                     to_char(t.tax_amount / 100.0, 'FM999999999999990.00') AS tax_amount, t.status,
                     t.stripe_payment_intent_id
              FROM payment_transactions t JOIN venues v ON v.id = t.venue_id
              WHERE t.status IN ('refunded', 'failed')
              ORDER BY t.created_at DESC, t.id DESC) TO STDOUT WITH (FORMAT csv, HEADER true)
        """
}

extension String {
    func replacingCRLF() -> String { split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n") }
}
