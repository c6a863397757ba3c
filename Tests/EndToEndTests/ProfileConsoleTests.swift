import PaymentData
import Testing
import TestSupport

/// The real console in tmux on databases payops did not lay out: TicketToken's schema as seed 001 writes it, the
/// real multi-tenant one, and a platform without payops installed.
@Suite("end to end: the console on other platforms", .serialized)
struct ProfileConsoleTests {
    @Test("on seed 001's schema every pane opens, shows the platform's rows and says what the platform lacks")
    func ticketTokenPanes() throws {
        // Anchored at the test's clock, so the Overview's and Suspicious IPs' windows (up to now) hold the data.
        let conninfo = try TestCluster.shared.freshDatabase(fixture: "tickettoken", seeded: true, live: true)
        let figures = try ScreenFigures(conninfo)
        let admin = try PGConnection(conninfo)
        let newest = try admin.query("""
            SELECT left(p.id::text, 8), n.name FROM payops_read.payments p JOIN payops.venue_names n ON n.venue_id = p.venue_id
            ORDER BY p.created_at DESC, p.id DESC LIMIT 1
            """)[0]
        let shortID: String = try newest.decode(0)
        let tmux = try ConsolePaneTests.open(conninfo)
        defer { tmux.close() }
        try tmux.waitFor(text: "1 Overview")
        try ScreenFigures.wait(tmux, "the overview's 24 h", figures.overview)
        tmux.send("2")
        let transactions = try tmux.waitForSettled("the newest payment") { $0.contains(shortID) && $0.contains("INTENT") }
        #expect(transactions.contains("$"))
        tmux.send("3")
        try tmux.waitFor(text: "no payment_events table in this database")
        tmux.send("4")
        try tmux.waitFor(text: "failed attempts are fraud checks decided decline or challenge")
        try ScreenFigures.wait(tmux, "the attackers' fraud checks in the last hour") { try figures.suspiciousIPs($0, windowSeconds: 3600) }
        tmux.send("5")
        try tmux.waitFor("queues") { $0.contains("dead letters") && !$0.contains("loading…") }
        tmux.send("6")
        let venues = try tmux.waitFor("venues") { $0.contains("PAYABLE") && !$0.contains("loading…") }
        #expect(!venues.contains("no venue names"), "the demo names its venues in payops.venue_names")
        tmux.send("2")
        try tmux.waitFor(text: shortID)
        tmux.send("Enter")
        let detail = try tmux.waitFor(text: "Timeline (")
        #expect(detail.contains(shortID))
        #expect(!detail.contains("database error"))
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("on the multi-tenant schema the console asks for a tenant, lists them, and :tenant shows that tenant's rows")
    func tenantPrompt() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.ticketTokenRLSSeeded)
        let tmux = try ConsolePaneTests.open(conninfo)
        defer { tmux.close() }
        let prompt = try tmux.waitFor(text: "this database isolates tenants and none is chosen")
        #expect(prompt.contains("no tenant"))
        #expect(prompt.contains("00000000…000a"))
        tmux.send(":")
        tmux.send("tenant 00000000-0000-4000-8000-00000000000b", literal: true)
        tmux.send("Enter")
        try tmux.waitFor(text: "tenant 00000000…000b")
        tmux.send("2")
        let rows = try tmux.waitFor("tenant b's payments") { $0.contains("INTENT") && !$0.contains("loading…") }
        #expect(!rows.contains("isolates tenants"))
        let admin = try PGConnection(conninfo)
        let newestB: String = try admin.query("""
            SELECT left(id::text, 8) FROM payment_transactions WHERE tenant_id = '00000000-0000-4000-8000-00000000000b'
            ORDER BY created_at DESC, id DESC LIMIT 1
            """)[0].decode(0)
        let newestOther: String = try admin.query("""
            SELECT left(id::text, 8) FROM payment_transactions WHERE tenant_id <> '00000000-0000-4000-8000-00000000000b'
            ORDER BY created_at DESC, id DESC LIMIT 1
            """)[0].decode(0)
        #expect(rows.contains(newestB))
        #expect(!rows.contains(newestOther))
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("a database without payops opens read-only with one line saying what to run, and no pane loading")
    func notInstalled() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.empty)
        try PGConnection(conninfo).execute(Profile.tickettoken.fixtures[0].sql)
        let tmux = try ConsolePaneTests.open(conninfo)
        defer { tmux.close() }
        let screen = try tmux.waitFor(text: "payops is not installed in this database")
        #expect(screen.contains("[RO]"))
        #expect(screen.contains("payops db detect"))
        tmux.send("2")
        let transactions = try tmux.waitFor(text: "Transactions")
        #expect(!transactions.contains("loading…"))
        #expect(transactions.contains("payops db install"))
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }
}

/// Every profile's demo in the real console, anchored at the test's clock: each pane shows the figures the read model
/// gives now (the Overview's 24 h header, the top attacker in Suspicious IPs' hour, the newest payment), or the line
/// that says why the platform has none.
@Suite("end to end: every profile's demo in the console")
struct EveryProfileConsoleTests {
    @Test("each pane opens without an error and shows the profile's figures", arguments: Profile.fixtureNames.filter { !$0.hasSuffix("-rls") })
    func panes(_ fixture: String) throws {
        let conninfo = fixture == Profile.canonical.name
            ? try TestCluster.shared.freshDatabase(.seededLive)
            : try TestCluster.shared.freshDatabase(fixture: fixture, seeded: true, live: true)
        let figures = try ScreenFigures(conninfo)
        func has(_ relation: String) throws -> Bool {
            try figures.db.query("SELECT EXISTS (SELECT 1 FROM payops_read.\(relation))")[0].decode(0)
        }
        // A platform that records no client address (stripe-service) has nothing to list; the pane says so.
        let addresses = try has("ip_attempts")
        // Where a failed attempt is a whole order (wallets: one per order, from its metadata), an attacker's burst
        // of four stays under the default threshold (more than 10); the test lowers it with `[` as an operator would.
        let threshold = min(10, max(1, try figures.mostAttempts(windowSeconds: 3600) - 1))
        let events = try has("events")
        let tmux = try ConsolePaneTests.open(conninfo)
        defer { tmux.close() }
        try tmux.waitFor(text: "1 Overview")
        let checks: [(String, String, ((String) throws -> [String])?)] = [
            ("1", "Overview", figures.overview), ("2", "Transactions", figures.transactions),
            ("3", "Audit trail", events ? figures.auditTrail : nil),
            ("4", "Suspicious IPs", addresses ? { try figures.suspiciousIPs($0, windowSeconds: 3600, threshold: threshold) } : nil),
            ("5", "Queues", figures.queues), ("6", "Venues", figures.venues),
        ]
        for (key, title, check) in checks {
            tmux.send(key)
            if title == "Suspicious IPs" && addresses && threshold < 10 {
                try ConsolePaneTests.waitLoaded(tmux, title, "\(fixture): ")
                for _ in threshold..<10 { tmux.send("[") }
            }
            var screen = try ConsolePaneTests.waitLoaded(tmux, title, "\(fixture): ")
            if let check { screen = try ScreenFigures.wait(tmux, "\(fixture) \(title)", check) }
            #expect(!screen.contains("database error"), "\(fixture) \(title):\n\(screen)")
            if title == "Suspicious IPs" && !addresses {
                #expect(screen.contains("no address has more than 10 failed events in the last 1h"), "\(fixture):\n\(screen)")
            }
        }
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }
}
