import Foundation
import PaymentData
import Testing
import TestSupport

/// Issue 12, item 2: a live refresh asks only when something changed. The server logs every statement of the
/// console's login in the test's database (log_statement), and the test reads, by the console's backend pid, what
/// the idle Overview sent: change probes, and no full read while nothing changes; then a payment changes status
/// and the Overview shows the database's new figures, through a full read.
@Suite("change probes", .serialized)
struct ChangeProbeTests {
    static let login = "e2e_probe_viewer"

    @Test("an idle Overview sends only its change probe; a changed payment brings the full read and the new figures")
    func idleOverviewProbesOnly() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seededLive)
        let admin = try PGConnection(conninfo)
        defer { admin.close() }
        try admin.execute("""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(Self.login)') THEN
                    CREATE ROLE \(Self.login) LOGIN IN ROLE payops_viewer;
                END IF;
            END $$
            """)
        let database: String = try admin.query("SELECT current_database()::text")[0].decode(0)
        try admin.execute("ALTER ROLE \(Self.login) IN DATABASE \(database) SET log_statement = 'all'")
        let log = "\(try TestCluster.shared.server().directory)/server.log"

        let dsn = conninfo.replacingUser(Self.login)
        let tmux = try TmuxSession("sh -c 'XDG_CONFIG_HOME=/nonexistent \(payopsBinary()) --dsn \"\(dsn)\"; s=$?; echo payops-exited-$s; exit $s'",
                                   width: 160, height: 50)
        defer { tmux.close() }
        let figures = try ScreenFigures(conninfo)
        try ScreenFigures.wait(tmux, "the Overview", seconds: 30) { try figures.overview($0) }
        let pid: Int32 = try admin.query("""
            SELECT pid FROM pg_stat_activity WHERE usename = $1 AND datname = current_database() ORDER BY backend_start LIMIT 1
            """, [Self.login])[0].decode(0)

        // Idle: at least two live refreshes (every 2 s, or 100× the last read), each only a probe.
        let idleFrom = Self.size(log)
        sleep(9)
        let idle = try Self.statements(log, from: idleFrom, pid: pid)
        let probes = idle.filter { $0.contains("concat_ws('|'") }.count
        let fullReads = idle.filter { $0.contains("'over_refunded'") }.count
        #expect(probes >= 2, "the idle Overview sent \(probes) change probes in 9 s:\n\(idle.joined(separator: "\n"))")
        #expect(fullReads == 0, "the idle Overview read itself whole \(fullReads) times although nothing changed")

        // A payment in the window changes status: the next probe sees it, the full read follows, the figures agree.
        let changedFrom = Self.size(log)
        let changed = try admin.query("""
            UPDATE payment_transactions SET status = 'completed', updated_at = now()
            WHERE id = (SELECT id FROM payment_transactions WHERE status IN ('pending', 'processing')
                          AND created_at > now() - interval '23 hours' ORDER BY created_at DESC LIMIT 1)
            RETURNING id
            """)
        try #require(changed.count == 1, "no pending payment in the last 23 hours to complete")
        try ScreenFigures.wait(tmux, "the Overview after the change", seconds: 15) { try figures.overview($0) }
        let after = try Self.statements(log, from: changedFrom, pid: pid)
        #expect(after.contains { $0.contains("'over_refunded'") }, "no full read of the Overview after the change")
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    static func size(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// The log's lines from byte `offset` on, those of backend `pid` and the continuation lines after them.
    static func statements(_ path: String, from offset: Int, pid: Int32) throws -> [String] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw TestClusterError("cannot read \(path)") }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        var lines: [String] = []
        var ours = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first?.isNumber == true { ours = line.contains("[\(pid)]") }   // a new entry: "2026-… [pid] LOG: …"
            if ours { lines.append(String(line)) }
        }
        return lines
    }
}
